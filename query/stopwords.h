// The English stopword list used by the query parser and for picking distinctive terms.
#pragma once

#include <string_view>

namespace paper::query {

// True for common English function words ("the", "of", "with", ...). Input is lower-case.
bool is_stopword(std::string_view word);

// True for the English stem of a stop word ("doe" for "does"). Input is a stem.
bool is_stopword_stem(std::string_view stem);

}  // namespace paper::query
