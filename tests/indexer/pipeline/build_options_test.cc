#include "indexer/build_options.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "common/error.h"
#include "indexer/progress.h"

namespace paper {
namespace {

int parse(const std::vector<std::string>& args, BuildOptions& b, std::string& err) {
  std::ostringstream out, e;
  int rc = parse_build_options(args, b, out, e);
  err = e.str();
  return rc;
}

TEST(BuildOptions, ParsesEveryOption) {
  BuildOptions b;
  b.data_dir = "/nonexistent";
  std::string err;
  EXPECT_EQ(parse({"--db", "x", "--rebuild", "--retry", "--jobs", "3", "--quiet", "--batch-size",
                   "7", "--synonyms", "s.txt", "a.md", "--", "--odd.pdf"},
                  b, err),
            -1);
  EXPECT_EQ(b.db, "x");
  EXPECT_TRUE(b.rebuild);
  EXPECT_TRUE(b.retry);
  EXPECT_EQ(b.jobs, 3);
  EXPECT_TRUE(b.quiet);
  EXPECT_EQ(b.batch_size, 7);
  EXPECT_EQ(b.synonyms, "s.txt");
  EXPECT_EQ(b.paths, (std::vector<std::string>{"a.md", "--odd.pdf"}));
}

TEST(BuildOptions, AValueCanFollowAnEqualsSign) {
  BuildOptions b;
  b.data_dir = "/nonexistent";
  std::string err;
  EXPECT_EQ(parse({"--jobs=2", "--db=idx", "--synonyms=s.txt", "a.md", "--", "--x=y.pdf"}, b, err),
            -1);
  EXPECT_EQ(b.jobs, 2);
  EXPECT_EQ(b.db, "idx");
  EXPECT_EQ(b.synonyms, "s.txt");
  EXPECT_EQ(b.paths, (std::vector<std::string>{"a.md", "--x=y.pdf"}));
  EXPECT_EQ(parse({"--rebuild=yes"}, b, err), kExitUsage);
  EXPECT_NE(err.find("option --rebuild takes no value"), std::string::npos) << err;
  EXPECT_EQ(parse({"--jobs="}, b, err), kExitUsage);
}

TEST(BuildOptions, DefaultsAndEnvironment) {
  BuildOptions b;
  b.data_dir = "/nonexistent";
  std::string err;
  ::unsetenv("PAPER_INDEX_DB");
  EXPECT_EQ(parse({}, b, err), -1);
  EXPECT_EQ(b.db, "index");
  EXPECT_EQ(b.jobs, 0);
  EXPECT_EQ(b.synonyms, "");
  ::setenv("PAPER_INDEX_DB", "/tmp/elsewhere", 1);
  BuildOptions c;
  c.data_dir = "/nonexistent";
  EXPECT_EQ(parse({}, c, err), -1);
  EXPECT_EQ(c.db, "/tmp/elsewhere");
  ::unsetenv("PAPER_INDEX_DB");
}

TEST(BuildOptions, BadCommandLinesSayWhatToDo) {
  std::string err;
  BuildOptions b;
  EXPECT_EQ(parse({"--jobs", "0"}, b, err), kExitUsage);
  EXPECT_EQ(err,
            "paper-index: error: --jobs needs a number of at least 1, e.g. --jobs 4; run "
            "`paper-index build --help` for the options\n");
  EXPECT_EQ(parse({"--jobs", "20000"}, b, err), kExitUsage);
  EXPECT_EQ(err,
            "paper-index: error: --jobs must be at most 256; run `paper-index build --help` for "
            "the options\n");
  EXPECT_EQ(parse({"--jobs", "256"}, b, err), -1);
  EXPECT_EQ(parse({"--frobnicate"}, b, err), kExitUsage);
  EXPECT_EQ(err,
            "paper-index: error: unknown option '--frobnicate'; run `paper-index build --help` for "
            "the options\n");
  EXPECT_EQ(parse({"--db"}, b, err), kExitUsage);
  EXPECT_EQ(err,
            "paper-index: error: --db needs a folder; run `paper-index build --help` for the "
            "options\n");
}

TEST(BuildSummary, LinesAndExitCodes) {
  PipelineSummary s;
  s.text = 3;
  s.metadata = 2;
  s.unchanged = 1;
  s.documents = 6;
  s.reasons = {{"host arxiv.org could not be resolved", 2}};
  s.fetches = 2;
  s.unreachable_hosts = {"arxiv.org"};
  std::ostringstream out;
  print_summary(s, out);
  EXPECT_EQ(out.str(),
            "paper-index: indexed 3 papers with text, 2 from metadata only, 0 failed; 1 unchanged, "
            "0 removed (index: 6 papers)\n"
            "  2 papers: host arxiv.org could not be resolved\n"
            "paper-index: downloads were impossible: no host could be reached (1 host tried; is "
            "this machine offline?); the papers are searchable by their metadata; run `paper-index "
            "build --retry` when online\n");
  EXPECT_EQ(exit_code_for(s), kExitPartial);
  PipelineSummary ok;
  ok.text = 1;
  EXPECT_EQ(exit_code_for(ok), kExitOk);
  ok.list_warnings = 1;
  EXPECT_EQ(exit_code_for(ok), kExitPartial);
  ok.interrupted = true;
  EXPECT_EQ(exit_code_for(ok), kExitInterrupted);
}

TEST(BuildSummary, UnchangedPapersWithoutTextGetTheRightHint) {
  PipelineSummary s;
  s.unchanged = 5;
  s.still_metadata = 3;
  s.still_failed_files = 2;
  std::ostringstream out;
  print_summary(s, out);
  EXPECT_THAT(out.str(),
              ::testing::HasSubstr(
                  "paper-index: 1 unchanged paper is still indexed without text; `paper-index "
                  "build --retry` tries them again\n"
                  "paper-index: 2 unchanged PDF files have no text indexed (`paper-index status` "
                  "says why); replace or repair them and build again (`--retry` extracts the "
                  "same bytes again)\n"));
}

TEST(BuildSummary, PapersThatKeptTheirTextAreSaid) {
  PipelineSummary s;
  s.unchanged = 4;
  s.kept_text = 2;
  s.fetches = 4;
  s.fetched_ok = 2;
  std::ostringstream out;
  print_summary(s, out);
  EXPECT_THAT(out.str(),
              ::testing::HasSubstr("paper-index: 2 papers keep the text indexed before, counted "
                                   "above as unchanged: fetching their PDF again failed (see the "
                                   "warnings; `paper-index status` says why)\n"));
}

// A paper whose edited title gave it a new id, its PDF not fetched, keeps its old id's text: not
// "indexed with text" (nothing was extracted), not unchanged (a new id), but a line of its own,
// offline or not.
TEST(BuildSummary, PapersThatKeptTheTextOfTheirOldIdHaveTheirOwnLine) {
  PipelineSummary s;
  s.text = 1;
  s.unchanged = 3;
  s.kept_text = 1;
  s.kept_text_renamed = 2;
  s.documents = 6;
  s.fetches = 4;
  s.fetched_ok = 2;
  std::ostringstream out;
  print_summary(s, out);
  EXPECT_EQ(out.str(),
            "paper-index: indexed 1 paper with text, 0 from metadata only, 0 failed; 3 unchanged, "
            "0 removed (index: 6 papers)\n"
            "paper-index: 1 paper keeps the text indexed before, counted above as unchanged: "
            "fetching its PDF again failed (see the warnings; `paper-index status` says why)\n"
            "paper-index: 2 papers kept their earlier text (PDF not fetched this run): their "
            "title was edited, which gives them a new id; the next run fetches and checks their "
            "PDF again (see the warnings)\n");
  EXPECT_EQ(exit_code_for(s), kExitPartial);

  PipelineSummary offline;
  offline.kept_text_renamed = 1;
  offline.fetches = 1;
  offline.unreachable_hosts = {"arxiv.org"};
  std::ostringstream offline_out;
  print_summary(offline, offline_out);
  EXPECT_THAT(offline_out.str(),
              ::testing::HasSubstr(
                  "paper-index: 1 paper kept its earlier text (PDF not fetched this run): its "
                  "title was edited, which gives it a new id; the next run fetches and checks "
                  "its PDF again (see the warnings)\n"
                  "paper-index: downloads were impossible: no host could be reached (1 host "
                  "tried; is this machine offline?); papers indexed before keep their text, the "
                  "others are searchable by their metadata; run `paper-index build --retry` when "
                  "online\n"));
  EXPECT_EQ(exit_code_for(offline), kExitPartial);
}

TEST(Progress, PlainLinesAndLiveLine) {
  auto t = std::chrono::steady_clock::time_point{};
  auto clock = [&t] { return t; };
  std::ostringstream plain;
  Progress p(plain, Progress::Mode::kPlain, clock);
  p.on_start(2, 5);
  t += std::chrono::seconds(2);
  p.on_bytes(2000000);
  p.on_paper(PaperOutcome{PaperOutcome::Kind::kMetadata, "x", "X", "", "HTTP 404 Not Found"});
  EXPECT_EQ(plain.str(),
            "paper-index: 2 papers to index, 5 unchanged\n"
            "paper-index: x: metadata only: HTTP 404 Not Found\n"
            "paper-index: [1/2] 2.0 MB, 1.0 MB/s, ETA 2s, 1 without text\n");
  // A PDF on disk is named by its path too.
  std::ostringstream named;
  Progress v(named, Progress::Mode::kPlain, clock);
  v.on_paper(PaperOutcome{PaperOutcome::Kind::kFailed, "pdf-x-aa3fd841", "x", "p/a/x.pdf",
                          "zero bytes: the file is empty"});
  v.on_paper(PaperOutcome{PaperOutcome::Kind::kMetadata, "y", "Y", "https://e.org/y.pdf",
                          "PDF at https://e.org/y.pdf is a different paper"});
  EXPECT_EQ(named.str(),
            "paper-index: pdf-x-aa3fd841 (p/a/x.pdf): failed: zero bytes: the file is empty\n"
            "paper-index: y: metadata only: PDF at https://e.org/y.pdf is a different paper\n");

  // A long wait asked by a host is said.
  std::ostringstream waiting;
  Progress w(waiting, Progress::Mode::kPlain, clock);
  w.on_wait("openreview.net", 119.6, "HTTP 429 Too Many Requests");
  EXPECT_EQ(waiting.str(),
            "paper-index: openreview.net answered HTTP 429 Too Many Requests; waiting 120 s "
            "before asking it again\n");

  std::ostringstream live;
  Progress q(live, Progress::Mode::kTerminal, clock);
  q.on_start(1, 0);
  q.on_paper(PaperOutcome{PaperOutcome::Kind::kText, "y", "Y", "", ""});
  q.finish();
  EXPECT_EQ(live.str(),
            "paper-index: 1 paper to index, 0 unchanged\n"
            "\r\x1b[K[0/1] 0 B, 0 without text\r\x1b[K[1/1] 0 B, 0 without text\r\x1b[K");

  std::ostringstream quiet;
  Progress r(quiet, Progress::Mode::kQuiet, clock);
  r.on_start(1, 0);
  r.on_paper(PaperOutcome{PaperOutcome::Kind::kFailed, "z", "Z", "", "PDF is password-protected"});
  r.on_warning("list.md:3: entry has no link");
  EXPECT_EQ(quiet.str(), "paper-index: warning: list.md:3: entry has no link\n");
}

}  // namespace
}  // namespace paper
