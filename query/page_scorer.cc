#include "query/page_scorer.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "common/schema.h"

namespace paper::query {

namespace {

constexpr std::size_t kMaxVariants = 32;
constexpr int kMaxVocabularyScan = 400;
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
  Xapian::Stem stem("english");
  for (const std::string& term : terms) {
    TermGroup g;
    g.query_term = term;
    g.idf = idf(db, term);
    if (term.size() > 1 && term[0] == 'Z') {
      const std::string root = term.substr(1);
      // Snowball turns a final 'y' into 'i' ("study" -> "studi"), so scan from the shorter
      // prefix and keep the words that really have this stem.
      std::string prefix = root;
      if (prefix.size() > 2 && prefix.back() == 'i') prefix.pop_back();
      std::vector<std::pair<Xapian::doccount, std::string>> found;
      int scanned = 0;
      for (auto it = db.allterms_begin(prefix);
           it != db.allterms_end(prefix) && scanned < kMaxVocabularyScan; ++it, ++scanned) {
        const std::string word = *it;
        if (stem(word) == root) found.emplace_back(it.get_termfreq(), word);
      }
      std::sort(found.begin(), found.end(), std::greater<>());
      for (std::size_t k = 0; k < found.size() && k < kMaxVariants; ++k) {
        g.variants.push_back(found[k].second);
      }
    } else {
      g.variants.push_back(term);
    }
    if (!g.variants.empty()) groups.push_back(std::move(g));
  }
  return groups;
}

std::unordered_map<Xapian::docid, std::vector<PageScore>> score_pages(
    const Xapian::Database& db, const std::vector<TermGroup>& groups,
    std::vector<Xapian::docid> candidates) {
  std::sort(candidates.begin(), candidates.end());
  // docid -> page -> count per group
  std::unordered_map<Xapian::docid, std::map<int, std::vector<unsigned>>> counts;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    for (const std::string& variant : groups[g].variants) {
      Xapian::PostingIterator post = db.postlist_begin(variant);
      const Xapian::PostingIterator end = db.postlist_end(variant);
      for (Xapian::docid did : candidates) {
        post.skip_to(did);
        if (post == end) break;
        if (*post != did) continue;
        auto& pages = counts[did];
        for (auto pos = post.positionlist_begin(); pos != post.positionlist_end(); ++pos) {
          int page = static_cast<int>(schema::page_of_position(*pos));
          if (page < 1) continue;
          auto& per_group = pages[page];
          if (per_group.empty()) per_group.assign(groups.size(), 0);
          ++per_group[g];
        }
      }
    }
  }
  std::unordered_map<Xapian::docid, std::vector<PageScore>> out;
  for (auto& [did, pages] : counts) {
    if (pages.empty()) continue;  // matched on the title (page 0) only
    std::vector<PageScore> scores;
    for (auto& [page, per_group] : pages) {
      double s = 0;
      for (std::size_t g = 0; g < per_group.size(); ++g) {
        double tf = per_group[g];
        if (tf > 0) s += groups[g].idf * tf * (kK1 + 1) / (tf + kK1);
      }
      scores.push_back({page, s});
    }
    std::sort(scores.begin(), scores.end(), [](const PageScore& a, const PageScore& b) {
      return a.score != b.score ? a.score > b.score : a.page < b.page;
    });
    out.emplace(did, std::move(scores));
  }
  return out;
}

}  // namespace paper::query
