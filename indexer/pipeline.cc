#include "indexer/pipeline.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <ctime>
#include <deque>
#include <exception>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>

#include "common/error.h"
#include "common/schema.h"
#include "common/sha256.h"
#include "common/text.h"
#include "common/text_cleanup.h"
#include "indexer/extract/titles.h"
#include "indexer/fetch/resolve.h"
#include "indexer/fetch/state_store.h"
#include "indexer/index/index_writer.h"
#include "indexer/inputs.h"

namespace paper {
namespace {

namespace fs = std::filesystem;
using Kind = PaperOutcome::Kind;

// A blocking queue; producers never wait (the pipeline bounds what is in flight), consumers
// wait until an item arrives or the queue is closed.
template <class T>
class Queue {
 public:
  void push(T item) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      items_.push_back(std::move(item));
    }
    cv_.notify_one();
  }
  // nullopt once closed and empty.
  std::optional<T> pop() {
    std::unique_lock<std::mutex> lock(mutex_);
    cv_.wait(lock, [&] { return closed_ || !items_.empty(); });
    if (items_.empty()) return std::nullopt;
    T item = std::move(items_.front());
    items_.pop_front();
    return item;
  }
  // Waits at most `timeout`; nullopt when nothing arrived.
  std::optional<T> pop_for(std::chrono::milliseconds timeout) {
    std::unique_lock<std::mutex> lock(mutex_);
    cv_.wait_for(lock, timeout, [&] { return closed_ || !items_.empty(); });
    if (items_.empty()) return std::nullopt;
    T item = std::move(items_.front());
    items_.pop_front();
    return item;
  }
  void close() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      closed_ = true;
    }
    cv_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<T> items_;
  bool closed_ = false;
};

struct Item {
  InputPaper in;
  std::string entry_hash;
  std::optional<IndexedVersion> old;
  std::vector<Candidate> candidates;
  std::vector<std::string> skipped;
  std::size_t next = 0;
  std::vector<std::string> failures;  // "url: reason", in order
  std::string last_reason;            // the last failure, without URL (summary key)
  bool wrong_paper = false;           // a PDF of its links was another paper
  // The paper it was before its title was edited (another id, removed this run), when that one
  // had text: the text it keeps if its PDF cannot be fetched.
  PaperId renamed_from;
  std::string renamed_from_entry_hash;
  std::string last_url;
  bool discovered = false;  // discovery was asked (at most once per paper)
  // The state store's record before this run marked the paper pending: put back when the run
  // finds nothing to do after all (a touched local PDF with the same bytes).
  std::optional<PaperRecord> record_before;
};

struct ExtractJob {
  std::size_t item = 0;
  std::string path;
  std::string url;
  std::string sha256;
};

struct ExtractDone {
  ExtractedText text;
  bool title_ok = false;
  std::string sha256;
  std::string stamp;
  bool same_content = false;  // local PDF whose bytes are those already indexed
  // Local PDF whose bytes another paper of the index has (a renamed file or folder, a copy):
  // that paper, whose stored pages are taken instead of extracting them again.
  PaperId donor;
};

struct Event {
  enum class Type { kFetched, kExtracted, kDiscovered, kWritten };
  Type type = Type::kWritten;
  std::size_t item = 0;
  FetchResult fetch;
  ExtractDone extract;
  Discovery discovery;
};

struct WriteJob {
  enum class Type { kPut, kRefresh, kStamp, kRemove, kRecordOnly };
  Type type = Type::kPut;
  std::size_t item = 0;
  bool notify = true;  // post kWritten back when done
  schema::StoredPaper stored;
  std::string entry_hash;
  std::string stamp;
  PaperRecord record;  // written to the state store once the paper is committed
  bool has_record = true;
  bool local = false;                     // kRefresh of a PDF on disk
  PaperId donor;                          // kRefresh: the paper whose stored pages are taken
  std::optional<PreparedPaper> prepared;  // kPut: built by a prepare thread
};

std::string first_words(const std::string& text) {
  std::string t = trim(text.substr(0, text.find('\n')));
  return truncate_utf8(t, 80);
}

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

std::int64_t now_seconds() { return static_cast<std::int64_t>(std::time(nullptr)); }

class Pipeline : public FetchObserver {
 public:
  Pipeline(const PipelineOptions& options, PipelineObserver& observer)
      : options_(options), observer_(observer) {}

