#include "query/render.h"

#include <cstdio>
#include <nlohmann/json.hpp>

namespace paper::query {

namespace {

// The link shown for a result without pages: its PDF when indexed with text; for a paper known
// only by its list entry, the entry's own paper link (not the failed download, which may be a
// suspect link to another paper), falling back to the last URL tried.
std::string shown_link(const schema::StoredPaper& s) {
  if (s.state == schema::PaperState::kMetadataOnly) {
    for (const Link& l : s.paper.links) {
      if (l.kind != LinkKind::kCode && !l.suspect && !l.url.empty()) return l.url;
    }
  }
  return s.pdf_url;
}

using Json = nlohmann::ordered_json;

constexpr std::size_t kFacetsShown = 5;
const char* kBold = "\033[1m";
const char* kHighlight = "\033[1;33m";
const char* kDim = "\033[2m";
const char* kReset = "\033[0m";

std::string dump(const Json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? sep : "") + items[i];
  return out;
}

Json year_json(const Paper& p) { return p.year ? Json(*p.year) : Json(nullptr); }

std::string score_text(double score) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", score);
  return buf;
}

// "MICCAI 2021 · Section", skipping what is unknown.
std::string venue_line(const Paper& p) {
  std::vector<std::string> parts;
  std::string venue_year = p.venue;
  if (p.year) venue_year += (venue_year.empty() ? "" : " ") + std::to_string(*p.year);
  if (!p.authors.empty()) parts.push_back(join(p.authors, ", "));
  if (!venue_year.empty()) parts.push_back(venue_year);
  if (!p.section.empty()) parts.push_back(p.section);
  return join(parts, " · ");
}

void print_facet(std::ostream& out, const char* name, const std::vector<FacetCount>& counts,
                 bool full) {
  if (counts.empty()) return;
  out << "  " << name << ": ";
  std::size_t shown = full ? counts.size() : std::min(counts.size(), kFacetsShown);
  for (std::size_t i = 0; i < shown; ++i) {
    out << (i ? " · " : "") << counts[i].value << " (" << counts[i].count << ")";
  }
  if (shown < counts.size()) out << " · +" << counts.size() - shown << " more (--facets)";
  out << "\n";
}

Json facet_json(const std::vector<FacetCount>& counts) {
  Json j = Json::object();
  for (const FacetCount& c : counts) j[c.value] = c.count;
  return j;
}

Json paper_fields(const schema::StoredPaper& s) {
  return Json{{"id", s.paper.id},       {"title", s.paper.title},     {"authors", s.paper.authors},
              {"venue", s.paper.venue}, {"year", year_json(s.paper)}, {"section", s.paper.section}};
}

}  // namespace

void print_search(std::ostream& out, const SearchResult& r, const TextStyle& style) {
  const char* b = style.colour ? kBold : "";
  const char* e = style.colour ? kReset : "";
  const char* dim = style.colour ? kDim : "";
  // In double quotes, or in single ones when it has its own ("a phrase"), not ""a phrase"".
  const char* quote = r.query.find('"') == std::string::npos ? "\"" : "'";
  if (r.total == 0) {
    out << "no papers matched " << quote << r.query << quote << "\n";
  } else {
    out << r.total << (r.total == 1 ? " paper" : " papers") << " matched " << quote << r.query
        << quote;
    if (r.any_word) out << " (no paper has every word; these have some)";
    if (r.plain_words) out << " (query syntax not understood; searched as plain words)";
    out << "\n";
    print_facet(out, "year", r.facets.year, style.full_facets);
    print_facet(out, "venue", r.facets.venue, style.full_facets);
    print_facet(out, "section", r.facets.section, style.full_facets);
  }
  if (!r.suggestion.empty()) out << "did you mean: " << b << r.suggestion << e << "?\n";
  if (r.hits.empty() && r.total > 0 && r.offset >= r.total) {
    out << "(no results from rank " << r.offset + 1 << " on: the last is rank " << r.total
        << "; use a smaller --offset)\n";
  }
  for (const SearchHit& h : r.hits) {
    const schema::StoredPaper& s = h.paper;
    out << "\n" << h.rank << ". " << b << s.paper.title << e;
    if (s.state == schema::PaperState::kMetadataOnly) out << "  [metadata only]";
    out << "\n";
    std::string meta = venue_line(s.paper);
    if (!meta.empty()) out << "   " << meta << "\n";
    out << "   " << dim << "id: " << s.paper.id << " · score " << score_text(h.score) << e << "\n";
    for (const PageMatch& p : h.pages) {
      out << "   p. " << p.page;
      if (p.snippet.empty()) {
        // The index matched words the snippet cannot place (for example in Chinese or Japanese
        // text, which has no spaces between words).
        out << " (matches; no passage to show)\n";
      } else {
        out << ": "
            << render_snippet(p.snippet, style.colour ? kHighlight : "«",
                              style.colour ? kReset : "»")
            << "\n";
      }
      if (!p.url.empty()) out << "         " << dim << p.url << e << "\n";
    }
    if (h.pages.empty()) {
      std::string link = shown_link(s);
      if (!link.empty()) out << "   " << dim << link << e << "\n";
    }
  }
  // A part of the matches (--limit, --offset): which ranks, and how to ask for the next ones.
  if (!r.hits.empty() && r.hits.size() < r.total) {
    const std::size_t first = r.hits.front().rank;
    const std::size_t last = r.hits.back().rank;
    out << "\nshowing " << first;
    if (last != first) out << "-" << last;
    out << " of " << r.total;
    if (last < r.total) out << "; next: --offset " << last;
    out << "\n";
  }
}

