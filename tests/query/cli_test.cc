// The paper-search command line: in process for messages and output, and the built binary for
// exit codes and the JSON shape.
#include "query/cli.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/error.h"
#include "common/schema.h"
#include "query/render.h"
#include "tests/query/sample_papers.h"
#include "tests/query/test_index.h"
#include "tests/support/pdf_writer.h"
#include "tests/support/temp_dir.h"

namespace paper::query {
namespace {

using ::testing::ElementsAre;
using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::StartsWith;

struct Outcome {
  int code = -1;
  std::string out;
  std::string err;
};

Outcome run(const std::vector<std::string>& args, const std::string& env_db = "") {
  std::ostringstream out, err;
  Outcome r;
  r.code = run_paper_search(args, out, err, false, env_db);
  r.out = out.str();
  r.err = err.str();
  return r;
}

// Runs the built binary (in the folder cwd when given, without $PAPER_INDEX_DB); stdout captured,
// stderr to a file.
Outcome run_binary(const std::string& args, const testing::TempDir& dir,
                   const std::string& cwd = "") {
  std::string command = (cwd.empty() ? "" : "cd '" + cwd + "' && env -u PAPER_INDEX_DB ") +
                        std::string(PAPER_SEARCH_BINARY) + " " + args + " 2>" + dir.file("err");
  Outcome r;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return r;
  std::array<char, 4096> buf;
  std::size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) r.out.append(buf.data(), n);
  int status = pclose(pipe);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  FILE* err = fopen(dir.file("err").c_str(), "r");
  if (err) {
    while ((n = fread(buf.data(), 1, buf.size(), err)) > 0) r.err.append(buf.data(), n);
    fclose(err);
  }
  return r;
}

class QueryCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.file("index");
    testing::build_index(db_, testing::sample_papers(), testing::repository_synonyms());
  }
  testing::TempDir dir_;
  std::string db_;
};

TEST_F(QueryCliTest, TextOutputShowsRankPagesSnippetsAndLinks) {
  Outcome r = run({"--db", db_, "superpixel"});
  EXPECT_EQ(r.code, kExitOk);
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out,
            "1 paper matched \"superpixel\"\n"
            "  year: 2021 (1)\n"
            "  venue: NeurIPS (1)\n"
            "  section: Semi-supervised (1)\n"
            "\n"
            "1. Learning from Unlabelled Scans with Consistency\n"
            "   Krishna Chaitanya, Ender Konukoglu · NeurIPS 2021 · Semi-supervised\n"
            "   id: contrastive-semi · score 2.000\n"
            "   p. 2: A contrastive loss over «superpixel» graphs pulls neighbouring regions "
            "together. Each «superpixel» is a node.\n"
            "         https://example.org/contrastive-semi.pdf#page=2\n");
}

TEST_F(QueryCliTest, PagesOptionSetsHowManyPagesEachResultShows) {
  // Two papers have both words in their pages (unet, nested-unet: three pages in all).
  auto page_lines = [](const std::string& out) {
    std::size_t n = 0;
    for (std::size_t at = out.find("   p. "); at != std::string::npos;
         at = out.find("   p. ", at + 1)) {
      ++n;
    }
    return n;
  };
  Outcome three = run({"--db", db_, "encoder decoder"});
  Outcome one = run({"--db", db_, "--pages", "1", "encoder decoder"});
  Outcome none = run({"--db", db_, "--pages=0", "encoder decoder"});
  ASSERT_EQ(three.code, kExitOk);
  ASSERT_EQ(one.code, kExitOk);
  ASSERT_EQ(none.code, kExitOk);
  EXPECT_GT(page_lines(three.out), page_lines(one.out));
  EXPECT_EQ(page_lines(one.out), 2u);  // one page for each of the two papers with body text
  EXPECT_EQ(page_lines(none.out), 0u);
  EXPECT_THAT(none.out, HasSubstr("1. "));
  Outcome bad = run({"--db", db_, "--pages", "11", "unet"});
  EXPECT_EQ(bad.code, kExitUsage);
  EXPECT_EQ(bad.err, "paper-search: error: --pages takes a whole number from 0 to 10, not '11'\n");
}

