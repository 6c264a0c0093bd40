#include "indexer/fetch/fetcher.h"

#include <curl/curl.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "common/error.h"
#include "common/version.h"
#include "indexer/fetch/http_outcome.h"
#include "indexer/fetch/pdf_sink.h"
#include "indexer/fetch/resolve.h"
#include "indexer/fetch/state_store.h"
#include "indexer/fetch/transfer_error.h"

namespace paper {
namespace {

using fetch_detail::http_reason;
using fetch_detail::looks_like_html;
using fetch_detail::parse_retry_after;
using fetch_detail::retryable_status;

using Clock = std::chrono::steady_clock;

struct EasyCleanup {
  void operator()(CURL* h) const { curl_easy_cleanup(h); }
};
struct SlistFree {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
struct MultiCleanup {
  void operator()(CURLM* m) const { curl_multi_cleanup(m); }
};
using EasyHandle = std::unique_ptr<CURL, EasyCleanup>;
using Slist = std::unique_ptr<curl_slist, SlistFree>;
using MultiHandle = std::unique_ptr<CURLM, MultiCleanup>;

void append(Slist& list, const std::string& line) {
  curl_slist* grown = curl_slist_append(list.get(), line.c_str());
  if (!grown) throw std::bad_alloc();
  (void)list.release();
  list.reset(grown);
}

// Why a 2xx body that is not a PDF was refused, in the words the worker uses for files.
std::string not_a_pdf_reason(const PdfSink& sink) {
  if (sink.bytes() == 0) return "the server sent an empty response (0 bytes), not a PDF";
  if (looks_like_html(sink.head())) return "got an HTML page (paywall or login page?)";
  return "not a PDF: no %PDF header in the first " + std::to_string(PdfSink::kHeaderWindow) +
         " bytes";
}

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim_header(std::string_view v) {
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == '\r' || v.back() == '\n' || v.back() == ' '))
    v.remove_suffix(1);
  return std::string(v);
}

}  // namespace

std::map<std::string, HostPolicy> default_host_policies() {
  return {{"arxiv.org", {1, 3.0}}, {"export.arxiv.org", {1, 3.0}}};
}

const char* to_string(FetchResult::Status status) {
  switch (status) {
    case FetchResult::Status::kDownloaded:
      return "downloaded";
    case FetchResult::Status::kCached:
      return "cached";
    case FetchResult::Status::kFailed:
      return "failed";
  }
  return "failed";
}

class Fetcher::Impl {
 public:
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

  Impl(FetchOptions options, StateStore* store, FetchObserver* observer)
      : options_(std::move(options)), store_(store), observer_(observer) {
    global_init();
    if (options_.user_agent.empty()) options_.user_agent = kUserAgent;
    if (options_.cache_dir.empty()) throw Error("the fetcher needs a cache folder");
    tmp_dir_ = options_.cache_dir + "/tmp";
    std::error_code ec;
    std::filesystem::create_directories(tmp_dir_, ec);
    if (ec)
      throw Error(tmp_dir_ + ": cannot create the download cache (" + ec.message() +
                  "); check the folder's permissions");
    remove_stale_parts();
    multi_.reset(curl_multi_init());
    if (!multi_) throw Error("cannot start libcurl (out of memory?)");
    thread_ = std::thread([this] { run(); });
  }

