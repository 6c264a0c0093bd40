#include "common/schema.h"

#include <zlib.h>

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <new>
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

namespace {

[[noreturn]] void throw_bad_page() {
  throw Error(
      "index page text is not in the expected format; rebuild the index with "
      "`paper-index build --rebuild`");
}

// A deflate or inflate stream per thread, reset for each chunk: a deflate stream allocates about
// 270 KB, far more than a chunk costs to compress.
struct Deflater {
  Deflater() {
    if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
      throw std::bad_alloc();
    }
  }
  ~Deflater() { deflateEnd(&z); }
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;
  z_stream z{};
};

struct Inflater {
  Inflater() {
    if (inflateInit2(&z, -15) != Z_OK) throw std::bad_alloc();
  }
  ~Inflater() { inflateEnd(&z); }
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;
  z_stream z{};
};

void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}

std::uint64_t get_varint(std::string_view value, std::size_t& at) {
  std::uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (at >= value.size()) throw_bad_page();
    const auto byte = static_cast<unsigned char>(value[at++]);
    v |= std::uint64_t{byte & 0x7fu} << shift;
    if (byte < 0x80) return v;
  }
  throw_bad_page();
}

// Appends the raw deflate stream of text to out, or returns false when it would not be smaller.
bool append_deflated(std::string& out, std::string_view text) {
  if (text.size() < 2) return false;
  thread_local Deflater deflater;
  z_stream& z = deflater.z;
  if (deflateReset(&z) != Z_OK) return false;
  const std::size_t old_size = out.size();
  out.resize(old_size + text.size());  // a stream as long as the text is not worth keeping
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data() + old_size);
  z.avail_out = static_cast<uInt>(text.size() - 1);
  if (deflate(&z, Z_FINISH) != Z_STREAM_END) {
    out.resize(old_size);
    return false;
  }
  out.resize(old_size + z.total_out);
  return true;
}

void append_inflated(std::string& out, std::string_view stored, std::size_t raw_size) {
  thread_local Inflater inflater;
  z_stream& z = inflater.z;
  if (inflateReset(&z) != Z_OK) throw_bad_page();
  const std::size_t old_size = out.size();
  out.resize(old_size + raw_size);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(stored.data()));
  z.avail_in = static_cast<uInt>(stored.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data() + old_size);
  z.avail_out = static_cast<uInt>(raw_size);
  // One call with the whole output buffer: zlib then needs no window of its own.
  if (inflate(&z, Z_FINISH) != Z_STREAM_END || z.total_out != raw_size) throw_bad_page();
}

// A page value made before chunks: 'z' + a zlib stream or 'r' + raw text.
std::string decode_whole_page(std::string_view value) {
  if (value[0] == 'r') return std::string(value.substr(1));
  z_stream z{};
  if (inflateInit(&z) != Z_OK) throw_bad_page();
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
  if (rc != Z_STREAM_END) throw_bad_page();
  return out;
}

struct ChunkEntry {
  std::size_t raw_size;
  std::size_t stored_size;
  std::size_t stored_at;  // offset of its bytes in the value
  std::uint32_t position;
};

// The chunk table of a 'c' value, checked against the value's size.
std::vector<ChunkEntry> read_chunk_table(std::string_view value) {
  // Far above any page the extraction keeps (4 MiB), and deflate expands at most 1032 times: a
  // corrupt size is refused before anything is allocated for it.
  constexpr std::uint64_t kMaxChunkBytes = 1u << 24;
  constexpr std::uint64_t kMaxDeflateRatio = 1032;
  std::size_t at = 1;
  const std::uint64_t count = get_varint(value, at);
  if (count == 0 || count > (value.size() - at) / 3) throw_bad_page();  // 3+ bytes an entry
  std::vector<ChunkEntry> chunks(count);
  std::uint64_t position = 0;
  for (ChunkEntry& c : chunks) {
    const std::uint64_t raw = get_varint(value, at);
    const std::uint64_t stored = get_varint(value, at);
    position += get_varint(value, at);
    if (raw > kMaxChunkBytes || stored > raw || position > UINT32_MAX ||
        (stored < raw && raw > stored * kMaxDeflateRatio + 64)) {
      throw_bad_page();
    }
    c = {raw, stored, 0, static_cast<std::uint32_t>(position)};
  }
  for (ChunkEntry& c : chunks) {
    if (c.stored_size > value.size() - at) throw_bad_page();
    c.stored_at = at;
    at += c.stored_size;
  }
  if (at != value.size()) throw_bad_page();
  return chunks;
}

