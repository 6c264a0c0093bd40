#include "query/query_fields.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <utility>
#include <vector>

#include "common/error.h"
#include "common/schema.h"
#include "common/text.h"

namespace paper::query {

FieldWithFilter::FieldWithFilter(const Xapian::Database& db, std::string text_prefix,
                                 std::string filter_prefix)
    : text_prefix_(std::move(text_prefix)), filter_prefix_(std::move(filter_prefix)) {
  configure_parser(qp_, db, &stopper_);
  qp_.set_default_op(Xapian::Query::OP_AND);
}

Xapian::Query FieldWithFilter::operator()(const std::string& value) {
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

std::string normalized_field_names(const std::string& text) {
  static const char* kFields[] = {"title", "abstract", "ref",  "author",
                                  "venue", "section",  "year", "state"};
  std::string out;
  out.reserve(text.size());
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') quoted = !quoted;
    const bool boundary = i == 0 || std::isspace(static_cast<unsigned char>(text[i - 1])) ||
                          text[i - 1] == '(' || text[i - 1] == '-' || text[i - 1] == '+';
    if (quoted || !boundary || !std::isalpha(static_cast<unsigned char>(c))) {
      out += c;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && std::isalpha(static_cast<unsigned char>(text[end]))) ++end;
    std::string word = text.substr(i, end - i);
    const std::string lower = ascii_lower(word);
    const bool field = end < text.size() && text[end] == ':' &&
                       std::find_if(std::begin(kFields), std::end(kFields),
                                    [&](const char* f) { return lower == f; }) != std::end(kFields);
    if (!field) {
      out += word;
      i = end - 1;
      continue;
    }
    out += lower;
    out += ':';
    // "year: 2020": the value is the next word (not an operator or a closing parenthesis).
    std::size_t value = end + 1;
    while (value < text.size() && (text[value] == ' ' || text[value] == '\t')) ++value;
    i = value > end + 1 && value < text.size() && text[value] != ')' ? value - 1 : end;
  }
  return out;
}

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
      const std::string lower = ascii_lower(value);
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

}  // namespace paper::query
