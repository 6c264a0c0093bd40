// Replays the fuzz corpus (tests/fuzz/corpus: crashes and hangs the fuzzer once found) and a
// fixed-seed stream of random and mutated inputs, so CI covers the fuzz target without clang.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <vector>

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
  // Pieces of list syntax (so the inputs reach deep into the parser) mixed with arbitrary bytes.
  const std::vector<std::string> pieces = {"[",
                                           "]",
                                           "(",
                                           ")",
                                           "](",
                                           "**",
                                           "*",
                                           "_",
                                           "__",
                                           "`",
                                           "\\",
                                           "<",
                                           ">",
                                           "<br>",
                                           "<!--",
                                           "-->",
                                           "```",
                                           "|",
                                           "|---|",
                                           "| Title | Year |",
                                           "#",
                                           "## ",
                                           "\n",
                                           "\n\n",
                                           "  ",
                                           "- ",
                                           "1. ",
                                           ", ",
                                           " and ",
                                           " - ",
                                           " \xE2\x80\x93 ",
                                           ". ",
                                           "et al.",
                                           "\"",
                                           "'24",
                                           "\xE2\x80\x99",
                                           "\xC3\xB6",
                                           "\xE2\x88\x9A\xE2\x88\x82",
                                           "\xEF\xA3\xBF",
                                           "2020",
                                           "1018",
                                           "MICCAI",
                                           "CVPR",
                                           "Title Words",
                                           "https://arxiv.org/abs/2001.00001",
                                           "https://github.com/a/b/",
                                           "https://doi.org/10.1000/x",
                                           "https://openaccess.thecvf.com/content_cvpr_2018/p.pdf",
                                           "&amp;",
                                           "&#x1F50D;",
                                           "(2021)"};
  for (int i = 0; i < 600; ++i) {
    std::size_t count = rng() % 120;
    std::string input;
    for (std::size_t k = 0; k < count; ++k) {
      if (rng() % 8 == 0) {
        input += static_cast<char>(rng() % 256);
      } else {
        input += pieces[rng() % pieces.size()];
      }
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
