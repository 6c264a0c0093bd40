#include "query/query_builder.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <optional>
#include <set>

#include "common/error.h"
#include "common/schema.h"
#include "common/text.h"
#include "query/stopwords.h"
#include "query/synonym_expansion.h"

namespace paper::query {

namespace {

constexpr unsigned kFlags = Xapian::QueryParser::FLAG_BOOLEAN | Xapian::QueryParser::FLAG_PHRASE |
                            Xapian::QueryParser::FLAG_LOVEHATE |
                            Xapian::QueryParser::FLAG_WILDCARD | Xapian::QueryParser::FLAG_PURE_NOT;

class Stopper : public Xapian::Stopper {
 public:
  bool operator()(const std::string& term) const override { return is_stopword(term); }
};

void configure(Xapian::QueryParser& qp, const Xapian::Database& db, Xapian::Stopper* stopper) {
  qp.set_database(db);
  qp.set_stemmer(Xapian::Stem("english"));
  // As indexed (common/schema.h): every word becomes "Z" + field prefix + its stem.
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
  qp.set_stopper(stopper);
  qp.set_max_expansion(64, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
}

// field:value for a field that has both free-text terms and an exact filter term: a filter
// (no weight) that matches either, so `author:"Reza Azad"` and `author:azad` both work. A
// boolean prefix, because only those hand quoted values to a field processor in Xapian 1.4.
class FieldWithFilter : public Xapian::FieldProcessor {
 public:
  FieldWithFilter(const Xapian::Database& db, std::string text_prefix, std::string filter_prefix)
      : text_prefix_(std::move(text_prefix)), filter_prefix_(std::move(filter_prefix)) {
    configure(qp_, db, &stopper_);
    qp_.set_default_op(Xapian::Query::OP_AND);
  }

  Xapian::Query operator()(const std::string& value) override {
    Xapian::Query filter(filter_prefix_ + schema::filter_value(value));
    // Words of the value, all required; no phrase, so unpositioned field terms match too. As
    // typed (the index keeps accents: "pölsterl"), and as normalize_for_match has them (its
    // punctuation split).
    std::vector<Xapian::Query> parts{filter};
    for (const std::string& words : {value, normalize_for_match(value)}) {
      try {
        Xapian::Query text = qp_.parse_query(words, 0, text_prefix_);
        if (!text.empty() && (parts.size() < 2 || text.serialise() != parts[1].serialise())) {
          parts.push_back(text);
        }
      } catch (const Xapian::QueryParserError&) {
      }
    }
    if (parts.size() == 1) return filter;
    return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
  }

 private:
  Stopper stopper_;
  Xapian::QueryParser qp_;
  std::string text_prefix_;
  std::string filter_prefix_;
};

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

bool is_word_byte(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

// Rewrites `[field:]word*` (outside quotes, for the fields above) for WildcardExpander; the
// lower-cased words of the free-text wildcards go to body_words.
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

// True when Xapian's parser, which does not refuse them, would read a query's operators as plain
// words: a ')' that closes nothing (outside quotes), or NEAR / ADJ next to a parenthesis (they
// take words, not groups).
bool syntax_read_as_words(const std::string& text) {
  int depth = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '(') ++depth;
    if (c == ')' && --depth < 0) return true;  // an unopened ')' (an unclosed '(' is closed)
  }
  for (const char* op : {"NEAR", "ADJ"}) {
    for (std::size_t at = text.find(op); at != std::string::npos; at = text.find(op, at + 1)) {
      std::size_t after = at + std::strlen(op);
      if (after < text.size() && text[after] == '/') {  // NEAR/3
        ++after;
        while (after < text.size() && std::isdigit(static_cast<unsigned char>(text[after]))) {
          ++after;
        }
      }
      while (after < text.size() && text[after] == ' ') ++after;
      std::size_t before = at;
      while (before > 0 && text[before - 1] == ' ') --before;
      if ((after < text.size() && text[after] == '(') || (before > 0 && text[before - 1] == ')')) {
        return true;
      }
    }
  }
  return false;
}

// "-a -b" (only excluded words, phrases or fields) as "NOT (a OR b)", or nullopt for any other
// query. Xapian's parser takes a query of excluded terms alone as plain terms, which would find
// exactly the papers the user excluded; FLAG_PURE_NOT gives NOT its meaning.
std::optional<std::string> only_exclusions(const std::string& text) {
  std::vector<std::string> parts;
  std::size_t i = 0;
  const auto space = [&](std::size_t at) {
    return std::isspace(static_cast<unsigned char>(text[at])) != 0;
  };
  while (true) {
    while (i < text.size() && space(i)) ++i;
    if (i == text.size()) break;
    if (text[i] != '-') return std::nullopt;
    const std::size_t begin = ++i;
    bool quoted = false;
    for (; i < text.size() && (quoted || !space(i)); ++i) {
      if (text[i] == '"') quoted = !quoted;
    }
    if (quoted || i == begin || text[begin] == '-') return std::nullopt;
    parts.push_back(text.substr(begin, i - begin));
  }
  if (parts.empty()) return std::nullopt;
  std::string out = "NOT (";
  for (std::size_t p = 0; p < parts.size(); ++p) out += (p ? " OR " : "") + parts[p];
  return out + ")";
}

// A field with nothing after it ("title:", "author:()", "venue:\"\"") is a usage error: Xapian
// would search the field's name as a word.
void check_empty_fields(const std::string& text) {
  static const char* kFields[] = {"title", "abstract", "ref", "author", "venue", "section"};
  bool quoted = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] == '"') quoted = !quoted;
    if (i < text.size() && (quoted || !std::isspace(static_cast<unsigned char>(text[i])))) continue;
    std::string token = text.substr(start, i - start);
    start = i + 1;
    token.erase(0, std::min(token.find_first_not_of("(-+"), token.size()));
    const std::size_t colon = token.find(':');
    if (colon == std::string::npos) continue;
    const std::string field = token.substr(0, colon);
    const std::string value = token.substr(colon + 1);
    if (std::find(std::begin(kFields), std::end(kFields), field) == std::end(kFields)) continue;
    if (value.find_first_not_of("()\"") == std::string::npos) {
      throw Error("'" + token + "' has no word after " + field + ":; give one, e.g. " + field +
                      (field == "author" ? ":ronneberger" : ":segmentation"),
                  kExitUsage);
    }
  }
}

