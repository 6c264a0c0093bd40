// Each paper's way on the main thread: its candidate links, what their downloads and its
// extraction gave, and the title check; a paper that ends goes to pipeline_outcome.cc.
#include <algorithm>
#include <ctime>

#include "common/schema.h"
#include "common/text.h"
#include "common/text_cleanup.h"
#include "indexer/extract/titles.h"
#include "indexer/pipeline_impl.h"

namespace paper::pipeline_detail {
namespace {

std::string first_words(const std::string& text) {
  std::string t = trim(text.substr(0, text.find('\n')));
  return truncate_utf8(t, 80);
}

}  // namespace

void Pipeline::start(std::size_t i) {
  ++in_flight_;
  Item& item = items_[i];
  if (!item.in.pdf_path.empty()) {
    extract_queue_.push(ExtractJob{i, item.in.pdf_path, item.in.pdf_path, ""});
    return;
  }
  Resolution r = resolve(item.in.paper, std::time(nullptr));
  item.candidates = std::move(r.candidates);
  item.skipped = std::move(r.skipped);
  try_next(i);
}

void Pipeline::try_next(std::size_t i) {
  Item& item = items_[i];
  if (stopping_) {
    --in_flight_;  // left pending; the next run takes it up
    return;
  }
  if (item.next >= item.candidates.size()) {
    if (discoverer_ && !item.discovered) {
      item.discovered = true;
      discover_queue_.push(i);
      return;
    }
    finish_without_text(i);
    return;
  }
  const std::string url = item.candidates[item.next++].url;
  item.last_url = url;
  ++summary_.fetches;
  fetcher_->fetch(item.in.paper.id, url, [this, i](FetchResult r) {
    Event e;
    e.type = Event::Type::kFetched;
    e.item = i;
    e.fetch = std::move(r);
    events_.push(std::move(e));
  });
}

// Discovery's candidates join the paper's list (URLs already tried are not tried again); what
// each API said when it found nothing becomes part of the reason.
void Pipeline::on_discovered(std::size_t i, Discovery d) {
  Item& item = items_[i];
  if (stopping_) {
    --in_flight_;
    return;
  }
  for (Candidate& c : d.candidates) {
    bool known = std::any_of(item.candidates.begin(), item.candidates.end(),
                             [&](const Candidate& k) { return k.url == c.url; });
    if (!known) item.candidates.push_back(std::move(c));
  }
  for (const std::string& note : d.notes) item.failures.push_back(note);
  try_next(i);
}

void Pipeline::fail_candidate(std::size_t i, const std::string& url, const std::string& reason,
                              const std::string& message) {
  Item& item = items_[i];
  item.failures.push_back(message.empty() ? url_for_log(url) + ": " + reason : message);
  item.last_reason = reason;
  try_next(i);
}

void Pipeline::on_fetched(std::size_t i, FetchResult r) {
  Item& item = items_[i];
  if (stopping_) {
    --in_flight_;
    return;
  }
  if (r.status == FetchResult::Status::kFailed) {
    // Where it failed, when a redirect or a landing page led elsewhere ("URL -> its PDF").
    const bool moved = !r.final_url.empty() && r.final_url != r.url;
    fail_candidate(
        i, r.url, r.reason,
        moved ? url_for_log(r.url) + " -> " + url_for_log(r.final_url) + ": " + r.reason : "");
    return;
  }
  ++summary_.fetched_ok;
  if (!options_.rebuild && item.old && item.old->state == schema::PaperState::kText &&
      item.old->content_hash == r.sha256 && item.old->entry_hash == item.entry_hash) {
    // Asked to refresh, and the server's copy is the one indexed: nothing to write.
    WriteJob job;
    job.type = WriteJob::Type::kRecordOnly;
    job.item = i;
    job.record = PaperRecord{item.in.paper.id, item.in.paper.title, "text", r.url, "", 0};
    write_queue_.push(std::move(job));
    ++summary_.unchanged;
    notify_paper(PaperOutcome{Kind::kUnchanged, item.in.paper.id, item.in.paper.title, r.url, ""});
    return;
  }
  if (!options_.rebuild && item.old && item.old->state == schema::PaperState::kText &&
      item.old->content_hash == r.sha256) {
    // Same PDF as indexed, only the entry changed: re-write from the stored pages.
    WriteJob job = refresh_job(i);
    job.entry_hash = item.entry_hash;
    job.record = PaperRecord{item.in.paper.id, item.in.paper.title, "text", r.url, "", 0};
    write_queue_.push(std::move(job));
    ++summary_.text;
    notify_paper(PaperOutcome{Kind::kText, item.in.paper.id, item.in.paper.title, r.url, ""});
    return;
  }
  extract_queue_.push(ExtractJob{i, r.path, r.url, r.sha256});
}

// A paper written again from stored pages (its own, or a donor's), with its entry and lists
// as they read in this run.
WriteJob Pipeline::refresh_job(std::size_t i) const {
  const Item& item = items_[i];
  WriteJob job;
  job.type = WriteJob::Type::kRefresh;
  job.item = i;
  job.stored.paper = item.in.paper;
  job.stored.lists = lists_of(item);
  return job;
}

// A PDF on disk written from stored pages (its own, or a donor's) with where it was found
// this run: its lists, path and subfolder.
WriteJob Pipeline::local_refresh(std::size_t i, const ExtractDone& done) const {
  const Item& item = items_[i];
  WriteJob job = refresh_job(i);
  job.stored.pdf_url = item.in.pdf_path;
  job.local = true;
  job.entry_hash = item.entry_hash;
  job.stamp = done.stamp;
  return job;
}

void Pipeline::on_extracted(std::size_t i, ExtractDone done) {
  Item& item = items_[i];
  if (stopping_) {
    --in_flight_;
    return;
  }
  const ExtractedText& t = done.text;
  const bool local = !item.in.pdf_path.empty();
  if (local) {
    if (!done.donor.empty()) {
      // The text another paper of the index has: copied from its stored pages.
      WriteJob job = local_refresh(i, done);
      job.donor = done.donor;
      job.record =
          PaperRecord{item.in.paper.id, item.in.paper.title, "text", item.in.pdf_path, "", 0};
      write_queue_.push(std::move(job));
      ++summary_.text;
      ++summary_.copied;
      notify_paper(
          PaperOutcome{Kind::kText, item.in.paper.id, item.in.paper.title, item.in.pdf_path, ""});
      return;
    }
    if (done.same_content && item.old->entry_hash != item.entry_hash) {
      // Same PDF, named differently (another folder, another path): re-written from what is
      // stored, with this run's lists and path.
      WriteJob job = local_refresh(i, done);
      job.record = record_to_restore(item);
      job.record.url = item.in.pdf_path;
      write_queue_.push(std::move(job));
      ++summary_.unchanged;
      if (item.old->state != schema::PaperState::kText) count_still_without_text(item);
      return;
    }
    if (done.same_content) {
      WriteJob job;
      job.type = WriteJob::Type::kStamp;
      job.item = i;
      job.stored.paper.id = item.in.paper.id;
      job.stamp = done.stamp;
      job.record = record_to_restore(item);
      write_queue_.push(std::move(job));
      ++summary_.unchanged;
      if (item.old && item.old->state != schema::PaperState::kText) count_still_without_text(item);
      return;
    }
    schema::StoredPaper s = stored_from(item, t, item.in.pdf_path, done.sha256);
    if (t.status == ExtractedText::Status::kOk) {
      std::string title = document_title(t);
      if (!title.empty()) s.paper.title = title;
      if (auto authors = authors_from_metadata(t.pdf_author); !authors.empty()) {
        s.paper.authors = std::move(authors);
      }
      put(i, std::move(s), done.stamp, Kind::kText, "");
    } else {
      s.state = schema::PaperState::kMetadataOnly;
      s.reason = t.reason;
      s.pages.clear();
      item.last_reason = t.reason;
      put(i, std::move(s), done.stamp, Kind::kFailed, t.reason);
    }
    return;
  }
  const std::string& url = item.last_url;
  if (t.status != ExtractedText::Status::kOk) {
    fail_candidate(i, url, t.reason, "");
    return;
  }
  if (!done.title_ok) {
    // The title it has instead: its metadata's, unless junk, else its first page's.
    std::string seen = document_title(t);
    const bool from_metadata = !seen.empty() && !is_junk_title(t.pdf_title, t.pdf_author);
    if (seen.empty() && !t.pages.empty()) seen = first_words(t.pages[0]);
    std::string message = "PDF at " + url_for_log(url) + " is a different paper ('" +
                          truncate_utf8(seen, 80) +
                          (from_metadata ? "' in its PDF metadata)" : "' on its first page)");
    item.wrong_paper = true;
    fail_candidate(i, url, "PDF is a different paper", message);
    return;
  }
  put(i, stored_from(item, t, url, done.sha256), "", Kind::kText, "");
}

schema::StoredPaper Pipeline::stored_from(const Item& item, const ExtractedText& t,
                                          const std::string& url, const std::string& sha256) {
  schema::StoredPaper s;
  s.paper = item.in.paper;
  s.lists = lists_of(item);
  s.state = schema::PaperState::kText;
  s.pdf_url = url;
  s.pdf_sha256 = sha256;
  s.page_count = t.page_count;
  s.pdf_title = t.pdf_title;
  s.abstract = t.abstract;
  s.references_page = t.references_page;
  s.references_offset = t.references_offset;
  s.references_end_page = t.references_end_page;
  s.references_end_offset = t.references_end_offset;
  s.pages = t.pages;
  return s;
}

}  // namespace paper::pipeline_detail
