// libFuzzer target: parse_list_text must survive any bytes and keep its invariants.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "indexer/catalogue/catalogue.h"
#include "tests/fuzz/catalogue_invariants.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  paper::Catalogue catalogue = paper::parse_list_text(text, "fuzz.md");
  std::string broken = paper::fuzzing::check_invariants(catalogue);
  if (!broken.empty()) {
    std::fprintf(stderr, "invariant broken: %s\n", broken.c_str());
    std::abort();
  }
  return 0;
}
