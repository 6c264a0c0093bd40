#include "query/query_operators.h"

#include <cctype>
#include <cstring>
#include <vector>

#include "common/error.h"
#include "common/text.h"
#include "query/query_parser_setup.h"

namespace paper::query {

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

void check_wildcard_positions(const std::string& text) {
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') quoted = !quoted;
    if (quoted || text[i] != '*' || i + 1 >= text.size()) continue;
    const auto next = static_cast<unsigned char>(text[i + 1]);
    if (!std::isalnum(next) && next < 0x80) continue;
    std::size_t begin = i, end = i + 1;
    while (begin > 0 && !std::isspace(static_cast<unsigned char>(text[begin - 1]))) --begin;
    while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end]))) ++end;
    throw Error("'" + text.substr(begin, end - begin) +
                    "': a wildcard * can only end a word (segm* finds segment, segmentation, "
                    "...); search the word's beginning or spell the word out",
                kExitUsage);
  }
}

void check_utf8(const std::string& text) {
  if (const auto at = find_invalid_utf8(text)) {
    static const char* kHex = "0123456789ABCDEF";
    const auto byte = static_cast<unsigned char>(text[*at]);
    throw Error(std::string("the query is not valid UTF-8 (byte 0x") + kHex[byte >> 4] +
                    kHex[byte & 15] + " at offset " + std::to_string(*at) +
                    "); set the terminal to UTF-8 or retype the word",
                kExitUsage);
  }
}

}  // namespace paper::query
