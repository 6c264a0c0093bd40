// Fatal run errors and the documented exit codes.
#pragma once

#include <stdexcept>
#include <string>

namespace paper {

// Exit codes shared by paper-index and paper-search (documented in README.md).
enum ExitCode : int {
  kExitOk = 0,
  kExitFatal = 1,    // the run could not do its job (bad arguments, unreadable index, ...)
  kExitPartial = 2,  // finished, but some inputs or papers were skipped (see the warnings)
  kExitUsage = 64,   // bad command line
  kExitInterrupted = 130,
};

// A failure of the whole run. The message is complete and user-facing: it names the
// subject and says what to do; main() prints "<program>: error: <message>".
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message, int exit_code = kExitFatal)
      : std::runtime_error(message), exit_code_(exit_code) {}
  int exit_code() const { return exit_code_; }

 private:
  int exit_code_;
};

}  // namespace paper
