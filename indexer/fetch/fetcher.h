// Downloading candidate PDFs: libcurl multi, per-host limits, retries, cache, durable record.
// Owner: indexer/fetch.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/paper.h"

namespace paper {

class StateStore;

// Limits for one host (matched exactly, else by its parent domains: "www.arxiv.org" uses
// "arxiv.org"). Hosts that share a policy entry share its connection count and pacing.
struct HostPolicy {
  int max_connections = 2;
  double min_interval_s = 0.0;  // between the starts of two requests
};

// arxiv.org and export.arxiv.org: one connection, one request per 3 s (arXiv's terms of use).
std::map<std::string, HostPolicy> default_host_policies();

struct FetchOptions {
  std::string cache_dir;  // content-addressed PDF cache
  int max_total_connections = 16;
  int max_per_host = 2;                  // hosts without an entry in host_policies
  double min_interval_per_host_s = 0.0;  // pacing; arXiv defaults to 3 s (see fetcher.cc)
  long connect_timeout_s = 10;
  long low_speed_limit_bytes = 1024;  // abort below this rate...
  long low_speed_time_s = 20;         // ...sustained for this long
  // A server that keeps sending, but slowly (a few KB/s), passes the low-speed test: a transfer
  // whose average rate is below min_average_bytes_per_s once it has run min_average_after_s is
  // given up (not retried).
  long min_average_bytes_per_s = 16 * 1024;
  long min_average_after_s = 60;
  long max_redirects = 8;
  std::int64_t max_bytes = 100ll << 20;  // largest PDF accepted
  int max_attempts = 4;                  // for timeouts, 5xx and 429
  bool refresh = false;                  // send conditional requests for cached URLs

  std::map<std::string, HostPolicy> host_policies = default_host_policies();
  long max_time_s = 900;             // whole transfer (100 MB at 111 KB/s), 0 = no limit
  double retry_base_s = 1.0;         // first backoff, doubled per attempt, jitter x0.5-1.5
  double retry_max_s = 60.0;         // cap on one backoff
  double retry_after_max_s = 120.0;  // cap on an honoured Retry-After
  double retry_wait_scale = 1.0;     // multiplies every retry wait (tests use ~0.001)
  int max_page_follows = 2;  // HTML intermediates followed (Drive, citation_pdf_url, OJS, IEEE)
  std::string user_agent;    // "" = kUserAgent (common/version.h)
  // curl CONNECT_TO entries "HOST:PORT:CONNECT-TO-HOST:CONNECT-TO-PORT": send a host's traffic
  // elsewhere (tests and benchmarks point real host names at a loopback server).
  std::vector<std::string> connect_to;
};

struct FetchResult {
  enum class Status { kDownloaded, kCached, kFailed };
  Status status = Status::kFailed;
  std::string url;        // the URL asked for
  std::string final_url;  // after redirects
  long http_status = 0;
  std::string reason;  // plain words when failed ("HTTP 404 Not Found", "got an HTML page
                       // (paywall or login page?)", "host example.org unreachable", ...)
  std::string path;    // cached PDF file when not failed
  std::string sha256;  // hex
  std::int64_t bytes = 0;
  int attempts = 0;  // HTTP requests made for it in this run (0 when served from cache)
  std::string etag;
  std::string last_modified;
};

const char* to_string(FetchResult::Status status);  // "downloaded", "cached", "failed"

// Receives progress; called from the fetcher's thread. Implementations must be thread-safe.
class FetchObserver {
 public:
  virtual ~FetchObserver() = default;
  virtual void on_fetch_done(const PaperId& id, const FetchResult& result) = 0;
  // Body bytes received (decoded), as they arrive, for progress lines; includes bytes of
  // transfers that later fail.
  virtual void on_bytes(std::int64_t /*bytes*/) {}
  virtual void on_host_unreachable(const std::string& /*host*/, const std::string& /*why*/) {}
  // A retryable failure; the next attempt starts after delay_s (before retry_wait_scale).
  virtual void on_retry(const std::string& /*url*/, int /*attempt*/, double /*delay_s*/,
                        const std::string& /*reason*/) {}
};

// Runs transfers on one background thread with curl multi. fetch() is thread-safe and never
// blocks on the network; done runs on the fetcher thread. The destructor cancels what is left.
//
// Per URL and run: the first fetch() of a URL decides; later fetch() calls of the same URL (for
// other papers) share its transfer or get its result again without a request. Before any
// request, the store's last success for the URL is used when its cached file still exists
// (status kCached, no request), unless options.refresh (then If-None-Match / If-Modified-Since are
// sent and 304 means kCached). Every result is recorded in the store (one UrlRecord per paper)
// before done runs. store and observer may be null; both must outlive the Fetcher.
class Fetcher {
 public:
  Fetcher(FetchOptions options, StateStore* store, FetchObserver* observer);
  ~Fetcher();  // aborts transfers; done is NOT called for fetches still unfinished
  Fetcher(const Fetcher&) = delete;
  Fetcher& operator=(const Fetcher&) = delete;

  void fetch(const PaperId& id, const std::string& url, std::function<void(FetchResult)> done);

  // What fetch_any found: the first URL that gave a PDF, and the failures before it.
  struct AnyResult {
    std::optional<FetchResult> pdf;
    std::vector<FetchResult> failures;  // in the order tried
    // Plain words for a paper left without a PDF: "<host>: <reason>" per URL tried, joined by
    // "; " (e.g. "arxiv.org: HTTP 404 Not Found; ieeexplore.ieee.org: got an HTML page (paywall
    // or login page?)"); "no candidate URL" when urls was empty.
    std::string failure_summary() const;
  };
  // Tries urls one after another (best first) until one gives a PDF; done runs once, on the
  // fetcher thread, with every attempt (with no urls: at once, on the calling thread). Each URL
  // still counts as one fetch() (shared, cached and recorded as above).
  void fetch_any(const PaperId& id, std::vector<std::string> urls,
                 std::function<void(AnyResult)> done);
  // Blocks until every submitted fetch has completed (its done has returned).
  void wait_idle();
  // Aborts every queued and running transfer: their done runs with kFailed and reason
  // "cancelled"; later fetch() calls fail the same way. Returns at once (use wait_idle).
  void cancel();
  // The first fatal problem met on the fetcher thread (the store could not be written: disk
  // full, ...), as a complete message; the caller should end the run with it.
  std::optional<std::string> fatal_error() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// The cache file of a PDF with that sha256: <cache_dir>/<first 2 hex>/<sha256>.pdf.
std::string cached_pdf_path(const std::string& cache_dir, const std::string& sha256);

}  // namespace paper