std::string search_json(const SearchResult& r) {
  Json results = Json::array();
  for (const SearchHit& h : r.hits) {
    Json pages = Json::array();
    for (const PageMatch& p : h.pages) {
      pages.push_back(
          {{"page", p.page}, {"snippet", render_snippet(p.snippet, "«", "»")}, {"url", p.url}});
    }
    Json j{{"rank", h.rank}};
    const Json fields = paper_fields(h.paper);
    for (auto it = fields.begin(); it != fields.end(); ++it) j[it.key()] = it.value();
    j["score"] = h.score;
    j["state"] = schema::to_string(h.paper.state);
    j["pdf_url"] = h.paper.pdf_url;
    j["pages"] = pages;
    results.push_back(std::move(j));
  }
  Json j{{"query", r.query},
         {"total", r.total},
         {"suggestion", r.suggestion.empty() ? Json(nullptr) : Json(r.suggestion)},
         {"any_word", r.any_word},
         {"results", results},
         {"facets",
          {{"year", facet_json(r.facets.year)},
           {"venue", facet_json(r.facets.venue)},
           {"section", facet_json(r.facets.section)}}}};
  return dump(j);
}

void print_related(std::ostream& out, const RelatedResult& r, const TextStyle& style) {
  const char* b = style.colour ? kBold : "";
  const char* e = style.colour ? kReset : "";
  if (!r.source_id.empty()) {
    out << "papers related to \"" << r.source_title << "\" (" << r.source_id << ")\n";
  } else {
    out << "papers related to the text\n";
  }
  // The distinctive terms are body words, and a paper without text has none but its title's (its
  // authors, venue, section and abstract are indexed in fields of their own): say so, or a short
  // or empty list reads as a paper without neighbours.
  const bool metadata_only = r.source_state == schema::PaperState::kMetadataOnly;
  if (metadata_only) {
    out << "  no text indexed for this paper (metadata only"
        << (r.source_reason.empty() ? "" : ": " + r.source_reason)
        << "); related papers are found from its title only\n";
  }
  if (!r.source_terms.empty()) out << "  distinctive terms: " << join(r.source_terms, ", ") << "\n";
  if (r.hits.empty()) {
    // The title's words are in no other paper, or in so many ("attention") that they tell
    // nothing; the terms kept are neither.
    const char* why = r.source_terms.empty()
                          ? ": each word of its title is in no other paper or in too many to "
                            "tell related papers apart"
                          : ": no other paper has the distinctive words of its title";
    out << "no related papers found" << (metadata_only ? why : "") << "\n";
  }
  for (const RelatedHit& h : r.hits) {
    out << "\n" << h.rank << ". " << b << h.paper.paper.title << e;
    if (h.paper.state == schema::PaperState::kMetadataOnly) out << "  [metadata only]";
    out << "\n";
    std::string meta = venue_line(h.paper.paper);
    if (!meta.empty()) out << "   " << meta << "\n";
    out << "   id: " << h.paper.paper.id << "\n";
    out << "   shares: " << join(h.shared_terms, ", ") << "\n";
  }
}

