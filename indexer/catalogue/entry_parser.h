// Internal to parse_entries (entries.h): the parser's state and its steps. entries.cc walks the
// lines and decides where each entry begins and ends; entry_assembly.cc reads an ended entry's
// title, links, authors, venue and year, and keeps it or drops it with a warning.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "common/paper.h"
#include "indexer/catalogue/entries.h"
#include "indexer/catalogue/entry_rules.h"
#include "indexer/catalogue/fields.h"
#include "indexer/catalogue/inline_markdown.h"
#include "indexer/catalogue/link_references.h"
#include "indexer/catalogue/list_lines.h"
#include "indexer/catalogue/markdown_blocks.h"

namespace paper {

// What the headings above an entry say about it.
struct HeadingContext {
  std::string section;
  std::optional<int> year;
  std::string venue;
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

// One list file's entries. Use once: construct, then run.
class EntryParser {
 public:
  explicit EntryParser(const std::string& file) : file_(file) {}

  ParsedEntries run(const std::vector<ListLine>& lines);

 private:
  // The walk over the lines (entries.cc).
  std::vector<LineToken> tokenize(int line, std::string_view text) const;
  HeadingContext context() const;
  void on_heading(int level, const std::string& markdown);
  void start(int line, std::size_t indent, std::vector<LineToken> tokens, bool bullet);
  void append(std::vector<LineToken> tokens);
  std::size_t parse_table(const std::vector<ListLine>& lines, std::size_t at);
  void table_row(const std::vector<std::string>& header, const std::vector<Column>& roles,
                 bool has_year_column, const std::vector<std::string>& cells, int line);

  // One entry's assembly (entry_assembly.cc).
  void finish(bool defer_bare_title = false);
  void warn(int line, std::string message);
  void warn_skipped(int line, std::string message);
  void warn_no_link(int line, const std::string& title);
  void start_links();
  void add_link(Paper& p, const std::string& label, const std::string& url, int line,
                int* empty_slots, bool title_link);
  void add_undefined_reference(const InlineToken& t, int line, bool title_link);
  bool add_token_link(Paper& p, const InlineToken& t, const std::string& label, int line,
                      int* empty_slots, bool title_link);
  void emit(Paper p, const HeadingContext& ctx, std::optional<int> year, int year_line,
            int empty_slots, const EntryTraits& traits, bool defer_bare_title);
  bool is_paper_like(const Paper& p, bool title_from_link, bool has_year) const;
  bool is_video_or_blog_post(const Paper& p) const;
  bool is_paper_at_unknown_host(const Paper& p, const InlineToken& title_link,
                                const std::optional<int>& year, const std::string& remainder,
                                bool other_text, bool authors_line);

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
  VenueYear unsure_venue_;     // a name kept among the entry's authors that may be its venue
  int unsure_venue_line_ = 0;  // (Byline::unsure_venue): warned if the entry has no venue

  // A bare bold bullet ended by a blank line: warned unless a more indented item follows.
  struct PendingTitle {
    int line;
    std::size_t indent;
    std::string title;
  };
  std::optional<PendingTitle> pending_bare_;
  LinkReferences references_;
};

}  // namespace paper
