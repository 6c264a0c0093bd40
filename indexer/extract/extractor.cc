// The parent side of extraction: a pool of worker processes, a deadline per PDF, and the
// mapping of every way a worker can fail to a per-paper status.
#include "indexer/extract/extractor.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "common/error.h"
#include "indexer/extract/worker_protocol.h"

extern char** environ;

namespace paper {

namespace {

namespace proto = extract_protocol;
using Status = ExtractedText::Status;
using Clock = std::chrono::steady_clock;

struct Worker {
  pid_t pid = -1;
  int socket = -1;  // our end of the request/result channel (the worker's fd 0)
  int output = -1;  // memory file that is the worker's stdout and stderr
  bool reaped = false;

  Worker() = default;
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;
  ~Worker() {
    if (socket >= 0) ::close(socket);
    if (output >= 0) ::close(output);
  }
};

std::string format_seconds(double seconds) {
  char buf[32];
  if (seconds == std::floor(seconds)) {
    std::snprintf(buf, sizeof buf, "%.0f", seconds);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f", seconds);
  }
  return buf;
}

std::string own_executable() {
  std::string path(4096, '\0');
  ssize_t n = readlink("/proc/self/exe", path.data(), path.size());
  if (n <= 0)
    throw Error("cannot find this program's own executable for the PDF extraction workers");
  path.resize(static_cast<std::size_t>(n));
  return path;
}

int wait_for(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

// The last output the worker wrote before it died (Poppler's "Out of memory", a sanitizer
// report, ...).
std::string read_output(int fd) {
  struct stat st {};
  if (fd < 0 || fstat(fd, &st) != 0 || st.st_size == 0) return {};
  const off_t keep = 2048;
  off_t start = st.st_size > keep ? st.st_size - keep : 0;
  std::string text(static_cast<std::size_t>(st.st_size - start), '\0');
  ssize_t n = pread(fd, text.data(), text.size(), start);
  text.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
  return text;
}

void apply_record(char tag, const std::string& payload, ExtractedText& result) {
  switch (tag) {
    case 'P':
      result.pages.push_back(payload);
      break;
    case 'T':
      result.pdf_title = payload;
      break;
    case 'U':
      result.pdf_author = payload;
      break;
    case 'C':
      result.page_count = std::atoi(payload.c_str());
      break;
    case 'B':
      result.abstract = payload;
      break;
    case 'R': {
      int page = 0, end_page = 0;
      unsigned long long offset = 0, end_offset = 0;
      const int fields =
          std::sscanf(payload.c_str(), "%d %llu %d %llu", &page, &offset, &end_page, &end_offset);
      if (fields >= 2) {
        result.references_page = page;
        result.references_offset = static_cast<std::size_t>(offset);
      }
      if (fields == 4) {
        result.references_end_page = end_page;
        result.references_end_offset = static_cast<std::size_t>(end_offset);
      }
      break;
    }
    case 'D':
      result.diagnostics += payload;
      break;
    case 'S':
      if (!payload.empty() &&
          static_cast<unsigned char>(payload[0]) <= static_cast<unsigned>(Status::kCancelled)) {
        result.status = static_cast<Status>(payload[0]);
        result.reason = payload.substr(1);
      }
      break;
    default:
      break;
  }
}

enum class Outcome { kComplete, kTimedOut, kDied, kGarbled };

}  // namespace

class Extractor::Impl {
 public:
  explicit Impl(ExtractOptions options) : options_(std::move(options)) {
    if (options_.worker_exe.empty()) options_.worker_exe = own_executable();
  }

  ~Impl() {
    for (auto& worker : idle_) {
      // An idle worker is blocked reading its socket: closing it makes it exit at once.
      ::close(worker->socket);
      worker->socket = -1;
      wait_for(worker->pid);
    }
  }

  ExtractedText extract(const std::string& path) {
    ExtractedText result;
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
      result.status = Status::kUnreadable;
      result.reason = std::string("cannot read file: ") + std::strerror(errno);
      return result;
    }
    if (S_ISDIR(st.st_mode)) {
      result.status = Status::kUnreadable;
      result.reason = "cannot read file: it is a folder";
      return result;
    }
    if (st.st_size == 0) {
      result.status = Status::kEmptyFile;
      result.reason = "file is empty (0 bytes)";
      return result;
    }

