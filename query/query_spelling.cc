#include "query/query_spelling.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <vector>

#include "common/schema.h"
#include "common/text.h"
#include "query/query_fields.h"
#include "query/query_parser_setup.h"
#include "query/stopwords.h"

namespace paper::query {

namespace {

// A word of a query (a run of Xapian's word characters), as typed and lower-cased, with the
// character after it (0 at the end).
struct QueryWord {
  std::string word;
  std::string lower;
  bool digits = false;
  unsigned next = 0;
  std::size_t begin = 0;  // byte offsets in the text
  std::size_t end = 0;
};

std::vector<QueryWord> query_words(const std::string& text) {
  std::vector<QueryWord> words;
  Xapian::Utf8Iterator it(text), end;
  while (it != end) {
    if (!Xapian::Unicode::is_wordchar(*it)) {
      ++it;
      continue;
    }
    QueryWord w;
    w.begin = static_cast<std::size_t>(it.raw() - text.data());
    for (; it != end && Xapian::Unicode::is_wordchar(*it); ++it) {
      Xapian::Unicode::append_utf8(w.word, *it);
      Xapian::Unicode::append_utf8(w.lower, Xapian::Unicode::tolower(*it));
      w.digits =
          w.digits || Xapian::Unicode::get_category(*it) == Xapian::Unicode::DECIMAL_DIGIT_NUMBER;
    }
    w.end = it != end ? static_cast<std::size_t>(it.raw() - text.data()) : text.size();
    w.next = it != end ? *it : 0;
    words.push_back(std::move(w));
  }
  return words;
}

// The words of a query that a spelling correction could replace, lower-cased: every word but
// operators (AND, NEAR, ...), field names, wildcards, stop words, numbers and one- or two-letter
// words.
std::vector<std::string> correctable_words(const std::string& text) {
  std::vector<std::string> words;
  for (QueryWord& w : query_words(text)) {
    const bool op = w.word == "AND" || w.word == "OR" || w.word == "NOT" || w.word == "NEAR" ||
                    w.word == "ADJ" || w.word == "XOR";
    if (w.next != ':' && w.next != '*' && !op && !w.digits && w.lower.size() >= 3 &&
        !is_stopword(w.lower)) {
      words.push_back(std::move(w.lower));
    }
  }
  return words;
}

}  // namespace

std::string suggest_spelling(const Xapian::Database& db, const Xapian::Stem& stem,
                             Xapian::Stopper* stopper, const std::string& text) {
  // A word some paper uses, a key of the synonym table, or a word of the spelling dictionary is
  // taken as spelled right, and only the other words are corrected: Xapian would otherwise
  // "correct" real words to their most frequent neighbour (model -> mode, protein -> proteins, a
  // rare "mri" -> "mir", "box" -> "fox" beside a misspelled "brwn") at ~1 ms a word.
  auto spelled_right = [&](const std::string& word) {
    if (db.get_termfreq(schema::kStemPrefix + stem(word)) > 0) return true;
    // A word of the synonym table ("resnet") finds its papers through its synonyms.
    const std::string key = normalize_for_match(word);
    if (db.synonyms_begin(key) != db.synonyms_end(key)) return true;
    Xapian::TermIterator spelled = db.spellings_begin();
    spelled.skip_to(word);
    return spelled != db.spellings_end() && *spelled == word;
  };
  std::set<std::string> misspelled;
  for (const std::string& word : correctable_words(text)) {
    if (!spelled_right(word)) misspelled.insert(word);
  }
  if (misspelled.empty()) return "";
  Xapian::QueryParser qp;
  configure_parser(qp, db, stopper);
  // The filters as build() reads them ("year:(2023)" is "year:2023"): Xapian gives up on the
  // others.
  const std::string checked = checked_filters(text);
  try {
    qp.parse_query(checked, kQueryParserFlags | Xapian::QueryParser::FLAG_SPELLING_CORRECTION);
  } catch (const Xapian::QueryParserError&) {
    return "";
  }
  const std::string corrected = qp.get_corrected_query_string();
  const std::vector<QueryWord> before = query_words(checked), after = query_words(corrected);
  if (corrected.empty() || before.size() != after.size()) return "";
  // The query with its misspelled words replaced, and nothing else.
  std::string suggestion = checked;
  bool changed = false;
  for (std::size_t i = before.size(); i-- > 0;) {
    if (before[i].lower == after[i].lower || misspelled.count(before[i].lower) == 0) continue;
    // A stop word is never the better spelling ("fnot" -> "not", not "font"): it would not even
    // be searched.
    if (is_stopword(after[i].lower)) return "";
    // In the case it was typed in ("Netwroks" -> "Networks").
    std::string better = after[i].word;
    if (!better.empty() && std::isupper(static_cast<unsigned char>(before[i].word[0])) &&
        std::islower(static_cast<unsigned char>(better[0]))) {
      better[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(better[0])));
    }
    suggestion.replace(before[i].begin, before[i].end - before[i].begin, better);
    changed = true;
  }
  if (!changed) return "";
  // A quote the user left open ('"unbalanced') is closed: the suggestion is shown in quotes-free
  // text ("did you mean: ...?") and can be pasted back as a query.
  if (std::count(suggestion.begin(), suggestion.end(), '"') % 2 == 1) suggestion += '"';
  return suggestion;
}

}  // namespace paper::query
