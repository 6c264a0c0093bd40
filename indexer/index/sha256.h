// SHA-256 of bytes and files (OpenSSL), as lower-case hex. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace paper {

std::string sha256_hex(std::string_view bytes);

// The hash of a file's content, read in blocks (constant memory); nullopt when it cannot be read.
std::optional<std::string> sha256_file(const std::string& path);

}  // namespace paper
