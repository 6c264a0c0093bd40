#include "indexer/fetch/resolve.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <regex>

#include "indexer/fetch/url_text.h"

namespace paper {
namespace {

using fetch_detail::ends_with;
using fetch_detail::lower;

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

}  // namespace

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

}  // namespace paper
