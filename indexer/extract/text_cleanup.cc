#include "indexer/extract/text_cleanup.h"

#include <algorithm>
#include <vector>

namespace paper {

namespace {

struct Composition {
  std::uint32_t base, mark, composed;
};

// Latin letter + combining accent -> precomposed letter (Latin-1 .. Latin Extended-B), sorted
// by (base, mark). Generated from Unicode's NFC; covers what Poppler emits for TeX accents.
constexpr Composition kCompositions[] = {
    {0x41, 0x300, 0xC0},  {0x41, 0x301, 0xC1},   {0x41, 0x302, 0xC2},   {0x41, 0x303, 0xC3},
    {0x41, 0x304, 0x100}, {0x41, 0x306, 0x102},  {0x41, 0x307, 0x226},  {0x41, 0x308, 0xC4},
    {0x41, 0x30A, 0xC5},  {0x41, 0x30C, 0x1CD},  {0x41, 0x328, 0x104},  {0x43, 0x301, 0x106},
    {0x43, 0x302, 0x108}, {0x43, 0x307, 0x10A},  {0x43, 0x30C, 0x10C},  {0x43, 0x327, 0xC7},
    {0x44, 0x30C, 0x10E}, {0x45, 0x300, 0xC8},   {0x45, 0x301, 0xC9},   {0x45, 0x302, 0xCA},
    {0x45, 0x304, 0x112}, {0x45, 0x306, 0x114},  {0x45, 0x307, 0x116},  {0x45, 0x308, 0xCB},
    {0x45, 0x30C, 0x11A}, {0x45, 0x327, 0x228},  {0x45, 0x328, 0x118},  {0x47, 0x301, 0x1F4},
    {0x47, 0x302, 0x11C}, {0x47, 0x306, 0x11E},  {0x47, 0x307, 0x120},  {0x47, 0x30C, 0x1E6},
    {0x47, 0x327, 0x122}, {0x48, 0x302, 0x124},  {0x48, 0x30C, 0x21E},  {0x49, 0x300, 0xCC},
    {0x49, 0x301, 0xCD},  {0x49, 0x302, 0xCE},   {0x49, 0x303, 0x128},  {0x49, 0x304, 0x12A},
    {0x49, 0x306, 0x12C}, {0x49, 0x307, 0x130},  {0x49, 0x308, 0xCF},   {0x49, 0x30C, 0x1CF},
    {0x49, 0x328, 0x12E}, {0x4A, 0x302, 0x134},  {0x4B, 0x30C, 0x1E8},  {0x4B, 0x327, 0x136},
    {0x4C, 0x301, 0x139}, {0x4C, 0x30C, 0x13D},  {0x4C, 0x327, 0x13B},  {0x4E, 0x300, 0x1F8},
    {0x4E, 0x301, 0x143}, {0x4E, 0x303, 0xD1},   {0x4E, 0x30C, 0x147},  {0x4E, 0x327, 0x145},
    {0x4F, 0x300, 0xD2},  {0x4F, 0x301, 0xD3},   {0x4F, 0x302, 0xD4},   {0x4F, 0x303, 0xD5},
    {0x4F, 0x304, 0x14C}, {0x4F, 0x306, 0x14E},  {0x4F, 0x307, 0x22E},  {0x4F, 0x308, 0xD6},
    {0x4F, 0x30B, 0x150}, {0x4F, 0x30C, 0x1D1},  {0x4F, 0x328, 0x1EA},  {0x52, 0x301, 0x154},
    {0x52, 0x30C, 0x158}, {0x52, 0x327, 0x156},  {0x53, 0x301, 0x15A},  {0x53, 0x302, 0x15C},
    {0x53, 0x30C, 0x160}, {0x53, 0x327, 0x15E},  {0x54, 0x30C, 0x164},  {0x54, 0x327, 0x162},
    {0x55, 0x300, 0xD9},  {0x55, 0x301, 0xDA},   {0x55, 0x302, 0xDB},   {0x55, 0x303, 0x168},
    {0x55, 0x304, 0x16A}, {0x55, 0x306, 0x16C},  {0x55, 0x308, 0xDC},   {0x55, 0x30A, 0x16E},
    {0x55, 0x30B, 0x170}, {0x55, 0x30C, 0x1D3},  {0x55, 0x328, 0x172},  {0x57, 0x302, 0x174},
    {0x59, 0x301, 0xDD},  {0x59, 0x302, 0x176},  {0x59, 0x304, 0x232},  {0x59, 0x308, 0x178},
    {0x5A, 0x301, 0x179}, {0x5A, 0x307, 0x17B},  {0x5A, 0x30C, 0x17D},  {0x61, 0x300, 0xE0},
    {0x61, 0x301, 0xE1},  {0x61, 0x302, 0xE2},   {0x61, 0x303, 0xE3},   {0x61, 0x304, 0x101},
    {0x61, 0x306, 0x103}, {0x61, 0x307, 0x227},  {0x61, 0x308, 0xE4},   {0x61, 0x30A, 0xE5},
    {0x61, 0x30C, 0x1CE}, {0x61, 0x328, 0x105},  {0x63, 0x301, 0x107},  {0x63, 0x302, 0x109},
    {0x63, 0x307, 0x10B}, {0x63, 0x30C, 0x10D},  {0x63, 0x327, 0xE7},   {0x64, 0x30C, 0x10F},
    {0x65, 0x300, 0xE8},  {0x65, 0x301, 0xE9},   {0x65, 0x302, 0xEA},   {0x65, 0x304, 0x113},
    {0x65, 0x306, 0x115}, {0x65, 0x307, 0x117},  {0x65, 0x308, 0xEB},   {0x65, 0x30C, 0x11B},
    {0x65, 0x327, 0x229}, {0x65, 0x328, 0x119},  {0x67, 0x301, 0x1F5},  {0x67, 0x302, 0x11D},
    {0x67, 0x306, 0x11F}, {0x67, 0x307, 0x121},  {0x67, 0x30C, 0x1E7},  {0x67, 0x327, 0x123},
    {0x68, 0x302, 0x125}, {0x68, 0x30C, 0x21F},  {0x69, 0x300, 0xEC},   {0x69, 0x301, 0xED},
    {0x69, 0x302, 0xEE},  {0x69, 0x303, 0x129},  {0x69, 0x304, 0x12B},  {0x69, 0x306, 0x12D},
    {0x69, 0x308, 0xEF},  {0x69, 0x30C, 0x1D0},  {0x69, 0x328, 0x12F},  {0x6A, 0x302, 0x135},
    {0x6A, 0x30C, 0x1F0}, {0x6B, 0x30C, 0x1E9},  {0x6B, 0x327, 0x137},  {0x6C, 0x301, 0x13A},
    {0x6C, 0x30C, 0x13E}, {0x6C, 0x327, 0x13C},  {0x6E, 0x300, 0x1F9},  {0x6E, 0x301, 0x144},
    {0x6E, 0x303, 0xF1},  {0x6E, 0x30C, 0x148},  {0x6E, 0x327, 0x146},  {0x6F, 0x300, 0xF2},
    {0x6F, 0x301, 0xF3},  {0x6F, 0x302, 0xF4},   {0x6F, 0x303, 0xF5},   {0x6F, 0x304, 0x14D},
    {0x6F, 0x306, 0x14F}, {0x6F, 0x307, 0x22F},  {0x6F, 0x308, 0xF6},   {0x6F, 0x30B, 0x151},
    {0x6F, 0x30C, 0x1D2}, {0x6F, 0x328, 0x1EB},  {0x72, 0x301, 0x155},  {0x72, 0x30C, 0x159},
    {0x72, 0x327, 0x157}, {0x73, 0x301, 0x15B},  {0x73, 0x302, 0x15D},  {0x73, 0x30C, 0x161},
    {0x73, 0x327, 0x15F}, {0x74, 0x30C, 0x165},  {0x74, 0x327, 0x163},  {0x75, 0x300, 0xF9},
    {0x75, 0x301, 0xFA},  {0x75, 0x302, 0xFB},   {0x75, 0x303, 0x169},  {0x75, 0x304, 0x16B},
    {0x75, 0x306, 0x16D}, {0x75, 0x308, 0xFC},   {0x75, 0x30A, 0x16F},  {0x75, 0x30B, 0x171},
    {0x75, 0x30C, 0x1D4}, {0x75, 0x328, 0x173},  {0x77, 0x302, 0x175},  {0x79, 0x301, 0xFD},
    {0x79, 0x302, 0x177}, {0x79, 0x304, 0x233},  {0x79, 0x308, 0xFF},   {0x7A, 0x301, 0x17A},
    {0x7A, 0x307, 0x17C}, {0x7A, 0x30C, 0x17E},  {0x131, 0x300, 0xEC},  {0x131, 0x301, 0xED},
    {0x131, 0x302, 0xEE}, {0x131, 0x303, 0x129}, {0x131, 0x304, 0x12B}, {0x131, 0x306, 0x12D},
    {0x131, 0x308, 0xEF}, {0x131, 0x30C, 0x1D0}, {0x131, 0x328, 0x12F},
};

std::uint32_t compose(std::uint32_t base, std::uint32_t mark) {
  auto it = std::lower_bound(std::begin(kCompositions), std::end(kCompositions), base,
                             [](const Composition& c, std::uint32_t b) { return c.base < b; });
  for (; it != std::end(kCompositions) && it->base == base; ++it) {
    if (it->mark == mark) return it->composed;
  }
  return 0;
}

// Spacing accents that TeX fonts draw before the letter -> the matching combining accent.
std::uint32_t combining_for_spacing(std::uint32_t cp) {
  switch (cp) {
    case 0xB4:
      return 0x301;
    case 0xA8:
      return 0x308;
    case 0x2C6:
      return 0x302;
    case 0x2DC:
      return 0x303;
    case 0x2C7:
      return 0x30C;
    case 0x2D8:
      return 0x306;
    case 0x2DA:
      return 0x30A;
    case 0x2DD:
      return 0x30B;
    case 0xAF:
      return 0x304;
    case 0x2D9:
      return 0x307;
    default:
      return 0;
  }
}

const char* ligature(std::uint32_t cp) {
  switch (cp) {
    case 0xFB00:
      return "ff";
    case 0xFB01:
      return "fi";
    case 0xFB02:
      return "fl";
    case 0xFB03:
      return "ffi";
    case 0xFB04:
      return "ffl";
    case 0xFB05:
    case 0xFB06:
      return "st";
    default:
      return nullptr;
  }
}

bool is_space(std::uint32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
         cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F ||
         cp == 0x3000;
}

bool is_dropped(std::uint32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xAD || (cp >= 0x200B && cp <= 0x200D) ||
         cp == 0x2060 || cp == 0xFEFF || cp == 0xFFFD || cp == 0xFFFE || cp == 0xFFFF ||
         (cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xD800 && cp <= 0xDFFF);
}

// Decodes the UTF-8 sequence at s[i]; returns its length, or 0 (and cp undefined) when invalid.
std::size_t decode(std::string_view s, std::size_t i, std::uint32_t& cp) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  unsigned char c = b(0);
  if (c < 0x80) {
    cp = c;
    return 1;
  }
  std::size_t len;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    if ((b(k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(k) & 0x3F);
  }
  if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF) return 0;
  return len;
}

std::vector<std::uint32_t> decode_all(std::string_view s) {
  std::vector<std::uint32_t> out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    std::uint32_t cp;
    std::size_t len = decode(s, i, cp);
    if (len == 0) {
      ++i;  // invalid byte: dropped
      continue;
    }
    out.push_back(cp);
    i += len;
  }
  return out;
}

