// Fetcher's state, shared by the files that implement it: the public calls and the thread
// (fetcher.cc), the per-host queues (fetch_scheduler.cc), one libcurl transfer
// (fetch_transfer.cc) and how a transfer ends (fetch_completion.cc). Internal to indexer/fetch.
#pragma once

#include <curl/curl.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "indexer/fetch/curl_handles.h"
#include "indexer/fetch/fetcher.h"
#include "indexer/fetch/pdf_sink.h"
#include "indexer/fetch/resolve.h"
#include "indexer/fetch/state_store.h"
#include "indexer/fetch/transfer_error.h"

namespace paper {

class Fetcher::Impl {
 public:
  using Clock = std::chrono::steady_clock;
  using EasyHandle = fetch_detail::EasyHandle;
  using MultiHandle = fetch_detail::MultiHandle;
  using Slist = fetch_detail::Slist;

  struct Waiter {
    PaperId id;
    std::function<void(FetchResult)> done;
  };

  struct Request {
    Waiter waiter;
    std::string url;
  };

  struct HostState;

  struct Job {
    std::string url;          // as asked
    std::string current_url;  // after following HTML intermediates
    HostState* host = nullptr;
    FetchObserver* observer = nullptr;  // for on_bytes from the write callback
    std::vector<Waiter> waiters;
    int attempts = 0;
    int follows = 0;
    Clock::time_point not_before{};
    std::optional<UrlRecord> previous;  // for conditional requests
    // Per attempt.
    EasyHandle easy;
    Slist headers;
    Slist connect_to;
    std::unique_ptr<PdfSink> sink;
    char error[CURL_ERROR_SIZE] = {};
    std::string etag, last_modified, retry_after, location, content_type;
    const FetchOptions* options = nullptr;
    std::string too_slow;  // why the progress callback gave the transfer up
  };

  struct HostState {
    std::string key;
    HostPolicy policy;
    std::deque<Job*> queue;
    int active = 0;
    Clock::time_point next_start{};
  };

  Impl(FetchOptions options, StateStore* store, FetchObserver* observer);
  ~Impl();

  void fetch(const PaperId& id, const std::string& url, std::function<void(FetchResult)> done);
  void wait_idle();
  void cancel();
  std::optional<std::string> fatal_error() const;

 private:
  // fetcher.cc
  void remove_stale_parts();
  void set_fatal(const std::string& message);

  // fetch_scheduler.cc
  void run();
  // Milliseconds until a queued job may start (pacing, retry backoff), capped.
  int wait_ms();
  HostState& host_state(const std::string& host);
  void admit(Request request);
  void start_ready();
  void requeue(Job* job, bool front);
  void cancel_all();
  // Hosts are told apart by name and explicit port (several loopback servers share a name).
  static std::string unreachable_key(const UrlParts& u);
  void mark_unreachable(const std::string& key, const std::string& why);

  // fetch_transfer.cc
  bool start_transfer(Job* job);
  static std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user);
  // Gives up a transfer that keeps going too slowly on average (FetchOptions::min_average_...).
  static int on_progress(void* user, curl_off_t /*dltotal*/, curl_off_t dlnow, curl_off_t,
                         curl_off_t);
  static std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user);

  // fetch_completion.cc
  void finish_transfer(Job* job, CURLcode code);
  // Why a transfer that ended with a curl error failed, in plain words: retry is set when another
  // attempt may help; marks hosts that cannot be reached.
  TransferError explain(Job* job, CURLcode code);
  void maybe_retry(Job* job, long status, const std::string& why,
                   std::optional<std::string> retry_after);
  void complete_downloaded(Job* job, long status, const std::string& final_url);
  void complete_cached(Job* job, long status);
  void fail(Job* job, long status, const std::string& reason, const std::string& final_url = "");
  FetchResult base_result(Job* job, long status, const std::string& final_url);
  void complete(Job* job, const FetchResult& result);
  void deliver(Waiter& waiter, const FetchResult& result, bool record);

  FetchOptions options_;
  StateStore* store_;
  FetchObserver* observer_;
  std::string tmp_dir_;
  MultiHandle multi_;
  std::thread thread_;

  mutable std::mutex mutex_;
  std::condition_variable idle_cv_;
  std::vector<Request> incoming_;
  int outstanding_ = 0;
  bool stop_ = false;
  bool cancel_requested_ = false;
  std::optional<std::string> fatal_;

  // Fetcher thread only.
  bool cancelled_ = false;
  std::map<std::string, std::unique_ptr<Job>> jobs_;
  std::map<std::string, FetchResult> results_;
  std::map<std::string, std::unique_ptr<HostState>> hosts_;
  std::map<std::string, std::string> unreachable_;
  std::set<std::string> answered_;  // hosts (unreachable_key) that sent an HTTP answer this run
  std::mt19937_64 rng_{std::random_device{}()};
};

}  // namespace paper
