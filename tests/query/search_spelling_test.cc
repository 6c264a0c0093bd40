// End to end: the better spelling offered for a query.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "query/searcher.h"
#include "tests/query/search_fixture.h"
#include "tests/query/test_index.h"
#include "tests/support/temp_dir.h"

namespace paper::query {
namespace {

TEST_F(QuerySearchTest, MisspelledQueryGetsASuggestion) {
  SearchResult r = search("superpixle");
  EXPECT_EQ(r.total, 0u);
  EXPECT_EQ(r.suggestion, "superpixel");
  EXPECT_EQ(search("superpixel").suggestion, "");
}

// Xapian alone would offer the more frequent neighbour "mode" for the real word "model"; a word
// the collection uses is taken as spelled right.
TEST(QuerySpelling, AWordThePapersUseIsNotCorrected) {
  testing::TempDir dir;
  std::vector<testing::PaperSpec> papers;
  for (int i = 0; i < 4; ++i) {
    papers.push_back({"mode-" + std::to_string(i),
                      "Imaging Mode Study " + std::to_string(i),
                      {"A. Author"},
                      "MICCAI",
                      2020,
                      "Architectures",
                      "",
                      {"The scanner mode matters. Each mode differs from every other mode."}});
  }
  papers.push_back({"not-segment",
                    "Why Not Segment Twice",
                    {"C. Author"},
                    "MIDL",
                    2022,
                    "Generative",
                    "",
                    {"Segment once, then segment again."}});
  papers.push_back({"model",
                    "A Generative Model",
                    {"B. Author"},
                    "MIDL",
                    2021,
                    "Generative",
                    "",
                    {"The model learns. Our model is small."}});
  papers.push_back({"node",
                    "A Graph Study",
                    {"D. Author"},
                    "MIDL",
                    2023,
                    "Graphs",
                    "",
                    {"Each node once, and a model of it."}});
  testing::build_index(dir.file("index"), papers, testing::repository_synonyms());
  Searcher searcher(dir.file("index"));
  SearchRequest request;
  request.text = "model";
  SearchResult r = searcher.search(request);
  EXPECT_EQ(r.total, 2u);
  EXPECT_EQ(r.suggestion, "");
  request.text = "mdel";
  EXPECT_EQ(searcher.search(request).suggestion, "model");
  // Used once, by one paper, and a neighbour of the commoner "mode": still spelled right.
  request.text = "node";
  r = searcher.search(request);
  EXPECT_EQ(r.total, 1u);
  EXPECT_EQ(r.suggestion, "");
  // Beside a misspelled word, a word the papers use is kept as it is (Xapian alone offered
  // "model mode").
  request.text = "mdel node";
  EXPECT_EQ(searcher.search(request).suggestion, "model node");
  // In the case it was typed in, beside a filter in parentheses.
  request.text = "Mdel year:(2021)";
  EXPECT_EQ(searcher.search(request).suggestion, "Model year:2021");
  // A key of the synonym table that no paper uses as such is not "corrected" either.
  request.text = "resnet";
  EXPECT_EQ(searcher.search(request).suggestion, "");
  // "not" is in the spelling table (a title's word), but a stop word is never offered: it would
  // not even be searched.
  request.text = "fnot";
  EXPECT_EQ(searcher.search(request).suggestion, "");
}

// A misspelled word among right ones: no paper has every word, the papers with some are shown,
// and the better spelling is offered, as it finds a paper with every word.
TEST_F(QuerySearchTest, PapersWithSomeWordsComeWithTheBetterSpelling) {
  SearchResult r = search("superpixle contrastive");
  EXPECT_TRUE(r.any_word);
  EXPECT_GT(r.total, 0u);
  EXPECT_EQ(r.suggestion, "superpixel contrastive");
  EXPECT_EQ(search("superpixel bladder").suggestion, "");  // spelled right; no paper has both
}

}  // namespace
}  // namespace paper::query
