// Whether words read as people's names (byline_words.h, byline.h): the words of prose and of
// venues that no name holds, particles ("van", "de"), initials, and the lists of names that
// bylines write.
#include <cstdint>

#include "common/text.h"
#include "indexer/catalogue/byline.h"
#include "indexer/catalogue/byline_words.h"
#include "indexer/catalogue/fields.h"

namespace paper {
namespace {

constexpr std::size_t kMaxNameWords = 6;

// clang-format off
// Words of prose, labels and function words: not part of a person's name.
constexpr auto kNonNameWords = std::to_array<std::string_view>({
    "the", "of", "on", "in", "for", "with", "via", "using", "and", "or", "to", "from", "by", "is",
    "are", "as", "at", "we", "our", "this", "that", "towards", "toward", "through", "new", "novel",
    "oral", "spotlight", "poster", "highlight", "paper", "papers", "award", "code",
    "official", "implementation", "project", "github", "pytorch", "tensorflow", "dataset",
    "datasets", "benchmark", "survey", "tutorial", "open", "source", "available", "model",
    "models", "segmentation", "deep", "accepted", "submitted", "under", "et", "framework",
    "library", "toolkit", "toolbox", "tool", "tools", "software", "package", "platform", "method",
    "approach", "architecture", "system", "introduction", "overview"});

// Lower-case words inside names: "van der Waals", "de la Cruz", "bin Salman".
constexpr auto kParticles = std::to_array<std::string_view>(
    {"van", "von", "der", "den", "de",  "del", "della", "di",  "da", "dos",
     "das", "du",  "le",  "la",  "ten", "ter", "bin",   "ibn", "y",  "zu"});
// clang-format on

// Letters of names beyond ASCII: Latin-1, Latin Extended and Latin Extended Additional (the
// Vietnamese "ễ", "ầ", "ị"), Greek, Cyrillic, kana, CJK, Hangul.
bool is_name_letter(std::uint32_t cp) {
  return (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) || (cp >= 0x370 && cp <= 0x52F) ||
         (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x3040 && cp <= 0x30FF) ||
         (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF);
}

// Accents written as combining marks after their letter ("e" + U+0302 + U+0303).
bool is_combining_mark(std::uint32_t cp) { return cp >= 0x300 && cp <= 0x36F; }

enum class NameWord { kSurname, kInitial, kParticle, kNot };

NameWord classify_name_word(std::string_view word) {
  std::string lower = bare_lower(word);
  if (listed(kParticles, lower)) return NameWord::kParticle;
  if (listed(kNonNameWords, lower) || is_venue_word(lower)) return NameWord::kNot;
  int letters = 0, upper = 0, lower_count = 0;
  bool first_capital = false, first_seen = false, apostrophe_after_first = false;
  for (std::size_t i = 0; i < word.size();) {
    std::uint32_t cp = 0;
    std::size_t len = decode_utf8(word, i, cp);
    if (len == 0) return NameWord::kNot;
    bool letter = false;
    if (cp < 0x80) {
      char c = static_cast<char>(cp);
      if (is_letter(c)) {
        letter = true;
        upper += is_upper(c) ? 1 : 0;
        lower_count += is_lower(c) ? 1 : 0;
        if (!first_seen) first_capital = is_upper(c);
      } else if (c == '\'') {
        apostrophe_after_first = apostrophe_after_first || letters == 1;
      } else if (c != '-' && c != '.') {
        return NameWord::kNot;
      }
    } else if (cp == 0xB7 && letters > 0) {  // Catalan "l·l", as in Col·lell
    } else if (cp == 0x2019) {               // ’ as in O’Neil
      apostrophe_after_first = apostrophe_after_first || letters == 1;
    } else if (is_name_letter(cp)) {
      letter = true;
      if (!first_seen) first_capital = true;  // "Álvarez", "Øksendal"; no case test beyond ASCII
    } else if (!is_combining_mark(cp) || letters == 0) {
      return NameWord::kNot;
    }
    if (letter) {
      ++letters;
      first_seen = true;
    }
    i += len;
  }
  if (letters == 0) return NameWord::kNot;
  // "J.", "J.-P.", "JY", "É."; not "张三" (a whole name in two characters).
  bool ascii_or_dotted = upper == letters || word.find('.') != std::string_view::npos;
  if (letters <= 2 && lower_count == 0 && ascii_or_dotted) return NameWord::kInitial;
  if (upper >= 3 && upper >= lower_count) return NameWord::kNot;  // "CVPR", "MedIA"
  if (!first_capital && !apostrophe_after_first) return NameWord::kNot;
  return NameWord::kSurname;
}

// Vancouver style writes the initials after the surname, run together: "Siddiquee MMR", "de Vos
// B". Two or three capitals there are initials, not an acronym, when one surname (after its
// particles) precedes them and they are no venue's ("Smith ACM", "He TMI").
bool is_vancouver_name(const std::vector<std::string_view>& words) {
  if (words.size() < 2) return false;
  std::string_view initials = words.back();
  if (initials.size() < 2 || initials.size() > 3) return false;
  for (char c : initials) {
    if (!is_upper(c)) return false;
  }
  if (is_venue_word(bare_lower(initials)) || is_known_venue(initials)) return false;
  for (std::size_t k = 0; k + 2 < words.size(); ++k) {
    if (classify_name_word(words[k]) != NameWord::kParticle) return false;
  }
  return classify_name_word(words[words.size() - 2]) == NameWord::kSurname;
}

}  // namespace

std::string bare_lower(std::string_view word) {
  std::string out;
  for (char c : word) {
    if (c == '.' || c == ',' || c == ':' || c == ';' || c == '(' || c == ')') continue;
    out += is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

std::vector<std::string_view> words_of(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\n')) ++i;
    std::size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\n') ++i;
    if (i > start) out.push_back(text.substr(start, i - start));
  }
  return out;
}

bool is_name_list(std::string_view text) {
  if (text.substr(0, 3) == "by " || text.substr(0, 3) == "By ") text.remove_prefix(3);
  std::vector<std::string> names = split_authors(text);
  bool all = !names.empty();
  for (const auto& name : names) all = all && is_author_name(name);
  return all;
}

bool is_full_name_list(std::string_view text) {
  if (!is_name_list(text)) return false;
  if (text.find(" et al") != std::string_view::npos) return true;
  for (const auto& name : split_authors(text)) {
    if (words_of(name).size() >= 2) return true;
  }
  return false;
}

bool could_be_venue_name(std::string_view text) {
  if (is_vancouver_name(words_of(text))) return false;
  for (auto w : words_of(text)) {
    NameWord kind = classify_name_word(w);
    if (kind == NameWord::kInitial || kind == NameWord::kParticle) return false;
  }
  return true;
}

bool is_author_name(std::string_view name) {
  auto words = words_of(name);
  if (words.empty() || words.size() > kMaxNameWords) return false;
  if (is_vancouver_name(words)) return !is_known_venue(name);
  bool surname = false;
  for (auto w : words) {
    NameWord kind = classify_name_word(w);
    if (kind == NameWord::kNot) return false;
    surname = surname || kind == NameWord::kSurname;
  }
  return surname && !is_known_venue(name);
}

void drop_sentence_period(std::vector<std::string>* authors) {
  if (authors->size() < 2 || authors->back().size() < 2 || authors->back().back() != '.') return;
  for (std::size_t k = 0; k + 1 < authors->size(); ++k) {
    if ((*authors)[k].find('.') != std::string::npos) return;
  }
  std::string& last = authors->back();
  auto words = words_of(last);
  std::string_view initials = words.back().substr(0, words.back().size() - 1);
  for (char c : initials) {
    if (!is_upper(c)) return;
  }
  if (words.size() >= 2 && !initials.empty()) last.pop_back();
}

bool reads_as_names(const std::string& text) {
  std::vector<std::string> names = split_authors(text);
  bool all = !names.empty();
  for (const auto& name : names) all = all && is_author_name(name);
  return all && (names.size() >= 2 || text.find(" et al") != std::string::npos);
}

bool reads_as_author_list(std::string_view text) {
  std::vector<std::string> names = split_authors(text);
  if (names.empty()) return false;
  for (const auto& name : names) {
    if (is_known_venue(name)) return false;
    for (char c : name) {
      if (is_digit(c)) return false;
    }
    for (auto w : words_of(name)) {
      if (is_venue_word(bare_lower(w))) return false;
    }
  }
  return true;
}

}  // namespace paper
