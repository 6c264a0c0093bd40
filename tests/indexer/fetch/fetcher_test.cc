#include "indexer/fetch/fetcher.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "common/sha256.h"
#include "common/version.h"
#include "indexer/fetch/state_store.h"
#include "tests/indexer/fetch/fetch_test_util.h"
#include "tests/support/http/http_server.h"
#include "tests/support/temp_dir.h"

namespace paper {
namespace {

// A host whose first label is longer than DNS allows (63 bytes): the resolver rejects it
// locally, so the test sees a real resolution failure without sending a DNS query.
constexpr const char* kUnresolvableHost =
    "unresolvable-label-longer-than-sixty-three-characters-never-sent-to-dns.invalid";

using namespace std::chrono_literals;
using testing::fetch_one;
using testing::HttpRequest;
using testing::HttpResponse;
using testing::HttpServer;
using testing::pdf_response;
using testing::TempDir;

class FetcherTest : public ::testing::Test {
 protected:
  FetchOptions options() { return testing::test_options(dir_.file("cache")); }

  TempDir dir_;
  HttpServer server_;
  std::string pdf_ = testing::small_pdf();
  testing::RecordingObserver observer_;
};

TEST_F(FetcherTest, DownloadsAPdfIntoTheContentAddressedCache) {
  server_.serve("/paper.pdf", pdf_response(pdf_));
  StateStore store(dir_.file("state.sqlite"));
  Fetcher fetcher(options(), &store, &observer_);
  FetchResult r = fetch_one(fetcher, server_.url("/paper.pdf"), "paper-a");
  EXPECT_EQ(r.status, FetchResult::Status::kDownloaded);
  EXPECT_EQ(r.reason, "");
  EXPECT_EQ(r.http_status, 200);
  EXPECT_EQ(r.attempts, 1);
  EXPECT_EQ(r.bytes, static_cast<std::int64_t>(pdf_.size()));
  EXPECT_EQ(r.sha256, sha256_file(r.path));
  EXPECT_EQ(r.path, cached_pdf_path(dir_.file("cache"), r.sha256));
  EXPECT_EQ(testing::read_bytes(r.path), pdf_);
  // No temporary file is left behind.
  EXPECT_TRUE(std::filesystem::is_empty(dir_.file("cache/tmp")));

  auto requests = server_.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].header("User-Agent"), kUserAgent);
  EXPECT_EQ(requests[0].header("Accept"), "application/pdf,*/*;q=0.5");

  auto history = store.history("paper-a");
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].outcome, "downloaded");
  EXPECT_EQ(history[0].sha256, r.sha256);
  EXPECT_EQ(history[0].http_status, 200);
  EXPECT_EQ(history[0].bytes, r.bytes);
  ASSERT_EQ(observer_.done.size(), 1u);
  EXPECT_EQ(observer_.done[0].first, "paper-a");
  EXPECT_EQ(observer_.bytes, static_cast<std::int64_t>(pdf_.size()));
}

TEST_F(FetcherTest, NotFoundIsNotRetried) {
  Fetcher fetcher(options(), nullptr, nullptr);
  FetchResult r = fetch_one(fetcher, server_.url("/missing.pdf"));
  EXPECT_EQ(r.status, FetchResult::Status::kFailed);
  EXPECT_EQ(r.reason, "HTTP 404 Not Found");
  EXPECT_EQ(r.http_status, 404);
  EXPECT_EQ(server_.count("/missing.pdf"), 1);
}

TEST_F(FetcherTest, ForbiddenIsNotRetried) {
  server_.serve("/paper.pdf", testing::status_response(403, "no robots"));
  Fetcher fetcher(options(), nullptr, nullptr);
  FetchResult r = fetch_one(fetcher, server_.url("/paper.pdf"));
  EXPECT_EQ(r.reason, "HTTP 403 Forbidden");
  EXPECT_EQ(server_.count("/paper.pdf"), 1);
}

TEST_F(FetcherTest, ServerErrorIsRetriedThenSucceeds) {
  server_.serve_sequence("/paper.pdf", {testing::status_response(500), pdf_response(pdf_)});
  Fetcher fetcher(options(), nullptr, &observer_);
  FetchResult r = fetch_one(fetcher, server_.url("/paper.pdf"));
  EXPECT_EQ(r.status, FetchResult::Status::kDownloaded);
  EXPECT_EQ(r.attempts, 2);
  EXPECT_EQ(server_.count("/paper.pdf"), 2);
  ASSERT_EQ(observer_.retries.size(), 1u);
  EXPECT_EQ(observer_.retries[0].reason, "HTTP 500 Internal Server Error");
  // First backoff: retry_base_s (1 s) with jitter x0.5..1.5.
  EXPECT_GE(observer_.retries[0].delay_s, 0.5);
  EXPECT_LE(observer_.retries[0].delay_s, 1.5);
}