std::string related_json(const RelatedResult& r) {
  Json results = Json::array();
  for (const RelatedHit& h : r.hits) {
    Json j{{"rank", h.rank}};
    const Json fields = paper_fields(h.paper);
    for (auto it = fields.begin(); it != fields.end(); ++it) j[it.key()] = it.value();
    j["score"] = h.score;
    j["state"] = schema::to_string(h.paper.state);
    j["pdf_url"] = h.paper.pdf_url;
    j["shared_terms"] = h.shared_terms;
    results.push_back(std::move(j));
  }
  Json source =
      r.source_id.empty() ? Json(nullptr) : Json{{"id", r.source_id}, {"title", r.source_title}};
  return dump(Json{{"source", source}, {"terms", r.source_terms}, {"results", results}});
}

void print_details(std::ostream& out, const PaperDetails& d, const TextStyle& style) {
  const schema::StoredPaper& s = d.paper;
  const char* b = style.colour ? kBold : "";
  const char* e = style.colour ? kReset : "";
  out << b << s.paper.title << e << "\n";
  out << "  id:       " << s.paper.id << "\n";
  if (!s.paper.authors.empty()) out << "  authors:  " << join(s.paper.authors, ", ") << "\n";
  if (!s.paper.venue.empty()) out << "  venue:    " << s.paper.venue << "\n";
  if (s.paper.year) out << "  year:     " << *s.paper.year << "\n";
  if (!s.paper.section.empty()) out << "  section:  " << s.paper.section << "\n";
  if (s.state == schema::PaperState::kText) {
    out << "  state:    text (" << s.page_count << (s.page_count == 1 ? " page" : " pages") << ")"
        << (s.reason.empty() ? "" : ": " + s.reason) << "\n";
  } else {
    out << "  state:    metadata only" << (s.reason.empty() ? "" : ": " + s.reason) << "\n";
  }
  if (!s.pdf_url.empty()) out << "  PDF:      " << s.pdf_url << "\n";
  if (!s.pdf_title.empty()) out << "  PDF's title: " << s.pdf_title << "\n";
  if (!s.pdf_sha256.empty()) out << "  SHA-256:  " << s.pdf_sha256 << "\n";
  if (s.references_page > 0 && s.references_end_page >= s.references_page) {
    // Text after the references (an appendix) is searched as body.
    out << "  refs:     "
        << (s.references_end_page == s.references_page
                ? "page " + std::to_string(s.references_page)
                : "pages " + std::to_string(s.references_page) + "-" +
                      std::to_string(s.references_end_page))
        << " (then the body again)\n";
  } else if (s.references_page > 0) {
    out << "  refs:     from page " << s.references_page << "\n";
  }
  for (const Link& l : s.paper.links) {
    out << "  link:     " << (l.label.empty() ? to_string(l.kind) : l.label) << " " << l.url
        << "\n";
  }
  if (!s.paper.source.file.empty()) out << "  listed:   " << s.paper.source.to_string() << "\n";
  for (const std::string& list : s.lists) out << "  input:    " << list << "\n";
  if (!s.abstract.empty()) out << "  abstract: " << s.abstract << "\n";
  if (!d.distinctive_terms.empty()) {
    out << "  terms:    " << join(d.distinctive_terms, ", ") << "\n";
  }
}

std::string details_json(const PaperDetails& d) {
  const schema::StoredPaper& s = d.paper;
  Json links = Json::array();
  for (const Link& l : s.paper.links) {
    links.push_back({{"label", l.label}, {"url", l.url}, {"kind", to_string(l.kind)}});
  }
  Json j = paper_fields(s);
  j["state"] = schema::to_string(s.state);
  j["reason"] = s.reason;
  j["pdf_url"] = s.pdf_url;
  j["pdf_sha256"] = s.pdf_sha256;
  j["page_count"] = s.page_count;
  j["pdf_title"] = s.pdf_title;
  j["links"] = links;
  j["source"] = s.paper.source.to_string();
  j["lists"] = s.lists;
  j["abstract"] = s.abstract;
  j["references_page"] = s.references_page;
  j["references_end_page"] = s.references_end_page;  // 0: the references run to the end
  j["distinctive_terms"] = d.distinctive_terms;
  return dump(j);
}

std::string error_json(const std::string& message, int exit_code) {
  return dump(Json{{"error", message}, {"exit_code", exit_code}});
}

}  // namespace paper::query
