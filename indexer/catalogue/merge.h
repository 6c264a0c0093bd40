// Third pass: entries -> papers. Gives each paper its stable id, merges entries that are the
// same paper and marks links that two different papers share.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/paper.h"

namespace paper {

struct MergedPapers {
  std::vector<Paper> papers;                             // in order of first appearance
  std::vector<std::vector<SourceLocation>> occurrences;  // per paper: every entry merged into it
  std::vector<Diagnostic> warnings;
};

// "medical-image-segmentation-review-the-success-3f9a0c12": up to six words of the normalised
// title, then 8 hex digits of a hash of the whole normalised title. Depends on nothing but the
// title, so it survives re-ordering, other entries and link changes.
PaperId make_paper_id(std::string_view title);

// Whether two titles name the same paper: equal after normalize_for_match, one a word-prefix
// of the other (at least 3 words), or sharing at least 80% of their words.
bool titles_match(std::string_view a, std::string_view b);

// Same normalised title, or same arXiv id / DOI and matching titles: one paper, links united
// (warning names both lines). Same arXiv id / DOI with different titles: both kept, every link
// carrying that id marked suspect (warning names both lines). Same normalised title but
// different years, or authors without a shared surname, and no shared link, arXiv id or DOI:
// different papers, no warning; the first keeps make_paper_id(title), a later one gets
// make_paper_id of the title with its year appended (or the first author's surname, or a
// number), so its id too depends only on the list's content.
MergedPapers merge_entries(std::vector<Paper> entries);

}  // namespace paper