TEST_F(FetcherTest, TooManyRequestsHonoursRetryAfter) {
  HttpResponse busy = testing::status_response(429);
  busy.headers.emplace_back("Retry-After", "7");
  server_.serve_sequence("/paper.pdf", {busy, pdf_response(pdf_)});
  Fetcher fetcher(options(), nullptr, &observer_);
  FetchResult r = fetch_one(fetcher, server_.url("/paper.pdf"));
  EXPECT_EQ(r.status, FetchResult::Status::kDownloaded);
  ASSERT_EQ(observer_.retries.size(), 1u);
  EXPECT_EQ(observer_.retries[0].reason, "HTTP 429 Too Many Requests");
  EXPECT_EQ(observer_.retries[0].delay_s, 7.0);
}

TEST_F(FetcherTest, RetryAfterIsCappedAndAttemptsAreLimited) {
  HttpResponse busy = testing::status_response(429);
  busy.headers.emplace_back("Retry-After", "86400");
  server_.serve("/paper.pdf", busy);
  Fetcher fetcher(options(), nullptr, &observer_);
  FetchResult r = fetch_one(fetcher, server_.url("/paper.pdf"));
  EXPECT_EQ(r.reason, "HTTP 429 Too Many Requests (after 3 attempts)");
  EXPECT_EQ(server_.count("/paper.pdf"), 3);
  ASSERT_EQ(observer_.retries.size(), 2u);
  EXPECT_EQ(observer_.retries[0].delay_s, 120.0);
}

TEST_F(FetcherTest, HtmlPaywallPageIsRejected) {
  server_.serve("/paper.pdf",
                testing::html_response("<!DOCTYPE html>\n<html><head><title>Sign in</title></head>"
                                       "<body>Buy this article</body></html>"));
  Fetcher fetcher(options(), nullptr, nullptr);
  FetchResult r = fetch_one(fetcher, server_.url("/paper.pdf"));
  EXPECT_EQ(r.status, FetchResult::Status::kFailed);
  EXPECT_EQ(r.reason, "got an HTML page (paywall or login page?)");
  EXPECT_EQ(r.http_status, 200);
  EXPECT_TRUE(std::filesystem::is_empty(dir_.file("cache/tmp")));
}

TEST_F(FetcherTest, HtmlLabelledAsPdfIsStillHtml) {
  server_.serve("/paper.pdf", pdf_response("<html><body>Cloudflare check</body></html>"));
  Fetcher fetcher(options(), nullptr, nullptr);
  EXPECT_EQ(fetch_one(fetcher, server_.url("/paper.pdf")).reason,
            "got an HTML page (paywall or login page?)");
}

TEST_F(FetcherTest, OtherBytesAreNotAPdf) {
  server_.serve("/paper.pdf", pdf_response("PK\x03\x04 a zip file", "application/pdf"));
  Fetcher fetcher(options(), nullptr, nullptr);
  EXPECT_EQ(fetch_one(fetcher, server_.url("/paper.pdf")).reason,
            "not a PDF: no %PDF header in the first 1024 bytes");
}

TEST_F(FetcherTest, AnEmptyBodyIsCalledEmpty) {
  server_.serve("/paper.pdf", pdf_response(""));
  Fetcher fetcher(options(), nullptr, nullptr);
  EXPECT_EQ(fetch_one(fetcher, server_.url("/paper.pdf")).reason,
            "the server sent an empty response (0 bytes), not a PDF");
}

// As for a file on disk (extract_pdf) and in PDF readers: the header may follow a few bytes.
TEST_F(FetcherTest, APdfHeaderAfterOtherBytesIsStillAPdf) {
  server_.serve("/paper.pdf", pdf_response("\r\n\r\n" + pdf_));
  server_.serve("/late.pdf", pdf_response(std::string(1024, ' ') + pdf_));
  Fetcher fetcher(options(), nullptr, nullptr);
  FetchResult r = fetch_one(fetcher, server_.url("/paper.pdf"));
  EXPECT_EQ(r.status, FetchResult::Status::kDownloaded) << r.reason;
  EXPECT_EQ(testing::read_file(r.path), "\r\n\r\n" + pdf_);
  EXPECT_EQ(fetch_one(fetcher, server_.url("/late.pdf")).reason,
            "not a PDF: no %PDF header in the first 1024 bytes");
}

