// Where a download's body goes: the first bytes decide whether it is a PDF; a PDF streams into a
// temporary file in the cache (hashed as it arrives) and is renamed to its content address on
// commit; anything else is kept in memory (bounded) so the fetcher can explain or follow it.
// Owner: indexer/fetch. Not thread-safe (one transfer).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "common/sha256.h"

namespace paper {

class PdfSink {
 public:
  // tmp_dir must exist; max_bytes bounds what write() accepts.
  PdfSink(std::string tmp_dir, std::int64_t max_bytes);
  ~PdfSink();  // removes the temporary file unless committed
  PdfSink(const PdfSink&) = delete;
  PdfSink& operator=(const PdfSink&) = delete;

  // Appends body bytes; false when the size limit is exceeded or the file cannot be written
  // (see too_big() / write_error()).
  bool write(const char* data, std::size_t size);
  bool too_big() const { return too_big_; }
  const std::string& write_error() const { return write_error_; }
  bool is_pdf() const { return pdf_; }
  std::int64_t bytes() const { return bytes_; }
  // The first bytes of a body that is not a PDF (at most kMaxHead).
  const std::string& head() const { return head_; }

  // Moves a complete PDF to <cache_dir>/<sha[0:2]>/<sha>.pdf and returns that path; throws
  // paper::Error when the cache cannot be written.
  std::string commit(const std::string& cache_dir);
  const std::string& sha256() const { return sha256_; }

  static constexpr std::size_t kMaxHead = 2 << 20;
  // Where "%PDF-" must be for the body to be a PDF (as extract_pdf checks a file on disk).
  static constexpr std::size_t kHeaderWindow = 1024;

 private:
  bool start_file();

  std::string tmp_dir_;
  std::int64_t max_bytes_;
  std::string head_;
  std::string temp_path_;
  int fd_ = -1;
  bool pdf_ = false;
  bool decided_ = false;
  bool too_big_ = false;
  std::string write_error_;
  std::int64_t bytes_ = 0;
  std::unique_ptr<Sha256> hash_;
  std::string sha256_;
};

}  // namespace paper
