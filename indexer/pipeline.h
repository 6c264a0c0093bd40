// The whole indexing run: inputs -> (skip unchanged) -> resolve -> fetch -> extract -> title check
// -> one writer thread. A bounded pipeline: at most max_in_flight papers between admission and the
// writer, so memory does not grow with the collection. Library code: reports through
// PipelineObserver, never prints.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/paper.h"
#include "indexer/extract/extractor.h"
#include "indexer/fetch/discover.h"
#include "indexer/fetch/fetcher.h"

namespace paper {

struct PipelineOptions {
  std::string db_dir = "index";
  std::vector<std::string> paths;  // lists, PDFs, folders (already defaulted by the caller)
  bool rebuild = false;
  bool retry = false;  // also re-try papers that are indexed from metadata only
  int jobs = 0;        // extraction workers; 0 = number of CPUs
  std::size_t batch_size = 200;
  std::size_t max_in_flight = 0;  // 0 = 4 * jobs + 16
  std::string synonyms_path;      // loaded into the index when set
  ExtractOptions extract;
  FetchOptions fetch;  // cache_dir defaults to <db_dir>/cache
  // When a paper's own links give no PDF, ask the discovery APIs (one thread, paced per API).
  bool discover = false;
  DiscoveryOptions discovery;
  // Set (e.g. by a signal handler) to stop taking new work; what is complete is committed.
  const std::atomic<bool>* stop = nullptr;
};

// How one paper ended in this run.
struct PaperOutcome {
  enum class Kind { kText, kMetadata, kFailed, kUnchanged, kRemoved };
  Kind kind = Kind::kMetadata;
  PaperId id;
  std::string title;
  std::string url;     // URL or path of the PDF used (or last tried)
  std::string reason;  // plain words, for kMetadata and kFailed
};

// Receives progress from the pipeline's threads (calls are serialised by the pipeline).
class PipelineObserver {
 public:
  virtual ~PipelineObserver() = default;
  virtual void on_warning(const std::string& /*message*/) {}
  virtual void on_start(std::size_t /*papers_to_process*/, std::size_t /*unchanged*/) {}
  virtual void on_paper(const PaperOutcome& /*outcome*/) {}
  virtual void on_bytes(std::int64_t /*bytes*/) {}
  virtual void on_host_unreachable(const std::string& /*host*/, const std::string& /*why*/) {}
  // A host asked to wait (HTTP 429, 503 with Retry-After) or keeps failing: the run waits
  // seconds before asking it again. At most once a minute per host.
  virtual void on_wait(const std::string& /*host*/, double /*seconds*/,
                       const std::string& /*why*/) {}
};

struct PipelineSummary {
  int text = 0;                // indexed with text in this run
  int metadata = 0;            // indexed from metadata only in this run (no usable PDF)
  int failed = 0;              // local PDFs whose text could not be extracted
  int unchanged = 0;           // skipped: entry and PDF unchanged
  int removed = 0;             // no longer named by any list
  int still_metadata = 0;      // unchanged papers that are still metadata only or failed
  int still_failed_files = 0;  // of those, PDF files given on disk (not list entries)
  int list_warnings = 0;
  int unreadable_inputs = 0;
  int extractions = 0;  // PDFs given to the extractor in this run
  int copied = 0;       // of text: PDFs on disk whose bytes another paper had, pages taken from it
  int cut_by_page_limit = 0;  // papers indexed with text, but only their first pages
  int kept_text = 0;          // of unchanged: papers with text whose links all failed; text kept
  // Papers whose title was edited (a new id) and whose PDF could not be fetched: they kept the
  // text of their old id. Counted neither as text nor as unchanged.
  int kept_text_renamed = 0;
  int fetches = 0;     // fetch requests made
  int fetched_ok = 0;  // of which succeeded (downloaded or cached)
  std::vector<std::string> unreachable_hosts;
  std::map<std::string, int> reasons;  // reason (without URL) -> papers, for metadata/failed
  bool interrupted = false;
  std::size_t documents = 0;  // documents in the index at the end
};

// Runs the pipeline. Throws paper::Error for fatal problems (index locked, unwritable, no worker).
PipelineSummary run_pipeline(const PipelineOptions& options, PipelineObserver& observer);

}  // namespace paper
