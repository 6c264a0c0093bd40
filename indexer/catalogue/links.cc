#include "indexer/catalogue/links.h"

#include <array>
#include <cctype>

#include "common/text.h"

namespace paper {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  }
  return true;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// host == domain or a subdomain of it.
bool host_is(std::string_view host, std::string_view domain) {
  if (host == domain) return true;
  return host.size() > domain.size() && ends_with(host, domain) &&
         host[host.size() - domain.size() - 1] == '.';
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The URL's path (after the host, before '?' or '#'), lower-cased.
std::string url_path_lower(std::string_view url) {
  auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return lower(url);
  auto slash = url.find('/', scheme + 3);
  if (slash == std::string_view::npos) return "/";
  auto end = url.find_first_of("?#", slash);
  return lower(url.substr(slash, end == std::string_view::npos ? url.npos : end - slash));
}

constexpr std::array<std::string_view, 6> kCodeHosts = {
    "github.com", "gitlab.com", "bitbucket.org", "codeocean.com", "gitee.com", "sourceforge.net"};

constexpr std::array<std::string_view, 40> kLandingHosts = {"ieeexplore.ieee.org",
                                                            "sciencedirect.com",
                                                            "link.springer.com",
                                                            "springer.com",
                                                            "nature.com",
                                                            "openreview.net",
                                                            "ojs.aaai.org",
                                                            "aaai.org",
                                                            "proceedings.mlr.press",
                                                            "openaccess.thecvf.com",
                                                            "thecvf.com",
                                                            "ncbi.nlm.nih.gov",
                                                            "europepmc.org",
                                                            "researchgate.net",
                                                            "dl.acm.org",
                                                            "doi.org",
                                                            "onlinelibrary.wiley.com",
                                                            "wiley.com",
                                                            "mdpi.com",
                                                            "frontiersin.org",
                                                            "biorxiv.org",
                                                            "medrxiv.org",
                                                            "semanticscholar.org",
                                                            "paperswithcode.com",
                                                            "ecva.net",
                                                            "proceedings.neurips.cc",
                                                            "papers.nips.cc",
                                                            "neurips.cc",
                                                            "aclanthology.org",
                                                            "iopscience.iop.org",
                                                            "tandfonline.com",
                                                            "academic.oup.com",
                                                            "jamanetwork.com",
                                                            "pubs.rsna.org",
                                                            "cell.com",
                                                            "science.org",
                                                            "ijcai.org",
                                                            "bmva.org",
                                                            "drive.google.com",
                                                            "pubmed.ncbi.nlm.nih.gov"};

}  // namespace

std::string url_host(std::string_view url) {
  std::string_view rest;
  if (starts_with_ci(url, "https://")) {
    rest = url.substr(8);
  } else if (starts_with_ci(url, "http://")) {
    rest = url.substr(7);
  } else {
    return {};
  }
  auto end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  auto at = authority.rfind('@');
  if (at != std::string_view::npos) authority = authority.substr(at + 1);
  if (!authority.empty() && authority.front() == '[') {
    // An IPv6 literal ("[::1]:8080"): its colons are not the port's. Unclosed, it is no host.
    auto close = authority.find(']');
    if (close == std::string_view::npos || close == 1) return {};
    return lower(authority.substr(0, close + 1));
  }
  auto colon = authority.find(':');
  if (colon != std::string_view::npos) authority = authority.substr(0, colon);
  std::string host = lower(authority);
  while (!host.empty() && host.back() == '.') host.pop_back();
  return host;
}

LinkKind classify_link(std::string_view host, std::string_view url) {
  if (host.empty()) return LinkKind::kOther;
  if (host_is(host, "arxiv.org")) return LinkKind::kArxiv;
  for (auto code : kCodeHosts) {
    if (host_is(host, code)) return LinkKind::kCode;
  }
  std::string path = url_path_lower(url);
  if (ends_with(path, ".pdf")) return LinkKind::kPdf;
  if (host_is(host, "openreview.net") && path == "/pdf") return LinkKind::kPdf;
  if (host_is(host, "pdf.sciencedirectassets.com")) return LinkKind::kPdf;
  for (auto landing : kLandingHosts) {
    if (host_is(host, landing)) return LinkKind::kLanding;
  }
  return LinkKind::kOther;
}