TEST_F(QueryCliTest, MetadataOnlyPapersAreMarked) {
  Outcome r = run({"--db", db_, "promptable"});
  EXPECT_THAT(r.out, HasSubstr("1. Segment Anything in Medical Images  [metadata only]\n"));
  // Its own paper link is shown, not the suspect link that failed.
  EXPECT_THAT(r.out, HasSubstr("   https://publisher.example.org/sam-med\n"));
  EXPECT_THAT(r.out, Not(HasSubstr("2308.16150")));
}

TEST_F(QueryCliTest, NoResultsIsNotAnError) {
  Outcome r = run({"--db", db_, "superpixle"});
  EXPECT_EQ(r.code, kExitOk);
  EXPECT_EQ(r.out, "no papers matched \"superpixle\"\ndid you mean: superpixel?\n");
}

TEST_F(QueryCliTest, AnOptionValueThatLooksLikeHelpIsAValue) {
  Outcome r = run({"related", "--db", db_, "--text", "--help"});
  EXPECT_EQ(r.out.find("usage:"), std::string::npos) << r.out;
  EXPECT_EQ(r.code, kExitUsage);  // "help" is no distinctive word of the papers
  r = run({"--db", db_, "--help"});
  EXPECT_EQ(r.code, kExitOk);
  EXPECT_EQ(r.out.rfind("usage: paper-search", 0), 0u);
}

TEST_F(QueryCliTest, LimitZeroGivesTheCountAndFacetsOnly) {
  Outcome r = run({"--db", db_, "--limit", "0", "segmentation"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("8 papers matched \"segmentation\"\n  year: "));
  EXPECT_EQ(r.out.find("1. "), std::string::npos) << r.out;
  r = run({"--db", db_, "--json", "--limit", "0", "segmentation"});
  EXPECT_EQ(nlohmann::json::parse(r.out)["total"], 8);
  EXPECT_TRUE(nlohmann::json::parse(r.out)["results"].empty());
}

TEST_F(QueryCliTest, AnOffsetPastTheLastResultSaysSo) {
  Outcome r = run({"--db", db_, "--offset", "8", "segmentation"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("(no results from rank 9 on: the last is rank 8; use a smaller "
                               "--offset)\n"));
  r = run({"--db", db_, "--offset", "7", "segmentation"});
  EXPECT_THAT(r.out, HasSubstr("\n8. "));
  EXPECT_EQ(r.out.find("no results from"), std::string::npos);
}

// 8 papers match "segmentation": a part of them ends with which ranks, and the next --offset.
TEST_F(QueryCliTest, APartOfTheMatchesSaysWhichRanksAndHowToPage) {
  Outcome r = run({"--db", db_, "--limit", "2", "--pages", "0", "segmentation"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("8 papers matched \"segmentation\"\n"));
  EXPECT_THAT(r.out, HasSubstr("\n2. "));
  EXPECT_THAT(r.out, EndsWith("\n\nshowing 1-2 of 8; next: --offset 2\n"));
  r = run({"--db", db_, "--limit", "2", "--offset", "2", "segmentation"});
  EXPECT_THAT(r.out, HasSubstr("\n3. "));
  EXPECT_THAT(r.out, EndsWith("\n\nshowing 3-4 of 8; next: --offset 4\n"));
  r = run({"--db", db_, "--limit", "1", "--offset", "4", "segmentation"});
  EXPECT_THAT(r.out, EndsWith("\n\nshowing 5 of 8; next: --offset 5\n"));
  // The last ones: no next page.
  r = run({"--db", db_, "--offset", "6", "segmentation"});
  EXPECT_THAT(r.out, EndsWith("\n\nshowing 7-8 of 8\n"));
  // Every match shown, the count only, or an offset past the end: no such line.
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--db", db_, "segmentation"},
        std::vector<std::string>{"--db", db_, "--limit", "0", "segmentation"},
        std::vector<std::string>{"--db", db_, "--offset", "8", "segmentation"}}) {
    r = run(args);
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out.find("showing "), std::string::npos) << r.out;
  }
  // JSON keeps its documented fields.
  r = run({"--db", db_, "--json", "--limit", "2", "--offset", "2", "segmentation"});
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(r.out);
  std::vector<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
  EXPECT_THAT(keys, ElementsAre("query", "total", "suggestion", "any_word", "results", "facets"));
  EXPECT_EQ(j["total"], 8);
  ASSERT_EQ(j["results"].size(), 2u);
  EXPECT_EQ(j["results"][0]["rank"], 3);
}

