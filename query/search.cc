#include <algorithm>
#include <cctype>
#include <cmath>
#include <unordered_map>

#include "common/error.h"
#include "common/text.h"
#include "query/page_scorer.h"
#include "query/query_builder.h"
#include "query/searcher_impl.h"

namespace paper::query {

namespace {

// The link to a page of the PDF: URL#page=N; a PDF on disk (an absolute path) as a file: URL,
// its bytes escaped, so that a '#', '%' or space in its name does not cut or change the link.
std::string page_link(const std::string& pdf, int page) {
  std::string url;
  if (!pdf.empty() && pdf[0] == '/') {
    static const char* kHex = "0123456789ABCDEF";
    url = "file://";
    for (char ch : pdf) {
      const auto c = static_cast<unsigned char>(ch);
      if (std::isalnum(c) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~') {
        url += ch;
      } else {
        url += '%';
        url += kHex[c >> 4];
        url += kHex[c & 15];
      }
    }
  } else {
    url = pdf;
  }
  return url + "#page=" + std::to_string(page);
}

// Weights of the field boosts relative to the body (kFields, kCombined); chosen on the relevance
// set (bench/results/query.md).
constexpr double kTitleBoost = 1.0;
// (The abstract needs no boost of its own: free text matches it as well as the body.)
constexpr double kReferencesBoost = 0.1;
// A query with at most this many results gets a spelling suggestion when one exists.
constexpr std::size_t kFewResults = 2;
// Words of context a snippet may want on either side of its cluster: a page chunk is read with
// its neighbour when the cluster is this close to the chunk's edge. A snippet grows on both sides
// of its cluster, so about half of snippet_bytes is wanted on each (words average under 7 bytes
// with their spaces); with less on one side it grows on the other. snippet_bytes / 6 words
// instead changed 3 of the 995 snippets of the 50 benchmark queries and read more chunks.
std::uint32_t snippet_context_words(std::size_t snippet_bytes) {
  return static_cast<std::uint32_t>(std::min<std::size_t>(snippet_bytes / 12 + 4, 4096));
}

Xapian::Query field_terms(const std::vector<std::string>& terms, const std::string& prefix) {
  std::vector<Xapian::Query> qs;
  for (const std::string& t : terms) {
    if (t[0] == 'Z') {
      qs.emplace_back("Z" + prefix + t.substr(1));
    } else {
      qs.emplace_back(prefix + t);
    }
  }
  return Xapian::Query(Xapian::Query::OP_OR, qs.begin(), qs.end());
}

Xapian::Query ranked_query(const Xapian::Query& match, const std::vector<std::string>& terms,
                           Ranking ranking) {
  switch (ranking) {
    case Ranking::kWholeDocument:
    case Ranking::kPageMaxP:
    case Ranking::kWholePlusPage:
      return match;
    case Ranking::kTitleOnly:
      return Xapian::Query(Xapian::Query::OP_AND_MAYBE,
                           Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, match, 0),
                           field_terms(terms, schema::kPrefixTitle));
    case Ranking::kFields:
    case Ranking::kCombined: {
      std::vector<Xapian::Query> boosts{
          Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, field_terms(terms, schema::kPrefixTitle),
                        kTitleBoost),
          Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                        field_terms(terms, schema::kPrefixReferences), kReferencesBoost)};
      return Xapian::Query(Xapian::Query::OP_AND_MAYBE, match,
                           Xapian::Query(Xapian::Query::OP_OR, boosts.begin(), boosts.end()));
    }
  }
  return match;
}

bool uses_pages(Ranking r) {
  return r == Ranking::kPageMaxP || r == Ranking::kWholePlusPage || r == Ranking::kCombined;
}

// Collects the ids of every matching paper for the facets. Xapian's ValueCountMatchSpy looks
// each value up on its own (about 2 us per paper and slot here); walking each facet slot's value
// stream once in docid order afterwards is about ten times cheaper (bench/results/query.md).
class MatchCollector : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double) override { ids.push_back(doc.get_docid()); }
  std::vector<Xapian::docid> ids;
};

