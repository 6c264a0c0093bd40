#include "indexer/paper_lists.h"

#include <algorithm>

namespace paper::pipeline_detail {

PaperLists::PaperLists(std::set<std::string> read, std::set<std::string> named)
    : read_(std::move(read)), named_(std::move(named)) {}

bool PaperLists::gone(const std::string& list) const {
  return named_.count(list) == 0 && input_gone(list);
}

std::vector<std::string> PaperLists::lists_of(const std::vector<std::string>& now,
                                              const std::optional<IndexedVersion>& old) const {
  std::vector<std::string> lists = now;
  if (old) {
    for (const std::string& l : old->lists) {
      if (read_.count(l) == 0 && !gone(l) &&
          std::find(lists.begin(), lists.end(), l) == lists.end()) {
        lists.push_back(l);
      }
    }
  }
  return lists;
}

std::vector<std::string> PaperLists::stored_lists(const std::vector<std::string>& stored) {
  std::vector<std::string> lists;
  for (const std::string& l : stored) {
    auto it = stored_paths_.find(l);
    if (it == stored_paths_.end()) it = stored_paths_.emplace(l, stored_input_path(l)).first;
    if (std::find(lists.begin(), lists.end(), it->second) == lists.end()) {
      lists.push_back(it->second);
    }
  }
  return lists;
}

bool PaperLists::only_lists_respelled(const InputPaper& in, const IndexedVersion& old) {
  std::vector<std::string> spelled;
  for (const std::string& list : in.lists) {
    auto it = std::find_if(old.lists.begin(), old.lists.end(), [&](const std::string& l) {
      return l != list && stored_lists({l}).front() == list;
    });
    if (it == old.lists.end()) return false;
    spelled.push_back(*it);
  }
  return entry_hash(in.paper, spelled) == old.entry_hash;
}

}  // namespace paper::pipeline_detail
