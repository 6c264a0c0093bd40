// paper-index check [--json] LIST...: parses paper lists and prints the catalogue.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/error.h"
#include "indexer/catalogue/catalogue.h"
#include "indexer/commands.h"
#include "indexer/inputs.h"

namespace paper {
namespace {

constexpr const char* kCheckUsage = R"(usage: paper-index check [--json] LIST...

Parses Markdown paper lists and prints the catalogue: one row per paper on stdout, then each
warning with its file:line on stderr, then a one-line summary.

Options:
  --json   print exactly one JSON object on stdout instead of the table:
           {"papers":[{"id","title","authors":[...],"venue","year","section",
                       "links":[{"label","url","host","kind","suspect"}],"source"}],
            "warnings":[{"source","message"}]}
           (year is a number or null; source is "file:line", or "file" for a whole list)
  --help   show this help

Exit codes:
  0   every list parsed, no warnings
  1   no paper found in any list (all missing, unreadable, empty or unrecognised)
  2   papers found, but with warnings (skipped entries or lists, suspect links, bad years)
  64  bad command line
)";

// Display width of UTF-8 text, counting code points (good enough for Latin text and emoji).
std::size_t display_width(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

std::string pad(const std::string& s, std::size_t width) {
  std::size_t w = display_width(s);
  return w >= width ? s : s + std::string(width - w, ' ');
}

std::string link_summary(const Paper& p) {
  std::string out;
  for (const auto& link : p.links) {
    if (!out.empty()) out += ',';
    out += to_string(link.kind);
    if (link.suspect) out += '!';
  }
  return out;
}

void print_table(const Catalogue& catalogue, std::ostream& out) {
  struct Row {
    std::string id, year, venue, section, links, source, title;
  };
  std::vector<Row> rows;
  rows.push_back({"ID", "YEAR", "VENUE", "SECTION", "LINKS", "SOURCE", "TITLE"});
  for (const auto& p : catalogue.papers) {
    rows.push_back({p.id, p.year ? std::to_string(*p.year) : "-", p.venue.empty() ? "-" : p.venue,
                    p.section.empty() ? "-" : p.section, link_summary(p), p.source.to_string(),
                    p.title});
  }
  std::size_t w[6] = {0, 0, 0, 0, 0, 0};
  for (const auto& r : rows) {
    const std::string* cells[6] = {&r.id, &r.year, &r.venue, &r.section, &r.links, &r.source};
    for (int i = 0; i < 6; ++i) w[i] = std::max(w[i], display_width(*cells[i]));
  }
  for (const auto& r : rows) {
    out << pad(r.id, w[0]) << "  " << pad(r.year, w[1]) << "  " << pad(r.venue, w[2]) << "  "
        << pad(r.section, w[3]) << "  " << pad(r.links, w[4]) << "  " << pad(r.source, w[5]) << "  "
        << r.title << "\n";
  }
  if (!catalogue.papers.empty()) {
    out << "\nLINKS: kinds of each link in order (arxiv, pdf, landing, code, other); "
           "'!' marks a suspect link.\n";
  }
}

nlohmann::json to_json(const Catalogue& catalogue) {
  nlohmann::json papers = nlohmann::json::array();
  for (const auto& p : catalogue.papers) {
    nlohmann::json links = nlohmann::json::array();
    for (const auto& l : p.links) {
      links.push_back({{"label", l.label},
                       {"url", l.url},
                       {"host", l.host},
                       {"kind", to_string(l.kind)},
                       {"suspect", l.suspect}});
    }
    papers.push_back({{"id", p.id},
                      {"title", p.title},
                      {"authors", p.authors},
                      {"venue", p.venue},
                      {"year", p.year ? nlohmann::json(*p.year) : nlohmann::json(nullptr)},
                      {"section", p.section},
                      {"links", std::move(links)},
                      {"source", p.source.to_string()}});
  }
  nlohmann::json warnings = nlohmann::json::array();
  for (const auto& w : catalogue.warnings) {
    warnings.push_back({{"source", w.source.to_string()}, {"message", w.message}});
  }
  return {{"papers", std::move(papers)}, {"warnings", std::move(warnings)}};
}

}  // namespace

int run_check(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  bool json = false, options_done = false;
  std::vector<std::string> lists;
  for (const auto& arg : args) {
    if (!options_done && (arg == "--help" || arg == "-h")) {
      out << kCheckUsage;
      return kExitOk;
    }
    if (!options_done && arg == "--json") {
      json = true;
    } else if (!options_done && arg == "--") {
      options_done = true;
    } else if (!options_done && arg.size() > 1 && arg[0] == '-') {
      err << "paper-index: error: unknown option '" << arg
          << "' for check; run `paper-index check --help`\n";
      return kExitUsage;
    } else {
      lists.push_back(arg);
    }
  }
  if (lists.empty()) {
    err << "paper-index: error: check needs at least one LIST; run `paper-index check --help`\n";
    return kExitUsage;
  }

  lists = distinct_lists(lists);
  Catalogue catalogue = parse_lists(lists);
  if (json) {
    out << to_json(catalogue).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    print_table(catalogue, out);
    for (const auto& w : catalogue.warnings) {
      err << "paper-index: warning: " << w.source.to_string() << ": " << w.message << "\n";
    }
  }
  std::size_t n = lists.size();
  err << "paper-index: " << catalogue.papers.size()
      << (catalogue.papers.size() == 1 ? " paper" : " papers") << " from " << n
      << (n == 1 ? " list" : " lists") << ", " << catalogue.warnings.size()
      << (catalogue.warnings.size() == 1 ? " warning" : " warnings") << "\n";
  if (catalogue.papers.empty()) {
    err << "paper-index: error: no papers found in the given lists; fix the lists named in the "
           "warnings\n";
    return kExitFatal;
  }
  return catalogue.warnings.empty() && catalogue.unreadable_lists == 0 ? kExitOk : kExitPartial;
}

}  // namespace paper
