// End to end: queries that cannot be searched, and indexes that cannot be read.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <xapian.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "common/error.h"
#include "query/searcher.h"
#include "tests/query/sample_papers.h"
#include "tests/query/search_fixture.h"
#include "tests/query/test_index.h"
#include "tests/support/pdf_writer.h"
#include "tests/support/temp_dir.h"

namespace paper::query {
namespace {

using ::testing::ElementsAre;

TEST_F(QuerySearchTest, EmptyQueryIsAUsageError) {
  try {
    search("   ");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "empty query; give words to search for, e.g. `paper-search unet segmentation`");
    EXPECT_EQ(e.exit_code(), kExitUsage);
  }
}

TEST_F(QuerySearchTest, QueryThatCanMatchNothingIsAUsageErrorThatSaysWhy) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"((",
       "the query '((' has no words, only signs; give words to search for, e.g. "
       "`paper-search unet segmentation`"},
      {"- \" * ?",
       "the query '- \" * ?' has no words, only signs; give words to search "
       "for, e.g. `paper-search unet segmentation`"},
      {"😀 ∑ → —",
       "the query '😀 ∑ → —' has no words, only signs; give words to search for, "
       "e.g. `paper-search unet segmentation`"},
      {"unet year:2021..2019",
       "the query 'unet year:2021..2019' can match nothing: is a range in it empty? give the "
       "lower bound first, e.g. year:2019..2021"}};
  for (const auto& [query, message] : cases) EXPECT_EQ(usage_error(query), message);
}

TEST_F(QuerySearchTest, KeepsAnsweringWhileTheIndexIsRebuilt) {
  ASSERT_EQ(ids("superpixel").size(), 1u);
  std::vector<testing::PaperSpec> papers = testing::sample_papers();
  papers.pop_back();
  testing::build_index(dir_.file("index"), papers, testing::repository_synonyms(),
                       /*rebuild=*/true);
  EXPECT_THAT(ids("superpixel"), ElementsAre("contrastive-semi"));
  // A new reader sees the new generation.
  Searcher fresh(dir_.file("index"));
  SearchRequest request;
  request.text = "adversarial";
  EXPECT_EQ(fresh.search(request).total, 0u);
}

TEST(QuerySearchErrors, NoIndex) {
  testing::TempDir dir;
  try {
    Searcher searcher(dir.file("missing"));
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "no index at " + dir.file("missing") +
                                         "; run `paper-index build --db " + dir.file("missing") +
                                         "` first");
    EXPECT_EQ(e.exit_code(), kExitFatal);
  }
  // The default folder is paper-index's default too: no --db to repeat.
  try {
    Searcher searcher(dir.file("missing"), IndexFolder::kDefault);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "no index at " + dir.file("missing") + "; run `paper-index build` first");
  }
}

TEST(QuerySearchErrors, AnIndexOfAnotherSchemaAsksForARebuild) {
  testing::TempDir dir;
  testing::build_index(dir.file("index"), testing::sample_papers());
  {
    Xapian::WritableDatabase db(dir.file("index/current"), Xapian::DB_OPEN);
    db.set_metadata(schema::kMetaSchemaVersion, "3");
    db.commit();
  }
  try {
    Searcher searcher(dir.file("index"));
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "the index at " + dir.file("index") +
                                         " has schema 3 but paper-search reads schemas 4 to " +
                                         std::to_string(schema::kSchemaVersion) +
                                         "; rebuild it with `paper-index build --db " +
                                         dir.file("index") + " --rebuild`");
  }
}

// Schema 5 only added terms: an index of schema 4 is searched until paper-index rebuilds it.
TEST(QuerySearchErrors, AnIndexOfSchema4IsStillSearched) {
  testing::TempDir dir;
  testing::build_index(dir.file("index"), testing::sample_papers());
  {
    Xapian::WritableDatabase db(dir.file("index/current"), Xapian::DB_OPEN);
    db.set_metadata(schema::kMetaSchemaVersion, "4");
    db.commit();
  }
  Searcher searcher(dir.file("index"));
  SearchRequest request;
  request.text = "superpixel";
  SearchResult r = searcher.search(request);
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.hits[0].paper.paper.id, "contrastive-semi");
}

