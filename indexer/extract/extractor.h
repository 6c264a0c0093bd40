// Text extraction with poppler-cpp, isolated in worker processes.
// Owner: indexer/extract.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace paper {

struct ExtractOptions {
  std::string worker_exe;           // executable that runs run_extract_worker (paper-index)
  double cpu_seconds = 60;          // RLIMIT_CPU per PDF
  std::size_t memory_bytes = 1ull << 30;  // RLIMIT_AS of a worker
  double wall_seconds = 120;        // deadline per PDF, then the worker is killed
  int max_pages = 5000;
};

struct ExtractedText {
  enum class Status { kOk, kEncrypted, kCorrupt, kEmptyFile, kNoText, kTimedOut, kCrashed };
  Status status = Status::kCorrupt;
  std::string reason;               // plain words: "PDF is password-protected", ...
  std::string pdf_title;            // document info Title, may be empty
  std::string pdf_author;
  int page_count = 0;
  std::vector<std::string> pages;   // cleaned text per page, reading order, no '\f'
  std::string abstract;             // empty when none detected
  int references_page = 0;          // 1-based page where the references section starts, 0 if none
  std::size_t references_offset = 0;  // byte offset of the references heading in that page
  std::string diagnostics;          // Poppler's own messages for this PDF, if any
};

// Runs each extraction in a worker process with resource limits. Thread-safe: call extract()
// from several threads at once; each call uses its own worker.
class Extractor {
 public:
  explicit Extractor(ExtractOptions options);
  ~Extractor();
  ExtractedText extract(const std::string& pdf_path);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// The worker's entry point: paper-index calls it when started as `paper-index __extract-worker`.
int run_extract_worker(int argc, char** argv);

// True when the list title appears on the first page (tolerant of case, punctuation, line
// breaks and hyphenation).
bool title_matches_page(const std::string& list_title, const std::string& page_text);

}  // namespace paper
