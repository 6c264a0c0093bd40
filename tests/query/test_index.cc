#include "tests/query/test_index.h"

#include "indexer/index/index_writer.h"

namespace paper::testing {

schema::StoredPaper stored_paper(const PaperSpec& spec) {
  schema::StoredPaper s;
  s.paper.id = spec.id;
  s.paper.title = spec.title;
  s.paper.authors = spec.authors;
  s.paper.venue = spec.venue;
  if (spec.year) s.paper.year = spec.year;
  s.paper.section = spec.section;
  s.paper.source = {"data/test-list.md", 1};
  s.lists = {"data/test-list.md"};
  s.abstract = spec.abstract;
  s.pages = spec.pages;
  s.page_count = static_cast<int>(spec.pages.size());
  if (spec.pages.empty()) {
    // Known by its list entry only: a publisher page, and an arXiv link the catalogue marked
    // suspect, which was the last URL tried.
    s.state = schema::PaperState::kMetadataOnly;
    s.reason = "no open-access PDF found";
    s.paper.links = {
        Link{"Paper", "https://publisher.example.org/" + spec.id, "publisher.example.org",
             LinkKind::kLanding, false},
        Link{"ArXiv", "https://arxiv.org/pdf/2308.16150", "arxiv.org", LinkKind::kArxiv, true}};
    s.pdf_url = "https://arxiv.org/pdf/2308.16150";
  } else {
    s.state = schema::PaperState::kText;
    s.pdf_url = "https://example.org/" + spec.id + ".pdf";
    s.pdf_sha256 = std::string(64, 'a');
  }
  return s;
}

void build_index(const std::string& dir, const std::vector<PaperSpec>& papers,
                 const std::string& synonyms_path, bool rebuild) {
  IndexOptions options;
  options.dir = dir;
  options.rebuild = rebuild;
  options.synonyms_path = synonyms_path;
  auto writer = IndexWriter::open(options);
  for (const PaperSpec& spec : papers) {
    schema::StoredPaper s = stored_paper(spec);
    writer->put(s, entry_hash(s.paper, s.lists));
  }
  writer->finish();
}

std::string repository_synonyms() { return std::string(PAPER_SOURCE_DIR) + "/data/synonyms.txt"; }

}  // namespace paper::testing
