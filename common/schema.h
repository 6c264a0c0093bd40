// The index schema: the single place that names a Xapian term prefix or value slot.
// The indexer writes documents in this shape and the query side reads them. Changing a prefix
// or slot, or the document data layout, needs kSchemaVersion bumped (the indexer then rebuilds).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/paper.h"

namespace paper::schema {

// 2: page texts in metadata entries, not in the data; 3: stemmed terms only (kStemPrefix);
// 4: the header as tab-separated lines instead of JSON; 5: words with accents also indexed
// without them on pages and in references, at their positions ("Müller" as "muller" too).
inline constexpr int kSchemaVersion = 5;
// The oldest schema paper-search reads: 5 only added terms, so a schema 4 index is searched as it
// is (without accent-free page words) until paper-index rebuilds it.
inline constexpr int kOldestReadableSchema = 4;
// Database metadata keys.
inline constexpr const char* kMetaSchemaVersion = "paper:schema";   // decimal kSchemaVersion
inline constexpr const char* kMetaSynonymsHash = "paper:synonyms";  // hash of the synonym file
// Spelling words of committed papers that are not in the spelling table yet: the writer adds
// them in bulk (each rewrite of the table's word lists costs, so once per run, or per
// IndexOptions::max_pending_spelling_words). One entry per commit since, key
// prefix + 8-digit sequence number, value "word\tpapers\n"...; all read back by the next writer
// after a crash, so no paper's words are lost.
inline constexpr const char* kMetaSpellingPendingPrefix = "paper:spelling-pending/";
// In a generation written by a rebuild: "<live generation it replaces>\t<paper-index version>".
// A rebuild left unfinished is resumed only by a rebuild of the same live generation by the same
// version (a first build's copy made for compaction has none).
inline constexpr const char* kMetaRebuildOf = "paper:rebuild-of";

// One document per paper. ----------------------------------------------------------------------

// Every word of free text (title, authors, venue, section, abstract, body, references) is indexed
// only as its English stem, "Z" + field prefix + stem (Xapian's STEM_ALL_Z on both sides):
// "Zsegment" for "segmentation" in the body, "ZSsegment" in the title. All but the abstract's
// carry positions (phrases, NEAR, and for the body and references the page). The surface
// words live in the spelling table (titles, and words a paper uses at least twice), which is
// where the query side finds readable words for stems and spelling suggestions. A word with
// accents is also indexed without them, as typed plainly ("Müller" also as "Zmuller"): at its
// positions in the title, body and references, without positions in the other fields.
inline constexpr const char* kStemPrefix = "Z";

// Term prefixes (Xapian conventions: Q unique id, S title, A author, X... project-specific).
inline constexpr const char* kPrefixId = "Q";           // Q<paper id>: unique, for replace_document
inline constexpr const char* kPrefixTitle = "S";        // title words, positional
inline constexpr const char* kPrefixAuthor = "A";       // author name words
inline constexpr const char* kPrefixVenue = "XV";       // venue words
inline constexpr const char* kPrefixSection = "XS";     // list section words
inline constexpr const char* kPrefixAbstract = "XA";    // abstract words (also in the body)
inline constexpr const char* kPrefixReferences = "XR";  // words of the references section,
                                                        // positional; kept out of the body
// Boolean filter terms (exact, not stemmed; value lower-cased by normalize_for_match with spaces
// replaced by '-', e.g. "XBVmia", "XBSgenerative-models", "XBAreza-azad").
inline constexpr const char* kPrefixYearFilter = "Y";  // Y2019 (4 digits)
inline constexpr const char* kPrefixVenueFilter = "XBV";
inline constexpr const char* kPrefixSectionFilter = "XBS";
inline constexpr const char* kPrefixAuthorFilter = "XBA";
inline constexpr const char* kPrefixStateFilter = "XBT";  // XBTtext, XBTmetadata
inline constexpr const char* kPrefixListFilter = "XBL";   // XBL<list path as given>: which lists
                                                          // name this paper (for removal)
// Body text has no field prefix: its terms are "Z" + stem, positional.

// Positions: the title takes positions 1.. (page 0); page N (1-based) of the PDF starts at
// N * kPageStride, so the page of any body or reference position is pos / kPageStride. Words past
// kPageStride - 1 on one page are indexed without positions.
inline constexpr std::uint32_t kPageStride = 1u << 16;
inline constexpr std::uint32_t page_of_position(std::uint32_t pos) { return pos / kPageStride; }

// Within-document frequency increments that weight fields above the body (BM25 uses wdf).
inline constexpr int kTitleWdf = 1;  // for the S-prefixed and the body copy of the title
inline constexpr int kAbstractWdf = 1;

// Value slots.
inline constexpr unsigned kSlotYear = 0;     // Xapian::sortable_serialise(year); absent if unknown
inline constexpr unsigned kSlotVenue = 1;    // venue as displayed, for facet counts
inline constexpr unsigned kSlotSection = 2;  // section as displayed, for facet counts
inline constexpr unsigned kSlotEntryHash = 3;    // hex hash of the catalogue entry (incremental)
inline constexpr unsigned kSlotContentHash = 4;  // hex sha256 of the PDF indexed ("" if none)
inline constexpr unsigned kSlotState = 5;        // "text" or "metadata"
inline constexpr unsigned kSlotPageCount = 6;    // Xapian::sortable_serialise(pages)
inline constexpr unsigned kSlotFileStamp = 7;    // "<size>:<mtime ns>" of a local PDF input, so a
                                                 // touched-but-unchanged file costs one stat

// Document data: the header of a paper (everything a result line shows). ---------------------

enum class PaperState { kText, kMetadataOnly };
const char* to_string(PaperState state);  // "text", "metadata"

struct StoredPaper {
  Paper paper;                     // id, title, authors, venue, year, section, links, source
  std::vector<std::string> lists;  // every list that names the paper (paths as given)
  PaperState state = PaperState::kMetadataOnly;
  std::string reason;   // why there is no text (for kMetadataOnly), plain words
  std::string pdf_url;  // URL (or file path) of the PDF indexed
  std::string pdf_sha256;
  int page_count = 0;
  std::string pdf_title;  // from the PDF's metadata, may be empty
  std::string abstract;
  int references_page = 0;            // first page of the references section, 0 if none found
  std::size_t references_offset = 0;  // byte offset of the references heading in that page
  // Where the references end (the heading after them, "Appendix A" ...; the text from there on is
  // body again): page and byte offset in that page. Page 0, as in data written before the field
  // existed: they run to the end of the document.
  int references_end_page = 0;
  std::size_t references_end_offset = 0;
  std::vector<std::string> pages;  // cleaned text of each page, page 1 first (not in the
                                   // document data: see page_metadata_key)
  int stored_pages = 0;  // decoded only: how many page entries were written (pages.size() at put)
};

// Serialises every field except the page texts (their number is kept, as "stored_pages", so a
// replaced or deleted paper's page entries can all be removed): "paper-header\t1\n", then one
// line per field, "key\tvalue\n", a list one line per item ("author", "list"; "link" with label,
// url, host, kind and suspect 0/1 as five tab-separated values), no "year" line when the year
// is unknown, no "references_end_page"/"references_end_offset" lines when the references run to
// the end. In values, backslash, tab, newline and carriage return are written \\, \t, \n,
// \r, and invalid UTF-8 becomes U+FFFD; numbers are decimal. A reader skips keys it does not
// know (a newer writer's), and of a repeated single-value key keeps the last. Lines, not JSON: a
// search decodes ten headers in a fresh process, and nlohmann's parser took 19 us a header there
// (bench/results/query.md).
std::string encode_document_data(const StoredPaper& stored);
// Throws paper::Error (rebuild the index) when data is not such a header.
StoredPaper decode_document_data(std::string_view data);

// Page texts: one database metadata entry per page, written in the same transaction as the
// document, so reading a result's header does not inflate the whole paper (glass compresses
// document data as one zlib stream) and a snippet of page N reads page N only.
// Key "P<paper id>/<page>" (page 1-based, decimal): short because it is stored once per page,
// and the id first keeps one paper's pages together in the B-tree. No entry for an empty page.
std::string page_metadata_key(const PaperId& id, int page);
// Value: glass does not compress metadata tags. A page is stored as 'c' + chunks: the text cut at
// white space into pieces of about kPageChunkBytes, each a raw deflate stream of its own (or its
// raw bytes when deflate would not make it smaller), listed with the position of its first word.
// A snippet then inflates only the piece around its hit, not the whole page: in a fresh process
// inflating and scanning whole pages was a third of a search's time (bench/results/query.md).
// Layout: 'c', varint count, per chunk varint raw size, varint stored size (== raw size: stored
// raw), varint position delta from the previous chunk's; then the chunks' bytes in order.
// "" for an empty page. (Schema 3 stored 'z' + one zlib stream per page; such an index is
// rebuilt, never read.)
inline constexpr std::size_t kPageChunkBytes = 1024;

// Where a chunk starts: a byte offset into the page text and the position of the first word from
// there on, relative to the page's (the word at absolute position N * kPageStride + p has p).
struct PageChunkStart {
  std::size_t offset = 0;
  std::uint32_t position = 0;
};
// Offsets where the chunks of text start: 0, then the first white space at or after every
// kPageChunkBytes since the last start.
std::vector<std::size_t> page_chunk_offsets(std::string_view text);
// chunks: from page_chunk_offsets, each with the position of its first word; positions must not
// decrease.
std::string encode_page_text(std::string_view text, const std::vector<PageChunkStart>& chunks);
// The whole page. Throws paper::Error (rebuild the index) for a value not made by
// encode_page_text.
std::string decode_page_text(std::string_view value);

// A piece of a page: whole chunks, exactly as they are in the page text.
struct PageExcerpt {
  std::string text;
  bool more_before = false;  // the page has text before / after the excerpt
  bool more_after = false;
};
// The chunks that hold the words at positions first..last (relative to the page), with the
// chunk before when first is among its chunk's first context_words words, and the chunk after
// when last is within context_words of its chunk's end: enough text around a hit for a snippet.
// Throws like decode_page_text.
PageExcerpt decode_page_excerpt(std::string_view value, std::uint32_t first, std::uint32_t last,
                                std::uint32_t context_words);

// Filter-term value for venue/section/author names: normalize_for_match, spaces -> '-'.
std::string filter_value(std::string_view text);

}  // namespace paper::schema
