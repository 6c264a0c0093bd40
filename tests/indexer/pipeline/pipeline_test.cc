// The pipeline in-process: real catalogue, fetcher (loopback server), extractor (worker processes
// of the built paper-index) and index writer.
#include "indexer/pipeline.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/error.h"
#include "common/schema.h"
#include "indexer/build_options.h"
#include "indexer/fetch/state_store.h"
#include "indexer/index/index_writer.h"
#include "indexer/inputs.h"
#include "tests/indexer/pipeline/pipeline_support.h"
#include "tests/support/http/http_server.h"
#include "tests/support/pdf_writer.h"
#include "tests/support/temp_dir.h"

namespace paper {
namespace {

namespace fs = std::filesystem;
using testing::paper_pdf;

class Recorder : public PipelineObserver {
 public:
  void on_warning(const std::string& m) override { warnings.push_back(m); }
  void on_paper(const PaperOutcome& o) override { outcomes.push_back(o); }
  void on_wait(const std::string& host, double seconds, const std::string& why) override {
    waits.push_back(host + " " + std::to_string(static_cast<long>(seconds)) + " " + why);
  }
  std::vector<std::string> waits;
  std::vector<std::string> warnings;
  std::vector<PaperOutcome> outcomes;
};

class PipelineTest : public ::testing::Test {
 protected:
  PipelineOptions options(std::vector<std::string> paths) const {
    PipelineOptions o;
    o.db_dir = tmp_.file("index");
    o.paths = std::move(paths);
    o.jobs = 2;
    o.extract.worker_exe = PAPER_INDEX_EXE;
    o.fetch.retry_wait_scale = 0.001;
    o.fetch.max_attempts = 1;
    return o;
  }
  PipelineSummary run(std::vector<std::string> paths) {
    recorder_ = Recorder();
    return run_pipeline(options(std::move(paths)), recorder_);
  }
  std::optional<PaperRecord> record(const std::string& id) const {
    StateStore store(tmp_.file("index/state.sqlite"));
    return store.paper(id);
  }
  void write(const std::string& name, const std::string& bytes) const {
    testing::write_file(tmp_.file(name), bytes);
  }

