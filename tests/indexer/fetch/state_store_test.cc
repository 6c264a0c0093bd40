#include "indexer/fetch/state_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <memory>

#include "common/error.h"
#include "tests/support/pdf_writer.h"
#include "tests/support/temp_dir.h"

namespace paper {
namespace {

using testing::TempDir;

UrlRecord record(const std::string& url, const std::string& outcome, const std::string& sha = "") {
  UrlRecord r;
  r.url = url;
  r.tried_at = 1700000000;
  r.http_status = outcome == "failed" ? 404 : 200;
  r.outcome = outcome;
  r.reason = outcome == "failed" ? "HTTP 404 Not Found" : "";
  r.sha256 = sha;
  r.etag = "\"e1\"";
  r.last_modified = "Tue, 14 Nov 2023 22:13:20 GMT";
  r.bytes = 1234;
  return r;
}

TEST(StateStoreTest, RecordsSurviveReopening) {
  TempDir dir;
  {
    StateStore store(dir.file("state.sqlite"));
    store.record_url("paper-a", record("https://x.org/a.pdf", "downloaded", "abc"));
    store.record_url("paper-a", record("https://x.org/b.pdf", "failed"));
    PaperRecord p{"paper-a", "A paper", "text", "https://x.org/a.pdf", "", 1700000001};
    store.set_paper(p);
  }
  StateStore store(dir.file("state.sqlite"));
  auto history = store.history("paper-a");
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].url, "https://x.org/a.pdf");
  EXPECT_EQ(history[0].sha256, "abc");
  EXPECT_EQ(history[0].etag, "\"e1\"");
  EXPECT_EQ(history[0].last_modified, "Tue, 14 Nov 2023 22:13:20 GMT");
  EXPECT_EQ(history[0].bytes, 1234);
  EXPECT_EQ(history[1].reason, "HTTP 404 Not Found");
  EXPECT_EQ(history[1].http_status, 404);
  auto p = store.paper("paper-a");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->title, "A paper");
  EXPECT_EQ(p->state, "text");
  EXPECT_EQ(p->updated_at, 1700000001);
}

TEST(StateStoreTest, LastSuccessIgnoresLaterFailures) {
  TempDir dir;
  StateStore store(dir.file("state.sqlite"));
  store.record_url("a", record("https://x.org/a.pdf", "downloaded", "abc"));
  store.record_url("b", record("https://x.org/a.pdf", "failed"));
  EXPECT_EQ(store.last_for_url("https://x.org/a.pdf")->outcome, "failed");
  EXPECT_EQ(store.last_success_for_url("https://x.org/a.pdf")->sha256, "abc");
  EXPECT_EQ(store.last_success_for_url("https://x.org/other.pdf"), std::nullopt);
}

TEST(StateStoreTest, PapersAreUpdatedListedAndRemoved) {
  TempDir dir;
  StateStore store(dir.file("state.sqlite"));
  store.set_paper({"b", "B", "pending", "", "", 1});
  store.set_paper({"a", "A", "failed", "https://x.org/a", "HTTP 403 Forbidden", 2});
  store.set_paper({"b", "B", "metadata", "", "no PDF found", 3});
  auto all = store.papers();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, "a");
  EXPECT_EQ(all[1].state, "metadata");
  EXPECT_EQ(all[1].reason, "no PDF found");
  store.remove_paper("a");
  EXPECT_EQ(store.paper("a"), std::nullopt);
  EXPECT_EQ(store.papers().size(), 1u);
}

TEST(StateStoreTest, RefusesAFileThatIsNotADatabase) {
  TempDir dir;
  testing::write_file(dir.file("state.sqlite"), std::string(4096, 'x'));
  try {
    StateStore store(dir.file("state.sqlite"));
    FAIL() << "expected paper::Error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              dir.file("state.sqlite") +
                  ": is not a paper-index state database (file is not a database); move it away "
                  "or choose another --db folder");
  }
}

TEST(StateStoreTest, RefusesSomeoneElsesDatabase) {
  TempDir dir;
  std::string path = dir.file("other.sqlite");
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  std::unique_ptr<sqlite3, int (*)(sqlite3*)> db(raw, sqlite3_close);
  ASSERT_EQ(sqlite3_exec(db.get(), "CREATE TABLE photos (id INTEGER)", nullptr, nullptr, nullptr),
            SQLITE_OK);
  db.reset();
  try {
    StateStore store(path);
    FAIL() << "expected paper::Error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              path +
                  ": is not a paper-index state database; move it away or choose another --db "
                  "folder");
  }
}

TEST(StateStoreTest, MissingFolderIsReportedWithWhatToDo) {
  TempDir dir;
  std::string path = dir.file("missing/state.sqlite");
  try {
    StateStore store(path);
    FAIL() << "expected paper::Error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), path +
                                         ": cannot open the state database (unable to open "
                                         "database file); check that its folder exists and is "
                                         "writable");
  }
}

}  // namespace
}  // namespace paper
