// Finds the abstract and the references section's headings in cleaned page text. Pure,
// thread-safe.
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

// Byte offset of the start of the first line of page_text starting at or after from that is a
// heading of a section that may follow the references, alone on its line, optionally numbered
// ("A", "A.", "7", "VII.", "S1"): "Appendix", "Appendix A", "APPENDIX B: Proofs", "A Appendix",
// "Appendices", "Supplementary Material(s)", "Supplementary Information", "Supplemental
// Material", "Supporting Information", "Acknowledg(e)ments"; or nullopt. A sentence or a
// reference entry that mentions such a word is not a heading.
std::optional<std::size_t> find_references_end(std::string_view page_text, std::size_t from = 0);

}  // namespace paper
