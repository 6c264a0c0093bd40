// Spelling suggestions for a query, from the index's spelling data. Internal to the query
// library.
#pragma once

#include <xapian.h>

#include <string>

namespace paper::query {

// A better-spelled version of text from db's spelling data, or "" when none: only the words that
// no paper, synonym or spelling entry has are replaced. stem and stopper are the query parser's
// (stopper is not owned).
std::string suggest_spelling(const Xapian::Database& db, const Xapian::Stem& stem,
                             Xapian::Stopper* stopper, const std::string& text);

}  // namespace paper::query
