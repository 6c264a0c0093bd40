// Test helper: fetch_resume_child CACHE_DIR STATE_DB URL... runs one Fetcher over the URLs
// (paper ids p0, p1, ...) and prints "<status> <url>" on stdout as each finishes, flushed at once,
// so a test can kill -9 it at a known point.
#include <cstdio>
#include <string>

#include "indexer/fetch/fetcher.h"
#include "indexer/fetch/state_store.h"

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: fetch_resume_child CACHE_DIR STATE_DB URL...\n");
    return 64;
  }
  paper::StateStore store(argv[2]);
  paper::FetchOptions options;
  options.cache_dir = argv[1];
  options.retry_wait_scale = 0.001;
  paper::Fetcher fetcher(options, &store, nullptr);
  for (int i = 3; i < argc; ++i) {
    fetcher.fetch("p" + std::to_string(i - 3), argv[i], [](paper::FetchResult r) {
      std::printf("%s %s\n", paper::to_string(r.status), r.url.c_str());
      std::fflush(stdout);
    });
  }
  fetcher.wait_idle();
  return 0;
}
