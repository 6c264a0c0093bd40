#include "tests/query/search_fixture.h"

#include <algorithm>

#include "common/error.h"
#include "tests/query/sample_papers.h"
#include "tests/query/test_index.h"

namespace paper::query {

void QuerySearchTest::SetUp() {
  testing::build_index(dir_.file("index"), testing::sample_papers(),
                       testing::repository_synonyms());
  searcher_ = std::make_unique<Searcher>(dir_.file("index"));
}

SearchResult QuerySearchTest::search(const std::string& text, std::size_t limit) {
  SearchRequest request;
  request.text = text;
  request.limit = limit;
  return searcher_->search(request);
}

std::string QuerySearchTest::usage_error(const std::string& text) {
  try {
    search(text);
  } catch (const Error& e) {
    EXPECT_EQ(e.exit_code(), kExitUsage) << text;
    return e.what();
  }
  return "no error";
}

std::vector<std::string> QuerySearchTest::ids(const std::string& text) {
  std::vector<std::string> out;
  for (const SearchHit& h : search(text).hits) out.push_back(h.paper.paper.id);
  return out;
}

std::vector<std::string> QuerySearchTest::sorted_ids(const std::string& text) {
  std::vector<std::string> out = ids(text);
  std::sort(out.begin(), out.end());
  return out;
}

std::string snippet_of_page(const std::string& page, const std::string& query) {
  testing::TempDir dir;
  testing::build_index(dir.file("index"), {{"paper",
                                            "A Study of Liver Imaging",
                                            {"A. Author"},
                                            "MICCAI",
                                            2020,
                                            "Architectures",
                                            "",
                                            {page}}});
  Searcher searcher(dir.file("index"));
  SearchRequest request;
  request.text = query;
  SearchResult r = searcher.search(request);
  if (r.hits.size() != 1 || r.hits[0].pages.size() != 1) return "(not one page)";
  return render_snippet(r.hits[0].pages[0].snippet, "[", "]");
}

}  // namespace paper::query
