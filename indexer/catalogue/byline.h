// Reading who wrote a paper and where it appeared from the free text after an entry's title:
// "Alice Smith, Bob Jones. CVPR 2021.", "Authors, Venue Year", "(MICCAI 2023)", " - arXiv 2023".
// A field that cannot be told apart confidently is left empty: a wrong author or venue corrupts
// searches and facets, a missing one only weakens them. The one exception is a name that may be
// a venue ("Plato 2019"): it stays an author, flagged for a warning, so that no name is lost
// silently. Pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "indexer/catalogue/fields.h"

namespace paper {

struct Byline {
  std::vector<std::string> authors;    // empty unless every name reads as a person's name
  std::vector<VenueYear> venue_years;  // best first: parenthesised notes, then the venue sentence
  // A name kept among the authors that may be the venue instead, with the year after it:
  // "Plato" in "Plato 2019", "Acta Numerica" in "Ann Lee. Acta Numerica 2019". Empty when the
  // byline leaves no such doubt. Worth a warning when nothing else gives the entry's venue.
  VenueYear unsure_venue;
};

// Reads the text that follows a title (links, tags and the title itself removed; '\n' where the
// entry's lines were joined). Authors are the comma- or "and"-separated names before the
// sentence that holds the year; the venue is the text before the year in that sentence.
// authors_known: the entry already has authors (an italic line), so a sentence holding a year
// may be read as a venue more freely. after_names: text follows a list of names the caller takes
// for the authors ("Ann Lee, Bob Ray. " before "TUGboat 2020"), so a lone word before a year in
// its first sentence is a venue. Linear in the length of text; never throws.
Byline read_byline(std::string_view text, bool authors_known, bool after_names = false);

// Whether text is one person's name as lists write it: capitalised words, initials ("J.",
// "J.-P."), particles ("van", "de"), hyphens, apostrophes and accents; no digits, no acronym,
// no word of a venue or of prose ("Journal", "CVPR", "The").
bool is_author_name(std::string_view name);

// Whether text is a list of people's names ("Ann Lee, Bob Ray", "Isensee et al."): two names or
// more, or "et al.", each reading as is_author_name; not one phrase ("Italic Title Words").
bool reads_as_names(const std::string& text);

// Whether an italic span can be an author list: no digits (so no year) and no venue in it.
// More lenient than is_author_name (an italic line is the authors' line of many lists, where
// names may be written in lower case).
bool reads_as_author_list(std::string_view text);

}  // namespace paper
