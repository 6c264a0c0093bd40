#include "indexer/catalogue/markdown_blocks.h"

#include "common/text.h"
#include "indexer/catalogue/fields.h"

namespace paper {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

// Number of leading spaces (a tab counts as 4).
std::size_t indentation(std::string_view line) {
  std::size_t n = 0;
  for (char c : line) {
    if (c == ' ') {
      ++n;
    } else if (c == '\t') {
      n += 4;
    } else {
      break;
    }
  }
  return n;
}

// Content after a list marker ("- ", "* ", "+ ", "12. ", "3) "), or nullopt.
std::optional<std::string_view> list_item_content(std::string_view t) {
  if (t.size() >= 2 && (t[0] == '-' || t[0] == '*' || t[0] == '+') &&
      (t[1] == ' ' || t[1] == '\t')) {
    return t.substr(2);
  }
  std::size_t i = 0;
  while (i < t.size() && i < 9 && is_digit(t[i])) ++i;
  if (i > 0 && i + 1 < t.size() && (t[i] == '.' || t[i] == ')') &&
      (t[i + 1] == ' ' || t[i + 1] == '\t')) {
    return t.substr(i + 2);
  }
  return std::nullopt;
}

std::optional<std::string_view> html_list_item_content(std::string_view t) {
  if (t.size() < 4 || t[0] != '<' || (t[1] != 'l' && t[1] != 'L') || (t[2] != 'i' && t[2] != 'I')) {
    return std::nullopt;
  }
  if (t[3] != '>' && t[3] != ' ' && t[3] != '\t') return std::nullopt;
  std::size_t close = t.find('>', 3);
  if (close == std::string_view::npos) return std::nullopt;
  return t.substr(close + 1);
}

bool starts_with_bracket_group(std::string_view t) {
  auto blank = [](char c) { return c == ' ' || c == '\t'; };
  while (t.size() > 1 && t[0] == '<' && t[1] != 'a' && t[1] != 'A') {
    auto close = t.find('>');
    if (close == std::string_view::npos) break;
    t.remove_prefix(close + 1);
    while (!t.empty() && blank(t.front())) t.remove_prefix(1);
  }
  return t.substr(0, 2) == "[[";
}

bool is_thematic_break(std::string_view t) {
  if (t.size() < 3) return false;
  char c = t[0];
  if (c != '-' && c != '*' && c != '_') return false;
  int count = 0;
  for (char x : t) {
    if (x == c) {
      ++count;
    } else if (x != ' ' && x != '\t') {
      return false;
    }
  }
  return count >= 3;
}

// Heading level 1..6 and its text, or level 0.
int setext_underline_level(std::string_view t) {
  if (t.size() < 2 || (t[0] != '=' && t[0] != '-')) return 0;
  for (char c : t) {
    if (c != t[0]) return 0;
  }
  return t[0] == '=' ? 1 : 2;
}

int heading_level(std::string_view t, std::string_view* text) {
  int level = 0;
  while (level < static_cast<int>(t.size()) && t[level] == '#') ++level;
  if (level == 0 || level > 6) return 0;
  if (level < static_cast<int>(t.size()) && t[level] != ' ' && t[level] != '\t') return 0;
  *text = t.substr(level);
  return level;
}

bool is_toc_heading(const std::string& heading) {
  std::string n = normalize_for_match(heading);
  return n == "contents" || n == "table of contents" || n == "toc" || n == "content" ||
         n == "index";
}

// A heading that is only a year ("2024", "Year 2024", "2024 Papers") or a venue with an
// optional year ("MICCAI 2023", "CVPR Papers").
bool heading_year_venue(const std::string& heading, VenueYear* out) {
  VenueYear vy = parse_venue_year(heading);
  std::string venue, word;
  auto take = [&] {
    std::string n = normalize_for_match(word);
    if (!word.empty() && n != "year" && n != "papers" && n != "paper" && n != "publications" &&
        n != "in") {
      venue += (venue.empty() ? "" : " ") + word;
    }
    word.clear();
  };
  for (char c : vy.venue) {
    if (c == ' ') {
      take();
    } else {
      word += c;
    }
  }
  take();
  if (venue.empty() && vy.year) {
    *out = VenueYear{"", vy.year};
    return true;
  }
  if (!venue.empty() && is_known_venue(venue)) {
    *out = VenueYear{venue, vy.year};
    return true;
  }
  return false;
}

// Cells of a table row: outer pipes dropped, split on unescaped '|'.
std::vector<std::string> split_cells(std::string_view row) {
  std::string t = trim(row);
  std::string_view v = t;
  if (!v.empty() && v.front() == '|') v.remove_prefix(1);
  if (!v.empty() && v.back() == '|' && (v.size() < 2 || v[v.size() - 2] != '\\')) {
    v.remove_suffix(1);
  }
  std::vector<std::string> cells;
  std::string cell;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] == '\\' && i + 1 < v.size() && v[i + 1] == '|') {
      cell += '|';
      ++i;
      continue;
    }
    if (v[i] == '|') {
      cells.push_back(trim(cell));
      cell.clear();
      continue;
    }
    cell += v[i];
  }
  cells.push_back(trim(cell));
  return cells;
}

bool is_delimiter_row(std::string_view row) {
  if (row.find('-') == std::string_view::npos) return false;
  for (const auto& cell : split_cells(row)) {
    if (cell.empty()) continue;
    for (char c : cell) {
      if (c != '-' && c != ':' && c != ' ') return false;
    }
  }
  return true;
}

Column column_role(const std::string& header) {
  std::string n = normalize_for_match(clean_heading(header));
  auto starts = [&](std::string_view p) { return n.rfind(p, 0) == 0; };
  if (n.find("title") != std::string::npos) return Column::kTitle;
  if (starts("author")) return Column::kAuthors;
  if (n.find("code") != std::string::npos || n == "github" || n == "repo" || n == "repository" ||
      n == "implementation") {
    return Column::kCode;
  }
  if (n == "year" || n == "date" || n == "time" || n == "pub year" || n == "publication year") {
    return Column::kYear;
  }
  if (n == "venue" || n == "conference" || n == "journal" || n == "publication" || n == "pub" ||
      n == "conf" || n == "published" || n == "published in" || n == "source" ||
      n == "conference journal" || n == "journal conference" || n == "venue year") {
    return Column::kVenue;
  }
  if (n == "paper" || n == "papers" || n == "pdf" || n == "link" || n == "links" || n == "url" ||
      n == "arxiv" || n == "paper link" || n == "download" || n == "pdf link") {
    return Column::kPaper;
  }
  if (n == "paper name") return Column::kTitle;
  return Column::kIgnored;
}

}  // namespace paper
