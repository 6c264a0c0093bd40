// SHA-256 (OpenSSL) as lower-case hex: of bytes, of files, or incrementally. Content hashes
// name cached PDFs and detect changed papers; both sides agree on this one implementation.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace paper {

// An incremental hash. Not thread-safe; one per stream of bytes.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void update(const void* data, std::size_t size);
  // The digest of everything given so far, as hex; the object is spent afterwards.
  std::string hex_digest();

 private:
  struct Ctx;
  std::unique_ptr<Ctx> ctx_;
};

// Thread-safe.
std::string sha256_hex(std::string_view bytes);

// The hash of a file's content, read in blocks (constant memory); nullopt when it cannot be read.
std::optional<std::string> sha256_file(const std::string& path);

}  // namespace paper