  testing::TempDir tmp_;
  Recorder recorder_;
};

TEST_F(PipelineTest, FolderOfPdfsIsIndexedWithTitlesSectionsAndPages) {
  write("pdfs/a.pdf", paper_pdf("Ignored Heading", {"alpha words here", "the magic phrase"},
                                "Metadata Title Alpha"));
  write("pdfs/sub/b.pdf", paper_pdf("Heading Of Paper Beta", {"beta body text"}));
  PipelineSummary s = run({tmp_.file("pdfs")});
  EXPECT_EQ(s.text, 2);
  EXPECT_EQ(s.extractions, 2);
  EXPECT_EQ(s.documents, 2u);
  EXPECT_FALSE(s.interrupted);

  Xapian::Database db = testing::open_index(tmp_.file("index"));
  const std::string a = pdf_paper_id(tmp_.file("pdfs/a.pdf"));
  const std::string b = pdf_paper_id(tmp_.file("pdfs/sub/b.pdf"));
  EXPECT_EQ(a.rfind("pdf-a-", 0), 0u);
  ASSERT_TRUE(testing::has_paper(db, a));
  ASSERT_TRUE(testing::has_paper(db, b));
  EXPECT_EQ(testing::value_of(db, a, schema::kSlotState), "text");
  EXPECT_EQ(testing::value_of(db, b, schema::kSlotSection), "sub");
  EXPECT_EQ(testing::search_phrase(db, "magic phrase"), (std::vector<std::string>{a}));
  // The phrase is on page 2.
  auto p = db.postlist_begin("Zmagic");
  ASSERT_NE(p, db.postlist_end("Zmagic"));
  auto pos = p.positionlist_begin();
  EXPECT_EQ(schema::page_of_position(*pos), 2u);

  auto doc = db.get_document(*db.postlist_begin("Q" + a));
  schema::StoredPaper sa = schema::decode_document_data(doc.get_data());
  EXPECT_EQ(sa.paper.title, "Metadata Title Alpha");
  EXPECT_EQ(sa.lists, (std::vector<std::string>{tmp_.file("pdfs")}));
  EXPECT_EQ(sa.page_count, 2);
  EXPECT_EQ(sa.pdf_url, tmp_.file("pdfs/a.pdf"));
  auto rec = record(a);
  ASSERT_TRUE(rec);
  EXPECT_EQ(rec->state, "text");
}

TEST_F(PipelineTest, APdfPastThePageLimitSaysWhatIsNotIndexed) {
  write("pdfs/long.pdf",
        paper_pdf("Long Manual",
                  {"the first page of a long manual", "the second page of the same manual",
                   "the third page with xylophonist"},
                  "Long Manual"));
  PipelineOptions o = options({tmp_.file("pdfs")});
  o.extract.max_pages = 2;
  recorder_ = Recorder();
  PipelineSummary s = run_pipeline(o, recorder_);
  EXPECT_EQ(s.text, 1);
  EXPECT_EQ(s.cut_by_page_limit, 1);
  EXPECT_EQ(exit_code_for(s), kExitPartial);
  const std::string id = pdf_paper_id(tmp_.file("pdfs/long.pdf"));
  const std::string note =
      "only the first 2 of 3 pages are indexed (the extraction's page limit); the rest is not "
      "searchable";
  EXPECT_THAT(recorder_.warnings,
              ::testing::ElementsAre("paper " + id + " ('Long Manual'): " + note));
  auto rec = record(id);
  ASSERT_TRUE(rec);
  EXPECT_EQ(rec->state, "text");
  EXPECT_EQ(rec->reason, note);
  Xapian::Database db = testing::open_index(tmp_.file("index"));
  auto doc = db.get_document(*db.postlist_begin("Q" + id));
  const schema::StoredPaper stored = schema::decode_document_data(doc.get_data());
  EXPECT_EQ(stored.page_count, 3);
  EXPECT_EQ(stored.reason, note);
  EXPECT_TRUE(testing::search_phrase(db, "xylophonist").empty());
}

// A run that was stopped (a --rebuild stopped half way) leaves papers marked pending in the
// state store; the next run finds them unchanged in the live index and puts their records back.
TEST_F(PipelineTest, RecordsAStoppedRunLeftPendingArePutBack) {
  write("pdfs/a.pdf", paper_pdf("Ignored Heading", {"alpha words"}, "Metadata Title Alpha"));
  write("pdfs/b.pdf", paper_pdf("Paper B", {"beta words"}));
  run({tmp_.file("pdfs")});
  const std::string a = pdf_paper_id(tmp_.file("pdfs/a.pdf"));
  {
    StateStore store(tmp_.file("index/state.sqlite"));
    for (const std::string& id : {a, pdf_paper_id(tmp_.file("pdfs/b.pdf"))}) {
      store.set_paper(PaperRecord{id, "stem", "pending", "", "", 1});
    }
  }
  PipelineSummary s = run({tmp_.file("pdfs")});
  EXPECT_EQ(s.unchanged, 2);
  EXPECT_EQ(s.extractions, 0);
  StateStore store(tmp_.file("index/state.sqlite"));
  EXPECT_TRUE(store.pending_papers().empty());
  auto rec = record(a);
  ASSERT_TRUE(rec);
  EXPECT_EQ(rec->state, "text");
  EXPECT_EQ(rec->title, "Metadata Title Alpha");
  EXPECT_EQ(rec->url, tmp_.file("pdfs/a.pdf"));
}

// Linked folders are searched like the others (a link back up is not a loop); a link to a PDF
// that is not there is reported.
TEST_F(PipelineTest, LinkedFoldersAreFollowedOnceAndBrokenLinksReported) {
  write("elsewhere/b.pdf", paper_pdf("Paper B", {"beta words on a page of the second paper"}));
  write("pdfs/a.pdf", paper_pdf("Paper A", {"alpha words on a page of the first paper"}));
  fs::create_directory_symlink(tmp_.file("elsewhere"), tmp_.file("pdfs/linked"));
  fs::create_directory_symlink(tmp_.file("pdfs"), tmp_.file("pdfs/up"));
  fs::create_symlink(tmp_.file("nowhere.pdf"), tmp_.file("pdfs/broken.pdf"));
  PipelineSummary s = run({tmp_.file("pdfs")});
  EXPECT_EQ(s.text, 2);
  Xapian::Database db = testing::open_index(tmp_.file("index"));
  EXPECT_TRUE(testing::has_paper(db, pdf_paper_id(tmp_.file("pdfs/linked/b.pdf"))));
  EXPECT_EQ(db.get_doccount(), 2u);
  EXPECT_THAT(recorder_.warnings,
              ::testing::Contains(tmp_.file("pdfs/broken.pdf") +
                                  ": link to a file that is not there; skipped"));
}

TEST_F(PipelineTest, UnchangedTouchedChangedAndRemovedPdfs) {
  write("pdfs/a.pdf", paper_pdf("Paper A", {"first version"}));
  write("pdfs/b.pdf", paper_pdf("Paper B", {"a bee is an insect that flies far"}));
  write("pdfs/c.pdf", paper_pdf("Paper C", {"sea"}));
  ASSERT_EQ(run({tmp_.file("pdfs")}).extractions, 3);

  PipelineSummary again = run({tmp_.file("pdfs")});
  EXPECT_EQ(again.extractions, 0);
  EXPECT_EQ(again.unchanged, 3);
  EXPECT_EQ(again.text, 0);

  // Touched, same bytes: hashed once, never extracted; then skipped by its stamp.
  const std::optional<PaperRecord> b_before = record(pdf_paper_id(tmp_.file("pdfs/b.pdf")));
  ASSERT_TRUE(b_before);
  fs::last_write_time(tmp_.file("pdfs/b.pdf"),
                      fs::last_write_time(tmp_.file("pdfs/b.pdf")) + std::chrono::hours(1));
  PipelineSummary touched = run({tmp_.file("pdfs")});
  EXPECT_EQ(touched.extractions, 0);
  EXPECT_EQ(touched.unchanged, 3);
  Xapian::Database db = testing::open_index(tmp_.file("index"));
  EXPECT_EQ(testing::value_of(db, pdf_paper_id(tmp_.file("pdfs/b.pdf")), schema::kSlotFileStamp),
            file_stamp(tmp_.file("pdfs/b.pdf")));
  {
    // Its record is put back as it was, not left pending.
    const std::optional<PaperRecord> b_after = record(pdf_paper_id(tmp_.file("pdfs/b.pdf")));
    ASSERT_TRUE(b_after);
    EXPECT_NE(b_after->state, "pending");
    EXPECT_EQ(b_after->state, b_before->state);
    EXPECT_EQ(b_after->title, b_before->title);
    EXPECT_EQ(b_after->url, b_before->url);
    EXPECT_EQ(b_after->reason, b_before->reason);
  }

  // Rewritten with the same size and modification time (`cp -p`, `touch -r`): hashed again,
  // and re-extracted since its bytes changed.
  {
    const std::string path = tmp_.file("pdfs/b.pdf");
    const std::string bytes = paper_pdf("Paper B", {"a bop is an insect that flies far"});
    ASSERT_EQ(bytes.size(), fs::file_size(path));
    const auto mtime = fs::last_write_time(path);
    write("pdfs/b.pdf", bytes);
    fs::last_write_time(path, mtime);
    PipelineSummary rewritten = run({tmp_.file("pdfs")});
    EXPECT_EQ(rewritten.extractions, 1);
    db = testing::open_index(tmp_.file("index"));
    EXPECT_EQ(testing::search_phrase(db, "bop").size(), 1u);
    EXPECT_TRUE(testing::search_phrase(db, "bee").empty());
  }

  // Changed content: re-extracted; removed file: removed from the index and the record.
  write("pdfs/a.pdf", paper_pdf("Paper A", {"second version"}));
  fs::remove(tmp_.file("pdfs/c.pdf"));
  PipelineSummary changed = run({tmp_.file("pdfs")});
  EXPECT_EQ(changed.extractions, 1);
  EXPECT_EQ(changed.text, 1);
  EXPECT_EQ(changed.unchanged, 1);
  EXPECT_EQ(changed.removed, 1);
  db = testing::open_index(tmp_.file("index"));
  EXPECT_EQ(db.get_doccount(), 2u);
  EXPECT_EQ(testing::search_phrase(db, "second version").size(), 1u);
  EXPECT_TRUE(testing::search_phrase(db, "first version").empty());
  EXPECT_FALSE(record(pdf_paper_id(tmp_.file("pdfs/c.pdf"))));

  // Papers of inputs not given in a run are kept.
  write("other/d.pdf", paper_pdf("Paper D", {"dee"}));
  PipelineSummary other = run({tmp_.file("other")});
  EXPECT_EQ(other.removed, 0);
  EXPECT_EQ(testing::open_index(tmp_.file("index")).get_doccount(), 3u);
}

TEST_F(PipelineTest, BrokenLocalPdfIsRecordedAsFailedWithItsReason) {
  write("pdfs/empty.pdf", "");
  PipelineSummary s = run({tmp_.file("pdfs")});
  EXPECT_EQ(s.failed, 1);
  const std::string id = pdf_paper_id(tmp_.file("pdfs/empty.pdf"));
  auto rec = record(id);
  ASSERT_TRUE(rec);
  EXPECT_EQ(rec->state, "failed");
  EXPECT_EQ(rec->reason, "file is empty (0 bytes)");
  Xapian::Database db = testing::open_index(tmp_.file("index"));
  EXPECT_EQ(testing::value_of(db, id, schema::kSlotState), "metadata");
  // Same bytes next time: not extracted again, and counted as a file to repair.
  PipelineSummary again = run({tmp_.file("pdfs")});
  EXPECT_EQ(again.extractions, 0);
  EXPECT_EQ(again.still_metadata, 1);
  EXPECT_EQ(again.still_failed_files, 1);
}

class ListPipelineTest : public PipelineTest {
 protected:
  void SetUp() override {
    server_.serve("/right.pdf", testing::pdf_response(paper_pdf(
                                    "Deep Learning for Kidney Segmentation", {"kidney body"})));
    server_.serve("/other.pdf",
                  testing::pdf_response(paper_pdf("Another Paper Entirely", {"unrelated words"})));
    server_.serve("/lung.pdf",
                  testing::pdf_response(paper_pdf("Lung Nodule Detection", {"lung body text"})));
  }
  std::string entry(const std::string& title, const std::string& authors,
                    const std::vector<std::string>& links) const {
    std::string e = "**" + title + "** \\\n*" + authors + "* <br>\n[MIA, 2021]";
    for (const auto& l : links) e += " [[Paper](" + server_.url(l) + ")]";
    return e + "\n\n";
  }
  void write_list(const std::string& body) const {
    std::ofstream(tmp_.file("list.md")) << "# Papers\n\n## Segmentation\n\n" << body;
  }
  std::string id_of(const std::string& title) const {
    for (const auto& o : recorder_.outcomes) {
      if (o.title == title) return o.id;
    }
    return "";
  }
  testing::HttpServer server_;
};

TEST_F(ListPipelineTest, WrongPdfIsRejectedAndTheNextCandidateUsed) {
  write_list(
      entry("Deep Learning for Kidney Segmentation", "Ann Author", {"/other.pdf", "/right.pdf"}) +
      entry("Lung Nodule Detection", "Bo Author", {"/other.pdf"}) +
      entry("Missing Paper", "Cy Author", {"/missing.pdf"}));
  PipelineSummary s = run({tmp_.file("list.md")});
  EXPECT_EQ(s.text, 1);
  EXPECT_EQ(s.metadata, 2);

  const std::string kidney = id_of("Deep Learning for Kidney Segmentation");
  const std::string lung = id_of("Lung Nodule Detection");
  const std::string missing = id_of("Missing Paper");
  Xapian::Database db = testing::open_index(tmp_.file("index"));
  EXPECT_EQ(testing::value_of(db, kidney, schema::kSlotState), "text");
  EXPECT_EQ(testing::search_phrase(db, "kidney body"), (std::vector<std::string>{kidney}));
  // The wrong PDF's text is never indexed under a paper's name.
  EXPECT_TRUE(testing::search_phrase(db, "unrelated words").empty());
  EXPECT_EQ(testing::value_of(db, lung, schema::kSlotState), "metadata");
  EXPECT_TRUE(db.term_exists("XBTmetadata"));

  auto k = record(kidney);
  ASSERT_TRUE(k);
  EXPECT_EQ(k->state, "text");
  EXPECT_EQ(k->url, server_.url("/right.pdf"));
  auto l = record(lung);
  ASSERT_TRUE(l);
  EXPECT_EQ(l->state, "metadata");
  EXPECT_EQ(l->reason, "PDF at " + server_.url("/other.pdf") +
                           " is a different paper ('Another Paper Entirely' on its first page); "
                           "if a PDF is the right one after all, check the entry's title at " +
                           tmp_.file("list.md") + ":9");
  auto m = record(missing);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->state, "metadata");
  EXPECT_EQ(m->reason, server_.url("/missing.pdf") + ": HTTP 404 Not Found");
  auto doc = db.get_document(*db.postlist_begin("Q" + missing));
  EXPECT_EQ(schema::decode_document_data(doc.get_data()).reason, m->reason);
}

TEST_F(ListPipelineTest, AKeptTextsRecordHasTheEntryAsItReadsNow) {
  write_list(entry("Lung Nodule Detection", "Bo Author", {"/lung.pdf"}));
  run({tmp_.file("list.md")});
  const std::string id = id_of("Lung Nodule Detection");
  server_.serve("/lung.pdf", testing::status_response(404));
  // Another capitalisation (the same id) and another author: the entry changed.
  write_list(entry("Lung nodule detection", "Bo Other", {"/lung.pdf"}));
  PipelineOptions o = options({tmp_.file("list.md")});
  o.fetch.refresh = true;
  recorder_ = Recorder();
  PipelineSummary s = run_pipeline(o, recorder_);
  EXPECT_EQ(s.kept_text, 1);
  auto rec = record(id);
  ASSERT_TRUE(rec);
  EXPECT_EQ(rec->state, "text");
  EXPECT_EQ(rec->title, "Lung nodule detection");
}

TEST_F(ListPipelineTest, AnEditedTitleIsReportedAsTheSamePaperRenamed) {
  write_list(entry("Lung Nodule Detection", "Bo Author", {"/lung.pdf"}));
  run({tmp_.file("list.md")});
  const std::string old_id = id_of("Lung Nodule Detection");
  write_list(entry("Lung Nodule Detection Revisited", "Bo Author", {"/lung.pdf"}));
  PipelineSummary s = run({tmp_.file("list.md")});
  EXPECT_EQ(s.removed, 1);
  std::vector<std::string> removed;
  for (const PaperOutcome& o : recorder_.outcomes) {
    if (o.kind == PaperOutcome::Kind::kRemoved) removed.push_back(o.id + ": " + o.reason);
  }
  EXPECT_THAT(removed, ::testing::ElementsAre(old_id +
                                              ": its entry now reads 'Lung Nodule Detection "
                                              "Revisited', id " +
                                              id_of("Lung Nodule Detection Revisited")));
}

TEST_F(ListPipelineTest, AnEditedTitleKeepsTheTextWhenThePdfCannotBeFetched) {
  const std::string full = "Lung Nodule Detection: A Graph Approach";
  server_.serve("/full.pdf", testing::pdf_response(paper_pdf(full, {"lung body text"})));
  server_.serve("/kidney.pdf", testing::pdf_response(paper_pdf("Kidney Segmentation: A Study",
                                                               {"kidney body text"})));
  write_list(entry("Lung Nodule Detection", "Bo Author", {"/full.pdf"}) +
             entry("Kidney Segmentation", "Cy Author", {"/kidney.pdf"}));
  ASSERT_EQ(run({tmp_.file("list.md")}).text, 2);
  const std::string old_id = id_of("Lung Nodule Detection");
  server_.serve("/full.pdf", testing::status_response(503));
  server_.serve("/kidney.pdf", testing::status_response(503));
  // The title completed to the PDF's, and (the list's fix of a wrong entry) "Kidney
  // Segmentation" renamed to a title its old text does not carry.
  write_list(entry(full, "Bo Author", {"/full.pdf"}) +
             entry("Liver Segmentation", "Cy Author", {"/kidney.pdf"}));
  // With --refresh (without it, the copy downloaded before would be used).
  PipelineOptions o = options({tmp_.file("list.md")});
  o.fetch.refresh = true;
  recorder_ = Recorder();
  PipelineSummary s = run_pipeline(o, recorder_);
  // Kept, not extracted: neither "with text" nor unchanged, but a line of its own.
  EXPECT_EQ(s.text, 0);
  EXPECT_EQ(s.unchanged, 0);
  EXPECT_EQ(s.kept_text, 0);
  EXPECT_EQ(s.kept_text_renamed, 1);
  EXPECT_EQ(s.metadata, 1);
  EXPECT_EQ(s.removed, 2);
  EXPECT_EQ(exit_code_for(s), kExitPartial);
  {
    std::ostringstream out;
    print_summary(s, out);
    EXPECT_EQ(out.str(),
              "paper-index: indexed 0 papers with text, 1 from metadata only, 0 failed; 0 "
              "unchanged, 2 removed (index: 2 papers)\n"
              "  1 paper: HTTP 503 Service Unavailable\n"
              "paper-index: 1 paper kept its earlier text (PDF not fetched this run): its title "
              "was edited, which gives it a new id; the next run fetches and checks its PDF "
              "again (see the warnings)\n");
  }
  const std::string new_id = id_of(full);
  ASSERT_FALSE(new_id.empty());
  ASSERT_EQ(recorder_.warnings.size(), 1u);
  EXPECT_EQ(recorder_.warnings[0].substr(0, recorder_.warnings[0].find(": its PDF")),
            "paper " + new_id + " ('" + full + "') keeps the text indexed before under " + old_id);
  Xapian::Database db = testing::open_index(tmp_.file("index"));
  // The old text goes only where its title check passes.
  EXPECT_EQ(testing::search_phrase(db, "lung body text"), (std::vector<std::string>{new_id}));
  EXPECT_TRUE(testing::search_phrase(db, "kidney body text").empty());
  EXPECT_FALSE(testing::has_paper(db, old_id));
  EXPECT_EQ(testing::value_of(db, id_of("Liver Segmentation"), schema::kSlotState), "metadata");
  auto rec = record(new_id);
  ASSERT_TRUE(rec);
  EXPECT_EQ(rec->state, "text");
  auto doc = db.get_document(*db.postlist_begin("Q" + new_id));
  EXPECT_EQ(schema::decode_document_data(doc.get_data()).paper.title, full);
  // The next run, the server back, fetches and checks the PDF again.
  server_.serve("/full.pdf", testing::pdf_response(paper_pdf(full, {"lung body text"})));
  recorder_ = Recorder();
  PipelineSummary again = run_pipeline(o, recorder_);
  EXPECT_EQ(again.extractions, 1);
}

TEST_F(ListPipelineTest, AWrongPdfsTitleSaysWhereItWasRead) {
  server_.serve("/meta.pdf",
                testing::pdf_response(paper_pdf("Something Else", {"other words on the page"},
                                                "Metadata Of Another Paper")));
  write_list(entry("Lung Nodule Detection", "Bo Author", {"/meta.pdf"}));
  run({tmp_.file("list.md")});
  auto l = record(id_of("Lung Nodule Detection"));
  ASSERT_TRUE(l);
  EXPECT_EQ(l->reason.substr(0, l->reason.find(';')),
            "PDF at " + server_.url("/meta.pdf") +
                " is a different paper ('Metadata Of Another Paper' in its PDF metadata)");
}

TEST_F(ListPipelineTest, DiscoveryFindsAPdfWhenTheLinksGiveNone) {
  // The paper's only link is dead; the arXiv API knows no such title; Semantic Scholar's title
  // match points at an open copy.
  const std::string title = "Deep Learning for Kidney Segmentation";
  server_.serve("/arxiv/query",
                testing::pdf_response("<?xml version=\"1.0\"?><feed "
                                      "xmlns=\"http://www.w3.org/2005/Atom\"></feed>",
                                      "application/atom+xml"));
  server_.serve("/s2/graph/v1/paper/search/match",
                testing::pdf_response(R"({"data": [{"title": ")" + title +
                                          R"(", "openAccessPdf": {"url": ")" +
                                          server_.url("/right.pdf") + R"("}}]})",
                                      "application/json"));
  write_list(entry(title, "Ann Author", {"/missing.pdf"}) +
             entry("Lung Nodule Detection", "Bo Author", {"/missing-too.pdf"}));
  PipelineOptions o = options({tmp_.file("list.md")});
  o.discover = true;
  o.discovery.arxiv_api = server_.url("/arxiv/query");
  o.discovery.semantic_scholar_api = server_.url("/s2/graph/v1");
  o.discovery.use_semantic_scholar = true;
  o.discovery.arxiv_interval_s = 0;
  o.discovery.semantic_scholar_interval_s = 0;
  recorder_ = Recorder();
  PipelineSummary s = run_pipeline(o, recorder_);
  EXPECT_EQ(s.text, 1);
  EXPECT_EQ(s.metadata, 1);

  const std::string kidney = id_of(title);
  Xapian::Database db = testing::open_index(tmp_.file("index"));
  EXPECT_EQ(testing::search_phrase(db, "kidney body"), (std::vector<std::string>{kidney}));
  auto k = record(kidney);
  ASSERT_TRUE(k);
  EXPECT_EQ(k->url, server_.url("/right.pdf"));
  // Without a candidate from any API, the reason says what each one answered.
  auto l = record(id_of("Lung Nodule Detection"));
  ASSERT_TRUE(l);
  EXPECT_EQ(l->state, "metadata");
  EXPECT_EQ(l->reason, server_.url("/missing-too.pdf") +
                           ": HTTP 404 Not Found; arXiv API: no entry with a matching title; "
                           "Semantic Scholar: no open-access PDF with a matching title");
}