// "author:(ronneberger OR brox)" as "(author:ronneberger OR author:brox)": Xapian's parser ends
// the value of a filter field (author, venue, section) at a space, so a group would become a
// filter on "(ronneberger" and free words. Each word or "phrase" of the group gets the field;
// operators, parentheses and the - or + before a word are kept. (Words of one filter field
// together mean either, as for "year:2019 year:2020"; AND asks for both.)
std::string distribute_field_groups(const std::string& text) {
  static const std::array<std::string, 3> kFields{"author:(", "venue:(", "section:("};
  std::string out;
  bool quoted = false;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '"') quoted = !quoted;
    const std::string* field = nullptr;
    if (!quoted && (i == 0 || !is_word_byte(text[i - 1]))) {
      for (const std::string& f : kFields) {
        if (text.compare(i, f.size(), f) == 0) field = &f;
      }
    }
    if (!field) {
      out += text[i++];
      continue;
    }
    const std::string name = field->substr(0, field->size() - 1);  // "author:"
    std::size_t at = i + field->size();
    int depth = 1;
    out += '(';
    while (at < text.size() && depth > 0) {
      const char c = text[at];
      if (c == '(' || c == ')' || std::isspace(static_cast<unsigned char>(c))) {
        depth += c == '(' ? 1 : c == ')' ? -1 : 0;
        if (depth > 0 || c != ')') out += c;
        ++at;
        continue;
      }
      std::size_t end = at;
      if (c == '-' || c == '+') {
        out += c;
        ++at;
        end = at;
      }
      if (end < text.size() && text[end] == '"') {
        end = text.find('"', end + 1);
        end = end == std::string::npos ? text.size() : end + 1;
      } else {
        while (end < text.size() && text[end] != '(' && text[end] != ')' &&
               !std::isspace(static_cast<unsigned char>(text[end]))) {
          ++end;
        }
      }
      const std::string token = text.substr(at, end - at);
      const bool op = token == "AND" || token == "OR" || token == "NOT" || token == "XOR";
      if (!token.empty()) out += op ? token : name + token;
      at = end;
    }
    out += ')';
    i = at;
  }
  return out;
}