TEST_F(FetcherTest, FollowsAThreeHopRedirect) {
  server_.serve("/a", testing::redirect_response("/b", 301));
  server_.serve("/b", testing::redirect_response(server_.url("/c"), 302));
  server_.serve("/c", testing::redirect_response("/final.pdf", 307));
  server_.serve("/final.pdf", pdf_response(pdf_));
  Fetcher fetcher(options(), nullptr, nullptr);
  FetchResult r = fetch_one(fetcher, server_.url("/a"));
  EXPECT_EQ(r.status, FetchResult::Status::kDownloaded);
  EXPECT_EQ(r.url, server_.url("/a"));
  EXPECT_EQ(r.final_url, server_.url("/final.pdf"));
  EXPECT_EQ(server_.count("/final.pdf"), 1);
}

TEST_F(FetcherTest, RedirectLoopStopsAtTheLimit) {
  server_.serve("/loop1", testing::redirect_response("/loop2"));
  server_.serve("/loop2", testing::redirect_response("/loop1"));
  Fetcher fetcher(options(), nullptr, nullptr);
  FetchResult r = fetch_one(fetcher, server_.url("/loop1"));
  EXPECT_EQ(r.reason, "too many redirects (more than 8)");
  EXPECT_EQ(server_.total_requests(), 9);
}

TEST_F(FetcherTest, RedirectToAFileUrlIsRefused) {
  server_.serve("/paper.pdf", testing::redirect_response("file:///etc/passwd"));
  Fetcher fetcher(options(), nullptr, nullptr);
  FetchResult r = fetch_one(fetcher, server_.url("/paper.pdf"));
  EXPECT_EQ(r.status, FetchResult::Status::kFailed);
  EXPECT_EQ(r.reason, "redirect to a file: URL refused (only http and https are followed)");
}

TEST_F(FetcherTest, NonHttpUrlIsRefusedWithoutARequest) {
  Fetcher fetcher(options(), nullptr, nullptr);
  EXPECT_EQ(fetch_one(fetcher, "file:///etc/passwd").reason,
            "not an http(s) URL; only http and https are fetched");
}

TEST_F(FetcherTest, PdfServedAsOctetStreamIsAccepted) {
  server_.serve("/download", pdf_response(pdf_, "application/octet-stream"));
  Fetcher fetcher(options(), nullptr, nullptr);
  FetchResult r = fetch_one(fetcher, server_.url("/download"));
  EXPECT_EQ(r.status, FetchResult::Status::kDownloaded);
  EXPECT_EQ(testing::read_bytes(r.path), pdf_);
}

TEST_F(FetcherTest, GzipEncodedPdfIsDecoded) {
  HttpResponse gz = pdf_response(pdf_);
  gz.gzip = true;
  server_.serve("/paper.pdf", gz);
  Fetcher fetcher(options(), nullptr, nullptr);
  FetchResult r = fetch_one(fetcher, server_.url("/paper.pdf"));
  EXPECT_EQ(r.status, FetchResult::Status::kDownloaded);
  EXPECT_EQ(testing::read_bytes(r.path), pdf_);
  EXPECT_NE(server_.requests()[0].header("Accept-Encoding").find("gzip"), std::string::npos);
}

TEST_F(FetcherTest, ChunkedPdfIsAccepted) {
  HttpResponse chunked = pdf_response(pdf_);
  chunked.chunked = true;
  server_.serve("/paper.pdf", chunked);
  Fetcher fetcher(options(), nullptr, nullptr);
  FetchResult r = fetch_one(fetcher, server_.url("/paper.pdf"));
  EXPECT_EQ(r.status, FetchResult::Status::kDownloaded);
  EXPECT_EQ(testing::read_bytes(r.path), pdf_);
}

TEST_F(FetcherTest, SlowDripIsCutByTheLowSpeedTimeout) {
  HttpResponse drip = pdf_response(pdf_);
  drip.drip_interval = 1000ms;
  server_.serve("/paper.pdf", drip);
  FetchOptions o = options();
  o.low_speed_limit_bytes = 1024;
  o.low_speed_time_s = 1;
  o.max_attempts = 1;
  Fetcher fetcher(o, nullptr, nullptr);
  FetchResult r = fetch_one(fetcher, server_.url("/paper.pdf"));
  EXPECT_EQ(r.status, FetchResult::Status::kFailed);
  EXPECT_EQ(r.reason, "too slow (under 1024 bytes/s for 1 s)");
}

