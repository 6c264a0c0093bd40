#include "query/snippet.h"

#include <xapian.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

#include "common/text.h"

namespace paper::query {

namespace {

struct Word {
  std::size_t begin = 0;
  std::size_t end = 0;
  int group = -1;
};

constexpr std::array<bool, 256> kWordBytes = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) {
    t[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c >= 0x80;
  }
  return t;
}();

// separator_at for a byte of 0x80 or more: the character that starts there is a separator
// unless Xapian's tokenizer takes it as a word character (a letter, mark, digit or connector:
// "é", "Ω", "中"; not quotes, dashes, bullets, arrows, brackets such as U+27E8 "⟨", operators or
// CJK punctuation). The middle of a character, or a byte that starts none, is not one.
std::size_t non_ascii_separator_at(std::string_view text, std::size_t i) {
  if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) return 0;
  std::uint32_t cp = 0;
  const std::size_t length = decode_utf8(text, i, cp);
  if (length == 0) return 0;
  return Xapian::Unicode::is_wordchar(cp) ? 0 : length;
}

// The length of the character at text[i] when it is not part of a word: an ASCII byte other
// than a letter or digit, or a UTF-8 space, punctuation mark or symbol that Xapian's tokenizer
// also splits on (Latin-1 signs, general punctuation such as quotes, dashes and bullets, arrows,
// mathematical operators, box and geometric shapes, CJK and fullwidth punctuation). 0 for a word
// character (or the middle of one).
inline std::size_t separator_at(std::string_view text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) return kWordBytes[c] ? 0 : 1;
  return non_ascii_separator_at(text, i);
}

// The start of the character that ends at text[end - 1] (end > 0).
std::size_t char_start_before(std::string_view text, std::size_t end) {
  std::size_t i = end - 1;
  while (i > 0 && end - i < 4 && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) --i;
  return i;
}

// Whether a word character starts at text[i] / ends just before text[end].
bool word_at(std::string_view text, std::size_t i) { return separator_at(text, i) == 0; }
bool word_before(std::string_view text, std::size_t end) {
  return word_at(text, char_start_before(text, end));
}

// Xapian's TermGenerator keeps some characters inside a word: between digits ',', '.' and ';'
// ("3.14", "1,000"); between other word characters an apostrophe (' U+2019 U+201B: "don't",
// "Warren’s"), '&' ("AT&T"), U+00B7, U+05F4 and U+2027. The infix's length at text[i], to be
// read on with the word, else 0 (after_digit: the word so far ends in an ASCII digit).
std::size_t infix_at(std::string_view text, std::size_t i, std::size_t to, bool after_digit) {
  const auto c = static_cast<unsigned char>(text[i]);
  auto digit = [&](std::size_t at) { return at < to && text[at] >= '0' && text[at] <= '9'; };
  const bool digit_infix = c == ',' || c == '.' || c == ';';
  std::size_t n = 0;
  if (c == '\'' || c == '&' || digit_infix) {
    n = 1;
  } else if (c == 0xC2 || c == 0xD7) {
    n = text.compare(i, 2, "\u00B7") == 0 || text.compare(i, 2, "\u05F4") == 0 ? 2 : 0;
  } else if (c == 0xE2) {
    n = text.compare(i, 3, "\u2019") == 0 || text.compare(i, 3, "\u201B") == 0 ||
                text.compare(i, 3, "\u2027") == 0
            ? 3
            : 0;
  }
  if (n == 0 || i + n >= to) return 0;
  // Between two digits only ',', '.' and ';' ("1,000"; "2'000" is two words); elsewhere not those.
  if (after_digit && digit(i + n)) return digit_infix ? n : 0;
  return !digit_infix && word_at(text, i + n) ? n : 0;
}

// The length of an acronym written with full stops ("U.S.A.", "P.T.O"), which Xapian indexes as
// one word ("usa"), starting at text[i], else 0. The last full stop is not counted.
std::size_t acronym_at(std::string_view text, std::size_t i, std::size_t to) {
  auto upper = [&](std::size_t at) { return at < to && text[at] >= 'A' && text[at] <= 'Z'; };
  if (!upper(i) || i + 2 >= to || text[i + 1] != '.' || !upper(i + 2)) return 0;
  std::size_t end = i + 1;
  while (end + 1 < to && text[end] == '.' && upper(end + 1)) end += 2;
  // A word character right after it, or after its last full stop, makes it no acronym, as for
  // Xapian: "U.Sa" and "U.S.x" are words of one letter or two.
  std::size_t after = end;
  if (after < to && text[after] == '.') ++after;
  return after < to && word_at(text, after) ? 0 : end - i;
}