TEST_F(QueryCliTest, APhraseQueryIsShownInSingleQuotes) {
  Outcome r = run({"--db", db_, "\"superpixel\""});
  EXPECT_EQ(r.code, kExitOk);
  EXPECT_THAT(r.out, StartsWith("1 paper matched '\"superpixel\"'\n"));
  Outcome none = run({"--db", db_, "\"superpixle\""});
  EXPECT_THAT(none.out, StartsWith("no papers matched '\"superpixle\"'\n"));
}

TEST_F(QueryCliTest, AFailedWriteOfTheResultsIsAnError) {
  if (!std::filesystem::exists("/dev/full")) GTEST_SKIP() << "no /dev/full here";
  testing::TempDir dir;
  Outcome r = run_binary("--db " + db_ + " --json superpixel >/dev/full", dir);
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err,
            "paper-search: error: cannot write the results to standard output (No space left on "
            "device); check the disk or the command reading them\n");
}

TEST_F(QueryCliTest, TheQueryIsEchoedWithoutControlCharacters) {
  Outcome r = run({"--db", db_, "\x1b[2J\x1b[31msuperpixel"});
  EXPECT_EQ(r.code, kExitOk);
  EXPECT_EQ(r.out, "no papers matched \"[2J [31msuperpixel\"\n");
  Outcome also = run({"--db", db_, "superpixel\x1b]0;title\x07"});
  EXPECT_EQ(also.out.find('\x1b'), std::string::npos) << also.out;
  Outcome signs = run({"--db", db_, "\x1b\x07"});
  EXPECT_EQ(signs.code, kExitUsage);
  EXPECT_EQ(signs.err.find('\x1b'), std::string::npos) << signs.err;
}

// A query is cleaned as the pages were: text copied from a PDF finds what the index holds.
TEST_F(QueryCliTest, AQueryCopiedFromAPdfIsCleanedAsThePagesWere) {
  // U+FB01 (the "fi" ligature) and a decomposed accent.
  Outcome r = run({"--db", db_, "super\xEF\xAC\x81x  segmentation"});
  EXPECT_THAT(r.out, HasSubstr(" matched \"superfix segmentation\""));
  Outcome found = run({"--db", db_, "--json", "\xEF\xAC\x81ne-grained"});
  EXPECT_EQ(nlohmann::json::parse(found.out)["query"], "fine-grained");
  // "u" + U+0308 (combining diaeresis) is the "ü" the index holds.
  Outcome accent = run({"--db", db_, "--json", "author:Mu\xCC\x88ller"});
  auto j = nlohmann::json::parse(accent.out);
  EXPECT_EQ(j["query"], "author:M\xC3\xBCller");
  ASSERT_EQ(j["results"].size(), 1u);
  EXPECT_EQ(j["results"][0]["id"], "diffusion-seg");
}

TEST(QueryRender, APageWithoutAPassageSaysSo) {
  SearchResult r;
  r.query = "数学";
  r.total = 1;
  SearchHit h;
  h.rank = 1;
  h.paper.paper.id = "cjk-paper";
  h.paper.paper.title = "A Paper in Chinese";
  h.paper.state = schema::PaperState::kText;
  PageMatch shown;
  shown.page = 2;
  shown.snippet.parts = {{"before ", false}, {"word", true}};
  PageMatch unshown;
  unshown.page = 5;
  h.pages = {shown, unshown};
  r.hits.push_back(h);
  std::ostringstream out;
  print_search(out, r, TextStyle{});
  EXPECT_THAT(out.str(),
              HasSubstr("   p. 2: before «word»\n   p. 5 (matches; no passage to show)\n"));
}

// related of a paper without text says where its related papers come from.
TEST_F(QueryCliTest, RelatedOfAMetadataOnlyPaperSaysItHasNoText) {
  Outcome r = run({"related", "--db", db_, "sam-med"});
  EXPECT_EQ(r.code, kExitOk) << r.err;
  EXPECT_THAT(r.out, StartsWith("papers related to \"Segment Anything in Medical Images\" "
                                "(sam-med)\n"
                                "  no text indexed for this paper (metadata only: no open-access "
                                "PDF found); related papers are found from its title only\n"
                                "  distinctive terms: "));
  EXPECT_THAT(r.out, HasSubstr("\n1. "));
  Outcome text = run({"related", "--db", db_, "unet"});
  EXPECT_EQ(text.out.find("no text indexed"), std::string::npos) << text.out;
}

