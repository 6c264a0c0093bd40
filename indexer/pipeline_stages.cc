// The worker threads' loops: discovery, extraction (several), preparing documents (several) and
// the one writer thread, which owns the index and records each paper once it is committed.
#include <filesystem>

#include "common/schema.h"
#include "common/sha256.h"
#include "indexer/extract/titles.h"
#include "indexer/pipeline_impl.h"

namespace paper::pipeline_detail {

namespace fs = std::filesystem;

void Pipeline::discover_loop() {
  while (auto i = discover_queue_.pop()) {
    Event e;
    e.type = Event::Type::kDiscovered;
    e.item = *i;
    if (!stopping_ && !failed_) {
      ++discovering_;
      try {
        e.discovery = discoverer_->discover(items_[*i].in.paper);
      } catch (...) {
        set_fatal(std::current_exception());
      }
      --discovering_;
    }
    events_.push(std::move(e));
  }
}

void Pipeline::extract_loop() {
  while (auto job = extract_queue_.pop()) {
    Event e;
    e.type = Event::Type::kExtracted;
    e.item = job->item;
    if (!stopping_ && !failed_) {
      try {
        e.extract = extract(*job);
      } catch (...) {
        set_fatal(std::current_exception());
      }
    }
    events_.push(std::move(e));
  }
}

ExtractDone Pipeline::extract(const ExtractJob& job) {
  const Item& item = items_[job.item];
  ExtractDone done;
  done.sha256 = job.sha256;
  if (!item.in.pdf_path.empty()) {
    done.stamp = file_stamp(job.path);
    auto sha = sha256_file(job.path);
    if (!sha) {
      done.text.status = ExtractedText::Status::kUnreadable;
      done.text.reason = "cannot read the file";
      return done;
    }
    done.sha256 = *sha;
    std::error_code ec;
    auto size = fs::file_size(job.path, ec);
    if (!ec) on_bytes(static_cast<std::int64_t>(size));
    // The bytes indexed already: nothing to extract, whether or not its entry changed (the
    // folder it was found in, its path).
    if (!options_.rebuild && item.old && item.old->content_hash == done.sha256 &&
        (item.old->state == schema::PaperState::kText || !options_.retry)) {
      done.same_content = true;
      return done;
    }
    if (auto d = text_by_hash_.find(done.sha256);
        !options_.rebuild && d != text_by_hash_.end() && d->second != item.in.paper.id) {
      done.donor = d->second;
      return done;
    }
  }
  {
    std::lock_guard<std::mutex> lock(observer_mutex_);
    ++summary_.extractions;
  }
  ++extracting_;
  struct Done {
    std::atomic<int>& n;
    ~Done() { --n; }
  } guard{extracting_};
  done.text = extractor_->extract(job.path);
  if (done.text.status == ExtractedText::Status::kOk && item.in.pdf_path.empty()) {
    done.title_ok = title_matches_text(item.in.paper.title, done.text);
  }
  return done;
}

// Builds each put's document (prepare_paper: terms and positions, the compressed pages), the
// costly half of indexing a paper, on several threads, so that the one writer thread only
// inserts: with many extraction workers it would otherwise be the bottleneck.
void Pipeline::prepare_loop() {
  while (auto job = prepare_queue_.pop()) {
    if (!failed_) {
      try {
        job->prepared = prepare_paper(job->stored, job->entry_hash, job->stamp);
        job->stored.pages = {};  // compressed in the prepared paper now
      } catch (...) {
        set_fatal(std::current_exception());
      }
    }
    write_queue_.push(std::move(*job));
  }
}

void Pipeline::write_loop() {
  std::vector<PaperRecord> uncommitted;
  auto flush = [&] {
    for (PaperRecord& r : uncommitted) {
      r.updated_at = now_seconds();
      store_->set_paper(r);
    }
    uncommitted.clear();
  };
  while (auto job = write_queue_.pop()) {
    if (failed_) {
      if (job->notify) post_written(job->item);
      continue;
    }
    try {
      switch (job->type) {
        case WriteJob::Type::kPut:
          if (job->prepared) {
            writer_->put(std::move(*job->prepared));
          } else {
            writer_->put(job->stored, job->entry_hash, job->stamp);
          }
          break;
        case WriteJob::Type::kRefresh: {
          // (A donor is removed, if at all, after every paper of the run is written.)
          auto old = writer_->stored(job->donor.empty() ? job->stored.paper.id : job->donor);
          if (old && job->local) {
            // A PDF on disk: its title and authors came from the PDF; only where it was
            // found changed (its lists, path and subfolder).
            if (!job->donor.empty()) {
              old->paper.id = job->stored.paper.id;
              job->record.title = old->paper.title;
            }
            old->lists = job->stored.lists;
            old->pdf_url = job->stored.pdf_url;
            old->paper.section = job->stored.paper.section;
            old->paper.source = job->stored.paper.source;
            writer_->put(*old, job->entry_hash, job->stamp);
          } else if (old) {
            // A renamed paper's kept text (keep_text_of_renamed): without its PDF's hash,
            // the next fetch extracts it again and checks it against the new title.
            if (!job->donor.empty()) old->pdf_sha256.clear();
            old->paper = job->stored.paper;
            old->lists = job->stored.lists;
            writer_->put(*old, job->entry_hash);
          }
          break;
        }
        case WriteJob::Type::kStamp:
          writer_->set_file_stamp(job->stored.paper.id, job->stamp);
          break;
        case WriteJob::Type::kRecordOnly:
          break;
        case WriteJob::Type::kRemove:
          writer_->remove(job->stored.paper.id);
          store_->remove_paper(job->stored.paper.id);
          break;
      }
      if (job->has_record) uncommitted.push_back(job->record);
      if (writer_->uncommitted() == 0) flush();
    } catch (...) {
      set_fatal(std::current_exception());
    }
    if (job->notify) post_written(job->item);
  }
  try {
    if (!failed_) {
      // An interrupted rebuild is not swapped in: it is incomplete.
      if (stopping_ && writer_->building_new_generation()) {
        writer_->commit();
      } else {
        writer_->finish();
      }
      flush();
    }
  } catch (...) {
    set_fatal(std::current_exception());
  }
}

void Pipeline::post_written(std::size_t item) {
  Event e;
  e.type = Event::Type::kWritten;
  e.item = item;
  events_.push(std::move(e));
}

void Pipeline::set_fatal(std::exception_ptr e) {
  std::lock_guard<std::mutex> lock(fatal_mutex_);
  if (!fatal_exception_) fatal_exception_ = e;
  failed_ = true;
}

}  // namespace paper::pipeline_detail
