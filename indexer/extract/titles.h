// Everything about a PDF's title: footnote marks, junk metadata titles, the authors in the
// metadata, and the title guessed from the first page's lines. Pure, thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace paper {

// The token without the footnote marks at its end: * ∗ † ‡ ⋆ § ¶ and superscript digits
// ("package∗" -> "package", "Title†‡" -> "Title", "v1.3a¹" -> "v1.3a"). A token of marks only is
// kept, and so is the star of "A*" or "D*" (a lone capital: the search algorithms' names).
std::string_view without_footnote_marks(std::string_view token);

// A title as it is shown: trimmed, without the footnote marks at its end, even after a space
// ("The ejpecp class ∗†" -> "The ejpecp class").
std::string title_without_footnote_marks(std::string_view title);

// True when a PDF metadata title is useless as a title: empty, a file name or path
// ("main.dvi", "pub__latex__ijmart__ijmart"), "Microsoft Word - ...", "untitled", TeX code that
// was not expanded ("blue!50!black...", a backslash or a brace), fewer than three letters, or,
// given the Author metadata, the author's name instead of a title.
bool is_junk_title(std::string_view title, std::string_view author = {});

// The author names in a PDF's Author metadata ("A. One, B. Two and C. Three"; also ';' and
// '&'), trimmed, leaving out parts that are not names: mostly symbols or digits, under two
// letters, placeholders such as "Unknown" or "Administrator". At most 50.
std::vector<std::string> authors_from_metadata(std::string_view author);

// A guess at the title from the first page's first lines, or empty when nothing looks like a
// title. Skips journal headers, arXiv stamps, lines with few words or letters and, given the
// Author metadata, lines of the authors' names; but a short first line followed by author lines
// and a version, date or e-mail line is a manual's title ("prooftrees", "The apa6e class∗").
// A title line that goes on (it ends in ':' or a linking word such as "for", or the next line
// starts with one) takes up to two more lines. Letter-spaced small capitals are joined
// ("E NGINEERING N OTEBOOK" -> "ENGINEERING NOTEBOOK"); footnote marks at the end are dropped.
std::string guess_title_from_page(std::string_view page_text, std::string_view author = {});

}  // namespace paper
