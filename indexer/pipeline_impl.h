// One run of the pipeline (run_pipeline), shared by the files that implement it: starting and
// joining the stages, the main thread's event loop and the reports (pipeline.cc), what changed
// since the index was written (pipeline_plan.cc), each paper's way through its links, downloads
// and extraction (pipeline_paper.cc), how a paper ends and is counted (pipeline_outcome.cc), and
// the worker threads' loops: discovery, extraction, preparing and writing documents
// (pipeline_stages.cc). Internal to the pipeline.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/schema.h"
#include "indexer/extract/extractor.h"
#include "indexer/fetch/discover.h"
#include "indexer/fetch/fetcher.h"
#include "indexer/fetch/resolve.h"
#include "indexer/fetch/state_store.h"
#include "indexer/index/index_writer.h"
#include "indexer/inputs.h"
#include "indexer/paper_lists.h"
#include "indexer/pipeline.h"
#include "indexer/pipeline_queue.h"

namespace paper::pipeline_detail {

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

inline std::int64_t now_seconds() { return static_cast<std::int64_t>(std::time(nullptr)); }

class Pipeline : public FetchObserver {
 public:
  using Kind = PaperOutcome::Kind;

  Pipeline(const PipelineOptions& options, PipelineObserver& observer)
      : options_(options), observer_(observer) {}

  // Runs the whole pipeline once (see run_pipeline).
  PipelineSummary run();

  // True when extractions were still running at the end of an interrupted run: their threads
  // use this object until their worker returns.
  bool abandoned() const { return abandoned_; }

  // FetchObserver (fetcher thread).
  void on_fetch_done(const PaperId&, const FetchResult&) override {}
  void on_bytes(std::int64_t bytes) override;
  void on_retry(const std::string& url, int, double delay_s, const std::string& reason) override;
  void on_host_unreachable(const std::string& host, const std::string& why) override;

 private:
  // pipeline.cc
  void event_loop();
  void notify_warning(const std::string& message);
  void notify_paper(const PaperOutcome& outcome);

  // pipeline_plan.cc
  void plan(const Inputs& inputs);
  PaperRecord record_to_restore(const Item& item) const;
  static bool in_empty_folder(const std::string& file);
  static bool stored_text_is(const schema::StoredPaper& stored, const InputPaper& in);

  // pipeline_paper.cc
  void start(std::size_t i);
  void try_next(std::size_t i);
  void on_discovered(std::size_t i, Discovery d);
  void fail_candidate(std::size_t i, const std::string& url, const std::string& reason,
                      const std::string& message);
  void on_fetched(std::size_t i, FetchResult r);
  void on_extracted(std::size_t i, ExtractDone done);
  WriteJob refresh_job(std::size_t i) const;
  WriteJob local_refresh(std::size_t i, const ExtractDone& done) const;
  schema::StoredPaper stored_from(const Item& item, const ExtractedText& t, const std::string& url,
                                  const std::string& sha256);

  // pipeline_outcome.cc
  void finish_without_text(std::size_t i);
  void keep_indexed_text(std::size_t i);
  void keep_text_of_renamed(std::size_t i);
  void put(std::size_t i, schema::StoredPaper s, const std::string& stamp, Kind kind,
           const std::string& reason);
  void count_still_without_text(const Item& item);

  // pipeline_stages.cc
  void discover_loop();
  void extract_loop();
  ExtractDone extract(const ExtractJob& job);
  void prepare_loop();
  void write_loop();
  void post_written(std::size_t item);
  void set_fatal(std::exception_ptr e);

  std::vector<std::string> lists_of(const Item& item) const {
    return lists_.lists_of(item.in.lists, item.old);
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
  PaperLists lists_;                // the inputs read and named this run (plan())
  // When each host's wait was last said (on_retry), under observer_mutex_.
  std::map<std::string, std::chrono::steady_clock::time_point> wait_said_;
  static constexpr double kWaitWorthSaying = 10.0;  // seconds
  // An indexed paper with text per PDF content hash (plan()): a PDF with those bytes found under
  // another name takes its pages.
  std::unordered_map<std::string, PaperId> text_by_hash_;
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

}  // namespace paper::pipeline_detail