// The year: and state: filters of a query, checked, with state values lower-cased: a value
// they cannot have ("year:abc", "state:foo") would match nothing without a word, so it is a
// usage error that says what to write. Other text is returned as it is.
std::string checked_filters(const std::string& text) {
  std::string out;
  bool quoted = false;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '"') quoted = !quoted;
    const bool at_word = i == 0 || std::strchr(" \t\n(+-", text[i - 1]) != nullptr;
    std::string field;
    if (!quoted && at_word) {
      for (const char* f : {"year:", "state:"}) {
        if (text.compare(i, std::strlen(f), f) == 0) field = f;
      }
    }
    if (field.empty()) {
      out += c;
      ++i;
      continue;
    }
    // The value: up to a space or a ')', or a "quoted value", or a (value) in parentheses.
    std::size_t begin = i + field.size(), end = begin;
    std::string value;
    bool grouped = false;
    if (end < text.size() && text[end] == '(') {
      const std::size_t close = text.find(')', end + 1);
      grouped = close != std::string::npos;
    }
    if (grouped) {
      const std::size_t close = text.find(')', end + 1);
      value = trim(text.substr(begin + 1, close - begin - 1));
      end = close + 1;
    } else if (end < text.size() && text[end] == '"') {
      const std::size_t close = text.find('"', end + 1);
      end = close == std::string::npos ? text.size() : close + 1;
      value =
          text.substr(begin + 1, (close == std::string::npos ? text.size() : close) - begin - 1);
    } else {
      while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end])) &&
             text[end] != ')') {
        ++end;
      }
      value = text.substr(begin, end - begin);
    }
    const std::string written = text.substr(i, end - i);
    if (field == "year:") {
      auto year = [](const std::string& v) {
        return v.size() <= 4 && std::all_of(v.begin(), v.end(), [](char d) {
                 return std::isdigit(static_cast<unsigned char>(d)) != 0;
               });
      };
      const std::size_t dots = value.find("..");
      const bool ok = dots == std::string::npos ? !value.empty() && year(value)
                                                : value.size() > 2 && year(value.substr(0, dots)) &&
                                                      year(value.substr(dots + 2));
      if (!ok) {
        throw Error("'" + written +
                        "' is not a year or a range of years; write year:2020, year:2019..2021 "
                        "or year:2023..",
                    kExitUsage);
      }
      // Unquoted and without parentheses: Xapian reads a range only so ("year:\"2019..2021\""
      // would be a word), and drops a filter alone in parentheses.
      out += field + value;
    } else {
      std::string lower = value;
      for (char& l : lower) l = static_cast<char>(std::tolower(static_cast<unsigned char>(l)));
      if (lower != "text" && lower != "metadata") {
        throw Error("'" + written +
                        "' is not a paper state; write state:text (papers searched in full) or "
                        "state:metadata (papers known from their list entry only)",
                    kExitUsage);
      }
      out += field + lower;
    }
    i = end;
  }
  return out;
}

