// The write side of the index: the only module that includes Xapian for writing. The writer
// itself: reading back what is indexed, putting and removing papers, commits and finishing a run.
// Its parts: the index folder and its generations (index_folder.cc), building a paper's
// document (prepare_paper.cc), the spelling journal and the synonym file.
#include "indexer/index/index_writer.h"

#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <limits>
#include <map>
#include <set>

#include "common/sha256.h"
#include "indexer/index/document_parts.h"
#include "indexer/index/index_folder.h"
#include "indexer/index/spelling_journal.h"
#include "indexer/index/synonyms.h"

namespace paper {
namespace {

namespace fs = std::filesystem;
using index_detail::compact_generation;
using index_detail::DirLock;
using index_detail::live_generation_name;
using index_detail::load_synonyms;
using index_detail::make_index_dir;
using index_detail::open_generation;
using index_detail::OpenedGeneration;
using index_detail::SpellingJournal;
using index_detail::swap_current;

class XapianIndexWriter : public IndexWriter {
 public:
  explicit XapianIndexWriter(const IndexOptions& options)
      : options_(options), dir_(options.dir), lock_(make_index_dir(dir_)) {
    OpenedGeneration opened = open_generation(dir_, options_);
    generation_ = std::move(opened.name);
    db_ = std::move(opened.db);
    resumed_ = std::move(opened.resumed);
    given_up_ = std::move(opened.given_up);
    new_generation_ = opened.new_generation;
    swap_at_finish_ = opened.swap_at_finish;
    load_synonyms(db_, options_.synonyms_path);
    spelling_.read(db_);
  }

  std::optional<IndexedVersion> version(const PaperId& id) override {
    auto doc = document(id);
    if (!doc) return std::nullopt;
    return version_of(*doc);
  }

  std::optional<schema::StoredPaper> stored(const PaperId& id) override {
    return stored_first_pages(id, std::numeric_limits<int>::max());
  }

  std::optional<schema::StoredPaper> stored_first_pages(const PaperId& id, int max_pages) override {
    auto doc = document(id);
    if (!doc) return std::nullopt;
    schema::StoredPaper s = schema::decode_document_data(doc->get_data());
    for (int page = 1; page <= s.stored_pages && page <= max_pages; ++page) {
      s.pages.push_back(
          schema::decode_page_text(db_.get_metadata(schema::page_metadata_key(id, page))));
    }
    return s;
  }

  std::map<PaperId, IndexedVersion> all_versions() override {
    // Value streams and postlists only: loading each document's termlist would cost a read of
    // every term of every paper, and this runs on every (no-change) build.
    std::map<Xapian::docid, IndexedVersion> by_doc;
    std::map<Xapian::docid, PaperId> ids;
    const std::string q = schema::kPrefixId;
    for (auto t = db_.allterms_begin(q); t != db_.allterms_end(q); ++t) {
      auto p = db_.postlist_begin(*t);
      if (p == db_.postlist_end(*t)) continue;
      ids.emplace(*p, (*t).substr(q.size()));
      by_doc[*p].state = schema::PaperState::kMetadataOnly;
    }
    auto stream = [&](unsigned slot, auto set) {
      for (auto v = db_.valuestream_begin(slot); v != db_.valuestream_end(slot); ++v) {
        auto it = by_doc.find(v.get_docid());
        if (it != by_doc.end()) set(it->second, *v);
      }
    };
    stream(schema::kSlotEntryHash,
           [](IndexedVersion& v, const std::string& s) { v.entry_hash = s; });
    stream(schema::kSlotContentHash,
           [](IndexedVersion& v, const std::string& s) { v.content_hash = s; });
    stream(schema::kSlotState, [](IndexedVersion& v, const std::string& s) {
      v.state = s == "text" ? schema::PaperState::kText : schema::PaperState::kMetadataOnly;
    });
    stream(schema::kSlotFileStamp,
           [](IndexedVersion& v, const std::string& s) { v.file_stamp = s; });
    const std::string l = schema::kPrefixListFilter;
    for (auto t = db_.allterms_begin(l); t != db_.allterms_end(l); ++t) {
      std::string list = (*t).substr(l.size());
      for (auto p = db_.postlist_begin(*t); p != db_.postlist_end(*t); ++p) {
        auto it = by_doc.find(*p);
        if (it != by_doc.end()) it->second.lists.push_back(list);
      }
    }
    std::map<PaperId, IndexedVersion> out;
    for (auto& [docid, v] : by_doc) out.emplace(ids[docid], std::move(v));
    return out;
  }

