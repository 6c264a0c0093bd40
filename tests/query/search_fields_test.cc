// End to end: fields and filters (title:, author:, venue:, section:, abstract:, ref:, year:,
// state:) and the facets of a result set.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/error.h"
#include "query/searcher.h"
#include "tests/query/search_fixture.h"

namespace paper::query {
namespace {

using ::testing::ElementsAre;
using ::testing::StartsWith;
using ::testing::UnorderedElementsAre;

TEST_F(QuerySearchTest, FieldQueries) {
  EXPECT_THAT(ids("title:nested"), ElementsAre("nested-unet"));
  EXPECT_THAT(ids("title:prostate"), ElementsAre("prototype-prostate"));
  EXPECT_THAT(ids("author:\"Olaf Ronneberger\""), ElementsAre("unet"));
  EXPECT_THAT(ids("author:konukoglu"), ElementsAre("contrastive-semi"));
  // The index keeps accents: a name typed with them is found, word by word or whole.
  EXPECT_THAT(ids("author:müller"), ElementsAre("diffusion-seg"));
  // A name typed without its accents finds the paper too.
  EXPECT_THAT(ids("author:muller"), ElementsAre("diffusion-seg"));
  EXPECT_THAT(ids("author:\"Jorg Muller\""), ElementsAre("diffusion-seg"));
  EXPECT_THAT(ids("author:Müller"), ElementsAre("diffusion-seg"));
  EXPECT_THAT(ids("author:\"Jörg Müller\""), ElementsAre("diffusion-seg"));
  EXPECT_THAT(ids("venue:MICCAI"), UnorderedElementsAre("unet", "swin-seg", "prototype-prostate"));
  EXPECT_THAT(ids("venue:\"Nature Communications\""), ElementsAre("sam-med"));
  EXPECT_THAT(ids("section:\"Generative Models\""),
              UnorderedElementsAre("diffusion-seg", "gan-augment"));
  EXPECT_THAT(ids("section:few-shot"), ElementsAre("prototype-prostate"));
  EXPECT_THAT(ids("venue:MICCAI segmentation prostate"), ElementsAre("prototype-prostate"));
  EXPECT_THAT(ids("abstract:promptable"), ElementsAre("sam-med"));
  EXPECT_THAT(ids("ref:shelhamer"), ElementsAre());  // no references section recorded
  // Synonyms and compounds in a text field: "Segment Anything" for SAM, "U-Net" for UNet.
  EXPECT_THAT(ids("title:SAM"), ElementsAre("sam-med"));
  EXPECT_THAT(ids("title:UNet"), ElementsAre("unet"));
  EXPECT_THAT(ids("title:(SAM OR UNet)"), UnorderedElementsAre("sam-med", "unet"));
  // A field with no word is an error, not a search for the field's name.
  EXPECT_EQ(usage_error("title:"),
            "'title:' has no word after title:; give one, e.g. title:segmentation");
  EXPECT_EQ(usage_error("unet author:()"),
            "'author:()' has no word after author:; give one, e.g. author:ronneberger");
  EXPECT_THAT(usage_error("venue:\"\""), StartsWith("'venue:\"\"' has no word after venue:"));
  // A group of words and operators in one field.
  EXPECT_THAT(ids("author:(ronneberger OR konukoglu)"),
              UnorderedElementsAre("unet", "contrastive-semi"));
  // As for "year:2019 year:2020", words of one filter field together mean either; AND, both.
  EXPECT_THAT(ids("author:(ronneberger konukoglu)"),
              UnorderedElementsAre("unet", "contrastive-semi"));
  EXPECT_THAT(ids("author:(ronneberger AND brox)"), ElementsAre("unet"));
  EXPECT_THAT(ids("author:(ronneberger AND konukoglu)"), ElementsAre());
  EXPECT_THAT(ids("author:(\"Olaf Ronneberger\" OR konukoglu) -author:(brox)"),
              ElementsAre("contrastive-semi"));
  EXPECT_THAT(ids("venue:(MICCAI OR MIDL) segmentation"),
              UnorderedElementsAre("unet", "swin-seg", "prototype-prostate", "diffusion-seg"));
  EXPECT_THAT(ids("section:(generative OR transformers)"),
              UnorderedElementsAre("diffusion-seg", "gan-augment", "swin-seg"));
}

TEST_F(QuerySearchTest, YearFiltersAndRanges) {
  EXPECT_THAT(ids("year:2015"), ElementsAre("unet"));
  EXPECT_THAT(ids("year:2021..2022"),
              UnorderedElementsAre("contrastive-semi", "swin-seg", "prototype-prostate"));
  EXPECT_THAT(ids("segmentation year:2023.."), UnorderedElementsAre("diffusion-seg", "sam-med"));
  EXPECT_THAT(ids("year:2019 year:2020"), ElementsAre("gan-augment"));
}

TEST_F(QuerySearchTest, FacetsCountTheWholeResultSet) {
  SearchResult r = search("segmentation", 1);
  // Every paper: "Segment Anything" has the same stem.
  EXPECT_EQ(r.total, 8u);
  EXPECT_EQ(r.hits.size(), 1u);
  ASSERT_FALSE(r.facets.venue.empty());
  EXPECT_EQ(r.facets.venue[0].value, "MICCAI");
  EXPECT_EQ(r.facets.venue[0].count, 3u);
  std::size_t years = 0;
  for (const FacetCount& c : r.facets.year) years += c.count;
  EXPECT_EQ(years, 8u);
  std::size_t generative = 0;
  for (const FacetCount& c : r.facets.section) {
    if (c.value == "Generative Models") generative = c.count;
  }
  EXPECT_EQ(generative, 2u);
}

TEST_F(QuerySearchTest, AYearOrStateFilterWithAValueItCannotHaveIsAUsageError) {
  const std::string year_help =
      "' is not a year or a range of years; write year:2020, "
      "year:2019..2021 or year:2023..";
  const std::string state_help =
      "' is not a paper state; write state:text (papers searched in "
      "full) or state:metadata (papers known from their list entry "
      "only)";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"unet year:abc", "'year:abc" + year_help},
      {"unet year:2019..20x1", "'year:2019..20x1" + year_help},
      {"unet year:20150", "'year:20150" + year_help},
      {"unet year:", "'year:" + year_help},
      {"(unet OR polyp) -year:\"soon\"", "'year:\"soon\"" + year_help},
      {"unet state:foo", "'state:foo" + state_help},
      {"unet AND (state:pending)", "'state:pending" + state_help}};
  for (const auto& [query, message] : cases) EXPECT_EQ(usage_error(query), message);
  // Values it can have, a state in capitals, and the words inside a phrase are searched.
  EXPECT_THAT(ids("unet year:2015"), ElementsAre("unet"));
  EXPECT_THAT(ids("unet state:TEXT year:2014..2016"), ElementsAre("unet"));
  EXPECT_THAT(ids("promptable state:metadata"), ElementsAre("sam-med"));
  // In quotes or parentheses too (a quoted range was a word to Xapian: it matched nothing).
  EXPECT_THAT(ids("unet year:(2015)"), ElementsAre("unet"));
  EXPECT_THAT(ids("unet year:\"2014..2016\""), ElementsAre("unet"));
  EXPECT_EQ(ids("unet state:( text )"), ids("unet state:text"));
  EXPECT_TRUE(ids("unet state:(metadata)").empty());
  EXPECT_EQ(search("\"state:foo\" unet").total, search("state foo unet").total);
}