// Throws the usage error for a NEAR or ADJ next to a phrase or a compound ("U-Net", "PDF/A"):
// Xapian joins single words only, and otherwise reads the operator as a word, or finds papers
// with any of the words.
void check_proximity_operands(const std::string& text) {
  std::vector<std::string> tokens;
  bool quoted = false;
  std::string token;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (!quoted && std::isspace(static_cast<unsigned char>(c))) {
      if (!token.empty()) tokens.push_back(std::move(token));
      token.clear();
    } else {
      token += c;
    }
  }
  if (!token.empty()) tokens.push_back(std::move(token));
  auto is_proximity = [](std::string t) {
    return t == "NEAR" || t == "ADJ" || t.rfind("NEAR/", 0) == 0 || t.rfind("ADJ/", 0) == 0;
  };
  auto compound = [](const std::string& t) {
    for (std::size_t i = 1; i + 1 < t.size(); ++i) {
      if ((t[i] == '-' || t[i] == '/') && is_word_byte(t[i - 1]) && is_word_byte(t[i + 1])) {
        return true;
      }
    }
    return t.find('"') != std::string::npos;
  };
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (!is_proximity(tokens[i])) continue;
    const std::string op = tokens[i].substr(0, tokens[i].find('/'));
    if (const std::size_t slash = tokens[i].find('/'); slash != std::string::npos) {
      // Xapian reads "NEAR/abc" and "NEAR/0" as plain words: a number of words is wanted.
      const std::string n = tokens[i].substr(slash + 1);
      if (n.empty() || n.size() > 4 || n.find_first_not_of("0123456789") != std::string::npos ||
          std::stoi(n) < 1) {
        throw Error(tokens[i] + ": write the distance as a number of words from 1, e.g. " + op +
                        "/5 (" + op + " alone means " + op + "/10)",
                    kExitUsage);
      }
    }
    for (std::size_t j : {i - 1, i + 1}) {
      // A word on each side: Xapian reads "x NEAR", "NEAR/3 x" or "x NEAR AND y" as the word
      // "near" without a word.
      const bool missing = j >= tokens.size() || is_proximity(tokens[j]) || tokens[j] == "AND" ||
                           tokens[j] == "OR" || tokens[j] == "NOT" || tokens[j] == "XOR";
      if (missing) {
        throw Error(op + " joins two words: write one on each side, e.g. kiwi " + op + " mango",
                    kExitUsage);
      }
      std::string operand = tokens[j];
      operand.erase(0, operand.find_first_not_of('('));
      while (!operand.empty() && operand.back() == ')') operand.pop_back();
      if (compound(tokens[j])) {
        throw Error(op + " joins single words, and " + operand +
                        " is a phrase or a compound; search it without " + op +
                        ", or write its words apart (e.g. U NEAR Net)",
                    kExitUsage);
      }
      // The word on NEAR's other side.
      const std::string other =
          j < i ? (i + 1 < tokens.size() ? tokens[i + 1] : "") : (i > 0 ? tokens[i - 1] : "");
      if (operand.size() > 1 && (operand[0] == '-' || operand[0] == '+')) {
        // Xapian takes "-word" there as a wanted word.
        const std::string plain = j < i ? operand + " " + other : other + " " + operand;
        throw Error(op + " joins wanted words, and " + operand + " is " +
                        (operand[0] == '-' ? "excluded" : "required") + "; write " + trim(plain) +
                        " without " + op + ", or drop the " + operand.substr(0, 1),
                    kExitUsage);
      }
      // A field next to a word of the text (or of another field): their positions are in
      // different places, and Xapian finds nothing.
      auto field_of = [](const std::string& t) {
        const std::size_t colon = t.find(':');
        return colon != std::string::npos && colon > 0 && colon + 1 < t.size()
                   ? t.substr(t.find_first_not_of('('), colon - t.find_first_not_of('('))
                   : std::string();
      };
      if (const std::string field = field_of(operand); !field.empty() && field != field_of(other)) {
        const std::string pair = j < i ? operand + " and " + other : other + " and " + operand;
        throw Error(op + " joins words of one field, but " + trim(pair) +
                        " are not in the same one; give both words the field (" + field +
                        ":...) or search without " + op,
                    kExitUsage);
      }
    }
  }
}

}  // namespace