TEST(QueryRender, ShowGivesTheNoteOfAPaperWithText) {
  PaperDetails d;
  d.paper.paper.id = "long";
  d.paper.paper.title = "A Very Long Manual";
  d.paper.state = schema::PaperState::kText;
  d.paper.page_count = 20001;
  d.paper.reason = "only the first 5000 of 20001 pages are indexed (the extraction's page limit)";
  std::ostringstream out;
  print_details(out, d, TextStyle{});
  EXPECT_THAT(out.str(), HasSubstr("\n  state:    text (20001 pages): only the first 5000 of "
                                   "20001 pages are indexed (the extraction's page limit)\n"));
}

// References that a heading ends (an appendix after them) are shown as a span of pages; the
// JSON gives the end page (0: to the end of the paper).
TEST(QueryRender, ShowGivesWhereTheReferencesEnd) {
  PaperDetails d;
  d.paper.paper.id = "with-appendix";
  d.paper.state = schema::PaperState::kText;
  d.paper.references_page = 29;
  d.paper.references_end_page = 31;
  std::ostringstream out;
  print_details(out, d, TextStyle{});
  EXPECT_THAT(out.str(), HasSubstr("\n  refs:     pages 29-31 (then the body again)\n"));
  EXPECT_EQ(nlohmann::json::parse(details_json(d))["references_end_page"], 31);
  d.paper.references_end_page = 0;
  out.str("");
  print_details(out, d, TextStyle{});
  EXPECT_THAT(out.str(), HasSubstr("\n  refs:     from page 29\n"));
}

TEST(QueryRender, RelatedOfAMetadataOnlyPaperWithNoneSaysWhy) {
  RelatedResult r;
  r.source_id = "lonely";
  r.source_title = "Quantum Gravimetry Sketches";
  r.source_state = schema::PaperState::kMetadataOnly;
  r.source_reason = "PDF is password-protected";
  std::ostringstream out;
  print_related(out, r, TextStyle{});
  EXPECT_EQ(out.str(),
            "papers related to \"Quantum Gravimetry Sketches\" (lonely)\n"
            "  no text indexed for this paper (metadata only: PDF is password-protected); related "
            "papers are found from its title only\n"
            "no related papers found: each word of its title is in no other paper or in too "
            "many to tell related papers apart\n");
  // With distinctive words that no other paper has.
  r.source_terms = {"gravimetry"};
  out.str("");
  print_related(out, r, TextStyle{});
  EXPECT_THAT(out.str(),
              HasSubstr("no related papers found: no other paper has the distinctive words of its "
                        "title\n"));
  r.source_terms.clear();
  // Without a recorded reason.
  r.source_reason.clear();
  out.str("");
  print_related(out, r, TextStyle{});
  EXPECT_THAT(out.str(), HasSubstr("\n  no text indexed for this paper (metadata only); related "
                                   "papers are found from its title only\n"));
  // A paper with text and no neighbour: as before.
  r.source_state = schema::PaperState::kText;
  out.str("");
  print_related(out, r, TextStyle{});
  EXPECT_EQ(out.str(),
            "papers related to \"Quantum Gravimetry Sketches\" (lonely)\n"
            "no related papers found\n");
}

TEST_F(QueryCliTest, DatabaseFromTheEnvironment) {
  Outcome r = run({"superpixel"}, db_);
  EXPECT_EQ(r.code, kExitOk);
  EXPECT_THAT(r.out, StartsWith("1 paper matched"));
}

TEST_F(QueryCliTest, UsageErrors) {
  Outcome r = run({"--db", db_, "--limit", "x", "unet"});
  EXPECT_EQ(r.code, kExitUsage);
  EXPECT_EQ(r.err, "paper-search: error: --limit takes a whole number from 0 to 1000, not 'x'\n");
  r = run({"--db", db_, "--bogus", "unet"});
  EXPECT_EQ(r.code, kExitUsage);
  EXPECT_EQ(r.err,
            "paper-search: error: unknown option '--bogus'; run `paper-search --help` for the "
            "options\n");
  r = run({"--db", db_});
  EXPECT_EQ(r.code, kExitUsage);
  EXPECT_EQ(r.err,
            "paper-search: error: empty query; give words to search for, e.g. `paper-search unet "
            "segmentation`\n");
  r = run({"--db"});
  EXPECT_EQ(r.code, kExitUsage);
  EXPECT_EQ(r.err, "paper-search: error: option --db needs a value\n");
  r = run({"show", "--db", db_});
  EXPECT_EQ(r.code, kExitUsage);
  EXPECT_EQ(r.err, "paper-search: error: show needs a paper id\n");
  r = run({"related", "--db", db_, "unet", "--text", "abc"});
  EXPECT_EQ(r.code, kExitUsage);
  EXPECT_EQ(r.err, "paper-search: error: give either a paper id or --text, not both\n");
  r = run({"--db", db_, "--ranking", "magic", "unet"});
  EXPECT_EQ(r.code, kExitUsage);
  EXPECT_EQ(r.err,
            "paper-search: error: unknown ranking 'magic'; use combined, fields, whole, page, "
            "whole+page or title\n");
}