bool is_letter(std::uint32_t cp) {
  return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
         (cp >= 0xC0 && cp != 0xD7 && cp != 0xF7 && cp < 0x2000);
}

bool is_lower(std::uint32_t cp) {
  if (cp >= 'a' && cp <= 'z') return true;
  if (cp >= 0xDF && cp <= 0xFF) return cp != 0xF7;
  if (cp >= 0x100 && cp <= 0x17F) return cp % 2 == 1;  // Latin Extended-A pairs, lower second
  if (cp >= 0x3B1 && cp <= 0x3C9) return true;         // Greek
  return false;
}

// Byte length of the last code point of s (s non-empty, valid UTF-8).
std::size_t last_cp_length(std::string_view s) {
  std::size_t n = 1;
  while (n < s.size() && (static_cast<unsigned char>(s[s.size() - n]) & 0xC0) == 0x80) ++n;
  return n;
}

std::uint32_t last_cp(std::string_view s) {
  std::uint32_t cp = 0;
  decode(s, s.size() - last_cp_length(s), cp);
  return cp;
}

std::uint32_t first_cp(std::string_view s) {
  std::uint32_t cp = 0;
  decode(s, 0, cp);
  return cp;
}

}  // namespace

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string utf16_to_utf8(const unsigned short* units, std::size_t count) {
  std::string out;
  out.reserve(count + count / 8);
  for (std::size_t i = 0; i < count; ++i) {
    std::uint32_t u = units[i];
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (i + 1 < count && units[i + 1] >= 0xDC00 && units[i + 1] <= 0xDFFF) {
        u = 0x10000 + ((u - 0xD800) << 10) + (units[i + 1] - 0xDC00);
        ++i;
      } else {
        continue;
      }
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
      continue;
    }
    append_utf8(out, u);
  }
  return out;
}

