// Shared by the fetch tests: PDFs, options with tiny waits, and a blocking fetch.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <future>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include "indexer/fetch/fetcher.h"
#include "tests/support/pdf_writer.h"

namespace paper::testing {

inline std::string small_pdf(const std::string& text = "A small paper about segmentation.") {
  return make_pdf({single_column_page(text)});
}

inline std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Options for loopback tests: retries wait about a millisecond, no pacing.
inline FetchOptions test_options(const std::string& cache_dir) {
  FetchOptions o;
  o.cache_dir = cache_dir;
  o.retry_wait_scale = 0.001;
  o.connect_timeout_s = 5;
  o.low_speed_time_s = 5;
  o.max_attempts = 3;
  return o;
}

struct RecordingObserver : FetchObserver {
  struct Retry {
    std::string url;
    int attempt;
    double delay_s;
    std::string reason;
  };
  void on_fetch_done(const PaperId& id, const FetchResult& r) override {
    std::lock_guard lock(mutex);
    done.emplace_back(id, r);
  }
  void on_bytes(std::int64_t n) override { bytes += n; }
  void on_host_unreachable(const std::string& host, const std::string& why) override {
    std::lock_guard lock(mutex);
    unreachable.push_back(host + ": " + why);
  }
  void on_retry(const std::string& url, int attempt, double delay_s,
                const std::string& reason) override {
    std::lock_guard lock(mutex);
    retries.push_back({url, attempt, delay_s, reason});
  }
  std::atomic<std::int64_t> bytes{0};
  std::mutex mutex;
  std::vector<std::pair<PaperId, FetchResult>> done;
  std::vector<std::string> unreachable;
  std::vector<Retry> retries;
};

// Submits a fetch and returns its future result.
inline std::future<FetchResult> submit(Fetcher& fetcher, const std::string& url,
                                       const PaperId& id = "paper") {
  auto promise = std::make_shared<std::promise<FetchResult>>();
  auto future = promise->get_future();
  fetcher.fetch(id, url, [promise](FetchResult r) { promise->set_value(std::move(r)); });
  return future;
}

// Waits for a result with a safety timeout (a hang fails the test instead of blocking CI).
inline FetchResult wait_result(std::future<FetchResult>& future) {
  if (future.wait_for(std::chrono::seconds(30)) != std::future_status::ready) {
    ADD_FAILURE() << "fetch did not finish within 30 s";
    return {};
  }
  return future.get();
}

inline FetchResult fetch_one(Fetcher& fetcher, const std::string& url,
                             const PaperId& id = "paper") {
  auto future = submit(fetcher, url, id);
  return wait_result(future);
}

}  // namespace paper::testing
