// Query-text rewriting for the field's vocabulary: synonyms (data/synonyms.txt, stored in the
// index) and hyphenated compounds (U-Net also matches UNet). Pure text, no Xapian.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace paper::query {

// Returns the other members of the synonym group whose member is key (a normalised entry:
// lower-case words separated by one space, e.g. "u net"); empty when key is in no group.
using SynonymLookup = std::function<std::vector<std::string>(const std::string& key)>;

// Longest run of words looked up as one synonym key.
inline constexpr int kMaxSynonymWords = 4;

// Rewrites the free-text words of a query in Xapian QueryParser syntax: each word or run of up to
// kMaxSynonymWords words that is a synonym key becomes `(key OR syn OR "multi word syn")`, and a
// hyphenated word with no synonyms becomes `("a b" OR ab)`. Quoted phrases, field:value terms,
// wildcards, operators, brackets and words with a +/- sign are left as written.
std::string expand_synonyms(std::string_view query, const SynonymLookup& lookup);

}  // namespace paper::query
