// What every part of the query parsing shares: the parser's flags, its configuration (stemming
// and stop words as the index has them), and which bytes a word is made of. Internal to the query
// library.
#pragma once

#include <xapian.h>

#include <cctype>
#include <string>

#include "query/stopwords.h"

namespace paper::query {

// The syntax every query is parsed with: AND/OR/NOT, "phrases", +word/-word, wildcards, and NOT
// alone.
inline constexpr unsigned kQueryParserFlags =
    Xapian::QueryParser::FLAG_BOOLEAN | Xapian::QueryParser::FLAG_PHRASE |
    Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
    Xapian::QueryParser::FLAG_PURE_NOT;

// The English stop words of query/stopwords.h, for Xapian's parser.
class Stopper : public Xapian::Stopper {
 public:
  bool operator()(const std::string& term) const override { return is_stopword(term); }
};

// Sets up qp to parse queries over db as the index was written (English stems, "Z" terms, at most
// 64 terms a wildcard). stopper is not owned and must outlive qp.
void configure_parser(Xapian::QueryParser& qp, const Xapian::Database& db,
                      Xapian::Stopper* stopper);

// True for a byte of a word in the query syntax: a letter, a digit, or a byte of a UTF-8
// character beyond ASCII.
inline bool is_word_byte(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

}  // namespace paper::query
