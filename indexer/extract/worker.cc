// The extraction worker: a child process that opens PDFs with poppler-cpp, one request at a
// time, under resource limits, and streams the cleaned text back to the parent.
#include <errno.h>
#include <fcntl.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include "common/text_cleanup.h"
#include "indexer/extract/extractor.h"
#include "indexer/extract/sections.h"
#include "indexer/extract/text_census.h"
#include "indexer/extract/worker_protocol.h"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define PAPER_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
    __has_feature(memory_sanitizer)
#define PAPER_SANITIZED 1
#endif
#endif

namespace paper {

namespace {

namespace proto = extract_protocol;
using Status = ExtractedText::Status;

constexpr std::size_t kMaxDiagnosticBytes = 4096;
constexpr std::size_t kMaxPageBytes = 4u << 20;
// Larger PDFs are not read into memory at once (see extract_pdf): while Poppler parses a large
// PDF, its own memory is at its largest, and the copy would add to the peak of the process tree
// (bench/results/index.md). 90% of the benchmark corpus's bytes are in smaller files.
constexpr off_t kMaxPdfInMemory = off_t{2} << 20;
// Up to this many pages, a references heading may be on any page (a short paper's list can start
// on its first half).
constexpr int kShortDocumentPages = 4;

struct WorkerConfig {
  double cpu_seconds = 60;
  std::size_t memory_bytes = 0;
  int max_pages = 5000;
};

// Poppler's messages for the PDF being extracted. Poppler calls back on this thread only.
struct Chatter {
  std::string text;
  int messages = 0;
};

void on_poppler_message(const std::string& message, void* closure) {
  auto* chatter = static_cast<Chatter*>(closure);
  ++chatter->messages;
  if (chatter->text.size() >= kMaxDiagnosticBytes) return;
  chatter->text += "poppler: " + message + "\n";
}

enum class Fault { kNone, kHang, kSpin, kCrash, kOom };

// Test-only fault injection (see extractor.h): PAPER_EXTRACT_TEST_FAULT=KIND[:SUBSTRING].
Fault injected_fault(const std::string& path) {
  const char* value = std::getenv("PAPER_EXTRACT_TEST_FAULT");
  if (value == nullptr || *value == '\0') return Fault::kNone;
  std::string spec = value;
  std::string kind = spec.substr(0, spec.find(':'));
  if (spec.find(':') != std::string::npos &&
      path.find(spec.substr(spec.find(':') + 1)) == std::string::npos) {
    return Fault::kNone;
  }
  if (kind == "hang") return Fault::kHang;
  if (kind == "spin") return Fault::kSpin;
  if (kind == "crash") return Fault::kCrash;
  if (kind == "oom") return Fault::kOom;
  return Fault::kNone;
}

[[noreturn]] void misbehave(Fault fault, const WorkerConfig& config) {
  switch (fault) {
    case Fault::kHang:
      for (;;) pause();
    case Fault::kSpin:
      for (volatile unsigned long spin = 0;;) spin = spin + 1;
    case Fault::kCrash:
      signal(SIGSEGV, SIG_DFL);  // a sanitizer's handler would turn it into exit(1)
      raise(SIGSEGV);
      std::abort();
    case Fault::kOom:
    case Fault::kNone:
      break;
  }
  // Allocate and touch memory until the address-space limit stops us; without a limit (a
  // sanitizer build) give up after twice the configured budget.
  std::vector<std::unique_ptr<char[]>> blocks;
  const std::size_t block = 8u << 20;
  const std::size_t budget = config.memory_bytes ? 2 * config.memory_bytes : (256u << 20);
  for (std::size_t total = 0; total < budget; total += block) {
    blocks.emplace_back(new char[block]);
    std::memset(blocks.back().get(), 1, block);
  }
  throw std::bad_alloc();
}

// RLIMIT_CPU counts the whole life of the process; a reused worker gets its budget per PDF.
void set_cpu_budget(double seconds) {
  if (seconds <= 0) return;
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  double used = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  rlimit limit{};
  getrlimit(RLIMIT_CPU, &limit);
  auto soft = static_cast<rlim_t>(std::ceil(used + seconds));
  if (limit.rlim_max != RLIM_INFINITY && soft > limit.rlim_max) soft = limit.rlim_max;
  limit.rlim_cur = soft;
  setrlimit(RLIMIT_CPU, &limit);
}

// Whatever reached our stderr/stdout (a memory file the parent gave us) while extracting this
// PDF: libraries below Poppler may print there directly.
std::string take_captured_output() {
  struct stat st {};
  if (fstat(STDERR_FILENO, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0) return {};
  std::string text(static_cast<std::size_t>(std::min<off_t>(st.st_size, kMaxDiagnosticBytes)),
                   '\0');
  ssize_t n = pread(STDERR_FILENO, text.data(), text.size(), 0);
  text.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
  if (ftruncate(STDERR_FILENO, 0) == 0) lseek(STDERR_FILENO, 0, SEEK_SET);
  return text;
}

std::string to_utf8(const poppler::ustring& text) {
  return utf16_to_utf8(text.data(), text.size());
}

// Extracts one PDF, sending pages as they come; returns the final status and reason.
Status extract_pdf(int fd, const std::string& path, const WorkerConfig& config, Chatter& chatter,
                   std::string& reason, std::string& notes) {
  int file = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (file < 0) {
    reason = std::string("cannot read file: ") + std::strerror(errno);
    return Status::kUnreadable;
  }
  struct stat st {};
  fstat(file, &st);
  if (st.st_size == 0) {
    ::close(file);
    reason = "file is empty (0 bytes)";
    return Status::kEmptyFile;
  }
  // The whole file in memory, read at once: Poppler's file stream reads 256 bytes per system
  // call, about 5% of an extraction's CPU (bench/results/index.md). A larger file is read by
  // Poppler from disk.
  const bool in_memory = st.st_size <= kMaxPdfInMemory;
  std::string data;
  if (in_memory) {
    data.resize(static_cast<std::size_t>(st.st_size));
    std::size_t got = 0;
    while (got < data.size()) {
      const ssize_t n = pread(file, data.data() + got, data.size() - got, static_cast<off_t>(got));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      got += static_cast<std::size_t>(n);
    }
    data.resize(got);  // a file cut short meanwhile is read as it is now
  }
  char head_buffer[1024];
  char tail_buffer[2048];
  std::string_view head, tail;
  if (in_memory) {
    head = std::string_view(data).substr(0, sizeof head_buffer);
    tail = std::string_view(data).substr(data.size() - std::min(data.size(), sizeof tail_buffer));
  } else {
    ssize_t n = pread(file, head_buffer, sizeof head_buffer, 0);
    head = std::string_view(head_buffer, static_cast<std::size_t>(std::max<ssize_t>(n, 0)));
    n = pread(file, tail_buffer, sizeof tail_buffer,
              st.st_size - static_cast<off_t>(sizeof tail_buffer));
    tail = std::string_view(tail_buffer, static_cast<std::size_t>(std::max<ssize_t>(n, 0)));
  }
  ::close(file);
  if (head.find("%PDF-") == std::string_view::npos) {
    reason = "not a PDF: no %PDF header in the first 1024 bytes";
    return Status::kCorrupt;
  }
  const bool has_eof_marker = tail.find("%%EOF") != std::string_view::npos;

  // Declared after data, so destroyed before it: a document reads from data while it lives.
  std::unique_ptr<poppler::document> doc(
      in_memory ? poppler::document::load_from_raw_data(data.data(), static_cast<int>(data.size()))
                : poppler::document::load_from_file(path));
  if (!doc) {
    reason = "PDF is damaged or truncated: Poppler cannot open it";
    return Status::kCorrupt;
  }
  if (doc->is_locked()) {
    reason = "PDF is password-protected";
    return Status::kEncrypted;
  }
  proto::write_record(fd, 'T', clean_line(to_utf8(doc->info_key("Title"))));
  proto::write_record(fd, 'U', clean_line(to_utf8(doc->info_key("Author"))));
  const int page_count = doc->pages();
  proto::write_record(fd, 'C', std::to_string(page_count));
  if (page_count <= 0) {
    reason = "PDF is damaged or truncated: it has no pages";
    return Status::kCorrupt;
  }
  const int pages = std::min(page_count, std::max(config.max_pages, 1));
  if (pages < page_count) {
    notes += "only the first " + std::to_string(pages) + " of " + std::to_string(page_count) +
             " pages were extracted (page limit)\n";
  }

  std::vector<std::string> first_pages;
  TextCensus census;
  int references_page = 0;
  std::size_t references_offset = 0;
  int references_end_page = 0;  // 0: the references run to the end of the document
  std::size_t references_end_offset = 0;
  for (int i = 0; i < pages; ++i) {
    std::string text;
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (page) {
      // Poppler's reading order (as pdftotext): blocks and columns come out one after another.
      // Chosen over text_list() word boxes plus our own column analysis, which cost 1.5x the
      // CPU of pdftotext on the benchmark corpus. Poppler already joins words hyphenated inside
      // a block (it drops every line-end hyphen, so "U-" + "Net" gives "UNet");
      // clean_page_text joins the ones it leaves, across block and column breaks.
      text = clean_page_text(
          to_utf8(page->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout)));
    }
    if (text.size() > kMaxPageBytes) {
      text.resize(kMaxPageBytes);
      text = clean_line(text);  // drops a cut UTF-8 sequence
      notes += "page " + std::to_string(i + 1) + " was cut at 4 MB of text\n";
    }
    census.add_page(text);
    // A reference list closes a paper: a "References" heading in the first half of a longer
    // document is one of its sections (a manual's list of sources), and taking it for the
    // references would index the rest of the document as references, out of plain searches.
    if (auto offset = find_references_heading(text);
        offset && (pages <= kShortDocumentPages || 2 * (i + 1) > pages)) {
      references_page = i + 1;
      references_offset = *offset;
      references_end_page = 0;
      // Appendices and supplementary material after the reference list are body text again.
      if (auto end = find_references_end(text, *offset + 1)) {
        references_end_page = i + 1;
        references_end_offset = *end;
      }
    } else if (references_page > 0 && references_end_page == 0) {
      if (auto end = find_references_end(text)) {
        references_end_page = i + 1;
        references_end_offset = *end;
      }
    }
    if (i < 2) first_pages.push_back(text);
    if (!proto::write_record(fd, 'P', text)) std::exit(2);  // the parent is gone
  }
  doc.reset();

  if (!has_eof_marker && chatter.messages > 0) {
    reason = "PDF is damaged or truncated: the file ends before its %%EOF marker";
    return Status::kCorrupt;
  }
  census.finish();
  if (census.alphanumerics() < kMinTextAlphanumerics) {
    notes += census.stamp_note(pages);
    reason = "no text layer: scanned PDF?";
    return Status::kNoText;
  }
  if (2 * census.text_pages() < pages) {
    notes += "text on only " + std::to_string(census.text_pages()) + " of " +
             std::to_string(pages) + " pages: the others may be scanned images\n";
  } else if (census.alphanumerics() <
             kSparseAlphanumericsPerPage * static_cast<std::size_t>(pages)) {
    notes += "little text: " + std::to_string(census.words()) + " words on " +
             std::to_string(pages) + " pages\n";
  }
  proto::write_record(fd, 'B', find_abstract(first_pages));
  if (references_page > 0) {
    std::string where = std::to_string(references_page) + " " + std::to_string(references_offset);
    if (references_end_page > 0) {
      where +=
          " " + std::to_string(references_end_page) + " " + std::to_string(references_end_offset);
    }
    proto::write_record(fd, 'R', where);
  }
  return Status::kOk;
}

pid_t watched_parent = 0;

void exit_if_orphaned(int) {
  if (getppid() != watched_parent) _exit(3);
}

// A worker must not outlive the indexer (kill -9 of the parent, while a PDF hangs): a timer
// checks twice a second whether the worker was re-parented. A timer, not a thread: once a process
// has a second thread, glibc takes the heap's lock in every malloc and free, and Poppler makes
// millions of them (2.4% of a build's CPU, bench/results/index.md). SA_RESTART: reads and writes
// the signal interrupts go on.
void watch_parent() {
  watched_parent = getppid();
  struct sigaction action {};
  action.sa_handler = exit_if_orphaned;
  action.sa_flags = SA_RESTART;
  sigemptyset(&action.sa_mask);
  sigaction(SIGALRM, &action, nullptr);
  const itimerval every_half_second{{0, 500'000}, {0, 500'000}};
  setitimer(ITIMER_REAL, &every_half_second, nullptr);
}

WorkerConfig parse_arguments(int argc, char** argv) {
  WorkerConfig config;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string name = argv[i];
    const char* value = argv[i + 1];
    if (name == "--cpu-seconds") config.cpu_seconds = std::strtod(value, nullptr);
    if (name == "--memory-bytes") config.memory_bytes = std::strtoull(value, nullptr, 10);
    if (name == "--max-pages") config.max_pages = std::atoi(value);
  }
  return config;
}

}  // namespace