  void put(const schema::StoredPaper& stored, const std::string& hash) override {
    put(stored, hash, "");
  }

  void put(const schema::StoredPaper& stored, const std::string& hash,
           const std::string& file_stamp) override {
    put(prepare_paper(stored, hash, file_stamp));
  }

  void put(PreparedPaper prepared) override {
    PreparedPaper::Parts& parts = *prepared.parts;
    // The page entries go first: Xapian commits by itself once enough documents changed (right
    // after a replace_document), and such a commit must not hold the document without its pages.
    const int old_pages = stored_pages_of(parts.id);
    const int new_pages = static_cast<int>(parts.pages.size());
    for (int page = 1; page <= std::max(old_pages, new_pages); ++page) {
      const std::string empty;
      const std::string& value = page <= new_pages ? parts.pages[page - 1] : empty;
      // An empty value deletes the key: a stale page of the old version, or an empty page.
      if (!value.empty() || page <= old_pages) {
        db_.set_metadata(schema::page_metadata_key(parts.id, page), value);
      }
    }
    db_.replace_document(schema::kPrefixId + parts.id, parts.doc);
    spelling_.add(parts.spelling);
    ++uncommitted_;
    uncommitted_bytes_ += parts.text_bytes;
    // Xapian buffers a batch's postings in memory: bound it by text size as well as by count.
    if (uncommitted_ >= std::max<std::size_t>(1, options_.batch_size) ||
        (options_.batch_bytes > 0 && uncommitted_bytes_ >= options_.batch_bytes)) {
      commit();
    }
  }

  bool set_file_stamp(const PaperId& id, const std::string& file_stamp) override {
    std::string term = schema::kPrefixId + id;
    auto p = db_.postlist_begin(term);
    if (p == db_.postlist_end(term)) return false;
    Xapian::docid docid = *p;
    Xapian::Document doc = db_.get_document(docid);
    doc.add_value(schema::kSlotFileStamp, file_stamp);
    db_.replace_document(docid, doc);
    ++uncommitted_;
    if (uncommitted_ >= std::max<std::size_t>(1, options_.batch_size)) commit();
    return true;
  }

  bool remove(const PaperId& id) override {
    std::string term = schema::kPrefixId + id;
    if (db_.postlist_begin(term) == db_.postlist_end(term)) return false;
    const int old_pages = stored_pages_of(id);
    for (int page = 1; page <= old_pages; ++page) {
      db_.set_metadata(schema::page_metadata_key(id, page), "");
    }
    db_.delete_document(term);
    ++uncommitted_;
    return true;
  }

  std::size_t remove_except(const std::set<PaperId>& keep) override {
    std::vector<PaperId> gone;
    for (const auto& [id, v] : all_versions()) {
      if (!keep.count(id)) gone.push_back(id);
    }
    for (const auto& id : gone) remove(id);
    return gone.size();
  }

  std::size_t uncommitted() const override { return uncommitted_; }

  // Xapian commits what was put when the database is closed without commit() (after a failure
  // elsewhere in the run): the batch's spelling words must be journaled in that commit too.
  ~XapianIndexWriter() override {
    try {
      spelling_.journal_batch(db_);
    } catch (...) {
      // Nothing to report to: the words of this last batch miss the spelling table.
    }
  }

  void commit() override { commit_batch(/*add_spelling=*/false); }

  void finish() override {
    commit_batch(/*add_spelling=*/true);
    // A rebuild's generation was never live: once compacted, no reader can have it open.
    std::string never_live_uncompacted;
    if (new_generation_ && db_.get_doccount() > 0) {
      // A generation written from scratch is compacted once, which makes it about a third
      // smaller; the uncompacted one stays until the next writer, for readers that opened it
      // meanwhile.
      new_generation_ = false;
      if (auto compacted = compact_generation(dir_, generation_)) {
        if (swap_at_finish_) never_live_uncompacted = generation_;
        generation_ = *compacted;
        swap_at_finish_ = true;
      }
    }
    if (swap_at_finish_) {
      swap_current(dir_, generation_);
      swap_at_finish_ = false;
    }
    if (!never_live_uncompacted.empty()) {
      db_.close();
      db_ = Xapian::WritableDatabase((dir_ / generation_).string(),
                                     Xapian::DB_OPEN | Xapian::DB_BACKEND_GLASS);
      std::error_code ec;
      fs::remove_all(dir_ / never_live_uncompacted, ec);
    }
  }

