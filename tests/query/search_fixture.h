// Shared by the end-to-end search tests: an index of the sample papers (with the repository's
// synonyms) in the test's own folder, and helpers that search it.
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "query/searcher.h"
#include "tests/support/temp_dir.h"

namespace paper::query {

class QuerySearchTest : public ::testing::Test {
 protected:
  void SetUp() override;

  SearchResult search(const std::string& text, std::size_t limit = 10);

  // The message of the usage error (exit 64) a query gets, or "no error".
  std::string usage_error(const std::string& text);

  // The ids of the papers found, best first.
  std::vector<std::string> ids(const std::string& text);

  // The ids of the papers found, sorted.
  std::vector<std::string> sorted_ids(const std::string& text);

  testing::TempDir dir_;
  std::unique_ptr<Searcher> searcher_;
};

// The snippet (query words in brackets) of the one page of a one-paper index that matches query.
std::string snippet_of_page(const std::string& page, const std::string& query);

}  // namespace paper::query
