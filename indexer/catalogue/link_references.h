// Link reference definitions ("[r1]: https://arxiv.org/abs/2001.00001 \"Title\""), CommonMark
// style: a definition anywhere in a list gives "[Paper][r1]", "[r1][]" and "[r1]" its URL.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace paper {

// Normalised label -> destination as written; the first definition of a label wins.
using LinkReferences = std::unordered_map<std::string, std::string>;

// Labels longer than this are not labels (CommonMark's bound); it keeps lookups cheap.
inline constexpr std::size_t kMaxReferenceLabelBytes = 999;

// A label as looked up: trimmed, inner white space collapsed, ASCII letters lower-cased
// ("[Paper 1]" and "[paper   1]" are the same reference). "" for an empty or overlong label.
std::string normalize_reference_label(std::string_view label);

struct LinkReferenceDefinition {
  std::string label;        // normalised
  std::string destination;  // as written, <...> removed
};

// The definition on a line ("[label]: destination" with an optional "title", 'title' or
// (title) after it; leading spaces allowed), or nullopt when the line is anything else.
std::optional<LinkReferenceDefinition> parse_link_reference_definition(std::string_view line);

}  // namespace paper
