// The words for the spelling table, between a paper's put and the table: each write of the table
// rewrites its long word lists, so words wait, journaled in the index with each committed batch,
// until the end of the run (or until too many are pending) and go to the table at once. Internal
// to indexer/index; used by the writer's thread.
#pragma once

#include <xapian.h>

#include <string>
#include <unordered_map>
#include <vector>

namespace paper::index_detail {

class SpellingJournal {
 public:
  // Takes back the words a previous writer of db journaled but did not add (it was stopped).
  void read(Xapian::WritableDatabase& db);

  // The spelling words of one paper put (each once).
  void add(const std::vector<std::string>& words);

  // Before db's commit: the batch's words are journaled with it, or, with add_all or at least
  // max_pending words pending, every pending word goes to the spelling table (once, with the
  // number of papers using it) and the journal is emptied, in the same commit.
  void before_commit(Xapian::WritableDatabase& db, bool add_all, std::size_t max_pending);

  // Writes the batch's words as the next journal entry (to be committed with the batch).
  void journal_batch(Xapian::WritableDatabase& db);

 private:
  // Words -> papers using them: of this batch, and of the batches committed since the spelling
  // table was last written (journaled).
  std::unordered_map<std::string, Xapian::termcount> batch_;
  std::unordered_map<std::string, Xapian::termcount> pending_;
  unsigned next_ = 1;  // sequence number of the next journal entry
};

}  // namespace paper::index_detail
