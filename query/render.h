// Output of paper-search: text for people (colour on a terminal) and one JSON object for
// programs. The JSON shapes are documented in README.md and kept stable.
#pragma once

#include <ostream>
#include <string>

#include "query/searcher.h"

namespace paper::query {

struct TextStyle {
  bool colour = false;       // ANSI colour (stdout is a terminal); otherwise «word» markers
  bool full_facets = false;  // every facet value, not the top few
};

void print_search(std::ostream& out, const SearchResult& result, const TextStyle& style);
// {"query","total","suggestion","results":[{"rank","id","title","authors","venue","year",
// "section","score","state","pdf_url","pages":[{"page","snippet","url"}]}],
// "facets":{"year":{},"venue":{},"section":{}}}
std::string search_json(const SearchResult& result);

void print_related(std::ostream& out, const RelatedResult& result, const TextStyle& style);
// {"source":{"id","title"},"terms":[...],"results":[{"rank","id","title","authors","venue",
// "year","section","score","state","pdf_url","shared_terms":[...]}]}
std::string related_json(const RelatedResult& result);

void print_details(std::ostream& out, const PaperDetails& details, const TextStyle& style);
// {"id","title","authors","venue","year","section","state","reason","pdf_url","pdf_sha256",
// "page_count","pdf_title","links":[{"label","url","kind"}],"source","lists","abstract",
// "references_page","references_end_page","distinctive_terms":[...]}
std::string details_json(const PaperDetails& details);

// {"error","exit_code"}: what --json prints on stdout for a failed command (the message goes to
// standard error too), so that a script reading stdout always gets one JSON object.
std::string error_json(const std::string& message, int exit_code);

}  // namespace paper::query
