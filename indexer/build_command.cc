// paper-index build [--db DIR] [--rebuild] [--retry] [--jobs N] [--quiet] [PATH...]
#include <malloc.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <filesystem>

#include "common/error.h"
#include "indexer/build_options.h"
#include "indexer/commands.h"
#include "indexer/inputs.h"
#include "indexer/pipeline.h"
#include "indexer/progress.h"

namespace paper {
namespace {

std::atomic<bool> g_stop{false};
// CLOCK_MONOTONIC time of the first stop signal, in nanoseconds; 0 before it.
std::atomic<std::int64_t> g_first_stop_ns{0};
static_assert(std::atomic<std::int64_t>::is_always_lock_free, "used in a signal handler");

// The same stop can arrive twice at once: `timeout` signals the process and then its process
// group, and a service manager may signal the main process and then every process of its unit.
// A second signal within this time is that same stop; a later one ends the process at once.
constexpr std::int64_t kSameStopNs = 1'000'000'000;

extern "C" void on_stop_signal(int sig) {
  timespec now_ts{};
  ::clock_gettime(CLOCK_MONOTONIC, &now_ts);
  const std::int64_t now = now_ts.tv_sec * std::int64_t{1'000'000'000} + now_ts.tv_nsec;
  std::int64_t first = 0;
  if (g_first_stop_ns.compare_exchange_strong(first, now)) {
    g_stop.store(true);
    return;
  }
  if (now - first < kSameStopNs) return;
  // A second Ctrl-C ends the process at once.
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

// Installs SIGINT/SIGTERM handlers for the lifetime of the object.
class StopSignals {
 public:
  StopSignals() {
    g_stop.store(false);
    g_first_stop_ns.store(0);
    struct sigaction sa {};
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    ::sigaction(SIGINT, &sa, &old_int_);
    ::sigaction(SIGTERM, &sa, &old_term_);
  }
  ~StopSignals() {
    ::sigaction(SIGINT, &old_int_, nullptr);
    ::sigaction(SIGTERM, &old_term_, nullptr);
  }

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

}  // namespace

int run_build(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  BuildOptions b;
  if (int rc = parse_build_options(args, b, out, err); rc >= 0) return rc;
  // One malloc arena per pipeline thread kept freed page texts mapped; two are enough here.
  ::mallopt(M_ARENA_MAX, 2);

  PipelineOptions options;
  options.db_dir = b.db;
  options.rebuild = b.rebuild;
  options.retry = b.retry;
  options.fetch.refresh = b.refresh;
  options.jobs = b.jobs;
  options.batch_size = static_cast<std::size_t>(b.batch_size);
  options.paths = b.paths;
  if (options.paths.empty()) options.paths = default_lists(b.data_dir);
  options.synonyms_path = b.synonyms;
  options.stop = &g_stop;
  options.discover = b.discover;
  options.discovery.email = b.email;
  options.discovery.semantic_scholar_key = b.s2_key;
  options.discovery.openalex_key = b.openalex_key;

  Progress::Mode mode = b.quiet                   ? Progress::Mode::kQuiet
                        : ::isatty(STDERR_FILENO) ? Progress::Mode::kTerminal
                                                  : Progress::Mode::kPlain;
  Progress progress(err, mode);
  StopSignals signals;
  PipelineSummary s = run_pipeline(options, progress);
  progress.finish();
  if (b.synonyms.empty() && !b.quiet) {
    // Without the table searches lose the field's vocabulary (CT / computed tomography) without
    // a word: say where it was looked for.
    err << "paper-index: note: no synonym file (" << b.data_dir
        << "/synonyms.txt is not in this folder): an index that has synonyms keeps them, a new "
           "one gets none; give --synonyms FILE (the repository's data/synonyms.txt)\n";
  }
  print_summary(s, out);
  return exit_code_for(s);
}

}  // namespace paper
