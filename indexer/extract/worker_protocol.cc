#include "indexer/extract/worker_protocol.h"

#include <errno.h>
#include <sys/socket.h>
#include <unistd.h>

namespace paper::extract_protocol {

namespace {

bool send_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

bool read_all(int fd, char* data, std::size_t size) {
  while (size > 0) {
    ssize_t n = ::read(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

std::uint32_t decode_length(const char* p) {
  auto b = [&](int i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(p[i])); };
  return b(0) | (b(1) << 8) | (b(2) << 16) | (b(3) << 24);
}

}  // namespace

bool write_record(int fd, char tag, std::string_view payload) {
  if (payload.size() > kMaxPayload) payload = payload.substr(0, kMaxPayload);
  auto size = static_cast<std::uint32_t>(payload.size());
  char header[5] = {tag, static_cast<char>(size & 0xFF), static_cast<char>((size >> 8) & 0xFF),
                    static_cast<char>((size >> 16) & 0xFF), static_cast<char>(size >> 24)};
  return send_all(fd, header, sizeof header) && send_all(fd, payload.data(), payload.size());
}

bool read_record(int fd, char& tag, std::string& payload) {
  char header[5];
  if (!read_all(fd, header, sizeof header)) return false;
  std::uint32_t size = decode_length(header + 1);
  if (size > kMaxPayload) return false;
  tag = header[0];
  payload.resize(size);
  return read_all(fd, payload.data(), size);
}

bool RecordParser::next(char& tag, std::string& payload) {
  std::size_t available = buffer_.size() - consumed_;
  if (available < 5) return false;
  const char* p = buffer_.data() + consumed_;
  std::uint32_t size = decode_length(p + 1);
  if (size > kMaxPayload) {
    error_ = true;
    return false;
  }
  if (available < 5 + static_cast<std::size_t>(size)) return false;
  tag = p[0];
  payload.assign(p + 5, size);
  consumed_ += 5 + size;
  if (consumed_ == buffer_.size()) {
    buffer_.clear();
    consumed_ = 0;
  } else if (consumed_ > (1u << 20)) {
    buffer_.erase(0, consumed_);
    consumed_ = 0;
  }
  return true;
}

}  // namespace paper::extract_protocol
