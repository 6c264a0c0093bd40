#include "indexer/fetch/pdf_sink.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string_view>

#include "common/error.h"
#include "indexer/fetch/fetcher.h"

namespace paper {
namespace {

bool write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

PdfSink::PdfSink(std::string tmp_dir, std::int64_t max_bytes)
    : tmp_dir_(std::move(tmp_dir)), max_bytes_(max_bytes) {}

PdfSink::~PdfSink() {
  if (fd_ >= 0) ::close(fd_);
  if (!temp_path_.empty()) ::unlink(temp_path_.c_str());
}

bool PdfSink::start_file() {
  std::string tmpl = tmp_dir_ + "/download-XXXXXX.part";
  int fd = ::mkostemps(tmpl.data(), 5, O_CLOEXEC);
  if (fd < 0) {
    write_error_ = "cannot create a file in " + tmp_dir_ + ": " + std::strerror(errno);
    return false;
  }
  fd_ = fd;
  temp_path_ = tmpl;
  hash_ = std::make_unique<Sha256>();
  if (!write_all(fd_, head_.data(), head_.size())) {
    write_error_ = "cannot write " + temp_path_ + ": " + std::strerror(errno);
    return false;
  }
  hash_->update(head_.data(), head_.size());
  head_.clear();
  return true;
}

bool PdfSink::write(const char* data, std::size_t size) {
  bytes_ += static_cast<std::int64_t>(size);
  if (bytes_ > max_bytes_) {
    too_big_ = true;
    return false;
  }
  if (!decided_) {
    // A PDF's header may follow other bytes (a blank line, a mail header): readers, Poppler
    // and the extraction worker too, look for it in the first kHeaderWindow bytes.
    head_.append(data, size);
    const std::size_t at = std::string_view(head_).substr(0, kHeaderWindow).find("%PDF-");
    if (at != std::string_view::npos) {
      decided_ = pdf_ = true;
      return start_file();
    }
    if (head_.size() < kHeaderWindow) return true;
    decided_ = true;
    if (head_.size() > kMaxHead) head_.resize(kMaxHead);
    return true;
  }
  if (!pdf_) {
    if (head_.size() < kMaxHead) head_.append(data, std::min(size, kMaxHead - head_.size()));
    return true;
  }
  if (!write_all(fd_, data, size)) {
    write_error_ = "cannot write " + temp_path_ + ": " + std::strerror(errno);
    return false;
  }
  hash_->update(data, size);
  return true;
}

std::string PdfSink::commit(const std::string& cache_dir) {
  sha256_ = hash_->hex_digest();
  // On disk before its name is: the state store records this path as fetched, so after a power
  // cut the cache must not hold a name whose content was never written.
  if (::fdatasync(fd_) != 0 && errno != EINVAL) {
    const int error = errno;
    ::close(fd_);
    fd_ = -1;
    throw Error("cannot write " + temp_path_ + ": " + std::strerror(error) +
                "; check free disk space");
  }
  if (::close(fd_) != 0) {
    fd_ = -1;
    throw Error("cannot write " + temp_path_ + ": " + std::strerror(errno) +
                "; check free disk space");
  }
  fd_ = -1;
  std::string path = cached_pdf_path(cache_dir, sha256_);
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  if (::rename(temp_path_.c_str(), path.c_str()) != 0)
    throw Error("cannot move a download into " + path + ": " + std::strerror(errno) +
                "; check the cache folder's permissions and free space");
  temp_path_.clear();
  return path;
}

std::string cached_pdf_path(const std::string& cache_dir, const std::string& sha256) {
  return cache_dir + "/" + sha256.substr(0, 2) + "/" + sha256 + ".pdf";
}

}  // namespace paper
