// A stemmer that remembers the stems of the words it has seen, for the index writer: Snowball
// stems every occurrence of a word afresh, and stemming was a fifth of the time to prepare a
// paper's document (bench/results/index.md).
#pragma once

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace paper {

class CachedStem : public Xapian::StemImplementation {
 public:
  // language: a Snowball language name as Xapian::Stem takes it (throws
  // Xapian::InvalidArgumentError if unknown). The cache is a fixed table of `slots` entries (a
  // power of two; 64 bytes each), allocated once: each word has one slot, where a later word of
  // the same slot replaces it. Words or stems over 31 bytes are stemmed without it. Not
  // thread-safe: one per thread.
  CachedStem(const std::string& language, std::size_t slots);

  std::string operator()(const std::string& word) override;
  std::string get_description() const override;

 private:
  struct Slot {
    std::uint8_t word_size = 0;  // 0: empty
    std::uint8_t stem_size = 0;
    char word[31];
    char stem[31];
  };

  Xapian::Stem stem_;
  std::vector<Slot> slots_;
};

// A Xapian::Stem for language backed by a new CachedStem, for a TermGenerator.
Xapian::Stem make_cached_stem(const std::string& language, std::size_t slots);

}  // namespace paper
