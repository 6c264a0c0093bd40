// Finds the abstract and the references heading in cleaned page text.
#include "indexer/extract/sections.h"

#include <algorithm>
#include <cctype>

#include "common/text.h"

namespace paper {

namespace {

bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Drops a leading section number: "7", "7.", "7.1", "VII.", "A." (appendix letters are kept).
std::string_view strip_numbering(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && line[i] == ' ') ++i;
  std::size_t j = i;
  while (j < line.size() && (std::isdigit(static_cast<unsigned char>(line[j])) || line[j] == '.')) {
    ++j;
  }
  if (j == i) {
    while (j < line.size() && std::string_view("IVX").find(line[j]) != std::string_view::npos) ++j;
    if (j == i || j >= line.size() || (line[j] != '.' && line[j] != ' ')) return line.substr(i);
    if (line[j] == '.') ++j;
  }
  if (j < line.size() && line[j] != ' ' && j != i) return line.substr(i);  // "3D", "IVUS"
  while (j < line.size() && line[j] == ' ') ++j;
  return line.substr(j);
}

// The ASCII letters of a short line, lower-cased, spaces and punctuation dropped: "R EFERENCES"
// and "References:" both give "references". Empty for long lines (never headings).
std::string heading_key(std::string_view line) {
  if (line.size() > 48) return {};
  // "... as a reference." ends a wrapped sentence; headings carry no final period.
  if (!line.empty() && line.back() == '.') return {};
  std::string key;
  for (char c : strip_numbering(line)) {
    if (is_ascii_alpha(c)) {
      key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (c != ' ' && c != '.' && c != ':') {
      return {};  // digits or symbols: a sentence or a citation, not a heading
    }
  }
  return key;
}

// Letters of the line, lower-cased, without spaces, up to max letters.
std::string leading_letters(std::string_view line, std::size_t max) {
  std::string out;
  for (char c : line) {
    if (out.size() >= max) break;
    if (is_ascii_alpha(c)) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (c != ' ') {
      break;
    }
  }
  return out;
}

bool ends_abstract(std::string_view line) {
  std::string letters = leading_letters(line, 12);
  if (letters.starts_with("keyword") || letters.starts_with("indexterms") ||
      letters.starts_with("ccsconcepts")) {
    return true;
  }
  std::string_view rest = strip_numbering(line);
  if (rest.size() == line.size()) {
    // Unnumbered: a heading alone on its line.
    std::string key = heading_key(line);
    return key == "introduction" || key == "contents" || key == "tableofcontents" ||
           key == "acknowledgements" || key == "acknowledgments" || key == "background" ||
           key == "references";
  }
  // Numbered heading: "1 Introduction", "I. INTRODUCTION", "2 Related Work".
  if (rest.empty() || !std::isupper(static_cast<unsigned char>(rest[0]))) return false;
  if (rest.size() > 60 || rest.back() == '.' || rest.back() == ',') return false;
  return std::count(rest.begin(), rest.end(), ' ') < 8;
}

// When line starts with an "Abstract" heading, returns the text after it (possibly empty) and
// sets found; "Abstract representations are ..." is a sentence, not a heading.
std::string_view after_abstract_heading(std::string_view line, bool& found) {
  found = false;
  std::size_t i = 0, letters = 0;
  const std::string_view word = "abstract";
  while (i < line.size() && letters < word.size()) {
    char c = line[i];
    if (c == ' ') {
      ++i;
      continue;
    }
    if (std::tolower(static_cast<unsigned char>(c)) != word[letters]) return {};
    ++letters;
    ++i;
  }
  if (letters < word.size()) return {};
  if (i < line.size() && is_ascii_alpha(line[i])) return {};  // "Abstracts", "Abstraction"
  std::string_view rest = line.substr(i);
  bool separator = false;
  while (!rest.empty()) {
    if (rest[0] == ' ') {
      rest.remove_prefix(1);
    } else if (rest[0] == '.' || rest[0] == ':' || rest[0] == '-') {
      separator = true;
      rest.remove_prefix(1);
    } else if (rest.starts_with("\xE2\x80\x94") || rest.starts_with("\xE2\x80\x93")) {
      separator = true;  // em or en dash
      rest.remove_prefix(3);
    } else {
      break;
    }
  }
  if (!rest.empty() && !separator && !std::isupper(static_cast<unsigned char>(rest[0]))) return {};
  found = true;
  return rest;
}

}  // namespace

std::string find_abstract(const std::vector<std::string>& first_pages) {
  constexpr std::size_t kMaxBytes = 4000;
  std::string abstract;
  bool in_abstract = false;
  for (std::size_t p = 0; p < first_pages.size() && p < 2; ++p) {
    for (std::string_view line : split_lines(first_pages[p])) {
      if (!in_abstract) {
        bool found = false;
        std::string_view rest = after_abstract_heading(line, found);
        if (!found) continue;
        in_abstract = true;
        abstract = std::string(rest);
        continue;
      }
      if (line.empty()) continue;
      if (ends_abstract(line)) return abstract;
      if (!abstract.empty()) abstract += ' ';
      abstract += line;
      if (abstract.size() >= kMaxBytes) {
        // No terminator found: keep whole sentences only.
        std::size_t cut = abstract.rfind(". ", kMaxBytes);
        abstract.resize(cut == std::string::npos ? kMaxBytes : cut + 1);
        return truncate_utf8(abstract, kMaxBytes);
      }
    }
  }
  return abstract;
}

std::optional<std::size_t> find_references_heading(std::string_view page_text) {
  std::optional<std::size_t> found;
  std::size_t start = 0;
  while (start <= page_text.size()) {
    std::size_t end = page_text.find('\n', start);
    if (end == std::string_view::npos) end = page_text.size();
    std::string key = heading_key(page_text.substr(start, end - start));
    if (key == "references" || key == "reference" || key == "bibliography" ||
        key == "literaturecited" || key == "referencesandnotes" || key == "citedliterature") {
      found = start;
    }
    start = end + 1;
  }
  return found;
}

}  // namespace paper
