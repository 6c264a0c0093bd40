#include "indexer/catalogue/link_problems.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

#include "common/text.h"
#include "indexer/catalogue/links.h"

namespace paper {
namespace {

// Longest URL quoted in a warning; the line number leads to the rest.
constexpr std::size_t kMaxShownUrlBytes = 120;
// Longer schemes are never typos of "http" or "https" (and the distance stays cheap).
constexpr std::size_t kMaxTypoSchemeBytes = 8;

// Schemes that link to people or programs, never to a paper: not worth a warning.
constexpr std::array<std::string_view, 12> kNotPaperSchemes = {
    "mailto", "tel",  "javascript", "data",    "irc",    "ircs",
    "sms",    "xmpp", "skype",      "discord", "matrix", "slack"};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Levenshtein distance of two short strings.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// The scheme of a URL ("ftp" for "ftp://x"), lower-case; "" when it has none (RFC 3986: a letter,
// then letters, digits, '+', '-' or '.', then ':').
std::string scheme_of(std::string_view url) {
  auto colon = url.find(':');
  if (colon == std::string_view::npos || colon == 0 ||
      !std::isalpha(static_cast<unsigned char>(url[0]))) {
    return "";
  }
  for (std::size_t i = 1; i < colon; ++i) {
    char c = url[i];
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') {
      return "";
    }
  }
  return lower(url.substr(0, colon));
}

// scheme + "://" + rest without its leading slashes, or "" when that still has no host.
std::string rebuild(std::string_view scheme, std::string_view rest) {
  while (!rest.empty() && (rest.front() == '/' || rest.front() == '\\')) rest.remove_prefix(1);
  std::string url = std::string(scheme) + "://" + std::string(rest);
  return url_host(url).empty() ? "" : url;
}

// "arxiv.org/abs/..." or "www.x.org/...": a web address written without its scheme.
bool is_web_address(std::string_view url) {
  if (lower(url.substr(0, 4)) == "www.") return true;
  std::string host = url_host("https://" + std::string(url));
  if (host.find('.') == std::string::npos) return false;
  return classify_link(host, "https://" + host + "/") != LinkKind::kOther;
}

// A URL as quoted in a warning: a signed URL without its query (it carries credentials), a long
// one shortened.
std::string shown(std::string_view url) {
  std::string u(url);
  if (is_signed_url(u)) {
    auto query = u.find('?');
    if (query != std::string::npos) u = u.substr(0, query) + "?...";
  }
  return truncate_utf8(u, kMaxShownUrlBytes);
}

}  // namespace

LinkProblem diagnose_link(std::string_view url) {
  std::string u = trim(url);
  if (u.size() >= 2 && u.front() == '<' && u.back() == '>') u = trim(u.substr(1, u.size() - 2));
  LinkProblem p;
  if (u.empty() || u.front() == '#') {
    p.kind = LinkProblemKind::kNotAPaper;
    return p;
  }
  if (!url_host(u).empty()) {
    if (u.find_first_of(" \t") != std::string::npos) {
      // Markdown ends a destination at a space and GitHub shows "[x](https://x.org/a b.pdf)" as
      // text: what the author meant is not for the catalogue to guess. Two URLs in one link get
      // no fix; each needs a link of its own.
      p.kind = LinkProblemKind::kSpace;
      if (u.find("://", u.find_first_of(" \t")) == std::string::npos) {
        for (char c : u) p.fixed += c == ' ' ? "%20" : c == '\t' ? "%09" : std::string(1, c);
      }
    }
    return p;
  }
  std::string scheme = scheme_of(u);
  if (!scheme.empty()) {
    std::string_view rest = std::string_view(u).substr(scheme.size() + 1);
    p.scheme = scheme;
    if (scheme.size() == 1 || scheme == "file") {
      p.kind = LinkProblemKind::kLocalFile;  // "C:\papers\x.pdf" or "file:///..."
    } else if (scheme == "http" || scheme == "https") {
      p.kind = LinkProblemKind::kMalformed;
      p.fixed = rebuild(scheme, rest);
    } else if (std::find(kNotPaperSchemes.begin(), kNotPaperSchemes.end(), scheme) !=
                   kNotPaperSchemes.end() &&
               !(scheme == "data" && lower(trim(rest).substr(0, 15)) == "application/pdf")) {
      // A "data:application/pdf;..." link is a paper, embedded in the list.
      p.kind = LinkProblemKind::kNotAPaper;
    } else if (scheme.size() <= kMaxTypoSchemeBytes &&
               (edit_distance(scheme, "http") <= 1 || edit_distance(scheme, "https") <= 1)) {
      p.kind = LinkProblemKind::kSchemeTypo;
      p.fixed = rebuild(scheme.find('s') != std::string::npos ? "https" : "http", rest);
    } else {
      p.kind = LinkProblemKind::kOtherScheme;
      // "doi:10.1007/..." and "arXiv:2001.00001" name a paper that has a web address.
      std::string id = trim(rest);
      if (scheme == "doi" && !id.empty()) p.fixed = "https://doi.org/" + id;
      if (scheme == "arxiv" && !id.empty()) p.fixed = "https://arxiv.org/abs/" + id;
      if (!p.fixed.empty() && url_host(p.fixed).empty()) p.fixed.clear();
    }
    return p;
  }
  std::string l = lower(u);
  for (std::string_view typo : {"https//", "http//"}) {
    if (l.rfind(typo, 0) == 0) {
      p.kind = LinkProblemKind::kMalformed;
      p.fixed = rebuild(typo.substr(0, typo.size() - 2), std::string_view(u).substr(typo.size()));
      return p;
    }
  }
  if (l.rfind("//", 0) == 0 && !url_host("https:" + u).empty()) {
    p.kind = LinkProblemKind::kNoScheme;
    p.fixed = "https:" + u;
    return p;
  }
  if (is_web_address(u)) {
    p.kind = LinkProblemKind::kNoScheme;
    p.fixed = "https://" + u;
    return p;
  }
  std::string path = l.substr(0, l.find_first_of("?#"));
  p.kind = ends_with(path, ".pdf") ? LinkProblemKind::kLocalFile : LinkProblemKind::kNotAPaper;
  return p;
}

