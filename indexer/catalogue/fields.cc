#include "indexer/catalogue/fields.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <ctime>

#include "common/text.h"
#include "indexer/catalogue/inline_markdown.h"

namespace paper {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

int current_year() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  return tm.tm_year + 1900;
}

// Byte length of the UTF-8 apostrophes ’ and ‘ at s[i], or 0.
std::size_t curly_quote_at(std::string_view s, std::size_t i) {
  if (s.substr(i, 3) == "\xE2\x80\x99" || s.substr(i, 3) == "\xE2\x80\x98") return 3;
  return 0;
}

// clang-format off
// Venues the lists name, normalized (normalize_for_match); then journals as citations abbreviate
// them (ISO 4, as PubMed writes them: "Eur Radiol", "Med Image Anal").
constexpr auto kVenues = std::to_array<std::string_view>({
    "miccai", "cvpr", "iccv", "eccv", "wacv", "bmvc", "accv", "neurips", "nips", "iclr", "icml",
    "aaai", "ijcai", "midl", "isbi", "ipmi", "tmi", "ieee tmi", "media", "mia", "tpami", "pami",
    "jbhi", "tbme", "tip", "tnnls", "tmm", "ijcv", "nature", "nature methods",
    "nature communications", "nature medicine", "scientific reports", "radiology", "arxiv",
    "acm mm", "kdd", "mlhc", "chil", "mlmi", "dali", "cibm", "ieee access", "neurocomputing",
    "medical physics", "pmb", "miua", "spie", "embc", "iclr workshop", "cvprw", "iccvw", "eccvw",
    "miccai workshop", "lancet", "jama", "nejm", "plos one", "bioinformatics",
    "pattern recognition", "information fusion", "tcsvt", "tgrs", "mlr",
    "eur radiol", "eur j radiol", "br j radiol", "acad radiol", "invest radiol",
    "radiol artif intell", "med phys", "phys med biol", "med image anal",
    "ieee trans med imaging", "ieee trans biomed eng", "ieee j biomed health inform",
    "ieee trans pattern anal mach intell", "ieee trans image process",
    "int j comput assist radiol surg", "comput med imaging graph", "comput biol med",
    "comput methods programs biomed", "j digit imaging", "j med imaging", "magn reson med",
    "magn reson imaging", "neuroimage", "insights imaging", "bmc med imaging", "sci rep",
    "nat methods", "nat commun", "nat med", "npj digit med", "lancet digit health",
    "med image comput comput assist interv"});
// clang-format on

// "CVPR2021", "MICCAI2020": an acronym or a known venue glued to a year 1900..2099.
std::optional<int> glued_year(std::string_view word) {
  if (word.size() < 6) return std::nullopt;
  std::string_view prefix = word.substr(0, word.size() - 4), digits = word.substr(prefix.size());
  for (char c : digits) {
    if (!is_digit(c)) return std::nullopt;
  }
  if (digits.substr(0, 2) != "19" && digits.substr(0, 2) != "20") return std::nullopt;
  bool acronym = true;
  for (char c : prefix) acronym = acronym && c >= 'A' && c <= 'Z';
  if (!acronym && !is_known_venue(prefix)) return std::nullopt;
  return std::stoi(std::string(digits));
}

}  // namespace

bool is_known_venue(std::string_view text) {
  std::string n = normalize_for_match(text);
  for (auto v : kVenues) {
    if (n == v) return true;
  }
  return false;
}

bool is_plausible_year(int year) { return year >= 1900 && year <= current_year() + 1; }

VenueYear parse_venue_year(std::string_view text) {
  VenueYear out;
  std::vector<std::string> words;
  std::string word;
  auto end_word = [&] {
    if (!word.empty()) words.push_back(std::move(word));
    word.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    char c = text[i];
    std::size_t quote = curly_quote_at(text, i);
    bool apostrophe = c == '\'' || quote > 0;
    if (apostrophe) {
      // 'YY after a word: a two-digit year.
      std::size_t j = i + (quote > 0 ? quote : 1);
      if (j + 2 <= text.size() && is_digit(text[j]) && is_digit(text[j + 1]) &&
          (j + 2 == text.size() || !is_digit(text[j + 2]))) {
        end_word();
        int yy = (text[j] - '0') * 10 + (text[j + 1] - '0');
        if (!out.year) out.year = yy <= (current_year() % 100) + 1 ? 2000 + yy : 1900 + yy;
        i = j + 2;
        continue;
      }
      end_word();
      i = j;
      continue;
    }
    if (c == ' ' || c == '\t' || c == ',' || c == '-' || c == '_' || c == '/' || c == '(' ||
        c == ')' || c == ':' || c == ';' || c == '|') {
      end_word();
      ++i;
      continue;
    }
    word += c;
    ++i;
  }
  end_word();
  std::string venue;
  for (const auto& w : words) {
    bool all_digits = !w.empty();
    for (char c : w) all_digits = all_digits && is_digit(c);
    if (all_digits && w.size() == 4) {
      if (!out.year) out.year = std::stoi(w);
      continue;
    }
    std::string word = w;
    if (auto glued = glued_year(w)) {
      if (!out.year) out.year = glued;
      word.resize(w.size() - 4);
    }
    if (!venue.empty()) venue += ' ';
    venue += word;
  }
  out.venue = std::move(venue);
  return out;
}

