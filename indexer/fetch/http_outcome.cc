#include "indexer/fetch/http_outcome.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <ctime>

#include "indexer/fetch/url_text.h"

namespace paper::fetch_detail {
namespace {

const char* status_phrase(long status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 402:
      return "Payment Required";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 406:
      return "Not Acceptable";
    case 408:
      return "Request Timeout";
    case 410:
      return "Gone";
    case 418:
      return "I'm a teapot";
    case 429:
      return "Too Many Requests";
    case 451:
      return "Unavailable For Legal Reasons";
    case 500:
      return "Internal Server Error";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
  }
  return nullptr;
}

}  // namespace

std::string http_reason(long status) {
  const char* phrase = status_phrase(status);
  return "HTTP " + std::to_string(status) + (phrase ? std::string(" ") + phrase : "");
}

bool retryable_status(long status) {
  return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 ||
         status == 504;
}

bool looks_like_html(const std::string& head) {
  std::string start = lower(head.substr(0, 2048));
  for (const char* marker : {"<!doctype html", "<html", "<head", "<body", "<title", "<script"})
    if (start.find(marker) != std::string::npos) return true;
  return false;
}

std::optional<double> parse_retry_after(const std::string& value) {
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(),
                  [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
    return std::stod(value);
  time_t when = curl_getdate(value.c_str(), nullptr);
  if (when < 0) return std::nullopt;
  return std::max(0.0, static_cast<double>(when - std::time(nullptr)));
}

}  // namespace paper::fetch_detail
