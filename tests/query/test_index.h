// Builds index folders for the query tests through the real IndexWriter (indexer/index), from
// papers generated here (page texts, no PDFs needed).
#pragma once

#include <string>
#include <vector>

#include "common/schema.h"

namespace paper::testing {

struct PaperSpec {
  std::string id;
  std::string title;
  std::vector<std::string> authors;
  std::string venue;
  int year = 0;  // 0 = unknown
  std::string section;
  std::string abstract;
  std::vector<std::string> pages;  // empty = metadata only
};

// A stored paper as the indexer would record it: text state with a PDF URL
// (https://example.org/ID.pdf) when it has pages, metadata only ("no open-access PDF found")
// otherwise.
schema::StoredPaper stored_paper(const PaperSpec& spec);

// Indexes the papers into the folder dir (IndexWriter::open, put each, finish), loading the
// synonym file when synonyms_path is not empty.
void build_index(const std::string& dir, const std::vector<PaperSpec>& papers,
                 const std::string& synonyms_path = "", bool rebuild = false);

// The repository's data/synonyms.txt.
std::string repository_synonyms();

}  // namespace paper::testing