// Calls f(begin, end, special) for each word of text[from, to), in order, cut as Xapian cuts
// them: runs of word characters, joined by the infixes above, or an acronym; a suffix of one to
// three '+' or '#' ("C++", "C#") belongs to the word. special: the word has an infix, a suffix
// or full stops, so its index term is not its lower-case letters alone (see word_key).
template <typename F>
void for_each_word(std::string_view text, std::size_t from, std::size_t to, F&& f) {
  std::size_t i = from;
  while (i < to) {
    for (std::size_t n; i < to && (n = separator_at(text, i)) > 0;) i += n;
    if (i >= to) break;
    const std::size_t b = i;
    if (const std::size_t n = acronym_at(text, i, to); n > 0) {
      f(b, i + n, true);
      i += n;
      if (i < to && text[i] == '.') ++i;  // its last full stop
      continue;
    }
    bool special = false;
    while (i < to) {
      if (word_at(text, i)) {
        ++i;
      } else if (const std::size_t n =
                     infix_at(text, i, to, text[i - 1] >= '0' && text[i - 1] <= '9');
                 n > 0) {
        i += n;
        special = true;
      } else {
        break;
      }
    }
    std::size_t suffix = 0;
    while (i + suffix < to && suffix < 4 && (text[i + suffix] == '+' || text[i + suffix] == '#')) {
      ++suffix;
    }
    if (suffix > 0 && suffix < 4 && (i + suffix == to || !word_at(text, i + suffix))) {
      i += suffix;
      special = true;
    }
    f(b, std::min(i, to), special);
  }
}

// The index's key letters of a special word (see for_each_word), lower-case: an acronym without
// its full stops, a typographic apostrophe as '.
void special_word_key(std::string& lower) {
  if (lower.size() >= 3 && lower[1] == '.' && lower[0] >= 'a' && lower[0] <= 'z') {
    lower.erase(std::remove(lower.begin(), lower.end(), '.'), lower.end());
    return;
  }
  lower = ascii_apostrophes(lower);
}

// Whether text[end, begin) is one hyphen (-, U+2010, U+2011): the words it separates are parts
// of a compound.
bool hyphen_between(std::string_view text, std::size_t end, std::size_t begin) {
  if (begin == end + 1) return text[end] == '-';
  return begin == end + 3 &&
         (text.compare(end, 3, "\u2010") == 0 || text.compare(end, 3, "\u2011") == 0);
}

// The groups the word text[b, e) counts for (see WordMatcher::members_of), or null.
const std::vector<WordMatcher::Member>* members_at(std::string_view text, std::size_t b,
                                                   std::size_t e, bool special,
                                                   const WordMatcher& matcher,
                                                   const WordKey& key_of, std::string& lower) {
  const std::string_view word = text.substr(b, e - b);
  // A word with other letters than ASCII ones ("Über", "Ω") is lower-cased by key_of, so the
  // byte tests below, made for lower-case words, do not apply to it; nor to a special word,
  // whose key is shorter than it.
  const bool ascii = is_ascii(word);
  auto first = static_cast<unsigned char>(word[0]);
  if (first >= 'A' && first <= 'Z') first = static_cast<unsigned char>(first - 'A' + 'a');
  if (!special && (ascii || !key_of) && !matcher.may_match(first, word.size())) return nullptr;
  // A special word's key is no longer than the word and starts with its letter: the stemmed
  // keys' test (first letter, shortest key) holds for it too.
  if (special && ascii && key_of && !matcher.may_match(first, word.size())) return nullptr;
  lower.assign(word);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (special) special_word_key(lower);
  if (!key_of) return matcher.members_of(lower);
  if (ascii && !special && !matcher.may_be_stem_of(lower)) return nullptr;
  const auto* members = matcher.members_of(key_of(lower));
  if (members || ascii) return members;
  // The index also holds a word with accents without them ("Müller" as "muller", "d’après" as
  // "d'apres"): a query word typed plainly matches it there, and here.
  if (!may_lose_accents(word)) return nullptr;
  if (find_invalid_utf8(word)) return nullptr;  // its bytes would fold into another word
  const std::string plain = fold_word(lower);
  if (plain.empty() || plain == lower) return nullptr;
  if (is_ascii(plain) && (!matcher.may_match(static_cast<unsigned char>(plain[0]), plain.size()) ||
                          !matcher.may_be_stem_of(plain))) {
    return nullptr;
  }
  return matcher.members_of(key_of(plain));
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
  add_key(key, {group, 0, 1}, weight);
}

