// Whether words read as a venue and where a year stands (byline_words.h): venue words and
// acronyms ("IEEE", "MedIA"), the words around a venue's name ("In: Proc.", "preprint"), and
// years written as "2021", "CVPR2021" or "CVPR'21".
#include <string>

#include "common/text.h"
#include "indexer/catalogue/byline.h"
#include "indexer/catalogue/byline_words.h"
#include "indexer/catalogue/fields.h"

namespace paper {
namespace {

constexpr std::size_t kMaxVenueWords = 12;
// "Liang J." or "Juan de la Cruz J." before a venue: a name's words, as is_author_name counts.
constexpr std::size_t kMaxNameWordsBeforeVenue = 6;

// clang-format off
// Words of venue names; a name holding one is not a person's.
constexpr auto kVenueWords = std::to_array<std::string_view>({
    "journal", "journals", "transactions", "trans", "proceedings", "proc", "conference", "conf",
    "workshop", "workshops", "symposium", "letters", "review", "reviews", "reports", "report",
    "science", "sciences", "scientific", "nature", "medical", "medicine", "imaging", "image",
    "images", "analysis", "vision", "computer", "computing", "computational", "intelligence",
    "learning", "machine", "neural", "networks", "network", "information", "processing",
    "recognition", "pattern", "systems", "research", "international", "annual", "meeting",
    "society", "communications", "physics", "engineering", "biomedical", "bioinformatics",
    "health", "healthcare", "informatics", "radiology", "methods", "access", "advances",
    "applications", "applied", "technology", "frontiers", "annals", "arxiv", "preprint", "biorxiv",
    "medrxiv", "springer", "elsevier", "neurocomputing", "graphics", "computerized", "signal",
    "robotics", "multimedia", "mining", "knowledge", "artificial", "biology", "clinical",
    "surgery", "oncology", "neuroimage", "neuroscience", "cell", "lancet", "plos", "findings",
    "challenge", "track", "european", "asian", "american", "ieee", "acm", "intl"});

// Lower-case words inside venue names: "Journal of ...", "Advances in ...".
constexpr auto kVenueConnectors = std::to_array<std::string_view>(
    {"of", "on", "and", "for", "in", "the", "&", "de", "und", "preprint", "at"});
// clang-format on

// Acronyms and mixed-case venue names: "CVPR", "MedIA", "NeurIPS", "arXiv", "bioRxiv", "3DV".
bool is_acronym(std::string_view word) {
  int upper = 0, lower = 0;
  for (char c : word) {
    upper += is_upper(c) ? 1 : 0;
    lower += is_lower(c) ? 1 : 0;
  }
  if (upper >= 2 && upper >= lower) return true;
  return !word.empty() && is_lower(word[0]) && upper >= 1;
}

// "Kaiming He CVPR" -> venue "CVPR", names "Kaiming He": the longest known venue (up to 4
// words) that ends the text, after at least one other word. False when none.
bool split_known_venue_suffix(std::string_view text, std::string* venue, std::string* names) {
  auto words = words_of(text);
  std::size_t first = words.size() > 4 ? words.size() - 4 : 1;
  for (std::size_t k = std::max<std::size_t>(first, 1); k < words.size(); ++k) {
    std::string_view suffix = text.substr(static_cast<std::size_t>(words[k].data() - text.data()));
    if (is_known_venue(suffix)) {
      *venue = std::string(suffix);
      *names = trim(text.substr(0, static_cast<std::size_t>(words[k].data() - text.data())));
      return true;
    }
  }
  return false;
}

// "Liang J. DLMIA" -> venue "DLMIA", names "Liang J.": a period after initials ends the names
// of a Vancouver list ("Zhou Z, Liang J. DLMIA 2018"), but no sentence, as initials' periods do
// not. Only a venue by the strict reading follows; "Liang J. Smith" is one name. False when
// none.
bool split_after_initials(std::string_view text, std::string* venue, std::string* names) {
  auto words = words_of(text);
  for (std::size_t k = 1; k + 1 < words.size() && k <= kMaxNameWordsBeforeVenue; ++k) {
    std::string_view w = words[k];
    if (w.size() < 2 || w.size() > 4 || w.back() != '.') continue;
    bool initials = true;
    for (char c : w.substr(0, w.size() - 1)) initials = initials && is_upper(c);
    if (!initials) continue;
    auto cut = static_cast<std::size_t>(w.data() + w.size() - text.data());
    std::string left = trim(text.substr(0, cut)), right = trim(text.substr(cut));
    if (is_author_name(left) && is_venue_text(right, /*loose=*/false)) {
      *venue = right;
      *names = left;
      return true;
    }
  }
  return false;
}

// Whether a word is a volume, an issue, pages or an identifier after a journal's name: "9",
// "9(1):1234", "e1234", "abs/2101.01234", "38(2)".
bool is_volume_word(std::string_view word) {
  bool digit = false;
  for (char c : word) {
    if (is_digit(c)) {
      digit = true;
    } else if (!is_letter(c) && c != '(' && c != ')' && c != ':' && c != '-' && c != '/' &&
               c != '.') {
      return false;
    }
  }
  return digit;
}

}  // namespace

std::string strip_volume_words(std::string_view text) {
  auto words = words_of(text);
  std::size_t keep = words.size();
  while (keep > 1 && is_volume_word(words[keep - 1])) --keep;
  if (keep == words.size()) return std::string(text);
  return trim(text.substr(
      0, static_cast<std::size_t>(words[keep - 1].data() + words[keep - 1].size() - text.data())));
}

bool is_venue_word(std::string_view lower_word) { return listed(kVenueWords, lower_word); }

bool is_venue_text(std::string_view text, bool loose) {
  if (is_known_venue(text)) return true;
  auto words = words_of(text);
  if (words.empty() || words.size() > kMaxVenueWords) return false;
  for (auto w : words) {
    std::string lower = bare_lower(w);
    if (lower.empty() || listed(kVenueConnectors, lower)) continue;
    unsigned char first = static_cast<unsigned char>(w[0]);
    if (!(is_upper(w[0]) || is_digit(w[0]) || first >= 0x80 || is_acronym(w))) return false;
  }
  std::string first = bare_lower(words[0]);
  if (is_acronym(words[0]) || listed(kVenueWords, first)) return true;
  return loose && !is_author_name(text);
}

std::string strip_venue_words(std::string_view text) {
  std::string t = trim(text);
  for (std::string_view in : {"In: ", "in: ", "In ", "in "}) {
    if (t.rfind(in, 0) == 0) {
      t = trim(t.substr(in.size()));
      break;
    }
  }
  for (std::string_view proc : {"Proc. ", "Proc "}) {
    if (t.rfind(proc, 0) == 0) t = trim(t.substr(proc.size()));
  }
  if (bare_lower(t.substr(0, 5)) == "arxiv" && (t.size() == 5 || !is_alnum(t[5]))) {
    return t.substr(0, 5);
  }
  for (std::string_view suffix : {" preprint", " Preprint"}) {
    if (t.size() > suffix.size() &&
        t.compare(t.size() - suffix.size(), suffix.size(), suffix) == 0) {
      t.resize(t.size() - suffix.size());
    }
  }
  return t;
}

bool take_venue(std::string_view text, bool loose, std::string* venue, std::string* names) {
  std::string t = strip_venue_words(text);
  if (!has_letter_or_digit(t)) return false;
  if (is_venue_text(t, /*loose=*/false)) {
    *venue = t;
    return true;
  }
  std::string suffix, leading;
  if (split_known_venue_suffix(t, &suffix, &leading)) {
    *venue = suffix;
    if (is_author_name(leading)) *names = leading;
    return true;
  }
  if (split_after_initials(t, venue, names)) return true;
  if (loose && is_venue_text(t, /*loose=*/true)) {
    *venue = t;
    return true;
  }
  return false;
}

std::optional<YearSpan> find_year_span(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    std::size_t quote = s[i] == '\'' ? 1 : s.substr(i, 3) == "\xE2\x80\x99" ? 3 : 0;
    if (quote > 0 && i > 0 && is_letter(s[i - 1])) {
      std::size_t j = i + quote;
      if (j + 2 <= s.size() && is_digit(s[j]) && is_digit(s[j + 1]) &&
          (j + 2 == s.size() || !is_alnum(s[j + 2]))) {
        if (auto year = parse_venue_year(s.substr(i, j + 2 - i)).year) {
          return YearSpan{i, j + 2, *year};
        }
      }
    }
    if (i + 4 > s.size()) continue;
    if (!(s[i] == '1' && s[i + 1] == '9') && !(s[i] == '2' && s[i + 1] == '0')) continue;
    if (!is_digit(s[i + 2]) || !is_digit(s[i + 3])) continue;
    if (i + 4 < s.size()) {
      char next = s[i + 4];
      if (is_alnum(next)) continue;
      if (next == '.' && i + 5 < s.size() && is_digit(s[i + 5])) continue;
    }
    if (i > 0) {
      char prev = s[i - 1];
      if (is_digit(prev) || prev == '.' || prev == '/' || prev == ':') continue;
      if (is_letter(prev)) {
        std::size_t k = i;
        while (k > 0 && is_letter(s[k - 1])) --k;
        bool acronym = i - k >= 2;
        for (std::size_t m = k; m < i; ++m) acronym = acronym && is_upper(s[m]);
        if (!acronym) continue;
      }
    }
    return YearSpan{i, i + 4, std::stoi(std::string(s.substr(i, 4)))};
  }
  return std::nullopt;
}

