#include "common/text.h"

#include <cstdint>

namespace paper {

std::size_t decode_utf8(std::string_view text, std::size_t i, std::uint32_t& cp) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
  unsigned char c = byte(0);
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
  if (i + len > text.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    if ((byte(k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(k) & 0x3F);
  }
  // Overlong forms, UTF-16 surrogates and values past Unicode's range.
  if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
      (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0;
  }
  return len;
}

std::optional<std::size_t> find_invalid_utf8(std::string_view text) {
  std::uint32_t cp;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t len = decode_utf8(text, i, cp);
    if (len == 0) return i;
    i += len;
  }
  return std::nullopt;
}

bool is_bidi_control(std::uint32_t cp) {
  return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

namespace {

// The text with each valid character c replaced by keep(c, its bytes, out) and each byte that is
// not valid UTF-8 by invalid.
template <typename Keep>
std::string map_chars(std::string_view text, std::string_view invalid, Keep keep) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::uint32_t cp = 0;
    const std::size_t length = decode_utf8(text, i, cp);
    if (length == 0) {
      out += invalid.empty() ? text.substr(i, 1) : invalid;
      ++i;
      continue;
    }
    keep(cp, text.substr(i, length), out);
    i += length;
  }
  return out;
}

}  // namespace

std::string without_bidi_controls(std::string_view text) {
  // Each is two bytes starting 0xD8 (U+061C) or three starting 0xE2: most text has neither.
  if (text.find_first_of("\xD8\xE2") == std::string_view::npos) return std::string(text);
  return map_chars(text, "", [](std::uint32_t cp, std::string_view bytes, std::string& out) {
    if (!is_bidi_control(cp)) out += bytes;
  });
}

std::string printable_utf8(std::string_view text) {
  return map_chars(text, "\uFFFD", [](std::uint32_t cp, std::string_view bytes, std::string& out) {
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
      out += ' ';
    } else if (!is_bidi_control(cp)) {
      out += bytes;
    }
  });
}

bool is_ascii(std::string_view text) {
  for (const char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

std::string ascii_lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::string trim(std::string_view text) {
  const char* ws = " \t\r\n\f\v";
  auto b = text.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  auto e = text.find_last_not_of(ws);
  return std::string(text.substr(b, e - b + 1));
}

namespace {

// Folds one decoded code point to lower-case ASCII where a close equivalent exists; returns 0
// for characters that separate words and the code point itself for other letters.
std::uint32_t fold(std::uint32_t cp) {
  if (cp < 0x80) {
    if (cp >= 'A' && cp <= 'Z') return cp + 32;
    if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) return cp;
    return 0;
  }
  static const char* kLatin1 =  // U+00C0..U+00FF, '\0' = keep as is
      "aaaaaaaceeeeiiii"
      "dnooooo\0ouuuuyts"
      "aaaaaaaceeeeiiii"
      "dnooooo\0ouuuuyty";
  if (cp >= 0xC0 && cp <= 0xFF) {
    char f = kLatin1[cp - 0xC0];
    return f ? static_cast<std::uint32_t>(f) : 0;
  }
  if (cp >= 0x100 && cp <= 0x17F) {
    // Latin Extended-A pairs upper/lower; map to the base letter by table of bases.
    static const char* kExtA =
        "aaaaaaccccccccdd"
        "ddeeeeeeeeeegggg"
        "gggghhhhiiiiiiii"
        "iijjjjkkklllllll"
        "lllnnnnnnnnnoooo"
        "oooorrrrrrssssss"
        "ssttttttuuuuuuuu"
        "uuuuwwyyyzzzzzzs";
    return static_cast<std::uint32_t>(kExtA[cp - 0x100]);
  }
  // Latin Extended-B (Romanian "ș", "ț", pinyin tones, "ǎ") and Latin Extended Additional
  // (Vietnamese "ễ", "ắ"; "ḍ"): the base letter, '.' = kept as it is.
  static const char* kExtB =
      "bb.....cc.ddd..."
      ".ffg...ikkl..nno"
      "oo..pp.....ttttu"
      "u.vyyzz........."
      ".............aai"
      "ioouuuuuuuuuu.aa"
      "aa..ggggkkoooo.."
      "j...gg..nnaa...."
      "aaaaeeeeiiiioooo"
      "rrrruuuusstt..hh"
      "....zzaaeeoooooo"
      "ooyylntj..acclts"
      "z..bu.eejjqqrryy";
  static const char* kExtAdditional =
      "aabbbbbbccdddddd"
      "ddddeeeeeeeeeeff"
      "gghhhhhhhhhhiiii"
      "kkkkkkllllllllmm"
      "mmmmnnnnnnnnoooo"
      "oooopppprrrrrrrr"
      "sssssssssstttttt"
      "ttuuuuuuuuuuvvvv"
      "wwwwwwwwwwxxxxyy"
      "zzzzzzhtwy......"
      "aaaaaaaaaaaaaaaa"
      "aaaaaaaaeeeeeeee"
      "eeeeeeeeiiiioooo"
      "oooooooooooooooo"
      "oooouuuuuuuuuuuu"
      "uuyyyyyyyy......";
  if (cp >= 0x180 && cp <= 0x24F) {
    const char f = kExtB[cp - 0x180];
    return f == '.' ? cp : static_cast<std::uint32_t>(f);
  }
  if (cp >= 0x1E00 && cp <= 0x1EFF) {
    const char f = kExtAdditional[cp - 0x1E00];
    return f == '.' ? cp : static_cast<std::uint32_t>(f);
  }
  // General punctuation, quotes, dashes, symbols: separators.
  if ((cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x2190 && cp <= 0x2BFF) || cp == 0xA0 ||
      (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xE000 && cp <= 0xF8FF) || cp >= 0x1F000) {
    return 0;
  }
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

std::string normalize_for_match(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  std::size_t i = 0;
  while (i < text.size()) {
    std::uint32_t cp;
    std::size_t len = decode_utf8(text, i, cp);
    if (len == 0) {
      cp = 0;  // a stray byte: a separator
      len = 1;
    }
    i += len;
    std::uint32_t f = fold(cp);
    if (f == 0) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    if (cp == 0xDF || cp == 0x1E9E) {
      out += "ss";  // "Straße" as "strasse", as German writes it without the letter
      continue;
    }
    append_utf8(out, f);
  }
  return out;
}

std::string ascii_apostrophes(std::string_view text) {
  std::string out(text);
  for (const char* quote : {"\u2019", "\u201B"}) {
    for (std::size_t at; (at = out.find(quote)) != std::string::npos;) out.replace(at, 3, "'");
  }
  return out;
}

std::string fold_word(std::string_view word) {
  const std::string plain = ascii_apostrophes(word);
  std::string out;
  std::size_t start = 0;
  while (true) {
    const std::size_t quote = plain.find('\'', start);
    const std::string part =
        normalize_for_match(std::string_view(plain).substr(start, quote - start));
    if (part.empty() || part.find(' ') != std::string::npos) return "";
    out += part;
    if (quote == std::string::npos) return out;
    out += '\'';
    start = quote + 1;
  }
}

bool may_lose_accents(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0xC3 && c <= 0xC9) return true;
    if (c == 0xE1 && i + 1 < text.size()) {
      const auto d = static_cast<unsigned char>(text[i + 1]);
      if (d >= 0xB8 && d <= 0xBB) return true;
    }
  }
  return false;
}

std::string truncate_utf8(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "...";
}

}  // namespace paper