// A number too large is still a whole number: the error gives the range instead.
TEST_F(QueryCliTest, NumericOptionsStateTheirRange) {
  struct Case {
    std::vector<std::string> args;
    std::string err;
  };
  const std::vector<Case> cases{
      {{"--limit", "100000000000", "unet"},
       "--limit takes a whole number from 0 to 1000, not '100000000000'"},
      {{"--limit", "1001", "unet"}, "--limit takes a whole number from 0 to 1000, not '1001'"},
      {{"--limit=-1", "unet"}, "--limit takes a whole number from 0 to 1000, not '-1'"},
      {{"--limit", "", "unet"}, "--limit takes a whole number from 0 to 1000, not ''"},
      {{"--offset", "100000000000", "unet"},
       "--offset takes a whole number from 0 to 1000000, not '100000000000'"},
      {{"--offset", "1000001", "unet"},
       "--offset takes a whole number from 0 to 1000000, not '1000001'"},
      {{"--offset", "2.5", "unet"}, "--offset takes a whole number from 0 to 1000000, not '2.5'"},
      {{"--pages", "99999999999999999999999", "unet"},
       "--pages takes a whole number from 0 to 10, not '99999999999999999999999'"},
      {{"related", "--limit", "100000000000", "unet"},
       "--limit takes a whole number from 1 to 1000, not '100000000000'"},
      {{"related", "--limit", "00", "unet"},
       "--limit takes a whole number from 1 to 1000, not '00'"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> args{"--db", db_};
    args.insert(args.end(), c.args.begin(), c.args.end());
    Outcome r = run(args);
    EXPECT_EQ(r.code, kExitUsage) << c.err;
    EXPECT_EQ(r.err, "paper-search: error: " + c.err + "\n");
  }
  // The ends of the ranges are taken.
  EXPECT_EQ(run({"--db", db_, "--limit", "1000", "--offset", "1000000", "unet"}).code, kExitOk);
  EXPECT_EQ(run({"--db", db_, "--limit", "0010", "--pages", "10", "unet"}).code, kExitOk);
  EXPECT_EQ(run({"related", "--db", db_, "--limit", "1000", "unet"}).code, kExitOk);
}

// The suggested paper-index command builds the index paper-search was asked to read.
TEST_F(QueryCliTest, NoIndexSuggestsBuildingTheSameFolder) {
  const std::string missing = dir_.file("nothing");
  Outcome r = run({"--db", missing, "unet"});
  EXPECT_EQ(r.code, kExitFatal);
  EXPECT_EQ(r.err, "paper-search: error: no index at " + missing +
                       "; run `paper-index build --db " + missing + "` first\n");
  r = run({"unet"}, missing);  // $PAPER_INDEX_DB
  EXPECT_EQ(r.err, "paper-search: error: no index at " + missing +
                       "; run `paper-index build --db " + missing + "` first\n");
  r = run({"related", "--db=" + missing, "unet"});
  EXPECT_EQ(r.err, "paper-search: error: no index at " + missing +
                       "; run `paper-index build --db " + missing + "` first\n");
  // Quoted for the shell when it has a space or a quote.
  const std::string spaced = dir_.file("it's my index");
  r = run({"show", "--db", spaced, "unet"});
  EXPECT_EQ(r.err, "paper-search: error: no index at " + spaced +
                       "; run `paper-index build --db '" + dir_.file("it'\\''s my index") +
                       "'` first\n");
  // The default ./index: the command's own default.
  testing::TempDir empty;
  r = run_binary("unet", dir_, empty.path().string());
  EXPECT_EQ(r.code, kExitFatal);
  EXPECT_EQ(r.err, "paper-search: error: no index at ./index; run `paper-index build` first\n");
}

// An index of another schema is rebuilt where it is.
TEST_F(QueryCliTest, AnotherSchemaAsksToRebuildTheSameFolder) {
  {
    Xapian::WritableDatabase db(db_ + "/current", Xapian::DB_OPEN);
    db.set_metadata(schema::kMetaSchemaVersion, "3");
    db.commit();
  }
  Outcome r = run({"--db", db_, "unet"});
  EXPECT_EQ(r.code, kExitFatal);
  EXPECT_EQ(r.err, "paper-search: error: the index at " + db_ +
                       " has schema 3 but paper-search reads schemas 4 to " +
                       std::to_string(schema::kSchemaVersion) +
                       "; rebuild it with `paper-index build --db " + db_ + " --rebuild`\n");
}

TEST_F(QueryCliTest, SubcommandsAfterGlobalOptionsAndWordsAfterDoubleDash) {
  Outcome r = run({"--db", db_, "show", "unet"});
  EXPECT_EQ(r.code, kExitOk);
  EXPECT_THAT(r.out, StartsWith("U-Net: Convolutional Networks for Biomedical Image "
                                "Segmentation\n  id:       unet\n"));
  // Everything the JSON has: the PDF's hash and the inputs that name the paper too.
  EXPECT_THAT(r.out, HasSubstr("\n  SHA-256:  " + std::string(64, 'a') + "\n"));
  EXPECT_THAT(r.out, HasSubstr("\n  input:    data/test-list.md\n"));
  r = run({"--db", db_, "--", "show"});
  EXPECT_EQ(r.code, kExitOk);
  EXPECT_EQ(r.out, "no papers matched \"show\"\ndid you mean: shot?\n");
}

// A one-letter short option is a mistyped option, not the exclusion of a word (QA: "-v" listed
// every paper, "-l 3 table" excluded "l"); after "--" it is a query word.
TEST_F(QueryCliTest, ShortOptionsAreUsageErrors) {
  Outcome r = run({"--db", db_, "-v"});
  EXPECT_EQ(r.code, kExitUsage);
  EXPECT_EQ(r.err,
            "paper-search: error: unknown option '-v'; the options are long (--limit N, --version, "
            "...): run `paper-search --help`; to exclude the word 'v', write it after --: "
            "`paper-search -- QUERY -v`\n");
  EXPECT_EQ(run({"--db", db_, "-l", "3", "unet"}).code, kExitUsage);
  EXPECT_EQ(run({"--db", db_, "--", "unet", "-x"}).code, kExitOk);
  EXPECT_EQ(run({"--db", db_, "unet", "-xy"}).code, kExitOk);
}

// --db naming a file, a folder whose `current` link is broken, or a folder being built for the
// first time each get their own message, not "run paper-index build" (QA).
TEST_F(QueryCliTest, WhatDbNamesIsSaid) {
  testing::write_file(dir_.file("file"), "x");
  Outcome r = run({"--db", dir_.file("file"), "unet"});
  EXPECT_EQ(r.code, kExitFatal);
  EXPECT_EQ(r.err, "paper-search: error: " + dir_.file("file") +
                       " is a file, not an index folder; give the folder that `paper-index build "
                       "--db DIR` made\n");
  std::filesystem::create_directories(dir_.path() / "broken");
  std::filesystem::create_directory_symlink("db-9", dir_.path() / "broken" / "current");
  r = run({"--db", dir_.file("broken"), "unet"});
  EXPECT_EQ(r.err, "paper-search: error: the index at " + dir_.file("broken") +
                       " is damaged: its `current` link points to db-9, which is not a database; "
                       "rebuild it with `paper-index build --db " +
                       dir_.file("broken") + " --rebuild`\n");
  std::filesystem::create_directories(dir_.path() / "building");
  testing::write_file(dir_.file("building/lock"), std::to_string(::getpid()) + "\n");
  r = run({"--db", dir_.file("building"), "unet"});
  EXPECT_EQ(r.err, "paper-search: error: no index at " + dir_.file("building") + " yet: process " +
                       std::to_string(::getpid()) +
                       " is building it; search again once it has committed its first papers\n");
  testing::write_file(dir_.file("building/lock"), "");  // the writer ended
  r = run({"--db", dir_.file("building"), "unet"});
  EXPECT_EQ(r.err, "paper-search: error: no index at " + dir_.file("building") +
                       "; run `paper-index build --db " + dir_.file("building") + "` first\n");
}

// With --json a failed command still prints one JSON object on stdout (QA: stdout was empty), and
// the message on standard error as always.
TEST_F(QueryCliTest, JsonErrorsAreAnObjectOnStdout) {
  Outcome r = run({"--db", db_, "--json", "se*ion"});
  EXPECT_EQ(r.code, kExitUsage);
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["exit_code"], kExitUsage);
  EXPECT_EQ("paper-search: error: " + j["error"].get<std::string>() + "\n", r.err);
  r = run({"--db", dir_.file("missing"), "show", "--json", "unet"});
  EXPECT_EQ(r.code, kExitFatal);
  EXPECT_EQ(nlohmann::json::parse(r.out)["error"], "no index at " + dir_.file("missing") +
                                                       "; run `paper-index build --db " +
                                                       dir_.file("missing") + "` first");
  // Without --json (or with it after "--", as a query word) stdout stays empty.
  r = run({"--db", db_, "se*ion"});
  EXPECT_EQ(r.out, "");
  r = run({"--db", db_, "--", "--json", "se*ion"});
  EXPECT_EQ(r.out, "");
}

