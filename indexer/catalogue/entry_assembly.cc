// One entry of a list, once its lines are read (entry_parser.h): its title (bold, a link's
// text, plain text or an italic span), its links with the problems of those not kept, its
// authors, venue and year, and whether it is a paper. Keeps it or drops it with a warning.
#include <optional>
#include <string>
#include <vector>

#include "common/text.h"
#include "indexer/catalogue/byline.h"
#include "indexer/catalogue/entry_parser.h"
#include "indexer/catalogue/entry_rules.h"
#include "indexer/catalogue/fields.h"
#include "indexer/catalogue/link_problems.h"
#include "indexer/catalogue/links.h"
#include "indexer/catalogue/markdown_blocks.h"
#include "indexer/catalogue/non_papers.h"
#include "indexer/catalogue/plain_title.h"

namespace paper {
namespace {

using Kind = InlineToken::Kind;

// An entry with more links is broken or hostile; the bound keeps merging cheap.
constexpr std::size_t kMaxLinksPerEntry = 64;

// A title's words, counted as one more than the spaces inside it.
std::size_t title_words(const std::string& title) {
  std::size_t words = 1;
  for (char c : trim(title)) words += c == ' ' ? 1 : 0;
  return words;
}

void take_venue_year(const VenueYear& vy, int line, Paper& p, std::optional<int>* year,
                     int* year_line) {
  if (p.venue.empty() && !vy.venue.empty()) p.venue = vy.venue;
  if (!*year && vy.year) {
    *year = vy.year;
    *year_line = line;
  }
}

// Whether the title token ends with ':' or the text after it starts with one.
bool ends_with_colon(const std::vector<LineToken>& tokens, int title_index) {
  std::string title = trim(tokens[title_index].token.text);
  if (!title.empty() && title.back() == ':') return true;
  if (static_cast<std::size_t>(title_index) + 1 >= tokens.size()) return false;
  const InlineToken& next = tokens[title_index + 1].token;
  std::string after = trim(next.text);
  return next.kind == Kind::kText && !after.empty() && after.front() == ':';
}

// "**Title Only Paper**" as a whole bullet: a paper whose link is missing, unless it is a
// single word ("**Tools**") or a year or venue ("**MICCAI 2023**").
bool is_bare_title(const std::string& title) {
  if (title.find(' ') == std::string::npos) return false;
  VenueYear vy;
  return !heading_year_venue(title, &vy);
}

// "\"Video\" on www.youtube.com, the title link on vimeo.com": for a warning.
std::string describe_links(const Paper& p) {
  std::string out;
  for (const auto& link : p.links) {
    if (!out.empty()) out += ", ";
    out += (link.label == "title" ? std::string("the title link") : "\"" + link.label + "\"") +
           " on " + link.host;
  }
  return out;
}

}  // namespace

void EntryParser::warn(int line, std::string message) {
  out_.warnings.push_back({SourceLocation{file_, line}, std::move(message)});
}

// A dropped entry's warning, counted as a skipped entry.
void EntryParser::warn_skipped(int line, std::string message) {
  warn(line, std::move(message));
  ++out_.skipped;
}

// An entry without a link, counted as a skipped entry.
void EntryParser::warn_no_link(int line, const std::string& title) {
  warn_skipped(line, "entry \"" + title + "\" has no link; add a [Paper](url) or remove it");
}

// Clears what add_link, and finish for its warnings, remember about the entry being read.
void EntryParser::start_links() {
  link_urls_.clear();
  too_many_links_ = false;
  rejected_.reset();
  mistyped_.reset();
  unfetched_title_.reset();
  unsure_venue_ = VenueYear{};
}

// Adds a link (http/https only; in-page anchors and relative paths are not papers). A link
// that is not kept is remembered with its problem, for the entry's warning. title_link: the
// link whose text is the title. A title link or one labelled as the paper's ("[Paper](mailto:
// ...)") with a scheme is remembered even when the scheme is never a paper's.
void EntryParser::add_link(Paper& p, const std::string& label, const std::string& url, int line,
                           int* empty_slots, bool title_link) {
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
void EntryParser::add_undefined_reference(const InlineToken& t, int line, bool title_link) {
  RejectedLink missing{line, "reference [" + t.url +
                                 "] is not defined in the file; add the line [" + t.url +
                                 "]: URL with the paper's http(s) link"};
  if (!rejected_) rejected_ = missing;
  if (!mistyped_ && (title_link || is_generic_link_label(t.text))) mistyped_ = missing;
}

// Adds a token that is a link (add_link) or a broken reference (add_undefined_reference) to the
// entry; returns whether it was either.
bool EntryParser::add_token_link(Paper& p, const InlineToken& t, const std::string& label, int line,
                                 int* empty_slots, bool title_link) {
  if (t.kind == Kind::kLink) {
    add_link(p, label, t.url, line, empty_slots, title_link);
    return true;
  }
  if (is_broken_reference(t)) {
    add_undefined_reference(t, line, title_link);
    return true;
  }
  return false;
}

// Applies the heading context, checks the year and keeps or drops the entry.
void EntryParser::emit(Paper p, const HeadingContext& ctx, std::optional<int> year, int year_line,
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
      warn_no_link(p.source.line, p.title);
    } else if (traits.bare_title && !open_has_children_) {
      if (defer_bare_title) {
        pending_bare_ = PendingTitle{p.source.line, open_indent_, p.title};
      } else {
        warn_no_link(p.source.line, p.title);
      }
    }
    return;
  }
  if (traits.reports_links && mistyped_) {
    warn(mistyped_->line, "entry \"" + p.title + "\": " + mistyped_->reason);
  }
  // "Plato 2019": a single-name author or the venue. A venue from elsewhere settles it.
  if (!unsure_venue_.venue.empty() && unsure_venue_.year && p.venue.empty()) {
    std::string year = std::to_string(*unsure_venue_.year);
    warn(unsure_venue_line_,
         "entry \"" + p.title + "\": \"" + unsure_venue_.venue + "\" before " + year +
             " may be an author or the venue; kept it as an author; if it is the venue, write "
             "the tag [" +
             unsure_venue_.venue + ", " + year + "] instead");
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
void EntryParser::finish(bool defer_bare_title) {
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
    if (add_token_link(p, t, is_title ? "title" : t.text, line, &empty_slots, is_title)) continue;
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
  if (p.authors.empty()) {
    p.authors = std::move(byline.authors);
    unsure_venue_ = byline.unsure_venue;
    unsure_venue_line_ = remainder_line;
  }
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

// Tells list entries that are not papers from papers: "- [MONAI](https://github.com/...)"
// (software: a short name whose only links are code), "**Note**: see [the site](https://x.org)"
// (a bold paragraph start with neither a year nor a link to a paper host).
bool EntryParser::is_paper_like(const Paper& p, bool title_from_link, bool has_year) const {
  bool non_code = false, paper_host = false;
  for (const auto& link : p.links) {
    non_code = non_code || link.kind != LinkKind::kCode;
    paper_host = paper_host || (link.kind != LinkKind::kCode && link.kind != LinkKind::kOther);
  }
  std::size_t words = title_words(p.title);
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
bool EntryParser::is_video_or_blog_post(const Paper& p) const {
  if (p.links.empty() || !p.venue.empty() || !open_context_.venue.empty()) return false;
  for (const auto& link : p.links) {
    if (is_video_host(link.host)) continue;
    if (link.kind != LinkKind::kOther || !names_non_paper_link(link.label)) return false;
  }
  return true;
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
bool EntryParser::is_paper_at_unknown_host(const Paper& p, const InlineToken& title_link,
                                           const std::optional<int>& year,
                                           const std::string& remainder, bool other_text,
                                           bool authors_line) {
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
  std::size_t words = title_words(p.title);
  if (!other_text && p.authors.empty() && p.venue.empty() && !year && words >= 5) {
    warn_skipped(p.source.line,
                 "entry \"" + p.title + "\" skipped: its link goes to a page on " + title->host +
                     ", not to a paper (arXiv, a PDF, a publisher's page), and no authors, "
                     "venue or year follow it; add \" - Authors. Venue Year\" after the link, "
                     "or a [Paper](url) link to the PDF");
  }
  return false;
}

}  // namespace paper