  ~Impl() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    curl_multi_wakeup(multi_.get());
    thread_.join();
    for (auto& [url, job] : jobs_)
      if (job->easy) curl_multi_remove_handle(multi_.get(), job->easy.get());
    jobs_.clear();
  }

  void fetch(const PaperId& id, const std::string& url, std::function<void(FetchResult)> done) {
    {
      std::lock_guard lock(mutex_);
      ++outstanding_;
      incoming_.push_back({{id, std::move(done)}, url});
    }
    curl_multi_wakeup(multi_.get());
  }

  void wait_idle() {
    std::unique_lock lock(mutex_);
    idle_cv_.wait(lock, [this] { return outstanding_ == 0; });
  }

  void cancel() {
    {
      std::lock_guard lock(mutex_);
      cancel_requested_ = true;
    }
    curl_multi_wakeup(multi_.get());
  }

  std::optional<std::string> fatal_error() const {
    std::lock_guard lock(mutex_);
    return fatal_;
  }

 private:
  void remove_stale_parts() {
    // Left by a run killed mid-download; an hour is far longer than any live transfer.
    std::error_code ec;
    auto now = std::filesystem::file_time_type::clock::now();
    for (const auto& entry : std::filesystem::directory_iterator(tmp_dir_, ec)) {
      if (entry.path().extension() != ".part") continue;
      auto written = entry.last_write_time(ec);
      if (!ec && now - written > std::chrono::hours(1)) std::filesystem::remove(entry.path(), ec);
    }
  }

  HostState& host_state(const std::string& host) {
    std::string key = host;
    HostPolicy policy{options_.max_per_host, options_.min_interval_per_host_s};
    for (std::string h = host; !h.empty();) {
      auto it = options_.host_policies.find(h);
      if (it != options_.host_policies.end()) {
        key = h;
        policy = it->second;
        break;
      }
      std::size_t dot = h.find('.');
      if (dot == std::string::npos) break;
      h = h.substr(dot + 1);
    }
    auto& slot = hosts_[key];
    if (!slot) {
      slot = std::make_unique<HostState>();
      slot->key = key;
      slot->policy = policy;
      slot->policy.max_connections = std::max(1, slot->policy.max_connections);
    }
    return *slot;
  }

  void run() {
    while (true) {
      std::vector<Request> requests;
      bool cancel = false;
      {
        std::lock_guard lock(mutex_);
        if (stop_) return;
        requests.swap(incoming_);
        cancel = cancel_requested_;
        if (cancel) cancelled_ = true;
        cancel_requested_ = false;
      }
      if (cancel) cancel_all();
      for (auto& request : requests) admit(std::move(request));
      start_ready();
      int running = 0;
      curl_multi_perform(multi_.get(), &running);
      int left = 0;
      while (CURLMsg* msg = curl_multi_info_read(multi_.get(), &left)) {
        if (msg->msg != CURLMSG_DONE) continue;
        Job* job = nullptr;
        curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, reinterpret_cast<char**>(&job));
        CURLcode code = msg->data.result;
        finish_transfer(job, code);
      }
      start_ready();
      curl_multi_poll(multi_.get(), nullptr, 0, wait_ms(), nullptr);
    }
  }

  // Milliseconds until a queued job may start (pacing, retry backoff), capped.
  int wait_ms() {
    auto now = Clock::now();
    auto best = std::chrono::milliseconds(1000);
    int active_total = 0;
    for (auto& [key, host] : hosts_) active_total += host->active;
    for (auto& [key, host] : hosts_) {
      if (host->queue.empty() || host->active >= host->policy.max_connections) continue;
      if (active_total >= options_.max_total_connections) break;
      auto when = host->next_start;
      auto earliest = host->queue.front()->not_before;
      for (Job* job : host->queue) earliest = std::min(earliest, job->not_before);
      when = std::max(when, earliest);
      auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(when - now) +
                  std::chrono::milliseconds(1);
      best = std::min(best, std::max(wait, std::chrono::milliseconds(0)));
    }
    return static_cast<int>(best.count());
  }

  void admit(Request request) {
    const std::string& url = request.url;
    if (cancelled_) {
      FetchResult result;
      result.url = result.final_url = url;
      result.reason = "cancelled";
      deliver(request.waiter, result, false);
      return;
    }
    if (auto it = results_.find(url); it != results_.end()) {
      deliver(request.waiter, it->second, false);
      return;
    }
    if (auto it = jobs_.find(url); it != jobs_.end()) {
      it->second->waiters.push_back(std::move(request.waiter));
      return;
    }
    auto job = std::make_unique<Job>();
    job->url = job->current_url = url;
    job->observer = observer_;
    job->waiters.push_back(std::move(request.waiter));
    Job* raw = job.get();
    jobs_[url] = std::move(job);

    auto parts = parse_url(url);
    if (!parts || (parts->scheme != "http" && parts->scheme != "https")) {
      fail(raw, 0, "not an http(s) URL; only http and https are fetched");
      return;
    }
    if (store_) {
      try {
        raw->previous = store_->last_success_for_url(url);
      } catch (const std::exception& e) {
        set_fatal(e.what());
      }
      if (raw->previous &&
          !std::filesystem::exists(cached_pdf_path(options_.cache_dir, raw->previous->sha256)))
        raw->previous.reset();
      if (raw->previous && !options_.refresh) {
        complete_cached(raw, raw->previous->http_status);
        return;
      }
    }
    HostState& host = host_state(parts->host);
    raw->host = &host;
    if (auto it = unreachable_.find(unreachable_key(*parts)); it != unreachable_.end()) {
      fail(raw, 0, it->second);
      return;
    }
    host.queue.push_back(raw);
  }

  void start_ready() {
    auto now = Clock::now();
    int active_total = 0;
    for (auto& [key, host] : hosts_) active_total += host->active;
    for (auto& [key, host] : hosts_) {
      while (!host->queue.empty() && host->active < host->policy.max_connections &&
             active_total < options_.max_total_connections && now >= host->next_start) {
        auto it = std::find_if(host->queue.begin(), host->queue.end(),
                               [&](Job* j) { return j->not_before <= now; });
        if (it == host->queue.end()) break;
        Job* job = *it;
        host->queue.erase(it);
        auto target = parse_url(job->current_url);
        if (auto u = unreachable_.find(target ? unreachable_key(*target) : "");
            u != unreachable_.end()) {
          fail(job, 0, u->second);
          continue;
        }
        host->next_start = now + std::chrono::duration_cast<Clock::duration>(
                                     std::chrono::duration<double>(host->policy.min_interval_s));
        if (start_transfer(job)) {
          ++host->active;
          ++active_total;
        }
      }
    }
  }

  static std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto* job = static_cast<Job*>(user);
    std::string_view line(data, size * count);
    if (line.substr(0, 5) == "HTTP/") {
      job->etag.clear();
      job->last_modified.clear();
      job->retry_after.clear();
      job->location.clear();
      job->content_type.clear();
      return size * count;
    }
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) return size * count;
    std::string name = lower(std::string(line.substr(0, colon)));
    std::string value = trim_header(line.substr(colon + 1));
    if (name == "etag")
      job->etag = value;
    else if (name == "last-modified")
      job->last_modified = value;
    else if (name == "retry-after")
      job->retry_after = value;
    else if (name == "location")
      job->location = value;
    else if (name == "content-type")
      job->content_type = value;
    return size * count;
  }

  // Gives up a transfer that keeps going too slowly on average (FetchOptions::min_average_...).
  static int on_progress(void* user, curl_off_t /*dltotal*/, curl_off_t dlnow, curl_off_t,
                         curl_off_t) {
    auto* job = static_cast<Job*>(user);
    const FetchOptions& o = *job->options;
    if (o.min_average_bytes_per_s <= 0) return 0;
    curl_off_t elapsed_us = 0;
    curl_easy_getinfo(job->easy.get(), CURLINFO_TOTAL_TIME_T, &elapsed_us);
    const double elapsed = static_cast<double>(elapsed_us) / 1e6;
    if (elapsed < static_cast<double>(o.min_average_after_s) ||
        static_cast<double>(dlnow) >= elapsed * static_cast<double>(o.min_average_bytes_per_s)) {
      return 0;
    }
    job->too_slow = "too slow: " + std::to_string(dlnow / 1024) + " KB in " +
                    std::to_string(static_cast<long>(elapsed)) + " s (under " +
                    std::to_string(o.min_average_bytes_per_s / 1024) +
                    " KB/s on average); download it by hand and index the PDF file";
    return 1;  // CURLE_ABORTED_BY_CALLBACK
  }

  static std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto* job = static_cast<Job*>(user);
    long status = 0;
    curl_easy_getinfo(job->easy.get(), CURLINFO_RESPONSE_CODE, &status);
    std::size_t n = size * count;
    if (status >= 300) {
      // Error bodies: keep a little for the explanation, never write them to the cache.
      return n;
    }
    if (!job->sink->write(data, n)) return 0;
    if (job->observer) job->observer->on_bytes(static_cast<std::int64_t>(n));
    return n;
  }

  bool start_transfer(Job* job) {
    ++job->attempts;
    job->error[0] = '\0';
    job->etag.clear();
    job->last_modified.clear();
    job->retry_after.clear();
    job->location.clear();
    job->content_type.clear();
    job->sink = std::make_unique<PdfSink>(tmp_dir_, options_.max_bytes);
    // Keep the easy handle across follows so Drive's cookies survive the form resubmission.
    if (!job->easy) {
      job->easy.reset(curl_easy_init());
      if (!job->easy) {
        fail(job, 0, "cannot start a transfer (out of memory?)");
        return false;
      }
      CURL* e = job->easy.get();
      curl_easy_setopt(e, CURLOPT_COOKIEFILE, "");
    }
    CURL* e = job->easy.get();
    job->headers.reset();
    append(job->headers, "Accept: application/pdf,*/*;q=0.5");
    if (job->previous && options_.refresh && job->current_url == job->url) {
      if (!job->previous->etag.empty())
        append(job->headers, "If-None-Match: " + job->previous->etag);
      if (!job->previous->last_modified.empty())
        append(job->headers, "If-Modified-Since: " + job->previous->last_modified);
    }
    job->connect_to.reset();
    for (const auto& entry : options_.connect_to) append(job->connect_to, entry);

    curl_easy_setopt(e, CURLOPT_URL, job->current_url.c_str());
    curl_easy_setopt(e, CURLOPT_PRIVATE, job);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, job->error);
    curl_easy_setopt(e, CURLOPT_USERAGENT, options_.user_agent.c_str());
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, job->headers.get());
    curl_easy_setopt(e, CURLOPT_CONNECT_TO, job->connect_to.get());
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(e, CURLOPT_MAXREDIRS, options_.max_redirects);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, options_.connect_timeout_s);
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, options_.low_speed_limit_bytes);
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, options_.low_speed_time_s);
    curl_easy_setopt(e, CURLOPT_TIMEOUT, options_.max_time_s);
    curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options_.max_bytes));
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &Impl::on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, job);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &Impl::on_header);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, job);
    job->options = &options_;
    job->too_slow.clear();
    curl_easy_setopt(e, CURLOPT_XFERINFOFUNCTION, &Impl::on_progress);
    curl_easy_setopt(e, CURLOPT_XFERINFODATA, job);
    curl_easy_setopt(e, CURLOPT_NOPROGRESS, 0L);
    if (curl_multi_add_handle(multi_.get(), e) != CURLM_OK) {
      fail(job, 0, "cannot start a transfer (libcurl refused it)");
      return false;
    }
    return true;
  }

  // Hosts are told apart by name and explicit port (several loopback servers share a name).
  static std::string unreachable_key(const UrlParts& u) {
    return u.port.empty() ? u.host : u.host + ":" + u.port;
  }

  void mark_unreachable(const std::string& key, const std::string& why) {
    if (!unreachable_.emplace(key, why).second) return;
    if (observer_) observer_->on_host_unreachable(key, why);
  }

  // Why a transfer that ended with a curl error failed, in plain words; sets retry when another
  // attempt may help.
  // Why a transfer that ended with a curl error failed; marks hosts that cannot be reached.
  TransferError explain(Job* job, CURLcode code) {
    char* effective = nullptr;
    curl_easy_getinfo(job->easy.get(), CURLINFO_EFFECTIVE_URL, &effective);
    auto where = parse_url(effective ? effective : job->current_url);
    if (!job->too_slow.empty()) return {job->too_slow};
    if (job->sink->too_big() || code == CURLE_FILESIZE_EXCEEDED)
      return {"larger than the size limit (" + std::to_string(options_.max_bytes) + " bytes)"};
    if (!job->sink->write_error().empty()) {
      set_fatal(job->sink->write_error() + "; check free disk space");
      return {job->sink->write_error()};
    }
    TransferError error = explain_transfer_error(job->easy.get(), code, where ? where->host : "",
                                                 job->location, job->error, options_);
    if (error.host_unreachable && where && answered_.count(unreachable_key(*where)) > 0) {
      // It answered earlier in this run: busy or overloaded, not offline. Asked again later.
      error.host_unreachable = false;
      error.retry = true;
      error.reason += " (it answered earlier in this run)";
    }
    if (error.host_unreachable && where) mark_unreachable(unreachable_key(*where), error.reason);
    return error;
  }

  void finish_transfer(Job* job, CURLcode code) {
    CURL* e = job->easy.get();
    curl_multi_remove_handle(multi_.get(), e);
    --job->host->active;
    long status = 0;
    curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
    char* effective = nullptr;
    curl_easy_getinfo(e, CURLINFO_EFFECTIVE_URL, &effective);
    std::string final_url = effective ? effective : job->current_url;
    if (status > 0) {
      if (auto where = parse_url(final_url)) answered_.insert(unreachable_key(*where));
    }
    if (code != CURLE_OK) {
      TransferError error = explain(job, code);
      if (error.retry) return maybe_retry(job, status, error.reason, std::nullopt);
      return fail(job, status, error.reason, final_url);
    }
    if (status == 304 && job->previous) {
      if (job->etag.empty()) job->etag = job->previous->etag;
      if (job->last_modified.empty()) job->last_modified = job->previous->last_modified;
      return complete_cached(job, status);
    }
    if (status >= 200 && status < 300) {
      if (job->sink->is_pdf()) return complete_downloaded(job, status, final_url);
      if (job->follows < options_.max_page_follows) {
        if (auto next = follow_html_page(final_url, job->sink->head())) {
          ++job->follows;
          job->current_url = *next;
          job->not_before = Clock::now();
          requeue(job, false);
          return;
        }
      }
      return fail(job, status, not_a_pdf_reason(*job->sink), final_url);
    }
    if (retryable_status(status))
      return maybe_retry(job, status, http_reason(status), job->retry_after);
    fail(job, status, http_reason(status), final_url);
  }

  void maybe_retry(Job* job, long status, const std::string& why,
                   std::optional<std::string> retry_after) {
    if (job->attempts >= options_.max_attempts || cancelled_) {
      std::string reason = why;
      if (job->attempts > 1) reason += " (after " + std::to_string(job->attempts) + " attempts)";
      return fail(job, status, reason);
    }
    double delay =
        std::min(options_.retry_max_s, options_.retry_base_s * std::pow(2.0, job->attempts - 1));
    delay *= std::uniform_real_distribution<double>(0.5, 1.5)(rng_);
    if (retry_after) {
      if (auto seconds = parse_retry_after(*retry_after))
        delay = std::min(*seconds, options_.retry_after_max_s);
    }
    if (observer_) observer_->on_retry(job->url, job->attempts, delay, why);
    job->not_before =
        Clock::now() + std::chrono::duration_cast<Clock::duration>(
                           std::chrono::duration<double>(delay * options_.retry_wait_scale));
    requeue(job, true);
  }

  void requeue(Job* job, bool front) {
    HostState& host = host_state(host_of(job->current_url));
    job->host = &host;
    if (front)
      host.queue.push_front(job);
    else
      host.queue.push_back(job);
  }

  void complete_downloaded(Job* job, long status, const std::string& final_url) {
    FetchResult result = base_result(job, status, final_url);
    try {
      result.path = job->sink->commit(options_.cache_dir);
    } catch (const std::exception& e) {
      set_fatal(e.what());
      return fail(job, status, e.what(), final_url);
    }
    result.status = FetchResult::Status::kDownloaded;
    result.sha256 = job->sink->sha256();
    result.bytes = job->sink->bytes();
    complete(job, result);
  }

  void complete_cached(Job* job, long status) {
    FetchResult result = base_result(job, status, job->url);
    result.status = FetchResult::Status::kCached;
    result.sha256 = job->previous->sha256;
    result.bytes = job->previous->bytes;
    result.path = cached_pdf_path(options_.cache_dir, result.sha256);
    if (result.etag.empty()) result.etag = job->previous->etag;
    if (result.last_modified.empty()) result.last_modified = job->previous->last_modified;
    complete(job, result);
  }

  void fail(Job* job, long status, const std::string& reason, const std::string& final_url = "") {
    FetchResult result = base_result(job, status, final_url.empty() ? job->current_url : final_url);
    result.status = FetchResult::Status::kFailed;
    result.reason = reason;
    complete(job, result);
  }

  FetchResult base_result(Job* job, long status, const std::string& final_url) {
    FetchResult result;
    result.url = job->url;
    result.final_url = final_url;
    result.http_status = status;
    result.attempts = job->attempts;
    result.etag = job->etag;
    result.last_modified = job->last_modified;
    return result;
  }

  void complete(Job* job, const FetchResult& result) {
    // Temporary files go before anyone hears of the result.
    job->sink.reset();
    std::unique_ptr<Job> owned;
    if (auto it = jobs_.find(job->url); it != jobs_.end()) {
      owned = std::move(it->second);
      jobs_.erase(it);
    }
    for (auto& [key, host] : hosts_) {
      auto& q = host->queue;
      q.erase(std::remove(q.begin(), q.end(), job), q.end());
    }
    results_[job->url] = result;
    for (auto& waiter : job->waiters) deliver(waiter, result, true);
  }

  void deliver(Waiter& waiter, const FetchResult& result, bool record) {
    if (store_ && record && result.reason != "cancelled") {
      UrlRecord r;
      r.url = result.url;
      r.tried_at = std::time(nullptr);
      r.http_status = result.http_status;
      r.outcome = to_string(result.status);
      r.reason = result.reason;
      r.sha256 = result.sha256;
      r.etag = result.etag;
      r.last_modified = result.last_modified;
      r.bytes = result.bytes;
      try {
        store_->record_url(waiter.id, r);
      } catch (const std::exception& e) {
        set_fatal(e.what());
      }
    }
    if (observer_) observer_->on_fetch_done(waiter.id, result);
    if (waiter.done) waiter.done(result);
    {
      std::lock_guard lock(mutex_);
      --outstanding_;
    }
    idle_cv_.notify_all();
  }

  void cancel_all() {
    std::vector<Job*> all;
    for (auto& [url, job] : jobs_) all.push_back(job.get());
    for (Job* job : all) {
      if (job->easy && job->sink) {
        curl_multi_remove_handle(multi_.get(), job->easy.get());
      }
      fail(job, 0, "cancelled");
    }
    for (auto& [key, host] : hosts_) host->active = 0;
  }

  void set_fatal(const std::string& message) {
    std::lock_guard lock(mutex_);
    if (!fatal_) fatal_ = message;
  }

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

Fetcher::Fetcher(FetchOptions options, StateStore* store, FetchObserver* observer)
    : impl_(std::make_unique<Impl>(std::move(options), store, observer)) {}
Fetcher::~Fetcher() = default;

void Fetcher::fetch(const PaperId& id, const std::string& url,
                    std::function<void(FetchResult)> done) {
  impl_->fetch(id, url, std::move(done));
}
void Fetcher::wait_idle() { impl_->wait_idle(); }
void Fetcher::cancel() { impl_->cancel(); }
std::optional<std::string> Fetcher::fatal_error() const { return impl_->fatal_error(); }

}  // namespace paper
