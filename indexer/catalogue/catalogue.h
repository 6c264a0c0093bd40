// The paper catalogue: Markdown paper lists -> paper records.
// Owner: indexer/catalogue. Pure parsing: no network, no printing.
//
// A list may mix these shapes (see tests/indexer/catalogue/ for one list of each):
//   **Title** \ / *Authors* <br> / [Venue, Year] [[Paper](url)] [[Code](url)]   (blocks)
//   - [Title](url) - Authors, Venue 2021 [[code](url)]                          (bullets)
//   - [Paper](url) - Title. Authors. Venue 2021    (a generic link label: the title follows)
//   1. **Title**. Authors. [CVPR'24] [[pdf](url)]                                (numbered)
//   * [MICCAI-2023] **Title**, Authors [[Paper](url)] [[Code](url)]              (tags)
//   | Title | Venue | Year | Paper | Code |                                     (tables)
//   [Title](url) - Authors, Venue 2021   <p><a href="url">Title</a></p>    (paragraphs)
//   ### [Title](url)                     <li><a href="url">Title</a> ICCV 2021</li>
// A paragraph or heading is an entry when it starts with a link whose text reads as a title, to
// a page that can be a paper's, followed by a byline or nothing (navigation, badges and prose
// with links are not); the lines after it, up to a blank line, are its authors and venue.
// Links may be inline, HTML or reference-style ("[Paper][r1]" with "[r1]: url" anywhere in the
// list). Only http(s) links are kept; an entry left without one is dropped with a warning that
// says why (no link, a mistyped or other scheme, a local file, a reference label without a
// definition). An entry whose text after a generic link label is only a byline has no title: it
// is dropped with a warning rather than named after its authors.
// Headings give the section; headings that are a year or a venue ("## 2024", "### MICCAI 2023")
// give the year / venue of the entries under them. The table of contents, HTML comments and
// code blocks are ignored.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/paper.h"

namespace paper {

struct Catalogue {
  std::vector<Paper> papers;         // merged, in order of first appearance
  std::vector<Diagnostic> warnings;  // per entry or per file; each message names what to do
  int unreadable_lists = 0;          // lists that could not be read at all (missing, dir, binary)
  // Parallel to papers: the location of every entry merged into that paper (the first is
  // papers[i].source). Lets a caller know every list that names a paper.
  std::vector<std::vector<SourceLocation>> occurrences;
};

// Reads and parses every list in order, merging duplicate papers across and within lists.
// Never throws for bad list content or unreadable files: those become warnings (and count in
// unreadable_lists). Thread-compatible (no shared state).
Catalogue parse_lists(const std::vector<std::string>& paths);

// Parses one list's text as if read from file_name (used by parse_lists, tests and the fuzzer).
// Never throws, whatever the bytes.
Catalogue parse_list_text(std::string_view text, const std::string& file_name);

}  // namespace paper
