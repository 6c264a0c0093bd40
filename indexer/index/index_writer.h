// The only module that writes the Xapian index. Owner: indexer/index.
// Layout of an index folder DIR (documented in README.md):
//   DIR/current      symlink to the live database generation (db-<N>); readers open this
//   DIR/db-<N>/      Xapian glass databases
//   DIR/lock         flock + pid of the process updating the index
//   DIR/state.sqlite the durable fetch/paper record (indexer/fetch/state_store.h)
//   DIR/cache/       content-addressed PDF cache
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>

#include "common/paper.h"
#include "common/schema.h"

namespace paper {

struct IndexOptions {
  std::string dir;                 // index folder (created if missing)
  bool rebuild = false;            // build a new generation beside the live one, swap at finish()
  std::size_t batch_size = 200;    // papers per commit
  std::string synonyms_path;       // data/synonyms.txt style file; empty = none
};

// What the index holds for one paper, for incremental decisions.
struct IndexedVersion {
  std::string entry_hash;
  std::string content_hash;
  schema::PaperState state;
};

// Hex hash of everything of a catalogue entry that is indexed (title, authors, venue, year,
// section, links, lists); a changed entry re-indexes the paper.
std::string entry_hash(const Paper& paper, const std::vector<std::string>& lists);

// Path of the live database of an index folder, for readers; nullopt when there is none.
std::optional<std::string> live_database_path(const std::string& dir);

// Single-threaded: one IndexWriter per process, used from one thread.
// open() throws paper::Error("index is being updated by process N ...") when another process
// holds DIR/lock.
class IndexWriter {
 public:
  static std::unique_ptr<IndexWriter> open(const IndexOptions& options);
  virtual ~IndexWriter() = default;

  virtual std::optional<IndexedVersion> version(const PaperId& id) = 0;
  // Adds or replaces the paper's document; commits every batch_size calls.
  virtual void put(const schema::StoredPaper& stored, const std::string& entry_hash) = 0;
  // Removes every paper not in keep.
  virtual std::size_t remove_except(const std::set<PaperId>& keep) = 0;
  virtual void commit() = 0;
  // Commits; for a rebuild, swaps the new generation in atomically.
  virtual void finish() = 0;
};

}  // namespace paper