// A server that keeps sending a few bytes a second passes the low-speed test; the average rate
// gives it up, once, with what to do.
TEST_F(FetcherTest, ASlowAverageRateIsGivenUpWithoutRetrying) {
  HttpResponse drip = pdf_response(pdf_);
  drip.drip_interval = 5ms;  // about 200 bytes/s
  server_.serve("/paper.pdf", drip);
  FetchOptions o = options();
  o.low_speed_limit_bytes = 10;
  o.min_average_bytes_per_s = 4096;
  o.min_average_after_s = 1;
  Fetcher fetcher(o, nullptr, nullptr);
  FetchResult r = fetch_one(fetcher, server_.url("/paper.pdf"));
  EXPECT_EQ(r.status, FetchResult::Status::kFailed);
  EXPECT_EQ(r.reason,
            "too slow: 0 KB in 1 s (under 4 KB/s on average); download it by hand and index the "
            "PDF file");
  EXPECT_EQ(server_.count("/paper.pdf"), 1);
}

// A host that answered once and then keeps silent on the connection kept alive is slow, not
// offline: it is asked again, and not marked unreachable.
TEST_F(FetcherTest, ASilentAnswerOnAKeptConnectionIsNotAnUnreachableHost) {
  std::promise<void> never;
  HttpResponse held = pdf_response(pdf_);
  held.hold = never.get_future().share();
  server_.serve("/held.pdf", held);
  server_.serve("/missing.pdf", testing::status_response(404));
  FetchOptions o = options();
  o.low_speed_time_s = 1;
  o.max_attempts = 2;
  o.max_per_host = 1;
  Fetcher fetcher(o, nullptr, &observer_);
  EXPECT_EQ(fetch_one(fetcher, server_.url("/missing.pdf")).status, FetchResult::Status::kFailed);
  FetchResult r = fetch_one(fetcher, server_.url("/held.pdf"));
  EXPECT_EQ(r.reason, "too slow (under 1024 bytes/s for 1 s) (after 2 attempts)");
  EXPECT_EQ(server_.count("/held.pdf"), 2);
  EXPECT_TRUE(observer_.unreachable.empty());
  never.set_value();
}

TEST_F(FetcherTest, ALandingPageLeadsToItsPdfThroughCitationPdfUrl) {
  server_.serve("/article/7",
                testing::html_response("<html><head><meta name=\"citation_pdf_url\" "
                                       "content=\"/article/7/download.pdf\"></head><body>Abstract "
                                       "of the paper</body></html>"));
  server_.serve("/article/7/download.pdf", pdf_response(pdf_));
  Fetcher fetcher(options(), nullptr, nullptr);
  FetchResult r = fetch_one(fetcher, server_.url("/article/7"));
  EXPECT_EQ(r.status, FetchResult::Status::kDownloaded) << r.reason;
  EXPECT_EQ(testing::read_bytes(r.path), pdf_);
}

// A host that answered earlier in the run and then cannot be reached is busy or went down for a
// while: asked again, never marked unreachable for the rest of the run.
TEST_F(FetcherTest, AHostThatAnsweredEarlierIsNotMarkedUnreachable) {
  auto server = std::make_unique<HttpServer>();
  server->serve("/ok.pdf", pdf_response(pdf_));
  const std::string later = server->url("/later.pdf");
  FetchOptions o = options();
  o.max_attempts = 2;
  Fetcher fetcher(o, nullptr, &observer_);
  EXPECT_EQ(fetch_one(fetcher, server->url("/ok.pdf")).status, FetchResult::Status::kDownloaded);
  server.reset();  // the port now refuses connections
  FetchResult r = fetch_one(fetcher, later);
  EXPECT_EQ(r.status, FetchResult::Status::kFailed);
  EXPECT_NE(r.reason.find("(it answered earlier in this run)"), std::string::npos) << r.reason;
  EXPECT_NE(r.reason.find("(after 2 attempts)"), std::string::npos) << r.reason;
  EXPECT_TRUE(observer_.unreachable.empty());
}

TEST_F(FetcherTest, HugeContentLengthIsCutAtTheSizeLimit) {
  HttpResponse huge = pdf_response(pdf_);
  huge.content_length = 2ll << 30;
  huge.endless = true;
  server_.serve("/paper.pdf", huge);
  FetchOptions o = options();
  o.max_bytes = 64 * 1024;
  Fetcher fetcher(o, nullptr, nullptr);
  FetchResult r = fetch_one(fetcher, server_.url("/paper.pdf"));
  EXPECT_EQ(r.reason, "larger than the size limit (65536 bytes)");
  EXPECT_EQ(server_.count("/paper.pdf"), 1);
  EXPECT_TRUE(std::filesystem::is_empty(dir_.file("cache/tmp")));
}

