#include <algorithm>
#include <cctype>
#include <cmath>
#include <sstream>
#include <unordered_map>

#include "common/error.h"
#include "common/text.h"
#include "query/searcher_impl.h"
#include "query/stopwords.h"

namespace paper::query {

namespace {

constexpr std::size_t kReasonTerms = 6;
constexpr std::size_t kShowTerms = 15;

// Readable terms that at least one other paper has: a word only the source has cannot find a
// neighbour, yet relevance feedback ranks such words highest.
class SharedTermDecider : public Xapian::ExpandDecider {
 public:
  explicit SharedTermDecider(const Xapian::Database& db) : db_(db) {}
  bool operator()(const std::string& term) const override {
    return is_display_term(term) && db_.get_termfreq(term) >= 2;
  }

 private:
  const Xapian::Database& db_;
};

// Most distinctive display terms of a term list: tf-idf with a dampened term frequency.
std::vector<std::pair<std::string, double>> distinctive(const Xapian::Database& db,
                                                        Xapian::TermIterator it,
                                                        Xapian::TermIterator end, std::size_t n) {
  const double total = db.get_doccount();
  std::vector<std::pair<std::string, double>> scored;
  for (; it != end; ++it) {
    const std::string term = *it;
    if (!is_display_term(term)) continue;
    double df = db.get_termfreq(term);
    if (df <= 0) continue;
    double w = (1 + std::log(static_cast<double>(it.get_wdf()))) * std::log((total + 1) / df);
    if (w > 0) scored.emplace_back(term, w);
  }
  std::sort(scored.begin(), scored.end(),
            [](const auto& a, const auto& b) { return a.second > b.second; });
  if (scored.size() > n) scored.resize(n);
  return scored;
}

schema::StoredPaper header_of(const Xapian::Database& db, Xapian::docid did) {
  return schema::decode_document_data(db.get_document(did).get_data());
}

// Readable words for the index's stems (common/schema.h): the form a text uses most often for
// each stem ("contracting" for "Zcontract"), learnt from the source paper or the pasted text.
class SurfaceWords {
 public:
  void add_text(std::string_view text) {
    // Words, and hyphenated compounds joined as the index joins them ("y-axis" -> "yaxis"). A
    // word with accents is the form of the stem of its plain spelling ("données" of "donne"):
    // the index holds that term too, and only such plain terms are shown.
    std::string word, joined;
    bool compound = false;
    auto count = [&](const std::string& w) {
      if (w.size() < 3 || w.size() > 30) return;
      auto [it, fresh] = stem_of_.try_emplace(w);
      if (fresh) it->second = stem_(is_ascii(w) ? w : normalize_for_match(w));
      ++forms_[it->second][w];
    };
    auto end_word = [&] {
      count(word);
      word.clear();
    };
    auto end_compound = [&] {
      end_word();
      if (compound) count(joined);
      joined.clear();
      compound = false;
    };
    for (std::size_t i = 0; i < text.size();) {
      const auto c = static_cast<unsigned char>(text[i]);
      if (c >= 0x80) {
        std::uint32_t cp = 0;
        const std::size_t n = std::max<std::size_t>(decode_utf8(text, i, cp), 1);
        i += n;
        if (cp != 0 && Xapian::Unicode::is_wordchar(cp) &&
            Xapian::Unicode::get_category(cp) != Xapian::Unicode::DECIMAL_DIGIT_NUMBER) {
          append_utf8(word, Xapian::Unicode::tolower(cp));
          append_utf8(joined, Xapian::Unicode::tolower(cp));
        } else {
          end_compound();
        }
        continue;
      }
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        const char lower = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        word += lower;
        joined += lower;
      } else if (c == '-' && !word.empty() && i + 1 < text.size() &&
                 std::isalpha(static_cast<unsigned char>(text[i + 1]))) {
        end_word();
        compound = true;
      } else {
        end_compound();
      }
      ++i;
    }
    end_compound();
  }

  // The word shown for an index term: its most used form, else the stem itself.
  std::string word_for(const std::string& term) const {
    const std::string stem = term.substr(std::string_view(schema::kStemPrefix).size());
    auto it = forms_.find(stem);
    if (it == forms_.end()) return stem;
    const auto best =
        std::max_element(it->second.begin(), it->second.end(), [](const auto& a, const auto& b) {
          return a.second != b.second ? a.second < b.second : a.first > b.first;
        });
    return best->first;
  }

 private:
  Xapian::Stem stem_{"english"};
  std::unordered_map<std::string, std::string> stem_of_;
  std::unordered_map<std::string, std::unordered_map<std::string, unsigned>> forms_;
};

// The source paper's own words: its title, abstract and stored pages.
SurfaceWords surface_words_of(const Xapian::Database& db, const schema::StoredPaper& paper) {
  SurfaceWords words;
  words.add_text(paper.paper.title);
  words.add_text(paper.abstract);
  for (int page = 1; page <= paper.stored_pages; ++page) {
    words.add_text(
        schema::decode_page_text(db.get_metadata(schema::page_metadata_key(paper.paper.id, page))));
  }
  return words;
}

}  // namespace

