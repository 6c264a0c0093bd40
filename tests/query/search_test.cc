// End to end: papers indexed through the real IndexWriter, searched through the library: the
// pages a result shows, their links and their snippets.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "indexer/index/index_writer.h"
#include "query/searcher.h"
#include "tests/query/search_fixture.h"
#include "tests/query/test_index.h"
#include "tests/support/temp_dir.h"

namespace paper::query {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST_F(QuerySearchTest, FindsAPaperByItsBodyTextWithThePageAndASnippet) {
  SearchResult r = search("superpixel graphs");
  ASSERT_EQ(r.total, 1u);
  const SearchHit& hit = r.hits[0];
  EXPECT_EQ(hit.rank, 1u);
  EXPECT_EQ(hit.paper.paper.id, "contrastive-semi");
  EXPECT_EQ(hit.paper.paper.title, "Learning from Unlabelled Scans with Consistency");
  EXPECT_EQ(hit.paper.paper.venue, "NeurIPS");
  EXPECT_EQ(*hit.paper.paper.year, 2021);
  ASSERT_EQ(hit.pages.size(), 1u);
  EXPECT_EQ(hit.pages[0].page, 2);
  EXPECT_EQ(hit.pages[0].url, "https://example.org/contrastive-semi.pdf#page=2");
  EXPECT_EQ(
      render_snippet(hit.pages[0].snippet, "«", "»"),
      "A contrastive loss over «superpixel» «graphs» pulls neighbouring regions together. Each "
      "«superpixel» is a node.");
}

TEST_F(QuerySearchTest, BestPagesComeFirstAndStemmedFormsAreHighlighted) {
  SearchResult r = search("contrastive pretraining");
  ASSERT_GE(r.hits.size(), 1u);
  EXPECT_EQ(r.hits[0].paper.paper.id, "diffusion-seg");
  ASSERT_FALSE(r.hits[0].pages.empty());
  EXPECT_EQ(r.hits[0].pages[0].page, 4);
  EXPECT_EQ(render_snippet(r.hits[0].pages[0].snippet, "[", "]"),
            "A [contrastive] [pretraining] baseline is weaker.");
}

TEST_F(QuerySearchTest, SynonymSnippetHighlightsTheLongForm) {
  SearchResult r = search("CT scans");
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].paper.paper.id, "unet");
  ASSERT_FALSE(r.hits[0].pages.empty());
  EXPECT_EQ(r.hits[0].pages[0].page, 3);
  EXPECT_THAT(render_snippet(r.hits[0].pages[0].snippet, "«", "»"),
              HasSubstr("«computed» «tomography» «scans»"));
}

TEST_F(QuerySearchTest, MetadataOnlyPapersAreFoundByTitleAndAbstractAndMarked) {
  SearchResult r = search("promptable decoder");
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.hits[0].paper.paper.id, "sam-med");
  EXPECT_EQ(r.hits[0].paper.state, schema::PaperState::kMetadataOnly);
  EXPECT_TRUE(r.hits[0].pages.empty());
}

// A PDF on disk is linked as a file: URL with its name escaped: a '#', '%' or space in it must
// not cut or change the link.
TEST(QueryPageLinks, APdfOnDiskIsLinkedAsAnEscapedFileUrl) {
  testing::TempDir dir;
  testing::PaperSpec spec{"local",
                          "Wombat Counting",
                          {"A. Author"},
                          "",
                          2020,
                          "",
                          "",
                          {"Nothing here.", "The wombat census of the valley."}};
  {
    IndexOptions options;
    options.dir = dir.file("index");
    auto writer = IndexWriter::open(options);
    schema::StoredPaper s = testing::stored_paper(spec);
    s.pdf_url = "/data/dir with space/a#b c%41é.pdf";
    writer->put(s, entry_hash(s.paper, s.lists));
    writer->finish();
  }
  Searcher searcher(dir.file("index"));
  SearchRequest request;
  request.text = "wombat";
  SearchResult r = searcher.search(request);
  ASSERT_EQ(r.hits.size(), 1u);
  ASSERT_FALSE(r.hits[0].pages.empty());
  EXPECT_EQ(r.hits[0].pages[0].url,
            "file:///data/dir%20with%20space/a%23b%20c%2541%C3%A9.pdf#page=2");
  EXPECT_EQ(r.hits[0].paper.pdf_url, "/data/dir with space/a#b c%41é.pdf");
}

