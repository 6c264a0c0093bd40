// Runs the PDF extraction worker, as `paper-index __extract-worker` does.
#include <cstring>

#include "indexer/extract/extractor.h"

int main(int argc, char** argv) {
  if (argc >= 2 && std::strcmp(argv[1], "__extract-worker") == 0) {
    return paper::run_extract_worker(argc - 1, argv + 1);
  }
  return 64;
}
