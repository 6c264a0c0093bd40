// Snippets: the passage of a page around the best cluster of query words, with the words marked.
// Pure text; no Xapian.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
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

// Decides which words of a text are query words: each key maps to the query word (group index)
// it counts for, with that word's weight. Keys are lower-case words, or with stemmed keys the
// English stems of the words (the caller then passes make_snippet the stemmer as key_of). A
// group can also be a phrase: its words count only where they stand together, in order.
class WordMatcher {
 public:
  explicit WordMatcher(bool stemmed_keys = false) : stemmed_(stemmed_keys) {}
  void add(const std::string& key, int group, double weight);
  // A phrase group: keys in their order (a one-key phrase is a word).
  void add_phrase(const std::vector<std::string>& keys, int group, double weight);
  // A key's place in a group: word `member` of a phrase of `length` words (0 of 1 for a word).
  struct Member {
    int group;
    std::uint32_t member;
    std::uint32_t length;
  };
  // The groups a key counts for, or null.
  const std::vector<Member>* members_of(const std::string& key) const;
  // Group of a key that is a word of its own (not only a phrase's), or -1.
  int group_of(const std::string& key) const;
  // False when no key can be this (lower-case) word's: a cheap test that spares most words of a
  // page the lower-casing, the stemming and the hash look-up. A stem starts with its word's first
  // letter and is never longer than the word.
  bool may_match(unsigned char first_lower, std::size_t length) const {
    if (!first_[first_lower]) return false;
    if (stemmed_) return length >= min_length_[first_lower];
    return length >= 64 || (lengths_ >> length & 1);
  }
  // The same test for words in a row that the index may hold joined ("line number" as
  // "linenumb"): only keys of four letters or more can be such a compound's, and a compound
  // longer than the longest key by more than a stemmer removes is none.
  bool may_match_compound(unsigned char first_lower, std::size_t length) const {
    return compound_first_[first_lower] && length >= compound_min_length_[first_lower] &&
           length <= max_length_ + 10;
  }
  // With stemmed keys, the finer test on the whole lower-case word: some key shares its first
  // letters (a stem keeps all but at most the last two letters of its word's start, up to three
  // compared here), so that "the" and "that" are not stemmed when looking for "thesi".
  bool may_be_stem_of(const std::string& lower_word) const;
  double weight(int group) const { return weights_[group]; }
  std::size_t group_count() const { return weights_.size(); }
  // Whether a word of the group (not a phrase) has a key of four letters or more: one that words
  // in a row can be, joined.
  bool has_compound_key(int group) const;

 private:
  void add_key(const std::string& key, Member member, double weight);

  bool stemmed_;
  std::vector<std::string> key_starts_;  // per key: its first min(3, max(1, size - 2)) bytes
  std::unordered_map<std::string, std::vector<Member>> groups_;
  std::vector<double> weights_;
  std::array<bool, 256> first_{};
  std::array<std::size_t, 256> min_length_{};  // shortest key per first byte
  std::uint64_t lengths_ = 0;  // bit n: some key has n bytes (keys of 64+ bytes always pass)
  std::array<bool, 256> compound_first_{};              // keys of 4+ bytes, by first byte
  std::array<std::size_t, 256> compound_min_length_{};  // shortest of them per first byte
  std::size_t max_length_ = 0;
  std::vector<bool> compound_groups_;  // per group: has_compound_key
};

// Maps a word to the form of the matcher's keys (for example its lower-case stem). Its ASCII
// letters come lower-cased; lower-casing the others is the function's job.
using WordKey = std::function<std::string(const std::string& lower_word)>;

// Words a cluster of query words may span in a snippet (the page scorer places snippets by the
// same measure).
inline constexpr std::size_t kClusterWords = 24;

// Where text comes from: a part of a page can have more words before or after it.
struct TextBounds {
  bool more_before = false;
  bool more_after = false;
};

// The passage of text (at most about max_bytes) around the densest cluster of query words (the
// words of a phrase group count where the whole phrase stands), white space collapsed, "…" where
// it was cut. Empty when the text has no query word. key_of is
// needed when the matcher's keys are stems; without it words are looked up as they are.
Snippet make_snippet(std::string_view text, const WordMatcher& matcher, std::size_t max_bytes,
                     const WordKey& key_of = {}, TextBounds bounds = {});

// The snippet as one string with each query word between open and close (e.g. "«", "»").
std::string render_snippet(const Snippet& snippet, std::string_view open, std::string_view close);

}  // namespace paper::query
