#include "query/synonym_expansion.h"

#include <gtest/gtest.h>

#include <map>

namespace paper::query {
namespace {

std::vector<std::string> lookup(const std::string& key) {
  static const std::map<std::string, std::vector<std::string>> table = {
      {"ct", {"computed tomography"}},
      {"computed tomography", {"ct"}},
      {"unet", {"u net"}},
      {"u net", {"unet"}},
      {"h e", {"hematoxylin and eosin"}},
  };
  auto it = table.find(key);
  return it == table.end() ? std::vector<std::string>{} : it->second;
}

TEST(QuerySynonymExpansion, SingleWordKeyGetsItsPhrase) {
  EXPECT_EQ(expand_synonyms("CT scans", lookup), "(ct OR \"computed tomography\") scans");
}

TEST(QuerySynonymExpansion, LongestMultiWordKeyWins) {
  EXPECT_EQ(expand_synonyms("Computed Tomography of the liver", lookup),
            "(\"computed tomography\" OR computedtomography OR ct) of the liver");
}

TEST(QuerySynonymExpansion, HyphenSpaceAndJoinedCompoundsAreOneKey) {
  const std::string expected = "(\"u net\" OR unet)";
  EXPECT_EQ(expand_synonyms("U-Net", lookup), expected);
  EXPECT_EQ(expand_synonyms("U Net", lookup), expected);
  EXPECT_EQ(expand_synonyms("UNet", lookup), "(unet OR \"u net\")");
}

// "H&E" is one term to Xapian ("h&e"): its group holds it as typed, never the joined "he" (the
// pronoun, the author "K. He"), which the index holds only for hyphenated compounds (QA).
TEST(QuerySynonymExpansion, AWordWithAnAmpersandKeepsItsOwnTerm) {
  EXPECT_EQ(expand_synonyms("H&E stain", lookup), "(h&e OR \"hematoxylin and eosin\") stain");
  EXPECT_EQ(expand_synonyms("-H&E", lookup), "-h&e -\"hematoxylin and eosin\"");
  EXPECT_EQ(expand_synonyms("title:H&E", lookup), "title:(h&e OR \"hematoxylin and eosin\")");
}

TEST(QuerySynonymExpansion, HyphenatedWordWithoutSynonymsAlsoMatchesJoined) {
  EXPECT_EQ(expand_synonyms("few-shot learning", lookup), "(\"few shot\" OR fewshot) learning");
}

TEST(QuerySynonymExpansion, LeavesSyntaxAlone) {
  EXPECT_EQ(expand_synonyms("\"ct scans\" ct* NOT (ct) author:ct", lookup),
            "\"ct scans\" ct* NOT ((ct OR \"computed tomography\")) author:ct");
  EXPECT_EQ(expand_synonyms("year:2019..2021 AND liver", lookup), "year:2019..2021 AND liver");
}

// In a text field, a word's synonyms (and a compound's joined form) are searched in that field.
TEST(QuerySynonymExpansion, AWordInATextFieldTakesItsSynonymsAlong) {
  EXPECT_EQ(expand_synonyms("title:CT liver", lookup),
            "title:(ct OR \"computed tomography\") liver");
  EXPECT_EQ(expand_synonyms("(abstract:U-Net)", lookup), "(abstract:(\"u net\" OR unet))");
  EXPECT_EQ(expand_synonyms("title:few-shot", lookup), "title:(\"few shot\" OR fewshot)");
  EXPECT_EQ(expand_synonyms("title:liver title:ct*", lookup), "title:liver title:ct*");
  // The first word of a group in a field, as the others.
  EXPECT_EQ(expand_synonyms("title:(CT OR liver)", lookup),
            "title:((ct OR \"computed tomography\") OR liver)");
  EXPECT_EQ(expand_synonyms("title:(liver OR ct)", lookup),
            "title:(liver OR (ct OR \"computed tomography\"))");
}

// "-x" excludes x and each of its synonyms, as "NOT x" does.
TEST(QuerySynonymExpansion, AnExcludedWordTakesItsSynonymsAlong) {
  EXPECT_EQ(expand_synonyms("liver -ct", lookup), "liver -ct -\"computed tomography\"");
  EXPECT_EQ(expand_synonyms("liver -U-Net", lookup), "liver -\"u net\" -unet");
  EXPECT_EQ(expand_synonyms("liver -few-shot", lookup), "liver -\"few shot\" -fewshot");
  EXPECT_EQ(expand_synonyms("liver -lesion (-ct)", lookup), "liver -lesion (-ct)");
}

// NEAR and ADJ take single words: their operands are not expanded into groups.
TEST(QuerySynonymExpansion, TheOperandsOfNearAreLeftAsWritten) {
  EXPECT_EQ(expand_synonyms("ct NEAR liver", lookup), "ct NEAR liver");
  EXPECT_EQ(expand_synonyms("liver ADJ/3 ct scans", lookup), "liver ADJ/3 ct scans");
  EXPECT_EQ(expand_synonyms("ct scans NEAR liver", lookup),
            "(ct OR \"computed tomography\") scans NEAR liver");
}

}  // namespace
}  // namespace paper::query
