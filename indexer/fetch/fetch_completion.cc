// How a transfer ends: its outcome explained, retried with backoff, followed to the PDF behind an
// HTML page, or completed; the result recorded in the store and delivered to every waiter.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <mutex>
#include <random>

#include "indexer/fetch/fetcher_impl.h"
#include "indexer/fetch/http_outcome.h"

namespace paper {
namespace {

using fetch_detail::http_reason;
using fetch_detail::looks_like_html;
using fetch_detail::parse_retry_after;
using fetch_detail::retryable_status;

// Why a 2xx body that is not a PDF was refused, in the words the worker uses for files.
std::string not_a_pdf_reason(const PdfSink& sink) {
  if (sink.bytes() == 0) return "the server sent an empty response (0 bytes), not a PDF";
  if (looks_like_html(sink.head())) return "got an HTML page (paywall or login page?)";
  return "not a PDF: no %PDF header in the first " + std::to_string(PdfSink::kHeaderWindow) +
         " bytes";
}

}  // namespace

void Fetcher::Impl::finish_transfer(Job* job, CURLcode code) {
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

TransferError Fetcher::Impl::explain(Job* job, CURLcode code) {
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

void Fetcher::Impl::maybe_retry(Job* job, long status, const std::string& why,
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

void Fetcher::Impl::complete_downloaded(Job* job, long status, const std::string& final_url) {
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

void Fetcher::Impl::complete_cached(Job* job, long status) {
  FetchResult result = base_result(job, status, job->url);
  result.status = FetchResult::Status::kCached;
  result.sha256 = job->previous->sha256;
  result.bytes = job->previous->bytes;
  result.path = cached_pdf_path(options_.cache_dir, result.sha256);
  if (result.etag.empty()) result.etag = job->previous->etag;
  if (result.last_modified.empty()) result.last_modified = job->previous->last_modified;
  complete(job, result);
}

void Fetcher::Impl::fail(Job* job, long status, const std::string& reason,
                         const std::string& final_url) {
  FetchResult result = base_result(job, status, final_url.empty() ? job->current_url : final_url);
  result.status = FetchResult::Status::kFailed;
  result.reason = reason;
  complete(job, result);
}

FetchResult Fetcher::Impl::base_result(Job* job, long status, const std::string& final_url) {
  FetchResult result;
  result.url = job->url;
  result.final_url = final_url;
  result.http_status = status;
  result.attempts = job->attempts;
  result.etag = job->etag;
  result.last_modified = job->last_modified;
  return result;
}

void Fetcher::Impl::complete(Job* job, const FetchResult& result) {
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

void Fetcher::Impl::deliver(Waiter& waiter, const FetchResult& result, bool record) {
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

}  // namespace paper
