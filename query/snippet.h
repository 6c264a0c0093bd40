// Snippets: the passage of a page around the best cluster of query words, with the words marked.
// Pure text; no Xapian.
#pragma once

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
  int group_of(std::string_view lower_word) const;
  double weight(int group) const { return weights_[group]; }

 private:
  std::unordered_map<std::string, int> groups_;
  std::vector<double> weights_;
};

// The passage of text (at most about max_bytes) around the densest cluster of query words, white
// space collapsed, "…" where it was cut. Empty when the text has no query word.
Snippet make_snippet(std::string_view text, const WordMatcher& matcher, std::size_t max_bytes);

// The snippet as one string with each query word between open and close (e.g. "«", "»").
std::string render_snippet(const Snippet& snippet, std::string_view open, std::string_view close);

}  // namespace paper::query