void WordMatcher::add_phrase(const std::vector<std::string>& keys, int group, double weight) {
  for (std::size_t i = 0; i < keys.size(); ++i) {
    add_key(keys[i],
            {group, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(keys.size())},
            weight);
  }
}

bool WordMatcher::has_compound_key(int group) const {
  const auto g = static_cast<std::size_t>(group);
  return g < compound_groups_.size() && compound_groups_[g];
}

void WordMatcher::add_key(const std::string& key, Member member, double weight) {
  auto& members = groups_[key];
  for (const Member& m : members) {
    if (m.group == member.group && m.member == member.member) return;
  }
  members.push_back(member);
  const std::size_t start = std::min<std::size_t>(3, key.size() > 3 ? key.size() - 2 : 1);
  key_starts_.push_back(key.substr(0, start));
  if (!key.empty()) {
    const auto first = static_cast<unsigned char>(key[0]);
    if (!first_[first] || key.size() < min_length_[first]) min_length_[first] = key.size();
    first_[first] = true;
    if (key.size() < 64) lengths_ |= std::uint64_t{1} << key.size();
    max_length_ = std::max(max_length_, key.size());
    if (key.size() >= 4) {
      if (!compound_first_[first] || key.size() < compound_min_length_[first]) {
        compound_min_length_[first] = key.size();
      }
      compound_first_[first] = true;
    }
  }
  const auto group = static_cast<std::size_t>(member.group);
  if (weights_.size() <= group) weights_.resize(group + 1, 0);
  weights_[group] = std::max(weights_[group], weight);
  if (compound_groups_.size() <= group) compound_groups_.resize(group + 1, false);
  if (member.length == 1 && key.size() >= 4) compound_groups_[group] = true;
}

bool WordMatcher::may_be_stem_of(const std::string& lower_word) const {
  for (const std::string& start : key_starts_) {
    if (lower_word.compare(0, start.size(), start) == 0) return true;
  }
  return false;
}

const std::vector<WordMatcher::Member>* WordMatcher::members_of(const std::string& key) const {
  auto it = groups_.find(key);
  return it == groups_.end() ? nullptr : &it->second;
}

int WordMatcher::group_of(const std::string& key) const {
  if (const auto* members = members_of(key)) {
    for (const Member& m : *members) {
      if (m.length == 1) return m.group;
    }
  }
  return -1;
}

