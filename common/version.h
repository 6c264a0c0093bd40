#pragma once

namespace paper {

inline constexpr const char* kVersion = "0.1.0";
// Sent as the HTTP User-Agent; names the tool and how to reach its maintainers.
inline constexpr const char* kUserAgent =
    "paper-index/0.1.0 (+https://example.org/paper-search; mailto:paper-search@example.org)";

}  // namespace paper
