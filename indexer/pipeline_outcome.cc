// How a paper ends in this run, and how it is counted in the summary: indexed with text, from
// metadata only or failed; or, when its links all fail, with the text it (or its old id) had.
#include "common/schema.h"
#include "indexer/pipeline_impl.h"

namespace paper::pipeline_detail {
namespace {

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

}  // namespace

void Pipeline::finish_without_text(std::size_t i) {
  Item& item = items_[i];
  if (!options_.rebuild && item.old && item.old->state == schema::PaperState::kText &&
      !item.failures.empty()) {
    keep_indexed_text(i);
    return;
  }
  if (!options_.rebuild && !item.renamed_from.empty() && !item.failures.empty() &&
      !item.wrong_paper) {
    keep_text_of_renamed(i);
    return;
  }
  schema::StoredPaper s;
  s.paper = item.in.paper;
  s.lists = lists_of(item);
  s.state = schema::PaperState::kMetadataOnly;
  if (!item.failures.empty()) {
    s.reason = join(item.failures, "; ");
    if (item.wrong_paper && !item.in.paper.source.file.empty()) {
      s.reason += "; if a PDF is the right one after all, check the entry's title at " +
                  item.in.paper.source.to_string();
    }
    s.pdf_url = item.last_url;
  } else if (!item.skipped.empty()) {
    s.reason = "no link that could lead to a PDF (" + join(item.skipped, "; ") + ")";
    item.last_reason = "no link that could lead to a PDF";
  } else {
    s.reason = "the list entry has no link to the paper";
    item.last_reason = s.reason;
  }
  std::string reason = s.reason;
  put(i, std::move(s), "", Kind::kMetadata, reason);
}

// A paper indexed with text whose links all fail in this run (`--refresh`, an edited entry,
// a server down or answering 404) keeps its text, with its entry as it reads now. An edited
// entry keeps its old hash, so the next run tries its links again.
void Pipeline::keep_indexed_text(std::size_t i) {
  Item& item = items_[i];
  WriteJob job = refresh_job(i);
  job.entry_hash = item.old->entry_hash != item.entry_hash ? item.old->entry_hash : item.entry_hash;
  job.record = record_to_restore(item);
  job.record.title = item.in.paper.title;  // the entry as it reads now (a case edit, ...)
  job.record.reason =
      "kept the text indexed before; fetching it again failed: " + join(item.failures, "; ");
  write_queue_.push(std::move(job));
  ++summary_.unchanged;
  ++summary_.kept_text;
  notify_warning("paper " + item.in.paper.id + " ('" + item.in.paper.title +
                 "') keeps the text indexed before: its PDF could not be fetched again (" +
                 join(item.failures, "; ") + "); " +
                 (item.old->entry_hash != item.entry_hash
                      ? "the next run tries again"
                      : "run `paper-index build --refresh` again to try again"));
  notify_paper(
      PaperOutcome{Kind::kUnchanged, item.in.paper.id, item.in.paper.title, item.last_url, ""});
}

// A paper whose title was edited (a new id) and whose PDF cannot be fetched now takes the
// text its old id had, from the same link: an edit must not cost the text. It keeps the old
// entry's hash, so the next run fetches and checks its PDF again.
void Pipeline::keep_text_of_renamed(std::size_t i) {
  Item& item = items_[i];
  WriteJob job = refresh_job(i);
  job.donor = item.renamed_from;
  job.entry_hash = item.renamed_from_entry_hash;
  const std::string failures = join(item.failures, "; ");
  job.record = PaperRecord{item.in.paper.id,
                           item.in.paper.title,
                           "text",
                           item.last_url,
                           "kept the text indexed before under " + item.renamed_from +
                               " (its title was edited); fetching it again failed: " + failures,
                           0};
  write_queue_.push(std::move(job));
  ++summary_.kept_text_renamed;  // not extracted this run: neither "with text" nor unchanged
  notify_warning("paper " + item.in.paper.id + " ('" + item.in.paper.title +
                 "') keeps the text indexed before under " + item.renamed_from +
                 ": its PDF could not be fetched again (" + failures +
                 "); the next run tries again");
  notify_paper(PaperOutcome{Kind::kText, item.in.paper.id, item.in.paper.title, item.last_url, ""});
}

void Pipeline::put(std::size_t i, schema::StoredPaper s, const std::string& stamp, Kind kind,
                   const std::string& reason) {
  Item& item = items_[i];
  const char* state = kind == Kind::kText ? "text" : kind == Kind::kFailed ? "failed" : "metadata";
  std::string note = reason;
  if (kind == Kind::kText && !s.pages.empty() &&
      static_cast<std::size_t>(s.page_count) > s.pages.size()) {
    // The extraction's page limit (ExtractOptions::max_pages): said, not hidden.
    note = "only the first " + std::to_string(s.pages.size()) + " of " +
           std::to_string(s.page_count) +
           " pages are indexed (the extraction's page limit); the rest is not searchable";
    s.reason = note;
    ++summary_.cut_by_page_limit;
    notify_warning("paper " + s.paper.id + " ('" + s.paper.title + "'): " + note);
  }
  PaperOutcome outcome{kind, s.paper.id, s.paper.title, s.pdf_url, note};
  if (kind == Kind::kText) {
    ++summary_.text;
  } else {
    if (kind == Kind::kFailed) {
      ++summary_.failed;
    } else {
      ++summary_.metadata;
    }
    ++summary_.reasons[item.last_reason.empty() ? reason : item.last_reason];
  }
  WriteJob job;
  job.type = WriteJob::Type::kPut;
  job.item = i;
  job.record = PaperRecord{s.paper.id, s.paper.title, state, s.pdf_url, note, 0};
  job.stored = std::move(s);
  job.entry_hash = item.entry_hash;
  job.stamp = stamp;
  prepare_queue_.push(std::move(job));
  notify_paper(outcome);
}

// An unchanged paper still without text: a PDF file given on disk (the same bytes fail the
// same way) or a list entry (its links may work another day).
void Pipeline::count_still_without_text(const Item& item) {
  ++summary_.still_metadata;
  if (!item.in.pdf_path.empty()) ++summary_.still_failed_files;
}

}  // namespace paper::pipeline_detail
