// paper-search: ranked full-text search over the papers indexed by paper-index.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "query/cli.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  const char* env_db = std::getenv("PAPER_INDEX_DB");
  // NO_COLOR: set and not empty (no-color.org); a terminal that declares itself dumb has no
  // escape codes either.
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  const bool terminal = isatty(STDOUT_FILENO) && (no_color == nullptr || *no_color == '\0') &&
                        (term == nullptr || std::strcmp(term, "dumb") != 0);
  int code =
      paper::query::run_paper_search(args, std::cout, std::cerr, terminal, env_db ? env_db : "");
  // A full disk or a closed pipe must not pass for a search that printed its results.
  std::cout.flush();
  if (!std::cout || std::fflush(stdout) != 0 || std::ferror(stdout)) {
    std::cerr << "paper-search: error: cannot write the results to standard output ("
              << std::strerror(errno) << "); check the disk or the command reading them\n";
    if (code == 0) code = 1;
  }
  return code;
}
