// Second pass: numbered, cleaned list lines -> one Paper per entry (id not yet set, not merged).
// Understands headings (sections, year and venue headings, the table of contents), bold-title
// blocks, bullet, numbered and HTML (<li>) entries, paragraphs and headings that start with a
// title link, bracket tags and Markdown tables.
#pragma once

#include <string>
#include <vector>

#include "common/paper.h"
#include "indexer/catalogue/list_lines.h"

namespace paper {

struct ParsedEntries {
  std::vector<Paper> entries;        // in list order; Paper::id is empty
  std::vector<Diagnostic> warnings;  // placeholders, implausible years, ...
  int skipped = 0;                   // entries dropped with a warning (no usable link)
};

// Never throws; linear in the size of the lines.
ParsedEntries parse_entries(const std::vector<ListLine>& lines, const std::string& file_name);

}  // namespace paper
