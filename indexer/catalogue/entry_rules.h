// Internal to the entry parser (entries.cc, entry_assembly.cc), not part of entries.h: what a
// token or a line of a list is to its entries. Which link labels can give a title and which
// name the paper's link, and whether a line that is not a list item starts an entry, continues
// the open one or stands on its own. Pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/catalogue/inline_markdown.h"

namespace paper {

// An inline token and the number of the list line it comes from.
struct LineToken {
  int line;
  InlineToken token;
};

// A link label a title may come from: not "Paper"/"Code"/..., has some letters, is not an id.
bool is_title_label(const std::string& label);

// A label that names the paper's link, not the paper: "Paper", "PDF", "arXiv", "DOI", "Code".
bool is_paper_link_label(const std::string& label);

// A label too short to be taken for a title at first sight ("T0", "3D"), that is the title when
// the text after its link is only a byline ("[3D](url) - Ann Lee. CVPR 2019.").
bool is_short_title_label(const std::string& label);

// "[Title][r9]" or "[Paper][r9]" whose label has no definition: a link that was meant, unless a
// half reads as a tag ("[CVPR'24][Oral]" is two tags).
bool is_broken_reference(const InlineToken& t);

// Whether a token can give the entry its title as a link does.
bool is_title_link(const InlineToken& t);

// The content of a list item: after "- ", "1. " or an HTML "<li>".
std::optional<std::string_view> item_content(std::string_view trimmed);

// Whether an item's tokens hold a title of their own: a title link, or bold text.
bool has_title_candidate(const std::vector<LineToken>& tokens);

// Whether the tokens hold a link or a reference link, defined or not.
bool has_link(const std::vector<LineToken>& tokens);

// What a line that is not a list item is to the entries around it.
enum class LineStart {
  kContinues,  // not an entry's start: part of the open entry, if any
  kEntry,      // starts an entry
  kOwnLine,    // ends the open entry, but is no entry itself ("[Tool](url) does things.")
};

// Whether a line that is not a list item starts an entry: past HTML tags and venue/year tags,
// its first token is a link whose text reads as a title (not "Paper", not a venue or a year,
// not "Contents"), to a page that can be a paper's (not an in-page anchor, another list or a
// code host), and the rest of the line is links, tags or a byline, not prose ("[Papers with
// Code](url) tracks the state of the art."). open: an entry with a link is open. Then a line
// that is only a link to a page not known to hold papers, or one that cannot be fetched, is
// the open entry's ("[Project Website](url)"); with text after it, the line is not the open
// entry's: a new entry (judged when it ends) or a line of its own.
LineStart starts_entry(const std::vector<LineToken>& tokens, bool open);

// Whether a paragraph line is a paper whose title is in italics: "_Title_ [[pdf](url)] (2021)",
// "*Title*, Ann Lee. CVPR 2022. [pdf](url)". The italic span comes first and is not a list of
// names, a venue or a year, and the line has a link labelled as the paper's ("pdf", "Paper",
// "arXiv") to arXiv, a PDF or a publisher's page.
bool starts_italic_entry(std::string_view line, const std::vector<LineToken>& tokens);

}  // namespace paper