  PipelineSummary run() {
    jobs_ = options_.jobs > 0 ? options_.jobs : std::max(1u, std::thread::hardware_concurrency());
    max_in_flight_ = options_.max_in_flight > 0 ? options_.max_in_flight
                                                : static_cast<std::size_t>(4 * jobs_ + 16);
    Inputs inputs = collect_inputs(options_.paths);
    for (const Diagnostic& d : inputs.warnings) {
      notify_warning(d.source.to_string() + ": " + d.message);
    }
    summary_.list_warnings = static_cast<int>(inputs.warnings.size());
    summary_.unreadable_inputs = inputs.unreadable;
    if (inputs.papers.empty() && inputs.unreadable > 0 &&
        static_cast<std::size_t>(inputs.unreadable) >= options_.paths.size()) {
      // Nothing could be read: no index is made or touched.
      throw Error("none of the inputs could be read (see the warnings above); check the paths");
    }

    IndexOptions io;
    io.dir = options_.db_dir;
    io.rebuild = options_.rebuild;
    io.batch_size = options_.batch_size;
    io.synonyms_path = options_.synonyms_path;
    writer_ = IndexWriter::open(io);
    store_ = std::make_unique<StateStore>((fs::path(options_.db_dir) / "state.sqlite").string());

    plan(inputs);
    if (const std::string resumed = writer_->resumed_rebuild(); !resumed.empty()) {
      notify_warning("resuming the rebuild that an earlier run left unfinished in " + resumed +
                     ", which holds " +
                     std::to_string(writer_->document_count() - removals_.size()) +
                     " of this run's papers (delete that folder to rebuild from scratch)");
    }
    {
      std::lock_guard<std::mutex> lock(observer_mutex_);
      observer_.on_start(items_.size(), static_cast<std::size_t>(summary_.unchanged));
    }

    FetchOptions fo = options_.fetch;
    if (fo.cache_dir.empty()) fo.cache_dir = (fs::path(options_.db_dir) / "cache").string();
    // Constructed only when needed: a run of local PDFs never starts the fetcher.
    bool any_remote = std::any_of(items_.begin(), items_.end(),
                                  [](const Item& i) { return i.in.pdf_path.empty(); });
    if (!items_.empty()) extractor_ = std::make_unique<Extractor>(options_.extract);
    if (any_remote) fetcher_ = std::make_unique<Fetcher>(fo, store_.get(), this);
    if (any_remote && options_.discover) {
      discoverer_ = std::make_unique<Discoverer>(options_.discovery);
    }

    std::thread writer_thread([this] { write_loop(); });
    std::vector<std::thread> prepare_threads;
    for (int i = 0; i < jobs_; ++i) prepare_threads.emplace_back([this] { prepare_loop(); });
    std::vector<std::thread> extract_threads;
    if (extractor_) {
      for (int i = 0; i < jobs_; ++i) extract_threads.emplace_back([this] { extract_loop(); });
    }
    // One thread: discovery requests are paced per API anyway.
    std::thread discover_thread;
    if (discoverer_) discover_thread = std::thread([this] { discover_loop(); });
    for (WriteJob& job : rewrites_) write_queue_.push(std::move(job));
    rewrites_.clear();

    try {
      event_loop();
    } catch (...) {
      // Threads are running: record the error, then drain and join them below.
      set_fatal(std::current_exception());
      stopping_ = true;
      if (extractor_) extractor_->cancel();
    }

    if (fetcher_) {
      fetcher_->cancel();
      fetcher_->wait_idle();
    }
    extract_queue_.close();
    discover_queue_.close();
    if (discover_thread.joinable()) {
      // Blocked in an API request at an interrupt: it keeps using this object (see abandoned_).
      if (abandoned_) {
        discover_thread.detach();
      } else {
        discover_thread.join();
      }
    }
    for (auto& t : extract_threads) {
      if (abandoned_) {
        t.detach();  // blocked in extract(); this object is kept alive for them (run_pipeline)
      } else {
        t.join();
      }
    }
    prepare_queue_.close();
    for (auto& t : prepare_threads) t.join();
    // Removals last: a paper removed may have given its pages to a renamed or copied PDF. A
    // stopped run leaves them to the next.
    if (!stopping_ && !failed_) {
      for (WriteJob& job : removals_) write_queue_.push(std::move(job));
    }
    removals_.clear();
    write_queue_.close();
    writer_thread.join();
    if (fetcher_) {
      fatal_ = fetcher_->fatal_error();
      fetcher_.reset();
    }
    if (!abandoned_) extractor_.reset();
    if (fatal_exception_) std::rethrow_exception(fatal_exception_);
    if (fatal_) throw Error(*fatal_);
    summary_.interrupted = stopping_;
    summary_.unreachable_hosts = unreachable_;
    // What searches read: after a stopped rebuild, still the generation it would replace.
    summary_.documents = writer_->live_document_count();
    writer_.reset();  // releases DIR/lock
    return summary_;
  }