TEST_F(ListPipelineTest, RefreshAsksTheServerAgainAndReindexesOnlyChangedPdfs) {
  write_list(entry("Deep Learning for Kidney Segmentation", "Ann Author", {"/right.pdf"}) +
             entry("Lung Nodule Detection", "Bo Author", {"/lung.pdf"}));
  ASSERT_EQ(run({tmp_.file("list.md")}).extractions, 2);
  // The server now has a new version of one PDF; a plain re-run does not ask.
  server_.serve("/right.pdf",
                testing::pdf_response(
                    paper_pdf("Deep Learning for Kidney Segmentation", {"kidney second version"})));
  PipelineSummary plain = run({tmp_.file("list.md")});
  EXPECT_EQ(plain.unchanged, 2);
  EXPECT_EQ(plain.fetches, 0);

  PipelineOptions o = options({tmp_.file("list.md")});
  o.fetch.refresh = true;
  recorder_ = Recorder();
  PipelineSummary refreshed = run_pipeline(o, recorder_);
  EXPECT_EQ(refreshed.fetches, 2);
  EXPECT_EQ(refreshed.extractions, 1);
  EXPECT_EQ(refreshed.text, 1);
  EXPECT_EQ(refreshed.unchanged, 1);
  const std::string kidney = id_of("Deep Learning for Kidney Segmentation");
  Xapian::Database db = testing::open_index(tmp_.file("index"));
  EXPECT_EQ(testing::search_phrase(db, "kidney second version"),
            (std::vector<std::string>{kidney}));
  auto lung = record(id_of("Lung Nodule Detection"));
  ASSERT_TRUE(lung);
  EXPECT_EQ(lung->state, "text");
  EXPECT_EQ(lung->url, server_.url("/lung.pdf"));
}

