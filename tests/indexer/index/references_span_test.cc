// Tests of which page text the index writer files under the references (kPrefixReferences) and
// which under the body: from the references heading up to the heading that ends them.
#include <gtest/gtest.h>
#include <xapian.h>

#include "common/schema.h"
#include "indexer/index/index_writer.h"
#include "tests/support/temp_dir.h"

namespace paper {
namespace {

using schema::kPageStride;

// Page 2 holds the references heading; page 3 the last entry, then "Appendix A".
schema::StoredPaper paper_with_appendix() {
  schema::StoredPaper s;
  s.paper.id = "appendix-paper";
  s.paper.title = "Livers";
  s.state = schema::PaperState::kText;
  s.page_count = 4;
  s.pages = {"Introduction of livers.", "Method text.\nReferences\n[1] Ronneberger biomedical",
             "[2] Smith kidneys\nAppendix A\nappendixword M\xC3\xBCller proof",
             "Supplementary tables"};
  s.references_page = 2;
  s.references_offset = s.pages[1].find("References");
  s.references_end_page = 3;
  s.references_end_offset = s.pages[2].find("Appendix A");
  return s;
}

class ReferencesSpanTest : public ::testing::Test {
 protected:
  // Indexes s alone into a new index folder and opens the result.
  Xapian::Database index(const schema::StoredPaper& s) {
    IndexOptions o;
    o.dir = tmp_.file("index-" + s.paper.id);
    auto w = IndexWriter::open(o);
    w->put(s, "h");
    w->finish();
    auto path = live_database_path(o.dir);
    EXPECT_TRUE(path.has_value());
    return Xapian::Database(path.value_or(""));
  }
  // The pages (position / kPageStride) of term in the only document.
  static std::vector<unsigned> pages_of(const Xapian::Database& db, const std::string& term) {
    std::vector<unsigned> out;
    if (!db.term_exists(term)) return out;
    for (auto p = db.positionlist_begin(1, term); p != db.positionlist_end(1, term); ++p) {
      out.push_back(schema::page_of_position(*p));
    }
    return out;
  }
  testing::TempDir tmp_;
};

TEST_F(ReferencesSpanTest, TextAfterTheEndIsBodyAgainOnItsPage) {
  Xapian::Database db = index(paper_with_appendix());
  using Pages = std::vector<unsigned>;
  EXPECT_EQ(pages_of(db, "Zmethod"), Pages{2});
  EXPECT_EQ(pages_of(db, "ZXRronneberg"), Pages{2});
  EXPECT_EQ(pages_of(db, "ZXRkidney"), Pages{3});
  EXPECT_EQ(pages_of(db, "Zkidney"), Pages{});
  EXPECT_EQ(pages_of(db, "Zronneberg"), Pages{});
  for (const char* word : {"Zappendixword", "Zproof", "Zmüller", "Zmuller"}) {
    EXPECT_EQ(pages_of(db, word), Pages{3}) << word;
  }
  EXPECT_EQ(pages_of(db, "Zsupplementari"), Pages{4});
  for (const char* word : {"ZXRappendixword", "ZXRproof", "ZXRmuller", "ZXRsupplementari"}) {
    EXPECT_FALSE(db.term_exists(word)) << word;
  }
  // The accent-free copy sits at the accented word's position: phrases still work.
  auto muller = db.positionlist_begin(1, "Zmuller");
  auto accented = db.positionlist_begin(1, "Zmüller");
  EXPECT_EQ(*muller, *accented);
  EXPECT_GT(*muller, 3 * kPageStride);
  // The end is kept in the header.
  schema::StoredPaper back = schema::decode_document_data(db.get_document(1).get_data());
  EXPECT_EQ(back.references_end_page, 3);
  EXPECT_EQ(back.references_end_offset, paper_with_appendix().references_end_offset);
}

TEST_F(ReferencesSpanTest, EndOnTheHeadingsPage) {
  schema::StoredPaper s = paper_with_appendix();
  s.pages[1] = "Method text.\nReferences\n[1] Ronneberger\nAcknowledgments\nGrantword";
  s.references_end_page = 2;
  s.references_end_offset = s.pages[1].find("Acknowledgments");
  Xapian::Database db = index(s);
  EXPECT_EQ(pages_of(db, "ZXRronneberg"), std::vector<unsigned>{2});
  EXPECT_EQ(pages_of(db, "Zgrantword"), std::vector<unsigned>{2});
  EXPECT_FALSE(db.term_exists("ZXRgrantword"));
  // Page 3 comes after the end: body.
  EXPECT_EQ(pages_of(db, "Zkidney"), std::vector<unsigned>{3});
}

TEST_F(ReferencesSpanTest, WithoutAnEndOrWithAnEndBeforeTheStartTheReferencesRunToTheEnd) {
  for (int end_page : {0, 1}) {
    schema::StoredPaper s = paper_with_appendix();
    s.references_end_page = end_page;
    s.paper.id = "p" + std::to_string(end_page);
    Xapian::Database db = index(s);
    EXPECT_FALSE(db.term_exists("Zappendixword")) << end_page;
    EXPECT_FALSE(db.term_exists("Zsupplementari")) << end_page;
    EXPECT_TRUE(db.term_exists("ZXRappendixword")) << end_page;
    EXPECT_TRUE(db.term_exists("ZXRsupplementari")) << end_page;
    EXPECT_TRUE(db.term_exists("Zintroduct")) << end_page;
  }
}

}  // namespace
}  // namespace paper
