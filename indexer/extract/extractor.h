// Text extraction with poppler-cpp, isolated in worker processes.
// Owner: indexer/extract.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace paper {

struct ExtractOptions {
  // Executable that runs run_extract_worker when started as `worker_exe __extract-worker ...`
  // (paper-index does). Empty means this process's own executable (/proc/self/exe).
  std::string worker_exe;
  double cpu_seconds = 60;                // RLIMIT_CPU per PDF (rounded up to whole s); <= 0: none
  std::size_t memory_bytes = 1ull << 30;  // RLIMIT_AS of a worker; 0 = no limit
  double wall_seconds = 120;              // deadline per PDF, then the worker is killed; <= 0: none
  int max_pages = 5000;  // pages past this are not extracted (noted in diagnostics)
};

struct ExtractedText {
  // kOutOfMemory, kUnreadable and kCancelled were added after the first contract; treat unknown
  // values as failures.
  enum class Status {
    kOk,
    kEncrypted,    // "PDF is password-protected"
    kCorrupt,      // "PDF is damaged or truncated: ...", "not a PDF: ..."
    kEmptyFile,    // "file is empty (0 bytes)"
    kNoText,       // "no text layer: scanned PDF?"
    kTimedOut,     // "extraction timed out after N s", "extraction used more than N s of CPU time"
    kCrashed,      // "extraction crashed (signal N)", "extraction worker exited with status N"
    kOutOfMemory,  // "extraction ran out of memory (limit N MB)"
    kUnreadable,   // "cannot read file: <system error>"
    kCancelled,    // "extraction cancelled" (Extractor::cancel was called)
  };
  Status status = Status::kCorrupt;
  std::string reason;     // plain words: "PDF is password-protected", ...
  std::string pdf_title;  // document info Title, may be empty
  std::string pdf_author;
  int page_count = 0;  // pages in the PDF (pages.size() may be smaller: max_pages)
  std::vector<std::string>
      pages;                // cleaned text per page, reading order, no '\f'; empty unless kOk
  std::string abstract;     // empty when none detected
  int references_page = 0;  // 1-based page where the references section starts, 0 if none
  std::size_t references_offset = 0;  // byte offset of the references heading in that page
  // Where the references end: the page and byte offset of the heading after them ("Appendix A",
  // "Supplementary Material", ...); page 0 when they run to the end of the document.
  int references_end_page = 0;
  std::size_t references_end_offset = 0;
  // One per line: the extraction's notes ("only the first N of M pages were extracted (page
  // limit)", "little text: N words on M pages", "text on only N of M pages: ...", "no text but a
  // stamp on N of M pages: ..."), then Poppler's own messages for this PDF, if any.
  std::string diagnostics;
};

// A short stable name for a status: "ok", "encrypted", "corrupt", "empty", "no-text",
// "timed-out", "crashed", "out-of-memory", "unreadable", "cancelled".
const char* to_string(ExtractedText::Status status);

// Runs each extraction in a worker process with resource limits. Workers are kept in a pool and
// reused across PDFs; a worker that crashed, hung or ran out of memory is killed and replaced on
// the next call. Thread-safe: call extract() from several threads at once; each call uses its
// own worker, so N threads use N workers. Destroy only after every extract() call returned; the
// destructor kills the idle workers.
class Extractor {
 public:
  explicit Extractor(ExtractOptions options);
  ~Extractor();
  Extractor(const Extractor&) = delete;
  Extractor& operator=(const Extractor&) = delete;

  // Never throws for a bad PDF: every per-file failure is a Status with a reason. Throws
  // paper::Error when no worker can be started at all (worker_exe missing, out of processes).
  ExtractedText extract(const std::string& pdf_path);

  // Stops the run's extractions (Ctrl-C): kills the workers busy right now, so their extract()
  // calls return kCancelled at once, and makes every later call return kCancelled without
  // starting a worker. Thread-safe, idempotent.
  void cancel();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// The worker's entry point: paper-index calls it when started as `paper-index __extract-worker`
// (argv[0] is "__extract-worker"). It reads requests on fd 0 (a socket to the parent) and exits
// 0 at end of input. Test-only: the environment variable PAPER_EXTRACT_TEST_FAULT=KIND or
// KIND:SUBSTRING (KIND = hang, spin, crash or oom) makes the worker misbehave on every PDF (or on
// PDFs whose path contains SUBSTRING) to prove the isolation; never set it in production.
int run_extract_worker(int argc, char** argv);

// True when the list title appears near the top of the page (tolerant of case, punctuation,
// line breaks, hyphenation, ligatures and typographic quotes; allows one missed word in ten for
// titles of ten words or more). Pure and thread-safe.
bool title_matches_page(const std::string& list_title, const std::string& page_text);

// True when the list title matches the PDF's metadata title or one of its first two pages
// (a cover page may come first). Pure and thread-safe.
bool title_matches_text(const std::string& list_title, const ExtractedText& text);

// The paper's title as the PDF gives it: the metadata title unless it is empty or junk
// ("Microsoft Word - x.docx", a file name, "untitled"), else a heuristic guess from the first
// lines of the first page (may be empty). Pure and thread-safe.
std::string document_title(const ExtractedText& text);

}  // namespace paper
