// Writes small, valid PDFs for tests: positioned text lines on pages, base-14 Helvetica
// (WinAnsi: text is UTF-8 and must stay within Latin-1), optional document info.
#pragma once

#include <string>
#include <vector>

namespace paper::testing {

struct PdfLine {
  double x = 72;        // points from the left edge
  double y = 720;       // points from the bottom edge (baseline)
  double size = 11;     // font size
  std::string text;     // UTF-8, Latin-1 range only
};

struct PdfPage {
  std::vector<PdfLine> lines;
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

// Writes bytes to path (creating parent folders); throws std::runtime_error on failure.
void write_file(const std::string& path, const std::string& bytes);

}  // namespace paper::testing
