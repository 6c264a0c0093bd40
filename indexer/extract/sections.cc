// Finds the abstract and the references section's headings in cleaned page text.
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

// Keys (heading_key) of the sections that may follow a reference list.
bool ends_references_key(std::string_view key) {
  static constexpr std::string_view kKeys[] = {"appendix",
                                               "appendices",
                                               "appendixes",
                                               "onlineappendix",
                                               "technicalappendix",
                                               "supplementarymaterial",
                                               "supplementarymaterials",
                                               "supplementaryinformation",
                                               "supplementarydata",
                                               "supplementalmaterial",
                                               "supplementalmaterials",
                                               "supplementalinformation",
                                               "supportinginformation",
                                               "acknowledgments",
                                               "acknowledgements",
                                               "acknowledgment",
                                               "acknowledgement"};
  if (std::find(std::begin(kKeys), std::end(kKeys), key) != std::end(kKeys)) return true;
  // "Appendix A", "APPENDIX B", "A PPENDIX C" (heading_key has dropped the spaces).
  return key.size() == 9 && key.starts_with("appendix");
}

// An appendix label: "A", "B.", "C:", "1", "S1", "IV." (upper-case letters only, so that "a"
// or "of" in a sentence is not one).
bool is_label(std::string_view token) {
  if (!token.empty() && (token.back() == '.' || token.back() == ':')) token.remove_suffix(1);
  if (token.empty() || token.size() > 4) return false;
  if (token.size() == 1 && token[0] >= 'A' && token[0] <= 'Z') return true;
  if (token[0] == 'S') token.remove_prefix(1);
  if (!token.empty() && std::all_of(token.begin(), token.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c));
      })) {
    return true;
  }
  return !token.empty() && token.find_first_not_of("IVX") == std::string_view::npos;
}

std::string_view first_token(std::string_view text) { return text.substr(0, text.find(' ')); }

std::string_view after_token(std::string_view text) {
  std::size_t space = text.find(' ');
  if (space == std::string_view::npos) return {};
  text.remove_prefix(space);
  while (!text.empty() && text[0] == ' ') text.remove_prefix(1);
  return text;
}

// "Appendix A: Proof of Theorem 1", "APPENDIX B. Additional Results", "Appendix: Derivations":
// the word, a label and/or a separator, then a short capitalised title without a final period
// (a sentence such as "Appendix A shows the proofs." or "Appendix B of [3], 2019." is not).
bool is_titled_appendix(std::string_view line) {
  std::string_view word = first_token(line);
  bool marked = false;  // a label or a separator follows the word
  if (!word.empty() && word.back() == ':') {
    word.remove_suffix(1);
    marked = true;
  }
  if (heading_key(word) != "appendix") return false;
  std::string_view rest = after_token(line);
  if (!marked && is_label(first_token(rest))) {
    marked = true;
    rest = after_token(rest);
    if (rest.empty()) return true;
  }
  for (std::string_view separator : {"\xE2\x80\x94", "\xE2\x80\x93", "-", ":"}) {
    if (rest.starts_with(separator)) {
      marked = true;
      rest.remove_prefix(separator.size());
      while (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
    }
  }
  if (!marked || rest.empty() || rest.size() > 60 ||
      !std::isupper(static_cast<unsigned char>(rest[0]))) {
    return false;
  }
  const char last = rest.back();
  if (last == '.' || last == ',' || last == ';') return false;
  return rest.find_first_of("[]") == std::string_view::npos &&
         std::count(rest.begin(), rest.end(), ' ') < 10;
}

bool ends_references(std::string_view line) {
  while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
  while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
  if (line.empty() || line.size() > 80) return false;
  if (ends_references_key(heading_key(line))) return true;
  // A letter or "S1" label before the word ("A Appendix", "S1 Supplementary Material"), which
  // strip_numbering keeps.
  if (is_label(first_token(line)) && ends_references_key(heading_key(after_token(line)))) {
    return true;
  }
  return is_titled_appendix(strip_numbering(line));
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

std::optional<std::size_t> find_references_end(std::string_view page_text, std::size_t from) {
  for (std::size_t start = 0; start <= page_text.size();) {
    std::size_t end = page_text.find('\n', start);
    if (end == std::string_view::npos) end = page_text.size();
    if (start >= from && ends_references(page_text.substr(start, end - start))) return start;
    start = end + 1;
  }
  return std::nullopt;
}

}  // namespace paper