    if (cancelled_) return cancelled();
    std::unique_ptr<Worker> worker = acquire();
    if (!proto::write_record(worker->socket, 'X', path)) {
      // The idle worker had died (killed from outside): this PDF is not to blame, retry once.
      discard(*worker);
      worker = spawn();
      if (!proto::write_record(worker->socket, 'X', path)) {
        discard(*worker);
        throw Error("the PDF extraction worker " + options_.worker_exe +
                    " exits at once; check that it runs `__extract-worker`");
      }
    }
    mark_busy(*worker, true);
    Outcome outcome = read_result(*worker, result);
    mark_busy(*worker, false);  // before any waitpid: cancel() never signals a reaped pid
    if (outcome == Outcome::kComplete) {
      if (result.status == Status::kOutOfMemory) {
        discard(*worker);
      } else {
        release(std::move(worker));
      }
    } else {
      result = ExtractedText{};
      if (outcome == Outcome::kTimedOut || outcome == Outcome::kGarbled) kill(worker->pid, SIGKILL);
      int status = wait_for(worker->pid);
      worker->reaped = true;
      std::string output = read_output(worker->output);
      result.diagnostics = output;
      if (cancelled_) {
        ExtractedText cancelled_result = cancelled();
        cancelled_result.diagnostics = result.diagnostics;
        result = cancelled_result;
      } else if (outcome == Outcome::kTimedOut) {
        result.status = Status::kTimedOut;
        result.reason =
            "extraction timed out after " + format_seconds(options_.wall_seconds) + " s";
      } else if (outcome == Outcome::kGarbled) {
        result.status = Status::kCrashed;
        result.reason = "extraction worker sent a malformed result";
      } else {
        classify_death(status, output, result);
      }
    }
    if (result.status != Status::kOk) {
      result.pages.clear();
      result.abstract.clear();
      result.references_page = 0;
      result.references_offset = 0;
      result.references_end_page = 0;
      result.references_end_offset = 0;
    }
    return result;
  }

  void cancel() {
    std::lock_guard<std::mutex> lock(mutex_);
    cancelled_ = true;
    for (pid_t pid : busy_) kill(pid, SIGKILL);
  }

 private:
  static ExtractedText cancelled() {
    ExtractedText result;
    result.status = Status::kCancelled;
    result.reason = "extraction cancelled";
    return result;
  }

  void mark_busy(const Worker& worker, bool busy) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (busy) {
      busy_.insert(worker.pid);
      if (cancelled_) kill(worker.pid, SIGKILL);  // cancel() ran between the checks
    } else {
      busy_.erase(worker.pid);
    }
  }

  void classify_death(int status, const std::string& output, ExtractedText& result) const {
    const bool out_of_memory = output.find("Out of memory") != std::string::npos ||
                               output.find("std::bad_alloc") != std::string::npos;
    if (out_of_memory) {
      result.status = Status::kOutOfMemory;
      result.reason = "extraction ran out of memory (limit " +
                      std::to_string(options_.memory_bytes >> 20) + " MB)";
    } else if (WIFSIGNALED(status) && WTERMSIG(status) == SIGXCPU) {
      result.status = Status::kTimedOut;
      result.reason = "extraction used more than " +
                      format_seconds(std::ceil(options_.cpu_seconds)) + " s of CPU time";
    } else if (WIFSIGNALED(status)) {
      result.status = Status::kCrashed;
      result.reason = "extraction crashed (signal " + std::to_string(WTERMSIG(status)) + ")";
    } else {
      result.status = Status::kCrashed;
      result.reason = "extraction worker exited with status " +
                      std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    }
  }

