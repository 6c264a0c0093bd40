// Internal to the byline reader (byline.cc, byline_names.cc, byline_venues.cc), not part of
// byline.h: what the words of a byline are. The ASCII tests and word splitting all three share,
// whether words read as people's names (byline_names.cc), and whether they read as a venue or hold
// a year (byline_venues.cc). Pure functions.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace paper {

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
inline bool is_letter(char c) { return is_upper(c) || is_lower(c); }
inline bool is_alnum(char c) { return is_letter(c) || is_digit(c); }

template <std::size_t N>
bool listed(const std::array<std::string_view, N>& list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

// clang-format off
// Abbreviations whose period does not end a sentence: "IEEE Trans. Med. Imaging".
inline constexpr auto kBylineAbbreviations = std::to_array<std::string_view>(
    {"proc", "trans", "int",     "intl", "conf", "symp", "vol",  "no",     "pp",
     "jr",   "sr",    "dr",      "vs",   "med",  "sci",  "eng",  "comput", "res",
     "appl", "anal",  "biomed",  "inf",  "lett", "rev",  "phys", "mach",   "intell",
     "tech", "syst",  "process", "adv",  "eur",  "ann",  "assoc"});
// clang-format on

// Lower-cased ASCII, without the punctuation that ends or opens a word ("Trans." -> "trans").
std::string bare_lower(std::string_view word);

// The words of text, split at spaces and line ends.
std::vector<std::string_view> words_of(std::string_view text);

// Whether text is a list of people's names, in any style ("Ann Lee, Bo Chen", "Lee, Chen",
// "by Ann Lee", "Lee et al.").
bool is_name_list(std::string_view text);

// Whether a list of names is closed for a lone word after it: "et al." ends it, or a name of two
// words or more shows that the list gives full names ("Ann Lee, Bo Chen, TUGboat 2019"), which
// a lone word is not. After surnames only ("Lee, Chen, Brox 2015") a lone word is one more.
bool is_full_name_list(std::string_view text);

// Drops the period after the last of the authors' initials when it ended the sentence: "Liang
// J." after "Zhou Z" (Vancouver initials have none). Kept when another name has one ("Lee A.,
// Chen B.").
void drop_sentence_period(std::vector<std::string>* authors);

// Whether words that read as a person's name could be a venue's as well: no initial and no
// particle ("Plato", "TUGboat", "Acta Numerica"; not "J. Lee", "van Gogh").
bool could_be_venue_name(std::string_view text);

// Whether a word, lower-cased and bare (bare_lower), is a word of venue names ("journal",
// "transactions", "ieee"); a name holding one is not a person's.
bool is_venue_word(std::string_view lower_word);

// Whether text reads as a venue's name. Strict: a known venue, or its first word is an acronym or
// a venue word ("IEEE ...", "Medical Image Analysis"). Loose: any capitalised words that are not
// a person's name ("Computerized Medical Imaging and Graphics"). Either way every word is
// capitalised, an acronym or a connector ("of", "and").
bool is_venue_text(std::string_view text, bool loose);

// "In CVPR", "In: Proc. MICCAI", "arXiv preprint arXiv:2012.01234" -> "CVPR", "MICCAI",
// "arXiv".
std::string strip_venue_words(std::string_view text);

// "Scientific Reports 9", "Sci Rep 9(1):1234", "CoRR abs/2101.01234" -> the journal's name: text
// without the volume, issue, pages or identifier words at its end (words holding a digit). text
// itself when it ends with none; its first word is always kept.
std::string strip_volume_words(std::string_view text);

// Reads text in a venue's place: sets *venue, and *names when the text began with a name
// ("Xiangyu Zhang CVPR", "Liang J. DLMIA"). False when the text is not confidently a venue.
bool take_venue(std::string_view text, bool loose, std::string* venue, std::string* names);

// Where a year is written in a text, in bytes, and which year it is.
struct YearSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
  int year = 0;
};

// The first year in text: a standalone 1900..2099 ("CVPR 2021", "2021."), glued to an acronym
// ("CVPR2021"), or 'YY after a word ("CVPR'21"). Not part of a longer number or an identifier
// ("arXiv:2012.01234", "v2021").
std::optional<YearSpan> find_year_span(std::string_view s);

// A citation in the NLM's (Vancouver) style, "Lee A, Chen B. Eur Radiol. 2021;31(5):1234-42.",
// rewritten as the byline reader reads a venue before its year: "Lee A, Chen B. Eur Radiol
// 2021." (the journal's closing period, the date after the year, the volume, issue and pages
// dropped; what follows them, such as "doi:...", kept). Text without one is returned as it is.
std::string vancouver_as_venue_year(std::string_view text);

}  // namespace paper
