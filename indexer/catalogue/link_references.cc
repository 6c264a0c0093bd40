#include "indexer/catalogue/link_references.h"

#include "common/text.h"

namespace paper {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// True when text is empty or one quoted title: "...", '...' or (...).
bool is_title_or_nothing(std::string_view text) {
  while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
  if (text.empty()) return true;
  if (text.size() < 2) return false;
  char open = text.front(), close = text.back();
  return (open == '"' && close == '"') || (open == '\'' && close == '\'') ||
         (open == '(' && close == ')');
}

}  // namespace

std::string normalize_reference_label(std::string_view label) {
  if (label.size() > kMaxReferenceLabelBytes) return "";
  std::string out;
  bool space = false;
  for (char c : label) {
    if (is_blank(c) || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

std::optional<LinkReferenceDefinition> parse_link_reference_definition(std::string_view line) {
  while (!line.empty() && is_blank(line.front())) line.remove_prefix(1);
  if (line.empty() || line.front() != '[') return std::nullopt;
  // The label ends at the first unescaped ']'; an unescaped '[' inside means it is no label.
  std::size_t close = std::string_view::npos;
  for (std::size_t i = 1; i < line.size() && i <= kMaxReferenceLabelBytes + 1; ++i) {
    if (line[i] == '\\') {
      ++i;
      continue;
    }
    if (line[i] == '[') return std::nullopt;
    if (line[i] == ']') {
      close = i;
      break;
    }
  }
  if (close == std::string_view::npos || close + 1 >= line.size() || line[close + 1] != ':') {
    return std::nullopt;
  }
  std::string label = normalize_reference_label(line.substr(1, close - 1));
  if (label.empty()) return std::nullopt;
  std::string_view rest = line.substr(close + 2);
  while (!rest.empty() && is_blank(rest.front())) rest.remove_prefix(1);
  std::string_view destination;
  if (!rest.empty() && rest.front() == '<') {
    auto end = rest.find('>');
    if (end == std::string_view::npos) return std::nullopt;
    destination = rest.substr(1, end - 1);
    rest.remove_prefix(end + 1);
  } else {
    std::size_t end = 0;
    while (end < rest.size() && !is_blank(rest[end])) ++end;
    destination = rest.substr(0, end);
    rest.remove_prefix(end);
  }
  // "[MIA, 2020]: [[Paper](url)]" is an entry's line, not a definition.
  if (destination.empty() || destination.front() == '[' || !is_title_or_nothing(rest)) {
    return std::nullopt;
  }
  return LinkReferenceDefinition{std::move(label), trim(destination)};
}

}  // namespace paper
