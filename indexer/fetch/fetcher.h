// Downloading candidate PDFs: libcurl multi, per-host limits, retries, cache, durable record.
// Owner: indexer/fetch.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "common/paper.h"

namespace paper {

class StateStore;

struct FetchOptions {
  std::string cache_dir;                    // content-addressed PDF cache
  int max_total_connections = 16;
  int max_per_host = 2;
  double min_interval_per_host_s = 0.0;     // pacing; arXiv defaults to 3 s (see fetcher.cc)
  long connect_timeout_s = 10;
  long low_speed_limit_bytes = 1024;        // abort below this rate...
  long low_speed_time_s = 20;               // ...sustained for this long
  long max_redirects = 8;
  std::int64_t max_bytes = 100ll << 20;     // largest PDF accepted
  int max_attempts = 4;                     // for timeouts, 5xx and 429
  bool refresh = false;                     // send conditional requests for cached URLs
};

struct FetchResult {
  enum class Status { kDownloaded, kCached, kFailed };
  Status status = Status::kFailed;
  std::string url;          // the URL asked for
  std::string final_url;    // after redirects
  long http_status = 0;
  std::string reason;       // plain words when failed ("HTTP 404 Not Found", "got an HTML page
                            // (paywall or login page?)", "host example.org unreachable", ...)
  std::string path;         // cached PDF file when not failed
  std::string sha256;       // hex
  std::int64_t bytes = 0;
};

// Receives progress; called from the fetcher's thread. Implementations must be thread-safe.
class FetchObserver {
 public:
  virtual ~FetchObserver() = default;
  virtual void on_fetch_done(const PaperId& id, const FetchResult& result) = 0;
  virtual void on_bytes(std::int64_t /*bytes*/) {}
  virtual void on_host_unreachable(const std::string& /*host*/, const std::string& /*why*/) {}
};

// Runs transfers on one background thread with curl multi. fetch() is thread-safe and never
// blocks on the network; done runs on the fetcher thread. The destructor cancels what is left.
class Fetcher {
 public:
  Fetcher(FetchOptions options, StateStore* store, FetchObserver* observer);
  ~Fetcher();
  Fetcher(const Fetcher&) = delete;
  Fetcher& operator=(const Fetcher&) = delete;

  void fetch(const PaperId& id, const std::string& url, std::function<void(FetchResult)> done);
  // Blocks until every submitted fetch has completed (its done has returned).
  void wait_idle();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace paper
