#include "indexer/fetch/resolve.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <regex>

namespace paper {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// host == domain or a subdomain of it.
bool host_is(const std::string& host, std::string_view domain) {
  return host == domain ||
         (ends_with(host, domain) && host[host.size() - domain.size() - 1] == '.');
}

// The raw value of a query parameter (case-sensitive name), or nullopt.
std::optional<std::string> query_param(const std::string& query, std::string_view name) {
  std::size_t pos = 0;
  while (pos <= query.size()) {
    std::size_t end = query.find('&', pos);
    if (end == std::string::npos) end = query.size();
    std::string_view part(query.data() + pos, end - pos);
    std::size_t eq = part.find('=');
    if (part.substr(0, eq) == name)
      return eq == std::string_view::npos ? std::string() : std::string(part.substr(eq + 1));
    pos = end + 1;
  }
  return std::nullopt;
}

std::string format_utc(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", &tm);
  return buf;
}

// Expiry of a signed URL (S3 presigned: X-Amz-Date + X-Amz-Expires; CloudFront: Expires=epoch),
// or nullopt when the URL is not signed with an expiry.
std::optional<std::time_t> signed_url_expiry(const UrlParts& u) {
  auto amz_date = query_param(u.query, "X-Amz-Date");
  auto amz_expires = query_param(u.query, "X-Amz-Expires");
  if (amz_date && amz_expires) {
    std::tm tm{};
    if (amz_date->size() == 16 &&
        std::sscanf(amz_date->c_str(), "%4d%2d%2dT%2d%2d%2dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                    &tm.tm_hour, &tm.tm_min, &tm.tm_sec) == 6) {
      tm.tm_year -= 1900;
      tm.tm_mon -= 1;
      try {
        return timegm(&tm) + std::stoll(*amz_expires);
      } catch (...) {
        return std::nullopt;
      }
    }
  }
  if (auto expires = query_param(u.query, "Expires")) {
    if (!expires->empty() && std::all_of(expires->begin(), expires->end(), [](char c) {
          return std::isdigit(static_cast<unsigned char>(c));
        })) {
      try {
        return static_cast<std::time_t>(std::stoll(*expires));
      } catch (...) {
        return std::nullopt;
      }
    }
  }
  return std::nullopt;
}

bool has_credentials(const std::string& query) {
  std::string q = lower(query);
  for (const char* key : {"signature", "token", "x-amz-", "key=", "expires=", "sig=", "auth"})
    if (q.find(key) != std::string::npos) return true;
  return false;
}

// Tiers order the candidates; within a tier the list's order is kept.
enum Tier { kTierArxiv = 0, kTierOpenPdf = 1, kTierPublisher = 2, kTierAsGiven = 3 };

struct Ranked {
  Candidate candidate;
  int tier;
};

const std::regex& arxiv_id_regex() {
  static const std::regex re(
      R"(^/(?:abs|pdf)/((?:\d{4}\.\d{4,5}|[a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?)(?:\.pdf)?/?$)");
  return re;
}

// Rules per host. Returns false (and fills skip) when the link is not a candidate.
bool candidate_for(const Link& link, const UrlParts& u, std::time_t now, Ranked& out,
                   std::string& skip) {
  const std::string& h = u.host;
  const std::string base = "https://" + h;
  out.candidate.suspect = link.suspect;
  if (link.kind == LinkKind::kCode || host_is(h, "github.com") || host_is(h, "gitlab.com") ||
      host_is(h, "bitbucket.org")) {
    skip = h + ": code repository, not a paper (never downloaded)";
    return false;
  }
  if (auto expiry = signed_url_expiry(u)) {
    if (*expiry < now) {
      skip = h + ": signed link expired at " + format_utc(*expiry) +
             " (the list holds a temporary download link; replace it with a permanent one)";
      return false;
    }
    out = {
        {link.url, "signed link to " + h + " (expires " + format_utc(*expiry) + ")", link.suspect},
        kTierOpenPdf};
    return true;
  }
  if (host_is(h, "arxiv.org")) {
    if (auto id = arxiv_id_from_url(link.url)) {
      out = {{"https://arxiv.org/pdf/" + *id, "arXiv " + *id, link.suspect}, kTierArxiv};
      return true;
    }
  } else if (h == "openreview.net") {
    auto id = query_param(u.query, "id");
    if (id && !id->empty() && (u.path == "/forum" || u.path == "/pdf")) {
      out = {{"https://openreview.net/pdf?id=" + *id, "OpenReview PDF", link.suspect},
             kTierOpenPdf};
      return true;
    }
  } else if (h == "openaccess.thecvf.com") {
    std::string path = u.path;
    std::size_t html = path.find("/html/");
    if (html != std::string::npos && ends_with(path, "_paper.html")) {
      path.replace(html, 6, "/papers/");
      path.replace(path.size() - 5, 5, ".pdf");
      out = {{base + path, "CVF page rewritten to its PDF", link.suspect}, kTierOpenPdf};
      return true;
    }
    if (ends_with(path, ".pdf")) {
      out = {{base + path, "CVF PDF", link.suspect}, kTierOpenPdf};
      return true;
    }
  } else if (h == "proceedings.mlr.press") {
    static const std::regex re(R"(^/(v\d+)/([^/]+)\.html$)");
    std::smatch m;
    if (std::regex_match(u.path, m, re)) {
      out = {{base + "/" + m[1].str() + "/" + m[2].str() + "/" + m[2].str() + ".pdf",
              "PMLR page rewritten to its PDF", link.suspect},
             kTierOpenPdf};
      return true;
    }
    if (ends_with(u.path, ".pdf")) {
      out = {{base + u.path, "PMLR PDF", link.suspect}, kTierOpenPdf};
      return true;
    }
  } else if (host_is(h, "nature.com")) {
    static const std::regex re(R"(^/articles/([A-Za-z0-9.\-_]+?)(\.pdf)?/?$)");
    std::smatch m;
    if (std::regex_match(u.path, m, re)) {
      out = {{"https://www.nature.com/articles/" + m[1].str() + ".pdf", "Nature PDF", link.suspect},
             kTierOpenPdf};
      return true;
    }
  } else if (h == "drive.google.com") {
    static const std::regex re(R"(^/file/d/([A-Za-z0-9_\-]+)(?:/.*)?$)");
    std::smatch m;
    std::optional<std::string> id;
    if (std::regex_match(u.path, m, re)) id = m[1].str();
    if (!id && (u.path == "/open" || u.path == "/uc")) id = query_param(u.query, "id");
    if (id && !id->empty()) {
      out = {{"https://drive.google.com/uc?export=download&id=" + *id,
              "Google Drive file (direct download)", link.suspect},
             kTierOpenPdf};
      return true;
    }
  } else if (h == "link.springer.com") {
    static const std::regex re(R"(^/(?:chapter|article)/(10\.\d{4,9}/.+?)/?$)");
    std::smatch m;
    if (std::regex_match(u.path, m, re)) {
      out = {{base + "/content/pdf/" + m[1].str() + ".pdf",
              "Springer page rewritten to its PDF (free only when open access)", link.suspect},
             kTierPublisher};
      return true;
    }
  } else if (h == "ieeexplore.ieee.org") {
    static const std::regex re(R"(^/(?:abstract/)?document/(\d+)/?$)");
    std::smatch m;
    std::optional<std::string> number;
    if (std::regex_match(u.path, m, re)) number = m[1].str();
    if (!number) number = query_param(u.query, "arnumber");
    if (number && !number->empty()) {
      out = {{base + "/stamp/stamp.jsp?tp=&arnumber=" + *number,
              "IEEE stamp page (free only for open-access titles)", link.suspect},
             kTierPublisher};
      return true;
    }
  } else if (h == "ojs.aaai.org") {
    if (u.path.find("/article/view/") != std::string::npos) {
      out = {{base + u.path, "AAAI article page (its PDF galley is followed)", link.suspect},
             kTierPublisher};
      return true;
    }
  } else if (h == "www.ncbi.nlm.nih.gov" || h == "pmc.ncbi.nlm.nih.gov") {
    static const std::regex re(R"(^(?:/pmc)?/articles/(PMC\d+)/?.*$)");
    std::smatch m;
    if (std::regex_match(u.path, m, re)) {
      out = {{"https://europepmc.org/articles/" + m[1].str() + "?pdf=render",
              "PubMed Central article via Europe PMC's PDF render", link.suspect},
             kTierPublisher};
      return true;
    }
  } else if (host_is(h, "sciencedirect.com")) {
    skip = h + ": publisher page without an open PDF route (needs a subscription and a browser)";
    return false;
  } else if (host_is(h, "researchgate.net")) {
    skip = h + ": refuses programs (HTTP 403); find the paper elsewhere";
    return false;
  }
  out = {{link.url, ends_with(lower(u.path), ".pdf") ? "PDF link" : "link as given", link.suspect},
         ends_with(lower(u.path), ".pdf") ? kTierOpenPdf : kTierAsGiven};
  return true;
}

std::string decode_entities(std::string s) {
  static const std::pair<const char*, const char*> kEntities[] = {
      {"&amp;", "&"}, {"&#38;", "&"}, {"&quot;", "\""}, {"&#39;", "'"},
      {"&lt;", "<"},  {"&gt;", ">"},  {"&#x3D;", "="},  {"&#61;", "="}};
  for (const auto& [from, to] : kEntities) {
    std::size_t pos = 0;
    std::string f = from;
    while ((pos = s.find(f, pos)) != std::string::npos) {
      s.replace(pos, f.size(), to);
      pos += std::string(to).size();
    }
  }
  return s;
}

// An attribute's value within one tag's text, or "".
std::string attribute(std::string_view tag, std::string_view name) {
  std::string t = lower(tag);
  std::string key = " " + lower(name) + "=";
  std::size_t pos = 0;
  while ((pos = t.find(key, pos)) != std::string::npos) {
    std::size_t v = pos + key.size();
    if (v >= tag.size()) return "";
    char quote = tag[v];
    if (quote == '"' || quote == '\'') {
      std::size_t end = tag.find(quote, v + 1);
      if (end == std::string_view::npos) return "";
      return decode_entities(std::string(tag.substr(v + 1, end - v - 1)));
    }
    std::size_t end = tag.find_first_of(" \t\r\n>", v);
    return decode_entities(std::string(tag.substr(v, end - v)));
  }
  return "";
}

// Every tag named `name` in html, as the text between '<' and '>'.
std::vector<std::string_view> tags(std::string_view html, const std::string& lower_html,
                                   std::string_view name) {
  std::vector<std::string_view> out;
  std::string open = "<" + std::string(name);
  std::size_t pos = 0;
  while ((pos = lower_html.find(open, pos)) != std::string::npos) {
    std::size_t after = pos + open.size();
    if (after < html.size() && !std::isspace(static_cast<unsigned char>(html[after]))) {
      pos = after;
      continue;
    }
    std::size_t end = html.find('>', after);
    if (end == std::string_view::npos) break;
    out.push_back(html.substr(pos, end - pos));
    pos = end;
  }
  return out;
}

// ref resolved against base (absolute, scheme-relative, absolute-path or relative path).
std::optional<std::string> resolve_reference(const std::string& base, const std::string& ref) {
  if (ref.empty()) return std::nullopt;
  if (parse_url(ref)) return ref;
  auto b = parse_url(base);
  if (!b) return std::nullopt;
  std::string origin = b->scheme + "://" + b->host + (b->port.empty() ? "" : ":" + b->port);
  if (starts_with(ref, "//")) return b->scheme + ":" + ref;
  if (ref[0] == '/') return origin + ref;
  if (ref[0] == '?') return origin + b->path + ref;
  std::string dir = b->path.substr(0, b->path.rfind('/') + 1);
  return origin + dir + ref;
}

std::optional<std::string> http_only(std::optional<std::string> url) {
  if (!url) return std::nullopt;
  auto u = parse_url(*url);
  if (!u || (u->scheme != "http" && u->scheme != "https")) return std::nullopt;
  return url;
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

std::optional<std::string> arxiv_id_from_url(std::string_view url) {
  auto u = parse_url(url);
  if (!u || !host_is(u->host, "arxiv.org")) return std::nullopt;
  std::smatch m;
  if (!std::regex_match(u->path, m, arxiv_id_regex())) return std::nullopt;
  return m[1].str();
}

std::optional<std::string> doi_from_url(std::string_view url) {
  auto u = parse_url(url);
  if (!u) return std::nullopt;
  static const std::regex springer(
      R"(^/(?:chapter|article|content/pdf)/(10\.\d{4,9}/.+?)(?:\.pdf)?/?$)");
  static const std::regex doi_path(R"(^/(10\.\d{4,9}/.+?)/?$)");
  static const std::regex nature(R"(^/articles/([A-Za-z0-9.\-_]+?)(?:\.pdf)?/?$)");
  std::smatch m;
  if (u->host == "link.springer.com" && std::regex_match(u->path, m, springer)) return m[1].str();
  if ((host_is(u->host, "doi.org") || u->host == "dx.doi.org") &&
      std::regex_match(u->path, m, doi_path))
    return m[1].str();
  if (host_is(u->host, "nature.com") && std::regex_match(u->path, m, nature))
    return "10.1038/" + m[1].str();
  return std::nullopt;
}

Resolution resolve(const Paper& paper, std::time_t now) {
  Resolution result;
  std::vector<Ranked> ranked;
  for (const Link& link : paper.links) {
    if (link.url.empty()) continue;
    auto u = parse_url(link.url);
    if (!u || (u->scheme != "http" && u->scheme != "https")) {
      result.skipped.push_back(url_for_log(link.url) + ": not an http(s) link");
      continue;
    }
    Ranked r;
    std::string skip;
    if (candidate_for(link, *u, now, r, skip)) {
      ranked.push_back(std::move(r));
    } else if (std::find(result.skipped.begin(), result.skipped.end(), skip) ==
               result.skipped.end()) {
      result.skipped.push_back(skip);
    }
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
    if (a.candidate.suspect != b.candidate.suspect) return !a.candidate.suspect;
    return a.tier < b.tier;
  });
  for (auto& r : ranked) {
    bool seen = std::any_of(result.candidates.begin(), result.candidates.end(),
                            [&](const Candidate& c) { return c.url == r.candidate.url; });
    if (!seen) result.candidates.push_back(std::move(r.candidate));
  }
  return result;
}

std::optional<std::string> follow_html_page(const std::string& page_url, std::string_view html) {
  std::string lower_html = lower(html);
  // Google Drive's virus-scan warning: resubmit its form (GET) with the hidden inputs.
  for (std::string_view form : tags(html, lower_html, "form")) {
    if (attribute(form, "id") != "download-form") continue;
    std::size_t form_pos = static_cast<std::size_t>(form.data() - html.data());
    std::size_t form_end = lower_html.find("</form", form_pos);
    std::string_view body = html.substr(
        form_pos, form_end == std::string::npos ? std::string_view::npos : form_end - form_pos);
    std::string action = attribute(form, "action");
    auto target = resolve_reference(page_url, action.empty() ? page_url : action);
    if (!target) return std::nullopt;
    std::string query;
    for (std::string_view input : tags(body, lower(body), "input")) {
      std::string name = attribute(input, "name");
      if (name.empty() || lower(attribute(input, "type")) == "submit") continue;
      query += (query.empty() ? "" : "&") + name + "=" + attribute(input, "value");
    }
    std::string url = *target;
    if (!query.empty()) url += (url.find('?') == std::string::npos ? "?" : "&") + query;
    return http_only(url);
  }
  // OJS (AAAI): the PDF galley link; /view/ shows a viewer, /download/ gives the bytes.
  for (std::string_view a : tags(html, lower_html, "a")) {
    std::string cls = " " + lower(attribute(a, "class")) + " ";
    if (cls.find(" obj_galley_link ") == std::string::npos ||
        cls.find(" pdf ") == std::string::npos)
      continue;
    std::string href = attribute(a, "href");
    std::size_t view = href.find("/article/view/");
    if (view != std::string::npos) href.replace(view, 14, "/article/download/");
    return http_only(resolve_reference(page_url, href));
  }
  // IEEE stamp page: the PDF sits in an iframe.
  for (std::string_view frame : tags(html, lower_html, "iframe")) {
    std::string src = attribute(frame, "src");
    std::string s = lower(src);
    if (s.find("getpdf.jsp") != std::string::npos || s.find(".pdf") != std::string::npos)
      return http_only(resolve_reference(page_url, src));
  }
  return std::nullopt;
}

}  // namespace paper