  // True when extractions were still running at the end of an interrupted run: their threads
  // use this object until their worker returns.
  bool abandoned() const { return abandoned_; }

  // FetchObserver (fetcher thread).
  void on_fetch_done(const PaperId&, const FetchResult&) override {}
  void on_bytes(std::int64_t bytes) override {
    std::lock_guard<std::mutex> lock(observer_mutex_);
    observer_.on_bytes(bytes);
  }
  void on_retry(const std::string& url, int, double delay_s, const std::string& reason) override {
    // Short back-offs pass unseen; a long wait (a server's Retry-After) would look like a hang.
    if (delay_s < kWaitWorthSaying) return;
    const std::string host = host_of(url);
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard<std::mutex> lock(observer_mutex_);
    auto [it, first] = wait_said_.emplace(host, now);
    if (!first && now - it->second < std::chrono::minutes(1)) return;
    it->second = now;
    observer_.on_wait(host, delay_s, reason);
  }
  void on_host_unreachable(const std::string& host, const std::string& why) override {
    std::lock_guard<std::mutex> lock(observer_mutex_);
    unreachable_.push_back(host);
    observer_.on_host_unreachable(host, why);
  }

 private:
  // An unchanged paper still without text: a PDF file given on disk (the same bytes fail the
  // same way) or a list entry (its links may work another day).
  void count_still_without_text(const Item& item) {
    ++summary_.still_metadata;
    if (!item.in.pdf_path.empty()) ++summary_.still_failed_files;
  }

  void notify_warning(const std::string& message) {
    std::lock_guard<std::mutex> lock(observer_mutex_);
    observer_.on_warning(message);
  }

  void notify_paper(const PaperOutcome& outcome) {
    std::lock_guard<std::mutex> lock(observer_mutex_);
    observer_.on_paper(outcome);
  }

  // The lists to store with a paper: this run's, and those that named it before but were not
  // read this run (they may still name it: a paper is removed only when no list does).
  // A list or folder gone from the disk names nothing any more.
  std::vector<std::string> lists_of(const Item& item) const {
    std::vector<std::string> lists = item.in.lists;
    if (item.old) {
      for (const std::string& l : item.old->lists) {
        if (read_.count(l) == 0 && !gone(l) &&
            std::find(lists.begin(), lists.end(), l) == lists.end()) {
          lists.push_back(l);
        }
      }
    }
    return lists;
  }

  // A list or folder deleted or renamed since (input_gone), unless this run names it.
  bool gone(const std::string& list) const { return named_.count(list) == 0 && input_gone(list); }

  // The lists an index stored for a paper, as this run names them (stored_input_path, once per
  // distinct path: a few lists name thousands of papers).
  std::vector<std::string> stored_lists(const std::vector<std::string>& stored) {
    std::vector<std::string> lists;
    for (const std::string& l : stored) {
      auto it = stored_paths_.find(l);
      if (it == stored_paths_.end()) it = stored_paths_.emplace(l, stored_input_path(l)).first;
      if (std::find(lists.begin(), lists.end(), it->second) == lists.end()) {
        lists.push_back(it->second);
      }
    }
    return lists;
  }

  // True when the entry of a paper is what the index holds but for how its lists were spelled
  // (an index made before lists were known by their absolute path, "data/a.md", or a list named
  // through a link).
  bool only_lists_respelled(const InputPaper& in, const IndexedVersion& old) {
    std::vector<std::string> spelled;
    for (const std::string& list : in.lists) {
      auto it = std::find_if(old.lists.begin(), old.lists.end(), [&](const std::string& l) {
        return l != list && stored_lists({l}).front() == list;
      });
      if (it == old.lists.end()) return false;
      spelled.push_back(*it);
    }
    return entry_hash(in.paper, spelled) == old.entry_hash;
  }

  // For a paper this run found nothing to extract for: the state store's record it had before
  // the run marked it pending, or one made from the index.
  PaperRecord record_to_restore(const Item& item) const {
    PaperRecord r;
    if (item.record_before && item.record_before->state != "pending") {
      r = *item.record_before;
    } else {
      const bool text = item.old && item.old->state == schema::PaperState::kText;
      r = PaperRecord{item.in.paper.id,
                      item.in.paper.title,
                      text ? "text" : "metadata",
                      item.in.pdf_path,
                      "",
                      0};
    }
    r.updated_at = now_seconds();
    return r;
  }

