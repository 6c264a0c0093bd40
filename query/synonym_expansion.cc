#include "query/synonym_expansion.h"

#include <algorithm>

#include "common/text.h"

namespace paper::query {

namespace {

struct Chunk {
  std::string text;    // as written, brackets peeled off
  std::string before;  // leading '(' characters
  std::string after;   // trailing ')' characters
  bool plain = false;  // a free-text word that may be expanded
};

bool is_operator(const std::string& w) {
  static const char* kOps[] = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
  for (const char* op : kOps) {
    if (w == op) return true;
  }
  return w.rfind("NEAR/", 0) == 0 || w.rfind("ADJ/", 0) == 0;
}

// Splits on white space, keeping a quoted phrase (which may contain spaces) in one chunk.
std::vector<Chunk> split(std::string_view q) {
  std::vector<Chunk> chunks;
  std::size_t i = 0;
  while (i < q.size()) {
    while (i < q.size() && std::isspace(static_cast<unsigned char>(q[i]))) ++i;
    if (i >= q.size()) break;
    std::size_t start = i;
    bool in_quote = false;
    while (i < q.size() && (in_quote || !std::isspace(static_cast<unsigned char>(q[i])))) {
      if (q[i] == '"') in_quote = !in_quote;
      ++i;
    }
    Chunk c;
    std::string t(q.substr(start, i - start));
    std::size_t b = 0;
    while (b < t.size() && t[b] == '(') ++b;
    std::size_t e = t.size();
    while (e > b && t[e - 1] == ')') --e;
    c.before = t.substr(0, b);
    c.after = t.substr(e);
    c.text = t.substr(b, e - b);
    const std::string& w = c.text;
    c.plain = !w.empty() && w.find_first_of("\":*+()") == std::string::npos && w[0] != '-' &&
              !is_operator(w) && !normalize_for_match(w).empty();
    chunks.push_back(std::move(c));
  }
  return chunks;
}

std::string render_member(const std::string& member) {
  if (member.find(' ') == std::string::npos) return member;
  return "\"" + member + "\"";
}

std::string joined(const std::string& words) {
  std::string out;
  for (char c : words) {
    if (c != ' ') out += c;
  }
  return out;
}

}  // namespace

std::string expand_synonyms(std::string_view query, const SynonymLookup& lookup) {
  std::vector<Chunk> chunks = split(query);
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < chunks.size()) {
    const Chunk& first = chunks[i];
    if (!first.plain) {
      out.push_back(first.before + first.text + first.after);
      ++i;
      continue;
    }
    // Longest run of plain chunks (no brackets between them) that is a synonym key.
    std::size_t best_n = 0;
    std::string best_key;
    std::vector<std::string> best_syns;
    std::string key;
    for (std::size_t n = 1;
         n <= static_cast<std::size_t>(kMaxSynonymWords) && i + n <= chunks.size(); ++n) {
      const Chunk& c = chunks[i + n - 1];
      if (!c.plain || (n > 1 && !c.before.empty()) || (n > 1 && !chunks[i + n - 2].after.empty())) {
        break;
      }
      key += (n > 1 ? " " : "") + normalize_for_match(c.text);
      std::vector<std::string> syns = lookup(key);
      if (!syns.empty()) {
        best_n = n;
        best_key = key;
        best_syns = std::move(syns);
      }
    }
    if (best_n == 0) {
      std::string norm = normalize_for_match(first.text);
      if (first.text.find('-') != std::string::npos && norm.find(' ') != std::string::npos) {
        out.push_back(first.before + "(\"" + norm + "\" OR " + joined(norm) + ")" + first.after);
      } else {
        out.push_back(first.before + first.text + first.after);
      }
      ++i;
      continue;
    }
    std::vector<std::string> members{best_key};
    // A compound written with a hyphen or spaces is also indexed joined ("unet").
    if (best_key.find(' ') != std::string::npos) members.push_back(joined(best_key));
    for (std::string& s : best_syns) {
      std::string norm = normalize_for_match(s);
      if (!norm.empty()) members.push_back(std::move(norm));
    }
    std::vector<std::string> unique;
    for (const std::string& m : members) {
      if (std::find(unique.begin(), unique.end(), m) == unique.end()) unique.push_back(m);
    }
    std::string group = "(";
    for (std::size_t k = 0; k < unique.size(); ++k) {
      if (k) group += " OR ";
      group += render_member(unique[k]);
    }
    group += ")";
    out.push_back(first.before + group + chunks[i + best_n - 1].after);
    i += best_n;
  }
  std::string result;
  for (const std::string& s : out) {
    if (!result.empty()) result += ' ';
    result += s;
  }
  return result;
}

}  // namespace paper::query
