// related and show, end to end over an index built by the real IndexWriter.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/error.h"
#include "query/searcher.h"
#include "tests/query/sample_papers.h"
#include "tests/query/test_index.h"
#include "tests/support/temp_dir.h"

namespace paper::query {
namespace {

using ::testing::Contains;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

class QueryRelatedShowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::build_index(dir_.file("index"), testing::sample_papers(),
                         testing::repository_synonyms());
    searcher_ = std::make_unique<Searcher>(dir_.file("index"));
  }

  testing::TempDir dir_;
  std::unique_ptr<Searcher> searcher_;
};

TEST_F(QueryRelatedShowTest, RelatedPutsTheClosestPaperFirstAndNeverTheSource) {
  RelatedRequest request;
  request.id = "unet";
  RelatedResult r = searcher_->related(request);
  EXPECT_EQ(r.source_id, "unet");
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].paper.paper.id, "nested-unet");
  for (const RelatedHit& h : r.hits) EXPECT_NE(h.paper.paper.id, "unet");
  EXPECT_THAT(r.hits[0].shared_terms, Contains("encoder"));
  EXPECT_THAT(r.hits[0].shared_terms, Contains("contracting"));
}

// A paper known by its list entry only has no body words but its title's: related papers come
// from the title (not its abstract, not its authors), and the result says why.
TEST_F(QueryRelatedShowTest, RelatedOfAMetadataOnlyPaperComesFromItsTitleOnly) {
  RelatedRequest request;
  request.id = "sam-med";
  RelatedResult r = searcher_->related(request);
  EXPECT_EQ(r.source_state, schema::PaperState::kMetadataOnly);
  EXPECT_EQ(r.source_reason, "no open-access PDF found");
  // "Segment Anything in Medical Images": "anything" is in no other paper, "segment" in almost
  // every one (not distinctive).
  EXPECT_THAT(r.source_terms, UnorderedElementsAre("medical", "images"));
  // Its abstract's "decoder" is in other papers' text, yet not taken.
  EXPECT_THAT(r.source_terms, Not(Contains("decoder")));
  ASSERT_FALSE(r.hits.empty());
  for (const RelatedHit& h : r.hits) EXPECT_NE(h.paper.paper.id, "sam-med");

  request.id = "unet";
  r = searcher_->related(request);
  EXPECT_EQ(r.source_state, schema::PaperState::kText);
  EXPECT_EQ(r.source_reason, "");
}

TEST(QueryRelatedShow, AMetadataOnlyPaperWhoseTitleNoOtherPaperSharesHasNone) {
  testing::TempDir dir;
  std::vector<testing::PaperSpec> papers{
      {"lonely",
       "Quantum Gravimetry Sketches",
       {"A. Author"},
       "MICCAI",
       2020,
       "Methods",
       "Segmentation of medical images.",
       {}},
      {"seg-one",
       "Medical Image Segmentation",
       {"B. Author"},
       "MICCAI",
       2021,
       "Methods",
       "",
       {"Segmentation of medical images with a network."}},
      {"seg-two",
       "Segmentation Networks",
       {"C. Author"},
       "MICCAI",
       2022,
       "Methods",
       "",
       {"Medical images and their segmentation."}},
  };
  testing::build_index(dir.file("index"), papers);
  Searcher searcher(dir.file("index"));
  RelatedRequest request;
  request.id = "lonely";
  RelatedResult r = searcher.related(request);
  EXPECT_EQ(r.source_state, schema::PaperState::kMetadataOnly);
  EXPECT_TRUE(r.source_terms.empty());
  EXPECT_TRUE(r.hits.empty());
}

TEST_F(QueryRelatedShowTest, RelatedToAPastedText) {
  RelatedRequest request;
  request.text = "Class prototypes from masked average pooling for prostate segmentation";
  RelatedResult r = searcher_->related(request);
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].paper.paper.id, "prototype-prostate");
  EXPECT_THAT(r.hits[0].shared_terms, Contains("prototypes"));
  EXPECT_THAT(r.source_terms, Not(Contains("for")));
}

