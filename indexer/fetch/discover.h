// Discovery (`--discover`): when a paper's own links give no PDF, ask open APIs for one by title
// or DOI: the arXiv API (always), and Unpaywall, Semantic Scholar, OpenAlex and Crossref when
// configured. Owner: indexer/fetch.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/paper.h"
#include "indexer/fetch/resolve.h"

namespace paper {

struct DiscoveryOptions {
  // Base URLs (no trailing '/'); tests point them at a loopback server.
  std::string arxiv_api = "https://export.arxiv.org/api/query";
  std::string unpaywall_api = "https://api.unpaywall.org/v2";
  std::string semantic_scholar_api = "https://api.semanticscholar.org/graph/v1";
  std::string openalex_api = "https://api.openalex.org";
  std::string crossref_api = "https://api.crossref.org";

  bool use_arxiv = true;
  // Unpaywall and Crossref's polite pool need a real contact address; Unpaywall is used only
  // when email is set. Crossref is used when email is set or use_crossref.
  std::string email;
  bool use_crossref = false;
  // Semantic Scholar: used when a key is set or use_semantic_scholar (keyless shared pool).
  std::string semantic_scholar_key;
  bool use_semantic_scholar = false;
  // OpenAlex: used when a key is set (required by OpenAlex since 2026-02).
  std::string openalex_key;

  // Pacing between two requests to the same API (seconds), per each API's published limits.
  double arxiv_interval_s = 3.0;
  double unpaywall_interval_s = 0.1;
  double semantic_scholar_interval_s = 1.0;
  double openalex_interval_s = 0.1;
  double crossref_interval_s = 0.1;

  // arXiv's API now and then answers an empty feed to a query that has entries
  // (seed-and-links.md): an answer without any entry is asked again this many times, paced like
  // any request.
  int arxiv_empty_retries = 1;

  long timeout_s = 20;        // per request
  int max_attempts = 2;       // for 429, 5xx and timeouts
  double retry_base_s = 2.0;  // backoff before the second attempt (Retry-After wins, capped)
  double retry_after_max_s = 30.0;
  std::string user_agent;               // "" = kUserAgent
  std::vector<std::string> connect_to;  // as in FetchOptions
};

struct Discovery {
  std::vector<Candidate> candidates;  // best first, no duplicates; origin names the API
  std::vector<std::string> notes;     // plain words: what each API said when it gave nothing
};

// Thread-safe: discover() may run on several pipeline threads at once; requests to one API are
// serialised and paced (the calling thread blocks until its turn). After a DNS failure or an
// unreachable network for an API's host, later calls skip that API at once (one note each).
class Discoverer {
 public:
  explicit Discoverer(DiscoveryOptions options);
  ~Discoverer();
  Discoverer(const Discoverer&) = delete;
  Discoverer& operator=(const Discoverer&) = delete;

  // Blocking. Asks, in order: arXiv by title (only an entry whose title matches the paper's under
  // normalize_for_match is accepted), Unpaywall by DOI, Semantic Scholar by DOI or title,
  // OpenAlex by DOI or title, Crossref by title (a matching item's DOI then goes to Unpaywall).
  // Titles are always checked. Never throws for API failures (they become notes).
  Discovery discover(const Paper& paper);

  // Asks the arXiv API (id_list) whether arXiv `id` is the paper titled `title`: true or false
  // when the API answered, nullopt when it could not be asked (unreachable, error, disabled).
  // For links the catalogue marked suspect (one arXiv id on papers with different titles).
  // Blocking and paced like discover().
  std::optional<bool> arxiv_id_matches(const std::string& id, const std::string& title);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// Response parsers, exposed for tests. Each returns candidates whose title matches `title`.
std::vector<Candidate> parse_arxiv_feed(std::string_view atom, const std::string& title);
std::vector<Candidate> parse_unpaywall(std::string_view json);
std::vector<Candidate> parse_semantic_scholar(std::string_view json, const std::string& title);
std::vector<Candidate> parse_openalex(std::string_view json, const std::string& title);
// Crossref: DOIs of items whose title matches, and their PDF links (as candidates).
std::vector<std::string> parse_crossref_dois(std::string_view json, const std::string& title,
                                             std::vector<Candidate>* pdf_links);

}  // namespace paper
