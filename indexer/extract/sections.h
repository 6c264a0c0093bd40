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

}  // namespace paper
