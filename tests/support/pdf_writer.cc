#include "tests/support/pdf_writer.h"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace paper::testing {

namespace {

// UTF-8 (Latin-1 range) -> bytes for a PDF literal string with escapes.
std::string pdf_literal(const std::string& utf8) {
  std::string out = "(";
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    auto c = static_cast<unsigned char>(utf8[i]);
    std::uint32_t cp = c;
    if (c >= 0xC0 && c < 0xE0 && i + 1 < utf8.size()) {
      cp = ((c & 0x1F) << 6) | (static_cast<unsigned char>(utf8[i + 1]) & 0x3F);
      ++i;
    } else if (c >= 0x80) {
      cp = '?';
    }
    if (cp == '(' || cp == ')' || cp == '\\') {
      out += '\\';
      out += static_cast<char>(cp);
    } else if (cp < 0x20 || cp > 0xFF) {
      out += '?';
    } else if (cp >= 0x80) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\%03o", cp);
      out += buf;
    } else {
      out += static_cast<char>(cp);
    }
  }
  return out + ")";
}

}  // namespace

std::string make_pdf(const std::vector<PdfPage>& pages, const PdfInfo& info) {
  // Objects: 1 catalog, 2 pages, 3 font, 4 info, then per page: page, content.
  std::vector<std::string> objects;
  std::string kids;
  const int first_page_obj = 5;
  for (std::size_t p = 0; p < pages.size(); ++p) {
    kids += std::to_string(first_page_obj + 2 * p) + " 0 R ";
  }
  objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size()) +
                    " >>");
  objects.push_back(
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  objects.push_back("<< /Title " + pdf_literal(info.title) + " /Author " +
                    pdf_literal(info.author) + " /Producer (paper-search tests) >>");
  for (std::size_t p = 0; p < pages.size(); ++p) {
    std::ostringstream content;
    for (const PdfLine& line : pages[p].lines) {
      content << "BT /F1 " << line.size << " Tf " << line.x << ' ' << line.y << " Td "
              << pdf_literal(line.text) << " Tj ET\n";
    }
    std::string stream = content.str();
    objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font "
                      "<< /F1 3 0 R >> >> /Contents " +
                      std::to_string(first_page_obj + 2 * p + 1) + " 0 R >>");
    objects.push_back("<< /Length " + std::to_string(stream.size()) + " >>\nstream\n" + stream +
                      "endstream");
  }
  std::string out = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  std::size_t xref = out.size();
  out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t off : offsets) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%010zu 00000 n \n", off);
    out += buf;
  }
  out += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R /Info 4 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return out;
}

PdfPage single_column_page(const std::string& text, int chars_per_line) {
  PdfPage page;
  double y = 740;
  std::istringstream words(text);
  std::string word, line;
  auto flush = [&] {
    if (line.empty()) return;
    page.lines.push_back(PdfLine{72, y, 10, line});
    y -= 14;
    line.clear();
  };
  while (words >> word) {
    if (!line.empty() && static_cast<int>(line.size() + 1 + word.size()) > chars_per_line) flush();
    if (!line.empty()) line += ' ';
    line += word;
  }
  flush();
  return page;
}

void write_file(const std::string& path, const std::string& bytes) {
  std::filesystem::path p(path);
  if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path);
}

}  // namespace paper::testing
