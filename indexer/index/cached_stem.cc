#include "indexer/index/cached_stem.h"

#include <cstring>
#include <stdexcept>

namespace paper {

namespace {

constexpr std::size_t kMaxBytes = 31;

// FNV-1a: words are short, and a slot is all the hash has to choose.
std::uint64_t hash_word(const std::string& word) {
  std::uint64_t h = 14695981039346656037ull;
  for (const char c : word) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace

CachedStem::CachedStem(const std::string& language, std::size_t slots)
    : stem_(language), slots_(slots) {
  if (slots == 0 || (slots & (slots - 1)) != 0) {
    throw std::invalid_argument("CachedStem: slots must be a power of two");
  }
}

std::string CachedStem::operator()(const std::string& word) {
  if (word.empty() || word.size() > kMaxBytes) return stem_(word);
  Slot& slot = slots_[hash_word(word) & (slots_.size() - 1)];
  if (slot.word_size == word.size() && std::memcmp(slot.word, word.data(), word.size()) == 0) {
    return std::string(slot.stem, slot.stem_size);
  }
  std::string stemmed = stem_(word);
  if (stemmed.size() <= kMaxBytes) {
    slot.word_size = static_cast<std::uint8_t>(word.size());
    slot.stem_size = static_cast<std::uint8_t>(stemmed.size());
    std::memcpy(slot.word, word.data(), word.size());
    std::memcpy(slot.stem, stemmed.data(), stemmed.size());
  }
  return stemmed;
}

std::string CachedStem::get_description() const { return "cached " + stem_.get_description(); }

Xapian::Stem make_cached_stem(const std::string& language, std::size_t slots) {
  // Xapian::Stem takes ownership (reference-counted) of the implementation.
  return Xapian::Stem(new CachedStem(language, slots));
}

}  // namespace paper
