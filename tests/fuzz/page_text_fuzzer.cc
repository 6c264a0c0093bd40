// libFuzzer target: the page texts of the index (schema.h) and the snippets made from them must
// survive any bytes. The input is used three ways:
//   - as a stored page value: decode_page_text and decode_page_excerpt either return or throw
//     paper::Error, and an excerpt is always a piece of the whole page;
//   - as a page text: encoded in chunks and decoded back unchanged;
//   - as page text for make_snippet, whose words (UTF-8 punctuation, apostrophes, digits,
//     acronyms, suffixes, hyphenated compounds, accents, cut windows) are split without reading
//     out of bounds, with plain and with stemmed keys;
//   - as a stored document header, which either decodes or throws paper::Error, and as the
//     value of header fields, which round-trip.
#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "common/error.h"
#include "common/schema.h"
#include "common/text.h"
#include "query/snippet.h"

namespace {

void check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "invariant broken: %s\n", what);
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  namespace schema = paper::schema;

  // 1. Any stored value.
  const std::uint32_t first = size > 2 ? data[1] * 7u : 0, last = first + (size > 3 ? data[2] : 0);
  try {
    const std::string whole = schema::decode_page_text(bytes);
    const schema::PageExcerpt e = schema::decode_page_excerpt(bytes, first, last, size % 50);
    check(whole.find(e.text) != std::string::npos, "excerpt is not part of the page");
  } catch (const paper::Error&) {
  }

  // 2. Any page text, with positions counted as one per space-separated piece.
  std::vector<schema::PageChunkStart> chunks;
  for (std::size_t offset : schema::page_chunk_offsets(bytes)) {
    std::uint32_t words = 0;
    for (std::size_t i = 0; i < offset; ++i) words += bytes[i] == ' ';
    chunks.push_back({offset, words + 1});
  }
  const std::string value = schema::encode_page_text(bytes, chunks);
  check(schema::decode_page_text(value) == bytes, "page text does not round-trip");
  const schema::PageExcerpt e = schema::decode_page_excerpt(value, first, last, 3);
  check(std::string_view(bytes).find(e.text) != std::string_view::npos, "bad excerpt");

  // 4. Any header, and any bytes as header values (invalid UTF-8 aside, which becomes U+FFFD).
  try {
    schema::decode_document_data(bytes);
  } catch (const paper::Error&) {
  }
  if (!paper::find_invalid_utf8(bytes)) {
    schema::StoredPaper s;
    s.paper.title = std::string(bytes);
    // (Whole values only: a piece cut mid-character would be invalid UTF-8.)
    s.paper.authors = {std::string(bytes), "", std::string(bytes) + "\\"};
    s.paper.links = {paper::Link{std::string(bytes), "u", "", paper::LinkKind::kPdf, true}};
    s.abstract = "\\" + std::string(bytes);
    const schema::StoredPaper back = schema::decode_document_data(schema::encode_document_data(s));
    check(back.paper.title == s.paper.title && back.paper.authors == s.paper.authors &&
              back.paper.links == s.paper.links && back.abstract == s.abstract,
          "header does not round-trip");
  }

  // 3. Snippets of any text.
  paper::query::WordMatcher matcher;
  matcher.add("graph", 0, 2.0);
  matcher.add("net", 1, 1.0);
  matcher.add("a", 2, 0.5);
  for (std::size_t max_bytes : {8u, 60u, 220u}) {
    const paper::query::Snippet s =
        paper::query::make_snippet(bytes, matcher, max_bytes, {}, {size % 2 == 0, size % 3 == 0});
    paper::query::render_snippet(s, "[", "]");
  }
  // With stemmed keys, as searches run: special words (apostrophes, digits with a full stop,
  // acronyms, "C++"), hyphenated compounds and their joined form, phrases, accent-free words.
  paper::query::WordMatcher stemmed(/*stemmed_keys=*/true);
  stemmed.add("graph", 0, 2.0);
  stemmed.add("unet", 1, 1.0);
  stemmed.add("don't", 2, 1.0);
  stemmed.add("3.14", 3, 1.0);
  stemmed.add("usa", 4, 1.0);
  stemmed.add("c++", 5, 1.0);
  stemmed.add("muller", 6, 1.0);
  stemmed.add_phrase({"u", "net"}, 7, 1.5);
  const paper::query::WordKey key_of = [](const std::string& lower) {
    thread_local Xapian::Stem stem("english");
    return stem(Xapian::Unicode::tolower(lower));
  };
  for (std::size_t max_bytes : {8u, 220u}) {
    const paper::query::Snippet s = paper::query::make_snippet(bytes, stemmed, max_bytes, key_of,
                                                               {size % 2 == 0, size % 3 == 0});
    paper::query::render_snippet(s, "[", "]");
  }
  return 0;
}
