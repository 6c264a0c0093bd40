// What changed since the index was written: which papers have work in this run, which are
// unchanged (their records put back when a stopped run left them pending), which are removed and
// which of those were renamed, and whose pages a PDF with the same bytes can take.
#include <algorithm>
#include <filesystem>
#include <set>

#include "common/schema.h"
#include "indexer/extract/titles.h"
#include "indexer/pipeline_impl.h"

namespace paper::pipeline_detail {

namespace fs = std::filesystem;

// Decides, per paper, whether there is work; plans removals.
void Pipeline::plan(const Inputs& inputs) {
  lists_ = PaperLists(inputs.read, inputs.named);
  std::map<PaperId, IndexedVersion> indexed = writer_->all_versions();
  // Papers a stopped run left pending that this one finds unchanged: their record is put back.
  const std::set<PaperId> pending = store_->pending_papers();
  auto restore_record = [&](const Item& item) {
    if (pending.count(item.in.paper.id) == 0) return;
    PaperRecord r = record_to_restore(item);
    if (auto stored = writer_->stored(item.in.paper.id)) {
      if (!stored->paper.title.empty()) r.title = stored->paper.title;  // a PDF's own title
      if (!stored->pdf_url.empty()) r.url = stored->pdf_url;
      r.reason = stored->reason;
    }
    store_->set_paper(r);
  };
  std::set<PaperId> named;
  for (const InputPaper& in : inputs.papers) {
    named.insert(in.paper.id);
    Item item;
    item.in = in;
    item.entry_hash = entry_hash(in.paper, in.lists);
    auto it = indexed.find(in.paper.id);
    if (it != indexed.end()) item.old = it->second;
    if (item.old && item.old->entry_hash != item.entry_hash &&
        lists_.only_lists_respelled(in, *item.old)) {
      // Unchanged: its record is re-written with the lists as named now, from what is stored.
      item.old->lists = lists_.stored_lists(item.old->lists);
      WriteJob job;
      job.type = WriteJob::Type::kRefresh;
      job.notify = false;
      job.has_record = false;
      job.stored.paper = in.paper;
      job.stored.lists = lists_of(item);
      job.entry_hash = item.entry_hash;
      rewrites_.push_back(std::move(job));
      ++summary_.unchanged;
      if (item.old->state != schema::PaperState::kText) count_still_without_text(item);
      restore_record(item);
      continue;
    }
    if (item.old) item.old->lists = lists_.stored_lists(item.old->lists);
    if (item.old && item.old->entry_hash == item.entry_hash &&
        (item.old->state == schema::PaperState::kText || !options_.retry) &&
        (in.pdf_path.empty() || item.old->file_stamp == file_stamp(in.pdf_path)) &&
        !(options_.fetch.refresh && in.pdf_path.empty() &&
          item.old->state == schema::PaperState::kText)) {
      ++summary_.unchanged;
      if (item.old->state != schema::PaperState::kText) count_still_without_text(item);
      restore_record(item);
      continue;
    }
    item.record_before = store_->paper(in.paper.id);
    PaperRecord pending{in.paper.id, in.paper.title, "pending", "", "", now_seconds()};
    store_->set_paper(pending);
    items_.push_back(std::move(item));
  }
  // Papers with text that a PDF of the same bytes under another name can take its pages from;
  // not one this run writes again: its pages may be replaced before they are copied (two PDFs
  // that swapped their bytes would both get one's text).
  std::set<PaperId> rewritten;
  for (const Item& item : items_) rewritten.insert(item.in.paper.id);
  for (const auto& [id, v] : indexed) {
    if (v.state == schema::PaperState::kText && !v.content_hash.empty() &&
        rewritten.count(id) == 0) {
      text_by_hash_.emplace(v.content_hash, id);
    }
  }
  // A rebuild holds only this run's inputs: a resumed one drops whatever else the run that
  // left it had indexed.
  const bool resumed_rebuild = !writer_->resumed_rebuild().empty();
  std::set<std::string> kept_in_empty_folders;
  // The new papers of this run by their links: a removed paper that shares one was renamed
  // (its title edited, which gives it another id), and is reported so.
  std::map<std::string, std::size_t> new_by_link;
  for (std::size_t k = 0; k < items_.size(); ++k) {
    const Item& item = items_[k];
    if (item.old) continue;
    for (const Link& l : item.in.paper.links) new_by_link.emplace(l.url, k);
    if (!item.in.pdf_path.empty()) new_by_link.emplace(item.in.pdf_path, k);
  }
  for (const auto& [id, v] : indexed) {
    if (named.count(id)) continue;
    if (!resumed_rebuild) {
      if (v.lists.empty()) continue;
      const std::vector<std::string> lists = lists_.stored_lists(v.lists);
      bool all_read = std::all_of(lists.begin(), lists.end(), [&](const std::string& l) {
        return lists_.was_read(l) || lists_.gone(l);
      });
      if (!all_read) continue;  // a list not read this run may still name it
      // A PDF of a folder read this run, whose own folder is now empty: the mount point of a
      // disk not mounted looks so, and its papers are kept.
      if (auto stored = writer_->stored_first_pages(id, 0); stored && !stored->pdf_url.empty() &&
                                                            stored->pdf_url[0] == '/' &&
                                                            in_empty_folder(stored->pdf_url)) {
        kept_in_empty_folders.insert(fs::path(stored->pdf_url).parent_path().string());
        continue;
      }
    }
    WriteJob job;
    job.type = WriteJob::Type::kRemove;
    job.notify = false;
    job.stored.paper.id = id;
    job.has_record = false;
    removals_.push_back(std::move(job));
    ++summary_.removed;
    std::string renamed;
    if (!new_by_link.empty()) {
      // Its links and the first two pages the title check reads: not every page.
      if (auto stored = writer_->stored_first_pages(id, 2)) {
        std::optional<std::size_t> now;
        for (const Link& l : stored->paper.links) {
          if (auto it = new_by_link.find(l.url); it != new_by_link.end()) now = it->second;
        }
        if (auto it = new_by_link.find(stored->pdf_url); !now && it != new_by_link.end()) {
          now = it->second;
        }
        if (now) {
          Item& renamed_item = items_[*now];
          renamed = "its entry now reads '" + renamed_item.in.paper.title + "', id " +
                    renamed_item.in.paper.id;
          if (v.state == schema::PaperState::kText && renamed_item.renamed_from.empty() &&
              stored_text_is(*stored, renamed_item.in)) {
            renamed_item.renamed_from = id;
            renamed_item.renamed_from_entry_hash = v.entry_hash;
          }
        }
      }
    }
    notify_paper(PaperOutcome{Kind::kRemoved, id, "", "", renamed});
  }
  for (const std::string& folder : kept_in_empty_folders) {
    notify_warning(folder +
                   ": folder is empty; the papers indexed from it are kept, as for a disk not "
                   "mounted (`paper-index build --rebuild` drops them)");
  }
}

// For a paper this run found nothing to extract for: the state store's record it had before
// the run marked it pending, or one made from the index.
PaperRecord Pipeline::record_to_restore(const Item& item) const {
  PaperRecord r;
  if (item.record_before && item.record_before->state != "pending") {
    r = *item.record_before;
  } else {
    const bool text = item.old && item.old->state == schema::PaperState::kText;
    r = PaperRecord{
        item.in.paper.id, item.in.paper.title, text ? "text" : "metadata", item.in.pdf_path, "", 0};
  }
  r.updated_at = now_seconds();
  return r;
}

// Whether a stored paper's text is the paper an entry names, by the check a download gets
// (title_matches_text on its PDF title and first pages): an edited title may be the list's
// fix of a wrong title, and the old text is then not the new paper's.
bool Pipeline::stored_text_is(const schema::StoredPaper& stored, const InputPaper& in) {
  if (!in.pdf_path.empty()) return true;  // a PDF on disk: its title comes from the PDF
  ExtractedText text;
  text.status = ExtractedText::Status::kOk;
  text.pdf_title = stored.pdf_title;
  for (std::size_t p = 0; p < stored.pages.size() && p < 2; ++p)
    text.pages.push_back(stored.pages[p]);
  return title_matches_text(in.paper.title, text);
}

// True when the file is gone and the nearest of its folders still there is empty.
bool Pipeline::in_empty_folder(const std::string& file) {
  std::error_code ec;
  if (fs::exists(file, ec)) return false;
  for (fs::path dir = fs::path(file).parent_path(); !dir.empty() && dir != dir.root_path();
       dir = dir.parent_path()) {
    if (fs::is_directory(dir, ec)) return fs::is_empty(dir, ec) && !ec;
  }
  return false;
}

}  // namespace paper::pipeline_detail