  // Decides, per paper, whether there is work; plans removals.
  void plan(const Inputs& inputs) {
    read_ = inputs.read;
    named_ = inputs.named;
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
          only_lists_respelled(in, *item.old)) {
        // Unchanged: its record is re-written with the lists as named now, from what is stored.
        item.old->lists = stored_lists(item.old->lists);
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
      if (item.old) item.old->lists = stored_lists(item.old->lists);
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
        const std::vector<std::string> lists = stored_lists(v.lists);
        bool all_read = std::all_of(lists.begin(), lists.end(), [&](const std::string& l) {
          return read_.count(l) > 0 || gone(l);
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

  // True when the file is gone and the nearest of its folders still there is empty.
  static bool in_empty_folder(const std::string& file) {
    std::error_code ec;
    if (fs::exists(file, ec)) return false;
    for (fs::path dir = fs::path(file).parent_path(); !dir.empty() && dir != dir.root_path();
         dir = dir.parent_path()) {
      if (fs::is_directory(dir, ec)) return fs::is_empty(dir, ec) && !ec;
    }
    return false;
  }

  void event_loop() {
    std::size_t next = 0;
    while (true) {
      if (!stopping_ && options_.stop && options_.stop->load()) {
        stopping_ = true;
        if (fetcher_) fetcher_->cancel();
        if (extractor_) extractor_->cancel();  // busy workers are killed: no waiting out a PDF
      }
      if (!stopping_ && failed_) stopping_ = true;
      while (!stopping_ && next < items_.size() && in_flight_ < max_in_flight_) {
        start(next++);
      }
      if (in_flight_ == 0 && (stopping_ || next == items_.size())) break;
      // Stopping: extraction workers finish their PDF (up to the per-PDF deadline) before they
      // notice; do not wait for them. What is complete has reached the writer by now.
      if (stopping_ &&
          in_flight_ <= static_cast<std::size_t>(extracting_.load() + discovering_.load())) {
        abandoned_ = true;
        break;
      }
      auto event = events_.pop_for(std::chrono::milliseconds(100));
      if (!event) continue;
      switch (event->type) {
        case Event::Type::kFetched:
          on_fetched(event->item, std::move(event->fetch));
          break;
        case Event::Type::kExtracted:
          on_extracted(event->item, std::move(event->extract));
          break;
        case Event::Type::kDiscovered:
          on_discovered(event->item, std::move(event->discovery));
          break;
        case Event::Type::kWritten:
          --in_flight_;
          break;
      }
    }
  }

  void start(std::size_t i) {
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

  void try_next(std::size_t i) {
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
  void on_discovered(std::size_t i, Discovery d) {
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

  void discover_loop() {
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

  void fail_candidate(std::size_t i, const std::string& url, const std::string& reason,
                      const std::string& message) {
    Item& item = items_[i];
    item.failures.push_back(message.empty() ? url_for_log(url) + ": " + reason : message);
    item.last_reason = reason;
    try_next(i);
  }

  void on_fetched(std::size_t i, FetchResult r) {
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
      notify_paper(
          PaperOutcome{Kind::kUnchanged, item.in.paper.id, item.in.paper.title, r.url, ""});
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
  WriteJob refresh_job(std::size_t i) const {
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
  WriteJob local_refresh(std::size_t i, const ExtractDone& done) const {
    const Item& item = items_[i];
    WriteJob job = refresh_job(i);
    job.stored.pdf_url = item.in.pdf_path;
    job.local = true;
    job.entry_hash = item.entry_hash;
    job.stamp = done.stamp;
    return job;
  }

  void on_extracted(std::size_t i, ExtractDone done) {
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
        if (item.old && item.old->state != schema::PaperState::kText)
          count_still_without_text(item);
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

  schema::StoredPaper stored_from(const Item& item, const ExtractedText& t, const std::string& url,
                                  const std::string& sha256) {
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
    s.pages = t.pages;
    return s;
  }

  void finish_without_text(std::size_t i) {
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
  void keep_indexed_text(std::size_t i) {
    Item& item = items_[i];
    WriteJob job = refresh_job(i);
    job.entry_hash =
        item.old->entry_hash != item.entry_hash ? item.old->entry_hash : item.entry_hash;
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

  // Whether a stored paper's text is the paper an entry names, by the check a download gets
  // (title_matches_text on its PDF title and first pages): an edited title may be the list's
  // fix of a wrong title, and the old text is then not the new paper's.
  static bool stored_text_is(const schema::StoredPaper& stored, const InputPaper& in) {
    if (!in.pdf_path.empty()) return true;  // a PDF on disk: its title comes from the PDF
    ExtractedText text;
    text.status = ExtractedText::Status::kOk;
    text.pdf_title = stored.pdf_title;
    for (std::size_t p = 0; p < stored.pages.size() && p < 2; ++p)
      text.pages.push_back(stored.pages[p]);
    return title_matches_text(in.paper.title, text);
  }

  // A paper whose title was edited (a new id) and whose PDF cannot be fetched now takes the
  // text its old id had, from the same link: an edit must not cost the text. It keeps the old
  // entry's hash, so the next run fetches and checks its PDF again.
  void keep_text_of_renamed(std::size_t i) {
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
    ++summary_.text;
    ++summary_.kept_text;
    notify_warning("paper " + item.in.paper.id + " ('" + item.in.paper.title +
                   "') keeps the text indexed before under " + item.renamed_from +
                   ": its PDF could not be fetched again (" + failures +
                   "); the next run tries again");
    notify_paper(
        PaperOutcome{Kind::kText, item.in.paper.id, item.in.paper.title, item.last_url, ""});
  }

  void put(std::size_t i, schema::StoredPaper s, const std::string& stamp, Kind kind,
           const std::string& reason) {
    Item& item = items_[i];
    const char* state = kind == Kind::kText     ? "text"
                        : kind == Kind::kFailed ? "failed"
                                                : "metadata";
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

  void extract_loop() {
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

  ExtractDone extract(const ExtractJob& job) {
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
  void prepare_loop() {
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

  void write_loop() {
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

  void post_written(std::size_t item) {
    Event e;
    e.type = Event::Type::kWritten;
    e.item = item;
    events_.push(std::move(e));
  }

  void set_fatal(std::exception_ptr e) {
    std::lock_guard<std::mutex> lock(fatal_mutex_);
    if (!fatal_exception_) fatal_exception_ = e;
    failed_ = true;
  }

  const PipelineOptions& options_;
  PipelineObserver& observer_;
  std::mutex observer_mutex_;
  int jobs_ = 1;
  std::size_t max_in_flight_ = 16;
  PipelineSummary summary_;
  std::vector<std::string> unreachable_;

  std::vector<Item> items_;
  std::vector<WriteJob> removals_;
  std::vector<WriteJob> rewrites_;  // records re-written with their lists as named now
  std::map<std::string, std::string> stored_paths_;  // stored_input_path, per stored path
  // When each host's wait was last said (on_retry), under observer_mutex_.
  std::map<std::string, std::chrono::steady_clock::time_point> wait_said_;
  static constexpr double kWaitWorthSaying = 10.0;  // seconds
  // An indexed paper with text per PDF content hash (plan()): a PDF with those bytes found under
  // another name takes its pages.
  std::unordered_map<std::string, PaperId> text_by_hash_;
  std::set<std::string> read_;   // the inputs read completely this run (Inputs::read)
  std::set<std::string> named_;  // the inputs given this run (Inputs::named)
  Queue<Event> events_;
  Queue<ExtractJob> extract_queue_;
  Queue<std::size_t> discover_queue_;
  Queue<WriteJob> prepare_queue_;  // kPut jobs, to prepare_loop()
  Queue<WriteJob> write_queue_;
  std::size_t in_flight_ = 0;  // main thread only
  std::atomic<bool> stopping_{false};
  std::atomic<int> extracting_{0};   // extract() calls running
  std::atomic<int> discovering_{0};  // discover() calls running
  bool abandoned_ = false;

  std::mutex fatal_mutex_;
  std::exception_ptr fatal_exception_;
  std::optional<std::string> fatal_;  // main thread only
  std::atomic<bool> failed_{false};

  std::unique_ptr<IndexWriter> writer_;
  std::unique_ptr<StateStore> store_;
  std::unique_ptr<Extractor> extractor_;
  std::unique_ptr<Discoverer> discoverer_;
  std::unique_ptr<Fetcher> fetcher_;  // last: destroyed first, its callbacks use the rest
};

}  // namespace

PipelineSummary run_pipeline(const PipelineOptions& options, PipelineObserver& observer) {
  auto pipeline = std::make_unique<Pipeline>(options, observer);
  PipelineSummary summary = pipeline->run();
  // An interrupted run may leave threads waiting for an extraction worker; they keep using the
  // pipeline, so it stays allocated (the process is about to exit with 130).
  if (pipeline->abandoned()) pipeline.release();
  return summary;
}

}  // namespace paper