// A paper indexed with text keeps it when its PDF cannot be fetched again: on --refresh with the
// server answering 404, and for an edited entry whose new link fails (tried again next run).
TEST_F(ListPipelineTest, AFailedRefetchKeepsTheTextIndexedBefore) {
  write_list(entry("Deep Learning for Kidney Segmentation", "Ann Author", {"/right.pdf"}) +
             entry("Lung Nodule Detection", "Bo Author", {"/lung.pdf"}));
  ASSERT_EQ(run({tmp_.file("list.md")}).extractions, 2);
  const std::string kidney = id_of("Deep Learning for Kidney Segmentation");
  server_.serve("/right.pdf", testing::status_response(404));

  PipelineOptions o = options({tmp_.file("list.md")});
  o.fetch.refresh = true;
  recorder_ = Recorder();
  PipelineSummary refreshed = run_pipeline(o, recorder_);
  EXPECT_EQ(refreshed.metadata, 0);
  EXPECT_EQ(refreshed.unchanged, 2);
  EXPECT_EQ(refreshed.kept_text, 1);
  ASSERT_EQ(recorder_.warnings.size(), 1u);
  EXPECT_EQ(recorder_.warnings[0],
            "paper " + kidney +
                " ('Deep Learning for Kidney Segmentation') keeps the text indexed before: its PDF "
                "could not be fetched again (" +
                server_.url("/right.pdf") +
                ": HTTP 404 Not Found); run `paper-index build --refresh` again to try again");
  {
    Xapian::Database db = testing::open_index(tmp_.file("index"));
    EXPECT_EQ(testing::search_phrase(db, "kidney body"), (std::vector<std::string>{kidney}));
  }
  auto k = record(kidney);
  ASSERT_TRUE(k);
  EXPECT_EQ(k->state, "text");
  EXPECT_EQ(k->url, server_.url("/right.pdf"));
  EXPECT_EQ(k->reason, "kept the text indexed before; fetching it again failed: " +
                           server_.url("/right.pdf") + ": HTTP 404 Not Found");
  EXPECT_EQ(exit_code_for(refreshed), kExitPartial);

  // The entry now names a link that fails: the text stays, the new authors are taken, and the
  // next run asks again (and indexes the new PDF once it is there).
  write_list(
      entry("Deep Learning for Kidney Segmentation", "Ann Author, Dee Author", {"/moved.pdf"}) +
      entry("Lung Nodule Detection", "Bo Author", {"/lung.pdf"}));
  PipelineSummary edited = run({tmp_.file("list.md")});
  EXPECT_EQ(edited.kept_text, 1);
  EXPECT_EQ(edited.metadata, 0);
  {
    Xapian::Database db = testing::open_index(tmp_.file("index"));
    EXPECT_EQ(testing::search_phrase(db, "kidney body"), (std::vector<std::string>{kidney}));
  }
  server_.serve("/moved.pdf", testing::pdf_response(paper_pdf(
                                  "Deep Learning for Kidney Segmentation", {"kidney moved body"})));
  PipelineSummary later = run({tmp_.file("list.md")});
  EXPECT_EQ(later.extractions, 1);
  EXPECT_EQ(later.text, 1);
  Xapian::Database db = testing::open_index(tmp_.file("index"));
  EXPECT_EQ(testing::search_phrase(db, "kidney moved body"), (std::vector<std::string>{kidney}));
}