TEST_F(FetcherTest, EndlessBodyWithoutLengthIsCutAtTheSizeLimit) {
  HttpResponse endless = pdf_response(pdf_);
  endless.chunked = true;
  endless.endless = true;
  server_.serve("/paper.pdf", endless);
  FetchOptions o = options();
  o.max_bytes = 64 * 1024;
  Fetcher fetcher(o, nullptr, nullptr);
  FetchResult r = fetch_one(fetcher, server_.url("/paper.pdf"));
  EXPECT_EQ(r.reason, "larger than the size limit (65536 bytes)");
  EXPECT_TRUE(std::filesystem::is_empty(dir_.file("cache/tmp")));
}

TEST_F(FetcherTest, ConnectionResetMidBodyIsRetriedThenReported) {
  HttpResponse cut = pdf_response(pdf_ + std::string(4000, ' '));
  cut.reset_after = 1000;
  server_.serve("/paper.pdf", cut);
  FetchOptions o = options();
  o.max_attempts = 2;
  Fetcher fetcher(o, nullptr, nullptr);
  FetchResult r = fetch_one(fetcher, server_.url("/paper.pdf"));
  EXPECT_EQ(r.status, FetchResult::Status::kFailed);
  EXPECT_EQ(r.reason, "connection to 127.0.0.1 lost mid-transfer (after 2 attempts)");
  EXPECT_EQ(server_.count("/paper.pdf"), 2);
  EXPECT_TRUE(std::filesystem::is_empty(dir_.file("cache/tmp")));
}

TEST_F(FetcherTest, UnresolvableHostFailsFastAndIsReportedOnce) {
  Fetcher fetcher(options(), nullptr, &observer_);
  auto first = testing::submit(fetcher, std::string("http://") + kUnresolvableHost + "/a.pdf", "a");
  auto second =
      testing::submit(fetcher, std::string("http://") + kUnresolvableHost + "/b.pdf", "b");
  auto third = testing::submit(fetcher, std::string("http://") + kUnresolvableHost + "/c.pdf", "c");
  const std::string why = std::string("host ") + kUnresolvableHost +
                          " could not be resolved (no network or DNS failure)";
  EXPECT_EQ(testing::wait_result(first).reason, why);
  EXPECT_EQ(testing::wait_result(second).reason, why);
  EXPECT_EQ(testing::wait_result(third).reason, why);
  fetcher.wait_idle();
  EXPECT_EQ(observer_.unreachable,
            std::vector<std::string>{std::string(kUnresolvableHost) + ": " + why});
  // A later request for the host fails without another lookup.
  FetchResult later =
      fetch_one(fetcher, std::string("http://") + kUnresolvableHost + "/d.pdf", "d");
  EXPECT_EQ(later.reason, why);
  EXPECT_EQ(later.attempts, 0);
}

TEST_F(FetcherTest, RefusingHostFailsFastAndIsReportedOnce) {
  std::string closed;
  {
    HttpServer gone;
    closed = gone.url("");
  }
  Fetcher fetcher(options(), nullptr, &observer_);
  auto first = testing::submit(fetcher, closed + "/a.pdf", "a");
  auto second = testing::submit(fetcher, closed + "/b.pdf", "b");
  const std::string why = "host 127.0.0.1 refused the connection";
  EXPECT_EQ(testing::wait_result(first).reason, why);
  EXPECT_EQ(testing::wait_result(second).reason, why);
  EXPECT_EQ(observer_.unreachable, std::vector<std::string>{closed.substr(7) + ": " + why});
  // Another server on the same host name is not affected.
  server_.serve("/paper.pdf", pdf_response(pdf_));
  EXPECT_EQ(fetch_one(fetcher, server_.url("/paper.pdf")).status, FetchResult::Status::kDownloaded);
}

TEST_F(FetcherTest, SharedUrlIsRequestedOnce) {
  HttpResponse slow = pdf_response(pdf_);
  slow.delay = 100ms;
  server_.serve("/shared.pdf", slow);
  StateStore store(dir_.file("state.sqlite"));
  Fetcher fetcher(options(), &store, &observer_);
  auto a = testing::submit(fetcher, server_.url("/shared.pdf"), "paper-a");
  auto b = testing::submit(fetcher, server_.url("/shared.pdf"), "paper-b");
  FetchResult ra = testing::wait_result(a);
  FetchResult rb = testing::wait_result(b);
  // After completion too: the run remembers the result.
  FetchResult rc = fetch_one(fetcher, server_.url("/shared.pdf"), "paper-c");
  EXPECT_EQ(server_.count("/shared.pdf"), 1);
  EXPECT_EQ(ra.status, FetchResult::Status::kDownloaded);
  EXPECT_EQ(rb.sha256, ra.sha256);
  EXPECT_EQ(rc.path, ra.path);
  EXPECT_EQ(store.history("paper-a").size(), 1u);
  EXPECT_EQ(store.history("paper-b").size(), 1u);
  EXPECT_EQ(observer_.done.size(), 3u);
}

