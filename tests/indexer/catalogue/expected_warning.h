// Shared by the catalogue tests: the warnings they expect of a list. Built by a function, not as
// braced Diagnostic temporaries inside EXPECT_EQ, of which GCC 12 at -O3 takes the strings for
// uninitialized (a false -Wmaybe-uninitialized in libstdc++).
#pragma once

#include <string>
#include <utility>

#include "common/paper.h"

namespace paper::testing {

// The warning expected at file:line (line 0: about the whole file).
inline Diagnostic warning_at(std::string file, int line, std::string message) {
  return Diagnostic{SourceLocation{std::move(file), line}, std::move(message)};
}

}  // namespace paper::testing
