// One HTTP transfer with libcurl: its options and conditional headers, and the callbacks that
// read its headers, stream its body and watch its pace.
#include <cctype>
#include <string>
#include <string_view>

#include "indexer/fetch/fetcher_impl.h"

namespace paper {
namespace {

using fetch_detail::append;

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

bool Fetcher::Impl::start_transfer(Job* job) {
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
    if (!job->previous->etag.empty()) append(job->headers, "If-None-Match: " + job->previous->etag);
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

std::size_t Fetcher::Impl::on_header(char* data, std::size_t size, std::size_t count, void* user) {
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

int Fetcher::Impl::on_progress(void* user, curl_off_t /*dltotal*/, curl_off_t dlnow, curl_off_t,
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

std::size_t Fetcher::Impl::on_body(char* data, std::size_t size, std::size_t count, void* user) {
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

}  // namespace paper