TEST_F(FetcherTest, LaterRunsUseTheCacheWithoutARequest) {
  server_.serve("/paper.pdf", pdf_response(pdf_));
  StateStore store(dir_.file("state.sqlite"));
  std::string first_path;
  {
    Fetcher fetcher(options(), &store, nullptr);
    first_path = fetch_one(fetcher, server_.url("/paper.pdf")).path;
  }
  Fetcher fetcher(options(), &store, nullptr);
  FetchResult r = fetch_one(fetcher, server_.url("/paper.pdf"));
  EXPECT_EQ(r.status, FetchResult::Status::kCached);
  EXPECT_EQ(r.path, first_path);
  EXPECT_EQ(r.attempts, 0);
  EXPECT_EQ(server_.count("/paper.pdf"), 1);
}

TEST_F(FetcherTest, MissingCacheFileIsDownloadedAgain) {
  server_.serve("/paper.pdf", pdf_response(pdf_));
  StateStore store(dir_.file("state.sqlite"));
  {
    Fetcher fetcher(options(), &store, nullptr);
    std::filesystem::remove(fetch_one(fetcher, server_.url("/paper.pdf")).path);
  }
  Fetcher fetcher(options(), &store, nullptr);
  EXPECT_EQ(fetch_one(fetcher, server_.url("/paper.pdf")).status, FetchResult::Status::kDownloaded);
  EXPECT_EQ(server_.count("/paper.pdf"), 2);
}

TEST_F(FetcherTest, RefreshSendsConditionalRequestsAndTreats304AsCached) {
  server_.route("/paper.pdf", [this](const HttpRequest& request) {
    if (request.header("If-None-Match") == "\"v1\"") return testing::status_response(304);
    HttpResponse r = pdf_response(pdf_);
    r.headers.emplace_back("ETag", "\"v1\"");
    r.headers.emplace_back("Last-Modified", "Tue, 14 Nov 2023 22:13:20 GMT");
    return r;
  });
  StateStore store(dir_.file("state.sqlite"));
  FetchResult first;
  {
    Fetcher fetcher(options(), &store, nullptr);
    first = fetch_one(fetcher, server_.url("/paper.pdf"));
  }
  EXPECT_EQ(first.etag, "\"v1\"");
  FetchOptions o = options();
  o.refresh = true;
  Fetcher fetcher(o, &store, nullptr);
  FetchResult r = fetch_one(fetcher, server_.url("/paper.pdf"));
  EXPECT_EQ(r.status, FetchResult::Status::kCached);
  EXPECT_EQ(r.http_status, 304);
  EXPECT_EQ(r.path, first.path);
  EXPECT_EQ(r.etag, "\"v1\"");
  auto requests = server_.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[1].header("If-None-Match"), "\"v1\"");
  EXPECT_EQ(requests[1].header("If-Modified-Since"), "Tue, 14 Nov 2023 22:13:20 GMT");
}

TEST_F(FetcherTest, PerHostPolicyLimitsConnectionsAndPacesRequests) {
  for (const char* path : {"/1.pdf", "/2.pdf", "/3.pdf"}) server_.serve(path, pdf_response(pdf_));
  FetchOptions o = options();
  o.host_policies["127.0.0.1"] = {1, 0.2};
  Fetcher fetcher(o, nullptr, nullptr);
  auto a = testing::submit(fetcher, server_.url("/1.pdf"), "a");
  auto b = testing::submit(fetcher, server_.url("/2.pdf"), "b");
  auto c = testing::submit(fetcher, server_.url("/3.pdf"), "c");
  for (auto* f : {&a, &b, &c})
    EXPECT_EQ(testing::wait_result(*f).status, FetchResult::Status::kDownloaded);
  auto requests = server_.requests();
  ASSERT_EQ(requests.size(), 3u);
  for (std::size_t i = 1; i < requests.size(); ++i)
    EXPECT_GE(requests[i].received - requests[i - 1].received, 190ms);
}

TEST_F(FetcherTest, ArxivIsPacedByDefaultAndConnectToReachesLoopback) {
  FetchOptions defaults;
  EXPECT_EQ(defaults.host_policies.at("arxiv.org").max_connections, 1);
  EXPECT_EQ(defaults.host_policies.at("arxiv.org").min_interval_s, 3.0);
  EXPECT_EQ(defaults.host_policies.at("export.arxiv.org").min_interval_s, 3.0);

  server_.serve("/pdf/2211.14830", pdf_response(pdf_, "application/pdf"));
  FetchOptions o = options();
  o.connect_to = {"arxiv.org:80:127.0.0.1:" + std::to_string(server_.port())};
  Fetcher fetcher(o, nullptr, nullptr);
  FetchResult r = fetch_one(fetcher, "http://arxiv.org/pdf/2211.14830");
  EXPECT_EQ(r.status, FetchResult::Status::kDownloaded);
  EXPECT_EQ(server_.requests()[0].header("Host"), "arxiv.org");
}

