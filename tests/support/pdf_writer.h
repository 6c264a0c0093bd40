// Writes small, valid PDFs for tests: positioned text lines on pages, base-14 Helvetica
// (WinAnsi: text is UTF-8 and must stay within Latin-1, plus the ligatures U+FB00..U+FB04 and
// the combining acute accent U+0301, which map to glyphs /ff /fi /fl /ffi /ffl /acutecomb),
// optional document info.
#pragma once

#include <string>
#include <vector>

namespace paper::testing {

struct PdfLine {
  double x = 72;     // points from the left edge
  double y = 720;    // points from the bottom edge (baseline)
  double size = 11;  // font size
  std::string text;  // UTF-8, Latin-1 range (plus the glyphs listed above)
};

struct PdfPage {
  std::vector<PdfLine> lines;
  // Raw content-stream operators drawn before the text (e.g. "72 72 200 100 re f"): lets a test
  // make a page with graphics but no text operators at all.
  std::string graphics;
};

struct PdfInfo {
  std::string title;
  std::string author;
};

// Returns the bytes of a PDF with the given pages (US Letter, 612x792).
std::string make_pdf(const std::vector<PdfPage>& pages, const PdfInfo& info = {});

// Flows paragraphs into one column per page: top-down lines at 14 pt spacing, wrapped at about
// chars_per_line characters, starting a new page when the column is full. Convenience for
// building "papers" page by page: each element of page_texts becomes exactly one page.
PdfPage single_column_page(const std::string& text, int chars_per_line = 90);

// Lays out a two-column page (10 pt text, 12 pt leading, columns at x=72 and x=324, each about
// 216 pt wide, 36 pt gutter). Lines of the two columns share baselines, which is the layout
// that interleaves lines when text is read row by row. `heading` lines (may be empty) are
// centred across the full width above the columns, 16 pt, in order.
PdfPage two_column_page(const std::vector<std::string>& heading, const std::string& left_text,
                        const std::string& right_text, int chars_per_line = 42);

// Wraps text into lines of at most chars_per_line characters (words are never split).
std::vector<std::string> wrap_words(const std::string& text, int chars_per_line);

// Writes bytes to path (creating parent folders); throws std::runtime_error on failure.
void write_file(const std::string& path, const std::string& bytes);

// Returns the bytes of the file at path; throws std::runtime_error when it cannot be read.
std::string read_file(const std::string& path);

// Encrypts in_path into out_path with `qpdf --encrypt` (AES-256) and the given user password
// (empty = anyone may open it) and owner password. Throws std::runtime_error when qpdf fails.
void qpdf_encrypt(const std::string& in_path, const std::string& out_path,
                  const std::string& user_password, const std::string& owner_password);

}  // namespace paper::testing
