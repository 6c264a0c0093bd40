#include "indexer/catalogue/list_lines.h"

#include <cstdint>

#include "common/text.h"
#include "indexer/catalogue/mojibake.h"

namespace paper {
namespace {

constexpr int kMaxUtf8Warnings = 5;

// Windows-1252 for 0x80..0x9F (0 = undefined there), Latin-1 above.
constexpr std::uint16_t kCp1252[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

// Replaces every byte that does not start a valid UTF-8 sequence by its Windows-1252 character.
std::string decode_as_cp1252_where_invalid(std::string_view line) {
  std::string out;
  out.reserve(line.size() + 8);
  while (!line.empty()) {
    auto bad = find_invalid_utf8(line);
    if (!bad) {
      out.append(line);
      break;
    }
    out.append(line.substr(0, *bad));
    auto byte = static_cast<unsigned char>(line[*bad]);
    std::uint32_t cp = byte < 0xA0 ? kCp1252[byte - 0x80] : byte;
    append_utf8(out, cp == 0 ? 0xFFFD : cp);
    line.remove_prefix(*bad + 1);
  }
  return out;
}

bool is_fence(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && i < 3 && line[i] == ' ') ++i;
  return line.substr(i, 3) == "```" || line.substr(i, 3) == "~~~";
}

}  // namespace

ListLines read_list_lines(std::string_view text, const std::string& file_name) {
  ListLines out;
  auto where = [&](int line) { return SourceLocation{file_name, line}; };

  if (auto nul = text.find('\0'); nul != std::string_view::npos) {
    int line = 1;
    for (std::size_t i = 0; i < nul; ++i) line += text[i] == '\n';
    out.unreadable = true;
    out.warnings.push_back({where(line), "binary data (NUL byte at byte offset " +
                                             std::to_string(nul) +
                                             "), not a Markdown list; skipped"});
    return out;
  }
  std::size_t offset = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") offset = 3;  // a UTF-8 byte order mark

  bool in_comment = false, in_fence = false, any_text = false;
  int utf8_warnings = 0, utf8_unreported = 0;
  int number = 0;
  while (offset < text.size()) {
    std::size_t eol = text.find('\n', offset);
    std::size_t end = eol == std::string_view::npos ? text.size() : eol;
    std::string_view raw = text.substr(offset, end - offset);
    std::size_t line_offset = offset;
    offset = eol == std::string_view::npos ? text.size() : eol + 1;
    ++number;
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    ListLine line{number, {}};
    if (raw.size() > kMaxLineBytes) {
      any_text = true;
      out.warnings.push_back(
          {where(number), "line is " + std::to_string(raw.size()) + " bytes long, over the " +
                              std::to_string(kMaxLineBytes) +
                              "-byte limit for a list line; skipped, split it into lines"});
      out.lines.push_back(std::move(line));
      continue;
    }
    std::string clean;
    if (auto bad = find_invalid_utf8(raw)) {
      if (utf8_warnings < kMaxUtf8Warnings) {
        ++utf8_warnings;
        out.warnings.push_back(
            {where(number), "invalid UTF-8 at byte offset " + std::to_string(line_offset + *bad) +
                                "; read those bytes as Windows-1252, save the list as UTF-8"});
      } else {
        ++utf8_unreported;
      }
      clean = decode_as_cp1252_where_invalid(raw);
    } else {
      clean.assign(raw);
    }
    // Control characters other than tab are noise in a Markdown list.
    for (char& c : clean) {
      if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7F) c = ' ';
    }
    clean = repair_mac_roman_mojibake(clean);

    // HTML comments, possibly spanning lines, are removed.
    std::string kept;
    std::size_t i = 0;
    while (i < clean.size()) {
      if (in_comment) {
        auto close = clean.find("-->", i);
        if (close == std::string::npos) {
          i = clean.size();
        } else {
          in_comment = false;
          i = close + 3;
        }
        continue;
      }
      auto open = clean.find("<!--", i);
      if (open == std::string::npos) {
        kept.append(clean, i, std::string::npos);
        break;
      }
      kept.append(clean, i, open - i);
      in_comment = true;
      i = open + 4;
    }
    if (trim(clean).size() > 0) any_text = true;
    if (!in_comment && is_fence(kept)) {
      in_fence = !in_fence;
      kept.clear();
    } else if (in_fence) {
      kept.clear();
    }
    line.text = std::move(kept);
    out.lines.push_back(std::move(line));
  }
  if (utf8_unreported > 0) {
    out.warnings.push_back(
        {where(0), std::to_string(utf8_unreported) +
                       " more lines have invalid UTF-8; save the list as UTF-8"});
  }
  out.empty = !any_text;
  return out;
}

}  // namespace paper
