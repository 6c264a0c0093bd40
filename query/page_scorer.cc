#include "query/page_scorer.h"

#include <algorithm>
#include <cmath>

#include "common/schema.h"
#include "query/snippet.h"

namespace paper::query {

namespace {

constexpr double kK1 = 1.2;
// Proximity: a page also scores the idf of the distinct query words (two or more) found within
// kProximityWindow positions of each other, times kProximityWeight; chosen on the relevance set
// and the known-item benchmark (bench/results/query.md).
constexpr Xapian::termpos kProximityWindow = 16;
constexpr double kProximityWeight = 2.0;

double idf(const Xapian::Database& db, const std::string& term) {
  double n = db.get_termfreq(term);
  double total = db.get_doccount();
  return std::log(1.0 + (total - n + 0.5) / (n + 0.5));
}

}  // namespace

std::vector<TermGroup> make_term_groups(const Xapian::Database& db,
                                        const std::vector<QueryGroup>& groups) {
  std::vector<TermGroup> out;
  for (const QueryGroup& group : groups) {
    if (group.terms.empty()) continue;
    TermGroup g;
    g.terms = group.terms;
    g.window = group.window;
    g.ordered = group.ordered;
    for (const std::string& term : group.terms) {
      g.idf += idf(db, term);
      g.keys.push_back(term.size() > 1 && term[0] == schema::kStemPrefix[0] ? term.substr(1)
                                                                            : term);
    }
    out.push_back(std::move(g));
  }
  return out;
}

std::unordered_map<Xapian::docid, std::vector<PageScore>> score_pages(
    const Xapian::Database& db, const std::vector<TermGroup>& groups,
    std::vector<Xapian::docid> candidates) {
  std::sort(candidates.begin(), candidates.end());
  const std::size_t n_groups = groups.size();
  // Each distinct term's body positions in each candidate (in order), read once.
  std::vector<std::string> terms;
  for (const TermGroup& g : groups) terms.insert(terms.end(), g.terms.begin(), g.terms.end());
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  std::vector<std::vector<std::vector<Xapian::termpos>>> term_positions(
      candidates.size(), std::vector<std::vector<Xapian::termpos>>(terms.size()));
  for (std::size_t t = 0; t < terms.size(); ++t) {
    Xapian::PostingIterator post = db.postlist_begin(terms[t]);
    const Xapian::PostingIterator end = db.postlist_end(terms[t]);
    for (std::size_t c = 0; c < candidates.size(); ++c) {
      post.skip_to(candidates[c]);
      if (post == end) break;
      if (*post != candidates[c]) continue;
      auto& list = term_positions[c][t];
      list.reserve(post.get_wdf());
      for (auto pos = post.positionlist_begin(); pos != post.positionlist_end(); ++pos) {
        if (schema::page_of_position(*pos) >= 1) list.push_back(*pos);  // page 0: the title
      }
    }
  }
  auto term_index = [&](const std::string& term) {
    return static_cast<std::size_t>(std::lower_bound(terms.begin(), terms.end(), term) -
                                    terms.begin());
  };
  // Each group's positions in each candidate: a word's, or where a phrase's words follow one
  // another (its first word's position).
  std::vector<std::vector<std::vector<Xapian::termpos>>> positions(
      candidates.size(), std::vector<std::vector<Xapian::termpos>>(n_groups));
  for (std::size_t g = 0; g < n_groups; ++g) {
    std::vector<std::size_t> members;
    for (const std::string& term : groups[g].terms) members.push_back(term_index(term));
    for (std::size_t c = 0; c < candidates.size(); ++c) {
      const auto& first = term_positions[c][members[0]];
      if (members.size() == 1) {
        positions[c][g] = first;
        continue;
      }
      const unsigned window = groups[g].window;
      for (Xapian::termpos p : first) {
        bool found = true;
        for (std::size_t k = 1; k < members.size() && found; ++k) {
          const auto& next = term_positions[c][members[k]];
          if (window == 0) {  // a phrase: word k right at p + k
            found =
                std::binary_search(next.begin(), next.end(), p + static_cast<Xapian::termpos>(k));
          } else {
            // NEAR: word k within the window around p (on the same page); ADJ: after p.
            const Xapian::termpos page_start = schema::page_of_position(p) * schema::kPageStride;
            const Xapian::termpos from =
                groups[g].ordered ? p + 1 : std::max(page_start, p >= window ? p - window + 1 : 0);
            const auto it = std::lower_bound(next.begin(), next.end(), from);
            found = it != next.end() && *it < p + window &&
                    schema::page_of_position(*it) == schema::page_of_position(p);
          }
        }
        if (found) positions[c][g].push_back(p);
      }
    }
  }
  std::unordered_map<Xapian::docid, std::vector<PageScore>> out;
  std::vector<unsigned> tf(n_groups), in_window(n_groups), in_cluster(n_groups);
  std::vector<std::size_t> next(n_groups);
  std::vector<std::pair<Xapian::termpos, unsigned>> h;
  for (std::size_t c = 0; c < candidates.size(); ++c) {
    // The groups' lists merged in position order (few groups: the smallest head each time).
    h.clear();
    std::fill(next.begin(), next.end(), 0);
    for (;;) {
      std::size_t best = n_groups;
      for (std::size_t g = 0; g < n_groups; ++g) {
        if (next[g] < positions[c][g].size() &&
            (best == n_groups || positions[c][g][next[g]] < positions[c][best][next[best]])) {
          best = g;
        }
      }
      if (best == n_groups) break;
      h.emplace_back(positions[c][best][next[best]++], static_cast<unsigned>(best));
    }
    if (h.empty()) continue;  // matched on the title only
    std::vector<PageScore> scores;
    for (std::size_t begin = 0; begin < h.size();) {
      const auto page = schema::page_of_position(h[begin].first);
      std::size_t end = begin;
      while (end < h.size() && schema::page_of_position(h[end].first) == page) ++end;
      // Saturated counts; the most idf of distinct query words within one proximity window; and
      // where the snippet goes: the cluster of hits make_snippet would pick (kClusterWords wide,
      // each distinct word counting its idf + 1, each hit 0.01).
      std::fill(tf.begin(), tf.end(), 0);
      std::fill(in_window.begin(), in_window.end(), 0);
      std::fill(in_cluster.begin(), in_cluster.end(), 0);
      double best_window = 0, window_idf = 0;
      int distinct = 0;  // groups in the window
      double best_cluster = -1, cluster_score = 0;
      Xapian::termpos cluster_first = 0, cluster_last = 0;
      for (std::size_t i = begin, lo = begin, clo = begin; i < end; ++i) {
        const unsigned g = h[i].second;
        ++tf[g];
        if (in_window[g]++ == 0) {
          window_idf += groups[g].idf;
          ++distinct;
        }
        for (; h[i].first - h[lo].first >= kProximityWindow; ++lo) {
          const unsigned out_g = h[lo].second;
          if (--in_window[out_g] == 0) {
            window_idf -= groups[out_g].idf;
            --distinct;
          }
        }
        if (distinct >= 2) best_window = std::max(best_window, window_idf);
        cluster_score += 0.01 + (in_cluster[g]++ == 0 ? groups[g].idf + 1 : 0);
        for (; h[i].first - h[clo].first >= kClusterWords; ++clo) {
          const unsigned out_g = h[clo].second;
          cluster_score -= 0.01 + (--in_cluster[out_g] == 0 ? groups[out_g].idf + 1 : 0);
        }
        if (cluster_score > best_cluster + 1e-9) {
          best_cluster = cluster_score;
          cluster_first = h[clo].first;
          cluster_last = h[i].first + static_cast<Xapian::termpos>(groups[g].terms.size() - 1);
        }
      }
      double s = kProximityWeight * best_window;
      for (std::size_t g = 0; g < n_groups; ++g) {
        const double t = tf[g];
        if (t > 0) s += groups[g].idf * t * (kK1 + 1) / (t + kK1);
      }
      const Xapian::termpos base = page * schema::kPageStride;
      scores.push_back({static_cast<int>(page), s, cluster_first - base, cluster_last - base});
      begin = end;
    }
    std::sort(scores.begin(), scores.end(), [](const PageScore& a, const PageScore& b) {
      return a.score != b.score ? a.score > b.score : a.page < b.page;
    });
    out.emplace(candidates[c], std::move(scores));
  }
  return out;
}

}  // namespace paper::query
