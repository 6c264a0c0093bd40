// Snippets: the passage of a page around the best cluster of query words, with the words marked.
// Pure text; no Xapian.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace paper::query {

struct SnippetPart {
  std::string text;
  bool hit = false;  // a query word, to highlight
};

struct Snippet {
  std::vector<SnippetPart> parts;
  bool empty() const { return parts.empty(); }
};

// Decides which words of a text are query words: each lower-case surface form maps to the query
// word (group index) it counts for, with that word's weight.
class WordMatcher {
 public:
  void add(const std::string& lower_word, int group, double weight);
  // Group of a lower-case word, or -1.
  int group_of(const std::string& lower_word) const;
  // False when no query word starts with this (lower-case) byte and has this length in bytes: a
  // cheap test that spares most words of a page the lower-casing and the hash look-up.
  bool may_match(unsigned char first_lower, std::size_t length) const {
    return first_[first_lower] && (length >= 64 || (lengths_ >> length & 1));
  }
  double weight(int group) const { return weights_[group]; }

 private:
  std::unordered_map<std::string, int> groups_;
  std::vector<double> weights_;
  std::array<bool, 256> first_{};
  std::uint64_t lengths_ = 0;  // bit n: some word has n bytes (words of 64+ bytes always pass)
};

// The passage of text (at most about max_bytes) around the densest cluster of query words, white
// space collapsed, "…" where it was cut. Empty when the text has no query word.
Snippet make_snippet(std::string_view text, const WordMatcher& matcher, std::size_t max_bytes);

// The snippet as one string with each query word between open and close (e.g. "«", "»").
std::string render_snippet(const Snippet& snippet, std::string_view open, std::string_view close);

}  // namespace paper::query
