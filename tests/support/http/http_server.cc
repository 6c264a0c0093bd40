#include "tests/support/http/http_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <stdexcept>

namespace paper::testing {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

const char* standard_reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 206:
      return "Partial Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 307:
      return "Temporary Redirect";
    case 308:
      return "Permanent Redirect";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 410:
      return "Gone";
    case 418:
      return "I'm a teapot";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
  }
  return "Status";
}

bool send_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

bool send_all(int fd, const std::string& s) { return send_all(fd, s.data(), s.size()); }

void reset_connection(int fd) {
  linger lg{1, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
  ::shutdown(fd, SHUT_RDWR);
}

}  // namespace

std::string HttpRequest::header(const std::string& name) const {
  std::string key = lower(name);
  for (const auto& [k, v] : headers)
    if (lower(k) == key) return v;
  return "";
}

std::string HttpRequest::param(const std::string& name) const {
  std::size_t pos = 0;
  while (pos <= query.size()) {
    std::size_t end = query.find('&', pos);
    if (end == std::string::npos) end = query.size();
    std::string part = query.substr(pos, end - pos);
    std::size_t eq = part.find('=');
    if (part.substr(0, eq) == name) return eq == std::string::npos ? "" : part.substr(eq + 1);
    pos = end + 1;
  }
  return "";
}

HttpResponse pdf_response(const std::string& bytes, const std::string& content_type) {
  HttpResponse r;
  r.headers.emplace_back("Content-Type", content_type);
  r.body = bytes;
  return r;
}

HttpResponse html_response(const std::string& html, int status) {
  HttpResponse r;
  r.status = status;
  r.headers.emplace_back("Content-Type", "text/html; charset=utf-8");
  r.body = html;
  return r;
}

HttpResponse redirect_response(const std::string& location, int status) {
  HttpResponse r;
  r.status = status;
  r.headers.emplace_back("Location", location);
  return r;
}

HttpResponse status_response(int status, const std::string& body) {
  HttpResponse r;
  r.status = status;
  r.headers.emplace_back("Content-Type", "text/plain");
  r.body = body;
  return r;
}

std::string gzip_bytes(const std::string& bytes) {
  z_stream zs{};
  if (deflateInit2(&zs, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("deflateInit2 failed");
  std::string out(deflateBound(&zs, bytes.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  zs.avail_in = static_cast<uInt>(bytes.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) throw std::runtime_error("deflate failed");
  out.resize(zs.total_out);
  return out;
}

HttpServer::HttpServer() {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0) throw std::runtime_error("socket failed");
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(listen_fd_, 256) != 0) {
    ::close(listen_fd_);
    throw std::runtime_error("bind/listen on 127.0.0.1 failed");
  }
  socklen_t len = sizeof addr;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  if (::pipe2(wake_pipe_, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  acceptor_ = std::thread([this] { accept_loop(); });
}

HttpServer::~HttpServer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    for (int fd : open_fds_) ::shutdown(fd, SHUT_RDWR);
  }
  stop_cv_.notify_all();
  char c = 'x';
  (void)!::write(wake_pipe_[1], &c, 1);
  acceptor_.join();
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(mutex_);
    threads.swap(threads_);
  }
  for (auto& t : threads) t.join();
  ::close(listen_fd_);
  ::close(wake_pipe_[0]);
  ::close(wake_pipe_[1]);
}

std::string HttpServer::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

void HttpServer::route(const std::string& path, HttpHandler handler) {
  std::lock_guard lock(mutex_);
  routes_[path] = std::move(handler);
}

void HttpServer::serve(const std::string& path, HttpResponse response) {
  route(path, [response](const HttpRequest&) { return response; });
}

void HttpServer::serve_sequence(const std::string& path, std::vector<HttpResponse> responses) {
  auto next = std::make_shared<std::atomic<std::size_t>>(0);
  route(path, [responses = std::move(responses), next](const HttpRequest&) {
    std::size_t n = next->fetch_add(1);
    return responses[std::min(n, responses.size() - 1)];
  });
}

void HttpServer::set_extra_delay(std::chrono::milliseconds delay) {
  std::lock_guard lock(mutex_);
  extra_delay_ = delay;
}

int HttpServer::count(const std::string& path) const {
  std::lock_guard lock(mutex_);
  auto it = counts_.find(path);
  return it == counts_.end() ? 0 : it->second;
}

int HttpServer::total_requests() const {
  std::lock_guard lock(mutex_);
  return static_cast<int>(requests_.size());
}

std::vector<HttpRequest> HttpServer::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

void HttpServer::accept_loop() {
  while (!stopping_) {
    pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {wake_pipe_[0], POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) continue;
    if (fds[1].revents) break;
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    std::lock_guard lock(mutex_);
    if (stopping_) {
      ::close(fd);
      break;
    }
    // Headers and body go out in separate writes: without this, Nagle's algorithm and the
    // client's delayed ACK add ~40 ms to every response.
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    open_fds_.insert(fd);
    threads_.emplace_back([this, fd] { serve_connection(fd); });
  }
}

bool HttpServer::wait_or_stop(std::chrono::milliseconds delay) {
  if (delay.count() <= 0) return !stopping_;
  std::unique_lock lock(mutex_);
  return !stop_cv_.wait_for(lock, delay, [this] { return stopping_.load(); });
}

bool HttpServer::wait_hold(const std::shared_future<void>& hold) {
  while (!stopping_) {
    if (hold.wait_for(std::chrono::milliseconds(20)) == std::future_status::ready) return true;
  }
  return false;
}

void HttpServer::serve_connection(int fd) {
  std::string buffer;
  char chunk[8192];
  bool keep = true;
  while (keep && !stopping_) {
    std::size_t end;
    while ((end = buffer.find("\r\n\r\n")) == std::string::npos) {
      ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
      if (n <= 0) {
        keep = false;
        break;
      }
      buffer.append(chunk, static_cast<std::size_t>(n));
    }
    if (!keep) break;
    std::string head = buffer.substr(0, end);
    buffer.erase(0, end + 4);

    HttpRequest request;
    request.received = std::chrono::steady_clock::now();
    std::size_t line_end = head.find("\r\n");
    std::string request_line = head.substr(0, line_end);
    std::size_t sp1 = request_line.find(' ');
    std::size_t sp2 = request_line.find(' ', sp1 + 1);
    request.method = request_line.substr(0, sp1);
    request.target = request_line.substr(sp1 + 1, sp2 - sp1 - 1);
    std::size_t q = request.target.find('?');
    request.path = request.target.substr(0, q);
    if (q != std::string::npos) request.query = request.target.substr(q + 1);
    std::size_t pos = line_end == std::string::npos ? head.size() : line_end + 2;
    while (pos < head.size()) {
      std::size_t e = head.find("\r\n", pos);
      if (e == std::string::npos) e = head.size();
      std::string line = head.substr(pos, e - pos);
      std::size_t colon = line.find(':');
      if (colon != std::string::npos) {
        std::size_t v = line.find_first_not_of(' ', colon + 1);
        request.headers.emplace_back(line.substr(0, colon),
                                     v == std::string::npos ? "" : line.substr(v));
      }
      pos = e + 2;
    }
    std::string length = request.header("Content-Length");
    if (!length.empty()) {
      std::size_t want = std::stoul(length);
      while (buffer.size() < want) {
        ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
        if (n <= 0) break;
        buffer.append(chunk, static_cast<std::size_t>(n));
      }
      buffer.erase(0, std::min(want, buffer.size()));
    }

    HttpHandler handler;
    std::chrono::milliseconds extra;
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(request);
      ++counts_[request.path];
      auto it = routes_.find(request.path);
      if (it != routes_.end()) handler = it->second;
      extra = extra_delay_;
    }
    HttpResponse response = handler ? handler(request) : status_response(404, "not found\n");
    response.delay += extra;
    keep = send_response(fd, request, std::move(response)) &&
           lower(request.header("Connection")) != "close";
  }
  {
    std::lock_guard lock(mutex_);
    open_fds_.erase(fd);
  }
  ::close(fd);
}

