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

// A free-text word that may be expanded: no quote, field, wildcard, sign or bracket.
bool is_plain_word(const std::string& w) {
  return !w.empty() && w.find_first_of("\":*+()") == std::string::npos && w[0] != '-' &&
         !is_operator(w) && !normalize_for_match(w).empty();
}

// The free-text field ("title:") a chunk such as "title:GAN" starts with, or "".
std::string text_field_of(const std::string& chunk) {
  for (const char* field : {"title:", "abstract:", "ref:"}) {
    if (chunk.rfind(field, 0) == 0) return field;
  }
  return "";
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
    c.plain = is_plain_word(w);
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

bool is_proximity(const std::string& w) {
  return w == "NEAR" || w == "ADJ" || w.rfind("NEAR/", 0) == 0 || w.rfind("ADJ/", 0) == 0;
}

// A word typed with punctuation inside it other than a hyphen ("H&E", "PDF/A"), lower-cased:
// Xapian's parser reads it as the index holds it ("h&e" is one term), while its normalised key
// ("h e") is a phrase the page may not have and its joined form ("he") another word, which the
// index holds only for hyphenated compounds. "" for other words.
std::string word_as_typed(const std::string& typed, const std::string& key) {
  if (key.find(' ') == std::string::npos || typed.find_first_of("- ") != std::string::npos) {
    return "";
  }
  return ascii_lower(typed);
}

// The members of the synonym group of key (normalised), the key and its joined form first (or the
// word as typed, when word_as_typed gives one); empty when key has no synonyms and is no
// compound.
std::vector<std::string> group_members(const std::string& key,
                                       const std::vector<std::string>& synonyms,
                                       const std::string& as_typed = "") {
  std::vector<std::string> members{as_typed.empty() ? key : as_typed};
  // A compound written with a hyphen or spaces is also indexed joined ("unet").
  if (as_typed.empty() && key.find(' ') != std::string::npos) members.push_back(joined(key));
  for (const std::string& s : synonyms) {
    std::string norm = normalize_for_match(s);
    if (!norm.empty() && std::find(members.begin(), members.end(), norm) == members.end()) {
      members.push_back(std::move(norm));
    }
  }
  return members;
}

}  // namespace

std::string expand_synonyms(std::string_view query, const SynonymLookup& lookup) {
  std::vector<Chunk> chunks = split(query);
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < chunks.size()) {
    const Chunk& first = chunks[i];
    // NEAR and ADJ take single terms: their operands stay as written.
    const bool proximity = (i > 0 && is_proximity(chunks[i - 1].text)) ||
                           (i + 1 < chunks.size() && is_proximity(chunks[i + 1].text));
    // "-word": the word and each of its synonyms excluded ("-mri" as NOT mri does).
    const std::string& t = first.text;
    // Not in parentheses: Xapian reads a group of exclusions alone ("(-mri)") as no group.
    if (!proximity && first.before.empty() && first.after.empty() && t.size() > 1 && t[0] == '-' &&
        t[1] != '-' && t.find_first_of("\":*+()", 1) == std::string::npos) {
      const std::string norm = normalize_for_match(t.substr(1));
      std::vector<std::string> synonyms = norm.empty() ? std::vector<std::string>{} : lookup(norm);
      if (!synonyms.empty() || norm.find(' ') != std::string::npos) {
        std::string excluded;
        for (const std::string& m :
             group_members(norm, synonyms, word_as_typed(t.substr(1), norm))) {
          excluded += (excluded.empty() ? "-" : " -") + render_member(m);
        }
        out.push_back(first.before + excluded + first.after);
        ++i;
        continue;
      }
    }
    // "title:GAN": the word's synonym group (or a compound's two forms) in the field.
    if (const std::string field = text_field_of(t); !proximity && !field.empty()) {
      // "title:(GAN OR unet)": the group's first word; the others are expanded as plain words,
      // and the group keeps them in the field.
      std::string word = t.substr(field.size());
      const std::size_t opened = std::min(word.find_first_not_of('('), word.size());
      const std::string open = word.substr(0, opened);
      word.erase(0, opened);
      const std::string norm = is_plain_word(word) ? normalize_for_match(word) : "";
      const std::vector<std::string> synonyms =
          norm.empty() ? std::vector<std::string>{} : lookup(norm);
      if (!synonyms.empty() ||
          (word.find('-') != std::string::npos && norm.find(' ') != std::string::npos)) {
        std::string group;
        for (const std::string& m : group_members(norm, synonyms, word_as_typed(word, norm))) {
          group += (group.empty() ? "" : " OR ") + render_member(m);
        }
        out.push_back(first.before + field + open + "(" + group + ")" + first.after);
        ++i;
        continue;
      }
    }
    if (!first.plain || proximity) {
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
    const std::vector<std::string> unique =
        group_members(best_key, best_syns, best_n == 1 ? word_as_typed(first.text, best_key) : "");
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