Snippet make_snippet(std::string_view text, const WordMatcher& matcher, std::size_t max_bytes,
                     const WordKey& key_of, TextBounds bounds) {
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
  // Words of phrase groups, kept until the whole phrase is seen.
  struct PhraseWord {
    Hit hit;
    std::uint32_t member;
    std::uint32_t length;
  };
  std::vector<PhraseWord> phrase_words;
  std::string lower;
  std::size_t n_words = 0;
  // The last words in a row (up to 5): the index also holds a hyphenated compound joined
  // ("preprocessing" for "pre-processing", at its first word), and wherever the paper has its
  // parts one after the other ("line number" once it has "line-number" somewhere), so a query
  // word can be two to five words of the page.
  std::array<Hit, 5> recent{};
  std::size_t n_recent = 0;
  std::string joined, prefix;
  // Hits for compounds of the last words, for the groups wanted (all when empty).
  std::vector<bool> wanted_groups;
  auto try_compounds = [&] {
    for (std::size_t k = 2; k <= n_recent; ++k) {
      const Hit& first = recent[n_recent - k];
      std::size_t length = 0;
      for (std::size_t j = n_recent - k; j < n_recent; ++j)
        length += recent[j].end - recent[j].begin;
      auto c = static_cast<unsigned char>(text[first.begin]);
      if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
      // As for a word: most sequences can hold no key (first letter, length, first letters).
      if (c < 0x80 && !matcher.may_match_compound(c, length)) continue;
      if (key_of && c < 0x80) {
        prefix.clear();
        for (std::size_t j = n_recent - k; j < n_recent && prefix.size() < 3; ++j) {
          for (std::size_t b = recent[j].begin; b < recent[j].end && prefix.size() < 3; ++b) {
            char ch = text[b];
            if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
            prefix += ch;
          }
        }
        if (!matcher.may_be_stem_of(prefix)) continue;
      }
      joined.clear();
      for (std::size_t j = n_recent - k; j < n_recent; ++j) {
        joined.append(text.substr(recent[j].begin, recent[j].end - recent[j].begin));
      }
      for (char& ch : joined) {
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
      }
      if (key_of && is_ascii(joined) && !matcher.may_be_stem_of(joined)) continue;
      const auto* members =
          key_of ? matcher.members_of(key_of(joined)) : matcher.members_of(joined);
      if (!members) continue;
      for (const WordMatcher::Member& m : *members) {
        if (m.length != 1) continue;
        const auto g = static_cast<std::size_t>(m.group);
        if (!wanted_groups.empty() && (g >= wanted_groups.size() || !wanted_groups[g])) continue;
        for (std::size_t j = n_recent - k; j < n_recent; ++j) {
          hits.push_back({recent[j].index, recent[j].begin, recent[j].end, m.group});
        }
      }
    }
  };
  auto add_recent = [&](const Hit& word) {
    if (n_recent == recent.size()) {
      std::move(recent.begin() + 1, recent.end(), recent.begin());
      --n_recent;
    }
    recent[n_recent++] = word;
  };
  for_each_word(text, 0, text.size(), [&](std::size_t b, std::size_t e, bool special) {
    if (const auto* members = members_at(text, b, e, special, matcher, key_of, lower)) {
      for (const WordMatcher::Member& m : *members) {
        if (m.length == 1) {
          hits.push_back({n_words, b, e, m.group});
        } else {
          phrase_words.push_back({{n_words, b, e, m.group}, m.member, m.length});
        }
      }
    }
    // Here only hyphenated compounds ("pre-processing"), which cost little; the same words apart
    // are looked for below, only for a query word not found otherwise.
    if (special) {
      n_recent = 0;  // its index term is not its letters: no compound goes through it
    } else {
      if (n_recent > 0 && !hyphen_between(text, recent[n_recent - 1].end, b)) n_recent = 0;
      add_recent({n_words, b, e, -1});
      if (n_recent >= 2) try_compounds();
    }
    ++n_words;
  });
  // No word of the text matched, yet the page did (the caller found it in the index): a query
  // word of four letters or more may be words in a row, which the index holds joined once the
  // paper writes them hyphenated somewhere ("line number" for "linenumber"). A second pass, run
  // only then: trying every run of words on every page cost 40% of a search.
  if (hits.empty() && phrase_words.empty()) {
    wanted_groups.assign(matcher.group_count(), false);
    bool any = false;
    for (std::size_t g = 0; g < wanted_groups.size(); ++g) {
      wanted_groups[g] = matcher.has_compound_key(static_cast<int>(g));
      any = any || wanted_groups[g];
    }
    if (any) {
      n_recent = 0;
      std::size_t index = 0;
      for_each_word(text, 0, text.size(), [&](std::size_t b, std::size_t e, bool special) {
        if (special) {
          n_recent = 0;
        } else {
          add_recent({index, b, e, -1});
          try_compounds();
        }
        ++index;
      });
    }
  }
  // A phrase counts where its words follow one another in order (phrase_words is in word order).
  for (std::size_t i = 0; i < phrase_words.size(); ++i) {
    const PhraseWord& start = phrase_words[i];
    if (start.member != 0) continue;
    std::vector<std::size_t> found{i};
    for (std::size_t j = i + 1; j < phrase_words.size() && found.size() < start.length; ++j) {
      const PhraseWord& w = phrase_words[j];
      const std::size_t at = start.hit.index + found.size();
      if (w.hit.index > at) break;
      if (w.hit.index == at && w.hit.group == start.hit.group && w.member == found.size()) {
        found.push_back(j);
      }
    }
    if (found.size() < start.length) continue;
    for (std::size_t j : found) hits.push_back(phrase_words[j].hit);
  }
  if (hits.empty()) return snippet;
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    return a.index != b.index ? a.index < b.index : a.group < b.group;
  });
  // The words to mark, by where they begin.
  std::vector<std::size_t> marked;
  for (const Hit& h : hits) marked.push_back(h.begin);
  marked.erase(std::unique(marked.begin(), marked.end()), marked.end());

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
  auto continuation = [&](std::size_t i) {
    return (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80;
  };
  std::size_t window_begin = cluster_begin > max_bytes ? cluster_begin - max_bytes : 0;
  std::size_t window_end = std::min(text.size(), cluster_begin + max_bytes);
  while (window_begin > 0 && continuation(window_begin)) --window_begin;  // whole characters
  while (window_end < text.size() && continuation(window_end)) ++window_end;
  std::vector<Word> words;
  std::size_t first = 0, last = 0;
  // Read a little past the window, so that a word that goes on past it (through an infix such
  // as "14.4" or "AT&T", too) is seen whole, and left out.
  std::size_t scan_end = std::min(text.size(), window_end + 8);
  while (scan_end < text.size() && continuation(scan_end)) ++scan_end;
  for_each_word(text, window_begin, scan_end, [&](std::size_t b, std::size_t e, bool) {
    if (b == window_begin && b > 0 && word_before(text, b)) return;  // cut at the start
    if (e > window_end) return;                                      // cut at the end
    if (b == cluster_begin) first = words.size();
    if (b <= hits[best_last].begin) last = words.size();
    words.push_back({b, e, std::binary_search(marked.begin(), marked.end(), b) ? 0 : -1});
  });
  auto words_before = [&](std::size_t pos) {
    for (std::size_t i = pos; i > 0; i = char_start_before(text, i)) {
      if (word_before(text, i)) return true;
    }
    return bounds.more_before;
  };
  auto words_after = [&](std::size_t pos) {
    for (std::size_t i = pos; i < text.size();
         i += std::max<std::size_t>(1, separator_at(text, i))) {
      if (word_at(text, i)) return true;
    }
    return bounds.more_after;
  };

  // A cluster word longer than the window itself (a run of letters over max_bytes) leaves no
  // word to show.
  if (words.empty()) return snippet;
  const std::size_t cluster_word = first;
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

  // The passage starts where a white-space token does, as a reader would cut it: at
  // "\frontmatter", not "frontmatter" (the token's start, when it fits), and never at "sided" of
  // "single-sided" (a word before the cluster whose token does not fit is left out).
  auto space_before = [&](std::size_t at) {
    return at == 0 || std::isspace(static_cast<unsigned char>(text[at - 1]));
  };
  std::size_t start = words[first].begin;
  while (!space_before(start)) {
    std::size_t t = start;
    while (t > 0 && !space_before(t) && words[last].end - (t - 1) <= max_bytes) --t;
    if (space_before(t)) {
      start = t;
    } else if (first < cluster_word) {
      start = words[++first].begin;
      continue;
    }
    break;
  }
  std::string pending = words_before(start) ? "…" : "";
  std::size_t cursor = start;
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
  for (std::size_t n; end < text.size() && (n = separator_at(text, end)) > 0 &&
                      !std::isspace(static_cast<unsigned char>(text[end]));) {
    end += n;
  }
  append_collapsed(pending, text.substr(cursor, end - cursor));
  if (words_after(words[last].end)) pending += " …";
  if (!pending.empty()) snippet.parts.push_back({pending, false});
  return snippet;
}

std::string render_snippet(const Snippet& snippet, std::string_view open, std::string_view close) {
  std::string out;
  for (const SnippetPart& p : snippet.parts) {
    if (p.hit) out += open;
    // Directional formatting characters of the page (indexes built before clean_line dropped
    // them): a passage cut out of a right-to-left run would leave one open.
    out += without_bidi_controls(p.text);
    if (p.hit) out += close;
  }
  return out;
}

}  // namespace paper::query
