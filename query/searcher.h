// The query side's library API: search, related papers and one paper's details over the index
// written by paper-index (common/schema.h). Only this library talks to Xapian; these structs are
// the project's own.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "common/schema.h"
#include "query/snippet.h"

namespace paper::query {

// How the matching papers are ordered (bench/results/query.md compares them).
enum class Ranking {
  kWholeDocument,  // BM25 over the whole paper (title, abstract and body as one text)
  kTitleOnly,      // BM25 over the title words only
  kFields,         // whole paper, plus title and abstract boosts, plus a small references boost
  kPageMaxP,       // the best page's score alone (MaxP)
  kWholePlusPage,  // whole paper and best page combined
  kCombined,       // kFields and best page combined: the default
};
const char* to_string(Ranking ranking);

struct SearchRequest {
  std::string text;  // the query as the user wrote it
  std::size_t offset = 0;
  std::size_t limit = 10;
  Ranking ranking = Ranking::kCombined;
  bool snippets = true;              // read page texts for the shown results
  std::size_t pages_per_result = 3;  // best matching pages shown per paper
  std::size_t snippet_bytes = 220;
  std::size_t rerank_depth = 50;  // top papers re-ranked with page evidence
  // Weight of the best page against the whole paper (each normalised by the best candidate's).
  double page_weight = 1.0;
};

struct PageMatch {
  int page = 0;  // 1-based PDF page
  double score = 0;
  Snippet snippet;
  std::string url;  // the PDF at that page (URL#page=N), "" when the paper has no PDF URL
};

struct SearchHit {
  std::size_t rank = 0;       // 1-based, counting from the first result (offset included)
  schema::StoredPaper paper;  // without page texts
  double score = 0;
  std::vector<PageMatch> pages;  // best first
};

struct FacetCount {
  std::string value;
  std::size_t count = 0;
};

struct Facets {
  std::vector<FacetCount> year;  // most papers first
  std::vector<FacetCount> venue;
  std::vector<FacetCount> section;
};

struct SearchResult {
  std::string query;
  std::size_t total = 0;     // papers matched (exact)
  std::string suggestion;    // "did you mean" text, "" when none
  bool any_word = false;     // no paper had every word; these match any of them
  bool plain_words = false;  // the query syntax was not understood; searched as plain words
  std::size_t offset = 0;    // the request's: hits start at rank offset + 1
  std::vector<SearchHit> hits;
  Facets facets;
};

// related: papers closest in content to one paper or to a text.
struct RelatedRequest {
  std::string id;    // source paper, or
  std::string text;  // a pasted text (used when id is empty)
  std::size_t limit = 10;
  std::size_t terms = 30;  // distinctive terms taken from the source
};

struct RelatedHit {
  std::size_t rank = 0;
  schema::StoredPaper paper;  // without page texts
  double score = 0;
  std::vector<std::string> shared_terms;  // why: the source's distinctive words it contains
};

struct RelatedResult {
  std::string source_id;     // "" for --text
  std::string source_title;  // "" for --text
  // kMetadataOnly when the source paper has no text indexed: its only body words are its title's,
  // so its related papers are found from its title alone. kText for --text.
  schema::PaperState source_state = schema::PaperState::kText;
  std::string source_reason;              // why the source has no text ("" when unknown)
  std::vector<std::string> source_terms;  // the distinctive terms used, most distinctive first
  std::vector<RelatedHit> hits;
};

struct PaperDetails {
  schema::StoredPaper paper;  // without page texts
  std::vector<std::string> distinctive_terms;
};

// Where a Searcher's index folder came from, for the paper-index commands its errors suggest: a
// folder the user named (--db, $PAPER_INDEX_DB) is repeated in them (`paper-index build --db
// DIR`), the default ./index is not (`paper-index build`).
enum class IndexFolder { kNamed, kDefault };

// Thread-compatible: one Searcher per thread.
class Searcher {
 public:
  // Opens the live database of the index folder dir (dir/current; dir itself when it is a
  // Xapian database). Throws paper::Error("no index at DIR; run `paper-index build --db DIR`
  // first"; without --db for IndexFolder::kDefault).
  explicit Searcher(const std::string& dir, IndexFolder folder = IndexFolder::kNamed);
  ~Searcher();
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

  // Throws paper::Error (exit code 64) for an empty query or one that cannot be parsed.
  SearchResult search(const SearchRequest& request);
  // Throws paper::Error for an unknown id (naming close ids) or a text with no indexed word.
  RelatedResult related(const RelatedRequest& request);
  // Throws paper::Error for an unknown id (naming close ids).
  PaperDetails show(const std::string& id);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace paper::query
