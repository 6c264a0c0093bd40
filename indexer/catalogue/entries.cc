#include "indexer/catalogue/entries.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <unordered_set>

#include "common/text.h"
#include "indexer/catalogue/byline.h"
#include "indexer/catalogue/fields.h"
#include "indexer/catalogue/inline_markdown.h"
#include "indexer/catalogue/link_problems.h"
#include "indexer/catalogue/link_references.h"
#include "indexer/catalogue/links.h"
#include "indexer/catalogue/markdown_blocks.h"
#include "indexer/catalogue/non_papers.h"
#include "indexer/catalogue/plain_title.h"

namespace paper {
namespace {

using Kind = InlineToken::Kind;

struct LineToken {
  int line;
  InlineToken token;
};

// What the headings above an entry say about it.
struct HeadingContext {
  std::string section;
  std::optional<int> year;
  std::string venue;
};

// An entry with more links is broken or hostile; the bound keeps merging cheap.
constexpr std::size_t kMaxLinksPerEntry = 64;

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

// A link label a title may come from: not "Paper"/"Code"/..., has some letters, is not an id.
bool is_title_label(const std::string& label) {
  return !is_generic_link_label(label) && letter_count(label) >= 3 && !is_identifier_label(label);
}

// A label that names the paper's link, not the paper: "Paper", "PDF", "arXiv", "DOI", "Code".
bool is_paper_link_label(const std::string& label) {
  return is_generic_link_label(label) || is_identifier_label(label);
}

// A label too short to be taken for a title at first sight ("T0", "3D"), that is the title when
// the text after its link is only a byline ("[3D](url) - Ann Lee. CVPR 2019.").
bool is_short_title_label(const std::string& label) {
  return !is_generic_link_label(label) && letter_count(label) >= 1 && !is_identifier_label(label);
}

// Tag text: a venue, a year or a date ("CVPR'24", "MIA 2020", "7th Dec.").
bool reads_as_tag(const std::string& text) {
  VenueYear vy = parse_venue_year(text);
  return vy.year || is_known_venue(vy.venue) || is_date_text(text);
}

// "[Title][r9]" or "[Paper][r9]" whose label has no definition: a link that was meant, unless a
// half reads as a tag ("[CVPR'24][Oral]" is two tags).
bool is_broken_reference(const InlineToken& t) {
  return t.kind == InlineToken::Kind::kUndefinedReference && !reads_as_tag(t.text) &&
         !reads_as_tag(t.url);
}

// Whether a token can give the entry its title as a link does.
bool is_title_link(const InlineToken& t) {
  return (t.kind == InlineToken::Kind::kLink || is_broken_reference(t)) && is_title_label(t.text);
}

bool has_letter_or_digit(const std::string& s) { return !normalize_for_match(s).empty(); }

// The content of a list item: after "- ", "1. " or an HTML "<li>".
std::optional<std::string_view> item_content(std::string_view trimmed) {
  if (auto content = list_item_content(trimmed)) return content;
  return html_list_item_content(trimmed);
}

// What a line that is not a list item is to the entries around it.
enum class LineStart {
  kContinues,  // not an entry's start: part of the open entry, if any
  kEntry,      // starts an entry
  kOwnLine,    // ends the open entry, but is no entry itself ("[Tool](url) does things.")
};

// A link that was not kept, and why.
struct RejectedLink {
  int line = 0;
  std::string reason;  // for "entry \"Title\" skipped: <reason>"
};

// How an entry without a usable link is reported.
struct EntryTraits {
  bool looks_like_paper = false;  // has a year or authors: a missing link is worth a warning
  bool reports_links = false;     // a bold title, a link title, a table row or an entry with a
                                  // byline: say why its links were not kept
  bool has_byline = false;        // has a year or authors: a title link to "mailto:" is a
                                  // paper's link gone wrong, not a contact
  bool paper_link = false;        // has a link labelled as the paper's ("[Paper](doi:...)"): the
                                  // text beside it is the paper, a link to "mailto:" is wrong
  bool bare_title = false;        // a bullet that is only a bold title of two words or more
};

class EntryParser {
 public:
  explicit EntryParser(const std::string& file) : file_(file) {}

