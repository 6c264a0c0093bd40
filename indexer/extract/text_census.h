// Whether a PDF's extracted text is a text layer or a scan's stamps (see kMinTextAlphanumerics):
// the text of each page counted, with the short lines repeated on many pages left out. Internal
// to the extraction worker.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace paper {

// Text layer or scan? A scan has no text on nearly every page, or only a stamp its repository
// put on each page ("Downloaded from https://example.org", JSTOR's two lines, HeinOnline's line
// with the page's number); a sparse real text layer (a slide deck of a few words per slide, a
// poster, figures with captions) has words that change from page to page. So a short line found
// on at least half of the pages (and on two or more), digits aside, is taken for a stamp, a
// running header or a page number and is not counted; a document is a scan when what remains has
// fewer than kMinTextAlphanumerics letters and digits in all: about three short words, a stray
// mark or label, never a paper. A stamped scan is therefore kNoText (with a note quoting the
// stamp); a scan with a text cover page is indexed, with a note. A one-page scan with a stamp
// cannot be told from a one-line page and is indexed. Repeated lines adding up to more than
// kMaxStampAlphanumerics (text_census.cc) are a repeated text (one page printed twice), not a
// stamp, and count.
inline constexpr std::size_t kMinTextAlphanumerics = 16;
// Below this average per page a document with text gets a "little text" note (it was the
// threshold for kNoText before the rule above).
inline constexpr std::size_t kSparseAlphanumericsPerPage = 16;

struct TextCount {
  // ASCII letters and digits, and every non-ASCII character (CJK, Greek, ...) once.
  std::size_t alphanumerics = 0;
  std::size_t words = 0;  // runs of those
};

// The letters, digits and words of text.
TextCount count_text(std::string_view text);

// Counts a document's text page by page, leaving out the lines taken for a stamp (see
// kMinTextAlphanumerics). Call add_page for each page, then finish once.
class TextCensus {
 public:
  void add_page(std::string_view text);
  void finish();

  // Of the text that is not a stamp:
  std::size_t alphanumerics() const { return alphanumerics_; }
  std::size_t words() const { return words_; }
  int text_pages() const { return text_pages_; }
  // A note quoting the lines taken for a stamp; "" when there are none.
  std::string stamp_note(int pages) const;

 private:
  struct Line {
    std::string text;  // as first seen
    TextCount count;
    int pages = 0;
    int last_page = -1;
    bool stamp = false;
  };
  struct Occurrence {
    std::uint32_t line;
    TextCount count;
  };
  struct Page {
    TextCount untracked;
    std::vector<Occurrence> lines;
  };

  std::unordered_map<std::string, std::uint32_t> ids_;  // line with digit runs as '#' -> lines_
  std::vector<Line> lines_;
  std::vector<Page> pages_;
  std::size_t alphanumerics_ = 0;
  std::size_t words_ = 0;
  int text_pages_ = 0;
};

}  // namespace paper
