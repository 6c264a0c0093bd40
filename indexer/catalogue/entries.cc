// parse_entries (entries.h): walks a list's lines and decides where each entry begins and
// ends: headings (sections, years, venues, the table of contents), list items, paragraphs,
// block quotes and tables. An ended entry goes to entry_assembly.cc.
#include "indexer/catalogue/entries.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/text.h"
#include "indexer/catalogue/entry_parser.h"
#include "indexer/catalogue/entry_rules.h"
#include "indexer/catalogue/fields.h"
#include "indexer/catalogue/inline_markdown.h"
#include "indexer/catalogue/link_references.h"
#include "indexer/catalogue/markdown_blocks.h"

namespace paper {

ParsedEntries EntryParser::run(const std::vector<ListLine>& lines) {
  // Reference definitions apply to the whole list, before and after them.
  std::vector<bool> is_definition(lines.size(), false);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (auto definition = parse_link_reference_definition(lines[i].text)) {
      references_.emplace(std::move(definition->label), std::move(definition->destination));
      is_definition[i] = true;
    }
  }
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (is_definition[i]) continue;
    const ListLine& line = lines[i];
    std::string stripped = line.text;
    // Block quotes: read what is quoted.
    std::string t = trim(stripped);
    while (!t.empty() && t[0] == '>') t = trim(t.substr(1));
    if (t.empty() || is_thematic_break(t)) {
      finish(/*defer_bare_title=*/true);
      continue;
    }
    if (pending_bare_) {
      // A bold bullet followed by more indented items names a group, not a paper.
      auto item = item_content(t);
      if (!(item && indentation(stripped) > pending_bare_->indent)) {
        warn_no_link(pending_bare_->line, pending_bare_->title);
      }
      pending_bare_.reset();
    }
    std::string_view heading;
    if (int level = heading_level(t, &heading)) {
      finish();
      auto tokens = tokenize(line.number, heading);
      if ((toc_level_ == 0 || level <= toc_level_) &&
          starts_entry(tokens, /*open=*/false) == LineStart::kEntry) {
        // "### [Title](url)": a paper; the entries under it, if any, are its section's.
        on_heading(level, "");
        start(line.number, 0, std::move(tokens), /*bullet=*/false);
        open_heading_ = true;
        headings_[level].section = clean_heading(heading);
        continue;
      }
      on_heading(level, std::string(heading));
      continue;
    }
    // A setext heading: a line of text underlined by "===" (level 1) or "---" (level 2).
    if (i + 1 < lines.size() && !open_ && !item_content(t)) {
      if (int level = setext_underline_level(trim(lines[i + 1].text))) {
        finish();
        on_heading(level, t);
        ++i;
        continue;
      }
    }
    if (toc_level_ > 0) continue;
    if (t.find('|') != std::string::npos && i + 1 < lines.size() &&
        is_delimiter_row(trim(lines[i + 1].text))) {
      finish();
      i = parse_table(lines, i);
      continue;
    }
    std::size_t indent = indentation(stripped);
    if (auto content = item_content(t)) {
      auto tokens = tokenize(line.number, *content);
      // Items under an entry's heading without a title of their own are its details
      // ("- Code: [GitHub](url)").
      if (open_ && (indent > open_indent_ || open_heading_)) {
        if (!has_title_candidate(tokens)) {
          append(tokens);
          continue;
        }
        open_has_children_ = true;
      }
      finish();
      start(line.number, indent, std::move(tokens), /*bullet=*/true);
      continue;
    }
    if (t.rfind("**", 0) == 0 || t.rfind("__", 0) == 0) {
      finish();
      start(line.number, indent, tokenize(line.number, t), /*bullet=*/false);
      continue;
    }
    auto tokens = tokenize(line.number, t);
    bool italic_title = false;
    // A line that starts with a paper's title link starts an entry ("[Title](url)",
    // "<p><a href=url>Title</a>"), unless it continues the open one: more indented than its
    // item, a line of links ("[[Name](url)]"), or the first link of an entry that has none.
    bool continues = open_ && ((open_bullet_ && indent > open_indent_) ||
                               starts_with_bracket_group(t) || !has_link(tokens_));
    LineStart role = continues ? LineStart::kContinues : starts_entry(tokens, open_);
    if (role == LineStart::kContinues && !continues && starts_italic_entry(t, tokens)) {
      // "_Title_ [[pdf](url)] (2021)": the italic span is the title.
      role = LineStart::kEntry;
      italic_title = true;
    }
    if (role == LineStart::kEntry) {
      finish();
      start(line.number, indent, std::move(tokens), /*bullet=*/false);
      open_italic_title_ = italic_title;
      continue;
    }
    // A line of its own after an entry: not the entry's, and not a paper.
    if (role == LineStart::kOwnLine) finish();
    if (open_) append(std::move(tokens));
  }
  finish();
  if (pending_bare_) warn_no_link(pending_bare_->line, pending_bare_->title);
  pending_bare_.reset();
  return std::move(out_);
}

std::vector<LineToken> EntryParser::tokenize(int line, std::string_view text) const {
  std::vector<LineToken> out;
  for (auto& t : tokenize_inline(text, &references_)) out.push_back({line, std::move(t)});
  return out;
}