// Field names are the parser's whatever their case, and a space after the colon is not a word
// of its own (QA: "Author:Azad" and "YEAR:abc" found nothing without a word).
TEST_F(QuerySearchTest, FieldNamesInAnyCaseAndASpaceAfterTheColon) {
  EXPECT_THAT(ids("Title:nested"), ElementsAre("nested-unet"));
  EXPECT_THAT(ids("AUTHOR:konukoglu"), ElementsAre("contrastive-semi"));
  EXPECT_THAT(ids("author: konukoglu"), ElementsAre("contrastive-semi"));
  EXPECT_THAT(ids("unet YEAR:2015"), ElementsAre("unet"));
  EXPECT_THAT(ids("unet year: 2015"), ElementsAre("unet"));
  EXPECT_EQ(ids("unet State:Text"), ids("unet state:text"));
  EXPECT_EQ(usage_error("unet YEAR:abc"),
            "'year:abc' is not a year or a range of years; write year:2020, year:2019..2021 or "
            "year:2023..");
  EXPECT_THAT(usage_error("Title: "), StartsWith("'title:' has no word after title:"));
  // In a phrase the words stay words; an unknown field stays as typed.
  EXPECT_EQ(search("\"Title: nested\"").total, search("\"title nested\"").total);
  EXPECT_EQ(search("Foo:nested").total, search("foo:nested").total);
}

}  // namespace
}  // namespace paper::query