  bool building_new_generation() const override { return swap_at_finish_; }

  std::string resumed_rebuild() const override { return resumed_; }

  std::optional<GivenUpRebuild> given_up_rebuild() const override { return given_up_; }

  std::size_t document_count() override { return db_.get_doccount(); }
  std::size_t live_document_count() override {
    if (swap_at_finish_) {
      if (auto live = live_generation_name(dir_); live && *live != generation_) {
        try {
          return Xapian::Database((dir_ / *live).string()).get_doccount();
        } catch (const Xapian::Error&) {
          // Not readable: the count of what this run wrote is the best said.
        }
      }
    }
    return db_.get_doccount();
  }

 private:
  // Commits the batch, its spelling words journaled with it or added to the spelling table
  // (SpellingJournal::before_commit).
  void commit_batch(bool add_spelling) {
    spelling_.before_commit(db_, add_spelling, options_.max_pending_spelling_words);
    db_.commit();
    uncommitted_ = 0;
    uncommitted_bytes_ = 0;
  }

  std::optional<Xapian::Document> document(const PaperId& id) {
    std::string term = schema::kPrefixId + id;
    auto p = db_.postlist_begin(term);
    if (p == db_.postlist_end(term)) return std::nullopt;
    return db_.get_document(*p);
  }

  // Number of page entries of the indexed paper (0 when it is not indexed).
  int stored_pages_of(const PaperId& id) {
    auto doc = document(id);
    return doc ? schema::decode_document_data(doc->get_data()).stored_pages : 0;
  }

  static IndexedVersion version_of(const Xapian::Document& doc) {
    IndexedVersion v;
    v.entry_hash = doc.get_value(schema::kSlotEntryHash);
    v.content_hash = doc.get_value(schema::kSlotContentHash);
    v.state = doc.get_value(schema::kSlotState) == "text" ? schema::PaperState::kText
                                                          : schema::PaperState::kMetadataOnly;
    v.file_stamp = doc.get_value(schema::kSlotFileStamp);
    const std::string l = schema::kPrefixListFilter;
    Xapian::TermIterator t = doc.termlist_begin();
    for (t.skip_to(l); t != doc.termlist_end() && (*t).rfind(l, 0) == 0; ++t) {
      v.lists.push_back((*t).substr(l.size()));
    }
    return v;
  }

  IndexOptions options_;
  fs::path dir_;
  DirLock lock_;
  std::string generation_;
  std::string resumed_;  // path of the unfinished rebuild this writer resumed, or ""
  std::optional<GivenUpRebuild> given_up_;  // the unfinished rebuild this writer discarded
  bool swap_at_finish_ = false;
  bool new_generation_ = false;  // written from scratch in this run: compacted at finish()
  Xapian::WritableDatabase db_;
  std::size_t uncommitted_ = 0;
  std::size_t uncommitted_bytes_ = 0;  // page text put since the last commit
  SpellingJournal spelling_;
};

}  // namespace

std::string entry_hash(const Paper& paper, const std::vector<std::string>& lists) {
  // Unit separators keep field boundaries unambiguous.
  std::string s;
  auto field = [&s](std::string_view v) {
    s.append(v);
    s += '\x1f';
  };
  field(paper.id);
  field(paper.title);
  for (const auto& a : paper.authors) field(a);
  s += '\x1e';
  field(paper.venue);
  field(paper.year ? std::to_string(*paper.year) : "");
  field(paper.section);
  for (const auto& l : paper.links) {
    field(l.label);
    field(l.url);
    field(l.suspect ? "suspect" : "");
  }
  s += '\x1e';
  for (const auto& l : lists) field(l);
  s += '\x1e';
  field(std::to_string(schema::kSchemaVersion));
  return sha256_hex(s);
}

std::optional<std::string> live_database_path(const std::string& dir) {
  auto name = live_generation_name(dir);
  if (!name) return std::nullopt;
  return (fs::path(dir) / *name).string();
}

std::unique_ptr<IndexWriter> IndexWriter::open(const IndexOptions& options) {
  return std::make_unique<XapianIndexWriter>(options);
}

}  // namespace paper
