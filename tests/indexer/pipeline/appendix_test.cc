// End to end: a PDF with an appendix after its references, extracted by the worker processes and
// indexed, then searched as paper-search does (plain words match the body, "ref:" the
// references, kPrefixReferences).
#include <gtest/gtest.h>
#include <xapian.h>

#include "common/schema.h"
#include "indexer/inputs.h"
#include "indexer/pipeline.h"
#include "tests/indexer/pipeline/pipeline_support.h"
#include "tests/support/pdf_writer.h"
#include "tests/support/temp_dir.h"

namespace paper {
namespace {

using testing::PdfLine;
using testing::PdfPage;

class SilentObserver : public PipelineObserver {
 public:
  void on_warning(const std::string&) override {}
  void on_paper(const PaperOutcome&) override {}
  void on_wait(const std::string&, double, const std::string&) override {}
};

PdfPage lines_page(const std::vector<std::string>& lines) {
  PdfPage page;
  double y = 740;
  for (const std::string& line : lines) {
    page.lines.push_back(PdfLine{72, y, 10, line});
    y -= 20;
  }
  return page;
}

// The ids of the papers matching query.
std::vector<std::string> search(const Xapian::Database& db, const std::string& query) {
  Xapian::QueryParser qp;
  qp.set_database(db);
  qp.set_stemmer(Xapian::Stem("english"));
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
  qp.add_prefix("ref", schema::kPrefixReferences);
  Xapian::Enquire enquire(db);
  enquire.set_query(qp.parse_query(query));
  std::vector<std::string> ids;
  Xapian::MSet m = enquire.get_mset(0, 10);
  for (auto it = m.begin(); it != m.end(); ++it) {
    ids.push_back(schema::decode_document_data(it.get_document().get_data()).paper.id);
  }
  return ids;
}

// The pages of each position of term, in every paper.
std::vector<unsigned> pages_of(const Xapian::Database& db, const std::string& term) {
  std::vector<unsigned> out;
  for (auto d = db.postlist_begin(term); d != db.postlist_end(term); ++d) {
    for (auto p = db.positionlist_begin(*d, term); p != db.positionlist_end(*d, term); ++p) {
      out.push_back(schema::page_of_position(*p));
    }
  }
  return out;
}

TEST(AppendixAfterReferences, IsSearchedAsBodyOnItsPage) {
  testing::TempDir tmp;
  const std::string pdf = tmp.file("pdfs/appendix.pdf");
  PdfPage first = lines_page({"Introduction text about livers."});
  first.lines.insert(first.lines.begin(), PdfLine{72, 770, 16, "Livers With An Appendix"});
  testing::write_file(
      pdf, testing::make_pdf({first, lines_page({"Method text about segmentation."}),
                              lines_page({"Conclusion text.", "References",
                                          "[1] A. Smith. Refonlyword livers. 2020."}),
                              lines_page({"Appendix A", "The appendixonlyword proof."})}));
  PipelineOptions o;
  o.db_dir = tmp.file("index");
  o.paths = {tmp.file("pdfs")};
  o.jobs = 1;
  o.extract.worker_exe = PAPER_INDEX_EXE;
  SilentObserver observer;
  ASSERT_EQ(run_pipeline(o, observer).text, 1);

  Xapian::Database db = testing::open_index(tmp.file("index"));
  const std::vector<std::string> paper{pdf_paper_id(pdf)};
  EXPECT_EQ(search(db, "appendixonlyword"), paper);
  EXPECT_EQ(pages_of(db, "Zappendixonlyword"), std::vector<unsigned>{4});
  EXPECT_TRUE(search(db, "ref:appendixonlyword").empty());
  EXPECT_TRUE(search(db, "refonlyword").empty());
  EXPECT_EQ(search(db, "ref:refonlyword"), paper);
  EXPECT_EQ(pages_of(db, "ZXRrefonlyword"), std::vector<unsigned>{3});

  const schema::StoredPaper s =
      schema::decode_document_data(db.get_document(*db.postlist_begin("Q" + paper[0])).get_data());
  EXPECT_EQ(s.references_page, 3);
  EXPECT_EQ(s.references_end_page, 4);
  EXPECT_EQ(s.references_end_offset, 0u);
}

}  // namespace
}  // namespace paper
