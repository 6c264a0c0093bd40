// Resolution: a paper's links -> an ordered list of candidate PDF URLs, by host rules.
// Owner: indexer/fetch. Pure functions: no network.
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/paper.h"

namespace paper {

struct Candidate {
  std::string url;     // http(s) URL expected to serve the PDF (or a page that leads to it)
  std::string origin;  // plain words: "arXiv link", "CVF page rewritten to its PDF", ...
  bool suspect = false;
};

struct Resolution {
  std::vector<Candidate> candidates;  // best first; suspect links last
  std::vector<std::string> skipped;   // plain reasons for links not tried (code, expired, ...)
};

// The candidates of a paper, best first: arXiv, then other open PDFs (CVF, PMLR, Nature, Drive,
// OpenReview, links ending in .pdf), then publisher routes (Springer, IEEE, AAAI, PMC), then other
// links as given; links marked suspect last; duplicates dropped. Code links (GitHub, ...), hosts
// that never serve programs (ScienceDirect pages, ResearchGate), non-http(s) links and signed links
// that have expired at `now` are not candidates: each gets one line in `skipped`. No reason ever
// contains a signed URL's query string (it carries credentials).
Resolution resolve(const Paper& paper, std::time_t now);

// Given an HTML page fetched from page_url, the URL that leads on to the PDF when the page is a
// known intermediate: a Google Drive "virus scan warning" form (id="download-form": its action
// plus hidden inputs), an OJS article page (its "obj_galley_link pdf" link with /view/ turned into
// /download/), an IEEE stamp page (its <iframe src>). nullopt for any other page. Relative links
// are resolved against page_url; only http(s) results are returned.
std::optional<std::string> follow_html_page(const std::string& page_url, std::string_view html);

// Pieces of an absolute URL. host is lower-case, without port; port is "" when absent; query is
// without '?' and fragment dropped. nullopt when the URL has no scheme or host.
struct UrlParts {
  std::string scheme;  // lower-case
  std::string host;
  std::string port;
  std::string path;  // starts with '/' ("/" when absent)
  std::string query;
};
std::optional<UrlParts> parse_url(std::string_view url);

// The lower-case host of url, or "" when it has none.
std::string host_of(std::string_view url);

// A URL shortened for logs and messages: scheme://host/path, with the query string replaced by
// "?..." when it holds a signature, token or key.
std::string url_for_log(std::string_view url);

// (Named apart from indexer/catalogue/links.h's arxiv_id_of / doi_of, which normalise for
// merging: these keep the version and case that the PDF URL needs.)
// The arXiv identifier (e.g. "2211.14830", "2211.14830v2", "cs/0112017") in an arxiv.org /abs/ or
// /pdf/ URL, or nullopt.
std::optional<std::string> arxiv_id_from_url(std::string_view url);

// The DOI carried by a link (doi.org/DOI, Springer /chapter|article/DOI, Nature articles/ID ->
// 10.1038/ID), or nullopt. Used by discovery.
std::optional<std::string> doi_from_url(std::string_view url);

}  // namespace paper
