// parse_lists on real files, and every kind of bad input.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <random>

#include "indexer/catalogue/catalogue.h"
#include "tests/indexer/catalogue/expected_warning.h"
#include "tests/support/temp_dir.h"

namespace paper {
namespace {

using testing::warning_at;

void write(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

constexpr const char* kGoodList =
    "## Surveys\n**A Good Survey Title** \\\n*Ann Author, and Bob Builder* <br>\n"
    "[MIA, 2023] [[Paper](https://arxiv.org/abs/2301.00001)]\n";

TEST(CatalogueFiles, ReadsSeveralListsAndMergesAcrossThem) {
  testing::TempDir dir;
  write(dir.file("a.md"), kGoodList);
  write(dir.file("b.md"),
        "- [Another Paper Title](https://arxiv.org/abs/2301.00002)\n"
        "- [A good survey title](https://github.com/ann/survey)\n");
  Catalogue c = parse_lists({dir.file("a.md"), dir.file("b.md")});
  ASSERT_EQ(c.papers.size(), 2u);
  EXPECT_EQ(c.papers[0].links.size(), 2u);
  EXPECT_EQ(c.occurrences[0],
            (std::vector<SourceLocation>{{dir.file("a.md"), 2}, {dir.file("b.md"), 2}}));
  ASSERT_EQ(c.warnings.size(), 1u);
  EXPECT_EQ(c.warnings[0].source, (SourceLocation{dir.file("b.md"), 2}));
}

TEST(CatalogueFiles, MissingFile) {
  testing::TempDir dir;
  Catalogue c = parse_lists({dir.file("nope.md")});
  EXPECT_EQ(c.unreadable_lists, 1);
  EXPECT_EQ(
      c.warnings,
      (std::vector<Diagnostic>{warning_at(
          dir.file("nope.md"), 0, "cannot open list: No such file or directory; check the path")}));
}

TEST(CatalogueFiles, UnreadableFile) {
  if (geteuid() == 0) GTEST_SKIP() << "root reads every file";
  testing::TempDir dir;
  write(dir.file("secret.md"), kGoodList);
  chmod(dir.file("secret.md").c_str(), 0);
  Catalogue c = parse_lists({dir.file("secret.md")});
  EXPECT_EQ(c.unreadable_lists, 1);
  EXPECT_EQ(c.warnings, (std::vector<Diagnostic>{warning_at(
                            dir.file("secret.md"), 0,
                            "cannot open list: Permission denied; check the file's permissions")}));
}

TEST(CatalogueFiles, Directory) {
  testing::TempDir dir;
  Catalogue c = parse_lists({dir.path().string()});
  EXPECT_EQ(c.unreadable_lists, 1);
  EXPECT_EQ(c.warnings,
            (std::vector<Diagnostic>{
                warning_at(dir.path().string(), 0,
                           "is a directory, not a list; name the Markdown list files inside it")}));
}

TEST(CatalogueFiles, BinaryFile) {
  testing::TempDir dir;
  write(dir.file("x.pdf"), std::string("%PDF-1.4\n1 0 obj\n\0\x01\x02", 20));
  Catalogue c = parse_lists({dir.file("x.pdf")});
  EXPECT_EQ(c.unreadable_lists, 1);
  EXPECT_TRUE(c.papers.empty());
  EXPECT_EQ(c.warnings,
            (std::vector<Diagnostic>{warning_at(
                dir.file("x.pdf"), 3,
                "binary data (NUL byte at byte offset 17), not a Markdown list; skipped")}));
}

TEST(CatalogueFiles, InvalidUtf8NamesLineAndOffsetAndReadsTheRest) {
  testing::TempDir dir;
  write(dir.file("latin1.md"),
        "## Papers\n- [Segmentation for Caf\xE9 Owners](https://arxiv.org/abs/2001.00003)\n");
  Catalogue c = parse_lists({dir.file("latin1.md")});
  EXPECT_EQ(c.unreadable_lists, 0);
  ASSERT_EQ(c.papers.size(), 1u);
  EXPECT_EQ(c.papers[0].title, "Segmentation for Caf\xC3\xA9 Owners");
  EXPECT_EQ(c.warnings,
            (std::vector<Diagnostic>{warning_at(dir.file("latin1.md"), 2,
                                                "invalid UTF-8 at byte offset 33; read those bytes "
                                                "as Windows-1252, save the list as UTF-8")}));
}

TEST(CatalogueFiles, EmptyFile) {
  testing::TempDir dir;
  write(dir.file("empty.md"), "");
  write(dir.file("blank.md"), "\n  \n\t\n");
  Catalogue c = parse_lists({dir.file("empty.md"), dir.file("blank.md")});
  EXPECT_EQ(c.unreadable_lists, 0);
  EXPECT_EQ(
      c.warnings,
      (std::vector<Diagnostic>{
          warning_at(dir.file("empty.md"), 0, "list is empty; add paper entries or leave it out"),
          warning_at(dir.file("blank.md"), 0,
                     "list is empty; add paper entries or leave it out")}));
}

TEST(CatalogueFiles, NoRecognisableEntry) {
  testing::TempDir dir;
  write(dir.file("prose.md"), "# Notes\n\nJust some prose about segmentation.\n");
  Catalogue c = parse_lists({dir.file("prose.md")});
  EXPECT_TRUE(c.papers.empty());
  EXPECT_EQ(c.warnings,
            (std::vector<Diagnostic>{warning_at(
                dir.file("prose.md"), 0,
                "no paper entries found; write entries as \"**Title**\" lines with [Paper](url) "
                "links, \"- [Title](url)\" bullets or a table with a Title column")}));
}

TEST(CatalogueFiles, TenMegabyteSingleLine) {
  testing::TempDir dir;
  std::string line(10 * 1024 * 1024, 'a');
  for (std::size_t i = 0; i < line.size(); i += 7) line[i] = "[(*<_`|"[i % 7];
  write(dir.file("huge.md"), line);
  Catalogue c = parse_lists({dir.file("huge.md")});
  EXPECT_TRUE(c.papers.empty());
  EXPECT_EQ(
      c.warnings,
      (std::vector<Diagnostic>{
          warning_at(dir.file("huge.md"), 1,
                     "line is 10485760 bytes long, over the 65536-byte limit for a list line; "
                     "skipped, split it into lines"),
          warning_at(
              dir.file("huge.md"), 0,
              "no paper entries found; write entries as \"**Title**\" lines with [Paper](url) "
              "links, \"- [Title](url)\" bullets or a table with a Title column")}));
}

TEST(CatalogueFiles, LongButAllowedHostileLinesStayFast) {
  // Just under the line limit, built to defeat backtracking parsers; the whole test must run in
  // well under a second.
  std::string text;
  for (std::string unit : {"[", "(", "<", "**", "*", "[a](", "](", "|", "_", "&#", "http://", "***",
                           "_a ", "<br", "[T T](https://arxiv.org/abs/1) "}) {
    // A list item, a paragraph, a heading and an HTML item are read by different paths.
    for (std::string line : {"- ", "", "### ", "<li>"}) {
      while (line.size() + unit.size() < 60000) line += unit;
      text += line + "\n\n";
    }
  }
  Catalogue c = parse_list_text(text, "hostile.md");
  EXPECT_TRUE(c.papers.empty() || !c.papers[0].links.empty());
}

TEST(CatalogueFiles, SkippedFileDoesNotStopTheOthers) {
  testing::TempDir dir;
  write(dir.file("good.md"), kGoodList);
  Catalogue c = parse_lists({dir.file("missing.md"), dir.file("good.md")});
  EXPECT_EQ(c.unreadable_lists, 1);
  ASSERT_EQ(c.papers.size(), 1u);
  EXPECT_EQ(c.papers[0].title, "A Good Survey Title");
  EXPECT_EQ(c.papers[0].authors, (std::vector<std::string>{"Ann Author", "Bob Builder"}));
}

}  // namespace
}  // namespace paper