struct QueryBuilder::Impl {
  explicit Impl(const Xapian::Database& database)
      : db(database), year_range(schema::kSlotYear, "year:") {
    configure(qp, db, &stopper);
    // Free text matches the body (which holds a copy of the title) and the abstract, which is
    // indexed only under its prefix (metadata-only papers have an abstract but no body).
    qp.add_prefix("", "");
    qp.add_prefix("", schema::kPrefixAbstract);
    qp.add_prefix("title", schema::kPrefixTitle);
    qp.add_prefix("abstract", schema::kPrefixAbstract);
    qp.add_prefix("ref", schema::kPrefixReferences);
    // The parser owns the field processors (release() hands them to its reference count).
    qp.add_boolean_prefix(
        "author",
        (new FieldWithFilter(db, schema::kPrefixAuthor, schema::kPrefixAuthorFilter))->release());
    qp.add_boolean_prefix(
        "venue",
        (new FieldWithFilter(db, schema::kPrefixVenue, schema::kPrefixVenueFilter))->release());
    qp.add_boolean_prefix(
        "section",
        (new FieldWithFilter(db, schema::kPrefixSection, schema::kPrefixSectionFilter))->release());
    qp.add_boolean_prefix("year", schema::kPrefixYearFilter);
    qp.add_boolean_prefix("state", schema::kPrefixStateFilter);
    qp.add_rangeprocessor(&year_range);
    for (const WildcardField& f : wildcard_fields()) {
      qp.add_prefix(std::string(kWildcardField) + f.name,
                    (new WildcardExpander(f.prefixes))->release());
    }
  }

  std::vector<std::string> synonyms(const std::string& key) const {
    std::vector<std::string> out;
    for (auto it = db.synonyms_begin(key); it != db.synonyms_end(key); ++it) out.push_back(*it);
    return out;
  }

  Xapian::Database db;
  Xapian::Stem stem{"english"};
  Stopper stopper;
  Xapian::QueryParser qp;
  Xapian::NumberRangeProcessor year_range;
};

QueryBuilder::QueryBuilder(const Xapian::Database& db) : impl_(std::make_unique<Impl>(db)) {}
QueryBuilder::~QueryBuilder() = default;

BuiltQuery QueryBuilder::build(const std::string& text, Xapian::Query::op default_op) {
  BuiltQuery built;
  check_empty_fields(text);
  const std::string grouped = distribute_field_groups(text);
  check_proximity_operands(grouped);
  const std::string checked = checked_filters(grouped);
  built.expanded_text =
      expand_synonyms(only_exclusions(checked).value_or(checked),
                      [this](const std::string& key) { return impl_->synonyms(key); });
  impl_->qp.set_default_op(default_op);
  try {
    built.match =
        impl_->qp.parse_query(rewrite_wildcards(built.expanded_text, built.wildcard_words), kFlags);
    // Xapian reads some malformed operators as plain words without a word of warning ("a OR b)",
    // "a NEAR (b OR c)"): the user is told, as for a query it refuses.
    built.plain_words = syntax_read_as_words(text);
    return built;
  } catch (const Xapian::QueryParserError&) {
  }
  built.plain_words = true;
  // As words: Xapian still reads "a..b" as a range, which only year: takes ("latex...",
  // "pages 10..20"): the dots go.
  std::string words;
  for (std::size_t i = 0; i < checked.size();) {
    const std::size_t end = std::min(checked.find(' ', i), checked.size());
    std::string token = checked.substr(i, end - i);
    if (token.rfind("year:", 0) != 0) {
      for (std::size_t at; (at = token.find("..")) != std::string::npos;) token.replace(at, 2, " ");
    }
    words += token + (end < checked.size() ? " " : "");
    i = end + 1;
  }
  try {
    built.match = impl_->qp.parse_query(words, 0);
  } catch (const Xapian::QueryParserError& e) {
    throw Error("could not understand the query '" + text + "' (" + e.get_msg() +
                    "); use plain words, \"phrases\", AND, OR, NOT and field:value",
                kExitUsage);
  }
  return built;
}

