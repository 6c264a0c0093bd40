// Placeholder until this module lands.
#include "indexer/extract/extractor.h"
namespace paper {
int run_extract_worker(int, char**) { return 1; }
}  // namespace paper
