// Known-item search over real papers: "the right paper and the right page first". For a seeded
// random sample of pages of an index, a query made of a few informative words of one passage of
// that page (what a reader remembers); then, for each ranking, how often the paper comes first
// (success@1), MRR@10, and how often the first (or one of the three) pages shown for it is the
// page the words came from.
//   known_item --db DIR [--queries N] [--words K] [--seed S] [--depth N]
// Words: letters only, at least 4, not stop words, in 2 to 5% of the papers (a word only one
// paper has would make the search trivial), distinct stems, all within 40 words of the page.
#include <xapian.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "common/schema.h"
#include "query/searcher.h"
#include "query/stopwords.h"

namespace {

using paper::query::Ranking;

struct KnownItem {
  std::string id;
  int page = 0;
  std::string query;
};

std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> out;
  std::string w;
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 'a' && c <= 'z') {
      w += static_cast<char>(c);
    } else if (c >= 'A' && c <= 'Z') {
      w += static_cast<char>(c - 'A' + 'a');
    } else {
      if (!w.empty()) out.push_back(w);
      w.clear();
    }
  }
  if (!w.empty()) out.push_back(w);
  return out;
}

std::vector<KnownItem> sample(const Xapian::Database& db, std::size_t n, std::size_t k,
                              unsigned seed) {
  std::vector<paper::schema::StoredPaper> papers;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    auto p = paper::schema::decode_document_data(db.get_document(*it).get_data());
    if (p.state == paper::schema::PaperState::kText && p.stored_pages > 0) papers.push_back(p);
  }
  // In id order, not docid order (which depends on the order the build finished the papers in):
  // the same corpus and seed then give the same queries from any build of the index.
  std::sort(papers.begin(), papers.end(),
            [](const auto& a, const auto& b) { return a.paper.id < b.paper.id; });
  if (papers.empty()) return {};
  const double docs = db.get_doccount();
  const auto max_df = static_cast<Xapian::doccount>(std::max(2.0, docs * 0.05));
  std::mt19937 rng(seed);
  Xapian::Stem stem("english");
  std::vector<KnownItem> out;
  for (std::size_t attempt = 0; out.size() < n && attempt < n * 50; ++attempt) {
    const auto& p = papers[rng() % papers.size()];
    const int page = 1 + static_cast<int>(rng() % static_cast<unsigned>(p.stored_pages));
    const auto words = words_of(paper::schema::decode_page_text(
        db.get_metadata(paper::schema::page_metadata_key(p.paper.id, page))));
    if (words.size() < 60) continue;
    const std::size_t start = rng() % (words.size() - 40);
    std::set<std::string> stems;
    std::vector<std::string> picked;
    for (std::size_t i = start; i < start + 40 && picked.size() < k; ++i) {
      const std::string& w = words[i];
      if (w.size() < 4 || paper::query::is_stopword(w)) continue;
      const std::string s = stem(w);
      const Xapian::doccount df = db.get_termfreq(paper::schema::kStemPrefix + s);
      if (df < 2 || df > max_df || !stems.insert(s).second) continue;
      picked.push_back(w);
    }
    if (picked.size() < k) continue;
    std::string q;
    for (const auto& w : picked) q += (q.empty() ? "" : " ") + w;
    out.push_back({p.paper.id, page, q});
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir;
  std::size_t n = 200, k = 4;
  unsigned seed = 42;
  std::size_t depth = paper::query::SearchRequest().rerank_depth;  // papers re-ranked by pages
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--db") dir = argv[i + 1];
    if (a == "--queries") n = std::stoul(argv[i + 1]);
    if (a == "--words") k = std::stoul(argv[i + 1]);
    if (a == "--seed") seed = static_cast<unsigned>(std::stoul(argv[i + 1]));
    if (a == "--depth") depth = std::stoul(argv[i + 1]);
  }
  if (dir.empty()) {
    std::cerr << "usage: known_item --db DIR [--queries N] [--words K] [--seed S] [--depth N]\n";
    return 64;
  }
  std::vector<KnownItem> items;
  std::unique_ptr<paper::query::Searcher> searcher_ptr;
  try {
    items = sample(Xapian::Database(dir + "/current"), n, k, seed);
    searcher_ptr = std::make_unique<paper::query::Searcher>(dir);
  } catch (const std::exception& e) {  // paper::Error: no index, another schema, ...
    std::cerr << "known_item: " << e.what() << "\n";
    return 1;
  } catch (const Xapian::Error& e) {
    std::cerr << "known_item: " << e.get_description() << "\n";
    return 1;
  }
  paper::query::Searcher& searcher = *searcher_ptr;
  std::printf("%zu known-item queries of %zu words (seed %u), e.g. \"%s\"\n\n", items.size(), k,
              seed, items.empty() ? "" : items[0].query.c_str());
  std::printf(
      "| ranking | paper first | MRR@10 | its first page is the source | source in its 3 pages "
      "|\n");
  std::printf("|---|---|---|---|---|\n");
  for (Ranking r : {Ranking::kWholeDocument, Ranking::kFields, Ranking::kPageMaxP,
                    Ranking::kWholePlusPage, Ranking::kCombined}) {
    double first = 0, mrr = 0, page1 = 0, page3 = 0;
    for (const auto& item : items) {
      paper::query::SearchRequest request;
      request.text = item.query;
      request.ranking = r;           // pages are scored for the shown papers under every ranking
      request.rerank_depth = depth;  // papers re-ranked by their pages (page rankings only)
      const auto result = searcher.search(request);
      for (const auto& hit : result.hits) {
        if (hit.paper.paper.id != item.id) continue;
        mrr += 1.0 / static_cast<double>(hit.rank);
        first += hit.rank == 1;
        for (std::size_t p = 0; p < hit.pages.size() && p < 3; ++p) {
          if (hit.pages[p].page != item.page) continue;
          page1 += p == 0;
          page3 += 1;
        }
        break;
      }
    }
    const double total = static_cast<double>(items.size());
    std::printf("| %s | %.3f | %.3f | %.3f | %.3f |\n", paper::query::to_string(r), first / total,
                mrr / total, page1 / total, page3 / total);
  }
  return 0;
}