bool is_date_word(std::string_view word) {
  static constexpr auto kMonths = std::to_array<std::string_view>(
      {"jan",  "january",   "feb",  "february", "mar",  "march",    "apr",    "april",
       "may",  "jun",       "june", "jul",      "july", "aug",      "august", "sep",
       "sept", "september", "oct",  "october",  "nov",  "november", "dec",    "december"});
  std::string w = normalize_for_match(word);
  if (w.empty() || w.find(' ') != std::string::npos) return false;
  if (std::find(kMonths.begin(), kMonths.end(), w) != kMonths.end()) return true;
  std::size_t digits = 0;
  while (digits < w.size() && is_digit(w[digits])) ++digits;
  if (digits == 0 || digits > 2) return false;
  std::string_view suffix = std::string_view(w).substr(digits);
  return suffix.empty() || suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th";
}

bool is_date_text(std::string_view text) {
  bool any = false;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == ',')) ++i;
    std::size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != ',') ++i;
    if (i == start) break;
    if (!is_date_word(text.substr(start, i - start))) return false;
    any = true;
  }
  return any;
}

std::optional<int> find_year(std::string_view text) {
  for (std::size_t i = 0; i + 4 <= text.size(); ++i) {
    if (!(text[i] == '1' && text[i + 1] == '9') && !(text[i] == '2' && text[i + 1] == '0')) {
      continue;
    }
    if (i > 0 && (is_digit(text[i - 1]) || is_alpha(text[i - 1]) || text[i - 1] == '.')) continue;
    if (!is_digit(text[i + 2]) || !is_digit(text[i + 3])) continue;
    if (i + 4 < text.size() && (is_digit(text[i + 4]) || is_alpha(text[i + 4]))) continue;
    return std::stoi(std::string(text.substr(i, 4)));
  }
  return std::nullopt;
}

std::vector<std::string> split_authors(std::string_view text) {
  std::vector<std::string> pieces;
  std::string current;
  auto push = [&] {
    std::string name = collapse_space(current);
    current.clear();
    // "and Afshin Bozorgpour" after a comma.
    if (name.rfind("and ", 0) == 0) name.erase(0, 4);
    if (name.rfind("& ", 0) == 0) name.erase(0, 2);
    for (std::string_view suffix : {" et al.", " et al", " etc.", " et. al."}) {
      if (name.size() >= suffix.size() &&
          name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
        name.resize(name.size() - suffix.size());
      }
    }
    while (!name.empty() && (name.back() == ' ' || name.back() == ',')) name.pop_back();
    std::string n = normalize_for_match(name);
    if (n.empty() || n == "et al" || n == "others" || n == "etc" || n == "and") return;
    pieces.push_back(name);
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == ',' || c == ';') {
      push();
      continue;
    }
    if (c == ' ' && (text.substr(i, 5) == " and " || text.substr(i, 3) == " & ")) {
      push();
      i += text[i + 1] == 'a' ? 4 : 2;
      continue;
    }
    // "Ann Lee · Bo Chen": a middle dot between spaces (inside a word it is Catalan's "l·l").
    if (c == ' ' && text.substr(i, 4) == " \xC2\xB7 ") {
      push();
      i += 3;
      continue;
    }
    current += c;
  }
  push();
  return pieces;
}

std::vector<std::string> split_author_cell(std::string_view cell) {
  std::string joined;
  std::size_t i = 0;
  while (i < cell.size()) {
    // "<br>", "<BR/>", "<br />".
    std::size_t end = i;
    if (cell[i] == '<' && i + 3 < cell.size() && (cell[i + 1] == 'b' || cell[i + 1] == 'B') &&
        (cell[i + 2] == 'r' || cell[i + 2] == 'R')) {
      end = i + 3;
      while (end < cell.size() && cell[end] == ' ') ++end;
      if (end < cell.size() && cell[end] == '/') ++end;
      end = end < cell.size() && cell[end] == '>' ? end + 1 : i;
    }
    if (end > i) {
      joined += ", ";
      i = end;
    } else {
      joined += cell[i++];
    }
  }
  return split_authors(inline_plain_text(joined));
}

