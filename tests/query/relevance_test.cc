// Ranking quality on the generated relevance set (tests/query/relevance_set.h): nDCG@10 and
// MRR@10 of every ranking; the default must do at least as well as whole-document BM25.
// With PAPER_RELEVANCE_REPORT=FILE the table is also written to FILE (bench/results/query.md).
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>

#include "query/searcher.h"
#include "tests/query/relevance_set.h"
#include "tests/support/temp_dir.h"

namespace paper::query {
namespace {

struct Metrics {
  double ndcg = 0;
  double mrr = 0;
};

Metrics evaluate(Searcher& searcher, const testing::RelevanceSet& set, Ranking ranking,
                 double page_weight = SearchRequest().page_weight,
                 std::size_t rerank_depth = SearchRequest().rerank_depth) {
  Metrics m;
  for (const testing::JudgedQuery& q : set.queries) {
    SearchRequest request;
    request.text = q.text;
    request.limit = 10;
    request.ranking = ranking;
    request.page_weight = page_weight;
    request.rerank_depth = rerank_depth;
    request.snippets = false;
    std::vector<std::string> ranked;
    for (const SearchHit& h : searcher.search(request).hits) ranked.push_back(h.paper.paper.id);
    m.ndcg += testing::ndcg_at_10(ranked, q.grades);
    m.mrr += testing::mrr_at_10(ranked, q.grades);
  }
  m.ndcg /= static_cast<double>(set.queries.size());
  m.mrr /= static_cast<double>(set.queries.size());
  return m;
}

TEST(QueryRelevance, MetricsOfOneList) {
  std::map<std::string, int> grades{{"a", 2}, {"b", 1}};
  EXPECT_DOUBLE_EQ(testing::ndcg_at_10({"a", "b"}, grades), 1.0);
  EXPECT_DOUBLE_EQ(testing::mrr_at_10({"x", "b", "a"}, grades), 0.5);
  EXPECT_LT(testing::ndcg_at_10({"b", "a"}, grades), 1.0);
}

TEST(QueryRelevance, DefaultRankingIsAtLeastAsGoodAsWholeDocumentBm25) {
  testing::TempDir dir;
  testing::RelevanceSet set = testing::relevance_set();
  ASSERT_GE(set.queries.size(), 20u);
  testing::build_index(dir.file("index"), set.papers);
  Searcher searcher(dir.file("index"));

  const Ranking rankings[] = {Ranking::kWholeDocument, Ranking::kTitleOnly,     Ranking::kFields,
                              Ranking::kPageMaxP,      Ranking::kWholePlusPage, Ranking::kCombined};
  std::map<Ranking, Metrics> results;
  std::string table =
      "| ranking | nDCG@10 | MRR@10 |\n"
      "|---|---|---|\n";
  for (Ranking r : rankings) {
    results[r] = evaluate(searcher, set, r);
    char row[160];
    std::snprintf(row, sizeof row, "| %s | %.3f | %.3f |\n", to_string(r), results[r].ndcg,
                  results[r].mrr);
    table += row;
  }
  for (double w : {0.25, 0.5, 2.0, 4.0}) {
    Metrics m = evaluate(searcher, set, Ranking::kCombined, w);
    char row[160];
    std::snprintf(row, sizeof row, "| %s, page weight %.2f | %.3f | %.3f |\n",
                  to_string(Ranking::kCombined), w, m.ndcg, m.mrr);
    table += row;
  }
  for (std::size_t depth : {10, 20, 30, 50, 100}) {
    Metrics m = evaluate(searcher, set, Ranking::kCombined, SearchRequest().page_weight, depth);
    char row[160];
    std::snprintf(row, sizeof row, "| %s, re-rank depth %zu | %.3f | %.3f |\n",
                  to_string(Ranking::kCombined), depth, m.ndcg, m.mrr);
    table += row;
  }
  std::printf("%zu queries, %zu papers\n%s", set.queries.size(), set.papers.size(), table.c_str());
  if (const char* report = std::getenv("PAPER_RELEVANCE_REPORT")) {
    std::ofstream(report) << table;
  }
  const Metrics& whole = results[Ranking::kWholeDocument];
  const Metrics& chosen = results[Ranking::kCombined];
  EXPECT_GE(chosen.ndcg, whole.ndcg);
  EXPECT_GE(chosen.mrr, whole.mrr);
}

}  // namespace
}  // namespace paper::query