// A landing page that names a PDF which fails: the reason says which URL failed.
TEST_F(ListPipelineTest, AFailureAfterALandingPageNamesTheUrlThatFailed) {
  server_.serve("/abs/7", testing::html_response("<meta name=\"citation_pdf_url\" "
                                                 "content=\"/files/missing.pdf\">"));
  write_list(entry("Lung Nodule Detection", "Bo Author", {"/abs/7"}));
  run({tmp_.file("list.md")});
  auto lung = record(id_of("Lung Nodule Detection"));
  ASSERT_TRUE(lung);
  EXPECT_EQ(lung->state, "metadata");
  EXPECT_EQ(lung->reason, server_.url("/abs/7") + " -> " + server_.url("/files/missing.pdf") +
                              ": HTTP 404 Not Found");
}

TEST_F(ListPipelineTest, ChangedEntryIsRewrittenWithoutExtractionAndRemovedEntryDeleted) {
  write_list(entry("Deep Learning for Kidney Segmentation", "Ann Author", {"/right.pdf"}) +
             entry("Lung Nodule Detection", "Bo Author", {"/lung.pdf"}));
  ASSERT_EQ(run({tmp_.file("list.md")}).extractions, 2);
  const std::string kidney = id_of("Deep Learning for Kidney Segmentation");
  const std::string lung = id_of("Lung Nodule Detection");

  PipelineSummary same = run({tmp_.file("list.md")});
  EXPECT_EQ(same.unchanged, 2);
  EXPECT_EQ(same.fetches, 0);
  EXPECT_EQ(same.extractions, 0);

  write_list(entry("Deep Learning for Kidney Segmentation", "Dana Newauthor", {"/right.pdf"}));
  PipelineSummary changed = run({tmp_.file("list.md")});
  EXPECT_EQ(changed.text, 1);
  EXPECT_EQ(changed.extractions, 0);  // same PDF: its stored pages are re-indexed
  EXPECT_EQ(changed.removed, 1);
  Xapian::Database db = testing::open_index(tmp_.file("index"));
  EXPECT_TRUE(db.term_exists("ZAnewauthor"));
  EXPECT_FALSE(db.term_exists("ZAann"));
  EXPECT_EQ(testing::search_phrase(db, "kidney body"), (std::vector<std::string>{kidney}));
  EXPECT_FALSE(testing::has_paper(db, lung));
  EXPECT_FALSE(record(lung));
}