bool is_reportable(const LinkProblem& problem) {
  return problem.kind != LinkProblemKind::kNone && problem.kind != LinkProblemKind::kNotAPaper;
}

bool is_mistyped(const LinkProblem& problem) {
  return problem.kind == LinkProblemKind::kSchemeTypo ||
         problem.kind == LinkProblemKind::kMalformed ||
         problem.kind == LinkProblemKind::kNoScheme || problem.kind == LinkProblemKind::kSpace;
}

std::string explain_link_problem(std::string_view url, const LinkProblem& problem) {
  std::string u = trim(url);
  if (u.size() >= 2 && u.front() == '<' && u.back() == '>') u = trim(u.substr(1, u.size() - 2));
  std::string link = "link \"" + shown(u) + "\"";
  std::string write = problem.fixed.empty() ? "" : "; write " + shown(problem.fixed);
  constexpr std::string_view kOnlyHttp = " (only http(s) links are fetched)";
  switch (problem.kind) {
    case LinkProblemKind::kSchemeTypo:
      return link + " has the scheme \"" + problem.scheme + ":\", a typo of \"" +
             (problem.scheme.find('s') != std::string::npos ? "https" : "http") + ":\"" +
             std::string(kOnlyHttp) + (write.empty() ? "; correct the scheme" : write);
    case LinkProblemKind::kOtherScheme:
      return link + " has the scheme \"" + problem.scheme + ":\"" + std::string(kOnlyHttp) +
             (write.empty() ? "; link an http(s) copy of the paper" : write);
    case LinkProblemKind::kMalformed:
      return link + " is not a valid http(s) URL" +
             (write.empty() ? "; write it as https://host/path" : write);
    case LinkProblemKind::kNoScheme:
      return link + " has no scheme" + std::string(kOnlyHttp) + write;
    case LinkProblemKind::kSpace:
      return link + " has a space in it, which ends a Markdown link" +
             (write.empty() ? "; give each URL a link of its own" : write);
    case LinkProblemKind::kLocalFile:
      return link +
             (!problem.scheme.empty()                 ? " is a local file"
              : u.front() == '/' || u.front() == '\\' ? " is a file path"
                                                      : " is a relative path") +
             ", not an http(s) link; to index local PDFs, give the file or its folder to "
             "`paper-index build`";
    case LinkProblemKind::kNotAPaper:
      // Reported only for a paper's own link ("[Title](mailto:...) - Authors, Venue 2020").
      if (!problem.scheme.empty()) {
        return link + " has the scheme \"" + problem.scheme + ":\"" + std::string(kOnlyHttp) +
               "; link an http(s) copy of the paper";
      }
      break;
    case LinkProblemKind::kNone:
      break;
  }
  return link + " is not an http(s) link";
}

}  // namespace paper
