// The body terms and groups of a built query (declared in query/query_builder.h).
#include <algorithm>
#include <cstdlib>
#include <set>

#include "query/query_builder.h"

namespace paper::query {

bool is_body_term(const std::string& term) {
  if (term.empty()) return false;
  unsigned char c = term[0];
  if (c == 'Z') {
    if (term.size() < 2) return false;
    c = term[1];
  }
  return !(c >= 'A' && c <= 'Z');
}

namespace {

// The terms of query that count for a paper: not those of an excluded part (NOT, -word), which
// would otherwise boost and highlight what the user asked to leave out.
void wanted_terms(const Xapian::Query& query, std::set<std::string>& out) {
  if (query.get_type() == Xapian::Query::LEAF_TERM) {
    for (auto it = query.get_terms_begin(); it != query.get_terms_end(); ++it) out.insert(*it);
    return;
  }
  const std::size_t n = query.get_type() == Xapian::Query::OP_AND_NOT
                            ? std::min<std::size_t>(1, query.get_num_subqueries())
                            : query.get_num_subqueries();
  for (std::size_t i = 0; i < n; ++i) wanted_terms(query.get_subquery(i), out);
}

// The window of a NEAR or ADJ query: Xapian 1.4 has no accessor for it, so it is read from the
// description, "(a@1 NEAR 11 b@2)"; 11 (NEAR/10, the default) when it cannot be.
unsigned window_of(const Xapian::Query& query, const char* op) {
  const std::string d = query.get_description();
  const std::string marker = std::string(" ") + op + " ";
  const std::size_t at = d.find(marker);
  if (at == std::string::npos) return 11;
  const unsigned long w = std::strtoul(d.c_str() + at + marker.size(), nullptr, 10);
  return w > 0 && w < 1000 ? static_cast<unsigned>(w) : 11;
}

// The body words and groups of query, as wanted_terms finds its terms.
void wanted_groups(const Xapian::Query& query, std::set<QueryGroup>& out) {
  const auto type = query.get_type();
  if (type == Xapian::Query::LEAF_TERM) {
    for (auto it = query.get_terms_begin(); it != query.get_terms_end(); ++it) {
      if (is_body_term(*it)) out.insert({{*it}});
    }
    return;
  }
  const std::size_t n = type == Xapian::Query::OP_AND_NOT
                            ? std::min<std::size_t>(1, query.get_num_subqueries())
                            : query.get_num_subqueries();
  if (type == Xapian::Query::OP_PHRASE || type == Xapian::Query::OP_NEAR) {
    QueryGroup group;
    if (type == Xapian::Query::OP_NEAR) {
      group.window = window_of(query, "NEAR");
      group.ordered = false;
    }
    for (std::size_t i = 0; i < n; ++i) {
      const Xapian::Query word = query.get_subquery(i);
      if (word.get_type() != Xapian::Query::LEAF_TERM) break;
      const std::string term = *word.get_terms_begin();
      if (!is_body_term(term)) break;
      group.terms.push_back(term);
    }
    if (group.terms.size() == n) {
      // ADJ is a phrase with a window: "(a@1 PHRASE 11 b@2)" (a phrase's window is its length).
      if (type == Xapian::Query::OP_PHRASE && window_of(query, "PHRASE") > n) {
        group.window = window_of(query, "PHRASE");
      }
      out.insert(group);
      return;
    }
  }
  for (std::size_t i = 0; i < n; ++i) wanted_groups(query.get_subquery(i), out);
}

}  // namespace

std::vector<QueryGroup> body_groups(const Xapian::Query& query) {
  std::set<QueryGroup> groups;
  wanted_groups(query, groups);
  return {groups.begin(), groups.end()};
}

std::vector<std::string> body_terms(const Xapian::Query& query) {
  std::set<std::string> wanted;
  wanted_terms(query, wanted);
  std::vector<std::string> out;
  for (const std::string& term : wanted) {
    if (is_body_term(term)) out.push_back(term);
  }
  return out;
}

}  // namespace paper::query
