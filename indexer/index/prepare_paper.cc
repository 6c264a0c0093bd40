// Builds a paper's document: terms and positions of its metadata and pages, values, the header,
// the compressed page texts and its spelling words (prepare_paper(), on any thread).
#include <xapian.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <unordered_map>

#include "common/schema.h"
#include "common/text.h"
#include "indexer/index/cached_stem.h"
#include "indexer/index/compound_terms.h"
#include "indexer/index/document_parts.h"
#include "indexer/index/index_writer.h"
#include "indexer/index/unaccented_terms.h"

namespace paper {
namespace index_detail {

std::map<std::string, std::vector<Xapian::termpos>> positions_of(
    const Xapian::Document& doc, const std::set<std::string>& terms) {
  std::map<std::string, std::vector<Xapian::termpos>> out;
  Xapian::TermIterator t = doc.termlist_begin();
  const Xapian::TermIterator end = doc.termlist_end();
  for (const std::string& term : terms) {
    while (t != end && *t < term) ++t;
    if (t == end) break;
    if (*t != term) continue;
    auto& positions = out[term];
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) positions.push_back(*p);
  }
  return out;
}

namespace {

// Slots of each preparing thread's stem cache (64 bytes each: 1 MB). On 4.2 million words of the
// benchmark corpus, stemming took 0.185 s with it against 0.66 s without (4,096 slots: 0.22 s;
// 65,536: 0.17 s).
constexpr std::size_t kCachedStems = 16384;

// The part of page (1-based) that is references, [begin, end) of its text (empty: none): from
// the references heading on, up to the heading that ends them. An end not after the start (a
// damaged header) is ignored: the references then run to the end, as before ends were recorded.
PageReferences references_on_page(const schema::StoredPaper& s, int page, std::size_t size) {
  if (s.references_page <= 0 || page < s.references_page) return {size, size};
  PageReferences refs{0, size};
  if (page == s.references_page) refs.begin = std::min(s.references_offset, size);
  const bool end_after_start =
      s.references_end_page > s.references_page ||
      (s.references_end_page == s.references_page && s.references_end_offset > s.references_offset);
  if (!end_after_start || page < s.references_end_page) return refs;
  if (page > s.references_end_page) return {size, size};
  refs.end = std::clamp(s.references_end_offset, refs.begin, size);
  return refs;
}

// Indexes one page at page_base (N * kPageStride): text[refs.begin, refs.end) as references, the
// rest as body (no prefix), chunk by chunk (schema::page_chunk_offsets, positions running on
// across chunks), and returns where each chunk starts, for schema::encode_page_text. Words past
// kMaxPositionalPageBytes are indexed without positions.
std::vector<schema::PageChunkStart> index_page(Xapian::TermGenerator& generator,
                                               std::string_view text, PageReferences refs,
                                               Xapian::termpos page_base) {
  generator.set_termpos(page_base);
  std::size_t positional_end = text.size();
  if (text.size() > kMaxPositionalPageBytes) {
    positional_end = std::min(text.size(), text.find_first_of(" \n\t", kMaxPositionalPageBytes));
  }
  const std::vector<std::size_t> offsets = schema::page_chunk_offsets(text);
  std::vector<schema::PageChunkStart> chunks;
  for (std::size_t c = 0; c < offsets.size(); ++c) {
    chunks.push_back({offsets[c], generator.get_termpos() + 1 - page_base});
    const std::size_t end = c + 1 < offsets.size() ? offsets[c + 1] : text.size();
    // The chunk's pieces: cut where the references start and end and the positional part ends.
    for (std::size_t at = offsets[c]; at < end;) {
      std::size_t to = end;
      for (std::size_t cut : {refs.begin, refs.end, positional_end}) {
        if (at < cut) to = std::min(to, cut);
      }
      const std::string_view piece = text.substr(at, to - at);
      const bool in_refs = at >= refs.begin && at < refs.end;
      const std::string prefix = in_refs ? schema::kPrefixReferences : "";
      if (at < positional_end) {
        generator.index_text(Xapian::Utf8Iterator(piece.data(), piece.size()), 1, prefix);
      } else {
        generator.index_text_without_positions(Xapian::Utf8Iterator(piece.data(), piece.size()), 1,
                                               prefix);
      }
      at = to;
    }
  }
  return chunks;
}

// How often each word (letters only, 3 to 24 bytes, lower-cased) occurs in the texts: the
// source of the spelling table, which holds surface words where the index holds stems.
std::unordered_map<std::string, unsigned> word_counts(const std::vector<std::string_view>& texts) {
  std::unordered_map<std::string, unsigned> counts;
  std::string word;
  bool letters = true;
  auto flush = [&] {
    if (letters && word.size() >= 3 && word.size() <= 24) ++counts[word];
    word.clear();
    letters = true;
  };
  for (std::string_view text : texts) {
    std::size_t i = 0;
    while (i < text.size()) {
      const auto c = static_cast<unsigned char>(text[i]);
      if (c < 0x80) {
        ++i;
        if (c >= 'a' && c <= 'z') {
          word += static_cast<char>(c);
        } else if (c >= 'A' && c <= 'Z') {
          word += static_cast<char>(c - 'A' + 'a');
        } else if ((c >= '0' && c <= '9') || c == '_') {
          word += static_cast<char>(c);
          letters = false;
        } else {
          flush();
        }
        continue;
      }
      std::uint32_t cp = 0;
      const std::size_t length = decode_utf8(text, i, cp);
      i += std::max<std::size_t>(length, 1);
      if (length == 0 || !Xapian::Unicode::is_wordchar(cp)) {
        flush();
        continue;
      }
      cp = Xapian::Unicode::tolower(cp);
      const auto category = Xapian::Unicode::get_category(cp);
      if (category != Xapian::Unicode::LOWERCASE_LETTER &&
          category != Xapian::Unicode::OTHER_LETTER) {
        letters = false;
      }
      append_utf8(word, cp);
    }
    flush();
  }
  return counts;
}

PreparedPaper::Parts build_parts(const schema::StoredPaper& s, const std::string& hash,
                                 const std::string& file_stamp) {
  // One generator and stemmer per thread: documents are built on any thread.
  thread_local Xapian::Stem stem = make_cached_stem("english", kCachedStems);
  thread_local Xapian::TermGenerator generator = [] {
    Xapian::TermGenerator g;
    g.set_stemmer(stem);
    g.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
    return g;
  }();
  const Paper& p = s.paper;
  PreparedPaper::Parts parts;
  parts.id = p.id;
  Xapian::Document& doc = parts.doc;
  generator.set_document(doc);
  doc.add_boolean_term(schema::kPrefixId + p.id);

  // Page 0: the title (S-prefixed and an unprefixed copy, same positions), then the other
  // metadata fields, each after a gap so phrases do not run across fields.
  generator.set_termpos(0);
  generator.index_text(p.title, schema::kTitleWdf, schema::kPrefixTitle);
  generator.set_termpos(0);
  generator.index_text(p.title, schema::kTitleWdf);
  add_unaccented_at_positions(doc, {p.title}, {schema::kPrefixTitle, ""}, stem, schema::kTitleWdf,
                              0, schema::kPageStride);
  // A metadata field's words (after a gap), the same without their accents, and its exact
  // filter term.
  auto add_field = [&](const std::string& value, const char* text_prefix,
                       const char* filter_prefix) {
    generator.increase_termpos(10);
    generator.index_text(value, 1, text_prefix);
    add_unaccented(generator, value, 1, text_prefix);
    std::string f = schema::filter_value(value);
    if (!f.empty()) doc.add_boolean_term(filter_prefix + f);
  };
  for (const std::string& author : p.authors) {
    add_field(author, schema::kPrefixAuthor, schema::kPrefixAuthorFilter);
  }
  if (!p.venue.empty()) {
    add_field(p.venue, schema::kPrefixVenue, schema::kPrefixVenueFilter);
    doc.add_value(schema::kSlotVenue, p.venue);
  }
  if (!p.section.empty()) {
    add_field(p.section, schema::kPrefixSection, schema::kPrefixSectionFilter);
    doc.add_value(schema::kSlotSection, p.section);
  }
  if (p.year && *p.year > 0 && *p.year < 10000) {
    char y[8];
    std::snprintf(y, sizeof y, "%04d", *p.year);
    doc.add_boolean_term(std::string(schema::kPrefixYearFilter) + y);
    doc.add_value(schema::kSlotYear, Xapian::sortable_serialise(*p.year));
  }
  if (!s.abstract.empty()) {
    generator.index_text_without_positions(s.abstract, schema::kAbstractWdf,
                                           schema::kPrefixAbstract);
  }
  for (const std::string& list : s.lists) {
    doc.add_boolean_term(schema::kPrefixListFilter + list);
  }
  doc.add_boolean_term(std::string(schema::kPrefixStateFilter) + schema::to_string(s.state));

  // Pages: body unprefixed, the references section (from its heading up to the heading that ends
  // it, or the end) XR-prefixed. Body words go to the spelling table below, filtered.
  std::set<std::vector<std::string>> body_compounds;
  std::vector<std::string_view> bodies;
  PageFolder folder(stem);
  std::vector<std::vector<schema::PageChunkStart>> chunks;  // per page
  for (std::size_t i = 0; i < s.pages.size(); ++i) {
    const int page = static_cast<int>(i) + 1;
    std::string_view text = s.pages[i];
    const PageReferences refs = references_on_page(s, page, text.size());
    const auto page_base = static_cast<Xapian::termpos>(page) * schema::kPageStride;
    chunks.push_back(index_page(generator, text, refs, page_base));
    folder.add_page(text, refs, page_base, generator.get_termpos());
    for (std::string_view body : {text.substr(0, refs.begin), text.substr(refs.end)}) {
      if (body.empty()) continue;
      find_compounds(body, body_compounds);
      bodies.push_back(body);
    }
  }
  folder.finish(doc);
  // Spelling: the title's words, the words the body uses at least twice (every token of every
  // page, code and hapax junk included, would make the spelling table the largest of the
  // index), and the joined compounds.
  for (const auto& [word, n] : word_counts({p.title})) parts.spelling.push_back(word);
  for (const auto& [word, n] : word_counts(bodies)) {
    if (n >= 2) parts.spelling.push_back(word);
  }
  std::set<std::vector<std::string>> title_compounds;
  find_compounds(p.title, title_compounds);
  add_joined_compounds(doc, title_compounds, schema::kPrefixTitle, stem, parts.spelling);
  body_compounds.insert(title_compounds.begin(), title_compounds.end());
  add_joined_compounds(doc, body_compounds, "", stem, parts.spelling);

  doc.add_value(schema::kSlotEntryHash, hash);
  if (!s.pdf_sha256.empty()) doc.add_value(schema::kSlotContentHash, s.pdf_sha256);
  doc.add_value(schema::kSlotState, schema::to_string(s.state));
  doc.add_value(schema::kSlotPageCount, Xapian::sortable_serialise(s.page_count));
  if (!file_stamp.empty()) doc.add_value(schema::kSlotFileStamp, file_stamp);
  doc.set_data(schema::encode_document_data(s));
  for (std::size_t i = 0; i < s.pages.size(); ++i) {
    parts.pages.push_back(schema::encode_page_text(s.pages[i], chunks[i]));
    parts.text_bytes += s.pages[i].size();
  }
  // The generator keeps a handle on the document, whose reference count is not atomic: let go
  // of it here, before the document moves to the writer's thread.
  generator.set_document(Xapian::Document());
  return parts;
}

}  // namespace
}  // namespace index_detail

PreparedPaper::PreparedPaper() = default;
PreparedPaper::~PreparedPaper() = default;
PreparedPaper::PreparedPaper(PreparedPaper&&) noexcept = default;
PreparedPaper& PreparedPaper::operator=(PreparedPaper&&) noexcept = default;

PreparedPaper prepare_paper(const schema::StoredPaper& stored, const std::string& entry_hash,
                            const std::string& file_stamp) {
  PreparedPaper prepared;
  prepared.parts = std::make_unique<PreparedPaper::Parts>(
      index_detail::build_parts(stored, entry_hash, file_stamp));
  return prepared;
}

}  // namespace paper
