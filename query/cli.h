// The paper-search command line: parses arguments, runs the library, prints, maps outcomes to
// exit codes (common/error.h). main() only calls run_paper_search.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace paper::query {

// Runs `paper-search ARGS...` (args without the program name). Results go to out, diagnostics
// ("paper-search: error: ...") to err; colour only when terminal is true. env_db is the value of
// PAPER_INDEX_DB ("" when unset). Returns the exit code: 0 ok (also when nothing matched),
// 1 fatal (no index, unknown id, unreadable index), 64 bad command line or empty query.
int run_paper_search(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                     bool terminal, const std::string& env_db);

extern const char* const kUsage;

}  // namespace paper::query