TEST_F(ListPipelineTest, MetadataOnlyPaperIsTriedAgainOnlyWithRetry) {
  write_list(entry("Lung Nodule Detection", "Bo Author", {"/later.pdf"}));
  ASSERT_EQ(run({tmp_.file("list.md")}).metadata, 1);
  server_.serve("/later.pdf",
                testing::pdf_response(paper_pdf("Lung Nodule Detection", {"found later"})));
  PipelineSummary again = run({tmp_.file("list.md")});
  EXPECT_EQ(again.unchanged, 1);
  EXPECT_EQ(again.still_metadata, 1);
  EXPECT_EQ(again.still_failed_files, 0);
  EXPECT_EQ(again.fetches, 0);
  PipelineOptions o = options({tmp_.file("list.md")});
  o.retry = true;
  PipelineSummary retried = run_pipeline(o, recorder_);
  EXPECT_EQ(retried.text, 1);
  EXPECT_EQ(retried.still_metadata, 0);
  Xapian::Database db = testing::open_index(tmp_.file("index"));
  EXPECT_EQ(testing::search_phrase(db, "found later").size(), 1u);
  EXPECT_FALSE(db.term_exists("XBTmetadata"));
}

// A paper is removed only when no list names it: a run of one list keeps the other lists that
// named a paper before.
TEST_F(ListPipelineTest, APaperStillNamedByAListNotReadThisRunIsKept) {
  const std::string lung = entry("Lung Nodule Detection", "Bo Author", {"/lung.pdf"});
  const std::string kidney =
      entry("Deep Learning for Kidney Segmentation", "Ann Author", {"/right.pdf"});
  auto write = [&](const std::string& name, const std::string& body) {
    std::ofstream(tmp_.file(name)) << "# Papers\n\n## Segmentation\n\n" << body;
  };
  write("a.md", lung);
  write("b.md", lung + kidney);
  run({tmp_.file("a.md")});
  run({tmp_.file("b.md")});
  write("b.md", kidney);  // b.md drops the lung paper; a.md, not read below, still names it
  PipelineSummary s = run({tmp_.file("b.md")});
  EXPECT_EQ(s.removed, 0);
  Xapian::Database db = testing::open_index(tmp_.file("index"));
  EXPECT_EQ(db.get_doccount(), 2u);
  EXPECT_EQ(testing::search_phrase(db, "lung body text").size(), 1u);
  // Once no list names it, it goes.
  write("a.md", kidney);
  s = run({tmp_.file("a.md"), tmp_.file("b.md")});
  EXPECT_EQ(s.removed, 1);
  EXPECT_EQ(testing::open_index(tmp_.file("index")).get_doccount(), 1u);
}

TEST_F(ListPipelineTest, UnreadableListKeepsItsPapers) {
  write_list(entry("Lung Nodule Detection", "Bo Author", {"/lung.pdf"}));
  run({tmp_.file("list.md")});
  fs::remove(tmp_.file("list.md"));
  // With nothing readable the run stops before touching the index.
  try {
    run({tmp_.file("list.md")});
    ADD_FAILURE() << "expected an error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "none of the inputs could be read (see the warnings above); check the paths");
  }
  EXPECT_EQ(testing::open_index(tmp_.file("index")).get_doccount(), 1u);
  // Beside a readable input, the unreadable list's papers are kept, not removed.
  write("pdfs/a.pdf", paper_pdf("Paper A", {"alpha words"}));
  PipelineSummary s = run({tmp_.file("list.md"), tmp_.file("pdfs")});
  EXPECT_EQ(s.removed, 0);
  EXPECT_EQ(s.unreadable_inputs, 1);
  EXPECT_EQ(testing::open_index(tmp_.file("index")).get_doccount(), 2u);
}

// An input deleted or renamed since names nothing any more: its papers go, even when the run
// does not name it. A folder whose own folder is gone too (a disk not mounted) keeps its papers.
TEST_F(ListPipelineTest, PapersOfAnInputThatIsGoneAreRemoved) {
  write_list(entry("Lung Nodule Detection", "Bo Author", {"/lung.pdf"}));
  write("pdfs/a.pdf", paper_pdf("Paper A", {"alpha words"}));
  write("mnt/usb/pdfs/b.pdf", paper_pdf("Paper B", {"beta words"}));
  run({tmp_.file("list.md"), tmp_.file("pdfs"), tmp_.file("mnt/usb/pdfs")});
  ASSERT_EQ(testing::open_index(tmp_.file("index")).get_doccount(), 3u);

  fs::remove(tmp_.file("list.md"));
  fs::rename(tmp_.file("pdfs"), tmp_.file("pdfs-2024"));
  // Unmounted: the mount point is there, empty.
  fs::rename(tmp_.file("mnt/usb"), tmp_.file("usb-unmounted"));
  fs::create_directories(tmp_.file("mnt/usb"));
  write("other/c.pdf", paper_pdf("Paper C", {"gamma words"}));
  PipelineSummary s = run({tmp_.file("other")});
  EXPECT_EQ(s.removed, 2);  // the list's paper and pdfs/a.pdf; not mnt/usb/pdfs/b.pdf
  Xapian::Database db = testing::open_index(tmp_.file("index"));
  EXPECT_EQ(db.get_doccount(), 2u);
  EXPECT_TRUE(testing::has_paper(db, pdf_paper_id(tmp_.file("mnt/usb/pdfs/b.pdf"))));
  EXPECT_FALSE(testing::has_paper(db, pdf_paper_id(tmp_.file("pdfs/a.pdf"))));
  // A folder input that is now empty (the mount point itself) keeps its papers too.
  fs::remove_all(tmp_.file("other"));
  fs::create_directories(tmp_.file("other"));
  write("more/d.pdf", paper_pdf("Paper D", {"delta words on a page of the fourth paper"}));
  PipelineSummary empty = run({tmp_.file("other"), tmp_.file("more")});
  EXPECT_EQ(empty.removed, 0);
  EXPECT_EQ(testing::open_index(tmp_.file("index")).get_doccount(), 3u);
  EXPECT_THAT(recorder_.warnings,
              ::testing::Contains(tmp_.file("other") +
                                  ": folder has no PDF files; nothing to index there (papers "
                                  "indexed from it before are kept: `paper-index build "
                                  "--rebuild` drops them)"));
}

