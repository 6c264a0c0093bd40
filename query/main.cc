// paper-search: ranked full-text search over the papers indexed by paper-index.
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "query/cli.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  const char* env_db = std::getenv("PAPER_INDEX_DB");
  const bool terminal = isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr;
  return paper::query::run_paper_search(args, std::cout, std::cerr, terminal, env_db ? env_db : "");
}
