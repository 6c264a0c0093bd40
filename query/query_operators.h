// The operators of the query syntax (NOT and -word, NEAR and ADJ, parentheses) where Xapian's
// parser would take them otherwise than the user meant, without a word. Internal to the query
// library.
#pragma once

#include <optional>
#include <string>

namespace paper::query {

// "-a -b" (only excluded words, phrases or fields) as "NOT (a OR b)", or nullopt for any other
// query. Xapian's parser takes a query of excluded terms alone as plain terms, which would find
// exactly the papers the user excluded; FLAG_PURE_NOT gives NOT its meaning.
std::optional<std::string> only_exclusions(const std::string& text);

// Throws the usage error for a NEAR or ADJ next to a phrase or a compound ("U-Net", "PDF/A"):
// Xapian joins single words only, and otherwise reads the operator as a word, or finds papers
// with any of the words.
void check_proximity_operands(const std::string& text);

// Throws the usage error for a '*' inside or at the start of a word ("se*ion", "*net"): Xapian
// expands a wildcard only at a word's end, and would split the word in two without a word.
void check_wildcard_positions(const std::string& text);

// Throws the usage error for a query that is not valid UTF-8 (a terminal in another encoding):
// Xapian would drop the bad bytes and search another word ("caf" for "caf\xE9").
void check_utf8(const std::string& text);

// True when Xapian's parser, which does not refuse them, would read a query's operators as plain
// words: a ')' that closes nothing (outside quotes), or NEAR / ADJ next to a parenthesis (they
// take words, not groups).
bool syntax_read_as_words(const std::string& text);

}  // namespace paper::query