// A renamed folder: its PDFs are new papers, whose pages are taken from the papers of the old
// name (the same bytes), which go; nothing is extracted again. A copy keeps both.
TEST_F(PipelineTest, ARenamedFolderTakesItsPagesFromTheOldPapers) {
  write("pdfs/a.pdf",
        paper_pdf("Ignored Heading", {"alpha words", "the magic phrase"}, "Metadata Title Alpha"));
  write("pdfs/b.pdf", paper_pdf("Paper B", {"beta words on a page of the second paper"}));
  ASSERT_EQ(run({tmp_.file("pdfs")}).text, 2);
  fs::rename(tmp_.file("pdfs"), tmp_.file("pdfs-2024"));
  fs::create_directories(tmp_.file("copy"));
  fs::copy_file(tmp_.file("pdfs-2024/b.pdf"), tmp_.file("copy/b.pdf"));
  PipelineSummary s = run({tmp_.file("pdfs-2024"), tmp_.file("copy")});
  EXPECT_EQ(s.extractions, 0);
  EXPECT_EQ(s.copied, 3);
  EXPECT_EQ(s.text, 3);
  EXPECT_EQ(s.removed, 2);
  Xapian::Database db = testing::open_index(tmp_.file("index"));
  EXPECT_EQ(db.get_doccount(), 3u);
  const std::string a = pdf_paper_id(tmp_.file("pdfs-2024/a.pdf"));
  EXPECT_EQ(testing::search_phrase(db, "magic phrase"), (std::vector<std::string>{a}));
  schema::StoredPaper sa =
      schema::decode_document_data(db.get_document(*db.postlist_begin("Q" + a)).get_data());
  EXPECT_EQ(sa.paper.title, "Metadata Title Alpha");
  EXPECT_EQ(sa.pdf_url, tmp_.file("pdfs-2024/a.pdf"));
  EXPECT_EQ(sa.lists, (std::vector<std::string>{tmp_.file("pdfs-2024")}));
  EXPECT_EQ(sa.page_count, 2);
  auto rec = record(a);
  ASSERT_TRUE(rec);
  EXPECT_EQ(rec->state, "text");
  EXPECT_EQ(rec->title, "Metadata Title Alpha");
  EXPECT_EQ(run({tmp_.file("pdfs-2024"), tmp_.file("copy")}).unchanged, 3);
}

// Two PDFs that swapped their bytes: each gets its own text back (extracted), never the other's
// twice; a paper written again in the run gives no pages.
TEST_F(PipelineTest, PdfsThatSwappedTheirBytesEachGetTheirOwnText) {
  write("pdfs/a.pdf",
        paper_pdf("Paper Alpha", {"alpha words on a page of the first paper"}, "Paper Alpha"));
  write("pdfs/b.pdf",
        paper_pdf("Paper Beta", {"beta words on a page of the second paper"}, "Paper Beta"));
  ASSERT_EQ(run({tmp_.file("pdfs")}).text, 2);
  fs::rename(tmp_.file("pdfs/a.pdf"), tmp_.file("pdfs/t.pdf"));
  fs::rename(tmp_.file("pdfs/b.pdf"), tmp_.file("pdfs/a.pdf"));
  fs::rename(tmp_.file("pdfs/t.pdf"), tmp_.file("pdfs/b.pdf"));
  PipelineSummary s = run({tmp_.file("pdfs")});
  EXPECT_EQ(s.copied, 0);
  EXPECT_EQ(s.text, 2);
  Xapian::Database db = testing::open_index(tmp_.file("index"));
  auto title_of = [&](const std::string& file) {
    const std::string id = pdf_paper_id(tmp_.file(file));
    return schema::decode_document_data(db.get_document(*db.postlist_begin("Q" + id)).get_data())
        .paper.title;
  };
  EXPECT_EQ(title_of("pdfs/a.pdf"), "Paper Beta");
  EXPECT_EQ(title_of("pdfs/b.pdf"), "Paper Alpha");
  EXPECT_EQ(testing::search_phrase(db, "alpha words"),
            (std::vector<std::string>{pdf_paper_id(tmp_.file("pdfs/b.pdf"))}));
}

// A disk mounted inside the folder given: not mounted, its mount point is an empty subfolder, and
// its papers are kept (with a warning); a subfolder deleted is not that.
TEST_F(PipelineTest, AnEmptiedSubfolderKeepsItsPapersADeletedOneDoesNot) {
  write("lib/a.pdf", paper_pdf("Paper A", {"alpha words on a page of the first paper"}));
  write("lib/disk/b.pdf", paper_pdf("Paper B", {"beta words on a page of the second paper"}));
  write("lib/old/c.pdf", paper_pdf("Paper C", {"gamma words on a page of the third paper"}));
  ASSERT_EQ(run({tmp_.file("lib")}).text, 3);
  fs::rename(tmp_.file("lib/disk/b.pdf"), tmp_.file("b.pdf"));
  fs::remove_all(tmp_.file("lib/old"));
  PipelineSummary s = run({tmp_.file("lib")});
  EXPECT_EQ(s.removed, 1);
  Xapian::Database db = testing::open_index(tmp_.file("index"));
  EXPECT_TRUE(testing::has_paper(db, pdf_paper_id(tmp_.file("lib/disk/b.pdf"))));
  EXPECT_FALSE(testing::has_paper(db, pdf_paper_id(tmp_.file("lib/old/c.pdf"))));
  EXPECT_THAT(recorder_.warnings,
              ::testing::Contains(tmp_.file("lib/disk") +
                                  ": folder is empty; the papers indexed from it are kept, as for "
                                  "a disk not mounted (`paper-index build --rebuild` drops them)"));
}

// A list is one list however its path is spelled: naming it another way changes nothing, and an
// entry deleted from it is removed.
TEST_F(ListPipelineTest, AListIsKnownByItsPathHoweverItIsSpelled) {
  write_list(entry("Lung Nodule Detection", "Bo Author", {"/lung.pdf"}) +
             entry("Missing Paper", "Cy Author", {"/missing.pdf"}));
  const fs::path cwd = fs::current_path();
  fs::current_path(tmp_.path());
  run({"list.md"});
  const std::string lung_id = id_of("Lung Nodule Detection");
  PipelineSummary again = run({"./list.md"});
  EXPECT_EQ(again.unchanged, 2);
  EXPECT_EQ(again.text + again.metadata, 0);
  // Through a link to its folder, too.
  fs::create_directory_symlink(tmp_.path(), tmp_.file("alias"));
  PipelineSummary linked = run({tmp_.file("alias/list.md")});
  EXPECT_EQ(linked.unchanged, 2);
  EXPECT_EQ(linked.text + linked.metadata + linked.removed, 0);
  write_list(entry("Lung Nodule Detection", "Bo Author", {"/lung.pdf"}));
  PipelineSummary removed = run({tmp_.file("list.md")});
  fs::current_path(cwd);
  EXPECT_EQ(removed.removed, 1);
  Xapian::Database db = testing::open_index(tmp_.file("index"));
  EXPECT_EQ(db.get_doccount(), 1u);
  schema::StoredPaper lung =
      schema::decode_document_data(db.get_document(*db.postlist_begin("Q" + lung_id)).get_data());
  EXPECT_EQ(lung.lists, (std::vector<std::string>{tmp_.file("list.md")}));
}

