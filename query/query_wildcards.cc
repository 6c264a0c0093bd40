#include "query/query_wildcards.h"

#include <algorithm>
#include <utility>

#include "common/error.h"
#include "common/schema.h"
#include "query/query_parser_setup.h"

namespace paper::query {

namespace {

// Wildcards. Xapian's own ("segm*") expand over unstemmed terms, and the index holds only stems,
// so build() rewrites each `[field:]word*` into `<kWildcardField><field>:word`, which this
// processor turns into the stems that start with the word or with its own stem ("segmentation*"
// -> stems from "segment"), most frequent first.
constexpr const char* kWildcardField = "xwildcardx";

class WildcardExpander : public Xapian::FieldProcessor {
 public:
  explicit WildcardExpander(std::vector<std::string> prefixes) : prefixes_(std::move(prefixes)) {}

  Xapian::Query operator()(const std::string& value) override {
    const std::string word = Xapian::Unicode::tolower(value);
    std::vector<std::string> patterns{word};
    const std::string stemmed = stem_(word);
    if (!stemmed.empty() && stemmed != word) patterns.push_back(stemmed);
    std::vector<Xapian::Query> parts;
    for (const std::string& prefix : prefixes_) {
      for (const std::string& pattern : patterns) {
        parts.emplace_back(Xapian::Query::OP_WILDCARD, schema::kStemPrefix + prefix + pattern,
                           kMaxWildcardTerms, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
      }
    }
    return Xapian::Query(Xapian::Query::OP_SYNONYM, parts.begin(), parts.end());
  }

  static constexpr Xapian::termcount kMaxWildcardTerms = 64;

 private:
  std::vector<std::string> prefixes_;
  Xapian::Stem stem_{"english"};
};

// The fields a wildcard may carry, with the term prefixes it expands over.
struct WildcardField {
  const char* name;  // "" for free text
  std::vector<std::string> prefixes;
};
const std::vector<WildcardField>& wildcard_fields() {
  static const std::vector<WildcardField> fields{
      {"", {"", schema::kPrefixAbstract}},     {"title", {schema::kPrefixTitle}},
      {"abstract", {schema::kPrefixAbstract}}, {"ref", {schema::kPrefixReferences}},
      {"author", {schema::kPrefixAuthor}},     {"venue", {schema::kPrefixVenue}},
      {"section", {schema::kPrefixSection}},
  };
  return fields;
}

}  // namespace

void add_wildcard_fields(Xapian::QueryParser& qp) {
  for (const WildcardField& f : wildcard_fields()) {
    qp.add_prefix(std::string(kWildcardField) + f.name,
                  (new WildcardExpander(f.prefixes))->release());
  }
}

std::string rewrite_wildcards(std::string text, std::vector<std::string>& body_words) {
  std::string out;
  bool quoted = false;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '"') quoted = !quoted;
    if (quoted || !is_word_byte(c) || (i > 0 && is_word_byte(text[i - 1]))) {
      out += text[i++];
      continue;
    }
    // A token starts here: [field:]word, then maybe '*'.
    std::size_t end = i;
    while (end < text.size() && is_word_byte(text[end])) ++end;
    std::string field;
    std::size_t word_begin = i;
    if (end < text.size() && text[end] == ':') {
      field = text.substr(i, end - i);
      word_begin = end + 1;
      end = word_begin;
      while (end < text.size() && is_word_byte(text[end])) ++end;
    }
    // A hyphenated compound ending in '*' ("self-att*"): the wildcard of its joined form, which
    // the index holds for every hyphenated compound ("selfattention").
    std::size_t compound_end = end;
    while (compound_end + 1 < text.size() && text[compound_end] == '-' &&
           is_word_byte(text[compound_end + 1])) {
      ++compound_end;
      while (compound_end < text.size() && is_word_byte(text[compound_end])) ++compound_end;
    }
    if (compound_end > end && compound_end < text.size() && text[compound_end] == '*' &&
        (compound_end + 1 == text.size() || !is_word_byte(text[compound_end + 1]))) {
      std::string joined = text.substr(word_begin, compound_end - word_begin);
      joined.erase(std::remove(joined.begin(), joined.end(), '-'), joined.end());
      text.replace(word_begin, compound_end - word_begin, joined);
      end = word_begin + joined.size();
    }
    const bool star = end < text.size() && text[end] == '*' &&
                      (end + 1 == text.size() || !is_word_byte(text[end + 1]));
    if (star && end == word_begin && !field.empty()) {
      // "title:*": Xapian would search the field name as a word.
      throw Error("'" + field + ":*' has no word before the '*'; give the start of a word, e.g. " +
                      field + ":segm*",
                  kExitUsage);
    }
    const bool wildcard = star && end > word_begin;
    const auto known = std::find_if(wildcard_fields().begin(), wildcard_fields().end(),
                                    [&](const WildcardField& f) { return field == f.name; });
    if (wildcard && known != wildcard_fields().end()) {
      const std::string word = text.substr(word_begin, end - word_begin);
      out += std::string(kWildcardField) + field + ":" + word;
      if (field.empty()) body_words.push_back(Xapian::Unicode::tolower(word));
      i = end + 1;
    } else {
      out += text.substr(i, end - i);
      i = end;
    }
  }
  return out;
}

}  // namespace paper::query