HeadingContext EntryParser::context() const {
  HeadingContext c;
  // Level-1 headings name the document, not a section.
  for (int level = 1; level <= 6; ++level) {
    const auto& h = headings_[level];
    if (!h.section.empty() && level >= 2) c.section = h.section;
    if (h.year) c.year = h.year;
    if (!h.venue.empty()) c.venue = h.venue;
  }
  return c;
}

void EntryParser::on_heading(int level, const std::string& markdown) {
  std::string text = clean_heading(markdown);
  for (int l = level; l <= 6; ++l) headings_[l] = HeadingContext{};
  if (toc_level_ > 0 && level <= toc_level_) toc_level_ = 0;
  if (is_toc_heading(text)) {
    toc_level_ = level;
    return;
  }
  VenueYear vy;
  if (heading_year_venue(text, &vy)) {
    headings_[level].year = vy.year;
    headings_[level].venue = vy.venue;
    return;
  }
  headings_[level].section = text;
}

void EntryParser::start(int line, std::size_t indent, std::vector<LineToken> tokens, bool bullet) {
  open_ = true;
  open_context_ = context();
  open_heading_ = false;
  open_line_ = line;
  open_indent_ = indent;
  open_bullet_ = bullet;
  open_italic_title_ = false;
  open_has_children_ = false;
  tokens_ = std::move(tokens);
}

void EntryParser::append(std::vector<LineToken> tokens) {
  // A line end stays visible: it separates the authors' line from the venue's.
  if (!tokens_.empty()) {
    tokens_.push_back({tokens.empty() ? 0 : tokens.front().line,
                       InlineToken{InlineToken::Kind::kText, "\n", "", false, false}});
  }
  for (auto& t : tokens) tokens_.push_back(std::move(t));
}

// Reads a table whose header is lines[at]; returns the index of its last row.
std::size_t EntryParser::parse_table(const std::vector<ListLine>& lines, std::size_t at) {
  std::vector<std::string> header = split_cells(lines[at].text);
  std::vector<Column> roles;
  bool has_title = false, has_year = false;
  for (const auto& h : header) {
    roles.push_back(column_role(h));
    has_title = has_title || roles.back() == Column::kTitle;
    has_year = has_year || roles.back() == Column::kYear;
  }
  // Without a Title column, a "Paper" column holds the titles ("[Title](url)").
  for (std::size_t k = 0; k < roles.size() && !has_title; ++k) {
    std::string n = normalize_for_match(clean_heading(header[k]));
    if (roles[k] == Column::kPaper && (n == "paper" || n == "papers")) {
      roles[k] = Column::kTitle;
      has_title = true;
    }
  }
  std::size_t i = at + 2;
  for (; i < lines.size(); ++i) {
    std::string row = trim(lines[i].text);
    if (row.empty() || row.find('|') == std::string::npos) break;
    if (has_title) table_row(header, roles, has_year, split_cells(row), lines[i].number);
  }
  return i - 1;
}

void EntryParser::table_row(const std::vector<std::string>& header,
                            const std::vector<Column>& roles, bool has_year_column,
                            const std::vector<std::string>& cells, int line) {
  Paper p;
  p.source = SourceLocation{file_, line};
  start_links();
  std::optional<int> year;
  int year_line = line;
  int empty_slots = 0;
  for (std::size_t c = 0; c < cells.size() && c < roles.size(); ++c) {
    auto tokens = tokenize_inline(cells[c], &references_);
    std::string column_label = clean_heading(header[c]);
    if (roles[c] == Column::kTitle) {
      for (const auto& t : tokens) {
        if (is_title_link(t) && p.title.empty()) {
          p.title = clean_title(t.text);
          add_token_link(p, t, "title", line, &empty_slots, /*title_link=*/true);
        }
      }
      if (p.title.empty()) p.title = clean_title(inline_plain_text(cells[c]));
    }
    for (const auto& t : tokens) {
      if (roles[c] == Column::kTitle && is_title_label(t.text)) continue;
      add_token_link(p, t, t.text.empty() ? column_label : t.text, line, &empty_slots,
                     /*title_link=*/false);
    }
    std::string plain = inline_plain_text(cells[c]);
    if (roles[c] == Column::kAuthors) p.authors = split_author_cell(cells[c]);
    if (roles[c] == Column::kVenue) {
      VenueYear vy = parse_venue_year(plain);
      p.venue = vy.venue;
      if (!has_year_column && vy.year && !year) year = vy.year;
    }
    if (roles[c] == Column::kYear) {
      VenueYear vy = parse_venue_year(plain);
      if (vy.year) year = vy.year;
    }
  }
  if (!has_letter_or_digit(p.title)) return;
  EntryTraits traits;
  traits.looks_like_paper = true;
  traits.reports_links = true;
  emit(std::move(p), context(), year, year_line, empty_slots, traits,
       /*defer_bare_title=*/false);
}

ParsedEntries parse_entries(const std::vector<ListLine>& lines, const std::string& file_name) {
  return EntryParser(file_name).run(lines);
}

}  // namespace paper