// An index made when lists were kept as given ("list.md") is taken as it is: its papers are
// unchanged, nothing is fetched or extracted, and their records get the list's absolute path.
TEST_F(ListPipelineTest, AnIndexWithListsAsGivenIsNotReprocessed) {
  write_list(entry("Lung Nodule Detection", "Bo Author", {"/lung.pdf"}) +
             entry("Missing Paper", "Cy Author", {"/missing.pdf"}));
  run({tmp_.file("list.md")});
  {
    IndexOptions io;
    io.dir = tmp_.file("index");
    auto writer = IndexWriter::open(io);
    for (const auto& [id, version] : writer->all_versions()) {
      schema::StoredPaper stored = *writer->stored(id);
      stored.lists = {"list.md"};
      writer->put(stored, entry_hash(stored.paper, stored.lists));
    }
    writer->finish();
  }
  const fs::path cwd = fs::current_path();
  fs::current_path(tmp_.path());
  PipelineSummary s = run({tmp_.file("list.md")});
  fs::current_path(cwd);
  EXPECT_EQ(s.unchanged, 2);
  EXPECT_EQ(s.fetched_ok + s.extractions + s.text + s.metadata + s.removed, 0);
  {
    IndexOptions io;
    io.dir = tmp_.file("index");
    auto writer = IndexWriter::open(io);
    for (const auto& [id, version] : writer->all_versions()) {
      EXPECT_EQ(version.lists, (std::vector<std::string>{tmp_.file("list.md")})) << id;
    }
    writer->finish();
  }
  EXPECT_EQ(run({tmp_.file("list.md")}).unchanged, 2);
}

// A host that asks to wait long (HTTP 429 with Retry-After) is said to, once a minute at most,
// so that the run does not look hung; short back-offs pass unseen.
TEST_F(ListPipelineTest, ALongWaitAskedByAHostIsSaid) {
  testing::HttpResponse busy = testing::status_response(429);
  busy.headers.emplace_back("Retry-After", "90");
  server_.serve("/busy1.pdf", busy);
  server_.serve("/busy2.pdf", busy);
  server_.serve("/flaky.pdf", testing::status_response(503));
  write_list(entry("First Busy Paper", "Ann Author", {"/busy1.pdf"}) +
             entry("Second Busy Paper", "Bo Author", {"/busy2.pdf"}));
  PipelineOptions o = options({tmp_.file("list.md")});
  o.fetch.max_attempts = 3;
  recorder_ = Recorder();
  PipelineSummary s = run_pipeline(o, recorder_);
  EXPECT_EQ(s.metadata, 2);
  EXPECT_THAT(recorder_.waits, ::testing::ElementsAre("127.0.0.1 90 HTTP 429 Too Many Requests"));
  write_list(entry("Flaky Paper", "Cy Author", {"/flaky.pdf"}));
  recorder_ = Recorder();
  run_pipeline(o, recorder_);
  EXPECT_TRUE(recorder_.waits.empty());
}

TEST_F(ListPipelineTest, SecondWriterIsRefused) {
  write_list(entry("Lung Nodule Detection", "Bo Author", {"/lung.pdf"}));
  IndexOptions io;
  io.dir = tmp_.file("index");
  auto holder = IndexWriter::open(io);
  try {
    run({tmp_.file("list.md")});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "index is being updated by process " +
                                         std::to_string(::getpid()) +
                                         "; wait for it to finish or stop it");
  }
}

TEST_F(ListPipelineTest, RebuildSwapsInANewGenerationWhileAReaderKeepsTheOld) {
  write_list(entry("Lung Nodule Detection", "Bo Author", {"/lung.pdf"}));
  run({tmp_.file("list.md")});
  Xapian::Database reader = testing::open_index(tmp_.file("index"));
  const std::string old_path = *live_database_path(tmp_.file("index"));

  write_list(entry("Deep Learning for Kidney Segmentation", "Ann Author", {"/right.pdf"}) +
             entry("Lung Nodule Detection", "Bo Newauthor", {"/lung.pdf"}));
  PipelineOptions o = options({tmp_.file("list.md")});
  o.rebuild = true;
  PipelineSummary s = run_pipeline(o, recorder_);
  EXPECT_EQ(s.text, 2);
  EXPECT_EQ(s.extractions, 2);
  EXPECT_NE(*live_database_path(tmp_.file("index")), old_path);
  EXPECT_EQ(testing::search_phrase(reader, "lung body text").size(), 1u);
  EXPECT_FALSE(reader.term_exists("ZAnewauthor"));
  Xapian::Database now = testing::open_index(tmp_.file("index"));
  EXPECT_EQ(now.get_doccount(), 2u);
  EXPECT_TRUE(now.term_exists("ZAnewauthor"));
  EXPECT_EQ(testing::search_phrase(now, "kidney body").size(), 1u);
  EXPECT_EQ(server_.count("/lung.pdf"), 1);  // fetched once; the rebuild needed no download
}

TEST_F(ListPipelineTest, ResumedRebuildKeepsOnlyThisRunsInputs) {
  write_list(entry("Lung Nodule Detection", "Bo Author", {"/lung.pdf"}));
  run({tmp_.file("list.md")});
  {
    // A rebuild some run left unfinished, holding a paper that this run's inputs do not name.
    IndexOptions io;
    io.dir = tmp_.file("index");
    io.rebuild = true;
    auto w = IndexWriter::open(io);
    schema::StoredPaper stray;
    stray.paper.id = "stray-local-pdf";
    stray.paper.title = "A Paper From Elsewhere";
    w->put(stray, "h");
    w->commit();
  }
  PipelineOptions o = options({tmp_.file("list.md")});
  o.rebuild = true;
  PipelineSummary s = run_pipeline(o, recorder_);
  EXPECT_EQ(s.text, 1);
  EXPECT_EQ(s.removed, 1);
  ASSERT_EQ(recorder_.warnings.size(), 1u);
  EXPECT_EQ(recorder_.warnings[0].rfind("resuming the rebuild that an earlier run left unfinished "
                                        "in ",
                                        0),
            0u)
      << recorder_.warnings[0];
  EXPECT_NE(recorder_.warnings[0].find(", which holds 0 of this run's papers (delete that folder"),
            std::string::npos)
      << recorder_.warnings[0];
  Xapian::Database now = testing::open_index(tmp_.file("index"));
  EXPECT_EQ(now.get_doccount(), 1u);
  EXPECT_FALSE(now.term_exists("Qstray-local-pdf"));
  EXPECT_EQ(testing::search_phrase(now, "lung body text").size(), 1u);
}

TEST_F(ListPipelineTest, StopFlagEndsTheRunWithWhatIsComplete) {
  write_list(entry("Lung Nodule Detection", "Bo Author", {"/lung.pdf"}));
  std::atomic<bool> stop{true};
  PipelineOptions o = options({tmp_.file("list.md")});
  o.stop = &stop;
  PipelineSummary s = run_pipeline(o, recorder_);
  EXPECT_TRUE(s.interrupted);
  EXPECT_EQ(s.text, 0);
  StateStore store(tmp_.file("index/state.sqlite"));
  auto papers = store.papers();
  ASSERT_EQ(papers.size(), 1u);
  EXPECT_EQ(papers[0].state, "pending");
}

}  // namespace
}  // namespace paper
