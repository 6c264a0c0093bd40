#include "indexer/fetch/fetcher.h"

#include <curl/curl.h>

#include <chrono>
#include <filesystem>
#include <mutex>

#include "common/error.h"
#include "common/version.h"
#include "indexer/fetch/fetcher_impl.h"

namespace paper {
namespace {

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
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

Fetcher::Impl::Impl(FetchOptions options, StateStore* store, FetchObserver* observer)
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

Fetcher::Impl::~Impl() {
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

void Fetcher::Impl::fetch(const PaperId& id, const std::string& url,
                          std::function<void(FetchResult)> done) {
  {
    std::lock_guard lock(mutex_);
    ++outstanding_;
    incoming_.push_back({{id, std::move(done)}, url});
  }
  curl_multi_wakeup(multi_.get());
}

void Fetcher::Impl::wait_idle() {
  std::unique_lock lock(mutex_);
  idle_cv_.wait(lock, [this] { return outstanding_ == 0; });
}

void Fetcher::Impl::cancel() {
  {
    std::lock_guard lock(mutex_);
    cancel_requested_ = true;
  }
  curl_multi_wakeup(multi_.get());
}

std::optional<std::string> Fetcher::Impl::fatal_error() const {
  std::lock_guard lock(mutex_);
  return fatal_;
}

void Fetcher::Impl::remove_stale_parts() {
  // Left by a run killed mid-download; an hour is far longer than any live transfer.
  std::error_code ec;
  auto now = std::filesystem::file_time_type::clock::now();
  for (const auto& entry : std::filesystem::directory_iterator(tmp_dir_, ec)) {
    if (entry.path().extension() != ".part") continue;
    auto written = entry.last_write_time(ec);
    if (!ec && now - written > std::chrono::hours(1)) std::filesystem::remove(entry.path(), ec);
  }
}

void Fetcher::Impl::set_fatal(const std::string& message) {
  std::lock_guard lock(mutex_);
  if (!fatal_) fatal_ = message;
}

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