TEST_F(FetcherTest, DriveVirusScanFormIsResubmittedWithItsCookie) {
  HttpResponse warning = testing::html_response(
      "<html><body>Google Drive can't scan this file for viruses."
      "<form id=\"download-form\" action=\"" +
      server_.url("/download") +
      "\" method=\"get\">"
      "<input type=\"submit\" value=\"Download anyway\"/>"
      "<input type=\"hidden\" name=\"id\" value=\"1CwX\">"
      "<input type=\"hidden\" name=\"confirm\" value=\"t\"></form></body></html>");
  warning.headers.emplace_back("Set-Cookie", "download_warning=yes; Path=/");
  server_.serve("/uc", warning);
  server_.route("/download", [this](const HttpRequest& request) {
    if (request.param("confirm") != "t" || request.param("id") != "1CwX" ||
        request.header("Cookie").find("download_warning=yes") == std::string::npos)
      return testing::status_response(403);
    return pdf_response(pdf_, "application/octet-stream");
  });
  Fetcher fetcher(options(), nullptr, nullptr);
  FetchResult r = fetch_one(fetcher, server_.url("/uc?export=download&id=1CwX"));
  EXPECT_EQ(r.status, FetchResult::Status::kDownloaded);
  EXPECT_EQ(r.final_url, server_.url("/download?id=1CwX&confirm=t"));
  EXPECT_EQ(server_.count("/download"), 1);
}

TEST_F(FetcherTest, OjsArticlePageLeadsToItsGalleyDownload) {
  server_.serve(
      "/index.php/AAAI/article/view/28418",
      testing::html_response("<a class=\"obj_galley_link pdf\" "
                             "href=\"/index.php/AAAI/article/view/28418/32521\">PDF</a>"));
  server_.serve("/index.php/AAAI/article/download/28418/32521", pdf_response(pdf_));
  Fetcher fetcher(options(), nullptr, nullptr);
  FetchResult r = fetch_one(fetcher, server_.url("/index.php/AAAI/article/view/28418"));
  EXPECT_EQ(r.status, FetchResult::Status::kDownloaded);
  EXPECT_EQ(r.final_url, server_.url("/index.php/AAAI/article/download/28418/32521"));
}

TEST_F(FetcherTest, ManyTransfersRunAtOnce) {
  auto release = std::make_shared<std::promise<void>>();
  std::shared_future<void> gate = release->get_future().share();
  auto waiting = std::make_shared<std::atomic<int>>(0);
  auto all_waiting = std::make_shared<std::promise<void>>();
  for (int i = 0; i < 6; ++i) {
    server_.route("/" + std::to_string(i) + ".pdf", [=](const HttpRequest&) {
      if (++*waiting == 6) all_waiting->set_value();
      HttpResponse r = pdf_response(testing::small_pdf("paper " + std::to_string(i)));
      r.hold = gate;
      return r;
    });
  }
  FetchOptions o = options();
  o.max_per_host = 6;
  Fetcher fetcher(o, nullptr, nullptr);
  std::vector<std::future<FetchResult>> results;
  for (int i = 0; i < 6; ++i)
    results.push_back(testing::submit(fetcher, server_.url("/" + std::to_string(i) + ".pdf"),
                                      "p" + std::to_string(i)));
  // All six requests are in flight at the same time before any is answered.
  EXPECT_EQ(all_waiting->get_future().wait_for(20s), std::future_status::ready);
  release->set_value();
  for (auto& f : results)
    EXPECT_EQ(testing::wait_result(f).status, FetchResult::Status::kDownloaded);
}

TEST_F(FetcherTest, CancelFailsWhatIsLeft) {
  std::promise<void> never;
  HttpResponse held = pdf_response(pdf_);
  held.hold = never.get_future().share();
  server_.serve("/held.pdf", held);
  Fetcher fetcher(options(), nullptr, nullptr);
  auto pending = testing::submit(fetcher, server_.url("/held.pdf"));
  fetcher.cancel();
  EXPECT_EQ(testing::wait_result(pending).reason, "cancelled");
  fetcher.wait_idle();
  EXPECT_EQ(fetch_one(fetcher, server_.url("/other.pdf")).reason, "cancelled");
}

}  // namespace
}  // namespace paper