// NEAR and ADJ count on a page only where their words stand within the window (ADJ: in order),
// as Xapian matches the paper.
TEST(QueryPhrases, APageCountsForNearOnlyWhereItsWordsAreNear) {
  testing::TempDir dir;
  std::string filler;
  for (int i = 0; i < 25; ++i) filler += " padding";
  testing::build_index(dir.file("index"),
                       {{"fruit",
                         "Fruit Study",
                         {"A. Author"},
                         "MICCAI",
                         2020,
                         "Architectures",
                         "",
                         {"Kiwi appears here first," + filler + ", then mango at the end.",
                          "Here mango and then kiwi, close.", "Kiwi and mango together."}}});
  Searcher searcher(dir.file("index"));
  auto pages_of = [&](const std::string& query) {
    SearchRequest request;
    request.text = query;
    SearchResult r = searcher.search(request);
    std::vector<int> pages;
    if (r.hits.size() == 1) {
      for (const auto& page : r.hits[0].pages) pages.push_back(page.page);
    }
    std::sort(pages.begin(), pages.end());
    return pages;
  };
  EXPECT_THAT(pages_of("kiwi NEAR mango"), ElementsAre(2, 3));
  EXPECT_THAT(pages_of("kiwi NEAR/2 mango"), ElementsAre(3));
  EXPECT_THAT(pages_of("kiwi ADJ mango"), ElementsAre(3));
  EXPECT_THAT(pages_of("kiwi mango"), ElementsAre(1, 2, 3));
}

// A phrase (quoted, or a synonym of several words) counts on a page only where its words stand
// together: a page with one of them is neither shown nor highlighted for it.
TEST(QueryPhrases, APageCountsForAPhraseOnlyWhereItsWordsStandTogether) {
  testing::TempDir dir;
  const std::string filler =
      " The cohort was imaged at two sites over three years with the same protocol and scanner. ";
  std::vector<testing::PaperSpec> papers{
      {"prostate",
       "Prostate Lesion Study",
       {"A. Author"},
       "MICCAI",
       2020,
       "Architectures",
       "",
       {"The resonance of the coil, the magnetic field and the imaging table." + filler,
        filler + "We acquired magnetic resonance imaging of each prostate." + filler,
        "A table, then of course the contents." + filler, filler + "See the table of contents."}},
  };
  testing::build_index(dir.file("index"), papers, testing::repository_synonyms());
  Searcher searcher(dir.file("index"));
  SearchRequest request;
  request.text = "mri";  // a synonym of "magnetic resonance imaging"
  SearchResult r = searcher.search(request);
  ASSERT_EQ(r.hits.size(), 1u);
  ASSERT_EQ(r.hits[0].pages.size(), 1u);
  EXPECT_EQ(r.hits[0].pages[0].page, 2);
  EXPECT_THAT(render_snippet(r.hits[0].pages[0].snippet, "[", "]"),
              HasSubstr("We acquired [magnetic] [resonance] [imaging] of each prostate."));
  request.text = "\"table of contents\"";
  r = searcher.search(request);
  ASSERT_EQ(r.hits.size(), 1u);
  ASSERT_EQ(r.hits[0].pages.size(), 1u);
  EXPECT_EQ(r.hits[0].pages[0].page, 4);
  EXPECT_THAT(render_snippet(r.hits[0].pages[0].snippet, "[", "]"),
              HasSubstr("See the [table] [of] [contents]."));
}

