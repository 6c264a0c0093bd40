// End to end: the words a query may be written in: synonyms and abbreviations, spellings of
// compounds (U-Net, UNet), and wildcards over the index's stems.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "query/searcher.h"
#include "tests/query/search_fixture.h"

namespace paper::query {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

TEST_F(QuerySearchTest, UNetSpellingsFindTheSamePapers) {
  const std::vector<std::string> expected{"nested-unet", "swin-seg", "unet"};
  EXPECT_EQ(sorted_ids("U-Net"), expected);
  EXPECT_EQ(sorted_ids("UNet"), expected);
  EXPECT_EQ(sorted_ids("U Net"), expected);
  EXPECT_EQ(sorted_ids("unet"), expected);
}

TEST_F(QuerySearchTest, AbbreviationsAndLongFormsMatchEachOther) {
  EXPECT_THAT(ids("CT"), UnorderedElementsAre("unet", "contrastive-semi"));
  EXPECT_THAT(ids("computed tomography"), UnorderedElementsAre("unet", "contrastive-semi"));
  EXPECT_THAT(ids("MRI"), UnorderedElementsAre("prototype-prostate", "diffusion-seg"));
  EXPECT_THAT(ids("magnetic resonance imaging"),
              UnorderedElementsAre("prototype-prostate", "diffusion-seg"));
  EXPECT_THAT(ids("GAN"), ElementsAre("gan-augment"));
  EXPECT_THAT(ids("few-shot"), UnorderedElementsAre("contrastive-semi", "prototype-prostate"));
  EXPECT_THAT(ids("low-shot"), UnorderedElementsAre("contrastive-semi", "prototype-prostate"));
  EXPECT_THAT(ids("SAM"), ElementsAre("sam-med"));
}

// "-x" leaves out the papers with x's long form too, as "NOT x" does.
TEST_F(QuerySearchTest, AnExcludedAbbreviationExcludesItsLongForm) {
  EXPECT_EQ(sorted_ids("segmentation -MRI"), sorted_ids("segmentation NOT MRI"));
  for (const std::string& id : ids("segmentation -MRI")) {
    EXPECT_NE(id, "diffusion-seg");  // "magnetic resonance imaging", never "MRI"
    EXPECT_NE(id, "prototype-prostate");
  }
  EXPECT_THAT(ids("segmentation -U-Net"), ::testing::Not(::testing::Contains("unet")));
}

// A hyphenated compound ending in '*' is the wildcard of its joined form, which the index holds
// for every hyphenated compound: "few-sh*" finds "few-shot", and the snippet marks it.
TEST_F(QuerySearchTest, AWildcardOnAHyphenatedCompound) {
  EXPECT_THAT(ids("few-sh*"), ElementsAre("contrastive-semi"));
  EXPECT_THAT(ids("U-Ne*"), ::testing::Contains("unet"));
  SearchResult r = search("few-sh*");
  ASSERT_EQ(r.hits.size(), 1u);
  ASSERT_FALSE(r.hits[0].pages.empty());
  EXPECT_THAT(render_snippet(r.hits[0].pages[0].snippet, "[", "]"),
              HasSubstr("a [few]-[shot] setting"));
}

// The index holds stems only; a wildcard expands over the stems that start with the word or with
// the word's own stem, in free text and in the text fields.
TEST_F(QuerySearchTest, WildcardsExpandOverStemsInEveryTextField) {
  EXPECT_THAT(sorted_ids("prototyp*"), ElementsAre("prototype-prostate"));
  EXPECT_THAT(sorted_ids("prototypes*"), ElementsAre("prototype-prostate"));  // stem "prototyp"
  EXPECT_THAT(sorted_ids("title:transform*"), ElementsAre("swin-seg"));
  EXPECT_THAT(sorted_ids("abstract:promptab*"), ElementsAre("sam-med"));
  EXPECT_THAT(sorted_ids("superpix* OR bladd*"),
              ElementsAre("contrastive-semi", "prototype-prostate"));
  EXPECT_THAT(sorted_ids("superpix* -contrastive"), ElementsAre());
  EXPECT_THAT(sorted_ids("\"skip connection\""), ElementsAre("unet"));  // phrase over stems
}

TEST_F(QuerySearchTest, WildcardsWorkInTheAuthorVenueAndSectionFields) {
  EXPECT_THAT(ids("author:Ronne*"), ElementsAre("unet"));
  EXPECT_THAT(ids("author:ronneberger segment*"), ElementsAre("unet"));
  EXPECT_THAT(sorted_ids("venue:MIC*"), ElementsAre("prototype-prostate", "swin-seg", "unet"));
  EXPECT_THAT(sorted_ids("section:gener*"), ElementsAre("diffusion-seg", "gan-augment"));
  for (const std::string field : {"title", "author"}) {
    EXPECT_EQ(usage_error((field == "title" ? "" : "unet ") + field + ":*"),
              "'" + field + ":*' has no word before the '*'; give the start of a word, e.g. " +
                  field + ":segm*");
  }
}

TEST_F(QuerySearchTest, WildcardResultsShowTheirPages) {
  SearchResult r = search("superpix*");
  ASSERT_EQ(r.hits.size(), 1u);
  ASSERT_EQ(r.hits[0].pages.size(), 1u);
  EXPECT_EQ(r.hits[0].pages[0].page, 2);
  EXPECT_EQ(render_snippet(r.hits[0].pages[0].snippet, "«", "»"),
            "A contrastive loss over «superpixel» graphs pulls neighbouring regions together. Each "
            "«superpixel» is a node.");
}

}  // namespace
}  // namespace paper::query
