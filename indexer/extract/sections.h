// Finds the abstract and the references heading in cleaned page text. Pure, thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace paper {

// The abstract: the text after an "Abstract" heading ("Abstract", "ABSTRACT", "A BSTRACT",
// "Abstract—...", "Abstract. ...") on the first two pages, up to the first "Keywords",
// "Index Terms", "CCS Concepts" or section heading ("1 Introduction", "I. INTRODUCTION"), at
// most about 4000 bytes, lines joined by spaces. Empty when there is no such heading.
std::string find_abstract(const std::vector<std::string>& first_pages);

// Byte offset of the start of the last line of page_text that is a references heading
// ("References", "REFERENCES", "R EFERENCES", "7. References", "Bibliography", "Literature
// Cited"), or nullopt.
std::optional<std::size_t> find_references_heading(std::string_view page_text);

// True when a PDF metadata title is useless as a title: empty, a file name, "Microsoft Word -
// ...", "untitled", fewer than three letters.
bool is_junk_title(std::string_view title);

// The author names in a PDF's Author metadata ("A. One, B. Two and C. Three"; also ';' and
// '&'), trimmed, leaving out parts that are not names: mostly symbols or digits, under two
// letters, placeholders such as "Unknown" or "Administrator". At most 50.
std::vector<std::string> authors_from_metadata(std::string_view author);

// A guess at the title from the first page's first lines (skipping journal headers, arXiv
// stamps and lines with few letters); empty when nothing looks like a title.
std::string guess_title_from_page(std::string_view page_text);

}  // namespace paper
