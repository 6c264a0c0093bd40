#include "common/schema.h"

#include <zlib.h>

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
      {"stored_pages", s.pages.size()},
  };
  // Invalid UTF-8 must not make dump() throw; replace it.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string page_metadata_key(const PaperId& id, int page) {
  return "P" + id + "/" + std::to_string(page);
}

std::string encode_page_text(std::string_view text) {
  if (text.empty()) return {};
  uLongf size = compressBound(static_cast<uLong>(text.size()));
  std::string out(1 + size, 'z');
  if (compress2(reinterpret_cast<Bytef*>(out.data() + 1), &size,
                reinterpret_cast<const Bytef*>(text.data()), static_cast<uLong>(text.size()),
                Z_DEFAULT_COMPRESSION) == Z_OK &&
      size < text.size()) {
    out.resize(1 + size);
    return out;
  }
  out.assign(1, 'r');
  out.append(text);
  return out;
}

std::string decode_page_text(std::string_view value) {
  if (value.empty()) return {};
  if (value[0] == 'r') return std::string(value.substr(1));
  if (value[0] == 'z') {
    z_stream z{};
    if (inflateInit(&z) == Z_OK) {
      z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(value.data() + 1));
      z.avail_in = static_cast<uInt>(value.size() - 1);
      std::string out;
      char buf[16384];
      int rc = Z_OK;
      while (rc == Z_OK) {
        z.next_out = reinterpret_cast<Bytef*>(buf);
        z.avail_out = sizeof buf;
        rc = inflate(&z, Z_NO_FLUSH);
        out.append(buf, sizeof buf - z.avail_out);
        if (rc == Z_BUF_ERROR && z.avail_in == 0) break;  // truncated stream
      }
      inflateEnd(&z);
      if (rc == Z_STREAM_END) return out;
    }
  }
  throw Error(
      "index page text is not in the expected format; rebuild the index with "
      "`paper-index build --rebuild`");
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

StoredPaper decode_document_data(std::string_view data) {
  StoredPaper s;
  nlohmann::json j = nlohmann::json::parse(data, nullptr, false);
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
  s.stored_pages = j.value("stored_pages", 0);
  return s;
}

}  // namespace paper::schema