TEST_F(QueryRelatedShowTest, RelatedTextWithNoIndexedWord) {
  for (const char* text : {"zzzq qqqz", "the of and"}) {
    RelatedRequest request;
    request.text = text;
    try {
      searcher_->related(request);
      ADD_FAILURE() << "no error for " << text;
    } catch (const Error& e) {
      EXPECT_STREQ(e.what(),
                   "no distinctive word of the text is in the index (common words such as 'the' "
                   "do not count); paste a longer passage (an abstract, a method description)");
      EXPECT_EQ(e.exit_code(), kExitUsage);
    }
  }
}

TEST_F(QueryRelatedShowTest, ShowGivesEverythingKnown) {
  PaperDetails d = searcher_->show("contrastive-semi");
  EXPECT_EQ(d.paper.paper.title, "Learning from Unlabelled Scans with Consistency");
  EXPECT_EQ(d.paper.pdf_url, "https://example.org/contrastive-semi.pdf");
  EXPECT_EQ(d.paper.page_count, 5);
  EXPECT_EQ(d.paper.state, schema::PaperState::kText);
  EXPECT_EQ(d.paper.abstract,
            "Pretraining with unlabelled data improves segmentation with few labels.");
  EXPECT_THAT(d.distinctive_terms, Contains("superpixel"));
  EXPECT_THAT(d.distinctive_terms, Not(Contains("the")));

  PaperDetails meta = searcher_->show("sam-med");
  EXPECT_EQ(meta.paper.state, schema::PaperState::kMetadataOnly);
  EXPECT_EQ(meta.paper.reason, "no open-access PDF found");
}

// Words with accents are shown as written, through the plain terms the index also holds.
TEST(QueryRelatedShow, WordsWithAccentsAreShownAsWritten) {
  testing::TempDir dir;
  std::vector<testing::PaperSpec> papers{
      {"donnees",
       "Réseaux et données",
       {"A. Auteur"},
       "RFIA",
       2020,
       "Méthodes",
       "",
       {"Les données annotées du réseau. Les données annotées sont préparées à la main.",
        "Un réseau entraîné sur les données annotées."}},
      {"voisin",
       "Un voisin",
       {"B. Auteur"},
       "RFIA",
       2021,
       "Méthodes",
       "",
       {"Données annotées et réseau profond.", "Encore des données annotées."}},
      {"other",
       "Something Else",
       {"C. Author"},
       "MICCAI",
       2021,
       "Methods",
       "",
       {"Prostate volumes and a cohort."}},
  };
  testing::build_index(dir.file("index"), papers);
  Searcher searcher(dir.file("index"));
  PaperDetails d = searcher.show("donnees");
  EXPECT_THAT(d.distinctive_terms, Contains("données"));
  EXPECT_THAT(d.distinctive_terms, Contains("annotées"));
  EXPECT_THAT(d.distinctive_terms, Not(Contains("donne")));

  RelatedRequest request;
  request.id = "donnees";
  RelatedResult r = searcher.related(request);
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].paper.paper.id, "voisin");
  EXPECT_THAT(r.hits[0].shared_terms, Contains("données"));

  request = {};
  request.text = "Des données annotées";
  r = searcher.related(request);
  EXPECT_THAT(r.source_terms, Contains("données"));
  ASSERT_FALSE(r.hits.empty());
}

TEST_F(QueryRelatedShowTest, UnknownIdSuggestsCloseIds) {
  try {
    searcher_->show("nested");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "no paper with id 'nested' in the index; did you mean: nested-unet?");
    EXPECT_EQ(e.exit_code(), kExitFatal);
  }
  try {
    RelatedRequest request;
    request.id = "unte";
    searcher_->related(request);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "no paper with id 'unte' in the index; did you mean: unet?");
  }
  try {
    searcher_->show("completely-different-thing");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "no paper with id 'completely-different-thing' in the index; find ids with "
              "`paper-search --db " +
                  dir_.file("index") + " --json QUERY`");
  }
  // An id is shown without control characters and cut when long; upper case finds lower case.
  try {
    searcher_->show("Nested-UNET");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "no paper with id 'Nested-UNET' in the index; did you mean: nested-unet?");
  }
  try {
    searcher_->show("x\x1b[31m" + std::string(200, 'y'));
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).substr(0, 40), "no paper with id 'x?[31myyyyyyyyyyyyyyyy");
    EXPECT_NE(std::string(e.what()).find(std::string(74, 'y') + "...' in the index"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace paper::query
