// Which transfer starts when: the fetcher thread's loop, per-host queues and pacing, the hosts
// found unreachable, and cancelling.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <mutex>

#include "indexer/fetch/fetcher_impl.h"

namespace paper {

void Fetcher::Impl::run() {
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

int Fetcher::Impl::wait_ms() {
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

Fetcher::Impl::HostState& Fetcher::Impl::host_state(const std::string& host) {
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

void Fetcher::Impl::admit(Request request) {
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

void Fetcher::Impl::start_ready() {
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

void Fetcher::Impl::requeue(Job* job, bool front) {
  HostState& host = host_state(host_of(job->current_url));
  job->host = &host;
  if (front)
    host.queue.push_front(job);
  else
    host.queue.push_back(job);
}

void Fetcher::Impl::cancel_all() {
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

std::string Fetcher::Impl::unreachable_key(const UrlParts& u) {
  return u.port.empty() ? u.host : u.host + ":" + u.port;
}

void Fetcher::Impl::mark_unreachable(const std::string& key, const std::string& why) {
  if (!unreachable_.emplace(key, why).second) return;
  if (observer_) observer_->on_host_unreachable(key, why);
}

}  // namespace paper