void append_chunk(std::string& out, std::string_view value, const ChunkEntry& c) {
  const std::string_view stored = value.substr(c.stored_at, c.stored_size);
  if (c.stored_size == c.raw_size) {
    out.append(stored);
  } else {
    append_inflated(out, stored, c.raw_size);
  }
}

}  // namespace

std::vector<std::size_t> page_chunk_offsets(std::string_view text) {
  std::vector<std::size_t> offsets{0};
  std::size_t next = kPageChunkBytes;
  while (next < text.size()) {
    const std::size_t cut = text.find_first_of(" \n\t\r\f\v", next);
    if (cut == std::string_view::npos) break;
    offsets.push_back(cut);
    next = cut + kPageChunkBytes;
  }
  return offsets;
}

std::string encode_page_text(std::string_view text, const std::vector<PageChunkStart>& chunks) {
  if (text.empty()) return {};
  if (chunks.empty()) throw Error("internal error: a page without chunks");
  std::string table(1, 'c');
  std::string bytes;
  put_varint(table, chunks.size());
  std::uint32_t position = 0;
  for (std::size_t i = 0; i < chunks.size(); ++i) {
    const std::size_t begin = chunks[i].offset;
    const std::size_t end = i + 1 < chunks.size() ? chunks[i + 1].offset : text.size();
    if (begin >= end || end > text.size() || chunks[i].position < position ||
        (i == 0 && begin != 0)) {
      throw Error("internal error: page chunks out of order");
    }
    const std::string_view piece = text.substr(begin, end - begin);
    const std::size_t old_size = bytes.size();
    if (!append_deflated(bytes, piece)) bytes.append(piece);
    put_varint(table, piece.size());
    put_varint(table, bytes.size() - old_size);
    put_varint(table, chunks[i].position - position);
    position = chunks[i].position;
  }
  return table + bytes;
}

std::string decode_page_text(std::string_view value) {
  if (value.empty()) return {};
  if (value[0] == 'r' || value[0] == 'z') return decode_whole_page(value);
  if (value[0] != 'c') throw_bad_page();
  std::string out;
  for (const ChunkEntry& c : read_chunk_table(value)) append_chunk(out, value, c);
  return out;
}

PageExcerpt decode_page_excerpt(std::string_view value, std::uint32_t first, std::uint32_t last,
                                std::uint32_t context_words) {
  PageExcerpt excerpt;
  if (value.empty()) return excerpt;
  if (value[0] == 'r' || value[0] == 'z') {
    excerpt.text = decode_whole_page(value);
    return excerpt;
  }
  if (value[0] != 'c') throw_bad_page();
  const std::vector<ChunkEntry> chunks = read_chunk_table(value);
  // The chunk holding a position: the last one starting at or before it (chunks without words
  // share their successor's position, which holds the word).
  auto chunk_of = [&](std::uint32_t position) {
    std::size_t i = 0;
    while (i + 1 < chunks.size() && chunks[i + 1].position <= position) ++i;
    return i;
  };
  std::size_t from = chunk_of(first);
  std::size_t to = chunk_of(std::max(first, last));
  if (from > 0 && first - chunks[from].position < context_words) --from;
  if (to + 1 < chunks.size() && chunks[to + 1].position - last <= context_words) ++to;
  for (std::size_t i = from; i <= to; ++i) append_chunk(excerpt.text, value, chunks[i]);
  excerpt.more_before = from > 0;
  excerpt.more_after = to + 1 < chunks.size();
  return excerpt;
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
    const long line = std::strtol(s.c_str() + colon + 1, nullptr, 10);  // no throw on overflow
    loc.line = static_cast<int>(std::clamp<long>(line, 0, INT_MAX));
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
