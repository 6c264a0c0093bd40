#include "tests/support/pdf_writer.h"

#include <sys/wait.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

namespace paper::testing {

namespace {

// The font's encoding: WinAnsi, plus glyphs on codes WinAnsi leaves undefined so that tests
// can produce ligatures and a combining accent.
constexpr const char* kFontEncoding =
    "<< /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [127 /acutecomb 129 /ff "
    "141 /fi 143 /fl 144 /ffi 157 /ffl] >>";

// Returns the single-byte code for a code point outside Latin-1, or 0 when there is none.
unsigned char extra_code(std::uint32_t cp) {
  switch (cp) {
    case 0x0301:
      return 0x7F;
    case 0xFB00:
      return 0x81;
    case 0xFB01:
      return 0x8D;
    case 0xFB02:
      return 0x8F;
    case 0xFB03:
      return 0x90;
    case 0xFB04:
      return 0x9D;
    case 0x2013:
      return 0x96;
    case 0x2014:
      return 0x97;
    case 0x2018:
      return 0x91;
    case 0x2019:
      return 0x92;
    case 0x201C:
      return 0x93;
    case 0x201D:
      return 0x94;
    default:
      return 0;
  }
}

// UTF-8 -> bytes for a PDF literal string with escapes; unknown characters become '?'.
std::string pdf_literal(const std::string& utf8) {
  std::string out = "(";
  const auto* s = reinterpret_cast<const unsigned char*>(utf8.data());
  const std::size_t n = utf8.size();
  for (std::size_t i = 0; i < n;) {
    std::uint32_t cp = s[i];
    std::size_t len = 1;
    if (cp >= 0xF0 && i + 3 < n) {
      cp = ((cp & 0x07) << 18) | ((s[i + 1] & 0x3F) << 12) | ((s[i + 2] & 0x3F) << 6) |
           (s[i + 3] & 0x3F);
      len = 4;
    } else if (cp >= 0xE0 && i + 2 < n) {
      cp = ((cp & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
      len = 3;
    } else if (cp >= 0xC0 && i + 1 < n) {
      cp = ((cp & 0x1F) << 6) | (s[i + 1] & 0x3F);
      len = 2;
    } else if (cp >= 0x80) {
      cp = '?';
    }
    i += len;
    unsigned code = cp;
    if (cp > 0xFF) code = extra_code(cp) ? extra_code(cp) : '?';
    if (code == '(' || code == ')' || code == '\\') {
      out += '\\';
      out += static_cast<char>(code);
    } else if (code < 0x20) {
      out += '?';
    } else if (code >= 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\%03o", code);
      out += buf;
    } else {
      out += static_cast<char>(code);
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
  objects.push_back(std::string("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding ") +
                    kFontEncoding + " >>");
  objects.push_back("<< /Title " + pdf_literal(info.title) + " /Author " +
                    pdf_literal(info.author) + " /Producer (paper-search tests) >>");
  for (std::size_t p = 0; p < pages.size(); ++p) {
    std::ostringstream content;
    if (!pages[p].graphics.empty()) content << pages[p].graphics << "\n";
    for (const PdfLine& line : pages[p].lines) {
      content << "BT /F1 " << line.size << " Tf " << line.x << ' ' << line.y << " Td "
              << pdf_literal(line.text) << " Tj ET\n";
    }
    std::string stream = content.str();
    objects.push_back(
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font "
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

std::vector<std::string> wrap_words(const std::string& text, int chars_per_line) {
  std::vector<std::string> lines;
  std::istringstream words(text);
  std::string word, line;
  while (words >> word) {
    if (!line.empty() && static_cast<int>(line.size() + 1 + word.size()) > chars_per_line) {
      lines.push_back(line);
      line.clear();
    }
    if (!line.empty()) line += ' ';
    line += word;
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

PdfPage single_column_page(const std::string& text, int chars_per_line) {
  PdfPage page;
  double y = 740;
  for (const std::string& line : wrap_words(text, chars_per_line)) {
    page.lines.push_back(PdfLine{72, y, 10, line});
    y -= 14;
  }
  return page;
}

PdfPage two_column_page(const std::vector<std::string>& heading, const std::string& left_text,
                        const std::string& right_text, int chars_per_line) {
  PdfPage page;
  double y = 740;
  for (const std::string& line : heading) {
    // Helvetica averages about half an em per character: centre on that estimate.
    double width = 0.5 * 16 * static_cast<double>(line.size());
    page.lines.push_back(PdfLine{(612 - width) / 2, y, 16, line});
    y -= 22;
  }
  const double top = heading.empty() ? 740 : y - 8;
  y = top;
  for (const std::string& line : wrap_words(left_text, chars_per_line)) {
    page.lines.push_back(PdfLine{72, y, 10, line});
    y -= 12;
  }
  y = top;
  for (const std::string& line : wrap_words(right_text, chars_per_line)) {
    page.lines.push_back(PdfLine{324, y, 10, line});
    y -= 12;
  }
  return page;
}

void write_file(const std::string& path, const std::string& bytes) {
  std::filesystem::path p(path);
  if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void qpdf_encrypt(const std::string& in_path, const std::string& out_path,
                  const std::string& user_password, const std::string& owner_password) {
  // Paths and passwords come from the tests themselves; quote them for the shell anyway.
  auto quote = [](const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
  };
  std::string command = "qpdf --encrypt " + quote(user_password) + " " + quote(owner_password) +
                        " 256 -- " + quote(in_path) + " " + quote(out_path) + " 2>&1";
  int rc = std::system(command.c_str());
  if (rc == -1 || !WIFEXITED(rc) || WEXITSTATUS(rc) != 0) {
    throw std::runtime_error("qpdf --encrypt failed for " + in_path);
  }
}

}  // namespace paper::testing
