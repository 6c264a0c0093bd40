// The relevance test set for ranking: generated papers (ten pages each) and 24 queries with
// graded judgments. Per query: one or two papers discuss the topic on one page (grade 2, the
// query words together, several times; a third of the topics also name it in the title), one
// paper mentions it once (grade 1), and two long papers use each query word often but on
// different pages, in unrelated sentences (grade 0): whole-document scoring is fooled by those,
// the way full-text BM25 is on real papers (anchors.md, CORD-19). Titles of the other papers
// never contain the query words, so most queries are answered only by body text.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "tests/query/test_index.h"

namespace paper::testing {

struct JudgedQuery {
  std::string text;
  std::map<std::string, int> grades;  // paper id -> 2 (about it), 1 (mentions it); others 0
};

struct RelevanceSet {
  std::vector<PaperSpec> papers;
  std::vector<JudgedQuery> queries;
};

RelevanceSet relevance_set();

// nDCG@10 (gain 2^grade - 1) and MRR@10 (first paper with grade >= 1) of one ranked list.
double ndcg_at_10(const std::vector<std::string>& ranked, const std::map<std::string, int>& grades);
double mrr_at_10(const std::vector<std::string>& ranked, const std::map<std::string, int>& grades);

}  // namespace paper::testing