// A Xapian database of another program (omindex's, say) is not taken for an old index.
TEST(QuerySearchErrors, AnotherProgramsDatabaseIsNamedAsSuch) {
  testing::TempDir dir;
  {
    Xapian::WritableDatabase db(dir.file("foreign"), Xapian::DB_CREATE);
    Xapian::Document doc;
    doc.add_term("font");
    db.add_document(doc);
    db.commit();
  }
  try {
    Searcher searcher(dir.file("foreign"));
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "the database at " + dir.file("foreign") +
                  " was not written by paper-index (it has no paper-index schema); give --db the "
                  "folder of a paper-index index, or build one with `paper-index build --db "
                  "NEW_DIR`");
    EXPECT_EQ(e.exit_code(), kExitFatal);
  }
}

TEST(QuerySearchErrors, UnreadableIndex) {
  testing::TempDir dir;
  std::filesystem::create_directories(dir.path() / "index" / "db-1");
  testing::write_file(dir.file("index/db-1/iamglass"), "not a database");
  std::filesystem::create_directory_symlink("db-1", dir.path() / "index" / "current");
  try {
    Searcher searcher(dir.file("index"));
    FAIL() << "no error";
  } catch (const Error& e) {
    const std::string message = e.what();
    EXPECT_EQ(message.rfind("cannot read the index at " + dir.file("index") + " (", 0), 0u)
        << message;
    EXPECT_NE(message.find("); rebuild it with `paper-index build --db " + dir.file("index") +
                           " --rebuild`"),
              std::string::npos)
        << message;
  }
}

// A '*' that does not end a word: Xapian would split the word without a word (QA: "se*ion"
// matched the Czech "se" and suggested "se*non").
TEST_F(QuerySearchTest, WildcardInsideAWordIsAUsageError) {
  EXPECT_EQ(usage_error("se*ion"),
            "'se*ion': a wildcard * can only end a word (segm* finds segment, segmentation, ...); "
            "search the word's beginning or spell the word out");
  EXPECT_EQ(usage_error("unet *net"),
            "'*net': a wildcard * can only end a word (segm* finds segment, segmentation, ...); "
            "search the word's beginning or spell the word out");
  EXPECT_EQ(usage_error("superpix*"), "no error");
  EXPECT_EQ(usage_error("\"se*ion\""), "no error");  // in a phrase, * is not an operator
}

// Bytes that are not UTF-8 are an error that names them, not silently dropped (QA: "caf\xE9"
// searched "caf").
TEST_F(QuerySearchTest, InvalidUtf8IsAUsageError) {
  EXPECT_EQ(usage_error("caf\xE9"),
            "the query is not valid UTF-8 (byte 0xE9 at offset 3); set the terminal to UTF-8 or "
            "retype the word");
  EXPECT_EQ(usage_error("caf\xC3\xA9"), "no error");
}

// A damaged table may fail at the first read as "modified" (Xapian::DatabaseModifiedError): it
// is the project's error with its advice, never an uncaught exception (QA: exit 134).
TEST_F(QuerySearchTest, DamagedPostingsAreAnErrorNotACrash) {
  searcher_.reset();
  const std::filesystem::path live = std::filesystem::canonical(dir_.path() / "index" / "current");
  const std::filesystem::path postlist = live / "postlist.glass";
  std::string bytes = testing::read_file(postlist.string());
  std::uint32_t state = 5;
  for (std::size_t i = 8192 * 2; i < bytes.size(); ++i) {
    state = state * 1664525u + 1013904223u;
    bytes[i] = static_cast<char>(state >> 24);
  }
  testing::write_file(postlist.string(), bytes);
  bool failed = false;
  try {
    Searcher searcher(dir_.file("index"));
    SearchRequest request;
    request.text = "segmentation";
    searcher.search(request);
  } catch (const Error& e) {
    failed = true;
    const std::string message = e.what();
    EXPECT_EQ(message.rfind("cannot read the index at " + dir_.file("index") + " (", 0), 0u)
        << message;
    EXPECT_EQ(e.exit_code(), kExitFatal);
  }
  EXPECT_TRUE(failed);
}

}  // namespace
}  // namespace paper::query
