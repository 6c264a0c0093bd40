// The fields of the query syntax (title:, author:, year:, state:, ...): the field processor of
// author:, venue: and section:, and the checks and rewrites of field values that Xapian's parser
// would otherwise read wrongly without a word. Internal to the query library.
#pragma once

#include <xapian.h>

#include <string>

#include "query/query_parser_setup.h"

namespace paper::query {

// field:value for a field that has both free-text terms and an exact filter term: a filter
// (no weight) that matches either, so `author:"Reza Azad"` and `author:azad` both work. A
// boolean prefix, because only those hand quoted values to a field processor in Xapian 1.4.
class FieldWithFilter : public Xapian::FieldProcessor {
 public:
  FieldWithFilter(const Xapian::Database& db, std::string text_prefix, std::string filter_prefix);

  Xapian::Query operator()(const std::string& value) override;

 private:
  Stopper stopper_;
  Xapian::QueryParser qp_;
  std::string text_prefix_;
  std::string filter_prefix_;
};

// The query with its field names as the parser knows them: "Author:Azad", "YEAR:2020" and
// "year: 2020" as "author:Azad", "year:2020" (Xapian's prefixes are case-sensitive and end at a
// space, so they would search the words "author" and "azad" without a word). Text in quotes is
// left alone.
std::string normalized_field_names(const std::string& text);

// A field with nothing after it ("title:", "author:()", "venue:\"\"") is a usage error: Xapian
// would search the field's name as a word.
void check_empty_fields(const std::string& text);

// "author:(ronneberger OR brox)" as "(author:ronneberger OR author:brox)": Xapian's parser ends
// the value of a filter field (author, venue, section) at a space, so a group would become a
// filter on "(ronneberger" and free words. Each word or "phrase" of the group gets the field;
// operators, parentheses and the - or + before a word are kept. (Words of one filter field
// together mean either, as for "year:2019 year:2020"; AND asks for both.)
std::string distribute_field_groups(const std::string& text);

// The year: and state: filters of a query, checked, with state values lower-cased: a value
// they cannot have ("year:abc", "state:foo") would match nothing without a word, so it is a
// usage error that says what to write. Other text is returned as it is.
std::string checked_filters(const std::string& text);

}  // namespace paper::query
