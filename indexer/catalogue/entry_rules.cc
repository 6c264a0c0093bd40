// The rules that tell what a token or a line of a list is to its entries (entry_rules.h): which
// link labels give a title, and where an entry starts.
#include "indexer/catalogue/entry_rules.h"

#include <cctype>

#include "common/text.h"
#include "indexer/catalogue/byline.h"
#include "indexer/catalogue/fields.h"
#include "indexer/catalogue/link_problems.h"
#include "indexer/catalogue/links.h"
#include "indexer/catalogue/markdown_blocks.h"
#include "indexer/catalogue/plain_title.h"

namespace paper {
namespace {

using Kind = InlineToken::Kind;

// "arXiv:2001.00001", "DOI 10.1000/xyz", "arXiv preprint": a link label that names an
// identifier or a repository, not a paper ("DOI Paper On Things" is a title).
bool is_identifier_label(const std::string& label) {
  std::string n = normalize_for_match(label);
  if (n.rfind("arxiv", 0) != 0 && n.rfind("doi", 0) != 0) return false;
  std::size_t words = 1;
  bool digit = false;
  for (char c : n) {
    words += c == ' ' ? 1 : 0;
    digit = digit || std::isdigit(static_cast<unsigned char>(c));
  }
  return digit || words < 3;
}

int letter_count(const std::string& s) {
  int letters = 0;
  for (char c : s) letters += std::isalpha(static_cast<unsigned char>(c)) ? 1 : 0;
  return letters;
}

// Tag text: a venue, a year or a date ("CVPR'24", "MIA 2020", "7th Dec.").
bool reads_as_tag(const std::string& text) {
  VenueYear vy = parse_venue_year(text);
  return vy.year || is_known_venue(vy.venue) || is_date_text(text);
}

}  // namespace

bool is_title_label(const std::string& label) {
  return !is_generic_link_label(label) && letter_count(label) >= 3 && !is_identifier_label(label);
}

bool is_paper_link_label(const std::string& label) {
  return is_generic_link_label(label) || is_identifier_label(label);
}

bool is_short_title_label(const std::string& label) {
  return !is_generic_link_label(label) && letter_count(label) >= 1 && !is_identifier_label(label);
}

bool is_broken_reference(const InlineToken& t) {
  return t.kind == InlineToken::Kind::kUndefinedReference && !reads_as_tag(t.text) &&
         !reads_as_tag(t.url);
}

bool is_title_link(const InlineToken& t) {
  return (t.kind == InlineToken::Kind::kLink || is_broken_reference(t)) && is_title_label(t.text);
}

std::optional<std::string_view> item_content(std::string_view trimmed) {
  if (auto content = list_item_content(trimmed)) return content;
  return html_list_item_content(trimmed);
}

bool has_title_candidate(const std::vector<LineToken>& tokens) {
  for (const auto& lt : tokens) {
    const auto& t = lt.token;
    if (is_title_link(t)) return true;
    if (t.kind == Kind::kText && t.bold && has_letter_or_digit(t.text)) return true;
  }
  return false;
}

bool has_link(const std::vector<LineToken>& tokens) {
  for (const auto& lt : tokens) {
    if (lt.token.kind == Kind::kLink || lt.token.kind == Kind::kUndefinedReference) return true;
  }
  return false;
}

LineStart starts_entry(const std::vector<LineToken>& tokens, bool open) {
  std::size_t k = 0;
  while (k < tokens.size() &&
         ((tokens[k].token.kind == Kind::kText && !has_letter_or_digit(tokens[k].token.text)) ||
          (tokens[k].token.kind == Kind::kTag && reads_as_tag(tokens[k].token.text)))) {
    ++k;
  }
  if (k == tokens.size()) return LineStart::kContinues;
  const InlineToken& link = tokens[k].token;
  if (link.kind != Kind::kLink || !is_title_label(link.text) || reads_as_venue_year(link.text) ||
      is_toc_heading(link.text)) {
    return LineStart::kContinues;
  }
  LinkProblem problem = diagnose_link(link.url);
  if (problem.kind == LinkProblemKind::kNotAPaper) return LineStart::kContinues;
  bool paper_host = false;
  if (problem.kind == LinkProblemKind::kNone) {
    LinkKind kind = make_link("", link.url).kind;
    if (kind == LinkKind::kCode) return LineStart::kContinues;
    paper_host = kind != LinkKind::kOther;
  }
  std::string rest;
  for (std::size_t j = k + 1; j < tokens.size(); ++j) {
    if (tokens[j].token.kind == Kind::kText) rest += tokens[j].token.text;
  }
  bool one_word = trim(link.text).find(' ') == std::string::npos;
  if (!has_letter_or_digit(rest)) {
    if (open && !paper_host) return LineStart::kContinues;
    return one_word ? LineStart::kContinues : LineStart::kEntry;
  }
  Byline byline = read_byline(rest, /*authors_known=*/false);
  if (!byline.authors.empty() || !byline.venue_years.empty()) return LineStart::kEntry;
  return open ? LineStart::kOwnLine : LineStart::kContinues;
}

bool starts_italic_entry(std::string_view line, const std::vector<LineToken>& tokens) {
  if (line.empty() || (line[0] != '_' && line[0] != '*')) return false;
  std::size_t k = 0;
  while (k < tokens.size() && tokens[k].token.kind == Kind::kText &&
         !has_letter_or_digit(tokens[k].token.text)) {
    ++k;
  }
  if (k == tokens.size()) return false;
  const InlineToken& title = tokens[k].token;
  if (title.kind != Kind::kText || !title.italic || title.bold || reads_as_names(title.text) ||
      reads_as_venue_year(title.text) || letter_count(title.text) < 3) {
    return false;
  }
  for (std::size_t j = k + 1; j < tokens.size(); ++j) {
    const InlineToken& t = tokens[j].token;
    if (t.kind != Kind::kLink || !is_paper_link_label(t.text)) continue;
    if (diagnose_link(t.url).kind != LinkProblemKind::kNone) continue;
    LinkKind kind = make_link("", t.url).kind;
    if (kind != LinkKind::kCode && kind != LinkKind::kOther) return true;
  }
  return false;
}

}  // namespace paper
