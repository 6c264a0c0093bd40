#include "indexer/index/cached_stem.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

namespace paper {
namespace {

const std::vector<std::string> kWords = {
    "segmentation", "segmented", "segments", "networks", "network", "hoping", "happiness", "ponies",
    "generalization", "the", "a", "", "convolutional", "ability", "relational",
    // Over the cache's 31 bytes: stemmed every time.
    "antidisestablishmentarianismsationalisations", "électroencéphalographiquements"};

TEST(CachedStem, GivesSnowballsStemsWhateverIsCached) {
  Xapian::Stem plain("english");
  // One slot: every word replaces the last; 4 slots: some share a slot; 1024: all fit.
  for (std::size_t slots : {1u, 4u, 1024u}) {
    Xapian::Stem cached = make_cached_stem("english", slots);
    for (int round = 0; round < 3; ++round) {
      for (const std::string& w : kWords) {
        EXPECT_EQ(cached(w), plain(w)) << "word '" << w << "', " << slots << " slots";
      }
    }
  }
}

TEST(CachedStem, WorksAsATermGeneratorsStemmer) {
  Xapian::Document with_cache, without;
  Xapian::TermGenerator g;
  g.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
  const std::string text = "Segmenting segmented segments: networks of generalized ponies.";
  g.set_stemmer(make_cached_stem("english", 8));
  g.set_document(with_cache);
  g.index_text(text);
  g.index_text(text);
  g.set_stemmer(Xapian::Stem("english"));
  g.set_document(without);
  g.index_text(text);
  g.index_text(text);
  std::vector<std::string> a(with_cache.termlist_begin(), with_cache.termlist_end());
  std::vector<std::string> b(without.termlist_begin(), without.termlist_end());
  EXPECT_EQ(a, b);
  EXPECT_NE(std::find(a.begin(), a.end(), "Zsegment"), a.end());
}

TEST(CachedStem, RefusesASlotCountThatIsNotAPowerOfTwo) {
  EXPECT_THROW(CachedStem("english", 0), std::invalid_argument);
  EXPECT_THROW(CachedStem("english", 1000), std::invalid_argument);
  EXPECT_THROW(CachedStem("klingon", 16), Xapian::InvalidArgumentError);
}

}  // namespace
}  // namespace paper