Link make_link(std::string_view label, std::string_view url) {
  Link link;
  link.label = trim(label);
  std::string u = trim(url);
  if (u.size() >= 2 && u.front() == '<' && u.back() == '>') u = trim(u.substr(1, u.size() - 2));
  link.host = url_host(u);
  link.kind = classify_link(link.host, u);
  if (link.kind == LinkKind::kCode) {
    if (link.host.rfind("www.", 0) == 0) {
      auto pos = lower(u).find("www.");
      if (pos != std::string::npos) u.erase(pos, 4);
      link.host.erase(0, 4);
    }
    while (u.size() > 1 && u.back() == '/' && u.find("://") + 3 < u.size() - 1) u.pop_back();
  }
  link.url = std::move(u);
  return link;
}

std::optional<std::string> arxiv_id_of(std::string_view url) {
  std::string host = url_host(url);
  if (!host_is(host, "arxiv.org")) return std::nullopt;
  std::string path = url_path_lower(url);
  for (std::string_view prefix : {"/abs/", "/pdf/", "/html/", "/format/"}) {
    if (path.rfind(prefix, 0) != 0) continue;
    std::string id = path.substr(prefix.size());
    if (ends_with(id, ".pdf")) id.resize(id.size() - 4);
    while (!id.empty() && id.back() == '/') id.pop_back();
    // Drop a version suffix "v2".
    auto v = id.rfind('v');
    if (v != std::string::npos && v + 1 < id.size() && v > 0 && is_digit(id[v - 1])) {
      bool digits = true;
      for (std::size_t i = v + 1; i < id.size(); ++i) digits = digits && is_digit(id[i]);
      if (digits) id.resize(v);
    }
    if (id.empty()) return std::nullopt;
    return id;
  }
  return std::nullopt;
}

std::optional<std::string> doi_of(std::string_view url) {
  std::string host = url_host(url);
  if (host.empty()) return std::nullopt;
  std::string path = url_path_lower(url);
  // "10." + 4-9 digits + "/" + suffix, starting a path segment.
  for (std::size_t i = path.find("/10."); i != std::string::npos; i = path.find("/10.", i + 1)) {
    std::size_t j = i + 4, digits = 0;
    while (j < path.size() && is_digit(path[j])) ++j, ++digits;
    if (digits < 4 || digits > 9 || j >= path.size() || path[j] != '/' || j + 1 >= path.size()) {
      continue;
    }
    std::string doi = path.substr(i + 1);
    if (ends_with(doi, ".pdf")) doi.resize(doi.size() - 4);
    while (!doi.empty() && doi.back() == '/') doi.pop_back();
    return doi;
  }
  return std::nullopt;
}

std::optional<std::string> work_key_of(std::string_view url) {
  if (auto id = arxiv_id_of(url)) return "arxiv:" + *id;
  if (auto doi = doi_of(url)) return "doi:" + *doi;
  return std::nullopt;
}

std::optional<int> year_of_url(std::string_view url) {
  static constexpr std::array<std::string_view, 12> kVenues = {"cvpr",   "iccv",    "eccv", "wacv",
                                                               "miccai", "neurips", "nips", "iclr",
                                                               "icml",   "aaai",    "bmvc", "accv"};
  std::string path = url_path_lower(url);
  for (auto venue : kVenues) {
    for (std::size_t i = path.find(venue); i != std::string::npos; i = path.find(venue, i + 1)) {
      if (i > 0 && std::isalpha(static_cast<unsigned char>(path[i - 1]))) continue;
      std::size_t j = i + venue.size();
      if (j < path.size() && (path[j] == '_' || path[j] == '-' || path[j] == '/')) ++j;
      if (j + 4 > path.size()) continue;
      bool digits = true;
      for (std::size_t k = j; k < j + 4; ++k) digits = digits && is_digit(path[k]);
      if (!digits || (j + 4 < path.size() && is_digit(path[j + 4]))) continue;
      int year = std::stoi(path.substr(j, 4));
      if (year >= 1900 && year <= 2100) return year;
    }
  }
  return std::nullopt;
}

bool is_signed_url(std::string_view url) {
  std::string l = lower(url);
  return l.find("x-amz-signature=") != std::string::npos ||
         l.find("x-amz-security-token=") != std::string::npos ||
         (l.find("expires=") != std::string::npos && l.find("signature=") != std::string::npos);
}

}  // namespace paper
