#include "query/snippet.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace paper::query {

namespace {

constexpr std::size_t kClusterWords = 24;  // words a cluster of hits may span

struct Word {
  std::size_t begin = 0;
  std::size_t end = 0;
  int group = -1;
};

bool is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

std::vector<Word> split_words(std::string_view text, const WordMatcher& matcher) {
  std::vector<Word> words;
  std::string lower;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !is_word_byte(text[i])) ++i;
    if (i >= text.size()) break;
    std::size_t b = i;
    while (i < text.size() && is_word_byte(text[i])) ++i;
    auto first = static_cast<unsigned char>(text[b]);
    if (first >= 'A' && first <= 'Z') first = static_cast<unsigned char>(first - 'A' + 'a');
    int group = -1;
    if (matcher.may_match(first, i - b)) {
      lower.assign(text.substr(b, i - b));
      for (char& c : lower) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      }
      group = matcher.group_of(lower);
    }
    words.push_back({b, i, group});
  }
  return words;
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

void WordMatcher::add(const std::string& lower_word, int group, double weight) {
  groups_.emplace(lower_word, group);
  if (!lower_word.empty()) {
    first_[static_cast<unsigned char>(lower_word[0])] = true;
    if (lower_word.size() < 64) lengths_ |= std::uint64_t{1} << lower_word.size();
  }
  if (weights_.size() <= static_cast<std::size_t>(group)) weights_.resize(group + 1, 0);
  weights_[group] = std::max(weights_[group], weight);
}

int WordMatcher::group_of(const std::string& lower_word) const {
  auto it = groups_.find(lower_word);
  return it == groups_.end() ? -1 : it->second;
}

Snippet make_snippet(std::string_view text, const WordMatcher& matcher, std::size_t max_bytes) {
  Snippet snippet;
  std::vector<Word> words = split_words(text, matcher);
  std::vector<std::size_t> hits;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i].group >= 0) hits.push_back(i);
  }
  if (hits.empty()) return snippet;

  // The cluster with the most weight of distinct query words, then the most hits.
  std::size_t best_first = hits[0], best_last = hits[0];
  double best_score = -1;
  for (std::size_t a = 0; a < hits.size(); ++a) {
    std::set<int> seen;
    double score = 0;
    std::size_t last = hits[a];
    for (std::size_t b = a; b < hits.size() && hits[b] - hits[a] < kClusterWords; ++b) {
      int g = words[hits[b]].group;
      if (seen.insert(g).second) score += matcher.weight(g) + 1;
      score += 0.01;
      last = hits[b];
    }
    if (score > best_score) {
      best_score = score;
      best_first = hits[a];
      best_last = last;
    }
  }

  // Grow the span word by word on both sides while it fits.
  std::size_t first = best_first, last = best_last;
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

  std::string pending = first > 0 ? "…" : "";
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
  if (last + 1 < words.size()) pending += " …";
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
