// An in-process, scriptable HTTP/1.1 server on 127.0.0.1 (port 0) for tests and benchmarks.
// Each request is answered by the route registered for its path (the part before '?'); a route
// may return any status, headers and body, and may delay, drip, lie about Content-Length, encode
// the body with gzip or chunked transfer, hold the response until released, or reset the
// connection mid-body. Unknown paths get 404. Connections are persistent (keep-alive).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace paper::testing {

struct HttpRequest {
  std::string method;
  std::string target;  // as sent: path and query
  std::string path;    // before '?'
  std::string query;   // after '?', without it
  std::vector<std::pair<std::string, std::string>> headers;
  std::chrono::steady_clock::time_point received;

  // The first header of that name (case-insensitive), or "".
  std::string header(const std::string& name) const;
  // The value of a query parameter (not percent-decoded), or "".
  std::string param(const std::string& name) const;
};

struct HttpResponse {
  int status = 200;
  std::string reason;  // empty: the standard phrase for status
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  bool gzip = false;     // gzip-encode body and send Content-Encoding: gzip
  bool chunked = false;  // Transfer-Encoding: chunked instead of Content-Length
  // Sent as Content-Length instead of the body size (a lie: e.g. 2 GB). With endless, the body is
  // followed by filler bytes until the client hangs up.
  std::optional<std::int64_t> content_length;
  bool endless = false;
  std::chrono::milliseconds delay{0};          // before the status line
  std::chrono::milliseconds drip_interval{0};  // send the body one byte per interval
  std::int64_t reset_after = -1;               // send this many body bytes, then reset (RST)
  // The response waits until this future is ready (or the server stops).
  std::optional<std::shared_future<void>> hold;
};

using HttpHandler = std::function<HttpResponse(const HttpRequest&)>;

// Helpers for common responses.
HttpResponse pdf_response(const std::string& bytes,
                          const std::string& content_type = "application/pdf");
HttpResponse html_response(const std::string& html, int status = 200);
HttpResponse redirect_response(const std::string& location, int status = 302);
HttpResponse status_response(int status, const std::string& body = "");
std::string gzip_bytes(const std::string& bytes);

// Thread-safe. The destructor stops the server and closes every connection.
class HttpServer {
 public:
  HttpServer();
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  int port() const { return port_; }
  // "http://127.0.0.1:<port><path>"; path starts with '/'.
  std::string url(const std::string& path) const;

  // Answers every request for path (before '?') with handler's response.
  void route(const std::string& path, HttpHandler handler);
  // Answers every request for path with the same response.
  void serve(const std::string& path, HttpResponse response);
  // The n-th request for path gets responses[n]; the last one repeats.
  void serve_sequence(const std::string& path, std::vector<HttpResponse> responses);
  // Added to every response (e.g. a latency for benchmarks).
  void set_extra_delay(std::chrono::milliseconds delay);

  int count(const std::string& path) const;  // requests received for path
  int total_requests() const;
  std::vector<HttpRequest> requests() const;  // in arrival order

 private:
  void accept_loop();
  void serve_connection(int fd);
  bool wait_or_stop(std::chrono::milliseconds delay);
  bool wait_hold(const std::shared_future<void>& hold);
  bool send_response(int fd, const HttpRequest& request, HttpResponse response);

  int listen_fd_ = -1;
  int wake_pipe_[2] = {-1, -1};
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  std::condition_variable stop_cv_;
  std::map<std::string, HttpHandler> routes_;
  std::map<std::string, int> counts_;
  std::vector<HttpRequest> requests_;
  std::chrono::milliseconds extra_delay_{0};
  std::set<int> open_fds_;
  std::vector<std::thread> threads_;
  std::thread acceptor_;
};

}  // namespace paper::testing
