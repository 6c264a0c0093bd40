#include "query/page_scorer.h"

#include <algorithm>
#include <cmath>

#include "common/schema.h"

namespace paper::query {

namespace {

constexpr double kK1 = 1.2;

double idf(const Xapian::Database& db, const std::string& term) {
  double n = db.get_termfreq(term);
  double total = db.get_doccount();
  return std::log(1.0 + (total - n + 0.5) / (n + 0.5));
}

}  // namespace

std::vector<TermGroup> make_term_groups(const Xapian::Database& db,
                                        const std::vector<std::string>& terms) {
  std::vector<TermGroup> groups;
  for (const std::string& term : terms) {
    TermGroup g;
    g.query_term = term;
    g.idf = idf(db, term);
    g.variants.push_back(term);
    g.key = term.size() > 1 && term[0] == schema::kStemPrefix[0] ? term.substr(1) : term;
    groups.push_back(std::move(g));
  }
  return groups;
}

std::unordered_map<Xapian::docid, std::vector<PageScore>> score_pages(
    const Xapian::Database& db, const std::vector<TermGroup>& groups,
    std::vector<Xapian::docid> candidates) {
  std::sort(candidates.begin(), candidates.end());
  const std::size_t n_groups = groups.size();
  // counts[c][page * n_groups + g]: occurrences of group g's words on that page of candidate c.
  std::vector<std::vector<unsigned>> counts(candidates.size());
  for (std::size_t g = 0; g < n_groups; ++g) {
    for (const std::string& variant : groups[g].variants) {
      Xapian::PostingIterator post = db.postlist_begin(variant);
      const Xapian::PostingIterator end = db.postlist_end(variant);
      for (std::size_t c = 0; c < candidates.size(); ++c) {
        const Xapian::docid did = candidates[c];
        post.skip_to(did);
        if (post == end) break;
        if (*post != did) continue;
        std::vector<unsigned>& per_page = counts[c];
        // Positions come in order, so each page's occurrences are one run: one update per run.
        int run_page = -1;
        unsigned run = 0;
        auto flush = [&] {
          if (run_page < 1 || run == 0) return;  // page 0 is the title
          const std::size_t at = static_cast<std::size_t>(run_page) * n_groups + g;
          if (per_page.size() <= at) per_page.resize((run_page + 1) * n_groups, 0);
          per_page[at] += run;
        };
        for (auto pos = post.positionlist_begin(); pos != post.positionlist_end(); ++pos) {
          const int page = static_cast<int>(schema::page_of_position(*pos));
          if (page != run_page) {
            flush();
            run_page = page;
            run = 0;
          }
          ++run;
        }
        flush();
      }
    }
  }
  std::unordered_map<Xapian::docid, std::vector<PageScore>> out;
  for (std::size_t c = 0; c < candidates.size(); ++c) {
    const std::vector<unsigned>& per_page = counts[c];
    std::vector<PageScore> scores;
    for (std::size_t at = 0; at < per_page.size(); at += n_groups) {
      double s = 0;
      for (std::size_t g = 0; g < n_groups; ++g) {
        const double tf = per_page[at + g];
        if (tf > 0) s += groups[g].idf * tf * (kK1 + 1) / (tf + kK1);
      }
      if (s > 0) scores.push_back({static_cast<int>(at / n_groups), s});
    }
    if (scores.empty()) continue;  // matched on the title (page 0) only
    std::sort(scores.begin(), scores.end(), [](const PageScore& a, const PageScore& b) {
      return a.score != b.score ? a.score > b.score : a.page < b.page;
    });
    out.emplace(candidates[c], std::move(scores));
  }
  return out;
}

}  // namespace paper::query
