// The only module that writes the Xapian index. Owner: indexer/index.
// Layout of an index folder DIR (documented in README.md):
//   DIR/current      symlink to the live database generation (db-<N>); readers open this
//   DIR/db-<N>/      Xapian glass databases
//   DIR/lock         flock + pid of the process updating the index
//   DIR/state.sqlite the durable fetch/paper record (indexer/fetch/state_store.h)
//   DIR/cache/       content-addressed PDF cache
//
// What a document holds beyond common/schema.h (the query side relies on it):
// - Hyphenated compounds ("U-Net", "few-shot", "3D-UNet", also "U Net" written with a space when a
//   compound of the same parts occurs in the document) are also indexed as one joined stem at the
//   position of their first part: "Zunet", "Zfewshot", "Z3dunet" (for the body and the title
//   copy; "ZS"-prefixed for the title), and the joined word goes to the spelling table.
// - Synonyms (IndexOptions::synonyms_path, `term = synonym, synonym` per line, '#' comments): every
//   member of a line is normalised with normalize_for_match ("U-Net" -> "u net") and added as a
//   synonym of every other member of its line (Xapian synonym table, keys and values both in that
//   form; values with spaces are phrases). The file's sha256 is kept in kMetaSynonymsHash.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/paper.h"
#include "common/schema.h"

namespace paper {

struct IndexOptions {
  std::string dir;               // index folder (created if missing)
  bool rebuild = false;          // build a new generation beside the live one, swap at finish()
  std::size_t batch_size = 200;  // papers per commit
  // ...or fewer: a commit also follows once this much page text was put (bounds the memory
  // Xapian uses for a batch); 0 = no byte limit.
  std::size_t batch_bytes = 2u << 20;
  // Spelling words wait (journaled in the index) for the end of the run before they go to the
  // spelling table, unless this many distinct words are pending: each write of the table
  // rewrites its long word lists, but Xapian holds about 750 bytes a word in memory while it
  // adds them (20,000: +15 MB at peak; bench/results/index.md).
  std::size_t max_pending_spelling_words = 20000;
  std::string synonyms_path;  // data/synonyms.txt style file; empty = none
};

// An unfinished rebuild that a writer which does not rebuild discarded (see IndexWriter).
struct GivenUpRebuild {
  std::string path;        // DIR/db-<N>, as it was
  std::size_t papers = 0;  // papers it held
};

// What the index holds for one paper, for incremental decisions.
struct IndexedVersion {
  std::string entry_hash;
  std::string content_hash;
  schema::PaperState state;
  std::string file_stamp;  // kSlotFileStamp ("" for papers from lists)
  std::vector<std::string> lists;
};

// Hex hash of everything of a catalogue entry that is indexed (title, authors, venue, year,
// section, links, lists); a changed entry re-indexes the paper.
std::string entry_hash(const Paper& paper, const std::vector<std::string>& lists);

// Path of the live database of an index folder, for readers; nullopt when there is none.
std::optional<std::string> live_database_path(const std::string& dir);

// A paper's Xapian document, page entries and spelling words, built by prepare_paper() on any
// thread (it needs no database), then inserted by IndexWriter::put(). Move-only.
class PreparedPaper {
 public:
  PreparedPaper();
  ~PreparedPaper();
  PreparedPaper(PreparedPaper&&) noexcept;
  PreparedPaper& operator=(PreparedPaper&&) noexcept;

  struct Parts;  // defined in indexer/index/document_parts.h
  std::unique_ptr<Parts> parts;
};

// Builds what put() inserts for a stored paper: terms and positions, values, the header, the
// compressed page texts. Thread-safe; the costly half of indexing a paper, so the pipeline runs
// it on several threads and leaves only the insertion to the writer's.
PreparedPaper prepare_paper(const schema::StoredPaper& stored, const std::string& entry_hash,
                            const std::string& file_stamp = "");

// Single-threaded: one IndexWriter per process, used from one thread.
// open() throws paper::Error("index is being updated by process N; wait for it to finish or stop
// it") when another process holds DIR/lock, and paper::Error for an unusable folder or database.
// Destroying a writer without finish() commits what was put (every put is a complete paper), with
// its spelling words journaled, but does not swap a rebuild in. The next open() that rebuilds (the
// rebuild option, or an index of another schema) resumes that unfinished generation, keeping what
// it holds, when it rebuilds the same live generation with the same version and passes Xapian's
// consistency check; an open() that does not rebuild discards it (given_up_rebuild() says so).
class IndexWriter {
 public:
  static std::unique_ptr<IndexWriter> open(const IndexOptions& options);
  virtual ~IndexWriter() = default;

  virtual std::optional<IndexedVersion> version(const PaperId& id) = 0;
  // The stored paper with its page texts (to re-index a changed entry without re-extracting).
  virtual std::optional<schema::StoredPaper> stored(const PaperId& id) = 0;
  // The same with at most max_pages page texts (0: the header alone), for a look at a paper
  // that does not need all its pages.
  virtual std::optional<schema::StoredPaper> stored_first_pages(const PaperId& id,
                                                                int max_pages) = 0;
  // Every indexed paper with its version (includes the lists that name it).
  virtual std::map<PaperId, IndexedVersion> all_versions() = 0;
  // Adds or replaces the paper's document; commits every batch_size calls.
  virtual void put(const schema::StoredPaper& stored, const std::string& entry_hash) = 0;
  // Same, recording the stamp of a local PDF file (kSlotFileStamp).
  virtual void put(const schema::StoredPaper& stored, const std::string& entry_hash,
                   const std::string& file_stamp) = 0;
  // Same, for a paper prepared by prepare_paper().
  virtual void put(PreparedPaper paper) = 0;
  // Records a new stamp for a local PDF whose bytes did not change (touched file); false when the
  // paper is not indexed.
  virtual bool set_file_stamp(const PaperId& id, const std::string& file_stamp) = 0;
  // Removes one paper; false when it was not indexed.
  virtual bool remove(const PaperId& id) = 0;
  // Removes every paper not in keep.
  virtual std::size_t remove_except(const std::set<PaperId>& keep) = 0;
  // Number of put/remove calls not yet committed.
  virtual std::size_t uncommitted() const = 0;
  // Commits; the spelling words of the papers put are journaled, not yet in the spelling table
  // (IndexOptions::max_pending_spelling_words).
  virtual void commit() = 0;
  // Commits with every pending spelling word added to the spelling table; for a rebuild, swaps
  // the new generation in atomically.
  virtual void finish() = 0;
  // True when this run writes a new generation (--rebuild, or a schema change) that finish()
  // swaps in.
  virtual bool building_new_generation() const = 0;
  // Path of the unfinished rebuild this writer resumed (see above), or "".
  virtual std::string resumed_rebuild() const = 0;
  // The unfinished rebuild that this writer, which does not rebuild, discarded at open() and a
  // rebuild would have resumed (see above); nullopt when there was none.
  virtual std::optional<GivenUpRebuild> given_up_rebuild() const = 0;
  virtual std::size_t document_count() = 0;
  // Papers in the index that searches read: the live generation's (while a rebuild is not swapped
  // in, the old one's), else document_count().
  virtual std::size_t live_document_count() = 0;
};

}  // namespace paper