int run_extract_worker(int argc, char** argv) {
  const WorkerConfig config = parse_arguments(argc, argv);
  // Descriptors the indexer opened without close-on-exec (index files, sockets) are not ours.
  close_range(3, ~0u, 0);
  rlimit no_core{0, 0};
  setrlimit(RLIMIT_CORE, &no_core);  // a crash on a hostile PDF must not write core files
#ifndef PAPER_SANITIZED
  if (config.memory_bytes > 0) {
    rlimit as{static_cast<rlim_t>(config.memory_bytes), static_cast<rlim_t>(config.memory_bytes)};
    setrlimit(RLIMIT_AS, &as);
  }
#endif
  signal(SIGPIPE, SIG_IGN);
  watch_parent();
  Chatter chatter;
  poppler::set_debug_error_function(on_poppler_message, &chatter);

  const int fd = STDIN_FILENO;
  char tag;
  std::string path;
  while (proto::read_record(fd, tag, path)) {
    if (tag != 'X') return 2;
    chatter = Chatter{};
    set_cpu_budget(config.cpu_seconds);
    std::string reason, notes;
    Status status;
    bool exit_after = false;
    try {
      if (Fault fault = injected_fault(path); fault != Fault::kNone) misbehave(fault, config);
      status = extract_pdf(fd, path, config, chatter, reason, notes);
    } catch (const std::bad_alloc&) {
      status = Status::kOutOfMemory;
      reason = "extraction ran out of memory (limit " + std::to_string(config.memory_bytes >> 20) +
               " MB)";
      exit_after = true;  // the heap may be in a poor state: let the parent start a new worker
    }
    std::string diagnostics = notes + chatter.text + take_captured_output();
    if (chatter.text.size() >= kMaxDiagnosticBytes) {
      diagnostics += "(" + std::to_string(chatter.messages) + " Poppler messages in all)\n";
    }
    if (!diagnostics.empty()) proto::write_record(fd, 'D', diagnostics);
    std::string status_payload(1, static_cast<char>(status));
    status_payload += reason;
    if (!proto::write_record(fd, 'S', status_payload) || !proto::write_record(fd, 'E', {})) {
      return 2;
    }
    if (exit_after) return 3;
  }
  return 0;
}

}  // namespace paper
