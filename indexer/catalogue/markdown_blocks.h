// Block-level Markdown of a paper list, one line at a time: list items, headings, thematic
// breaks and table rows. Lenient (lists are hand-written) and linear in the line's length.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/catalogue/fields.h"

namespace paper {

// Leading spaces of a line (a tab counts as 4).
std::size_t indentation(std::string_view line);

// The content after a list marker ("- ", "* ", "+ ", "12. ", "3) ") of a trimmed line, or
// nullopt when the line is not a list item.
std::optional<std::string_view> list_item_content(std::string_view trimmed);

// The content after an HTML list item's opening tag ("<li>", "<LI class=x>") of a trimmed line,
// or nullopt when the line does not start with one.
std::optional<std::string_view> html_list_item_content(std::string_view trimmed);

// Whether a trimmed line, past its leading HTML tags other than anchors ("<p>", "<b>"), starts
// with a bracket group ("[[Name](url)]"): a line of an entry's links.
bool starts_with_bracket_group(std::string_view trimmed);

// "---", "***", "_ _ _": a separator, never an entry.
bool is_thematic_break(std::string_view trimmed);

// The level (1..6) of an ATX heading "## Text" and, in *text, what follows the '#'s; 0 when
// the line is not a heading.
int heading_level(std::string_view trimmed, std::string_view* text);

// 1 for a setext underline "===" (two or more '='), 2 for "---" (two or more '-', as a thematic
// break also is: the caller decides by the line above), 0 otherwise. Input is trimmed.
int setext_underline_level(std::string_view trimmed);

// "Contents", "Table of Contents", "TOC": the heading of a table of contents.
bool is_toc_heading(const std::string& heading);

// A heading that only names a year ("2024", "Year 2024", "2024 Papers") or a known venue with
// an optional year ("MICCAI 2023", "CVPR Papers"); fills *out and returns true.
bool heading_year_venue(const std::string& heading, VenueYear* out);

// The cells of a table row: outer pipes dropped, split on unescaped '|', each trimmed.
std::vector<std::string> split_cells(std::string_view row);

// "|---|:---:|": the row under a table's header.
bool is_delimiter_row(std::string_view row);

// What a table column holds, from its header text (any order, any capitalisation).
enum class Column { kIgnored, kTitle, kAuthors, kVenue, kYear, kPaper, kCode };
Column column_role(const std::string& header);

}  // namespace paper