std::string clean_line(std::string_view line) {
  std::vector<std::uint32_t> in = decode_all(line);
  std::vector<std::uint32_t> out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    std::uint32_t cp = in[i];
    if (const char* lig = ligature(cp)) {
      for (const char* p = lig; *p; ++p) out.push_back(static_cast<unsigned char>(*p));
      continue;
    }
    if (is_space(cp)) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
      continue;
    }
    if (is_dropped(cp)) continue;
    if (cp >= 0x300 && cp <= 0x36F && !out.empty()) {
      std::uint32_t base = out.back();
      if (std::uint32_t c = compose(base, cp)) {
        out.back() = c;
        continue;
      }
    }
    if (std::uint32_t mark = combining_for_spacing(cp); mark != 0 && i + 1 < in.size()) {
      if (std::uint32_t c = compose(in[i + 1], mark)) {
        out.push_back(c);
        ++i;
        continue;
      }
    }
    out.push_back(cp);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  std::string result;
  result.reserve(out.size() + out.size() / 4);
  for (std::uint32_t cp : out) append_utf8(result, cp);
  return result;
}

std::string clean_page_text(std::string_view raw) {
  std::vector<std::string> lines;
  std::vector<bool> soft;  // the raw line ended with a soft hyphen (U+00AD)
  std::size_t start = 0;
  while (start <= raw.size()) {
    std::size_t end = raw.find_first_of("\n\f", start);
    if (end == std::string_view::npos) end = raw.size();
    std::string_view piece = raw.substr(start, end - start);
    while (!piece.empty() && (piece.back() == ' ' || piece.back() == '\t')) {
      piece.remove_suffix(1);
    }
    soft.push_back(piece.size() >= 2 && piece.substr(piece.size() - 2) == "\xC2\xAD");
    lines.push_back(clean_line(piece));
    start = end + 1;
  }

  // Join words hyphenated at a line end with the first word of the next non-blank line (one
  // blank line may sit between: a column or block break).
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string& line = lines[i];
    bool soft_hyphen = soft[i] && !line.empty();
    bool hard_hyphen = false;
    if (!soft_hyphen && line.size() >= 2) {
      if (line.back() == '-') {
        hard_hyphen = true;
      } else if (line.size() >= 4 && line.compare(line.size() - 3, 3, "\xE2\x80\x90") == 0) {
        hard_hyphen = true;  // U+2010 HYPHEN
      }
    }
    if (!soft_hyphen && !hard_hyphen) continue;
    std::size_t j = i + 1;
    if (j < lines.size() && lines[j].empty()) ++j;
    if (j >= lines.size() || lines[j].empty()) continue;

    std::string stem = line;
    if (hard_hyphen) stem.resize(stem.size() - last_cp_length(stem));
    std::size_t word_start = stem.find_last_of(' ');
    word_start = word_start == std::string::npos ? 0 : word_start + 1;
    std::string_view fragment = std::string_view(stem).substr(word_start);
    if (fragment.empty() || !is_letter(last_cp(fragment))) continue;
    std::uint32_t next = first_cp(lines[j]);
    if (!is_letter(next) && !(next >= '0' && next <= '9')) continue;

    bool keep_hyphen =
        hard_hyphen && (!is_lower(next) || fragment.find('-') != std::string_view::npos);
    std::size_t cut = lines[j].find(' ');
    std::string continuation = lines[j].substr(0, cut);
    lines[j] = cut == std::string::npos ? std::string() : lines[j].substr(cut + 1);
    line = keep_hyphen ? line + continuation : stem + continuation;
    if (lines[j].empty()) {
      lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(j));
      soft.erase(soft.begin() + static_cast<std::ptrdiff_t>(j));
    }
  }

  std::string out;
  out.reserve(raw.size());
  bool pending_blank = false;
  for (const std::string& line : lines) {
    if (line.empty()) {
      pending_blank = !out.empty();
      continue;
    }
    if (!out.empty()) out += pending_blank ? "\n\n" : "\n";
    pending_blank = false;
    out += line;
  }
  return out;
}

}  // namespace paper
