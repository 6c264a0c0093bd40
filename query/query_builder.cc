#include "query/query_builder.h"

#include <algorithm>

#include "common/error.h"
#include "common/schema.h"
#include "query/query_fields.h"
#include "query/query_operators.h"
#include "query/query_parser_setup.h"
#include "query/query_spelling.h"
#include "query/query_wildcards.h"
#include "query/synonym_expansion.h"

namespace paper::query {

struct QueryBuilder::Impl {
  explicit Impl(const Xapian::Database& database)
      : db(database), year_range(schema::kSlotYear, "year:") {
    configure_parser(qp, db, &stopper);
    // Free text matches the body (which holds a copy of the title) and the abstract, which is
    // indexed only under its prefix (metadata-only papers have an abstract but no body).
    qp.add_prefix("", "");
    qp.add_prefix("", schema::kPrefixAbstract);
    qp.add_prefix("title", schema::kPrefixTitle);
    qp.add_prefix("abstract", schema::kPrefixAbstract);
    qp.add_prefix("ref", schema::kPrefixReferences);
    // The parser owns the field processors (release() hands them to its reference count).
    qp.add_boolean_prefix(
        "author",
        (new FieldWithFilter(db, schema::kPrefixAuthor, schema::kPrefixAuthorFilter))->release());
    qp.add_boolean_prefix(
        "venue",
        (new FieldWithFilter(db, schema::kPrefixVenue, schema::kPrefixVenueFilter))->release());
    qp.add_boolean_prefix(
        "section",
        (new FieldWithFilter(db, schema::kPrefixSection, schema::kPrefixSectionFilter))->release());
    qp.add_boolean_prefix("year", schema::kPrefixYearFilter);
    qp.add_boolean_prefix("state", schema::kPrefixStateFilter);
    qp.add_rangeprocessor(&year_range);
    add_wildcard_fields(qp);
  }

  std::vector<std::string> synonyms(const std::string& key) const {
    std::vector<std::string> out;
    for (auto it = db.synonyms_begin(key); it != db.synonyms_end(key); ++it) out.push_back(*it);
    return out;
  }

  Xapian::Database db;
  Xapian::Stem stem{"english"};
  Stopper stopper;
  Xapian::QueryParser qp;
  Xapian::NumberRangeProcessor year_range;
};

QueryBuilder::QueryBuilder(const Xapian::Database& db) : impl_(std::make_unique<Impl>(db)) {}
QueryBuilder::~QueryBuilder() = default;

BuiltQuery QueryBuilder::build(const std::string& raw_text, Xapian::Query::op default_op) {
  BuiltQuery built;
  check_utf8(raw_text);
  const std::string text = normalized_field_names(raw_text);
  check_wildcard_positions(text);
  check_empty_fields(text);
  const std::string grouped = distribute_field_groups(text);
  check_proximity_operands(grouped);
  const std::string checked = checked_filters(grouped);
  built.expanded_text =
      expand_synonyms(only_exclusions(checked).value_or(checked),
                      [this](const std::string& key) { return impl_->synonyms(key); });
  impl_->qp.set_default_op(default_op);
  try {
    built.match = impl_->qp.parse_query(
        rewrite_wildcards(built.expanded_text, built.wildcard_words), kQueryParserFlags);
    // Xapian reads some malformed operators as plain words without a word of warning ("a OR b)",
    // "a NEAR (b OR c)"): the user is told, as for a query it refuses.
    built.plain_words = syntax_read_as_words(text);
    return built;
  } catch (const Xapian::QueryParserError&) {
  }
  built.plain_words = true;
  // As words: Xapian still reads "a..b" as a range, which only year: takes ("latex...",
  // "pages 10..20"): the dots go.
  std::string words;
  for (std::size_t i = 0; i < checked.size();) {
    const std::size_t end = std::min(checked.find(' ', i), checked.size());
    std::string token = checked.substr(i, end - i);
    if (token.rfind("year:", 0) != 0) {
      for (std::size_t at; (at = token.find("..")) != std::string::npos;) token.replace(at, 2, " ");
    }
    words += token + (end < checked.size() ? " " : "");
    i = end + 1;
  }
  try {
    built.match = impl_->qp.parse_query(words, 0);
  } catch (const Xapian::QueryParserError& e) {
    throw Error("could not understand the query '" + text + "' (" + e.get_msg() +
                    "); use plain words, \"phrases\", AND, OR, NOT and field:value",
                kExitUsage);
  }
  return built;
}

std::string QueryBuilder::spelling_suggestion(const std::string& text) {
  return suggest_spelling(impl_->db, impl_->stem, &impl_->stopper, text);
}

}  // namespace paper::query