namespace paper {
namespace {

TEST_F(FetcherTest, FetchAnyTriesCandidatesInOrderUntilAPdf) {
  server_.serve("/paywall", testing::html_response("<html><body>Log in</body></html>"));
  server_.serve("/good.pdf", pdf_response(pdf_));
  server_.serve("/never.pdf", pdf_response(pdf_));
  Fetcher fetcher(options(), nullptr, nullptr);
  std::promise<Fetcher::AnyResult> promise;
  auto future = promise.get_future();
  fetcher.fetch_any("p",
                    {server_.url("/missing.pdf"), server_.url("/paywall"), server_.url("/good.pdf"),
                     server_.url("/never.pdf")},
                    [&promise](Fetcher::AnyResult r) { promise.set_value(std::move(r)); });
  ASSERT_EQ(future.wait_for(30s), std::future_status::ready);
  Fetcher::AnyResult r = future.get();
  ASSERT_TRUE(r.pdf);
  EXPECT_EQ(r.pdf->url, server_.url("/good.pdf"));
  ASSERT_EQ(r.failures.size(), 2u);
  EXPECT_EQ(r.failure_summary(),
            "127.0.0.1: HTTP 404 Not Found; 127.0.0.1: got an HTML page (paywall or login page?)");
  EXPECT_EQ(server_.count("/never.pdf"), 0);
  fetcher.wait_idle();
}

TEST_F(FetcherTest, FetchAnyReportsEveryFailure) {
  Fetcher fetcher(options(), nullptr, nullptr);
  std::promise<Fetcher::AnyResult> promise;
  auto future = promise.get_future();
  fetcher.fetch_any("p", {server_.url("/a.pdf"), "file:///etc/passwd"},
                    [&promise](Fetcher::AnyResult r) { promise.set_value(std::move(r)); });
  ASSERT_EQ(future.wait_for(30s), std::future_status::ready);
  Fetcher::AnyResult r = future.get();
  EXPECT_FALSE(r.pdf);
  EXPECT_EQ(r.failure_summary(),
            "127.0.0.1: HTTP 404 Not Found; file:///etc/passwd: not an http(s) URL; only http and "
            "https are fetched");
  Fetcher::AnyResult none;
  EXPECT_EQ(none.failure_summary(), "no candidate URL");
}

}  // namespace
}  // namespace paper

namespace paper {
namespace {

TEST_F(FetcherTest, PdfLabelledAsHtmlIsStillAPdf) {
  server_.serve("/paper", pdf_response(pdf_, "text/html; charset=utf-8"));
  Fetcher fetcher(options(), nullptr, nullptr);
  EXPECT_EQ(fetch_one(fetcher, server_.url("/paper")).status, FetchResult::Status::kDownloaded);
}

TEST_F(FetcherTest, IeeeStampPageLeadsToItsPdfFrame) {
  server_.serve("/stamp/stamp.jsp",
                testing::html_response("<html><frameset><iframe src=\"" +
                                       server_.url("/stampPDF/getPDF.jsp") +
                                       "?tp=&amp;arnumber=9446143&amp;ref=\" frameborder=0>"
                                       "</iframe></frameset></html>"));
  server_.route("/stampPDF/getPDF.jsp", [this](const HttpRequest& request) {
    if (request.param("arnumber") != "9446143") return testing::status_response(404);
    return pdf_response(pdf_);
  });
  Fetcher fetcher(options(), nullptr, nullptr);
  FetchResult r = fetch_one(fetcher, server_.url("/stamp/stamp.jsp?tp=&arnumber=9446143"));
  EXPECT_EQ(r.status, FetchResult::Status::kDownloaded);
  EXPECT_EQ(r.url, server_.url("/stamp/stamp.jsp?tp=&arnumber=9446143"));
  EXPECT_EQ(r.final_url, server_.url("/stampPDF/getPDF.jsp?tp=&arnumber=9446143&ref="));
}

TEST_F(FetcherTest, DestroyingTheFetcherMidTransferLeavesNoTemporaryFile) {
  HttpResponse drip = pdf_response(pdf_);
  drip.drip_interval = 50ms;
  auto started = std::make_shared<std::promise<void>>();
  server_.route("/paper.pdf", [=](const HttpRequest&) {
    started->set_value();
    return drip;
  });
  {
    Fetcher fetcher(options(), nullptr, nullptr);
    fetcher.fetch("p", server_.url("/paper.pdf"), [](FetchResult) {
      ADD_FAILURE() << "done must not run for a fetch cut by the destructor";
    });
    ASSERT_EQ(started->get_future().wait_for(20s), std::future_status::ready);
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir_.file("cache/tmp")));
}

}  // namespace
}  // namespace paper
