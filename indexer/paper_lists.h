// Which inputs (lists, folders, PDFs given) name a paper, across runs: the index stores the lists
// that named each paper; a run reads some of them, and a paper is removed only when no list
// names it any more. Internal to the pipeline; used from its main thread only.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "indexer/index/index_writer.h"
#include "indexer/inputs.h"

namespace paper::pipeline_detail {

class PaperLists {
 public:
  PaperLists() = default;
  // read: the inputs read completely this run (Inputs::read); named: the inputs given this run
  // (Inputs::named).
  PaperLists(std::set<std::string> read, std::set<std::string> named);

  // True when this run read the list completely.
  bool was_read(const std::string& list) const { return read_.count(list) > 0; }

  // A list or folder deleted or renamed since (input_gone), unless this run names it.
  bool gone(const std::string& list) const;

  // The lists to store with a paper: this run's (now), and those that named it before (old, as
  // stored_lists() gives them) but were not read this run (they may still name it). A list or
  // folder gone from the disk names nothing any more.
  std::vector<std::string> lists_of(const std::vector<std::string>& now,
                                    const std::optional<IndexedVersion>& old) const;

  // The lists an index stored for a paper, as this run names them (stored_input_path, once per
  // distinct path: a few lists name thousands of papers).
  std::vector<std::string> stored_lists(const std::vector<std::string>& stored);

  // True when the entry of a paper is what the index holds but for how its lists were spelled
  // (an index made before lists were known by their absolute path, "data/a.md", or a list named
  // through a link).
  bool only_lists_respelled(const InputPaper& in, const IndexedVersion& old);

 private:
  std::set<std::string> read_;
  std::set<std::string> named_;
  std::map<std::string, std::string> stored_paths_;  // stored_input_path, per stored path
};

}  // namespace paper::pipeline_detail
