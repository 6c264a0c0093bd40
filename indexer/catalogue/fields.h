// Reading the fields of an entry from the loose text lists use: venue/year tags, author lists,
// titles and headings. Pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace paper {

struct VenueYear {
  std::string venue;        // "" when none
  std::optional<int> year;  // as written (may be implausible, e.g. 1018); nullopt when none
  bool empty() const { return venue.empty() && !year; }
  bool operator==(const VenueYear&) const = default;
};

// Reads "[CVPR'24]"-style tag text: "CVPR'24", "MICCAI 2023", "2024 MedIA", "TPAMI, 2024",
// "MICCAI-2023", "IEEE Access, 2021". A standalone 4-digit number is the year; a 2-digit number
// after an apostrophe is 20xx; the remaining words are the venue.
VenueYear parse_venue_year(std::string_view text);

// True when text names a well-known venue (case-insensitive): "MICCAI", "CVPR", "MedIA", ...
bool is_known_venue(std::string_view text);

// Whether a word is part of a date, not of a venue: a month ("Dec.", "September"), an ordinal
// ("7th", "1st") or a day number ("12").
bool is_date_word(std::string_view word);

// Whether text is a date without its year ("7th Dec.", "Dec 12"): every word is a date word.
bool is_date_text(std::string_view text);

// The first standalone year 1900..2099 in free text, or nullopt.
std::optional<int> find_year(std::string_view text);

// Whether a year is plausible for a paper: 1900..(current year + 1).
bool is_plausible_year(int year);

// Splits an author list on ',', ';', " and ", " & " and a middle dot between spaces (" · ");
// trims each name, collapses inner spaces, drops "et al." (alone or at the end of a name),
// "others" and empty names.
std::vector<std::string> split_authors(std::string_view text);

// A table's authors cell: names separated by "<br>" ("<BR/>", "<br />") as well as by what
// split_authors splits on; inline Markdown and other HTML removed.
std::vector<std::string> split_author_cell(std::string_view cell);

// A title as written, cleaned: white space collapsed; a leading separator ("- ", "– ", ": "),
// trailing '\', ',', ';', ':' and '.' and surrounding quotes removed.
std::string clean_title(std::string_view text);

// text without the separators that open the text after a link ("- ", "– ", "— ", ": ", ", ",
// "| "), each a punctuation mark followed by a space or ending text; white space trimmed.
std::string strip_leading_separators(std::string_view text);

// A heading's readable text: inline Markdown and HTML removed, trailing '#'s and leading
// symbols/emoji removed ("🔍 Generative Models" -> "Generative Models").
std::string clean_heading(std::string_view heading_markdown);

// Link labels that describe the link, not the paper ("Paper", "PDF", "Code", "arXiv", ...).
bool is_generic_link_label(std::string_view label);

// Whether anything of text is left by normalize_for_match: a letter or a digit, not only white
// space and punctuation.
bool has_letter_or_digit(std::string_view text);

}  // namespace paper
