// The real paper-index binary: build, status, Ctrl-C and kill -9 at several points.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <thread>

#include "common/schema.h"
#include "indexer/inputs.h"
#include "tests/indexer/pipeline/pipeline_support.h"
#include "tests/support/http/http_server.h"
#include "tests/support/pdf_writer.h"
#include "tests/support/temp_dir.h"

namespace paper {
namespace {

namespace fs = std::filesystem;
using testing::Child;
using testing::paper_pdf;
using testing::run_paper_index;

// "[k/n]" progress line of the plain (non-terminal) output.
auto progress_at(int k) {
  return [k](const std::string& line) {
    return line.find("[" + std::to_string(k) + "/") != std::string::npos;
  };
}

// Papers "indexed with text" and "unchanged" from the summary line.
std::pair<int, int> text_and_unchanged(const std::string& out) {
  std::smatch m;
  std::regex re(R"(indexed (\d+) papers? with text, .* (\d+) unchanged)");
  if (!std::regex_search(out, m, re)) return {-1, -1};
  return {std::stoi(m[1]), std::stoi(m[2])};
}

// Whether a child process of parent is blocked in pause() (x86-64 system call 34, as
// /proc/PID/syscall tells), within 10 s. Where /proc does not tell, waits one second instead.
bool wait_until_child_pauses(pid_t parent) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    for (const auto& e : fs::directory_iterator("/proc")) {
      const std::string pid = e.path().filename().string();
      if (pid.find_first_not_of("0123456789") != std::string::npos) continue;
      std::ifstream stat(e.path() / "stat");
      std::string line;
      std::getline(stat, line);
      const auto close = line.rfind(')');
      if (close == std::string::npos) continue;
      std::istringstream rest(line.substr(close + 2));
      char state = 0;
      pid_t ppid = 0;
      rest >> state >> ppid;
      if (ppid != parent) continue;
      std::ifstream syscall(e.path() / "syscall");
      long number = -1;
      if (!(syscall >> number)) {
        std::this_thread::sleep_for(std::chrono::seconds(1));
        return true;
      }
#if defined(__x86_64__)
      if (number == 34) return true;
#else
      std::this_thread::sleep_for(std::chrono::seconds(1));
      return true;
#endif
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

class BuildCommandTest : public ::testing::Test {
 protected:
  void make_pdfs(int n, const std::string& hang_name = "") {
    for (int i = 0; i < n; ++i) {
      std::string name = "p" + std::to_string(i) + ".pdf";
      if (i == n - 1 && !hang_name.empty()) name = hang_name;
      testing::write_file(tmp_.file("pdfs/" + name),
                          paper_pdf("Paper Number " + std::to_string(i),
                                    {"common words and unique" + std::to_string(i) + " marker"},
                                    "Paper Number " + std::to_string(i)));
    }
  }
  // Every document of the live index is complete and findable.
  std::size_t check_searchable() {
    Xapian::Database db = testing::open_index(tmp_.file("index"));
    for (const std::string& id : testing::ids_in(db)) {
      auto doc = db.get_document(*db.postlist_begin("Q" + id));
      EXPECT_EQ(schema::decode_document_data(doc.get_data()).paper.id, id);
      EXPECT_EQ(doc.get_value(schema::kSlotState), "text");
    }
    return db.get_doccount();
  }
  void SetUp() override { testing::become_subreaper(); }
  // Extraction workers run in their own process group and outlive a killed paper-index while
  // their (hanging) PDF lasts.
  void TearDown() override { testing::kill_orphans(); }
  testing::TempDir tmp_;
};

TEST_F(BuildCommandTest, BuildsAFolderThenReportsStatus) {
  make_pdfs(2);
  auto r = run_paper_index({"build", "pdfs"}, tmp_.path().string());
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "paper-index: indexed 2 papers with text, 0 from metadata only, 0 failed; 0 unchanged, "
            "0 removed (index: 2 papers)\n");
  EXPECT_NE(r.err.find("paper-index: 2 papers to index, 0 unchanged\n"), std::string::npos);

  auto again = run_paper_index({"build", "--quiet", "pdfs"}, tmp_.path().string());
  EXPECT_EQ(again.code, 0);
  EXPECT_EQ(again.err, "");
  EXPECT_EQ(text_and_unchanged(again.out), std::make_pair(0, 2));

  auto status = run_paper_index({"status", "--json"}, tmp_.path().string());
  ASSERT_EQ(status.code, 0) << status.err;
  auto j = nlohmann::json::parse(status.out);
  ASSERT_EQ(j["papers"].size(), 2u);
  EXPECT_EQ(j["papers"][0]["state"], "text");
  // Stored by its absolute path: the link works from any folder.
  EXPECT_EQ(j["papers"][0]["url"], (fs::canonical(tmp_.path()) / "pdfs" / "p0.pdf").string());
  EXPECT_EQ(j["papers"][0]["title"], "Paper Number 0");
}

// Built from a folder without data/synonyms.txt and without --synonyms, the index has no
// synonyms: the run says so (QA: GAN and CT then silently lost their long forms).
TEST_F(BuildCommandTest, AMissingSynonymFileIsSaid) {
  make_pdfs(1);
  const std::string note =
      "paper-index: note: no synonym file (data/synonyms.txt is not in this folder): an index "
      "that has synonyms keeps them, a new one gets none; give --synonyms FILE (the "
      "repository's data/synonyms.txt)\n";
  auto r = run_paper_index({"build", "pdfs"}, tmp_.path().string());
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find(note), std::string::npos) << r.err;
  testing::write_file(tmp_.file("data/synonyms.txt"), "ct = computed tomography\n");
  r = run_paper_index({"build", "pdfs"}, tmp_.path().string());
  EXPECT_EQ(r.err.find("no synonym file"), std::string::npos) << r.err;
  EXPECT_EQ(testing::open_index(tmp_.file("index")).synonyms_begin("ct") ==
                testing::open_index(tmp_.file("index")).synonyms_end("ct"),
            false);
}

// "pdfs", "./pdfs/" and its absolute path are one input: nothing is extracted again, and the
// papers keep their text.
TEST_F(BuildCommandTest, AFolderNamedAnotherWayIsTheSameInput) {
  make_pdfs(3);
  auto first = run_paper_index({"build", "--quiet", "pdfs"}, tmp_.path().string());
  ASSERT_EQ(first.code, 0) << first.err;
  for (const std::string& spelling :
       {std::string("./pdfs/"), (fs::canonical(tmp_.path()) / "pdfs").string()}) {
    auto again = run_paper_index({"build", "--quiet", spelling}, tmp_.path().string());
    EXPECT_EQ(again.code, 0) << again.err;
    EXPECT_EQ(text_and_unchanged(again.out), std::make_pair(0, 3)) << spelling;
  }
  EXPECT_EQ(check_searchable(), 3u);
}

// A list named twice ("list.md ./list.md") is read once: no "same paper" warnings, exit 0.
TEST_F(BuildCommandTest, AListNamedTwiceIsReadOnce) {
  testing::HttpServer server;
  server.serve("/kidney.pdf", testing::pdf_response(paper_pdf(
                                  "Deep Learning for Kidney Segmentation", {"kidney body"})));
  testing::write_file(tmp_.file("list.md"),
                      "# Papers\n\n**Deep Learning for Kidney Segmentation** \\\n*Ann Author* "
                      "<br>\n[MIA, 2021] [[Paper](" +
                          server.url("/kidney.pdf") + ")]\n");
  for (const char* command : {"check", "build"}) {
    std::vector<std::string> args{command};
    if (std::string(command) == "build") args.push_back("--quiet");
    args.insert(args.end(), {"list.md", "./list.md", tmp_.file("list.md")});
    auto r = run_paper_index(args, tmp_.path().string());
    EXPECT_EQ(r.code, 0) << command << ": " << r.err;
    EXPECT_EQ(r.err.find("same paper"), std::string::npos) << r.err;
    if (std::string(command) == "check") {
      EXPECT_NE(r.err.find("1 paper from 1 list, 0 warnings"), std::string::npos) << r.err;
    }
  }
}

// The same PDF found through another input (named as a file after its folder, here; also an
// index made when paths were stored as given) is re-written from what the index stores, with the
// new input, not extracted again.
TEST_F(BuildCommandTest, SamePdfThroughAnotherInputIsNotExtractedAgain) {
  make_pdfs(2);
  auto first = run_paper_index({"build", "--quiet", "pdfs"}, tmp_.path().string());
  ASSERT_EQ(first.code, 0) << first.err;
  auto again =
      run_paper_index({"build", "--quiet", "pdfs/p0.pdf", "pdfs/p1.pdf"}, tmp_.path().string());
  EXPECT_EQ(again.code, 0) << again.err;
  EXPECT_EQ(text_and_unchanged(again.out), std::make_pair(0, 2));
  EXPECT_EQ(check_searchable(), 2u);
  auto status = run_paper_index({"status", "--json"}, tmp_.path().string());
  auto j = nlohmann::json::parse(status.out);
  ASSERT_EQ(j["papers"].size(), 2u);
  EXPECT_EQ(j["papers"][0]["state"], "text");
  // Through the parent folder, the subfolder becomes the papers' section.
  auto parent = run_paper_index({"build", "--quiet", "."}, tmp_.path().string());
  EXPECT_EQ(parent.code, 0) << parent.err;
  EXPECT_EQ(text_and_unchanged(parent.out), std::make_pair(0, 2));
  Xapian::Database db = testing::open_index(tmp_.file("index"));
  for (const std::string& id : testing::ids_in(db)) {
    auto doc = db.get_document(*db.postlist_begin("Q" + id));
    EXPECT_EQ(schema::decode_document_data(doc.get_data()).paper.section, "pdfs") << id;
  }
}

TEST_F(BuildCommandTest, SecondWriterGetsTheMessage) {
  make_pdfs(2, "zz-hang.pdf");
  Child first({"build", "--jobs", "1", "pdfs"}, tmp_.path().string(),
              {{"PAPER_EXTRACT_TEST_FAULT", "hang:zz-hang"}});
  ASSERT_TRUE(first.wait_for_line(progress_at(1)));
  auto second = run_paper_index({"build", "pdfs"}, tmp_.path().string());
  EXPECT_EQ(second.code, 1);
  EXPECT_EQ(second.err, "paper-index: error: index is being updated by process " +
                            std::to_string(first.pid()) + "; wait for it to finish or stop it\n");
  first.signal_group(SIGKILL);
  first.wait();
}

TEST_F(BuildCommandTest, AWorkerEndsSoonAfterTheIndexerIsKilled) {
  make_pdfs(2, "zz-hang.pdf");
  Child child({"build", "--jobs", "1", "pdfs"}, tmp_.path().string(),
              {{"PAPER_EXTRACT_TEST_FAULT", "hang:zz-hang"}});
  ASSERT_TRUE(child.wait_for_line(progress_at(1))) << child.err();
  // Killed once the worker hangs in zz-hang.pdf (blocked in pause(), not waiting for a request:
  // an idle worker ends on its channel's end-of-file, which proves nothing here).
  ASSERT_TRUE(wait_until_child_pauses(child.pid())) << "the worker never reached the hang";
  child.signal_group(SIGKILL);  // paper-index alone: its workers have their own group
  EXPECT_EQ(child.wait(), 128 + SIGKILL);
  // The worker hanging on zz-hang.pdf is now this process's child (the subreaper's); it sees
  // that its indexer is gone and exits with 3, within a second.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  int status = 0;
  pid_t worker = 0;
  while (worker == 0 && std::chrono::steady_clock::now() < deadline) {
    worker = ::waitpid(-1, &status, WNOHANG);
    if (worker == 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_GT(worker, 0) << "no orphaned worker exited within 5 s";
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 3) << status;
}

TEST_F(BuildCommandTest, InterruptCommitsWhatIsCompleteAndExits130) {
  make_pdfs(5, "zz-hang.pdf");
  Child child({"build", "--jobs", "1", "pdfs"}, tmp_.path().string(),
              {{"PAPER_EXTRACT_TEST_FAULT", "hang:zz-hang"}});
  ASSERT_TRUE(child.wait_for_line(progress_at(4))) << child.err();
  child.signal_group(SIGINT);  // as Ctrl-C on a terminal: paper-index and its workers
  EXPECT_EQ(child.wait(), 130) << child.err();
  EXPECT_NE(child.out().find("paper-index: interrupted: indexed 4 papers with text"),
            std::string::npos)
      << child.out();
  EXPECT_EQ(check_searchable(), 4u);
  auto status = run_paper_index({"status"}, tmp_.path().string());
  EXPECT_NE(status.out.find("pending  " + pdf_paper_id(tmp_.file("pdfs/zz-hang.pdf"))),
            std::string::npos)
      << status.out;
  EXPECT_NE(status.out.find("5 papers: 4 text, 0 metadata only, 0 failed, 1 pending"),
            std::string::npos);

  auto rerun = run_paper_index({"build", "pdfs"}, tmp_.path().string());
  EXPECT_EQ(rerun.code, 0) << rerun.err;
  EXPECT_EQ(text_and_unchanged(rerun.out), std::make_pair(1, 4));
}

// `timeout -s INT` signals paper-index and then its process group: the one stop arrives twice.
// The second used to end the process at once, without committing what was complete.
TEST_F(BuildCommandTest, TheSameStopDeliveredTwiceStillCommitsWhatIsComplete) {
  make_pdfs(5, "zz-hang.pdf");
  Child child({"build", "--jobs", "1", "pdfs"}, tmp_.path().string(),
              {{"PAPER_EXTRACT_TEST_FAULT", "hang:zz-hang"}});
  ASSERT_TRUE(child.wait_for_line(progress_at(4))) << child.err();
  ::kill(child.pid(), SIGINT);
  ::kill(child.pid(), SIGINT);
  EXPECT_EQ(child.wait(), 130) << child.err();
  EXPECT_NE(child.out().find("paper-index: interrupted: indexed 4 papers with text"),
            std::string::npos)
      << child.out();
  EXPECT_EQ(check_searchable(), 4u);
}

TEST_F(BuildCommandTest, KillNineAtSeveralPointsLeavesASearchableIndexAndTheRerunCompletes) {
  const int n = 6;
  make_pdfs(n, "zz-hang.pdf");
  // Kill points: as soon as the run has planned, after its first paper, while the last one hangs.
  for (int point : {0, 1, 2}) {
    Child child({"build", "--jobs", "1", "--batch-size", "2", "pdfs"}, tmp_.path().string(),
                {{"PAPER_EXTRACT_TEST_FAULT", "hang:zz-hang"}});
    if (point == 0) {
      ASSERT_TRUE(child.wait_for_line(
          [](const std::string& l) { return l.find("papers to index") != std::string::npos; }));
    } else if (point == 1) {
      ASSERT_TRUE(child.wait_for_line(progress_at(1))) << child.err();
    } else {
      ASSERT_TRUE(child.wait_for_line([](const std::string& l) {
        std::smatch m;
        return std::regex_search(l, m, std::regex(R"(\[(\d+)/(\d+)\])")) &&
               std::stoi(m[1]) + 1 == std::stoi(m[2]);
      })) << child.err();
    }
    child.signal_group(SIGKILL);
    EXPECT_EQ(child.wait(), 128 + SIGKILL);
    check_searchable();
  }
  const std::size_t committed = check_searchable();
  EXPECT_LT(committed, static_cast<std::size_t>(n));  // the hanging paper never was
  auto rerun = run_paper_index({"build", "pdfs"}, tmp_.path().string());
  EXPECT_EQ(rerun.code, 0) << rerun.err;
  // Nothing committed is extracted again; the rest is.
  EXPECT_EQ(text_and_unchanged(rerun.out),
            std::make_pair(n - static_cast<int>(committed), static_cast<int>(committed)));
  EXPECT_EQ(check_searchable(), static_cast<std::size_t>(n));
  Xapian::Database db = testing::open_index(tmp_.file("index"));
  for (int i = 0; i < n; ++i) {
    EXPECT_EQ(testing::search_phrase(db, "unique" + std::to_string(i) + " marker").size(), 1u);
  }
}

TEST_F(BuildCommandTest, KillNineDuringARebuildThenTheNextRebuildResumesIt) {
  const int n = 6;
  make_pdfs(n, "zz-hang.pdf");
  auto first = run_paper_index({"build", "--quiet", "pdfs"}, tmp_.path().string());
  ASSERT_EQ(first.code, 0) << first.err;
  const std::string live_before = fs::read_symlink(tmp_.path() / "index" / "current").string();
  {
    Child child({"build", "--rebuild", "--jobs", "1", "--batch-size", "2", "pdfs"},
                tmp_.path().string(), {{"PAPER_EXTRACT_TEST_FAULT", "hang:zz-hang"}});
    ASSERT_TRUE(child.wait_for_line(progress_at(n - 1))) << child.err();
    // Killed once the new generation holds a committed batch (the writer thread may lag the
    // progress lines).
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    std::size_t committed = 0;
    while (committed < 2 && std::chrono::steady_clock::now() < deadline) {
      for (const auto& e : fs::directory_iterator(tmp_.path() / "index")) {
        const std::string name = e.path().filename().string();
        if (name.rfind("db-", 0) != 0 || name == live_before) continue;
        try {
          committed =
              std::max<std::size_t>(committed, Xapian::Database(e.path().string()).get_doccount());
        } catch (const Xapian::Error&) {
          // Being created.
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    child.signal_group(SIGKILL);
    EXPECT_EQ(child.wait(), 128 + SIGKILL);
    ASSERT_GE(committed, 2u) << child.err();
  }
  // The live index is the complete one from before the rebuild.
  EXPECT_EQ(fs::read_symlink(tmp_.path() / "index" / "current").string(), live_before);
  EXPECT_EQ(check_searchable(), static_cast<std::size_t>(n));
  {
    // status tells the papers as searches find them, not "pending": the killed rebuild marked
    // them all to be indexed again.
    auto status = run_paper_index({"status"}, tmp_.path().string());
    EXPECT_EQ(status.code, 0) << status.err;
    EXPECT_NE(status.out.find(std::to_string(n) + " papers: " + std::to_string(n) +
                              " text, 0 metadata only, 0 failed, 0 pending\n"),
              std::string::npos)
        << status.out;
    EXPECT_NE(status.out.find("reason: as the index has it; a build marked it to be indexed "
                              "again and was stopped or is still running"),
              std::string::npos)
        << status.out;
  }

  auto rerun = run_paper_index({"build", "--rebuild", "pdfs"}, tmp_.path().string());
  ASSERT_EQ(rerun.code, 0) << rerun.err;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(
      rerun.err, m,
      std::regex(R"(paper-index: warning: resuming the rebuild that an earlier run left )"
                 R"(unfinished in index/db-\d+, which holds (\d+) of this run's papers \(delete )"
                 R"(that folder to rebuild from scratch\)\n)")))
      << rerun.err;
  const int kept = std::stoi(m[1]);
  EXPECT_GE(kept, 2);
  EXPECT_LT(kept, n);  // the hanging paper never was
  // What the killed rebuild committed is not extracted again; the rest is.
  EXPECT_EQ(text_and_unchanged(rerun.out), std::make_pair(n - kept, kept));
  EXPECT_NE(fs::read_symlink(tmp_.path() / "index" / "current").string(), live_before);
  EXPECT_EQ(check_searchable(), static_cast<std::size_t>(n));
}

// A build without --rebuild after a stopped rebuild gives that rebuild up (resumed later, it would
// undo what this build changes in the live index) and says so, with what `--rebuild` would do.
TEST_F(BuildCommandTest, APlainBuildAfterAStoppedRebuildSaysItGaveTheRebuildUp) {
  const int n = 5;
  make_pdfs(n, "zz-hang.pdf");
  auto first = run_paper_index({"build", "--quiet", "pdfs"}, tmp_.path().string());
  ASSERT_EQ(first.code, 0) << first.err;
  const std::string live_before = fs::read_symlink(tmp_.path() / "index" / "current").string();
  {
    Child child({"build", "--rebuild", "--jobs", "1", "pdfs"}, tmp_.path().string(),
                {{"PAPER_EXTRACT_TEST_FAULT", "hang:zz-hang"}});
    ASSERT_TRUE(child.wait_for_line(progress_at(n - 1))) << child.err();
    child.signal_group(SIGINT);  // Ctrl-C: what is complete is committed, nothing swapped in
    EXPECT_EQ(child.wait(), 130) << child.err();
  }
  std::string unfinished;  // as the warning names it: relative to the folder the build runs in
  for (const auto& e : fs::directory_iterator(tmp_.path() / "index")) {
    const std::string name = e.path().filename().string();
    if (name.rfind("db-", 0) == 0 && name != live_before) unfinished = "index/" + name;
  }
  ASSERT_NE(unfinished, "");
  EXPECT_EQ(Xapian::Database((tmp_.path() / unfinished).string()).get_doccount(),
            static_cast<Xapian::doccount>(n - 1));

  auto plain = run_paper_index({"build", "pdfs"}, tmp_.path().string());
  EXPECT_EQ(plain.code, 0) << plain.err;
  EXPECT_NE(plain.err.find("paper-index: warning: gave up the rebuild that an earlier run left "
                           "unfinished in " +
                           unfinished +
                           ", which held 4 papers; this run updates the live index instead "
                           "(`paper-index build --rebuild` would have resumed it; it now "
                           "rebuilds from scratch)\n"),
            std::string::npos)
      << plain.err;
  EXPECT_FALSE(fs::exists(tmp_.path() / unfinished));
  EXPECT_EQ(text_and_unchanged(plain.out), std::make_pair(0, n));
  // The live index still answers, every paper in it.
  EXPECT_EQ(fs::read_symlink(tmp_.path() / "index" / "current").string(), live_before);
  EXPECT_EQ(check_searchable(), static_cast<std::size_t>(n));
  Xapian::Database db = testing::open_index(tmp_.file("index"));
  for (int i = 0; i < n; ++i) {
    EXPECT_EQ(testing::search_phrase(db, "unique" + std::to_string(i) + " marker").size(), 1u);
  }
  // Said once: the next build has nothing to give up.
  auto again = run_paper_index({"build", "pdfs"}, tmp_.path().string());
  EXPECT_EQ(again.code, 0) << again.err;
  EXPECT_EQ(again.err.find("gave up"), std::string::npos) << again.err;
}

TEST_F(BuildCommandTest, NoReadableInputIsFatalAndMakesNoIndex) {
  auto r = run_paper_index({"build", "nope.md", "missing.pdf"}, tmp_.path().string());
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("paper-index: warning: nope.md: cannot open list"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("paper-index: error: none of the inputs could be read (see the warnings "
                       "above); check the paths\n"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(tmp_.path() / "index"));
}

TEST_F(BuildCommandTest, AMissingPdfOrFolderIsNamedForWhatItIs) {
  make_pdfs(1);
  auto r = run_paper_index({"build", "--db", "index", "pdfs", "gone.pdf", "old-pdfs/", "mnt/usb"},
                           tmp_.path().string());
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find("paper-index: warning: gone.pdf: no such PDF file; check the path\n"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("paper-index: warning: old-pdfs/: no such folder; check the path\n"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("paper-index: warning: mnt/usb: no such file or folder; check the path\n"),
            std::string::npos)
      << r.err;
  // status takes --db=DIR as build does.
  EXPECT_EQ(run_paper_index({"status", "--db=index"}, tmp_.path().string()).code, 0);
}

// A folder reads as an empty file: given as the synonym file, it would have dropped them all.
TEST_F(BuildCommandTest, AFolderAsTheSynonymFileIsRefused) {
  make_pdfs(1);
  fs::create_directories(tmp_.path() / "syn");
  auto r = run_paper_index({"build", "--db", "index", "--synonyms", "syn", "pdfs"},
                           tmp_.path().string());
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("paper-index: error: the synonym file syn is a folder; give the file, "
                       "e.g. --synonyms syn/synonyms.txt\n"),
            std::string::npos)
      << r.err;
}

TEST_F(BuildCommandTest, AFolderOfOtherFilesIsNotTakenForTheIndex) {
  make_pdfs(1);
  testing::write_file(tmp_.file("docs/notes.txt"), "mine");
  auto r = run_paper_index({"build", "--db", "docs", "pdfs"}, tmp_.path().string());
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("paper-index: error: the folder docs is not an index and is not empty; "
                       "give --db a new or empty folder, or the folder of an index\n"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(std::distance(fs::directory_iterator(tmp_.path() / "docs"), fs::directory_iterator()),
            1);
  fs::create_directories(tmp_.path() / "empty");
  EXPECT_EQ(run_paper_index({"build", "--db", "empty", "pdfs"}, tmp_.path().string()).code, 0);
  EXPECT_EQ(run_paper_index({"build", "--db", "empty", "pdfs"}, tmp_.path().string()).code, 0);
}

TEST_F(BuildCommandTest, WithoutPathIndexesTheListsInData) {
  testing::HttpServer server;
  server.serve("/kidney.pdf", testing::pdf_response(paper_pdf(
                                  "Deep Learning for Kidney Segmentation", {"kidney body"})));
  testing::write_file(tmp_.file("data/list.md"),
                      "# Papers\n\n**Deep Learning for Kidney Segmentation** \\\n*Ann Author* "
                      "<br>\n[MIA, 2021] [[Paper](" +
                          server.url("/kidney.pdf") + ")]\n");
  testing::write_file(tmp_.file("data/synonyms.txt"), "unet = u-net\n");
  auto r = run_paper_index({"build"}, tmp_.path().string());
  EXPECT_EQ(r.code, 0) << r.err;
  Xapian::Database db = testing::open_index(tmp_.file("index"));
  EXPECT_EQ(db.get_doccount(), 1u);
  EXPECT_EQ(testing::search_phrase(db, "kidney body").size(), 1u);
  EXPECT_NE(db.synonyms_begin("unet"), db.synonyms_end("unet"));

  auto other = run_paper_index({"build", "--quiet"}, tmp_.path().string(),
                               {{"PAPER_INDEX_DB", tmp_.file("elsewhere")}});
  EXPECT_EQ(other.code, 0) << other.err;
  EXPECT_TRUE(fs::exists(tmp_.file("elsewhere/current")));
}

TEST_F(BuildCommandTest, StatusWithoutIndexSaysHowToBuildOne) {
  auto r = run_paper_index({"status", "--db", "nowhere"}, tmp_.path().string());
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err,
            "paper-index: error: no index in nowhere; build one with `paper-index build --db "
            "nowhere`\n");
}

}  // namespace
}  // namespace paper
