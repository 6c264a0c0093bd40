// paper-index: reads paper lists, fetches and extracts the PDFs, builds the search index.
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "common/error.h"
#include "common/version.h"
#include "indexer/commands.h"
#include "indexer/extract/extractor.h"

namespace {

constexpr const char* kUsage = R"(usage: paper-index COMMAND [OPTIONS] [ARGS]

Commands:
  build [--db DIR] [--rebuild] [--retry] [--jobs N] [--quiet] [--batch-size N]
        [--synonyms FILE] [--discover] [PATH...]
                 index paper lists (Markdown), PDF files or folders of PDFs; with no PATH,
                 the lists in data/. Incremental unless --rebuild. See `build --help`.
  check [--json] LIST...
                 parse paper lists and print the catalogue and its warnings
  status [--db DIR] [--json]
                 show every paper's state: indexed with text, metadata only, failed, pending

Options:
  --help         show this help (also: paper-index COMMAND --help)
  --version      show the version

Exit codes:
  0    success
  1    fatal error (the message says what to do)
  2    finished, but some inputs or papers were skipped (see the warnings)
  64   bad command line
  130  interrupted (what was complete is committed)
)";

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 2 && std::strcmp(argv[1], "__extract-worker") == 0) {
    return paper::run_extract_worker(argc - 1, argv + 1);
  }
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::cerr << kUsage;
    return paper::kExitUsage;
  }
  const std::string command = args.front();
  args.erase(args.begin());
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kUsage;
    return paper::kExitOk;
  }
  if (command == "--version") {
    std::cout << "paper-index " << paper::kVersion << "\n";
    return paper::kExitOk;
  }
  try {
    if (command == "check") return paper::run_check(args, std::cout, std::cerr);
    if (command == "build") return paper::run_build(args, std::cout, std::cerr);
    if (command == "status") return paper::run_status(args, std::cout, std::cerr);
  } catch (const paper::Error& e) {
    std::cerr << "paper-index: error: " << e.what() << "\n";
    return e.exit_code();
  } catch (const std::exception& e) {
    std::cerr << "paper-index: error: " << e.what() << "\n";
    return paper::kExitFatal;
  }
  std::cerr << "paper-index: error: unknown command '" << command
            << "'; run `paper-index --help` for the list of commands\n";
  return paper::kExitUsage;
}
