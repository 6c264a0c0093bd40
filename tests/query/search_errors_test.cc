// End to end: queries that cannot be searched, and indexes that cannot be read.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <xapian.h>

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

}  // namespace
}  // namespace paper::query