// A long page is stored in chunks (schema::kPageChunkBytes); the snippet comes from the chunk
// where the query words stand together, deep in the page, and says the page goes on around it.
TEST(QuerySnippetChunks, SnippetOfALongPageComesFromTheChunkWithTheHit) {
  std::string filler;
  for (int i = 0; i < 60; ++i) {
    filler += "The cohort was imaged at site " + std::to_string(i) + " with the same protocol. ";
  }
  const std::string page = filler + "A hepatic lesion attention map is drawn for every scan. " +
                           filler + "The hepatic vein is seen. " + filler;
  ASSERT_GT(page.size(), 5 * schema::kPageChunkBytes);
  const std::string snippet = snippet_of_page(page, "hepatic attention");
  EXPECT_THAT(snippet, HasSubstr("A [hepatic] lesion [attention] map is drawn for every scan."));
  EXPECT_EQ(snippet.rfind("…", 0), 0u) << snippet;                 // the page has text before...
  EXPECT_EQ(snippet.substr(snippet.size() - 4), " …") << snippet;  // ... and after
}

// "unet" matches the joined compound indexed for "U-Net", and the snippet marks the compound's
// words where the page scores found them together (not the lone "UNet" of the first chunk).
TEST(QuerySnippetChunks, AWordMatchesAHyphenatedCompoundInTheSnippet) {
  std::string filler;
  for (int i = 0; i < 40; ++i) filler += "Each scan " + std::to_string(i) + " was checked. ";
  // "UNet" in the first chunk, the cluster of "U-Net" about 90 words into the third.
  const std::string page = "Our UNet baseline. " + filler + filler + filler.substr(0, 500) +
                           "A U-Net, a U-Net and a U-Net. U-Net again, U-Net. " + filler + filler;
  EXPECT_THAT(snippet_of_page(page, "unet"),
              HasSubstr("A [U]-[Net], a [U]-[Net] and a [U]-[Net]."));
  EXPECT_THAT(
      snippet_of_page("We apply pre-processing and then post-processing steps.", "preprocessing"),
      HasSubstr("We apply [pre]-[processing] and then post-processing steps."));
  // The index has the joined word wherever the parts stand in a row once the paper writes the
  // compound somewhere: a page with only the words apart shows them marked too.
  testing::TempDir dir;
  testing::build_index(
      dir.file("index"),
      {{"lines",
        "Margins",
        {"A. Author"},
        "MICCAI",
        2020,
        "Architectures",
        "",
        {"The line-number goes left.", "Each line number is counted, one by one."}}});
  Searcher searcher(dir.file("index"));
  SearchRequest request;
  request.text = "linenumber";
  request.pages_per_result = 2;
  SearchResult r = searcher.search(request);
  ASSERT_EQ(r.hits.size(), 1u);
  ASSERT_EQ(r.hits[0].pages.size(), 2u);
  for (const auto& page : r.hits[0].pages) {
    EXPECT_THAT(render_snippet(page.snippet, "[", "]"),
                ::testing::AnyOf(HasSubstr("The [line]-[number] goes left."),
                                 HasSubstr("Each [line] [number] is counted")))
        << page.page;
  }
}

// Words are cut as Xapian cuts them: a typographic apostrophe, digits with a full stop or comma,
// an underscore, '&', a "++" or "#" suffix and an acronym with full stops are inside the word, so
// the query words that the index found there are marked.
TEST(QuerySnippetWords, WordsAreCutAsTheIndexCutsThem) {
  const std::string page =
      "We follow Warren’s rules and don't stop. Version 3.14 of the C++ and C# code uses x_1 "
      "at AT&T in the U.S.A. today.";
  EXPECT_THAT(snippet_of_page(page, "warren"), HasSubstr("follow [Warren’s] rules"));
  EXPECT_THAT(snippet_of_page(page, "\"don't\""), HasSubstr("and [don't] stop"));
  EXPECT_THAT(snippet_of_page(page, "3.14"), HasSubstr("Version [3.14] of"));
  EXPECT_THAT(snippet_of_page(page, "C++"), HasSubstr("the [C++] and"));
  EXPECT_THAT(snippet_of_page(page, "x_1"), HasSubstr("uses [x_1] at"));
  EXPECT_THAT(snippet_of_page(page, "AT&T"), HasSubstr("at [AT&T] in"));
  EXPECT_THAT(snippet_of_page(page, "usa"), HasSubstr("the [U.S.A]. today"));
}

}  // namespace
}  // namespace paper::query
