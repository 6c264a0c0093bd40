// Replays the fuzz corpus (tests/fuzz/corpus: crashes and hangs the fuzzer once found) and a
// fixed-seed stream of random and mutated inputs, so CI covers the fuzz target without clang.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "indexer/catalogue/catalogue.h"
#include "tests/fuzz/catalogue_invariants.h"

namespace paper {
namespace {

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void expect_invariants(const std::string& input, const std::string& name) {
  Catalogue c = parse_list_text(input, "fuzz.md");
  EXPECT_EQ(fuzzing::check_invariants(c), "") << name;
}

TEST(CatalogueFuzzReplay, Corpus) {
  auto dir = std::filesystem::path(PAPER_SOURCE_DIR) / "tests/fuzz/corpus";
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    ++files;
    expect_invariants(read(entry.path()), entry.path().filename().string());
  }
  EXPECT_GT(files, 0);
}

TEST(CatalogueFuzzReplay, RandomBytesFromAFixedSeed) {
  std::mt19937 rng(20261127);
  // Markdown-heavy alphabet plus arbitrary bytes.
  const std::string alphabet = "[]()*_-|#<>!`\\ \n\t:,.'0123456789abcAZ/h\xE2\x80\x99\xC3\xF0";
  for (int i = 0; i < 400; ++i) {
    std::size_t size = rng() % 600;
    std::string input;
    for (std::size_t k = 0; k < size; ++k) {
      input +=
          (rng() % 4 == 0) ? static_cast<char>(rng() % 256) : alphabet[rng() % alphabet.size()];
    }
    expect_invariants(input, "random input " + std::to_string(i));
  }
}

TEST(CatalogueFuzzReplay, MutationsOfTheSeedList) {
  const std::string seed =
      read(std::filesystem::path(PAPER_SOURCE_DIR) / "data/awesome-medical-image-segmentation.md");
  ASSERT_FALSE(seed.empty());
  std::mt19937 rng(7);
  for (int i = 0; i < 60; ++i) {
    std::string input = seed;
    int edits = 1 + static_cast<int>(rng() % 20);
    for (int e = 0; e < edits; ++e) {
      std::size_t at = rng() % input.size();
      switch (rng() % 4) {
        case 0:
          input[at] = static_cast<char>(rng() % 256);
          break;
        case 1:
          input.erase(at, rng() % 40);
          break;
        case 2:
          input.insert(at, input.substr(rng() % input.size(), rng() % 80));
          break;
        default:
          input.resize(at);
          break;
      }
      if (input.empty()) input = "x";
    }
    expect_invariants(input, "mutation " + std::to_string(i));
  }
}

}  // namespace
}  // namespace paper