namespace {

// The end of "YEAR[ Mon[ Day]];" at text[i] (the ';' included, with a digit after it: the
// volume), else 0. "2021;31", "2020 Jan;59", "2019 Mar-Apr;12", "2021 Mar 15;12".
std::size_t citation_date_end(std::string_view text, std::size_t i) {
  auto span = find_year_span(text.substr(i, 4));
  if (!span || span->begin != 0 || span->end != 4) return 0;
  std::size_t at = i + 4;
  for (int words = 0; words < 2 && at < text.size() && text[at] == ' '; ++words) {
    std::size_t end = text.find_first_of(" ;", at + 1);
    if (end == std::string_view::npos) return 0;
    std::string_view word = text.substr(at + 1, end - at - 1);
    std::size_t dash = word.find('-');
    bool date = dash == std::string_view::npos
                    ? is_date_word(word)
                    : is_date_word(word.substr(0, dash)) && is_date_word(word.substr(dash + 1));
    if (!date) return 0;
    at = end;
  }
  if (at + 1 >= text.size() || text[at] != ';') return 0;
  std::size_t volume = at + 1;
  if (volume < text.size() && text[volume] == ' ') ++volume;
  return volume < text.size() && is_digit(text[volume]) ? at + 1 : 0;
}

}  // namespace

std::string vancouver_as_venue_year(std::string_view text) {
  for (std::size_t dot = text.find(". "); dot != std::string_view::npos;
       dot = text.find(". ", dot + 1)) {
    const std::size_t year = dot + 2;
    const std::size_t date_end = citation_date_end(text, year);
    if (date_end == 0) continue;
    // The journal is the sentence before the year ("Eur Radiol", "IEEE Trans. Med. Imaging"):
    // it must hold a letter.
    bool letters = false;
    for (std::size_t k = dot; k > 0 && text.substr(k - 1, 2) != ". " && !letters; --k) {
      letters = is_letter(text[k - 1]);
    }
    if (!letters) continue;
    // The volume, issue and pages run to the next space: "31(5):1234-1242.".
    std::size_t end = text.find_first_of(" \n", date_end);
    if (end == std::string_view::npos) end = text.size();
    std::string out(text.substr(0, dot));
    out += ' ';
    out += text.substr(year, 4);
    out += '.';
    out += text.substr(end);
    return out;
  }
  return std::string(text);
}

}  // namespace paper