// Counts of the values of slot over the papers ids (ascending), most papers first, then by value.
std::vector<FacetCount> facet_counts(const Xapian::Database& db, Xapian::valueno slot,
                                     const std::vector<Xapian::docid>& ids, bool numeric) {
  std::unordered_map<std::string, std::size_t> counts;
  Xapian::ValueIterator it = db.valuestream_begin(slot);
  const Xapian::ValueIterator end = db.valuestream_end(slot);
  for (Xapian::docid did : ids) {
    it.skip_to(did);
    if (it == end) break;
    if (it.get_docid() != did) continue;
    std::string value = *it;
    if (!value.empty()) ++counts[value];
  }
  std::vector<std::pair<std::string, std::size_t>> sorted(counts.begin(), counts.end());
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  std::vector<FacetCount> out;
  out.reserve(sorted.size());
  for (auto& [value, count] : sorted) {
    std::string shown =
        numeric
            ? std::to_string(static_cast<long>(std::lround(Xapian::sortable_unserialise(value))))
            : std::move(value);
    out.push_back({std::move(shown), count});
  }
  return out;
}

// The terms the free-text wildcards of a query expand to, for the page scores and snippets: the
// most frequent stems starting with each word or with the word's stem (as WildcardExpander in
// query_builder.cc expands them).
void add_wildcard_terms(const Xapian::Database& db, const std::vector<std::string>& words,
                        std::vector<std::string>& terms) {
  constexpr std::size_t kMaxWords = 16;
  Xapian::Stem stem("english");
  for (const std::string& word : words) {
    if (word.size() < 2) continue;
    std::vector<std::pair<Xapian::doccount, std::string>> found;
    std::vector<std::string> patterns{schema::kStemPrefix + word};
    const std::string stemmed = schema::kStemPrefix + stem(word);
    if (stemmed != patterns[0]) patterns.push_back(stemmed);
    for (const std::string& pattern : patterns) {
      for (auto it = db.allterms_begin(pattern); it != db.allterms_end(pattern); ++it) {
        found.emplace_back(it.get_termfreq(), *it);
      }
    }
    std::sort(found.begin(), found.end(), std::greater<>());
    found.erase(std::unique(found.begin(), found.end()), found.end());
    for (std::size_t i = 0; i < found.size() && i < kMaxWords; ++i) {
      terms.push_back(found[i].second);
    }
  }
}

struct Candidate {
  Xapian::docid did;
  double doc_score;
  double final_score;
};

// Page words match the query's stems (the index holds stems only: common/schema.h).
WordMatcher make_matcher(const std::vector<TermGroup>& groups) {
  WordMatcher m(/*stemmed_keys=*/true);
  for (std::size_t g = 0; g < groups.size(); ++g) {
    if (groups[g].window == 0) {
      m.add_phrase(groups[g].keys, static_cast<int>(g), groups[g].idf);
    } else {
      // NEAR and ADJ: their words are marked as words; the pages shown are those where they
      // stand within the window (score_pages), and the snippet around them.
      for (const std::string& key : groups[g].keys) m.add(key, static_cast<int>(g), groups[g].idf);
    }
  }
  return m;
}

// The words and phrases the page scores and snippets look for: the query's, and the stems its
// wildcards stand for.
std::vector<QueryGroup> page_groups(const Xapian::Query& match,
                                    const std::vector<std::string>& wildcard_terms) {
  std::vector<QueryGroup> groups = body_groups(match);
  for (const std::string& term : wildcard_terms) groups.push_back({{term}});
  std::sort(groups.begin(), groups.end());
  groups.erase(std::unique(groups.begin(), groups.end()), groups.end());
  return groups;
}

// The English stem of a word, with one stemmer per thread (a Xapian::Stem is not thread-safe)
// and the stems of the thread's recent words remembered (pages repeat their words).
std::string stem_word(const std::string& lower_word) {
  constexpr std::size_t kRemembered = 4096;
  thread_local Xapian::Stem stem("english");
  thread_local std::unordered_map<std::string, std::string> stems;
  auto it = stems.find(lower_word);
  if (it != stems.end()) return it->second;
  if (stems.size() >= kRemembered) stems.clear();
  // Letters beyond ASCII come as they were on the page ("Über"): lower-cased as the index did.
  const bool ascii = is_ascii(lower_word);
  return stems.emplace(lower_word, stem(ascii ? lower_word : Xapian::Unicode::tolower(lower_word)))
      .first->second;
}

}  // namespace

const char* to_string(Ranking ranking) {
  switch (ranking) {
    case Ranking::kWholeDocument:
      return "whole-document BM25";
    case Ranking::kTitleOnly:
      return "title only";
    case Ranking::kFields:
      return "fields (title/abstract boosts)";
    case Ranking::kPageMaxP:
      return "best page (MaxP)";
    case Ranking::kWholePlusPage:
      return "whole document + best page";
    case Ranking::kCombined:
      return "fields + best page";
  }
  return "";
}

