// The English stopword list used by the query parser and for picking distinctive terms.
#pragma once

#include <string_view>

namespace paper::query {

// True for common English function words ("the", "of", "with", ...). Input is lower-case.
bool is_stopword(std::string_view word);

}  // namespace paper::query
