#include "indexer/catalogue/mojibake.h"

#include <cstdint>
#include <vector>

namespace paper {
namespace {

// Unicode code points of Mac Roman bytes 0x80..0xFF.
constexpr std::uint16_t kMacRoman[128] = {
    0x00C4, 0x00C5, 0x00C7, 0x00C9, 0x00D1, 0x00D6, 0x00DC, 0x00E1, 0x00E0, 0x00E2, 0x00E4, 0x00E3,
    0x00E5, 0x00E7, 0x00E9, 0x00E8, 0x00EA, 0x00EB, 0x00ED, 0x00EC, 0x00EE, 0x00EF, 0x00F1, 0x00F3,
    0x00F2, 0x00F4, 0x00F6, 0x00F5, 0x00FA, 0x00F9, 0x00FB, 0x00FC, 0x2020, 0x00B0, 0x00A2, 0x00A3,
    0x00A7, 0x2022, 0x00B6, 0x00DF, 0x00AE, 0x00A9, 0x2122, 0x00B4, 0x00A8, 0x2260, 0x00C6, 0x00D8,
    0x221E, 0x00B1, 0x2264, 0x2265, 0x00A5, 0x00B5, 0x2202, 0x2211, 0x220F, 0x03C0, 0x222B, 0x00AA,
    0x00BA, 0x03A9, 0x00E6, 0x00F8, 0x00BF, 0x00A1, 0x00AC, 0x221A, 0x0192, 0x2248, 0x2206, 0x00AB,
    0x00BB, 0x2026, 0x00A0, 0x00C0, 0x00C3, 0x00D5, 0x0152, 0x0153, 0x2013, 0x2014, 0x201C, 0x201D,
    0x2018, 0x2019, 0x00F7, 0x25CA, 0x00FF, 0x0178, 0x2044, 0x20AC, 0x2039, 0x203A, 0xFB01, 0xFB02,
    0x2021, 0x00B7, 0x201A, 0x201E, 0x2030, 0x00C2, 0x00CA, 0x00C1, 0x00CB, 0x00C8, 0x00CD, 0x00CE,
    0x00CF, 0x00CC, 0x00D3, 0x00D4, 0xF8FF, 0x00D2, 0x00DA, 0x00DB, 0x00D9, 0x0131, 0x02C6, 0x02DC,
    0x00AF, 0x02D8, 0x02D9, 0x02DA, 0x00B8, 0x02DD, 0x02DB, 0x02C7};

// Mac Roman byte for a code point, or -1.
int to_mac_roman(std::uint32_t cp) {
  if (cp < 0x80) return static_cast<int>(cp);
  for (int i = 0; i < 128; ++i) {
    if (kMacRoman[i] == cp) return 0x80 + i;
  }
  return -1;
}

struct Char {
  std::uint32_t cp;
  std::size_t begin, end;  // byte range in the input
};

// Decodes valid UTF-8; stray bytes become single "characters" that never map.
std::vector<Char> decode(std::string_view s) {
  std::vector<Char> out;
  const auto* b = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t i = 0, n = s.size();
  while (i < n) {
    std::uint32_t c = b[i];
    std::size_t len = 1;
    if (c >= 0xF0 && i + 3 < n) {
      c = ((c & 0x07) << 18) | ((b[i + 1] & 0x3F) << 12) | ((b[i + 2] & 0x3F) << 6) |
          (b[i + 3] & 0x3F);
      len = 4;
    } else if (c >= 0xE0 && i + 2 < n) {
      c = ((c & 0x0F) << 12) | ((b[i + 1] & 0x3F) << 6) | (b[i + 2] & 0x3F);
      len = 3;
    } else if (c >= 0xC0 && i + 1 < n) {
      c = ((c & 0x1F) << 6) | (b[i + 1] & 0x3F);
      len = 2;
    } else if (c >= 0x80) {
      c = 0xFFFFFFFF;
    }
    out.push_back({c, i, i + len});
    i += len;
  }
  return out;
}

// Two-byte sequences are accepted only for Latin-1, Latin Extended-A and Greek (what titles and
// names use): "“Über" is “ + Ü, which would otherwise read as U+0486.
int sequence_length(int lead) {
  if ((lead >= 0xC2 && lead <= 0xC5) || lead == 0xCE || lead == 0xCF) return 2;
  if (lead >= 0xC6 && lead <= 0xDF) return 0;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

}  // namespace

std::string repair_mac_roman_mojibake(std::string_view line) {
  bool any_non_ascii = false;
  for (char c : line) any_non_ascii = any_non_ascii || (static_cast<unsigned char>(c) >= 0x80);
  if (!any_non_ascii) return std::string(line);
  std::vector<Char> chars = decode(line);
  std::string out;
  out.reserve(line.size());
  std::size_t i = 0;
  while (i < chars.size()) {
    int lead = chars[i].cp >= 0x80 ? to_mac_roman(chars[i].cp) : -1;
    int len = lead >= 0 ? sequence_length(lead) : 0;
    if (len > 0 && i + len <= chars.size()) {
      std::uint32_t cp = static_cast<std::uint32_t>(lead) & (len == 2   ? 0x1F
                                                             : len == 3 ? 0x0F
                                                                        : 0x07);
      bool ok = true;
      for (int k = 1; k < len && ok; ++k) {
        int byte = chars[i + k].cp >= 0x80 ? to_mac_roman(chars[i + k].cp) : -1;
        ok = byte >= 0x80 && byte <= 0xBF;
        if (ok) cp = (cp << 6) | (static_cast<std::uint32_t>(byte) & 0x3F);
      }
      // Reject overlong forms, surrogates and values past Unicode.
      ok = ok && !(len == 3 && cp < 0x800) && !(len == 4 && cp < 0x10000) && cp <= 0x10FFFF &&
           !(cp >= 0xD800 && cp <= 0xDFFF);
      if (ok) {
        out += static_cast<char>(lead);
        for (int k = 1; k < len; ++k) out += static_cast<char>(to_mac_roman(chars[i + k].cp));
        i += len;
        continue;
      }
    }
    out.append(line.substr(chars[i].begin, chars[i].end - chars[i].begin));
    ++i;
  }
  return out;
}

}  // namespace paper
