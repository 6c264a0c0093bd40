// How the fetcher reads an HTTP answer: status phrases, which statuses are worth a retry,
// Retry-After, and whether a body that is not a PDF looks like an HTML page. Internal to
// indexer/fetch; pure functions.
#pragma once

#include <optional>
#include <string>

namespace paper::fetch_detail {

// "HTTP 404 Not Found" (the standard phrase when known, else just "HTTP 499").
std::string http_reason(long status);

// 408, 429, 500, 502, 503, 504: worth another attempt after a wait.
bool retryable_status(long status);

// Decided by the body only: servers label HTML as application/pdf and PDFs as anything.
bool looks_like_html(const std::string& head);

// Seconds from a Retry-After value (delta-seconds or an HTTP date), or nullopt.
std::optional<double> parse_retry_after(const std::string& value);

}  // namespace paper::fetch_detail
