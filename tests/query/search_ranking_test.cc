// End to end: the order of the results, the terms they are scored by, and paging through them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <xapian.h>

#include <string>
#include <vector>

#include "query/query_builder.h"
#include "query/searcher.h"
#include "tests/query/search_fixture.h"
#include "tests/query/test_index.h"
#include "tests/support/temp_dir.h"

namespace paper::query {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

// The same words as often in both papers: the page where they stand together, and its paper,
// come first, ahead of pages that have the words more often but apart.
TEST(QueryProximity, WordsCloseTogetherRankTheirPageAndPaperFirst) {
  testing::TempDir dir;
  const std::string filler =
      " The cohort was imaged at two sites over three years with the same protocol and scanner."
      " Annotations were made by two readers and disagreements were resolved together. ";
  const std::string far = "We describe the hepatic lesion." + filler + filler +
                          "Then the attention map." + filler + filler + "And the hepatic vein.";
  std::vector<testing::PaperSpec> papers{
      {"apart",
       "A Study of Liver Imaging",
       {"A. Author"},
       "MICCAI",
       2020,
       "Architectures",
       "",
       {far, "The hepatic part." + filler + filler + "The attention part."}},
      {"together",
       "A Study of Liver Scans",
       {"B. Author"},
       "MICCAI",
       2020,
       "Architectures",
       "",
       {filler, "An attention map of each hepatic lesion is drawn." + filler, far}},
  };
  testing::build_index(dir.file("index"), papers);
  Searcher searcher(dir.file("index"));
  SearchRequest request;
  request.text = "hepatic attention";
  SearchResult r = searcher.search(request);
  ASSERT_EQ(r.hits.size(), 2u);
  EXPECT_EQ(r.hits[0].paper.paper.id, "together");
  ASSERT_EQ(r.hits[0].pages.size(), 2u);
  EXPECT_EQ(r.hits[0].pages[0].page, 2);  // page 3 has "hepatic" twice, but apart
  EXPECT_EQ(r.hits[0].pages[1].page, 3);
}

TEST_F(QuerySearchTest, WhenNoPaperHasEveryWordPapersWithSomeAreShown) {
  SearchResult r = search("superpixel bladder");
  EXPECT_TRUE(r.any_word);
  EXPECT_THAT(ids("superpixel bladder"),
              UnorderedElementsAre("contrastive-semi", "prototype-prostate"));
}

// Excluded words must not count for a paper: the title and references boosts, the page scores
// and the snippets all work from these terms (a paper citing "font" had risen to the top of
// "NOT font").
TEST_F(QuerySearchTest, ExcludedWordsAreNotTermsThePapersAreScoredBy) {
  Xapian::Database db(dir_.file("index/current"));
  QueryBuilder builder(db);
  auto terms = [&](const std::string& text) {
    return body_terms(builder.build(text, Xapian::Query::OP_AND).match);
  };
  EXPECT_THAT(terms("superpixel -polyp"), ElementsAre("Zsuperpixel"));
  EXPECT_THAT(terms("superpixel contrastive NOT (polyp OR bladder)"),
              ElementsAre("Zcontrast", "Zsuperpixel"));
  EXPECT_THAT(terms("NOT polyp"), ElementsAre());
  EXPECT_THAT(terms("superpixel OR polyp"), ElementsAre("Zpolyp", "Zsuperpixel"));
  // The boolean filters are not body terms either.
  EXPECT_THAT(terms("polyp year:2020"), ElementsAre("Zpolyp"));
}

TEST_F(QuerySearchTest, OffsetAndLimitPage) {
  std::vector<std::string> all = ids("segmentation");
  ASSERT_EQ(all.size(), 8u);
  SearchRequest request;
  request.text = "segmentation";
  request.offset = 2;
  request.limit = 2;
  SearchResult page = searcher_->search(request);
  ASSERT_EQ(page.hits.size(), 2u);
  EXPECT_EQ(page.hits[0].rank, 3u);
  EXPECT_EQ(page.hits[0].paper.paper.id, all[2]);
  EXPECT_EQ(page.hits[1].paper.paper.id, all[3]);
}

// Only a fixed window of the whole-document ranking is re-ranked by pages: pages of results were
// cut from re-rankings of different depths, and repeated or skipped papers.
TEST_F(QuerySearchTest, PagesOfResultsNeitherRepeatNorSkipAPaper) {
  for (const char* query : {"segmentation", "segmentation OR network OR image OR learning",
                            "medical OR model OR data OR training"}) {
    auto page_of = [&](std::size_t offset, std::size_t limit) {
      SearchRequest request;
      request.text = query;
      request.rerank_depth = 2;
      request.offset = offset;
      request.limit = limit;
      std::vector<std::pair<std::string, double>> out;
      for (const SearchHit& h : searcher_->search(request).hits) {
        out.emplace_back(h.paper.paper.id, h.score);
      }
      return out;
    };
    const auto all = page_of(0, 100);
    ASSERT_GE(all.size(), 4u) << query;
    for (std::size_t size : {1u, 2u, 3u, 5u}) {
      std::vector<std::pair<std::string, double>> paged;
      for (std::size_t offset = 0; offset < all.size(); offset += size) {
        const auto page = page_of(offset, size);
        paged.insert(paged.end(), page.begin(), page.end());
      }
      EXPECT_EQ(paged, all) << query << ", pages of " << size;
    }
    for (std::size_t i = 1; i < all.size(); ++i) {
      EXPECT_GE(all[i - 1].second, all[i].second) << query << ": scores rise at rank " << i + 1;
    }
  }
}

}  // namespace
}  // namespace paper::query