std::string strip_leading_separators(std::string_view text) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_space(text[i])) ++i;
    std::string_view t = text.substr(i);
    std::size_t mark = 0;
    if (t.substr(0, 3) == "\xE2\x80\x93" || t.substr(0, 3) == "\xE2\x80\x94") {
      mark = 3;
    } else if (!t.empty() &&
               (t[0] == '-' || t[0] == ':' || t[0] == ',' || t[0] == ';' || t[0] == '|')) {
      mark = 1;
    }
    if (mark == 0 || (t.size() > mark && !is_space(t[mark]))) break;
    i += mark;
  }
  return trim(text.substr(std::min(i, text.size())));
}

std::string clean_title(std::string_view text) {
  std::string t = strip_leading_separators(collapse_space(text));
  bool changed = true;
  while (changed && !t.empty()) {
    changed = false;
    char b = t.back();
    if (b == '\\' || b == ',' || b == ';' || b == ':' || b == '.' || b == ' ' || b == '-') {
      // Keep "et al." style abbreviations out of scope: titles rarely end in an abbreviation.
      t.pop_back();
      changed = true;
    }
  }
  // Surrounding quotes: "..." or “...”.
  if (t.size() >= 2 && t.front() == '"' && t.back() == '"') t = t.substr(1, t.size() - 2);
  if (t.size() >= 6 && t.rfind("\xE2\x80\x9C", 0) == 0 &&
      t.compare(t.size() - 3, 3, "\xE2\x80\x9D") == 0) {
    t = t.substr(3, t.size() - 6);
  }
  return collapse_space(t);
}

std::string clean_heading(std::string_view heading_markdown) {
  std::string text = inline_plain_text(heading_markdown);
  while (!text.empty() && (text.back() == '#' || text.back() == ' ')) text.pop_back();
  // Drop leading symbols and emoji (anything that is not a letter or digit), ASCII or not.
  std::size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (std::isalnum(c)) break;
      ++i;
      continue;
    }
    // Decode one code point; letters of Latin-1/Extended and most scripts end the prefix,
    // symbols (U+2000.., private use, emoji) do not.
    std::uint32_t cp = 0;
    std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (i + len > text.size()) break;
    cp = len == 4 ? (c & 0x07) : len == 3 ? (c & 0x0F) : len == 2 ? (c & 0x1F) : c;
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (text[i + k] & 0x3F);
    bool symbol = (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0xE000 && cp <= 0xF8FF) ||
                  cp >= 0x1F000 || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xA0 ||
                  (cp >= 0x80 && cp <= 0xBF);
    if (!symbol) break;
    i += len;
  }
  return collapse_space(text.substr(i));
}

bool is_generic_link_label(std::string_view label) {
  static constexpr std::array<std::string_view, 48> kGeneric = {"",
                                                                "paper",
                                                                "pdf",
                                                                "code",
                                                                "github",
                                                                "gitlab",
                                                                "arxiv",
                                                                "project",
                                                                "project page",
                                                                "link",
                                                                "links",
                                                                "website",
                                                                "web",
                                                                "page",
                                                                "url",
                                                                "html",
                                                                "abs",
                                                                "abstract",
                                                                "official",
                                                                "supp",
                                                                "supplementary",
                                                                "slides",
                                                                "video",
                                                                "poster",
                                                                "dataset",
                                                                "data",
                                                                "demo",
                                                                "blog",
                                                                "doi",
                                                                "openreview",
                                                                "springer",
                                                                "ieee",
                                                                "journal",
                                                                "conference",
                                                                "homepage",
                                                                "repo",
                                                                "repository",
                                                                "download",
                                                                "bibtex",
                                                                "citation",
                                                                "paper link",
                                                                "code link",
                                                                "pytorch",
                                                                "tensorflow",
                                                                "implementation",
                                                                "official code",
                                                                "model",
                                                                "preprint"};
  std::string n = normalize_for_match(label);
  for (auto g : kGeneric) {
    if (n == g) return true;
  }
  return false;
}

bool has_letter_or_digit(std::string_view text) { return !normalize_for_match(text).empty(); }

}  // namespace paper
