#include <algorithm>

#include "indexer/fetch/resolve.h"
#include "indexer/fetch/url_text.h"

namespace paper {
namespace {

using fetch_detail::lower;

bool has_credentials(const std::string& query) {
  std::string q = lower(query);
  for (const char* key : {"signature", "token", "x-amz-", "key=", "expires=", "sig=", "auth"})
    if (q.find(key) != std::string::npos) return true;
  return false;
}

}  // namespace

std::optional<UrlParts> parse_url(std::string_view url) {
  std::size_t colon = url.find("://");
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  UrlParts u;
  u.scheme = lower(url.substr(0, colon));
  if (!std::all_of(u.scheme.begin(), u.scheme.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
      }))
    return std::nullopt;
  std::string_view rest = url.substr(colon + 3);
  std::size_t hash = rest.find('#');
  if (hash != std::string_view::npos) rest = rest.substr(0, hash);
  std::size_t auth_end = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, auth_end);
  rest = auth_end == std::string_view::npos ? std::string_view() : rest.substr(auth_end);
  std::size_t at = authority.rfind('@');
  if (at != std::string_view::npos) authority = authority.substr(at + 1);
  std::size_t port = authority.rfind(':');
  if (port != std::string_view::npos && authority.find(']') == std::string_view::npos) {
    u.port = std::string(authority.substr(port + 1));
    authority = authority.substr(0, port);
  }
  u.host = lower(authority);
  if (u.host.empty() && u.scheme != "file") return std::nullopt;
  std::size_t q = rest.find('?');
  u.path = std::string(rest.substr(0, q));
  if (u.path.empty()) u.path = "/";
  if (q != std::string_view::npos) u.query = std::string(rest.substr(q + 1));
  return u;
}

std::string host_of(std::string_view url) {
  auto u = parse_url(url);
  return u ? u->host : "";
}

std::string url_for_log(std::string_view url) {
  auto u = parse_url(url);
  if (!u) return std::string(url.substr(0, 200));
  std::string out = u->scheme + "://" + u->host + (u->port.empty() ? "" : ":" + u->port) + u->path;
  if (!u->query.empty()) out += has_credentials(u->query) ? "?..." : "?" + u->query;
  return out;
}

}  // namespace paper
