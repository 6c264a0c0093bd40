#include "common/schema.h"

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "common/text.h"

namespace paper::schema {

const char* to_string(PaperState state) { return state == PaperState::kText ? "text" : "metadata"; }

std::string filter_value(std::string_view text) {
  std::string v = normalize_for_match(text);
  for (char& c : v) {
    if (c == ' ') c = '-';
  }
  return v;
}

std::string encode_document_data(const StoredPaper& s) {
  nlohmann::json links = nlohmann::json::array();
  for (const Link& l : s.paper.links) {
    links.push_back({{"label", l.label},
                     {"url", l.url},
                     {"host", l.host},
                     {"kind", to_string(l.kind)},
                     {"suspect", l.suspect}});
  }
  nlohmann::json j = {
      {"id", s.paper.id},
      {"title", s.paper.title},
      {"authors", s.paper.authors},
      {"venue", s.paper.venue},
      {"year", s.paper.year ? nlohmann::json(*s.paper.year) : nlohmann::json(nullptr)},
      {"section", s.paper.section},
      {"links", links},
      {"source", s.paper.source.to_string()},
      {"lists", s.lists},
      {"state", to_string(s.state)},
      {"reason", s.reason},
      {"pdf_url", s.pdf_url},
      {"pdf_sha256", s.pdf_sha256},
      {"page_count", s.page_count},
      {"pdf_title", s.pdf_title},
      {"abstract", s.abstract},
      {"references_page", s.references_page},
      {"references_offset", s.references_offset},
  };
  // Invalid UTF-8 must not make dump() throw; replace it.
  std::string out = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  for (const std::string& page : s.pages) {
    out += '\f';
    for (char c : page) out += (c == '\f' ? ' ' : c);
  }
  return out;
}

namespace {

LinkKind kind_from_string(const std::string& k) {
  if (k == "arxiv") return LinkKind::kArxiv;
  if (k == "pdf") return LinkKind::kPdf;
  if (k == "landing") return LinkKind::kLanding;
  if (k == "code") return LinkKind::kCode;
  return LinkKind::kOther;
}

SourceLocation parse_source(const std::string& s) {
  SourceLocation loc{s, 0};
  auto colon = s.rfind(':');
  if (colon != std::string::npos && colon + 1 < s.size() &&
      s.find_first_not_of("0123456789", colon + 1) == std::string::npos) {
    loc.file = s.substr(0, colon);
    loc.line = std::stoi(s.substr(colon + 1));
  }
  return loc;
}

}  // namespace

StoredPaper decode_document_data(std::string_view data, bool with_pages) {
  StoredPaper s;
  auto ff = data.find('\f');
  std::string_view header = data.substr(0, ff);
  nlohmann::json j = nlohmann::json::parse(header, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    throw Error(
        "index document data is not in the expected format; rebuild the index with "
        "`paper-index build --rebuild`");
  }
  s.paper.id = j.value("id", "");
  s.paper.title = j.value("title", "");
  s.paper.authors = j.value("authors", std::vector<std::string>{});
  s.paper.venue = j.value("venue", "");
  if (j.contains("year") && j["year"].is_number_integer()) s.paper.year = j["year"].get<int>();
  s.paper.section = j.value("section", "");
  if (j.contains("links")) {
    for (const auto& l : j["links"]) {
      s.paper.links.push_back(Link{l.value("label", ""), l.value("url", ""), l.value("host", ""),
                                   kind_from_string(l.value("kind", "")),
                                   l.value("suspect", false)});
    }
  }
  s.paper.source = parse_source(j.value("source", ""));
  s.lists = j.value("lists", std::vector<std::string>{});
  s.state = j.value("state", "") == "text" ? PaperState::kText : PaperState::kMetadataOnly;
  s.reason = j.value("reason", "");
  s.pdf_url = j.value("pdf_url", "");
  s.pdf_sha256 = j.value("pdf_sha256", "");
  s.page_count = j.value("page_count", 0);
  s.pdf_title = j.value("pdf_title", "");
  s.abstract = j.value("abstract", "");
  s.references_page = j.value("references_page", 0);
  s.references_offset = j.value("references_offset", std::size_t{0});
  if (with_pages && ff != std::string_view::npos) {
    std::string_view rest = data.substr(ff + 1);
    while (true) {
      auto next = rest.find('\f');
      s.pages.emplace_back(rest.substr(0, next));
      if (next == std::string_view::npos) break;
      rest = rest.substr(next + 1);
    }
  }
  return s;
}

}  // namespace paper::schema
