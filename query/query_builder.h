// Turns the user's query text into a Xapian query over the index schema (common/schema.h).
// Internal to the query library.
#pragma once

#include <xapian.h>

#include <memory>
#include <string>
#include <vector>

namespace paper::query {

struct BuiltQuery {
  Xapian::Query match;        // which papers match (body, with fields and filters)
  std::string expanded_text;  // the text parsed, after synonym expansion
  bool plain_words = false;   // the syntax was not understood; parsed as plain words
  // The words of free-text wildcards ("segm" for segm*), lower-cased: Xapian does not list the
  // terms a wildcard expands to.
  std::vector<std::string> wildcard_words;
};

// Parses query syntax: words, "phrases", AND/OR/NOT/-word, NEAR, wildcards, title:, author:,
// venue:, section:, abstract:, ref:, state:, year:2020 and year:2019..2021; English stemming and
// stop words; synonyms from the database. Not thread-safe (one per thread).
class QueryBuilder {
 public:
  explicit QueryBuilder(const Xapian::Database& db);
  ~QueryBuilder();

  // default_op is Xapian::Query::OP_AND (every word) or OP_OR (any word).
  // Throws paper::Error when the text cannot be parsed even as plain words.
  BuiltQuery build(const std::string& text, Xapian::Query::op default_op);

  // A better-spelled version of text from the index's spelling data, or "" when none.
  std::string spelling_suggestion(const std::string& text);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The body terms ("word", "Zstem") of a query, which the field boosts, the page scores and the
// snippets work from, in term order; prefixed terms (S..., A..., Y..., XB...) and the terms of
// excluded parts (NOT x, -x) are left out.
std::vector<std::string> body_terms(const Xapian::Query& query);

// A body word of a query, or words that count only together: a phrase's terms in order ("U-Net",
// a quoted phrase, a synonym of several words; window 0), or the words of NEAR (any order) or ADJ
// (in order), all within window positions.
struct QueryGroup {
  std::vector<std::string> terms;
  unsigned window = 0;
  bool ordered = true;
  auto operator<=>(const QueryGroup&) const = default;
};

// The body words and groups of a query, which the page scores and the snippets work from; the
// terms of excluded parts are left out.
std::vector<QueryGroup> body_groups(const Xapian::Query& query);

// True for an unprefixed index term (lower-case word or number, or a "Z" stem of one).
bool is_body_term(const std::string& term);

}  // namespace paper::query