bool HttpServer::send_response(int fd, const HttpRequest& request, HttpResponse response) {
  if (response.hold && !wait_hold(*response.hold)) return false;
  if (!wait_or_stop(response.delay)) return false;
  std::string body = response.gzip ? gzip_bytes(response.body) : response.body;
  bool head_only = request.method == "HEAD" || response.status == 304 || response.status == 204;
  std::string out = "HTTP/1.1 " + std::to_string(response.status) + " " +
                    (response.reason.empty() ? standard_reason(response.status) : response.reason) +
                    "\r\n";
  for (const auto& [k, v] : response.headers) out += k + ": " + v + "\r\n";
  if (response.gzip) out += "Content-Encoding: gzip\r\n";
  if (response.chunked) {
    out += "Transfer-Encoding: chunked\r\n";
  } else if (!head_only || response.content_length) {
    out +=
        "Content-Length: " +
        std::to_string(response.content_length.value_or(static_cast<std::int64_t>(body.size()))) +
        "\r\n";
  }
  out += "\r\n";
  if (!send_all(fd, out)) return false;
  if (head_only) return true;

  std::size_t limit = body.size();
  bool reset = response.reset_after >= 0;
  if (reset) limit = std::min(limit, static_cast<std::size_t>(response.reset_after));
  auto send_piece = [&](const char* data, std::size_t size) {
    if (!response.chunked) return send_all(fd, data, size);
    char size_line[32];
    std::snprintf(size_line, sizeof size_line, "%zx\r\n", size);
    return send_all(fd, size_line, std::strlen(size_line)) && send_all(fd, data, size) &&
           send_all(fd, "\r\n", 2);
  };
  if (response.drip_interval.count() > 0) {
    for (std::size_t i = 0; i < limit; ++i) {
      if (!send_piece(body.data() + i, 1)) return false;
      if (!wait_or_stop(response.drip_interval)) return false;
    }
  } else {
    // Several pieces, so chunked bodies really arrive in chunks.
    std::size_t piece = response.chunked ? std::max<std::size_t>(1, limit / 3 + 1) : limit;
    for (std::size_t off = 0; off < limit; off += piece)
      if (!send_piece(body.data() + off, std::min(piece, limit - off))) return false;
  }
  if (reset) {
    reset_connection(fd);
    return false;
  }
  if (response.endless) {
    std::string filler(64 * 1024, '0');
    while (!stopping_)
      if (!send_piece(filler.data(), filler.size())) return false;
    return false;
  }
  if (response.chunked && !send_all(fd, "0\r\n\r\n", 5)) return false;
  return true;
}

}  // namespace paper::testing
