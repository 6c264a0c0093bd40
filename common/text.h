// Small text helpers both sides need. All functions are pure and thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace paper {

// Returns the byte offset of the first invalid UTF-8 sequence in text, or nullopt when the
// whole text is valid (overlong forms, surrogates and code points above U+10FFFF are invalid).
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

// Decodes the UTF-8 sequence that starts at text[i]: stores its code point in cp and returns its
// length in bytes, or 0 when the bytes there are not valid UTF-8 (truncated, overlong, a
// surrogate, past U+10FFFF; cp is then unspecified). i must be < text.size().
std::size_t decode_utf8(std::string_view text, std::size_t i, std::uint32_t& cp);

// Appends the UTF-8 encoding of code point cp (at most U+10FFFF) to out.
void append_utf8(std::string& out, std::uint32_t cp);

// Removes ASCII white space at both ends.
std::string trim(std::string_view text);

// The lines of text, split at '\n' (a last line without one included; "" gives one empty line).
std::vector<std::string_view> split_lines(std::string_view text);

// True when every byte of text is ASCII.
bool is_ascii(std::string_view text);

// text with its ASCII capitals lower-cased (other bytes as they are; no locale).
std::string ascii_lower(std::string_view text);

// The text with every control character (C0, DEL, C1; tabs and newlines too) turned into a
// space, directional formatting characters dropped and every byte that is not valid UTF-8 turned
// into U+FFFD: safe to echo on a terminal, and searched as it is shown.
std::string printable_utf8(std::string_view text);

// Unicode's directional formatting characters (U+061C, U+200E, U+200F, U+202A-U+202E,
// U+2066-U+2069): invisible, and on a terminal one left open reverses the text after it.
bool is_bidi_control(std::uint32_t cp);

// The text without directional formatting characters (see is_bidi_control).
std::string without_bidi_controls(std::string_view text);

// Lower-cases ASCII and the Latin letters with accents (Latin-1, Latin Extended-A and -B, Latin
// Extended Additional: "Müller", "Łukasz", "Ștefan", "Nguyễn"), drops their accents, turns every
// run of non-alphanumeric characters into one space and trims. Used to compare titles tolerantly
// ("U-Net:  a Review" == "u net a review").
std::string normalize_for_match(std::string_view text);

// The text with each typographic apostrophe (U+2019, U+201B) written ', as Xapian's tokenizer
// writes it inside a word ("Warren’s" -> "Warren's").
std::string ascii_apostrophes(std::string_view text);

// A word without its accents, lower-cased as normalize_for_match does it, an apostrophe kept as
// ' ("Müller" -> "muller", "d’après" -> "d'apres"); empty when it is no single word.
std::string fold_word(std::string_view word);

// Whether text may have a letter that normalize_for_match takes the accent off: a byte that
// starts one of those letters (cheap: a page of English text with its typographic quotes and
// dashes has none).
bool may_lose_accents(std::string_view text);

// JSON output (--json) is escaped by nlohmann::json; this only shortens text to at most max_bytes
// on a UTF-8 boundary, appending "..." when it cut.
std::string truncate_utf8(std::string_view text, std::size_t max_bytes);

}  // namespace paper