std::string QueryBuilder::spelling_suggestion(const std::string& text) {
  // A word some paper uses, a key of the synonym table, or a word of the spelling dictionary is
  // taken as spelled right, and only the other words are corrected: Xapian would otherwise
  // "correct" real words to their most frequent neighbour (model -> mode, protein -> proteins, a
  // rare "mri" -> "mir", "box" -> "fox" beside a misspelled "brwn") at ~1 ms a word.
  const Xapian::Database& db = impl_->db;
  auto spelled_right = [&](const std::string& word) {
    if (db.get_termfreq(schema::kStemPrefix + impl_->stem(word)) > 0) return true;
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
  configure(qp, impl_->db, &impl_->stopper);
  // The filters as build() reads them ("year:(2023)" is "year:2023"): Xapian gives up on the
  // others.
  const std::string checked = checked_filters(text);
  try {
    qp.parse_query(checked, kFlags | Xapian::QueryParser::FLAG_SPELLING_CORRECTION);
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
  return changed ? suggestion : "";
}

bool is_body_term(const std::string& term) {
  if (term.empty()) return false;
  unsigned char c = term[0];
  if (c == 'Z') {
    if (term.size() < 2) return false;
    c = term[1];
  }
  return !(c >= 'A' && c <= 'Z');
}

namespace {

// The terms of query that count for a paper: not those of an excluded part (NOT, -word), which
// would otherwise boost and highlight what the user asked to leave out.
void wanted_terms(const Xapian::Query& query, std::set<std::string>& out) {
  if (query.get_type() == Xapian::Query::LEAF_TERM) {
    for (auto it = query.get_terms_begin(); it != query.get_terms_end(); ++it) out.insert(*it);
    return;
  }
  const std::size_t n = query.get_type() == Xapian::Query::OP_AND_NOT
                            ? std::min<std::size_t>(1, query.get_num_subqueries())
                            : query.get_num_subqueries();
  for (std::size_t i = 0; i < n; ++i) wanted_terms(query.get_subquery(i), out);
}

// The window of a NEAR or ADJ query: Xapian 1.4 has no accessor for it, so it is read from the
// description, "(a@1 NEAR 11 b@2)"; 11 (NEAR/10, the default) when it cannot be.
unsigned window_of(const Xapian::Query& query, const char* op) {
  const std::string d = query.get_description();
  const std::string marker = std::string(" ") + op + " ";
  const std::size_t at = d.find(marker);
  if (at == std::string::npos) return 11;
  const unsigned long w = std::strtoul(d.c_str() + at + marker.size(), nullptr, 10);
  return w > 0 && w < 1000 ? static_cast<unsigned>(w) : 11;
}

// The body words and groups of query, as wanted_terms finds its terms.
void wanted_groups(const Xapian::Query& query, std::set<QueryGroup>& out) {
  const auto type = query.get_type();
  if (type == Xapian::Query::LEAF_TERM) {
    for (auto it = query.get_terms_begin(); it != query.get_terms_end(); ++it) {
      if (is_body_term(*it)) out.insert({{*it}});
    }
    return;
  }
  const std::size_t n = type == Xapian::Query::OP_AND_NOT
                            ? std::min<std::size_t>(1, query.get_num_subqueries())
                            : query.get_num_subqueries();
  if (type == Xapian::Query::OP_PHRASE || type == Xapian::Query::OP_NEAR) {
    QueryGroup group;
    if (type == Xapian::Query::OP_NEAR) {
      group.window = window_of(query, "NEAR");
      group.ordered = false;
    }
    for (std::size_t i = 0; i < n; ++i) {
      const Xapian::Query word = query.get_subquery(i);
      if (word.get_type() != Xapian::Query::LEAF_TERM) break;
      const std::string term = *word.get_terms_begin();
      if (!is_body_term(term)) break;
      group.terms.push_back(term);
    }
    if (group.terms.size() == n) {
      // ADJ is a phrase with a window: "(a@1 PHRASE 11 b@2)" (a phrase's window is its length).
      if (type == Xapian::Query::OP_PHRASE && window_of(query, "PHRASE") > n) {
        group.window = window_of(query, "PHRASE");
      }
      out.insert(group);
      return;
    }
  }
  for (std::size_t i = 0; i < n; ++i) wanted_groups(query.get_subquery(i), out);
}

}  // namespace

std::vector<QueryGroup> body_groups(const Xapian::Query& query) {
  std::set<QueryGroup> groups;
  wanted_groups(query, groups);
  return {groups.begin(), groups.end()};
}

std::vector<std::string> body_terms(const Xapian::Query& query) {
  std::set<std::string> wanted;
  wanted_terms(query, wanted);
  std::vector<std::string> out;
  for (const std::string& term : wanted) {
    if (is_body_term(term)) out.push_back(term);
  }
  return out;
}

}  // namespace paper::query
