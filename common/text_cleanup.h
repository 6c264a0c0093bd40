// Clean-up of the text Poppler gives for a page: ligatures, accents, control characters and
// words hyphenated across line ends. Pure functions, thread-safe. In common/: a query is cleaned
// as the pages were (clean_line), so text copied from a PDF ("ﬁle", a decomposed "é") finds
// what the index holds.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace paper {

// Cleans one line: expands ligatures (U+FB00..U+FB06 -> ff fi fl ffi ffl st), composes a Latin
// letter with a following combining accent or a preceding spacing accent (e + U+0301 -> é,
// "´e" -> é), turns Unicode spaces, tabs and line breaks into ' ', drops control, zero-width,
// private-use and replacement characters and invalid UTF-8, collapses runs of spaces and trims both
// ends.
std::string clean_line(std::string_view line);

// Cleans a page: splits it into lines, cleans each, joins words hyphenated across line ends
// ("seg-" + "mentation" -> "segmentation"; "U-" + "Net" -> "U-Net"; "state-of-the-" + "art"
// keeps its hyphen), drops form feeds, keeps at most one blank line in a row and trims blank
// lines at both ends. Lines are separated by '\n', without a final newline.
std::string clean_page_text(std::string_view raw);

// Converts UTF-16 code units (host order, as poppler::ustring holds them) to UTF-8; unpaired
// surrogates are dropped.
std::string utf16_to_utf8(const unsigned short* units, std::size_t count);

}  // namespace paper