  Outcome read_result(Worker& worker, ExtractedText& result) {
    // wall_seconds <= 0: no deadline (a day stands in for "never").
    const double seconds = options_.wall_seconds > 0 ? options_.wall_seconds : 86400.0;
    const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                             std::chrono::duration<double>(seconds));
    proto::RecordParser parser;
    std::vector<char> buffer(64 * 1024);
    char tag;
    std::string payload;
    for (;;) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) return Outcome::kTimedOut;
      pollfd pfd{worker.socket, POLLIN, 0};
      int ready = ::poll(&pfd, 1, static_cast<int>(std::min<long long>(left.count() + 1, 1 << 30)));
      if (ready < 0 && errno == EINTR) continue;
      if (ready == 0) continue;  // re-check the deadline
      ssize_t n = ::read(worker.socket, buffer.data(), buffer.size());
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return Outcome::kDied;
      parser.feed(buffer.data(), static_cast<std::size_t>(n));
      while (parser.next(tag, payload)) {
        if (tag == 'E') return Outcome::kComplete;
        apply_record(tag, payload, result);
      }
      if (parser.error()) return Outcome::kGarbled;
    }
  }

  std::unique_ptr<Worker> acquire() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!idle_.empty()) {
        std::unique_ptr<Worker> worker = std::move(idle_.back());
        idle_.pop_back();
        return worker;
      }
    }
    return spawn();
  }

  void release(std::unique_ptr<Worker> worker) {
    // Forget what the worker wrote while extracting the previous PDF.
    if (ftruncate(worker->output, 0) != 0) {
      discard(*worker);
      return;
    }
    std::lock_guard<std::mutex> lock(mutex_);
    idle_.push_back(std::move(worker));
  }

  void discard(Worker& worker) {
    if (worker.reaped) return;
    kill(worker.pid, SIGKILL);
    wait_for(worker.pid);
    worker.reaped = true;
  }

  std::unique_ptr<Worker> spawn() {
    auto worker = std::make_unique<Worker>();
    int channel[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, channel) != 0) {
      throw Error(std::string("cannot create a channel to a PDF extraction worker: ") +
                  std::strerror(errno));
    }
    worker->socket = channel[0];
    worker->output = memfd_create("paper-extract-output", MFD_CLOEXEC);
    if (worker->output < 0) {
      ::close(channel[1]);
      throw Error(std::string("cannot create an output file for a PDF extraction worker: ") +
                  std::strerror(errno));
    }

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, channel[1], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, worker->output, STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, worker->output, STDERR_FILENO);
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    // Its own process group: Ctrl-C in the terminal reaches only the indexer, which drains and
    // lets the workers finish their PDF. Default signal handling and an empty mask, whatever the
    // indexer uses.
    posix_spawnattr_setflags(
        &attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    posix_spawnattr_setpgroup(&attributes, 0);
    sigset_t signals;
    sigemptyset(&signals);
    posix_spawnattr_setsigmask(&attributes, &signals);
    sigfillset(&signals);
    sigdelset(&signals, SIGKILL);
    sigdelset(&signals, SIGSTOP);
    posix_spawnattr_setsigdefault(&attributes, &signals);

    std::vector<std::string> args = {
        options_.worker_exe, "__extract-worker",
        "--cpu-seconds",     format_seconds(std::ceil(options_.cpu_seconds)),
        "--memory-bytes",    std::to_string(options_.memory_bytes),
        "--max-pages",       std::to_string(options_.max_pages)};
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    int rc = posix_spawn(&worker->pid, options_.worker_exe.c_str(), &actions, &attributes,
                         argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    ::close(channel[1]);
    if (rc != 0) {
      worker->reaped = true;
      throw Error("cannot start the PDF extraction worker " + options_.worker_exe + ": " +
                  std::strerror(rc));
    }
    return worker;
  }

  ExtractOptions options_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Worker>> idle_;
  std::set<pid_t> busy_;  // workers inside read_result, not yet reaped
  std::atomic<bool> cancelled_{false};
};

Extractor::Extractor(ExtractOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Extractor::~Extractor() = default;

ExtractedText Extractor::extract(const std::string& pdf_path) { return impl_->extract(pdf_path); }
void Extractor::cancel() { impl_->cancel(); }

}  // namespace paper
