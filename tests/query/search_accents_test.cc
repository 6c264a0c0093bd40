// End to end: words, titles and names typed without their accents.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

#include "indexer/index/index_writer.h"
#include "query/searcher.h"
#include "tests/query/test_index.h"
#include "tests/support/temp_dir.h"

namespace paper::query {
namespace {

using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

// Titles and authors are also indexed without their accents: typed plainly, they find the paper.
TEST(QueryAccents, ATitleOrNameTypedWithoutItsAccentsFindsThePaper) {
  testing::TempDir dir;
  std::vector<testing::PaperSpec> papers{
      {"uber",
       "Über die Segmentierung der Léber",
       {"José Müller"},
       "Médecine",
       2020,
       "Architectures",
       "",
       {"Eine Seite über Lebern und Gefäße."}},
  };
  testing::build_index(dir.file("index"), papers);
  Searcher searcher(dir.file("index"));
  for (const std::string query :
       {"uber segmentierung", "title:leber", "author:jose", "venue:medecine", "Über", "title:Léber",
        "title:\"segmentierung der leber\"", "\"uber die segmentierung\""}) {
    SearchRequest request;
    request.text = query;
    SearchResult r = searcher.search(request);
    ASSERT_EQ(r.hits.size(), 1u) << query;
    EXPECT_FALSE(r.any_word) << query;
  }
}

// Page words with accents are also indexed without them, at their positions: typed plainly they
// find the page, as a phrase too, and the snippet marks them; references likewise. Typed with
// accents, a word finds only the pages that write it with them.
TEST(QueryAccents, PageWordsTypedWithoutTheirAccentsFindTheirPage) {
  testing::TempDir dir;
  testing::PaperSpec spec{"naive",
                          "Baselines for Lesion Segmentation",
                          {"A. Author"},
                          "MICCAI",
                          2020,
                          "Architectures",
                          "",
                          {"The cohort was imaged at two sites with one protocol.",
                           "We compare with the naïve Bayes classifier of Müller and report the "
                           "Sørensen coefficient.",
                           "References. Gómez, Deep learning for radiology."}};
  testing::PaperSpec plain{"plain",
                           "Plain Spelling",
                           {"B. Author"},
                           "MIDL",
                           2021,
                           "Architectures",
                           "",
                           {"A naive model, spelled without accents."}};
  {
    IndexOptions options;
    options.dir = dir.file("index");
    auto writer = IndexWriter::open(options);
    for (const auto& p : {spec, plain}) {
      schema::StoredPaper s = testing::stored_paper(p);
      if (p.id == "naive") {
        s.references_page = 3;
        s.references_offset = 0;
      }
      writer->put(s, entry_hash(s.paper, s.lists));
    }
    writer->finish();
  }
  Searcher searcher(dir.file("index"));
  auto search = [&](const std::string& text) {
    SearchRequest request;
    request.text = text;
    return searcher.search(request);
  };
  for (const std::string query : {"muller", "sorensen", "\"naive bayes\"", "Muller bayes"}) {
    SearchResult r = search(query);
    ASSERT_EQ(r.hits.size(), 1u) << query;
    EXPECT_EQ(r.hits[0].paper.paper.id, "naive") << query;
    EXPECT_FALSE(r.any_word) << query;
    ASSERT_FALSE(r.hits[0].pages.empty()) << query;
    EXPECT_EQ(r.hits[0].pages[0].page, 2) << query;
  }
  SearchResult r = search("muller sorensen");
  ASSERT_EQ(r.hits.size(), 1u);
  ASSERT_FALSE(r.hits[0].pages.empty());
  EXPECT_THAT(render_snippet(r.hits[0].pages[0].snippet, "[", "]"),
              HasSubstr("classifier of [Müller] and report the [Sørensen] coefficient"));
  r = search("naive");
  std::vector<std::string> found;
  for (const auto& hit : r.hits) found.push_back(hit.paper.paper.id);
  EXPECT_THAT(found, UnorderedElementsAre("naive", "plain"));
  r = search("ref:gomez");
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.hits[0].paper.paper.id, "naive");
  r = search("naïve");
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.hits[0].paper.paper.id, "naive");
}

// Letters beyond Latin-1 lose their accents too (Vietnamese, Romanian), and a French word with an
// elided article ("d’après"), which Xapian keeps as one word, is found typed plainly.
TEST(QueryAccents, VietnameseNamesAndElidedWordsAreFoundTypedPlainly) {
  testing::TempDir dir;
  testing::build_index(
      dir.file("index"),
      {{"vi",
        "Segmentation Study",
        {"Nguyễn Văn Thắng", "Ștefan Țiriac"},
        "MICCAI",
        2021,
        "Architectures",
        "",
        {"Nothing here.", "As Nguyễn and Ștefan showed, d’après l'élément du réseau."}}});
  Searcher searcher(dir.file("index"));
  for (const std::string query :
       {"nguyen", "stefan", "author:nguyen", "author:tiriac", "\"d'apres\"", "l'element"}) {
    SearchRequest request;
    request.text = query;
    SearchResult r = searcher.search(request);
    ASSERT_EQ(r.hits.size(), 1u) << query;
    EXPECT_FALSE(r.any_word) << query;
  }
  SearchRequest request;
  request.text = "nguyen stefan d'apres";
  SearchResult r = searcher.search(request);
  ASSERT_EQ(r.hits.size(), 1u);
  ASSERT_FALSE(r.hits[0].pages.empty());
  EXPECT_EQ(r.hits[0].pages[0].page, 2);
  EXPECT_THAT(render_snippet(r.hits[0].pages[0].snippet, "[", "]"),
              HasSubstr("As [Nguyễn] and [Ștefan] showed, [d’après] l'élément"));
}

// Each accented word gets its accent-free form at its own position: "réalisée" and "réalisé"
// share a stem, yet "realisee" finds only the page of the first, "realise" only that of the
// second, each with a passage.
TEST(QueryAccents, AnAccentFreeWordIsIndexedWhereItsOwnWordIs) {
  testing::TempDir dir;
  testing::build_index(
      dir.file("index"),
      {{"these",
        "Une thèse",
        {"A. Auteur"},
        "RFIA",
        2020,
        "Méthodes",
        "",
        {"Identifie une thèse réalisée en extension.", "Page deux: le mémoire réalisé ici."}}});
  Searcher searcher(dir.file("index"));
  for (const auto& [query, page, marked] :
       {std::tuple<std::string, int, std::string>{"realisee", 1, "[réalisée]"},
        {"realise", 2, "[réalisé]"}}) {
    SearchRequest request;
    request.text = query;
    request.pages_per_result = 3;
    SearchResult r = searcher.search(request);
    ASSERT_EQ(r.hits.size(), 1u) << query;
    ASSERT_EQ(r.hits[0].pages.size(), 1u) << query;
    EXPECT_EQ(r.hits[0].pages[0].page, page) << query;
    EXPECT_THAT(render_snippet(r.hits[0].pages[0].snippet, "[", "]"), HasSubstr(marked)) << query;
  }
}

}  // namespace
}  // namespace paper::query
