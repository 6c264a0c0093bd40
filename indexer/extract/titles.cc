// Everything about a PDF's title: footnote marks, junk metadata titles, the authors in the
// metadata, and the title guessed from the first page's lines.
#include "indexer/extract/titles.h"

#include <algorithm>
#include <cctype>
#include <iterator>

#include "common/text.h"
#include "common/text_cleanup.h"

namespace paper {

namespace {

bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Short words a title line may end with, or its next line begin with, when the title goes on.
constexpr std::string_view kLinkWords[] = {"a",    "an",    "and", "at",   "by",      "for",
                                           "from", "in",    "of",  "on",   "or",      "the",
                                           "to",   "using", "via", "with", "towards", "through"};

// Footnote marks a word of a title may end with ("package∗", "Title†", "v1.3a¹").
// normalize_for_match keeps the Latin-1 ones as letters; a version must be seen without any.
constexpr std::string_view kFootnoteMarks[] = {
    "*",      "\u2217", "\u2020", "\u2021", "\u22C6", "\u00A7", "\u00B6",  // * ∗ † ‡ ⋆ § ¶
    "\u00B9", "\u00B2", "\u00B3", "\u2070", "\u2074", "\u2075", "\u2076",  // ¹ ² ³ ⁰ ⁴ ⁵ ⁶
    "\u2077", "\u2078", "\u2079"};                                         // ⁷ ⁸ ⁹

// Words a running header, a stamp or a copyright line has, and a title seldom has.
constexpr std::string_view kHeaderMarkers[] = {
    "arxiv",    "journal",   "proceedings", "vol.",       "volume", "doi",      "http",
    "\xC2\xA9", "copyright", "preprint",    "conference", "issn",   "received", "accepted"};

// Of kHeaderMarkers, those a title may hold when it names a venue: "LaTeX Class for The Israel
// Journal of Mathematics".
constexpr std::string_view kVenueMarkers[] = {"journal", "proceedings", "conference"};

// Lines that label a part of the page or the kind of paper, not a title, however short the
// title may be.
constexpr std::string_view kLabels[] = {
    "abstract",       "keywords",         "contents",  "table of contents", "introduction",
    "preface",        "summary",          "article",   "research article",  "original article",
    "review article", "letter",           "editorial", "technical report",  "preprint",
    "draft",          "extended abstract"};

// Lower-case words that may come between the parts of people's names.
constexpr std::string_view kNameParticles[] = {"and", "&",  "van", "von", "der", "den", "de",
                                               "del", "da", "di",  "du",  "la",  "le",  "y"};

template <std::size_t N>
bool is_one_of(std::string_view word, const std::string_view (&list)[N]) {
  return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

bool is_ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

// Letters as the title rules count them: ASCII letters and the first byte of every other
// character from U+0080 on (accented letters, CJK).
int letter_count(std::string_view text) {
  return static_cast<int>(std::count_if(text.begin(), text.end(), [](char c) {
    return is_ascii_alpha(c) || static_cast<unsigned char>(c) >= 0xC0;
  }));
}

std::vector<std::string_view> split_words(std::string_view line) {
  std::vector<std::string_view> words;
  std::size_t start = 0;
  while (start < line.size()) {
    std::size_t end = std::min(line.find(' ', start), line.size());
    if (end > start) words.push_back(line.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

bool is_link_word(std::string_view word) {
  return is_one_of(normalize_for_match(word), kLinkWords);
}

// Whether a title line ends in a way that says the title goes on: "...Segmentation:", "...for".
bool title_goes_on(std::string_view line) {
  for (std::string_view end : {":", ",", "-", "\u2013", "\u2014"}) {
    if (line.size() >= end.size() && line.substr(line.size() - end.size()) == end) return true;
  }
  return is_link_word(line.substr(line.rfind(' ') + 1));
}

// Whether the line after a title line continues it: "with Few Labels".
// Not "a" ("a Affiliation1, City" under the authors) nor a link word alone ("by" over them).
bool continues_title(std::string_view following) {
  const std::size_t space = following.find(' ');
  const std::string_view first = following.substr(0, space);
  return !following.empty() && following[0] >= 'a' && following[0] <= 'z' &&
         space != std::string_view::npos && first != "a" && is_link_word(first);
}

// Two or more capitals, then at most some punctuation: "NGINEERING", "ITLE:".
bool is_capitals_run(std::string_view word) {
  std::size_t n = 0;
  while (n < word.size() && is_ascii_upper(word[n])) ++n;
  return n >= 2 && word.find_first_not_of(".,:;!?", n) == std::string_view::npos;
}

// Small capitals come out of some PDFs as a lone capital and the rest of the word: "E NGINEERING
// N OTEBOOK". Joined only when most capital words of the line are such rests and one of the lone
// capitals is no word of its own (not "A" or "I"), so that "VITAMIN D DEFICIENCY" and "A SAMPLE
// PAPER" stay as they are.
std::string join_letter_spaced(std::string_view line) {
  const std::vector<std::string_view> words = split_words(line);
  auto lone_capital = [&](std::size_t i) {
    return words[i].size() == 1 && is_ascii_upper(words[i][0]) && i + 1 < words.size() &&
           is_capitals_run(words[i + 1]);
  };
  std::size_t runs = 0, pairs = 0, plain_pairs = 0;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (is_capitals_run(words[i])) ++runs;
    if (lone_capital(i) && !is_link_word(words[i + 1])) {
      ++pairs;
      if (words[i] != "A" && words[i] != "I") ++plain_pairs;
    }
  }
  if (plain_pairs == 0 || pairs * 2 <= runs) return std::string(line);
  std::string joined;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!joined.empty()) joined += ' ';
    joined += words[i];
    if (lone_capital(i)) joined += words[++i];
  }
  return joined;
}

// A running header, an arXiv stamp or a copyright line. A line naming a journal is a title when
// it goes on to the next line and has no digits (a header has a volume or a year): "LaTeX Class
// for The Israel Journal of" / "Mathematics".
bool is_header_line(std::string_view line) {
  const std::string lower = ascii_lower(line);
  bool venue_only = true, found = false;
  for (std::string_view marker : kHeaderMarkers) {
    if (lower.find(marker) == std::string::npos) continue;
    found = true;
    if (!is_one_of(marker, kVenueMarkers)) venue_only = false;
  }
  if (!found) return false;
  if (!venue_only || std::any_of(lower.begin(), lower.end(), is_ascii_digit)) return true;
  for (std::string_view marker : kVenueMarkers) {
    if (lower.starts_with(marker)) return true;
  }
  return !is_link_word(line.substr(line.rfind(' ') + 1));
}

// A name compared with another: letters and digits, lower-cased, without accents and marks.
std::string name_key(std::string_view name) {
  return normalize_for_match(title_without_footnote_marks(clean_line(name)));
}

// The keys of the Author metadata, whole and name by name; empty without authors.
std::vector<std::string> author_keys(std::string_view author) {
  const std::vector<std::string> names = authors_from_metadata(author);
  if (names.empty()) return {};
  std::vector<std::string> keys = {name_key(author)};
  for (const std::string& name : names) keys.push_back(name_key(name));
  return keys;
}

// A line of the authors' names, whole or as a list: "Boris Veytsman, A. U. Thør, and C. O.
// Rëspondent‡" for the Author metadata "Boris Veytsman, A. U. Thør, and C. O. Rëspondent".
bool is_author_line(std::string_view line, const std::vector<std::string>& keys) {
  if (keys.empty()) return false;
  auto known = [&](std::string_view name) {
    return std::find(keys.begin(), keys.end(), name_key(name)) != keys.end();
  };
  if (known(line)) return true;
  const std::vector<std::string> names = authors_from_metadata(title_without_footnote_marks(line));
  return !names.empty() && std::all_of(names.begin(), names.end(), known);
}

// A line of people's names as a title page sets them under the title: "Nathaniel J. Smith",
// "K. Burdzy", "Aaron Feickert and Jonathan Totushek". Capitalized words and initials only, at
// least two of them. A title in title case ("Typesetting Cryptography") passes too: the caller
// only asks about the lines after a short first line.
bool is_name_line(std::string_view line) {
  const std::string text = title_without_footnote_marks(line);
  int names = 0, words = 0;
  for (std::string_view word : split_words(text)) {
    while (!word.empty() && word.back() == ',') word.remove_suffix(1);
    word = without_footnote_marks(word);
    if (word.empty()) continue;
    if (++words > 10) return false;
    if (is_one_of(word, kNameParticles)) continue;
    const bool capitalized = is_ascii_upper(word[0]) || static_cast<unsigned char>(word[0]) >= 0xC0;
    const bool plain = std::all_of(word.begin(), word.end(), [](char c) {
      return is_ascii_alpha(c) || c == '-' || c == '\'' || c == '.' ||
             static_cast<unsigned char>(c) >= 0x80;
    });
    if (!capitalized || !plain) return false;
    ++names;
  }
  return names >= 2;
}

// A line of a title block that holds no title: an e-mail address, a version, a date.
bool is_byline_detail(std::string_view line) {
  const std::string lower = ascii_lower(trim(line));
  if (lower.find('@') != std::string::npos ||
      (lower.find(" at ") != std::string::npos && lower.find(" dot ") != std::string::npos)) {
    return true;  // "njs@pobox.com", "claudio dot beccari at gmail dot com"
  }
  if (lower.starts_with("version") || lower.starts_with("release") ||
      (lower.size() > 1 && lower[0] == 'v' && is_ascii_digit(lower[1]))) {
    return true;
  }
  // A year: "July 2, 2011", "2019/09/30", "23 February 2017".
  if (split_words(lower).size() > 8) return false;
  for (std::size_t i = 0; i + 4 <= lower.size(); ++i) {
    const bool alone = (i == 0 || !is_ascii_digit(lower[i - 1])) &&
                       (i + 4 == lower.size() || !is_ascii_digit(lower[i + 4]));
    const std::string_view four = std::string_view(lower).substr(i, 4);
    if (alone && std::all_of(four.begin(), four.end(), is_ascii_digit) &&
        (four.starts_with("19") || four.starts_with("20"))) {
      return true;
    }
  }
  return false;
}

// Whether a title has enough words and letters: a name or a label has fewer. Letter-spaced
// capitals are set for display, as a title is: two words are enough ("ENGINEERING NOTEBOOK").
bool long_enough(std::string_view title) {
  const std::string as_set = title_without_footnote_marks(title);
  const std::string text = title_without_footnote_marks(join_letter_spaced(title));
  const std::size_t min_words = text.size() < as_set.size() ? 2 : 3;
  return split_words(text).size() >= min_words && letter_count(text) >= 15;
}

// Whether a line ends where a title cannot: "A SAMPLE PAPER:", "... Package for"; not a label
// such as "Abstract:".
bool ends_open(std::string_view line) {
  const std::string text = trim(line);
  if (text.empty() || is_one_of(normalize_for_match(text), kLabels)) return false;
  return text.back() == ':' || is_link_word(text.substr(text.rfind(' ') + 1));
}

// A manual's title page: a short title first ("prooftrees", "The apa6e class∗"), then its
// authors' names and a version, date or e-mail line. filled holds the indexes of the page's
// first lines that are not blank.
bool opens_title_block(const std::vector<std::string_view>& lines,
                       const std::vector<std::size_t>& filled,
                       const std::vector<std::string>& authors) {
  if (filled.size() < 2) return false;
  const std::string_view first = lines[filled[0]];
  const std::string text = title_without_footnote_marks(first);
  if (letter_count(text) < 3 || split_words(text).size() > 6 || is_header_line(first) ||
      is_byline_detail(first) || is_author_line(first, authors) ||
      is_one_of(normalize_for_match(text), kLabels)) {
    return false;
  }
  std::size_t k = 1;
  while (k < filled.size() && k <= 3 && is_name_line(lines[filled[k]])) ++k;
  return k < filled.size() && is_byline_detail(lines[filled[k]]);
}

// The title that starts on lines[at], with up to two lines that continue it. A title set on two
// lines ("...Segmentation:" / "A Short Review", "... Package for" / "LaTeX") must be read whole,
// to be shown and so that another paper with the same main title fails the title check; a
// footnote mark ends it.
std::string title_from(const std::vector<std::string_view>& lines, std::size_t at,
                       const std::vector<std::string>& authors) {
  std::string title = trim(join_letter_spaced(lines[at]));
  for (std::size_t next = at + 1; next < lines.size() && next <= at + 2; ++next) {
    const std::string line = trim(lines[next - 1]);
    if (without_footnote_marks(line).size() < line.size()) break;
    const std::string following = trim(join_letter_spaced(lines[next]));
    if (following.empty() || !(title_goes_on(line) || continues_title(following)) ||
        is_author_line(following, authors)) {
      break;
    }
    // "state-of-the-" / "art": clean_page_text kept the hyphen of a compound.
    if (title.back() != '-' || (title.size() > 1 && title[title.size() - 2] == ' ')) title += ' ';
    title += following;
  }
  return title_without_footnote_marks(title);
}

}  // namespace

std::string_view without_footnote_marks(std::string_view token) {
  for (bool cut = true; cut;) {
    cut = false;
    for (std::string_view mark : kFootnoteMarks) {
      if (token.size() <= mark.size() || token.substr(token.size() - mark.size()) != mark) continue;
      const std::size_t before = token.size() - mark.size() - 1;
      if (mark == "*" && is_ascii_upper(token[before]) &&
          (before == 0 || token[before - 1] == ' ')) {
        return token;  // "A*"
      }
      token.remove_suffix(mark.size());
      cut = true;
    }
  }
  return token;
}

std::string title_without_footnote_marks(std::string_view title) {
  std::string out = trim(title);
  for (;;) {
    std::string cut = trim(without_footnote_marks(out));
    if (cut.size() == out.size()) return out;
    out = std::move(cut);
  }
}

bool is_junk_title(std::string_view title, std::string_view author) {
  const std::string lower = ascii_lower(title);
  if (letter_count(title) < 3) return true;
  for (std::string_view junk :
       {"microsoft word", "untitled", "powerpoint", "template", "slide 1", "no title given",
        "latex with hyperref", "use style:", "confidential review copy", "do not distribute",
        "insert your title", "type title here"}) {
    if (lower.find(junk) != std::string::npos) return true;
  }
  const std::string trimmed = trim(lower);
  for (std::string_view ext : {".pdf", ".doc", ".docx", ".dvi", ".tex", ".ps", ".indd", ".rtf"}) {
    if (trimmed.size() >= ext.size() &&
        trimmed.compare(trimmed.size() - ext.size(), ext.size(), ext) == 0) {
      return true;
    }
  }
  // A file name or a path without its extension: "pub__latex__ijmart__ijmart", "paper_v3".
  if (trimmed.find(' ') == std::string::npos &&
      trimmed.find_first_of("_/\\") != std::string::npos) {
    return true;
  }
  // TeX code that was not expanded: "blue!50!blackCquThesis", "\textbf{...}".
  if (trimmed.find_first_of("\\{}") != std::string::npos) return true;
  for (std::size_t i = 1; i + 1 < trimmed.size(); ++i) {
    if (trimmed[i] == '!' && std::isalnum(static_cast<unsigned char>(trimmed[i - 1])) &&
        std::isalnum(static_cast<unsigned char>(trimmed[i + 1]))) {
      return true;
    }
  }
  for (std::string_view generic : {"undefined", "title", "paper title", "document1", "manuscript",
                                   "preprint", "paper", "article", "main", "output"}) {
    if (trimmed == generic) return true;
  }
  if (trimmed.starts_with("doi:") || trimmed.starts_with("arxiv:")) return true;
  // The author's name where the title belongs.
  const std::vector<std::string> keys = author_keys(author);
  return std::find(keys.begin(), keys.end(), name_key(title)) != keys.end();
}

std::vector<std::string> authors_from_metadata(std::string_view author) {
  constexpr std::size_t kMaxAuthors = 50;
  // Every separator becomes a comma (built anew: std::string::replace here set off GCC 12's
  // -Wrestrict false positive).
  std::string text;
  text.reserve(author.size());
  for (std::size_t i = 0; i < author.size();) {
    std::size_t n = 0;
    for (std::string_view sep : {" and ", " AND ", ";", "&"}) {
      if (author.substr(i, sep.size()) == sep) n = sep.size();
    }
    if (n > 0) {
      text += ',';
      i += n;
    } else {
      text += author[i++];
    }
  }
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size() && out.size() < kMaxAuthors) {
    std::size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    std::string name = trim(clean_line(text.substr(start, end - start)));
    start = end + 1;
    int letters = 0, others = 0;
    for (char c : name) {
      const auto b = static_cast<unsigned char>(c);
      if (is_ascii_alpha(c) || b >= 0xC0) {
        ++letters;
      } else if (b < 0x80 && c != ' ' && c != '.' && c != '-' && c != '\'') {
        ++others;
      }
    }
    std::string lower;
    for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const bool placeholder = lower == "unknown" || lower == "administrator" || lower == "admin" ||
                             lower == "user" || lower == "author" || lower == "anonymous";
    if (letters >= 2 && others * 2 < letters && !placeholder) out.push_back(name);
  }
  return out;
}

std::string guess_title_from_page(std::string_view page_text, std::string_view author) {
  // The title is among the first lines that are not blank; a few more show whether a short
  // first line heads a title block.
  constexpr std::size_t kTitleLines = 12, kBlockLines = 4;
  const std::vector<std::string> authors = author_keys(author);
  const std::vector<std::string_view> lines = split_lines(page_text);
  std::vector<std::size_t> filled;
  for (std::size_t i = 0; i < lines.size() && filled.size() < kTitleLines + kBlockLines; ++i) {
    if (!trim(lines[i]).empty()) filled.push_back(i);
  }
  for (std::size_t k = 0; k < filled.size() && k < kTitleLines; ++k) {
    const std::string_view line = lines[filled[k]];
    const bool block = k == 0 && opens_title_block(lines, filled, authors);
    if (!block && (line.size() > 300 || is_header_line(line) || is_author_line(line, authors))) {
      continue;
    }
    std::string title = title_from(lines, filled[k], authors);
    // A title set on short lines ("A SAMPLE PAPER:" / "A TEMPLATE") is measured whole.
    if (block || long_enough(ends_open(line) ? std::string_view(title) : line)) return title;
  }
  return {};
}

}  // namespace paper