TEST_F(QueryCliTest, BinaryJsonShape) {
  Outcome r = run_binary("--db " + db_ + " --json --limit 2 segmentation", dir_);
  ASSERT_EQ(r.code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["query"], "segmentation");
  EXPECT_EQ(j["total"], 8);
  EXPECT_TRUE(j["suggestion"].is_null());
  ASSERT_EQ(j["results"].size(), 2u);
  for (const char* key : {"rank", "id", "title", "authors", "venue", "year", "section", "score",
                          "state", "pdf_url", "pages"}) {
    EXPECT_TRUE(j["results"][0].contains(key)) << key;
  }
  EXPECT_EQ(j["results"][0]["rank"], 1);
  EXPECT_TRUE(j["facets"]["year"].is_object());
  EXPECT_EQ(j["facets"]["venue"]["MICCAI"], 3);
  EXPECT_TRUE(j["facets"]["section"].is_object());
  const auto& pages = j["results"][0]["pages"];
  ASSERT_FALSE(pages.empty());
  EXPECT_TRUE(pages[0]["page"].is_number_integer());
  EXPECT_THAT(pages[0]["snippet"].get<std::string>(), HasSubstr("«segment"));
}

TEST_F(QueryCliTest, BinaryRelatedAndShowJson) {
  Outcome r = run_binary("related --db " + db_ + " --json unet", dir_);
  ASSERT_EQ(r.code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["source"]["id"], "unet");
  EXPECT_EQ(j["results"][0]["id"], "nested-unet");
  EXPECT_TRUE(j["results"][0]["shared_terms"].is_array());

  r = run_binary("show --db " + db_ + " --json sam-med", dir_);
  ASSERT_EQ(r.code, 0) << r.err;
  j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["id"], "sam-med");
  EXPECT_EQ(j["state"], "metadata");
  EXPECT_EQ(j["reason"], "no open-access PDF found");
  EXPECT_EQ(j["year"], 2024);
}

TEST_F(QueryCliTest, BinaryExitCodesAndMessages) {
  Outcome r = run_binary("--db " + dir_.file("nothing") + " unet", dir_);
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "paper-search: error: no index at " + dir_.file("nothing") +
                       "; run `paper-index build --db " + dir_.file("nothing") + "` first\n");
  r = run_binary("show --db " + db_ + " nested", dir_);
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err,
            "paper-search: error: no paper with id 'nested' in the index; did you mean: "
            "nested-unet?\n");
  r = run_binary("related --db " + db_ + " --limit 0 unet", dir_);
  EXPECT_EQ(r.code, 64);
  EXPECT_EQ(r.err, "paper-search: error: --limit takes a whole number from 1 to 1000, not '0'\n");
  r = run_binary("", dir_);
  EXPECT_EQ(r.code, 64);
  EXPECT_THAT(r.err, StartsWith("usage: paper-search"));
  r = run_binary("--help", dir_);
  EXPECT_EQ(r.code, 0);
  EXPECT_THAT(r.out, StartsWith("usage: paper-search"));
  r = run_binary("--version", dir_);
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, "paper-search 0.1.0\n");
}

}  // namespace
}  // namespace paper::query
