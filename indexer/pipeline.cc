// Starting and joining the stages of one run, the main thread's event loop, and what is reported
// to the observer. The rest of the run: pipeline_impl.h.
#include "indexer/pipeline.h"

#include <algorithm>
#include <filesystem>
#include <thread>

#include "common/error.h"
#include "indexer/pipeline_impl.h"

namespace paper {
namespace pipeline_detail {

namespace fs = std::filesystem;

PipelineSummary Pipeline::run() {
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
  if (const auto given_up = writer_->given_up_rebuild()) {
    notify_warning("gave up the rebuild that an earlier run left unfinished in " + given_up->path +
                   ", which held " + std::to_string(given_up->papers) +
                   (given_up->papers == 1 ? " paper" : " papers") +
                   "; this run updates the live index instead (`paper-index build --rebuild` "
                   "would have resumed it; it now rebuilds from scratch)");
  }
  store_ = std::make_unique<StateStore>((fs::path(options_.db_dir) / "state.sqlite").string());

  plan(inputs);
  if (const std::string resumed = writer_->resumed_rebuild(); !resumed.empty()) {
    notify_warning("resuming the rebuild that an earlier run left unfinished in " + resumed +
                   ", which holds " + std::to_string(writer_->document_count() - removals_.size()) +
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

void Pipeline::event_loop() {
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

void Pipeline::on_bytes(std::int64_t bytes) {
  std::lock_guard<std::mutex> lock(observer_mutex_);
  observer_.on_bytes(bytes);
}

void Pipeline::on_retry(const std::string& url, int, double delay_s, const std::string& reason) {
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

void Pipeline::on_host_unreachable(const std::string& host, const std::string& why) {
  std::lock_guard<std::mutex> lock(observer_mutex_);
  unreachable_.push_back(host);
  observer_.on_host_unreachable(host, why);
}

void Pipeline::notify_warning(const std::string& message) {
  std::lock_guard<std::mutex> lock(observer_mutex_);
  observer_.on_warning(message);
}

void Pipeline::notify_paper(const PaperOutcome& outcome) {
  std::lock_guard<std::mutex> lock(observer_mutex_);
  observer_.on_paper(outcome);
}

}  // namespace pipeline_detail

PipelineSummary run_pipeline(const PipelineOptions& options, PipelineObserver& observer) {
  auto pipeline = std::make_unique<pipeline_detail::Pipeline>(options, observer);
  PipelineSummary summary = pipeline->run();
  // An interrupted run may leave threads waiting for an extraction worker; they keep using the
  // pipeline, so it stays allocated (the process is about to exit with 130).
  if (pipeline->abandoned()) pipeline.release();
  return summary;
}

}  // namespace paper