  ParsedEntries run(const std::vector<ListLine>& lines) {
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
          warn_bare_title(pending_bare_->line, pending_bare_->title);
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
    if (pending_bare_) warn_bare_title(pending_bare_->line, pending_bare_->title);
    pending_bare_.reset();
    return std::move(out_);
  }

 private:
  std::vector<LineToken> tokenize(int line, std::string_view text) const {
    std::vector<LineToken> out;
    for (auto& t : tokenize_inline(text, &references_)) out.push_back({line, std::move(t)});
    return out;
  }

  static bool has_title_candidate(const std::vector<LineToken>& tokens) {
    for (const auto& lt : tokens) {
      const auto& t = lt.token;
      if (is_title_link(t)) return true;
      if (t.kind == Kind::kText && t.bold && has_letter_or_digit(t.text)) return true;
    }
    return false;
  }

  static bool has_link(const std::vector<LineToken>& tokens) {
    for (const auto& lt : tokens) {
      if (lt.token.kind == Kind::kLink || lt.token.kind == Kind::kUndefinedReference) return true;
    }
    return false;
  }

  // Whether a line that is not a list item starts an entry: past HTML tags and venue/year tags,
  // its first token is a link whose text reads as a title (not "Paper", not a venue or a year,
  // not "Contents"), to a page that can be a paper's (not an in-page anchor, another list or a
  // code host), and the rest of the line is links, tags or a byline, not prose ("[Papers with
  // Code](url) tracks the state of the art."). open: an entry with a link is open. Then a line
  // that is only a link to a page not known to hold papers, or one that cannot be fetched, is
  // the open entry's ("[Project Website](url)"); with text after it, the line is not the open
  // entry's: a new entry (judged when it ends) or a line of its own.
  static LineStart starts_entry(const std::vector<LineToken>& tokens, bool open) {
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

  // Whether a paragraph line is a paper whose title is in italics: "_Title_ [[pdf](url)] (2021)",
  // "*Title*, Ann Lee. CVPR 2022. [pdf](url)". The italic span comes first and is not a list of
  // names, a venue or a year, and the line has a link labelled as the paper's ("pdf", "Paper",
  // "arXiv") to arXiv, a PDF or a publisher's page.
  static bool starts_italic_entry(std::string_view line, const std::vector<LineToken>& tokens) {
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

  HeadingContext context() const {
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

  void on_heading(int level, const std::string& markdown) {
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

  void start(int line, std::size_t indent, std::vector<LineToken> tokens, bool bullet) {
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

  void append(std::vector<LineToken> tokens) {
    // A line end stays visible: it separates the authors' line from the venue's.
    if (!tokens_.empty()) {
      tokens_.push_back({tokens.empty() ? 0 : tokens.front().line,
                         InlineToken{Kind::kText, "\n", "", false, false}});
    }
    for (auto& t : tokens) tokens_.push_back(std::move(t));
  }

  void warn(int line, std::string message) {
    out_.warnings.push_back({SourceLocation{file_, line}, std::move(message)});
  }

  // A dropped entry's warning, counted as a skipped entry.
  void warn_skipped(int line, std::string message) {
    warn(line, std::move(message));
    ++out_.skipped;
  }

  void warn_bare_title(int line, const std::string& title) {
    warn_skipped(line, "entry \"" + title + "\" has no link; add a [Paper](url) or remove it");
  }

  // Clears what add_link remembers about the entry being read.
  void start_links() {
    link_urls_.clear();
    too_many_links_ = false;
    rejected_.reset();
    mistyped_.reset();
    unfetched_title_.reset();
  }

  // Adds a link (http/https only; in-page anchors and relative paths are not papers). A link
  // that is not kept is remembered with its problem, for the entry's warning. title_link: the
  // link whose text is the title. A title link or one labelled as the paper's ("[Paper](mailto:
  // ...)") with a scheme is remembered even when the scheme is never a paper's.
  void add_link(Paper& p, const std::string& label, const std::string& url, int line,
                int* empty_slots, bool title_link = false) {
    std::string u = trim(url);
    if (u.empty()) {
      ++*empty_slots;
      return;
    }
    Link link = make_link(label.empty() ? "link" : label, u);
    if (link.host.empty() || u.find_first_of(" \t") != std::string::npos) {
      LinkProblem problem = diagnose_link(u);
      if (!rejected_ && is_reportable(problem)) {
        rejected_ = RejectedLink{line, explain_link_problem(u, problem)};
      }
      if (!mistyped_ && is_mistyped(problem)) {
        mistyped_ = RejectedLink{line, explain_link_problem(u, problem)};
      }
      if ((title_link || is_paper_link_label(label)) && !unfetched_title_ &&
          !problem.scheme.empty()) {
        unfetched_title_ = RejectedLink{line, explain_link_problem(u, problem)};
      }
      return;
    }
    if (!link_urls_.insert(link.url).second) return;
    if (p.links.size() >= kMaxLinksPerEntry) {
      if (!too_many_links_) {
        warn(p.source.line, "entry has more than " + std::to_string(kMaxLinksPerEntry) +
                                " links; kept the first " + std::to_string(kMaxLinksPerEntry) +
                                ", split the entry");
      }
      too_many_links_ = true;
      return;
    }
    p.links.push_back(std::move(link));
  }

  // A reference link whose label has no definition. Its link is missing: worth a warning when
  // the entry is dropped for it, and also when it is kept if the reference named the paper
  // ("[Title][r9]", "[Paper][r9]").
  void add_undefined_reference(const InlineToken& t, int line, bool title_link) {
    RejectedLink missing{line, "reference [" + t.url +
                                   "] is not defined in the file; add the line [" + t.url +
                                   "]: URL with the paper's http(s) link"};
    if (!rejected_) rejected_ = missing;
    if (!mistyped_ && (title_link || is_generic_link_label(t.text))) mistyped_ = missing;
  }

  static void take_venue_year(const VenueYear& vy, int line, Paper& p, std::optional<int>* year,
                              int* year_line) {
    if (p.venue.empty() && !vy.venue.empty()) p.venue = vy.venue;
    if (!*year && vy.year) {
      *year = vy.year;
      *year_line = line;
    }
  }

  // Applies the heading context, checks the year and keeps or drops the entry.
  void emit(Paper p, const HeadingContext& ctx, std::optional<int> year, int year_line,
            int empty_slots, const EntryTraits& traits, bool defer_bare_title) {
    p.section = ctx.section;
    if (p.venue.empty()) p.venue = ctx.venue;
    if (!year && ctx.year) {
      year = ctx.year;
      year_line = p.source.line;
    }
    if (p.links.empty()) {
      const std::optional<RejectedLink>& why =
          rejected_ || !(traits.has_byline || traits.paper_link) ? rejected_ : unfetched_title_;
      if (traits.reports_links && why) {
        warn_skipped(p.source.line, "entry \"" + p.title + "\" skipped: " + why->reason);
      } else if (empty_slots > 0 || traits.looks_like_paper) {
        warn_skipped(p.source.line,
                     "entry \"" + p.title + "\" has no link; add a [Paper](url) or remove it");
      } else if (traits.bare_title && !open_has_children_) {
        if (defer_bare_title) {
          pending_bare_ = PendingTitle{p.source.line, open_indent_, p.title};
        } else {
          warn_bare_title(p.source.line, p.title);
        }
      }
      return;
    }
    if (traits.reports_links && mistyped_) {
      warn(mistyped_->line, "entry \"" + p.title + "\": " + mistyped_->reason);
    }
    if (year && !is_plausible_year(*year)) {
      std::optional<int> from_url;
      std::string host;
      for (const auto& link : p.links) {
        if ((from_url = year_of_url(link.url))) {
          host = link.host;
          break;
        }
      }
      std::string message = "year " + std::to_string(*year) + " is not plausible; ";
      if (from_url) {
        message += "using " + std::to_string(*from_url) + " from the link on " + host;
      } else {
        message += "year left unknown";
      }
      warn(year_line, message + "; correct the year in the list");
      year = from_url;
    }
    p.year = year;
    out_.entries.push_back(std::move(p));
  }

  // Ends the open entry. After a blank line, an entry that is only a bold title waits for the
  // next line (a more indented item makes it a group's name).
  void finish(bool defer_bare_title = false) {
    if (!open_) return;
    open_ = false;
    std::vector<LineToken> tokens = std::move(tokens_);
    tokens_.clear();

    Paper p;
    p.source = SourceLocation{file_, open_line_};
    int title_index = -1;
    std::string remainder_head;  // text after a plain-text title's cut, same token
    bool title_from_link = false, bold_title = false;

    for (std::size_t i = 0; i < tokens.size() && title_index < 0; ++i) {
      const auto& t = tokens[i].token;
      if (!t.bold) continue;
      if (is_title_link(t)) {
        p.title = clean_title(t.text);
        title_from_link = true;
      } else if (t.kind == Kind::kText && has_letter_or_digit(t.text)) {
        p.title = clean_title(t.text);
      } else {
        continue;
      }
      title_index = static_cast<int>(i);
      bold_title = true;
    }
    // A link's text; a reference whose label has no definition only when no link gives one.
    for (bool broken : {false, true}) {
      for (std::size_t i = 0; i < tokens.size() && title_index < 0; ++i) {
        const auto& t = tokens[i].token;
        if (is_title_link(t) && (t.kind == Kind::kUndefinedReference) == broken) {
          p.title = clean_title(t.text);
          title_from_link = true;
          title_index = static_cast<int>(i);
        }
      }
    }
    int first_link = -1;
    for (std::size_t i = 0; i < tokens.size() && first_link < 0; ++i) {
      const auto& t = tokens[i].token;
      if (t.kind == Kind::kLink || is_broken_reference(t)) first_link = static_cast<int>(i);
    }
    bool any_link = first_link >= 0;
    if (title_index < 0 && any_link && (open_bullet_ || open_italic_title_)) {
      // A plain-text title: the first text (see read_plain_title).
      for (std::size_t i = 0; i < tokens.size() && title_index < 0; ++i) {
        const auto& t = tokens[i].token;
        // An italic span is the authors' line unless it is one phrase ("_Title_ [pdf](url)").
        if (t.kind != Kind::kText || !has_letter_or_digit(t.text)) continue;
        if (t.italic && reads_as_names(t.text)) continue;
        bool after_link = first_link < static_cast<int>(i);
        PlainTitle plain = read_plain_title(t.text, after_link);
        if (!plain.byline_only) {
          p.title = std::move(plain.title);
          remainder_head = std::move(plain.remainder);
          title_index = static_cast<int>(i);
          break;
        }
        // Only a byline: a link's short text is the title ("[3D](url) - Ann Lee. CVPR 2019."),
        // or the title is missing ("[Paper](url) - Ann Lee. CVPR 2020.").
        for (int k = first_link; k < static_cast<int>(tokens.size()) && title_index < 0; ++k) {
          const auto& link = tokens[k].token;
          if ((link.kind == Kind::kLink || is_broken_reference(link)) &&
              is_short_title_label(link.text)) {
            p.title = clean_title(link.text);
            title_from_link = true;
            title_index = k;
            // The byline before the title link is read as the text after it would be.
            if (k > static_cast<int>(i)) remainder_head = plain.remainder;
          }
        }
        if (title_index < 0) {
          const std::string& label = tokens[first_link].token.text;
          warn_skipped(open_line_, "entry skipped: no title found (" +
                                       (label.empty() ? std::string("the link has no text")
                                                      : "\"" + label + "\" is the link's label") +
                                       " and the text " + (after_link ? "after" : "beside") +
                                       " it reads as authors, venue and year); write the title "
                                       "as the link text: [Title](url)");
          return;
        }
      }
    }
    if (title_index < 0 || !has_letter_or_digit(p.title)) return;

    std::optional<int> year;
    int year_line = open_line_;
    int empty_slots = 0;
    // "YOLOv3: An Incremental Improvement (2018)": the note is the year's, not the title's.
    std::string note;
    p.title = split_trailing_year_note(p.title, &note);
    std::string remainder = note + " " + remainder_head;
    start_links();
    bool other_text = has_letter_or_digit(remainder_head);
    int remainder_line = tokens[title_index].line;
    bool authors_from_italic = false;
    bool many_authors_line = false;  // an italic line of two names or more, or "Ann Lee et al."
    bool paper_link = false;         // a link labelled "Paper", "PDF", "arXiv", ... (not the title)
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      const auto& [line, t] = tokens[i];
      bool is_title = static_cast<int>(i) == title_index && title_from_link;
      if (!is_title && (t.kind == Kind::kLink || is_broken_reference(t)) &&
          is_paper_link_label(t.text)) {
        paper_link = true;
      }
      if (t.kind == Kind::kLink) {
        add_link(p, is_title ? "title" : t.text, t.url, line, &empty_slots, is_title);
        continue;
      }
      if (is_broken_reference(t)) {
        add_undefined_reference(t, line, is_title);
        continue;
      }
      if (static_cast<int>(i) != title_index && has_letter_or_digit(t.text)) other_text = true;
      if (t.kind == Kind::kTag || t.kind == Kind::kUndefinedReference) {
        // "[CVPR'24][Oral]": two tags.
        for (const std::string* text : {&t.text, &t.url}) {
          VenueYear vy = parse_venue_year(*text);
          // "[7th Dec., 2023] [arXiv, 2023]": a date tag gives its year, not a venue.
          if (is_date_text(vy.venue)) vy.venue.clear();
          if (vy.year || is_known_venue(vy.venue)) take_venue_year(vy, line, p, &year, &year_line);
        }
        continue;
      }
      if (static_cast<int>(i) == title_index) continue;
      // An italic span is the authors' line of many lists, unless it holds a venue or a year
      // ("*ICCV 2019*"): then it is read with the rest of the text.
      if (t.italic && !authors_from_italic && p.authors.empty() && has_letter_or_digit(t.text) &&
          reads_as_author_list(t.text)) {
        p.authors = split_authors(t.text);
        authors_from_italic = true;
        many_authors_line = p.authors.size() >= 2 || t.text.find(" et al") != std::string::npos;
        continue;
      }
      if (static_cast<int>(i) > title_index && !t.bold) {
        remainder += t.text;
        remainder_line = line;
      }
    }
    Byline byline = read_byline(remainder, !p.authors.empty());
    for (const auto& vy : byline.venue_years) {
      take_venue_year(vy, remainder_line, p, &year, &year_line);
    }
    if (p.authors.empty()) p.authors = std::move(byline.authors);
    if (title_from_link && !open_bullet_ &&
        !is_paper_at_unknown_host(p, tokens[title_index].token, year, remainder, other_text,
                                  bold_title && many_authors_line)) {
      return;
    }
    if (!is_paper_like(p, title_from_link, year.has_value())) return;
    if (is_video_or_blog_post(p)) {
      warn_skipped(p.source.line, "entry \"" + p.title +
                                      "\" skipped: a video or blog post, not a paper; its links (" +
                                      describe_links(p) +
                                      ") go to no paper and it names no venue; add a "
                                      "[Paper](url) link to the paper, or remove the entry");
      return;
    }
    // "**Note:** text" and "**Note**: text" are labels of prose, not titles, unless a year says
    // otherwise ("**Title**: Authors, MICCAI 2020").
    bool label = bold_title && !title_from_link && !year && ends_with_colon(tokens, title_index);
    EntryTraits traits;
    traits.has_byline = year.has_value() || !p.authors.empty();
    traits.looks_like_paper = bold_title && !label && traits.has_byline;
    traits.paper_link = paper_link;
    traits.reports_links = bold_title || title_from_link || traits.has_byline || paper_link;
    traits.bare_title = bold_title && !label && !title_from_link && open_bullet_ && !any_link &&
                        !other_text && is_bare_title(p.title);
    emit(std::move(p), open_context_, year, year_line, empty_slots, traits, defer_bare_title);
  }

  // Whether the title token ends with ':' or the text after it starts with one.
  static bool ends_with_colon(const std::vector<LineToken>& tokens, int title_index) {
    std::string title = trim(tokens[title_index].token.text);
    if (!title.empty() && title.back() == ':') return true;
    if (static_cast<std::size_t>(title_index) + 1 >= tokens.size()) return false;
    const InlineToken& next = tokens[title_index + 1].token;
    std::string after = trim(next.text);
    return next.kind == Kind::kText && !after.empty() && after.front() == ':';
  }

  // "**Title Only Paper**" as a whole bullet: a paper whose link is missing, unless it is a
  // single word ("**Tools**") or a year or venue ("**MICCAI 2023**").
  static bool is_bare_title(const std::string& title) {
    if (title.find(' ') == std::string::npos) return false;
    VenueYear vy;
    return !heading_year_venue(title, &vy);
  }

  // Tells list entries that are not papers from papers: "- [MONAI](https://github.com/...)"
  // (software: a short name whose only links are code), "**Note**: see [the site](https://x.org)"
  // (a bold paragraph start with neither a year nor a link to a paper host).
  bool is_paper_like(const Paper& p, bool title_from_link, bool has_year) const {
    bool non_code = false, paper_host = false;
    for (const auto& link : p.links) {
      non_code = non_code || link.kind != LinkKind::kCode;
      paper_host = paper_host || (link.kind != LinkKind::kCode && link.kind != LinkKind::kOther);
    }
    std::size_t words = 1;
    for (char c : trim(p.title)) words += c == ' ' ? 1 : 0;
    if (title_from_link && !p.links.empty() && !non_code && words < 4) return false;
    if (!open_bullet_ && !p.links.empty() && !paper_host && !has_year && p.authors.empty()) {
      return false;
    }
    return true;
  }

  // An entry whose every link goes to a video host or is labelled "Video", "Blog", "Website",
  // "Slides" or "Talk" and goes to a host not known to serve papers or code, with no venue in
  // its text or its headings: a talk or a blog post. A [Video] beside a [Paper] or a [Code] link
  // is a paper's video, and keeps the entry.
  bool is_video_or_blog_post(const Paper& p) const {
    if (p.links.empty() || !p.venue.empty() || !open_context_.venue.empty()) return false;
    for (const auto& link : p.links) {
      if (is_video_host(link.host)) continue;
      if (link.kind != LinkKind::kOther || !names_non_paper_link(link.label)) return false;
    }
    return true;
  }

  // "\"Video\" on www.youtube.com, the title link on vimeo.com": for a warning.
  static std::string describe_links(const Paper& p) {
    std::string out;
    for (const auto& link : p.links) {
      if (!out.empty()) out += ", ";
      out += (link.label == "title" ? std::string("the title link") : "\"" + link.label + "\"") +
             " on " + link.host;
    }
    return out;
  }

  // A paragraph or heading whose title link goes to a host not known to serve papers, with no
  // other link that does: a paper only when its text says so, with authors and a venue, two
  // authors or more and a year ("[NeRF](https://site.org/nerf) - Ben Mildenhall. ECCV 2020."), or
  // a known venue and a year ("(ICCV 2021)"). One name and a year is a blog post or an
  // organisation's page as often ("- Jay Alammar, 2018", "- EleutherAI, 2020"). Never a video,
  // nor a list, course, tutorial, homepage, dataset or challenge by its name. A long title with
  // nothing else is warned about: it may be a paper whose link is not the PDF's. authors_line: a
  // bold title link over an italic line of two authors or more ("**[Title](url)**<br>" then
  // "*Ann Lee, Bo Chen*<br>"), the layout of lists whose papers often link a project page.
  bool is_paper_at_unknown_host(const Paper& p, const InlineToken& title_link,
                                const std::optional<int>& year, const std::string& remainder,
                                bool other_text, bool authors_line) {
    const Link* title = nullptr;
    for (const auto& link : p.links) {
      if (link.kind != LinkKind::kCode && link.kind != LinkKind::kOther) return true;
      if (link.label == "title" && !title) title = &link;
    }
    if (!title || title->kind != LinkKind::kOther) return true;
    if (is_video_host(title->host) || names_non_paper(title_link.text)) return false;
    if (authors_line) return true;
    bool has_year = year.has_value() && !has_year_range(remainder);
    if (!p.authors.empty() && (!p.venue.empty() || (has_year && p.authors.size() >= 2))) {
      return true;
    }
    if (is_known_venue(p.venue) && has_year) return true;
    std::size_t words = 1;
    for (char c : trim(p.title)) words += c == ' ' ? 1 : 0;
    if (!other_text && p.authors.empty() && p.venue.empty() && !year && words >= 5) {
      warn_skipped(p.source.line,
                   "entry \"" + p.title + "\" skipped: its link goes to a page on " + title->host +
                       ", not to a paper (arXiv, a PDF, a publisher's page), and no authors, "
                       "venue or year follow it; add \" - Authors. Venue Year\" after the link, "
                       "or a [Paper](url) link to the PDF");
    }
    return false;
  }

  // Reads a table whose header is lines[at]; returns the index of its last row.
  std::size_t parse_table(const std::vector<ListLine>& lines, std::size_t at) {
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

  void table_row(const std::vector<std::string>& header, const std::vector<Column>& roles,
                 bool has_year_column, const std::vector<std::string>& cells, int line) {
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
            if (t.kind == Kind::kLink) {
              add_link(p, "title", t.url, line, &empty_slots, /*title_link=*/true);
            } else {
              add_undefined_reference(t, line, /*title_link=*/true);
            }
          }
        }
        if (p.title.empty()) p.title = clean_title(inline_plain_text(cells[c]));
      }
      for (const auto& t : tokens) {
        if (roles[c] == Column::kTitle && is_title_label(t.text)) continue;
        if (t.kind == Kind::kLink) {
          add_link(p, t.text.empty() ? column_label : t.text, t.url, line, &empty_slots);
        } else if (is_broken_reference(t)) {
          add_undefined_reference(t, line, /*title_link=*/false);
        }
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

  std::string file_;
  ParsedEntries out_;
  std::array<HeadingContext, 7> headings_{};
  int toc_level_ = 0;

  bool open_ = false;
  int open_line_ = 0;
  std::size_t open_indent_ = 0;
  bool open_bullet_ = false;
  bool open_italic_title_ = false;  // a paragraph whose title is its first, italic span
  bool open_has_children_ = false;  // a more indented item with a title followed the open entry
  HeadingContext open_context_;     // the headings above the open entry
  bool open_heading_ = false;       // the open entry is a heading ("### [Title](url)")
  std::vector<LineToken> tokens_;
  std::unordered_set<std::string> link_urls_;  // URLs of the entry being read
  bool too_many_links_ = false;
  std::optional<RejectedLink> rejected_;         // the entry's first link worth a warning
  std::optional<RejectedLink> mistyped_;         // the entry's first mistyped web address, or a
                                                 // reference naming the paper with no definition
  std::optional<RejectedLink> unfetched_title_;  // the title link or a link labelled as the
                                                 // paper's, when it has a scheme that
                                                 // is never a paper's ("mailto:")

  // A bare bold bullet ended by a blank line: warned unless a more indented item follows.
  struct PendingTitle {
    int line;
    std::size_t indent;
    std::string title;
  };
  std::optional<PendingTitle> pending_bare_;
  LinkReferences references_;
};

}  // namespace

ParsedEntries parse_entries(const std::vector<ListLine>& lines, const std::string& file_name) {
  return EntryParser(file_name).run(lines);
}

}  // namespace paper
