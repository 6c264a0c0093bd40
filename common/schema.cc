#include "common/schema.h"

#include <zlib.h>

#include <algorithm>
#include <charconv>
#include <climits>
#include <cstdlib>
#include <new>

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

namespace {

constexpr std::string_view kHeaderMagic = "paper-header\t1\n";

// Appends a header value: invalid UTF-8 replaced by U+FFFD, and backslash, tab, newline and
// carriage return written as \\, \t, \n and \r, so that tabs and newlines only separate.
void append_escaped(std::string& out, std::string_view value) {
  for (std::size_t i = 0; i < value.size();) {
    const char c = value[i];
    if (static_cast<unsigned char>(c) >= 0x80) {
      std::uint32_t cp = 0;
      const std::size_t n = decode_utf8(value, i, cp);
      if (n == 0) {
        append_utf8(out, 0xFFFD);
        ++i;
      } else {
        out.append(value.substr(i, n));
        i += n;
      }
      continue;
    }
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
    ++i;
  }
}

void append_field(std::string& out, std::string_view key, std::string_view value) {
  out.append(key);
  out += '\t';
  append_escaped(out, value);
  out += '\n';
}

}  // namespace

std::string encode_document_data(const StoredPaper& s) {
  std::string out(kHeaderMagic);
  append_field(out, "id", s.paper.id);
  append_field(out, "title", s.paper.title);
  for (const std::string& author : s.paper.authors) append_field(out, "author", author);
  append_field(out, "venue", s.paper.venue);
  if (s.paper.year) append_field(out, "year", std::to_string(*s.paper.year));
  append_field(out, "section", s.paper.section);
  for (const Link& l : s.paper.links) {
    out += "link\t";
    append_escaped(out, l.label);
    out += '\t';
    append_escaped(out, l.url);
    out += '\t';
    append_escaped(out, l.host);
    out += '\t';
    out += to_string(l.kind);
    out += l.suspect ? "\t1\n" : "\t0\n";
  }
  append_field(out, "source", s.paper.source.to_string());
  for (const std::string& list : s.lists) append_field(out, "list", list);
  append_field(out, "state", to_string(s.state));
  append_field(out, "reason", s.reason);
  append_field(out, "pdf_url", s.pdf_url);
  append_field(out, "pdf_sha256", s.pdf_sha256);
  append_field(out, "page_count", std::to_string(s.page_count));
  append_field(out, "pdf_title", s.pdf_title);
  append_field(out, "abstract", s.abstract);
  append_field(out, "references_page", std::to_string(s.references_page));
  append_field(out, "references_offset", std::to_string(s.references_offset));
  if (s.references_end_page > 0) {
    append_field(out, "references_end_page", std::to_string(s.references_end_page));
    append_field(out, "references_end_offset", std::to_string(s.references_end_offset));
  }
  append_field(out, "stored_pages", std::to_string(s.pages.size()));
  return out;
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
  if (value[0] != 'c') throw_bad_page();
  std::string out;
  for (const ChunkEntry& c : read_chunk_table(value)) append_chunk(out, value, c);
  return out;
}

PageExcerpt decode_page_excerpt(std::string_view value, std::uint32_t first, std::uint32_t last,
                                std::uint32_t context_words) {
  PageExcerpt excerpt;
  if (value.empty()) return excerpt;
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

[[noreturn]] void throw_bad_header() {
  throw Error(
      "index document data is not in the expected format; rebuild the index with "
      "`paper-index build --rebuild`");
}

std::string unescape(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] != '\\' || i + 1 == value.size()) {
      out += value[i];
      continue;
    }
    switch (value[++i]) {
      case 't':
        out += '\t';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      default:
        out += value[i];  // "\\" and anything else: the character itself
    }
  }
  return out;
}

// A number as the encoder wrote it (std::to_string of the field's own type: any value reads back).
template <typename Int>
Int parse_number(std::string_view value) {
  Int n = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec != std::errc() || end != value.data() + value.size()) throw_bad_header();
  return n;
}

}  // namespace

StoredPaper decode_document_data(std::string_view data) {
  if (data.substr(0, kHeaderMagic.size()) != kHeaderMagic) throw_bad_header();
  StoredPaper s;
  for (std::size_t at = kHeaderMagic.size(); at < data.size();) {
    std::size_t end = data.find('\n', at);
    if (end == std::string_view::npos) throw_bad_header();  // every field ends its line
    const std::string_view line = data.substr(at, end - at);
    at = end + 1;
    const std::size_t tab = line.find('\t');
    if (tab == std::string_view::npos) throw_bad_header();
    const std::string_view key = line.substr(0, tab), value = line.substr(tab + 1);
    if (key == "id")
      s.paper.id = unescape(value);
    else if (key == "title")
      s.paper.title = unescape(value);
    else if (key == "author")
      s.paper.authors.push_back(unescape(value));
    else if (key == "venue")
      s.paper.venue = unescape(value);
    else if (key == "year")
      s.paper.year = parse_number<int>(value);
    else if (key == "section")
      s.paper.section = unescape(value);
    else if (key == "link") {
      std::string_view parts[5];
      std::string_view rest = value;
      for (int i = 0; i < 5; ++i) {
        const std::size_t t = i < 4 ? rest.find('\t') : rest.size();
        if (t == std::string_view::npos) throw_bad_header();
        parts[i] = rest.substr(0, t);
        rest = i < 4 ? rest.substr(t + 1) : std::string_view();
      }
      s.paper.links.push_back(Link{unescape(parts[0]), unescape(parts[1]), unescape(parts[2]),
                                   kind_from_string(std::string(parts[3])), parts[4] == "1"});
    } else if (key == "source")
      s.paper.source = parse_source(unescape(value));
    else if (key == "list")
      s.lists.push_back(unescape(value));
    else if (key == "state")
      s.state = value == "text" ? PaperState::kText : PaperState::kMetadataOnly;
    else if (key == "reason")
      s.reason = unescape(value);
    else if (key == "pdf_url")
      s.pdf_url = unescape(value);
    else if (key == "pdf_sha256")
      s.pdf_sha256 = unescape(value);
    else if (key == "page_count")
      s.page_count = parse_number<int>(value);
    else if (key == "pdf_title")
      s.pdf_title = unescape(value);
    else if (key == "abstract")
      s.abstract = unescape(value);
    else if (key == "references_page")
      s.references_page = parse_number<int>(value);
    else if (key == "references_offset")
      s.references_offset = parse_number<std::size_t>(value);
    else if (key == "references_end_page")
      s.references_end_page = parse_number<int>(value);
    else if (key == "references_end_offset")
      s.references_end_offset = parse_number<std::size_t>(value);
    else if (key == "stored_pages")
      s.stored_pages = parse_number<int>(value);
    // Other keys (a newer writer's) are skipped.
  }
  return s;
}

}  // namespace paper::schema
