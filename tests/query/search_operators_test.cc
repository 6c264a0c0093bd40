// End to end: the operators of a query (AND, OR, NOT and -word, phrases, NEAR and ADJ), their
// usage errors, and syntax Xapian reads as plain words.
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
using ::testing::HasSubstr;
using ::testing::StartsWith;
using ::testing::UnorderedElementsAre;

TEST_F(QuerySearchTest, NearNextToAPhraseOrACompoundIsAUsageError) {
  for (const std::string query : {"U-Net NEAR contracting", "\"contracting path\" NEAR symmetric",
                                  "symmetric NEAR/3 (few-shot)"}) {
    EXPECT_THAT(usage_error(query), StartsWith("NEAR joins single words, and ")) << query;
  }
  // A synonym's abbreviation next to NEAR is searched as the word it is.
  EXPECT_FALSE(search("MRI NEAR prostate").any_word);
}

// Xapian reads these as plain words, or finds nothing, without a word: each is a usage error
// that says what to write.
TEST_F(QuerySearchTest, MalformedNearOperandsAreUsageErrors) {
  EXPECT_EQ(usage_error("contracting NEAR -symmetric"),
            "NEAR joins wanted words, and -symmetric is excluded; write contracting -symmetric "
            "without NEAR, or drop the -");
  EXPECT_EQ(
      usage_error("contracting NEAR/abc symmetric"),
      "NEAR/abc: write the distance as a number of words from 1, e.g. NEAR/5 (NEAR alone means "
      "NEAR/10)");
  EXPECT_THAT(usage_error("contracting ADJ/0 symmetric"), StartsWith("ADJ/0: write the distance"));
  EXPECT_EQ(usage_error("contracting NEAR title:networks"),
            "NEAR joins words of one field, but contracting and title:networks are not in the same "
            "one; give both words the field (title:...) or search without NEAR");
  for (const char* query : {"contracting NEAR", "NEAR/3 symmetric", "contracting NEAR AND path",
                            "contracting NEAR/1 NEAR/2 path"}) {
    EXPECT_EQ(usage_error(query),
              "NEAR joins two words: write one on each side, e.g. kiwi NEAR mango")
        << query;
  }
  EXPECT_THAT(ids("title:convolutional NEAR title:networks"), ElementsAre("unet"));
  EXPECT_THAT(ids("contracting NEAR/3 path"), UnorderedElementsAre("unet", "nested-unet"));
}

TEST_F(QuerySearchTest, PhrasesNeedTheWordsInOrder) {
  EXPECT_THAT(ids("\"contracting path\""), UnorderedElementsAre("unet", "nested-unet"));
  EXPECT_THAT(ids("\"path contracting\""), ElementsAre());
  EXPECT_THAT(ids("\"expansive path that enables\""), ElementsAre("unet"));
}

TEST_F(QuerySearchTest, BooleanOperators) {
  EXPECT_THAT(ids("contrastive -diffusion"), ElementsAre("contrastive-semi"));
  EXPECT_THAT(ids("contrastive NOT superpixel"), ElementsAre("diffusion-seg"));
  EXPECT_THAT(ids("superpixel OR polyp"), UnorderedElementsAre("contrastive-semi", "nested-unet"));
  EXPECT_THAT(ids("prostate AND bladder"), ElementsAre("prototype-prostate"));
  EXPECT_THAT(ids("contracting NEAR symmetric"), ElementsAre("unet"));
  EXPECT_THAT(ids("superpix*"), ElementsAre("contrastive-semi"));
}

// Xapian's parser reads a query of excluded words alone as the words themselves: "-superpixel"
// found exactly the paper it excludes.
TEST_F(QuerySearchTest, AQueryOfExclusionsAloneFindsThePapersWithoutThem) {
  const std::vector<std::string> all = sorted_ids("NOT zzzunknownword");
  ASSERT_EQ(all.size(), 8u);  // every sample paper, within the limit of 10 results
  const std::vector<std::string> without_superpixel = sorted_ids("NOT superpixel");
  ASSERT_EQ(without_superpixel.size(), all.size() - 1);
  EXPECT_EQ(sorted_ids("-superpixel"), without_superpixel);
  EXPECT_EQ(sorted_ids("  -superpixel  "), without_superpixel);
  EXPECT_EQ(sorted_ids("-superpixel -polyp"), sorted_ids("NOT (superpixel OR polyp)"));
  EXPECT_EQ(sorted_ids("-\"contracting path\""), sorted_ids("NOT \"contracting path\""));
  EXPECT_EQ(sorted_ids("-\"contracting path\"").size(), all.size() - 2);
  EXPECT_EQ(sorted_ids("-title:transformer"), sorted_ids("NOT title:transformer"));
  // With a word to find, "-" keeps its usual meaning.
  EXPECT_THAT(ids("contrastive -diffusion"), ElementsAre("contrastive-semi"));
}

TEST_F(QuerySearchTest, BadSyntaxIsRetriedAsPlainWords) {
  SearchResult r = search("superpixel AND (");
  EXPECT_TRUE(r.plain_words);
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.hits[0].paper.paper.id, "contrastive-semi");
}

TEST_F(QuerySearchTest, WildcardInsideNearIsAUsageErrorNotADamagedIndex) {
  for (const char* query : {"superpix* NEAR contrastive", "contrastive ADJ superpix*"}) {
    try {
      search(query);
      ADD_FAILURE() << "no error for " << query;
    } catch (const Error& e) {
      EXPECT_EQ(e.exit_code(), kExitUsage) << query;
      // Xapian's own message (its operator names) is not shown.
      EXPECT_STREQ(e.what(),
                   "this query cannot be evaluated: a wildcard cannot be used inside NEAR or ADJ; "
                   "spell the words out");
    }
  }
}

// Xapian reads these operators as words without refusing the query: the result says so.
TEST_F(QuerySearchTest, OperatorsReadAsWordsAreReported) {
  EXPECT_TRUE(search("superpixel OR polyp)").plain_words);
  EXPECT_TRUE(search("contracting NEAR (symmetric OR expansive)").plain_words);
  EXPECT_TRUE(search("(symmetric OR expansive) NEAR contracting").plain_words);
  EXPECT_FALSE(search("superpixel OR polyp").plain_words);
  EXPECT_FALSE(search("(superpixel OR polyp").plain_words);  // closed by Xapian, still an OR
  EXPECT_FALSE(search("(superpixel OR polyp) AND graph").plain_words);
  EXPECT_FALSE(search("contracting NEAR symmetric").plain_words);
  EXPECT_FALSE(search("\"path (contracting\" symmetric").plain_words);
  // Dots that Xapian would take for a range outside year: ("superpixel...", "pages 10..20").
  for (const char* query : {"superpixel...", "superpixel 10..20", "..superpixel"}) {
    SearchResult r = search(query);
    EXPECT_TRUE(r.plain_words) << query;
    EXPECT_THAT(ids(query), ::testing::Contains("contrastive-semi")) << query;
  }
}

}  // namespace
}  // namespace paper::query
