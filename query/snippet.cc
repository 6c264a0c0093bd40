#include "query/snippet.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

namespace paper::query {

namespace {

constexpr std::size_t kClusterWords = 24;  // words a cluster of hits may span

struct Word {
  std::size_t begin = 0;
  std::size_t end = 0;
  int group = -1;
};

constexpr std::array<bool, 256> kWordBytes = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) {
    t[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
  }
  return t;
}();

bool is_word_byte(unsigned char c) { return kWordBytes[c]; }

// Calls f(begin, end) for each word (run of word bytes) of text[from, to), in order.
template <typename F>
void for_each_word(std::string_view text, std::size_t from, std::size_t to, F&& f) {
  std::size_t i = from;
  while (i < to) {
    while (i < to && !is_word_byte(text[i])) ++i;
    if (i >= to) break;
    const std::size_t b = i;
    while (i < to && is_word_byte(text[i])) ++i;
    f(b, i);
  }
}

// The query word group of text[b, e), or -1.
int group_of(std::string_view text, std::size_t b, std::size_t e, const WordMatcher& matcher,
             const WordKey& key_of, std::string& lower) {
  auto first = static_cast<unsigned char>(text[b]);
  if (first >= 'A' && first <= 'Z') first = static_cast<unsigned char>(first - 'A' + 'a');
  if (!matcher.may_match(first, e - b)) return -1;
  lower.assign(text.substr(b, e - b));
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (!key_of) return matcher.group_of(lower);
  if (!matcher.may_be_stem_of(lower)) return -1;
  return matcher.group_of(key_of(lower));
}

// Appends text with every run of white space turned into one space.
void append_collapsed(std::string& out, std::string_view text) {
  for (char c : text) {
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
    if (space) {
      if (out.empty() || out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
}

}  // namespace

void WordMatcher::add(const std::string& key, int group, double weight) {
  groups_.emplace(key, group);
  const std::size_t start = std::min<std::size_t>(3, key.size() > 3 ? key.size() - 2 : 1);
  key_starts_.push_back(key.substr(0, start));
  if (!key.empty()) {
    const auto first = static_cast<unsigned char>(key[0]);
    if (!first_[first] || key.size() < min_length_[first]) min_length_[first] = key.size();
    first_[first] = true;
    if (key.size() < 64) lengths_ |= std::uint64_t{1} << key.size();
  }
  if (weights_.size() <= static_cast<std::size_t>(group)) weights_.resize(group + 1, 0);
  weights_[group] = std::max(weights_[group], weight);
}

bool WordMatcher::may_be_stem_of(const std::string& lower_word) const {
  for (const std::string& start : key_starts_) {
    if (lower_word.compare(0, start.size(), start) == 0) return true;
  }
  return false;
}

int WordMatcher::group_of(const std::string& key) const {
  auto it = groups_.find(key);
  return it == groups_.end() ? -1 : it->second;
}

Snippet make_snippet(std::string_view text, const WordMatcher& matcher, std::size_t max_bytes,
                     const WordKey& key_of) {
  Snippet snippet;
  // One pass over the page keeps only the query words, with their word numbers; the words around
  // the chosen cluster are split again below, from a window of the text.
  struct Hit {
    std::size_t index;  // word number on the page
    std::size_t begin;
    std::size_t end;
    int group;
  };
  std::vector<Hit> hits;
  std::string lower;
  std::size_t n_words = 0;
  for_each_word(text, 0, text.size(), [&](std::size_t b, std::size_t e) {
    const int g = group_of(text, b, e, matcher, key_of, lower);
    if (g >= 0) hits.push_back({n_words, b, e, g});
    ++n_words;
  });
  if (hits.empty()) return snippet;

  // The cluster with the most weight of distinct query words, then the most hits.
  std::size_t best_first = 0, best_last = 0;
  double best_score = -1;
  // seen[g] == a + 1: group g already counted in the cluster starting at hit a.
  std::vector<std::size_t> seen;
  for (std::size_t a = 0; a < hits.size(); ++a) {
    double score = 0;
    std::size_t last = a;
    for (std::size_t b = a; b < hits.size() && hits[b].index - hits[a].index < kClusterWords; ++b) {
      const auto g = static_cast<std::size_t>(hits[b].group);
      if (seen.size() <= g) seen.resize(g + 1, 0);
      if (seen[g] != a + 1) {
        seen[g] = a + 1;
        score += matcher.weight(static_cast<int>(g)) + 1;
      }
      score += 0.01;
      last = b;
    }
    if (score > best_score) {
      best_score = score;
      best_first = a;
      best_last = last;
    }
  }

  // The words that can share a passage of max_bytes with the cluster's first word.
  const std::size_t cluster_begin = hits[best_first].begin;
  const std::size_t window_begin = cluster_begin > max_bytes ? cluster_begin - max_bytes : 0;
  const std::size_t window_end = std::min(text.size(), cluster_begin + max_bytes);
  std::vector<Word> words;
  std::size_t first = 0, last = 0;
  for_each_word(text, window_begin, window_end, [&](std::size_t b, std::size_t e) {
    if (b == window_begin && b > 0 && is_word_byte(text[b - 1])) return;      // cut at the start
    if (e == window_end && e < text.size() && is_word_byte(text[e])) return;  // cut at the end
    if (b == cluster_begin) first = words.size();
    if (b <= hits[best_last].begin) last = words.size();
    words.push_back({b, e, group_of(text, b, e, matcher, key_of, lower)});
  });
  auto words_before = [&](std::size_t pos) {
    for (std::size_t i = pos; i > 0; --i) {
      if (is_word_byte(text[i - 1])) return true;
    }
    return false;
  };
  auto words_after = [&](std::size_t pos) {
    for (std::size_t i = pos; i < text.size(); ++i) {
      if (is_word_byte(text[i])) return true;
    }
    return false;
  };

  // Grow the span word by word on both sides while it fits.
  auto span_bytes = [&] { return words[last].end - words[first].begin; };
  while (span_bytes() > max_bytes && last > first) {
    // Too long even for the cluster: keep its start.
    --last;
  }
  bool grew = true;
  while (grew) {
    grew = false;
    if (first > 0 && words[last].end - words[first - 1].begin <= max_bytes) {
      --first;
      grew = true;
    }
    if (last + 1 < words.size() && words[last + 1].end - words[first].begin <= max_bytes) {
      ++last;
      grew = true;
    }
  }

  std::string pending = words_before(words[first].begin) ? "…" : "";
  std::size_t cursor = words[first].begin;
  for (std::size_t i = first; i <= last; ++i) {
    if (words[i].group < 0) continue;
    append_collapsed(pending, text.substr(cursor, words[i].begin - cursor));
    if (!pending.empty()) snippet.parts.push_back({pending, false});
    pending.clear();
    snippet.parts.push_back(
        {std::string(text.substr(words[i].begin, words[i].end - words[i].begin)), true});
    cursor = words[i].end;
  }
  // Keep the punctuation that ends the last word ("together.").
  std::size_t end = words[last].end;
  while (end < text.size() && !is_word_byte(text[end]) &&
         !std::isspace(static_cast<unsigned char>(text[end]))) {
    ++end;
  }
  append_collapsed(pending, text.substr(cursor, end - cursor));
  if (words_after(words[last].end)) pending += " …";
  if (!pending.empty()) snippet.parts.push_back({pending, false});
  return snippet;
}

std::string render_snippet(const Snippet& snippet, std::string_view open, std::string_view close) {
  std::string out;
  for (const SnippetPart& p : snippet.parts) {
    if (p.hit) {
      out += open;
      out += p.text;
      out += close;
    } else {
      out += p.text;
    }
  }
  return out;
}

}  // namespace paper::query
