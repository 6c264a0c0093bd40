#include "indexer/extract/sections.h"

#include <algorithm>
#include <cctype>

#include "common/text.h"
#include "common/text_cleanup.h"

namespace paper {

namespace {

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

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
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
  if (starts_with(letters, "keyword") || starts_with(letters, "indexterms") ||
      starts_with(letters, "ccsconcepts")) {
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
    } else if (starts_with(rest, "\xE2\x80\x94") || starts_with(rest, "\xE2\x80\x93")) {
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

bool is_junk_title(std::string_view title) {
  std::string lower;
  int letters = 0;
  for (char c : title) {
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (is_ascii_alpha(c) || static_cast<unsigned char>(c) >= 0xC0) ++letters;
  }
  if (letters < 3) return true;
  for (std::string_view junk :
       {"microsoft word", "untitled", "powerpoint", "template", "slide 1", "no title given",
        "latex with hyperref", "use style:", "confidential review copy", "do not distribute",
        "insert your title", "type title here"}) {
    if (lower.find(junk) != std::string::npos) return true;
  }
  std::string trimmed = trim(lower);
  for (std::string_view ext : {".pdf", ".doc", ".docx", ".dvi", ".tex", ".ps", ".indd", ".rtf"}) {
    if (trimmed.size() >= ext.size() &&
        trimmed.compare(trimmed.size() - ext.size(), ext.size(), ext) == 0) {
      return true;
    }
  }
  for (std::string_view generic : {"undefined", "title", "paper title", "document1", "manuscript",
                                   "preprint", "paper", "article", "main", "output"}) {
    if (trimmed == generic) return true;
  }
  return starts_with(trimmed, "doi:") || starts_with(trimmed, "arxiv:");
}

std::vector<std::string> authors_from_metadata(std::string_view author) {
  constexpr std::size_t kMaxAuthors = 50;
  // Every separator becomes a comma (built anew: std::string::replace here set off GCC 12's
  // -Wrestrict false positive).
  std::string text;
  text.reserve(author.size());
  for (std::size_t i = 0; i < author.size();) {
    std::size_t n = 0;
    for (std::string_view sep : {" and ", " AND ", ";", "&"}) {
      if (author.substr(i, sep.size()) == sep) n = sep.size();
    }
    if (n > 0) {
      text += ',';
      i += n;
    } else {
      text += author[i++];
    }
  }
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size() && out.size() < kMaxAuthors) {
    std::size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    std::string name = trim(clean_line(text.substr(start, end - start)));
    start = end + 1;
    int letters = 0, others = 0;
    for (char c : name) {
      const auto b = static_cast<unsigned char>(c);
      if (is_ascii_alpha(c) || b >= 0xC0) {
        ++letters;
      } else if (b < 0x80 && c != ' ' && c != '.' && c != '-' && c != '\'') {
        ++others;
      }
    }
    std::string lower;
    for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const bool placeholder = lower == "unknown" || lower == "administrator" || lower == "admin" ||
                             lower == "user" || lower == "author" || lower == "anonymous";
    if (letters >= 2 && others * 2 < letters && !placeholder) out.push_back(name);
  }
  return out;
}

std::string guess_title_from_page(std::string_view page_text) {
  int seen = 0;
  for (std::string_view line : split_lines(page_text)) {
    if (line.empty()) continue;
    if (++seen > 12) break;
    std::string lower;
    int letters = 0, words = 1;
    for (char c : line) {
      lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (is_ascii_alpha(c) || static_cast<unsigned char>(c) >= 0xC0) ++letters;
      if (c == ' ') ++words;
    }
    if (words < 3 || letters < 15 || line.size() > 300) continue;
    bool header = false;
    for (std::string_view marker :
         {"arxiv", "journal", "proceedings", "vol.", "volume", "doi", "http", "\xC2\xA9",
          "copyright", "preprint", "conference", "issn", "received", "accepted"}) {
      if (lower.find(marker) != std::string::npos) header = true;
    }
    if (!header) return std::string(line);
  }
  return {};
}

}  // namespace paper
