// paper-index check: the table, the JSON object, usage errors and the exit codes of the binary.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "indexer/commands.h"
#include "tests/support/temp_dir.h"

namespace paper {
namespace {

const std::string kSeed =
    std::string(PAPER_SOURCE_DIR) + "/data/awesome-medical-image-segmentation.md";

void write(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

struct CheckRun {
  int code;
  std::string out, err;
};

CheckRun check(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  int code = run_check(args, out, err);
  return {code, out.str(), err.str()};
}

// Exit status of the built paper-index binary, output discarded.
int binary_exit_code(const std::string& args) {
  std::string command = std::string(PAPER_INDEX_BINARY) + " " + args + " >/dev/null 2>&1";
  int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(CheckCommand, JsonOnTheSeedIsOneObjectWithTheCatalogue) {
  CheckRun r = check({"--json", kSeed});
  EXPECT_EQ(r.code, 2);
  nlohmann::json j = nlohmann::json::parse(r.out);  // throws if not exactly one JSON value
  ASSERT_TRUE(j.is_object());
  EXPECT_EQ(j.size(), 2u);
  ASSERT_EQ(j["papers"].size(), 21u);
  ASSERT_EQ(j["warnings"].size(), 7u);
  const auto& p = j["papers"][18];
  EXPECT_EQ(p["title"],
            "\xE2\x80\x98Squeeze & Excite\xE2\x80\x99 Guided Few-Shot Segmentation "
            "of Volumetric Images");
  EXPECT_EQ(p["id"], "squeeze-excite-guided-few-shot-segmentation-dc50cd0a");
  EXPECT_EQ(p["authors"][2], "Sebastian P\xC3\xB6lsterl");
  EXPECT_EQ(p["venue"], "MIA");
  EXPECT_EQ(p["year"], 2020);
  EXPECT_EQ(p["section"], "Few-Shot Learning");
  EXPECT_EQ(p["source"], kSeed + ":111");
  EXPECT_EQ(p["links"][1], nlohmann::json({{"label", "ArXiv"},
                                           {"url", "https://arxiv.org/abs/2308.16150"},
                                           {"host", "arxiv.org"},
                                           {"kind", "arxiv"},
                                           {"suspect", true}}));
  EXPECT_EQ(j["papers"][15]["year"], 2018);
  EXPECT_EQ(j["warnings"][0],
            nlohmann::json(
                {{"source", kSeed + ":37"},
                 {"message", "entry \"U-Net\" has no link; add a [Paper](url) or remove it"}}));
  EXPECT_EQ(r.err, "paper-index: 21 papers from 1 list, 7 warnings\n");
}

TEST(CheckCommand, JsonYearIsNullWhenUnknown) {
  testing::TempDir dir;
  write(dir.file("l.md"), "- [A Paper Without Year](https://arxiv.org/abs/2001.00001)\n");
  CheckRun r = check({dir.file("l.md"), "--json"});
  EXPECT_EQ(r.code, 0);
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_TRUE(j["papers"][0]["year"].is_null());
  EXPECT_EQ(j["papers"][0]["source"], dir.file("l.md") + ":1");
  EXPECT_TRUE(j["warnings"].empty());
}

TEST(CheckCommand, TableOnStdoutWarningsOnStderr) {
  testing::TempDir dir;
  std::string list = dir.file("l.md");
  write(list,
        "## Surveys\n- [A Survey of Segmentation](https://arxiv.org/abs/2001.00001) "
        "[[code](https://github.com/a/b)] [MIA 2020]\n**Placeholder** \\\n[[Paper]()]\n");
  CheckRun r = check({list});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out,
            "ID" + std::string(33, ' ') + "YEAR  VENUE  SECTION  LINKS       SOURCE" +
                std::string(list.size() + 2 - 6 + 2, ' ') + "TITLE\n" +
                "a-survey-of-segmentation-7833c88a  2020  MIA    Surveys  arxiv,code  " + list +
                ":2  A Survey of Segmentation\n\nLINKS: kinds of each link in order (arxiv, pdf, "
                "landing, code, other); '!' marks a suspect link.\n");
  EXPECT_EQ(r.err, "paper-index: warning: " + list +
                       ":3: entry \"Placeholder\" has no link; add a [Paper](url) or remove it\n"
                       "paper-index: 1 paper from 1 list, 1 warning\n");
}

TEST(CheckCommand, SkippedEntriesAreWarningsAndExitTwo) {
  testing::TempDir dir;
  std::string list = dir.file("l.md");
  write(list,
        "## L\n\n- **Good Paper** [[Paper](https://arxiv.org/abs/2001.00001)]\n"
        "- **Typo Paper** [[Paper](htps://arxiv.org/abs/2001.00002)]\n");
  CheckRun r = check({list});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "paper-index: warning: " + list +
                       ":4: entry \"Typo Paper\" skipped: link \"htps://arxiv.org/abs/2001.00002\" "
                       "has the scheme \"htps:\", a typo of \"https:\" (only http(s) links are "
                       "fetched); write https://arxiv.org/abs/2001.00002\n"
                       "paper-index: 1 paper from 1 list, 1 warning\n");
  EXPECT_EQ(binary_exit_code("check " + list), 2);
}

TEST(CheckCommand, NothingUsableIsFatal) {
  testing::TempDir dir;
  CheckRun r = check({dir.file("missing.md")});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "ID  YEAR  VENUE  SECTION  LINKS  SOURCE  TITLE\n");
  EXPECT_EQ(r.err, "paper-index: warning: " + dir.file("missing.md") +
                       ": cannot open list: No such file or directory; check the path\n"
                       "paper-index: 0 papers from 1 list, 1 warning\n"
                       "paper-index: error: no papers found in the given lists; fix the lists "
                       "named in the warnings\n");
}

TEST(CheckCommand, UsageErrors) {
  CheckRun none = check({});
  EXPECT_EQ(none.code, 64);
  EXPECT_EQ(none.err,
            "paper-index: error: check needs at least one LIST; run `paper-index check --help`\n");
  CheckRun bad = check({"--jsn", "x.md"});
  EXPECT_EQ(bad.code, 64);
  EXPECT_EQ(bad.err,
            "paper-index: error: unknown option '--jsn' for check; run `paper-index check "
            "--help`\n");
  CheckRun help = check({"--help"});
  EXPECT_EQ(help.code, 0);
  EXPECT_EQ(help.out.rfind("usage: paper-index check [--json] LIST...\n", 0), 0u);
}

TEST(CheckCommand, BinaryExitCodes) {
  testing::TempDir dir;
  write(dir.file("clean.md"), "- [A Clean Paper Entry](https://arxiv.org/abs/2001.00001)\n");
  write(dir.file("bin.md"), std::string("a\0b", 3));
  EXPECT_EQ(binary_exit_code("check " + dir.file("clean.md")), 0);
  EXPECT_EQ(binary_exit_code("check --json " + kSeed), 2);
  EXPECT_EQ(binary_exit_code("check " + dir.file("clean.md") + " " + dir.file("missing.md")), 2);
  EXPECT_EQ(binary_exit_code("check " + dir.file("missing.md")), 1);
  EXPECT_EQ(binary_exit_code("check " + dir.file("bin.md")), 1);
  EXPECT_EQ(binary_exit_code("check " + dir.path().string()), 1);
  EXPECT_EQ(binary_exit_code("check"), 64);
  EXPECT_EQ(binary_exit_code("check --help"), 0);
}

}  // namespace
}  // namespace paper