bool is_display_term(const std::string& term) {
  // A body stem: "Z" and 3 to 30 lower-case letters.
  if (term.size() < 4 || term.size() > 31 || term[0] != schema::kStemPrefix[0]) return false;
  for (std::size_t i = 1; i < term.size(); ++i) {
    if (term[i] < 'a' || term[i] > 'z') return false;
  }
  return !is_stopword_stem(std::string_view(term).substr(1));
}

RelatedResult Searcher::Impl::related(const RelatedRequest& request) {
  RelatedResult result;
  std::vector<std::pair<std::string, double>> source_terms;
  SurfaceWords words;
  Xapian::Query exclude;
  if (!request.id.empty()) {
    Xapian::docid did = find_paper(db, request.id);
    if (did == 0) throw_unknown_id(db, request.id, db_flag);
    schema::StoredPaper source = header_of(db, did);
    words = surface_words_of(db, source);
    result.source_id = source.paper.id;
    result.source_title = source.paper.title;
    result.source_state = source.state;
    if (source.state == schema::PaperState::kMetadataOnly) result.source_reason = source.reason;
    Xapian::RSet rset;
    rset.add_document(did);
    Xapian::Enquire enquire(db);
    SharedTermDecider decider(db);
    Xapian::ESet eset = enquire.get_eset(request.terms, rset, &decider);
    for (auto it = eset.begin(); it != eset.end(); ++it) {
      source_terms.emplace_back(*it, it.get_weight());
    }
    exclude = Xapian::Query(schema::kPrefixId + request.id);
  } else {
    if (trim(request.text).empty()) {
      throw Error("empty text; give a passage with --text \"...\" or a paper id", kExitUsage);
    }
    Xapian::Document doc;
    Xapian::TermGenerator generator;
    generator.set_stemmer(Xapian::Stem("english"));
    generator.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);  // as indexed
    generator.set_document(doc);
    generator.index_text(request.text);
    // Words with accents also as the index holds them plainly (its display terms).
    std::istringstream tokens(request.text);
    std::string token, plain;
    while (tokens >> token) {
      if (!is_ascii(token)) plain += normalize_for_match(token) + " ";
    }
    generator.index_text_without_positions(plain);
    words.add_text(request.text);
    source_terms = distinctive(db, doc.termlist_begin(), doc.termlist_end(), request.terms);
    if (source_terms.empty()) {
      // The text is what to change: a usage error, not a failure of the index.
      throw Error(
          "no distinctive word of the text is in the index (common words such as 'the' do not "
          "count); paste a longer passage (an abstract, a method description)",
          kExitUsage);
    }
  }
  if (source_terms.empty()) return result;

  std::unordered_map<std::string, double> weight_of;
  std::vector<Xapian::Query> parts;
  for (const auto& [term, w] : source_terms) {
    result.source_terms.push_back(words.word_for(term));
    weight_of[term] = w;
    parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), w);
  }
  Xapian::Query query(Xapian::Query::OP_OR, parts.begin(), parts.end());
  if (!exclude.empty()) query = Xapian::Query(Xapian::Query::OP_AND_NOT, query, exclude);
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  Xapian::MSet mset = enquire.get_mset(0, request.limit);
  std::size_t rank = 0;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    RelatedHit hit;
    hit.rank = ++rank;
    hit.score = it.get_weight();
    hit.paper = header_of(db, *it);
    std::vector<std::string> shared(enquire.get_matching_terms_begin(it),
                                    enquire.get_matching_terms_end(it));
    std::sort(shared.begin(), shared.end(), [&](const std::string& a, const std::string& b) {
      return weight_of[a] > weight_of[b];
    });
    if (shared.size() > kReasonTerms) shared.resize(kReasonTerms);
    for (const std::string& term : shared) hit.shared_terms.push_back(words.word_for(term));
    result.hits.push_back(std::move(hit));
  }
  return result;
}

PaperDetails Searcher::Impl::show(const std::string& id) {
  if (trim(id).empty()) throw Error("no paper id given; usage: paper-search show ID", kExitUsage);
  Xapian::docid did = find_paper(db, id);
  if (did == 0) throw_unknown_id(db, id, db_flag);
  PaperDetails details;
  details.paper = header_of(db, did);
  const SurfaceWords words = surface_words_of(db, details.paper);
  for (const auto& [term, w] :
       distinctive(db, db.termlist_begin(did), db.termlist_end(did), kShowTerms)) {
    details.distinctive_terms.push_back(words.word_for(term));
  }
  return details;
}

}  // namespace paper::query
