#include "indexer/index/compound_terms.h"

#include <algorithm>
#include <map>

#include "common/schema.h"
#include "indexer/index/document_parts.h"

namespace paper::index_detail {
namespace {

// Longest joined compound term; TermGenerator's own limit for words is 64 bytes.
constexpr std::size_t kMaxJoinedTermBytes = 64;

std::string lower_utf8(const std::string& word) { return Xapian::Unicode::tolower(word); }

bool is_hyphen(unsigned cp) { return cp == '-' || cp == 0x2010 || cp == 0x2011; }

// Hyphenated compounds of one whitespace-free token, as their lower-cased parts
// ("U-Net," -> {"u", "net"}).
void compounds_of_token(std::string_view token, std::set<std::vector<std::string>>& out) {
  std::vector<std::string> parts;
  std::string word;
  bool after_hyphen = false;
  auto flush = [&]() {
    if (!word.empty()) parts.push_back(lower_utf8(word));
    word.clear();
    if (parts.size() >= 2 && parts.size() <= 5) out.insert(parts);
    parts.clear();
    after_hyphen = false;
  };
  for (Xapian::Utf8Iterator it(token.data(), token.size()); it != Xapian::Utf8Iterator(); ++it) {
    unsigned cp = *it;
    if (Xapian::Unicode::is_wordchar(cp)) {
      Xapian::Unicode::append_utf8(word, cp);
      after_hyphen = false;
    } else if (is_hyphen(cp) && !word.empty() && !after_hyphen) {
      parts.push_back(lower_utf8(word));
      word.clear();
      after_hyphen = true;
    } else {
      flush();
    }
  }
  flush();
}

}  // namespace

void find_compounds(std::string_view text, std::set<std::vector<std::string>>& out) {
  auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
  std::size_t pos = 0;
  std::size_t done = 0;  // tokens before this offset were handled
  while (pos < text.size()) {
    std::size_t hyphen = text.find_first_of("-\xe2", pos);
    if (hyphen == std::string_view::npos) break;
    pos = hyphen + 1;
    if (text[hyphen] != '-' &&
        !(text.substr(hyphen, 3) == "\xe2\x80\x90" || text.substr(hyphen, 3) == "\xe2\x80\x91")) {
      continue;
    }
    if (hyphen < done) continue;
    std::size_t begin = hyphen;
    while (begin > 0 && !is_space(text[begin - 1])) --begin;
    std::size_t end = hyphen;
    while (end < text.size() && !is_space(text[end])) ++end;
    compounds_of_token(text.substr(begin, end - begin), out);
    done = end;
    pos = end;
  }
}
void add_joined_compounds(Xapian::Document& doc,
                          const std::set<std::vector<std::string>>& compounds,
                          const std::string& prefix, const Xapian::Stem& stem,
                          std::vector<std::string>& spelling) {
  const std::string term_prefix = schema::kStemPrefix + prefix;
  std::set<std::string> part_terms;
  for (const auto& parts : compounds) {
    for (const auto& p : parts) part_terms.insert(term_prefix + stem(p));
  }
  const auto positions = positions_of(doc, part_terms);
  static const std::vector<Xapian::termpos> kNone;
  for (const auto& parts : compounds) {
    std::string joined;
    for (const auto& p : parts) joined += p;
    if (joined.size() > kMaxJoinedTermBytes) continue;
    std::vector<const std::vector<Xapian::termpos>*> pos;
    bool all = true;
    for (const auto& p : parts) {
      auto it = positions.find(term_prefix + stem(p));
      pos.push_back(it == positions.end() ? &kNone : &it->second);
      if (pos.back()->empty()) {
        all = false;
        break;
      }
    }
    if (!all) continue;
    bool added = false;
    for (Xapian::termpos start : *pos[0]) {
      bool match = true;
      for (std::size_t i = 1; i < parts.size() && match; ++i) {
        match = std::binary_search(pos[i]->begin(), pos[i]->end(), start + i);
      }
      if (!match) continue;
      doc.add_posting(term_prefix + stem(joined), start);
      added = true;
    }
    if (added) spelling.push_back(joined);
  }
}

}  // namespace paper::index_detail
