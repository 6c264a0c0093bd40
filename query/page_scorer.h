// Page-level evidence: scores each page of a paper from the positions of the query's words
// (page = position / schema::kPageStride). Internal to the query library.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "query/query_builder.h"

namespace paper::query {

// One word of the query, or one phrase: its positional index terms (the "Z" stem terms; a
// phrase's in order), and the keys the words of a page's text match them by (the stems: see
// WordMatcher).
struct TermGroup {
  std::vector<std::string> terms;
  double idf = 0;  // a phrase: the sum of its words' (its words together are rarer than each)
  std::vector<std::string> keys;
  // 0: a phrase (its words one after another); else the words of NEAR (any order) or ADJ (in
  // order) within this many positions (see QueryGroup).
  unsigned window = 0;
  bool ordered = true;
};

// Builds the groups for the body words and groups of a query (see body_groups()).
std::vector<TermGroup> make_term_groups(const Xapian::Database& db,
                                        const std::vector<QueryGroup>& groups);

struct PageScore {
  int page = 0;  // 1-based PDF page
  double score = 0;
  // Where on the page the snippet goes, as positions relative to the page's first
  // (schema::PageChunkStart): the first and last hit of the densest cluster of the query's body
  // terms, measured as make_snippet measures clusters (it counts words its own way, so the two
  // can differ by a few words).
  std::uint32_t first = 0;
  std::uint32_t last = 0;
};

// Per-page scores of each candidate paper, best page first: BM25-style saturated counts (of a
// word, or of a phrase where its words stand together) times idf, summed over the groups, plus a
// proximity bonus for the query words found close together on the page; pages without a query word
// are left out, as is the title (page 0). Candidates in any order.
std::unordered_map<Xapian::docid, std::vector<PageScore>> score_pages(
    const Xapian::Database& db, const std::vector<TermGroup>& groups,
    std::vector<Xapian::docid> candidates);

}  // namespace paper::query
