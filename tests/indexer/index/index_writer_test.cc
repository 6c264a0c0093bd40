#include "indexer/index/index_writer.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <set>

#include "common/error.h"
#include "common/version.h"
#include "tests/support/temp_dir.h"

namespace paper {
namespace {

namespace fs = std::filesystem;
using schema::kPageStride;

schema::StoredPaper sample_paper(const std::string& id = "u-net-review") {
  schema::StoredPaper s;
  s.paper.id = id;
  s.paper.title = "U-Net: A Review of Segmentation";
  s.paper.authors = {"Reza Azad", "Ehsan Aghdam"};
  s.paper.venue = "MIA";
  s.paper.year = 2024;
  s.paper.section = "Related Surveys";
  s.lists = {"data/list.md"};
  s.state = schema::PaperState::kText;
  s.pdf_url = "https://arxiv.org/pdf/2211.14830";
  s.pdf_sha256 = "abc123";
  s.page_count = 2;
  s.abstract = "We review encoder decoder networks.";
  s.pages = {"We review encoder decoder networks. Few-shot learning helps.",
             "The skip connection carries detail; each connection helps. References [1] "
             "Ronneberger biomedical biomedical"};
  s.references_page = 2;
  s.references_offset = s.pages[1].find("References");
  return s;
}

std::vector<Xapian::termpos> positions(const Xapian::Database& db, Xapian::docid id,
                                       const std::string& term) {
  std::vector<Xapian::termpos> out;
  for (auto p = db.positionlist_begin(id, term); p != db.positionlist_end(id, term); ++p) {
    out.push_back(*p);
  }
  return out;
}

bool has_term(const Xapian::Database& db, const std::string& term) { return db.term_exists(term); }

Xapian::docid doc_of(const Xapian::Database& db, const std::string& id) {
  auto p = db.postlist_begin("Q" + id);
  return p == db.postlist_end("Q" + id) ? 0 : *p;
}

std::string error_of(const IndexOptions& options) {
  try {
    IndexWriter::open(options);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

class IndexWriterTest : public ::testing::Test {
 protected:
  IndexOptions options() const {
    IndexOptions o;
    o.dir = tmp_.file("index");
    return o;
  }
  Xapian::Database live() const {
    auto path = live_database_path(tmp_.file("index"));
    EXPECT_TRUE(path.has_value());
    return Xapian::Database(path.value_or(""));
  }
  // A finished index holding the sample paper under id (entry hash "h").
  void build_live_index_of(const std::string& id) const {
    auto w = IndexWriter::open(options());
    w->put(sample_paper(id), "h");
    w->finish();
  }
  testing::TempDir tmp_;
};

TEST_F(IndexWriterTest, WritesFieldsFiltersValuesAndData) {
  auto w = IndexWriter::open(options());
  w->put(sample_paper(), "entryhash");
  w->finish();

  Xapian::Database db = live();
  ASSERT_EQ(db.get_doccount(), 1u);
  Xapian::docid id = doc_of(db, "u-net-review");
  ASSERT_NE(id, 0u);
  // Free text is indexed as "Z" + field prefix + stem only; filters are exact.
  for (const char* t : {"ZSu",          "ZSnet",        "ZSreview",  "Zu",
                        "Znet",         "ZAreza",       "ZAazad",    "ZXVmia",
                        "ZXSsurvey",    "ZXAencod",     "XBVmia",    "XBSrelated-surveys",
                        "XBAreza-azad", "Y2024",        "XBTtext",   "XBLdata/list.md",
                        "Zskip",        "ZXRronneberg", "ZXRbiomed", "Zconnect"}) {
    EXPECT_TRUE(has_term(db, t)) << t;
  }
  for (const char* t : {"skip", "u", "Su", "connection"}) EXPECT_FALSE(has_term(db, t)) << t;
  // The references section is kept out of the body.
  EXPECT_FALSE(has_term(db, "Zronneberg"));
  EXPECT_FALSE(has_term(db, "Zrefer"));

  Xapian::Document doc = db.get_document(id);
  EXPECT_EQ(Xapian::sortable_unserialise(doc.get_value(schema::kSlotYear)), 2024);
  EXPECT_EQ(doc.get_value(schema::kSlotVenue), "MIA");
  EXPECT_EQ(doc.get_value(schema::kSlotSection), "Related Surveys");
  EXPECT_EQ(doc.get_value(schema::kSlotEntryHash), "entryhash");
  EXPECT_EQ(doc.get_value(schema::kSlotContentHash), "abc123");
  EXPECT_EQ(doc.get_value(schema::kSlotState), "text");
  EXPECT_EQ(Xapian::sortable_unserialise(doc.get_value(schema::kSlotPageCount)), 2);

  // The data is the header; each page is a metadata entry (kept by the compaction at finish()).
  schema::StoredPaper back = schema::decode_document_data(doc.get_data());
  EXPECT_EQ(back.paper, sample_paper().paper);
  EXPECT_EQ(back.stored_pages, 2);
  EXPECT_EQ(doc.get_data().find("encoder decoder networks. Few-shot"), std::string::npos);
  for (int page = 1; page <= 2; ++page) {
    EXPECT_EQ(
        schema::decode_page_text(db.get_metadata(schema::page_metadata_key("u-net-review", page))),
        sample_paper().pages[page - 1]);
  }
  EXPECT_EQ(db.get_metadata(schema::page_metadata_key("u-net-review", 3)), "");
  EXPECT_EQ(db.get_metadata(schema::kMetaSchemaVersion), std::to_string(schema::kSchemaVersion));
}

// Word i of a generated page: letters only, ending in a letter the English stemmer keeps.
std::string numbered_word(int i) {
  std::string w = "k";
  for (int n = i, d = 0; d < 3; ++d, n /= 26) w += static_cast<char>('a' + n % 26);
  return w + "x";
}

TEST_F(IndexWriterTest, PageChunksKnowThePositionsOfTheirWords) {
  // Two long pages (several chunks each); the references start in the middle of page 2.
  schema::StoredPaper s = sample_paper();
  constexpr int kWords = 900;
  s.pages.assign(2, "");
  for (int page = 0; page < 2; ++page) {
    for (int i = 0; i < kWords; ++i) {
      s.pages[page] += numbered_word(page * kWords + i) + (i % 10 == 9 ? ".\n" : " ");
    }
  }
  s.references_page = 2;
  s.references_offset = s.pages[1].find(numbered_word(kWords + 500));
  auto w = IndexWriter::open(options());
  w->put(s, "h");
  w->finish();

  Xapian::Database db = live();
  const Xapian::docid id = doc_of(db, "u-net-review");
  for (int page = 1; page <= 2; ++page) {
    const std::string value = db.get_metadata(schema::page_metadata_key("u-net-review", page));
    ASSERT_EQ(value[0], 'c');
    EXPECT_EQ(schema::decode_page_text(value), s.pages[page - 1]);
    for (int i = 0; i < kWords; ++i) {
      const std::string word = numbered_word((page - 1) * kWords + i);
      const bool reference = page == 2 && i >= 500;
      const std::string term = std::string(reference ? "ZXR" : "Z") + word;
      // Positions run on across chunks and across the start of the references...
      ASSERT_EQ(positions(db, id, term), std::vector<Xapian::termpos>{page * kPageStride + i + 1})
          << term;
      // ... and the excerpt for a word's position holds the word.
      const schema::PageExcerpt e = schema::decode_page_excerpt(value, i + 1, i + 1, 0);
      EXPECT_NE(e.text.find(word), std::string::npos) << word;
      EXPECT_LT(e.text.size(), 2 * schema::kPageChunkBytes);
    }
  }
}

std::vector<std::string> page_keys(const Xapian::Database& db) {
  std::vector<std::string> out;
  for (auto k = db.metadata_keys_begin("P"); k != db.metadata_keys_end("P"); ++k) {
    out.push_back(*k);
  }
  return out;
}

TEST_F(IndexWriterTest, StoredReturnsThePagesBeforeAndAfterCommitAndCompaction) {
  auto w = IndexWriter::open(options());
  schema::StoredPaper s = sample_paper();
  s.pages.insert(s.pages.begin() + 1, "");  // an empty page has no entry but keeps its place
  w->put(s, "h");
  auto before = w->stored("u-net-review");
  ASSERT_TRUE(before);
  EXPECT_EQ(before->pages, s.pages);
  w->finish();
  w.reset();
  EXPECT_EQ(page_keys(live()), (std::vector<std::string>{"Pu-net-review/1", "Pu-net-review/3"}));
  auto after = IndexWriter::open(options())->stored("u-net-review");
  ASSERT_TRUE(after);
  EXPECT_EQ(after->pages, s.pages);
  EXPECT_EQ(after->paper, s.paper);
  EXPECT_FALSE(IndexWriter::open(options())->stored("zz"));
}

TEST_F(IndexWriterTest, ReplacingOrRemovingAPaperDeletesItsStalePages) {
  {
    auto w = IndexWriter::open(options());
    schema::StoredPaper s = sample_paper("a");
    s.pages.push_back("a third page");
    w->put(s, "h");
    w->put(sample_paper("b"), "h");
    w->finish();
  }
  EXPECT_EQ(page_keys(live()).size(), 5u);
  auto w = IndexWriter::open(options());
  schema::StoredPaper shorter = sample_paper("a");
  shorter.pages = {"only one page now"};
  w->put(shorter, "h2");
  w->commit();
  EXPECT_EQ(page_keys(live()), (std::vector<std::string>{"Pa/1", "Pb/1", "Pb/2"}));
  EXPECT_EQ(w->stored("a")->pages, shorter.pages);
  EXPECT_TRUE(w->remove("b"));
  w->finish();
  EXPECT_EQ(page_keys(live()), (std::vector<std::string>{"Pa/1"}));
}

// Until a rebuild is swapped in, searches read the old generation: its papers are the ones to
// count (the summary of a stopped rebuild said 1 paper here).
TEST_F(IndexWriterTest, TheLiveCountIsTheOldGenerationsUntilARebuildIsSwappedIn) {
  {
    auto w = IndexWriter::open(options());
    w->put(sample_paper("a"), "h");
    w->put(sample_paper("b"), "h");
    w->finish();
  }
  IndexOptions o = options();
  o.rebuild = true;
  auto w = IndexWriter::open(o);
  w->put(sample_paper("a"), "h");
  w->commit();
  EXPECT_EQ(w->document_count(), 1u);
  EXPECT_EQ(w->live_document_count(), 2u);
  w->finish();
  EXPECT_EQ(w->live_document_count(), 1u);
}

TEST_F(IndexWriterTest, AnIndexOfAnotherSchemaIsBuiltAgain) {
  build_live_index_of("old");
  {
    Xapian::WritableDatabase db(*live_database_path(tmp_.file("index")), Xapian::DB_OPEN);
    db.set_metadata(schema::kMetaSchemaVersion, "1");
    db.commit();
  }
  auto w = IndexWriter::open(options());
  EXPECT_TRUE(w->building_new_generation());
  EXPECT_EQ(w->all_versions().size(), 0u);  // every paper is written again
  w->put(sample_paper("new"), "h");
  w->finish();
  Xapian::Database db = live();
  EXPECT_EQ(db.get_metadata(schema::kMetaSchemaVersion), std::to_string(schema::kSchemaVersion));
  EXPECT_EQ(doc_of(db, "old"), 0u);
  EXPECT_EQ(page_keys(db), (std::vector<std::string>{"Pnew/1", "Pnew/2"}));
}

TEST_F(IndexWriterTest, PositionsTellThePage) {
  auto w = IndexWriter::open(options());
  w->put(sample_paper(), "h");
  w->finish();
  Xapian::Database db = live();
  Xapian::docid id = doc_of(db, "u-net-review");
  // Title at page 0, then page 1 and page 2 of the PDF.
  EXPECT_EQ(positions(db, id, "ZSu"), (std::vector<Xapian::termpos>{1}));
  EXPECT_EQ(positions(db, id, "Zu"), (std::vector<Xapian::termpos>{1}));
  auto helps = positions(db, id, "Zhelp");
  ASSERT_EQ(helps.size(), 2u);
  EXPECT_EQ(schema::page_of_position(helps[0]), 1u);
  EXPECT_EQ(schema::page_of_position(helps[1]), 2u);
  auto skip = positions(db, id, "Zskip");
  auto connection = positions(db, id, "Zconnect");
  ASSERT_EQ(skip.size(), 1u);
  ASSERT_EQ(connection.size(), 2u);
  EXPECT_EQ(schema::page_of_position(skip[0]), 2u);
  EXPECT_EQ(skip[0], 2 * kPageStride + 2);  // "The" is the first word of page 2
  EXPECT_EQ(connection[0], skip[0] + 1);    // phrase search works
  auto refs = positions(db, id, "ZXRronneberg");
  ASSERT_EQ(refs.size(), 1u);
  EXPECT_EQ(schema::page_of_position(refs[0]), 2u);
}

TEST_F(IndexWriterTest, JoinsHyphenatedCompoundsAtTheSamePosition) {
  auto w = IndexWriter::open(options());
  schema::StoredPaper s = sample_paper();
  s.pages[0] += " A 3D-UNet and a U Net.";
  w->put(s, "h");
  w->finish();
  Xapian::Database db = live();
  Xapian::docid id = doc_of(db, "u-net-review");
  EXPECT_EQ(positions(db, id, "ZSunet"), (std::vector<Xapian::termpos>{1}));
  auto few = positions(db, id, "Zfew");
  ASSERT_EQ(few.size(), 1u);
  EXPECT_EQ(positions(db, id, "Zfewshot"), few);
  EXPECT_EQ(positions(db, id, "Z3dunet"), positions(db, id, "Z3d"));
  // "U-Net" in the title and "U Net" on page 1 both get the joined term ("3D-UNet" has "unet"
  // as its own word).
  auto unet = positions(db, id, "Zunet");
  ASSERT_EQ(unet.size(), 3u);
  EXPECT_EQ(unet[0], 1u);
  auto net = positions(db, id, "Znet");
  ASSERT_EQ(net.size(), 2u);
  EXPECT_EQ(unet[2], net[1] - 1);  // "U Net": at the position of "U"
  EXPECT_EQ(schema::page_of_position(unet[2]), 1u);
}

Xapian::doccount spelling_frequency(const Xapian::Database& db, const std::string& word) {
  Xapian::TermIterator it = db.spellings_begin();
  it.skip_to(word);
  return it != db.spellings_end() && *it == word ? it.get_termfreq() : 0;
}

TEST_F(IndexWriterTest, SpellingWordsWaitInAJournalUntilTheEndOfTheRun) {
  IndexOptions o = options();
  o.batch_size = 1;  // a commit per paper
  auto w = IndexWriter::open(o);
  w->put(sample_paper("a"), "h");
  w->put(sample_paper("b"), "h");
  {
    Xapian::Database db = live();
    EXPECT_EQ(db.get_doccount(), 2u);                       // committed and searchable...
    EXPECT_EQ(spelling_frequency(db, "segmentation"), 0u);  // ... spelling not written yet
    std::vector<std::string> journal;
    const std::string prefix = schema::kMetaSpellingPendingPrefix;
    for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k) {
      journal.push_back(*k);
    }
    ASSERT_EQ(journal, (std::vector<std::string>{prefix + "00000001", prefix + "00000002"}));
    EXPECT_NE(db.get_metadata(journal[0]).find("segmentation\t1\n"), std::string::npos);
  }
  w->finish();
  Xapian::Database db = live();
  EXPECT_EQ(spelling_frequency(db, "segmentation"), 2u);  // both papers use it
  EXPECT_EQ(db.metadata_keys_begin(schema::kMetaSpellingPendingPrefix),
            db.metadata_keys_end(schema::kMetaSpellingPendingPrefix));
}

TEST_F(IndexWriterTest, AStoppedWritersSpellingWordsAreAddedByTheNextOne) {
  IndexOptions o = options();
  o.batch_size = 1;
  {
    auto w = IndexWriter::open(o);
    w->put(sample_paper("a"), "h");
    w->put(sample_paper("b"), "h");
  }  // gone without finish(), as after kill -9: both papers committed, spelling journaled
  auto w = IndexWriter::open(o);
  w->put(sample_paper("c"), "h");
  w->finish();
  Xapian::Database db = live();
  EXPECT_EQ(spelling_frequency(db, "segmentation"), 3u);
  EXPECT_EQ(db.get_spelling_suggestion("segmentaton"), "segmentation");
  EXPECT_EQ(db.metadata_keys_begin(schema::kMetaSpellingPendingPrefix),
            db.metadata_keys_end(schema::kMetaSpellingPendingPrefix));
}

TEST_F(IndexWriterTest, AWriterClosedWithoutACommitJournalsItsLastBatch) {
  {
    auto w = IndexWriter::open(options());  // 200 papers a batch: no commit of its own
    w->put(sample_paper("a"), "h");
  }  // Xapian commits what was put when the database closes (after a failure elsewhere)
  {
    Xapian::Database db = live();
    EXPECT_EQ(db.get_doccount(), 1u);
    EXPECT_NE(db.metadata_keys_begin(schema::kMetaSpellingPendingPrefix),
              db.metadata_keys_end(schema::kMetaSpellingPendingPrefix));
  }
  IndexWriter::open(options())->finish();
  EXPECT_EQ(spelling_frequency(live(), "segmentation"), 1u);
}

TEST_F(IndexWriterTest, TooManyPendingSpellingWordsAreWrittenBeforeTheEnd) {
  IndexOptions o = options();
  o.batch_size = 1;
  o.max_pending_spelling_words = 5;  // the sample paper alone has more
  auto w = IndexWriter::open(o);
  w->put(sample_paper("a"), "h");
  Xapian::Database db = live();
  EXPECT_EQ(spelling_frequency(db, "segmentation"), 1u);
  EXPECT_EQ(db.metadata_keys_begin(schema::kMetaSpellingPendingPrefix),
            db.metadata_keys_end(schema::kMetaSpellingPendingPrefix));
}

TEST_F(IndexWriterTest, BuildsTheSpellingDictionaryFromTitleAndBody) {
  auto w = IndexWriter::open(options());
  w->put(sample_paper(), "h");
  w->finish();
  Xapian::Database db = live();
  EXPECT_EQ(db.get_spelling_suggestion("segmentaton"), "segmentation");
  EXPECT_EQ(db.get_spelling_suggestion("conection"), "connection");
  // Not from references, not words used once in the body.
  EXPECT_EQ(db.get_spelling_suggestion("biomedica"), "");
  EXPECT_EQ(db.get_spelling_suggestion("detal"), "");
}

TEST_F(IndexWriterTest, MetadataOnlyPaperIsMarkedWithItsReason) {
  auto w = IndexWriter::open(options());
  schema::StoredPaper s = sample_paper("no-pdf");
  s.state = schema::PaperState::kMetadataOnly;
  s.reason = "host arxiv.org unreachable";
  s.pages.clear();
  s.page_count = 0;
  s.pdf_sha256.clear();
  s.references_page = 0;
  w->put(s, "h");
  w->finish();
  w.reset();
  Xapian::Database db = live();
  EXPECT_TRUE(has_term(db, "XBTmetadata"));
  EXPECT_FALSE(has_term(db, "XBTtext"));
  Xapian::Document doc = db.get_document(doc_of(db, "no-pdf"));
  EXPECT_EQ(doc.get_value(schema::kSlotState), "metadata");
  EXPECT_EQ(schema::decode_document_data(doc.get_data()).reason, "host arxiv.org unreachable");
  auto v = IndexWriter::open(options())->version("no-pdf");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->state, schema::PaperState::kMetadataOnly);
}

TEST_F(IndexWriterTest, VersionsAndRemoval) {
  {
    auto w = IndexWriter::open(options());
    w->put(sample_paper("a"), "ha");
    w->put(sample_paper("b"), "hb", "100:5");
    w->put(sample_paper("c"), "hc");
    w->finish();
  }
  auto w = IndexWriter::open(options());
  auto v = w->version("b");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->entry_hash, "hb");
  EXPECT_EQ(v->content_hash, "abc123");
  EXPECT_EQ(v->file_stamp, "100:5");
  EXPECT_EQ(v->lists, (std::vector<std::string>{"data/list.md"}));
  EXPECT_FALSE(w->version("zz"));
  EXPECT_EQ(w->all_versions().size(), 3u);
  EXPECT_EQ(w->remove_except({"a"}), 2u);
  EXPECT_FALSE(w->remove("b"));
  EXPECT_TRUE(w->remove("a"));
  w->finish();
  EXPECT_EQ(live().get_doccount(), 0u);
}

TEST_F(IndexWriterTest, CommitsEveryBatch) {
  IndexOptions o = options();
  o.batch_size = 2;
  auto w = IndexWriter::open(o);
  w->put(sample_paper("a"), "h");
  EXPECT_EQ(w->uncommitted(), 1u);
  EXPECT_EQ(live().get_doccount(), 0u);
  w->put(sample_paper("b"), "h");
  EXPECT_EQ(w->uncommitted(), 0u);
  EXPECT_EQ(live().get_doccount(), 2u);  // a reader sees the batch before finish()
}

TEST_F(IndexWriterTest, SecondWriterIsToldWhoHoldsTheIndex) {
  auto w = IndexWriter::open(options());
  EXPECT_EQ(error_of(options()), "index is being updated by process " + std::to_string(::getpid()) +
                                     "; wait for it to finish or stop it");
  w.reset();
  EXPECT_EQ(error_of(options()), "");
}

TEST_F(IndexWriterTest, RebuildSwapsAtFinishWhileOldReadersKeepWorking) {
  build_live_index_of("old");
  Xapian::Database reader = live();
  const std::string old_path = *live_database_path(tmp_.file("index"));
  IndexOptions o = options();
  o.rebuild = true;
  auto w = IndexWriter::open(o);
  EXPECT_TRUE(w->building_new_generation());
  w->put(sample_paper("new"), "h");
  w->commit();
  EXPECT_EQ(*live_database_path(tmp_.file("index")), old_path);  // not swapped before finish
  w->finish();
  const std::string new_path = *live_database_path(tmp_.file("index"));
  EXPECT_NE(new_path, old_path);
  EXPECT_EQ(w->document_count(), 1u);
  {
    // The old generation stays for its readers; the rebuild's uncompacted copy, never live, is
    // gone.
    std::set<std::string> generations;
    for (const auto& e : fs::directory_iterator(tmp_.path() / "index")) {
      if (e.path().filename().string().rfind("db-", 0) == 0) generations.insert(e.path().string());
    }
    EXPECT_EQ(generations, (std::set<std::string>{old_path, new_path}));
  }
  EXPECT_EQ(fs::read_symlink(tmp_.path() / "index" / "current").string(),
            fs::path(new_path).filename().string());
  // The old reader still searches the old generation.
  reader.reopen();
  EXPECT_NE(doc_of(reader, "old"), 0u);
  EXPECT_EQ(reader.get_document(doc_of(reader, "old")).get_value(schema::kSlotEntryHash), "h");
  Xapian::Database now = live();
  EXPECT_EQ(doc_of(now, "old"), 0u);
  EXPECT_NE(doc_of(now, "new"), 0u);
  w.reset();
  EXPECT_TRUE(fs::exists(old_path));
  // The next writer deletes the generation that is no longer current.
  IndexWriter::open(options());
  EXPECT_FALSE(fs::exists(old_path));
  EXPECT_TRUE(fs::exists(new_path));
}

TEST_F(IndexWriterTest, UnfinishedRebuildLeavesTheLiveIndexAndIsDiscarded) {
  build_live_index_of("old");
  const std::string old_path = *live_database_path(tmp_.file("index"));
  {
    IndexOptions o = options();
    o.rebuild = true;
    auto w = IndexWriter::open(o);
    w->put(sample_paper("new"), "h");
    w->commit();
  }  // destroyed without finish(), like a run that stopped
  EXPECT_EQ(*live_database_path(tmp_.file("index")), old_path);
  EXPECT_NE(doc_of(live(), "old"), 0u);
  std::string unfinished;
  for (const auto& e : fs::directory_iterator(tmp_.path() / "index")) {
    const std::string name = e.path().filename().string();
    if (name.rfind("db-", 0) == 0 && e.path().string() != old_path) unfinished = e.path().string();
  }
  ASSERT_NE(unfinished, "");
  auto w = IndexWriter::open(options());
  EXPECT_FALSE(w->building_new_generation());
  EXPECT_EQ(w->resumed_rebuild(), "");
  // Said, for the caller to tell: which generation, and what it held.
  ASSERT_TRUE(w->given_up_rebuild());
  EXPECT_EQ(w->given_up_rebuild()->path, unfinished);
  EXPECT_EQ(w->given_up_rebuild()->papers, 1u);
  EXPECT_FALSE(fs::exists(unfinished));
  EXPECT_NE(doc_of(live(), "old"), 0u);
  int generations = 0;
  for (const auto& e : fs::directory_iterator(tmp_.path() / "index")) {
    if (e.path().filename().string().rfind("db-", 0) == 0) ++generations;
  }
  EXPECT_EQ(generations, 1);
}

TEST_F(IndexWriterTest, UnfinishedRebuildIsResumedByTheNextRebuild) {
  build_live_index_of("old");
  const std::string old_path = *live_database_path(tmp_.file("index"));
  IndexOptions o = options();
  o.rebuild = true;
  {
    auto w = IndexWriter::open(o);
    EXPECT_EQ(w->resumed_rebuild(), "");
    w->put(sample_paper("a"), "h");
    w->commit();
  }  // stopped before finish()
  std::string unfinished;
  for (const auto& e : fs::directory_iterator(tmp_.path() / "index")) {
    const std::string name = e.path().filename().string();
    if (name.rfind("db-", 0) == 0 && e.path().string() != old_path) unfinished = e.path().string();
  }
  ASSERT_NE(unfinished, "");
  auto w = IndexWriter::open(o);
  EXPECT_EQ(w->resumed_rebuild(), unfinished);
  EXPECT_FALSE(w->given_up_rebuild());
  EXPECT_TRUE(w->building_new_generation());
  EXPECT_EQ(w->document_count(), 1u);
  ASSERT_TRUE(w->version("a"));  // what the stopped run committed is kept
  EXPECT_FALSE(w->version("old"));
  EXPECT_EQ(*live_database_path(tmp_.file("index")), old_path);  // still the old one meanwhile
  w->put(sample_paper("b"), "h");
  w->finish();
  Xapian::Database now = live();
  EXPECT_NE(doc_of(now, "a"), 0u);
  EXPECT_NE(doc_of(now, "b"), 0u);
  EXPECT_EQ(doc_of(now, "old"), 0u);
}

TEST_F(IndexWriterTest, IndexOfAnotherSchemaResumesItsUnfinishedRebuild) {
  build_live_index_of("old");
  {
    Xapian::WritableDatabase db(*live_database_path(tmp_.file("index")), Xapian::DB_OPEN);
    db.set_metadata(schema::kMetaSchemaVersion, "3");
    db.commit();
  }
  {
    auto w = IndexWriter::open(options());  // no rebuild asked: the schema forces one
    EXPECT_TRUE(w->building_new_generation());
    EXPECT_EQ(w->resumed_rebuild(), "");
    w->put(sample_paper("a"), "h");
    w->commit();
  }
  auto w = IndexWriter::open(options());
  EXPECT_NE(w->resumed_rebuild(), "");
  EXPECT_TRUE(w->version("a"));
  w->finish();
  EXPECT_NE(doc_of(live(), "a"), 0u);
  EXPECT_EQ(live().get_metadata(schema::kMetaSchemaVersion),
            std::to_string(schema::kSchemaVersion));
}

TEST_F(IndexWriterTest, GenerationThatDoesNotOpenIsNotResumed) {
  build_live_index_of("old");
  // An interrupted compaction, say: a folder without a database in it.
  const fs::path broken = fs::path(tmp_.file("index")) / "db-99";
  fs::create_directories(broken);
  std::ofstream((broken / "postlist.glass").string()) << "not a table";
  IndexOptions o = options();
  o.rebuild = true;
  auto w = IndexWriter::open(o);
  EXPECT_EQ(w->resumed_rebuild(), "");
  EXPECT_EQ(w->document_count(), 0u);
  EXPECT_FALSE(fs::exists(broken));
  w->put(sample_paper("a"), "h");
  w->finish();
  EXPECT_NE(doc_of(live(), "a"), 0u);
}

// Generations above the live one that are not an unfinished rebuild of it, by the same version,
// with papers, sound: discarded, and the rebuild starts afresh.
TEST_F(IndexWriterTest, OnlyAnUnfinishedRebuildOfTheLiveGenerationIsResumed) {
  build_live_index_of("old");
  const fs::path index = tmp_.file("index");
  const std::string live_name = fs::read_symlink(index / "current").string();
  IndexOptions o = options();
  o.rebuild = true;
  // Copies of the live generation, as a first build's compaction or an older rebuild leaves
  // them, each changed in one way.
  auto leave = [&](const std::string& name,
                   const std::function<void(Xapian::WritableDatabase&)>& change) {
    fs::copy(index / live_name, index / name);
    Xapian::WritableDatabase db((index / name).string(), Xapian::DB_OPEN);
    change(db);
    db.commit();
  };
  const std::string rebuild_of = live_name + "\t" + kVersion;
  leave("db-90", [](Xapian::WritableDatabase&) {});  // no marker: a first build's copy
  leave("db-91", [&](Xapian::WritableDatabase& db) {
    db.set_metadata(schema::kMetaRebuildOf, "db-0\t" + std::string(kVersion));  // another live
  });
  leave("db-92", [&](Xapian::WritableDatabase& db) {
    db.set_metadata(schema::kMetaRebuildOf, live_name + "\t0.0.0-older");  // another version
  });
  leave("db-93", [&](Xapian::WritableDatabase& db) {
    db.set_metadata(schema::kMetaRebuildOf, rebuild_of);
    db.delete_document(schema::kPrefixId + std::string("old"));  // no papers
  });
  leave("db-94",
        [&](Xapian::WritableDatabase& db) { db.set_metadata(schema::kMetaRebuildOf, rebuild_of); });
  {
    // Damaged: a table's blocks overwritten.
    const fs::path table = index / "db-94" / "postlist.glass";
    const auto size = fs::file_size(table);
    std::ofstream(table, std::ios::binary | std::ios::in) << std::string(size, '\xff');
  }
  auto w = IndexWriter::open(o);
  EXPECT_EQ(w->resumed_rebuild(), "");
  EXPECT_EQ(w->document_count(), 0u);
  for (const char* name : {"db-90", "db-91", "db-92", "db-93", "db-94"}) {
    EXPECT_FALSE(fs::exists(index / name)) << name;
  }
  w->put(sample_paper("a"), "h");
  w->finish();
  EXPECT_NE(doc_of(live(), "a"), 0u);
  EXPECT_EQ(doc_of(live(), "old"), 0u);
}

// The control for the test above: the same copy, unchanged but for its marker, is resumed.
TEST_F(IndexWriterTest, CopyMarkedAsARebuildOfTheLiveGenerationIsResumed) {
  build_live_index_of("old");
  const fs::path index = tmp_.file("index");
  const std::string live_name = fs::read_symlink(index / "current").string();
  fs::copy(index / live_name, index / "db-50");
  {
    Xapian::WritableDatabase db((index / "db-50").string(), Xapian::DB_OPEN);
    db.set_metadata(schema::kMetaRebuildOf, live_name + "\t" + kVersion);
    db.commit();
  }
  IndexOptions o = options();
  o.rebuild = true;
  auto w = IndexWriter::open(o);
  EXPECT_EQ(w->resumed_rebuild(), (index / "db-50").string());
  EXPECT_EQ(w->document_count(), 1u);
}

// Left-overs that no rebuild would resume are not reported as a rebuild given up.
TEST_F(IndexWriterTest, OnlyAResumableRebuildIsReportedAsGivenUp) {
  build_live_index_of("old");
  const fs::path index = tmp_.file("index");
  const std::string live_name = fs::read_symlink(index / "current").string();
  fs::copy(index / live_name, index / "db-90");  // no marker: a first build's copy
  fs::create_directories(index / "db-91");       // an interrupted compaction, say
  auto w = IndexWriter::open(options());
  EXPECT_FALSE(w->given_up_rebuild());
  EXPECT_FALSE(fs::exists(index / "db-90"));
  EXPECT_FALSE(fs::exists(index / "db-91"));
}

TEST_F(IndexWriterTest, RebuildGenerationNamesWhatItReplaces) {
  build_live_index_of("old");
  const std::string live_name = fs::read_symlink(fs::path(tmp_.file("index")) / "current").string();
  IndexOptions o = options();
  o.rebuild = true;
  {
    auto w = IndexWriter::open(o);
    w->put(sample_paper("a"), "h");
    w->commit();
  }
  auto w = IndexWriter::open(o);
  ASSERT_NE(w->resumed_rebuild(), "");
  EXPECT_EQ(Xapian::Database(w->resumed_rebuild()).get_metadata(schema::kMetaRebuildOf),
            live_name + "\t" + kVersion);
}

TEST_F(IndexWriterTest, LoadsSynonymsAndRecordsTheirHash) {
  std::string path = tmp_.file("synonyms.txt");
  std::ofstream(path) << "# comment\nunet = U-Net, u net\nct = computed tomography # x\n\n";
  IndexOptions o = options();
  o.synonyms_path = path;
  {
    auto w = IndexWriter::open(o);
    w->finish();
  }
  Xapian::Database db = live();
  auto syns = [&](const std::string& key) {
    std::vector<std::string> out;
    for (auto s = db.synonyms_begin(key); s != db.synonyms_end(key); ++s) out.push_back(*s);
    return out;
  };
  EXPECT_EQ(syns("unet"), (std::vector<std::string>{"u net"}));
  EXPECT_EQ(syns("u net"), (std::vector<std::string>{"unet"}));
  EXPECT_EQ(syns("ct"), (std::vector<std::string>{"computed tomography"}));
  EXPECT_EQ(syns("computed tomography"), (std::vector<std::string>{"ct"}));
  EXPECT_EQ(db.get_metadata(schema::kMetaSynonymsHash).size(), 64u);

  std::ofstream(path) << "vnet = v-net\n";
  IndexWriter::open(o)->finish();
  db = live();
  EXPECT_TRUE(syns("unet").empty());
  EXPECT_EQ(syns("vnet"), (std::vector<std::string>{"v net"}));
}

TEST(EntryHash, ChangesWithEveryIndexedField) {
  Paper p = sample_paper().paper;
  std::string h = entry_hash(p, {"a.md"});
  EXPECT_EQ(h.size(), 64u);
  EXPECT_EQ(entry_hash(p, {"a.md"}), h);
  EXPECT_NE(entry_hash(p, {"b.md"}), h);
  Paper q = p;
  q.year = 2023;
  EXPECT_NE(entry_hash(q, {"a.md"}), h);
  q = p;
  q.links.push_back(Link{"Paper", "https://x.org/a.pdf", "x.org", LinkKind::kPdf, false});
  EXPECT_NE(entry_hash(q, {"a.md"}), h);
  q = p;
  q.source.line = 99;  // moving an entry in its list does not re-index it
  EXPECT_EQ(entry_hash(q, {"a.md"}), h);
}

}  // namespace
}  // namespace paper