SearchResult Searcher::Impl::search(const SearchRequest& request) {
  if (trim(request.text).empty()) {
    throw Error("empty query; give words to search for, e.g. `paper-search unet segmentation`",
                kExitUsage);
  }
  SearchResult result;
  result.query = request.text;
  result.offset = request.offset;
  QueryBuilder builder(db);
  BuiltQuery built = builder.build(request.text, Xapian::Query::OP_AND);
  result.plain_words = built.plain_words;
  if (built.match.empty()) {
    bool has_word = false;
    for (Xapian::Utf8Iterator it(request.text), end; it != end && !has_word; ++it) {
      has_word = Xapian::Unicode::is_wordchar(*it);
    }
    // An empty range (2021..2019) makes a conjunction match nothing, as Xapian parses it.
    const bool range = request.text.find("..") != std::string::npos;
    throw Error(!has_word ? "the query '" + request.text +
                                "' has no words, only signs; give words to search for, e.g. "
                                "`paper-search unet segmentation`"
                : range ? "the query '" + request.text +
                              "' can match nothing: is a range in it empty? give the lower bound "
                              "first, e.g. year:2019..2021"
                        : "the query '" + request.text +
                              "' has only common words (the, of, ...); add a more specific word",
                kExitUsage);
  }

  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(Xapian::BM25Weight());
  MatchCollector matching;
  enquire.add_matchspy(&matching);

  const std::size_t wanted = request.offset + request.limit;
  const std::size_t depth =
      uses_pages(request.ranking) ? std::max(wanted, request.rerank_depth) : wanted;
  // The body terms (for the field boosts) and the stems the wildcards stand for.
  std::vector<std::string> wildcard_terms;
  add_wildcard_terms(db, built.wildcard_words, wildcard_terms);
  std::vector<std::string> terms = body_terms(built.match);
  terms.insert(terms.end(), wildcard_terms.begin(), wildcard_terms.end());
  auto run = [&](const Xapian::Query& match) {
    enquire.set_query(ranked_query(match, terms, request.ranking));
    matching.ids.clear();
    // Every match is counted so the total and the facets are exact.
    return enquire.get_mset(0, depth, db.get_doccount());
  };
  Xapian::MSet mset = run(built.match);
  if (mset.get_matches_estimated() == 0) {
    BuiltQuery any = builder.build(request.text, Xapian::Query::OP_OR);
    if (!any.match.empty() && any.match.serialise() != built.match.serialise()) {
      built = any;
      wildcard_terms.clear();
      add_wildcard_terms(db, built.wildcard_words, wildcard_terms);
      terms = body_terms(built.match);
      terms.insert(terms.end(), wildcard_terms.begin(), wildcard_terms.end());
      mset = run(built.match);
      result.any_word = mset.get_matches_estimated() > 0;
    }
  }
  result.total = mset.get_matches_estimated();
  std::sort(matching.ids.begin(), matching.ids.end());
  result.facets = {facet_counts(db, schema::kSlotYear, matching.ids, true),
                   facet_counts(db, schema::kSlotVenue, matching.ids, false),
                   facet_counts(db, schema::kSlotSection, matching.ids, false)};
  // Papers with every word: none when the results are papers with some of them.
  const std::size_t with_every_word = result.any_word ? 0 : result.total;
  if (with_every_word <= kFewResults) {
    // Suggested only when the better spelling finds more papers with every word.
    std::string suggestion = builder.spelling_suggestion(request.text);
    if (!suggestion.empty() && suggestion != request.text) {
      BuiltQuery better = builder.build(suggestion, Xapian::Query::OP_AND);
      Xapian::Enquire count(db);
      count.set_query(better.match);
      if (!better.match.empty() &&
          count.get_mset(0, 0, db.get_doccount()).get_matches_estimated() > with_every_word) {
        result.suggestion = suggestion;
      }
    }
  }

  std::vector<Candidate> candidates;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    candidates.push_back({*it, it.get_weight(), it.get_weight()});
  }
  // Page evidence re-ranks the first rerank_depth papers of the whole-document ranking, always the
  // same ones: the papers after them keep that ranking's order, so that pages of results
  // (--offset) neither repeat nor skip a paper whatever their size.
  const std::size_t reranked = uses_pages(request.ranking) && request.limit > 0
                                   ? std::min(candidates.size(), request.rerank_depth)
                                   : 0;
  std::vector<TermGroup> groups;
  std::unordered_map<Xapian::docid, std::vector<PageScore>> pages;
  if (!candidates.empty() && (reranked > 0 || request.snippets)) {
    groups = make_term_groups(db, page_groups(built.match, wildcard_terms));
    std::vector<Xapian::docid> ids;
    for (std::size_t i = 0; i < reranked; ++i) ids.push_back(candidates[i].did);
    for (std::size_t i = std::max(reranked, request.offset); i < candidates.size() && i < wanted;
         ++i) {
      ids.push_back(candidates[i].did);
    }
    pages = score_pages(db, groups, ids);
  }
  if (reranked > 0) {
    double max_doc = 0, max_page = 0;
    for (std::size_t i = 0; i < reranked; ++i) {
      max_doc = std::max(max_doc, candidates[i].doc_score);
      auto it = pages.find(candidates[i].did);
      if (it != pages.end()) max_page = std::max(max_page, it->second.front().score);
    }
    // Past the window the page score counts as 0: no paper there can then score above one in
    // the window (each has at least as much whole-document score).
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      Candidate& c = candidates[i];
      auto it = i < reranked ? pages.find(c.did) : pages.end();
      double page = it == pages.end() ? 0 : it->second.front().score;
      double doc = max_doc > 0 ? c.doc_score / max_doc : 0;
      double best = max_page > 0 ? page / max_page : 0;
      c.final_score = request.ranking == Ranking::kPageMaxP ? best + 1e-3 * doc
                                                            : doc + request.page_weight * best;
    }
    std::stable_sort(
        candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(reranked),
        [](const Candidate& a, const Candidate& b) { return a.final_score > b.final_score; });
  }

  std::vector<schema::StoredPaper> stored;
  for (std::size_t i = request.offset; i < candidates.size() && i < wanted; ++i) {
    SearchHit hit;
    hit.rank = i + 1;
    hit.score = candidates[i].final_score;
    stored.push_back(schema::decode_document_data(db.get_document(candidates[i].did).get_data()));
    result.hits.push_back(std::move(hit));
  }
  // Snippets: each page shown inflates and scans only the chunk (about kPageChunkBytes) around
  // its best cluster of query words, which the page scores located. On one thread: in a fresh
  // process, threads for this cost more than they save (bench/results/query.md).
  const WordMatcher matcher = make_matcher(groups);
  for (std::size_t h = 0; h < result.hits.size(); ++h) {
    SearchHit& hit = result.hits[h];
    const schema::StoredPaper& paper = stored[h];
    auto it = pages.find(candidates[request.offset + h].did);
    if (it == pages.end()) continue;
    for (const PageScore& ps : it->second) {
      if (hit.pages.size() >= request.pages_per_result) break;
      PageMatch pm;
      pm.page = ps.page;
      pm.score = ps.score;
      if (request.snippets && ps.page >= 1 && ps.page <= paper.stored_pages) {
        const std::string value =
            db.get_metadata(schema::page_metadata_key(paper.paper.id, ps.page));
        const schema::PageExcerpt excerpt = schema::decode_page_excerpt(
            value, ps.first, ps.last, snippet_context_words(request.snippet_bytes));
        pm.snippet = make_snippet(excerpt.text, matcher, request.snippet_bytes, stem_word,
                                  {excerpt.more_before, excerpt.more_after});
        if (pm.snippet.empty() && (excerpt.more_before || excerpt.more_after)) {
          // The index matched a term the snippet's word split does not see there (a joined
          // compound such as "U-Net" for "unet", a word with a sign Xapian keeps inside words):
          // look at the whole page.
          pm.snippet = make_snippet(schema::decode_page_text(value), matcher, request.snippet_bytes,
                                    stem_word);
        }
      }
      if (!paper.pdf_url.empty()) pm.url = page_link(paper.pdf_url, ps.page);
      hit.pages.push_back(std::move(pm));
    }
  }
  for (std::size_t h = 0; h < result.hits.size(); ++h) result.hits[h].paper = std::move(stored[h]);
  return result;
}

Searcher::Searcher(const std::string& dir, IndexFolder folder)
    : impl_(std::make_unique<Impl>(dir, folder)) {}
Searcher::~Searcher() = default;

SearchResult Searcher::search(const SearchRequest& request) {
  return impl_->guarded([&] { return impl_->search(request); });
}

RelatedResult Searcher::related(const RelatedRequest& request) {
  return impl_->guarded([&] { return impl_->related(request); });
}

PaperDetails Searcher::show(const std::string& id) {
  return impl_->guarded([&] { return impl_->show(id); });
}

}  // namespace paper::query
