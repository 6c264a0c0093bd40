#include "indexer/catalogue/merge.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "common/text.h"
#include "indexer/catalogue/links.h"

namespace paper {
namespace {

constexpr int kIdWords = 6;
// Bounds that keep hostile lists (thousands of copies of one entry or link) linear.
constexpr std::size_t kMaxLinksPerPaper = 64;
constexpr std::size_t kMaxTitleChecksPerKey = 4;
constexpr std::size_t kIdSlugBytes = 48;
constexpr std::size_t kMaxLinkIdsPerPaper = 4 * kMaxLinksPerPaper;

std::vector<std::string> words_of(const std::string& normalized) {
  std::vector<std::string> words;
  std::istringstream in(normalized);
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

// "arXiv 2308.16150" / "DOI 10.1007/..." for messages.
std::string describe_key(const std::string& key) {
  if (key.rfind("arxiv:", 0) == 0) return "arXiv " + key.substr(6);
  if (key.rfind("doi:", 0) == 0) return "DOI " + key.substr(4);
  return key;
}

// The surnames of an author list, normalised: the last word of each name with two letters or
// more ("Yann LeCun" and "LeCun Y." both give "lecun").
std::set<std::string> surnames(const std::vector<std::string>& authors) {
  std::set<std::string> out;
  for (const auto& name : authors) {
    auto words = words_of(normalize_for_match(name));
    for (auto w = words.rbegin(); w != words.rend(); ++w) {
      if (w->size() >= 2) {
        out.insert(*w);
        break;
      }
    }
  }
  return out;
}

// Two entries with the same title are different papers when their years differ or they share
// no author, unless a link or an arXiv id / DOI says they are one work. a_links holds a's URLs
// and work keys, b_links b's.
bool contradicts(const Paper& a, const std::set<std::string>& a_links, const Paper& b,
                 const std::vector<std::string>& b_links) {
  for (const auto& link : b_links) {
    if (a_links.count(link)) return false;
  }
  if (a.year && b.year && *a.year != *b.year) return true;
  auto sa = surnames(a.authors), sb = surnames(b.authors);
  if (sa.empty() || sb.empty()) return false;
  for (const auto& s : sa) {
    if (sb.count(s)) return false;
  }
  return true;
}

void unite(Paper& into, const Paper& from) {
  for (const auto& link : from.links) {
    if (into.links.size() >= kMaxLinksPerPaper) break;
    bool present = false;
    for (const auto& l : into.links) present = present || l.url == link.url;
    if (!present) into.links.push_back(link);
  }
  if (into.authors.empty()) into.authors = from.authors;
  if (into.venue.empty()) into.venue = from.venue;
  if (!into.year) into.year = from.year;
  if (into.section.empty()) into.section = from.section;
}

}  // namespace

PaperId make_paper_id(std::string_view title) {
  std::string normalized = normalize_for_match(title);
  std::uint64_t hash = 14695981039346656037ull;  // FNV-1a
  for (unsigned char c : normalized) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  std::string slug;
  int words = 0;
  for (const auto& w : words_of(normalized)) {
    std::string ascii;
    for (char c : w) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) ascii += c;
    }
    if (ascii.empty()) continue;
    if (!slug.empty() && slug.size() + 1 + ascii.size() > kIdSlugBytes) break;
    if (!slug.empty()) slug += '-';
    slug += ascii.substr(0, kIdSlugBytes);
    if (++words == kIdWords) break;
  }
  if (slug.empty()) slug = "paper";
  static const char* kHex = "0123456789abcdef";
  std::uint32_t folded = static_cast<std::uint32_t>(hash >> 32) ^ static_cast<std::uint32_t>(hash);
  std::string suffix(8, '0');
  for (int i = 7; i >= 0; --i, folded >>= 4) suffix[i] = kHex[folded & 0xF];
  return slug + "-" + suffix;
}

namespace {

// What the papers so far with one normalised title used for their ids.
struct TitleIds {
  int papers = 0;
  int next_number = 2;
  std::set<int> years;
};

// The id of a paper whose title an earlier, different paper has: the title with the year (when
// no earlier paper of that title has it), else with the first author's surname, else with the
// next number, whichever is free first.
PaperId distinct_paper_id(const Paper& paper, TitleIds& earlier, const std::set<PaperId>& taken) {
  std::vector<std::string> tries;
  if (paper.year && !earlier.years.count(*paper.year)) {
    tries.push_back(paper.title + " " + std::to_string(*paper.year));
  }
  auto names = surnames(paper.authors.empty() ? std::vector<std::string>{}
                                              : std::vector<std::string>{paper.authors.front()});
  if (!names.empty()) tries.push_back(paper.title + " " + *names.begin());
  for (const auto& t : tries) {
    PaperId id = make_paper_id(t);
    if (!taken.count(id)) return id;
  }
  // Numbers only go up, so a title's numbered ids cost one try each, however many there are.
  for (;;) {
    PaperId id = make_paper_id(paper.title + " " + std::to_string(earlier.next_number++));
    if (!taken.count(id)) return id;
  }
}

bool normalized_titles_match(const std::string& na, const std::string& nb) {
  if (na.empty() || nb.empty()) return false;
  if (na == nb) return true;
  auto wa = words_of(na), wb = words_of(nb);
  const auto& shorter = wa.size() <= wb.size() ? wa : wb;
  const auto& longer = wa.size() <= wb.size() ? wb : wa;
  if (shorter.size() >= 3) {
    bool prefix = true;
    for (std::size_t i = 0; i < shorter.size() && prefix; ++i) prefix = shorter[i] == longer[i];
    if (prefix) return true;
  }
  // Jaccard similarity is at most |shorter| / |longer|: skip the sets when that is too small.
  if (shorter.size() * 10 < longer.size() * 8) return false;
  std::set<std::string> sa(wa.begin(), wa.end()), sb(wb.begin(), wb.end());
  std::size_t common = 0;
  for (const auto& w : sa) common += sb.count(w);
  std::size_t all = sa.size() + sb.size() - common;
  return all > 0 && common * 10 >= all * 8;
}

}  // namespace

bool titles_match(std::string_view a, std::string_view b) {
  return normalized_titles_match(normalize_for_match(a), normalize_for_match(b));
}

MergedPapers merge_entries(std::vector<Paper> entries) {
  MergedPapers out;
  std::map<std::string, std::vector<std::size_t>> by_title;  // normalised title -> papers
  std::set<PaperId> ids;
  std::map<std::string, TitleIds> ids_per_title;           // normalised title -> its ids so far
  std::map<std::string, std::vector<std::size_t>> by_key;  // arXiv id / DOI -> papers
  std::set<std::string> suspect_keys;
  std::vector<std::string> norms;               // normalised title of each paper
  std::vector<std::set<std::string>> link_ids;  // per paper: its URLs, arXiv ids and DOIs

  for (auto& entry : entries) {
    std::string norm = normalize_for_match(entry.title);
    std::vector<std::string> keys;
    for (const auto& link : entry.links) {
      if (auto key = work_key_of(link.url)) keys.push_back(*key);
    }
    std::vector<std::string> entry_link_ids = keys;
    for (const auto& link : entry.links) entry_link_ids.push_back(link.url);
    std::optional<std::size_t> target;
    std::string reason;
    if (auto it = by_title.find(norm); it != by_title.end()) {
      for (std::size_t k = 0; k < it->second.size() && !target; ++k) {
        std::size_t other = it->second[k];
        if (!contradicts(out.papers[other], link_ids[other], entry, entry_link_ids)) {
          target = other;
        }
      }
    }
    if (!target) {
      for (const auto& key : keys) {
        auto it2 = by_key.find(key);
        if (it2 == by_key.end()) continue;
        for (std::size_t k = 0; k < it2->second.size() && k < kMaxTitleChecksPerKey; ++k) {
          std::size_t other = it2->second[k];
          if (normalized_titles_match(norms[other], norm)) {
            target = other;
            reason = " (same " + describe_key(key) + ", matching title)";
            break;
          }
        }
        if (target) break;
      }
    }
    if (target) {
      Paper& into = out.papers[*target];
      out.warnings.push_back({entry.source, "same paper as " + into.source.to_string() + " (\"" +
                                                into.title + "\")" + reason +
                                                "; links merged, remove one of the entries"});
      unite(into, entry);
      out.occurrences[*target].push_back(entry.source);
      for (auto& id : entry_link_ids) {
        if (link_ids[*target].size() >= kMaxLinkIdsPerPaper) break;
        link_ids[*target].insert(std::move(id));
      }
      for (const auto& key : keys) {
        auto& list = by_key[key];
        if (list.size() < kMaxTitleChecksPerKey &&
            std::find(list.begin(), list.end(), *target) == list.end()) {
          list.push_back(*target);
        }
      }
      continue;
    }
    std::size_t index = out.papers.size();
    std::set<std::string> warned;
    for (const auto& key : keys) {
      auto it = by_key.find(key);
      if (it == by_key.end() || warned.count(key)) continue;
      warned.insert(key);
      suspect_keys.insert(key);
      const Paper& other = out.papers[it->second.front()];
      out.warnings.push_back(
          {entry.source, describe_key(key) + " is also the link of a different paper at " +
                             other.source.to_string() + " (\"" + other.title +
                             "\"); kept both and marked the link suspect; fix the wrong one"});
    }
    for (const auto& key : keys) {
      auto& list = by_key[key];
      if (list.size() < kMaxTitleChecksPerKey) list.push_back(index);
    }
    auto& same_title = by_title[norm];
    if (same_title.size() < kMaxTitleChecksPerKey) same_title.push_back(index);
    norms.push_back(norm);
    link_ids.emplace_back(std::make_move_iterator(entry_link_ids.begin()),
                          std::make_move_iterator(entry_link_ids.end()));
    // The first paper with a title keeps the id of the title alone, as before any other came.
    TitleIds& title_ids = ids_per_title[norm];
    entry.id = make_paper_id(entry.title);
    if (++title_ids.papers > 1 || ids.count(entry.id)) {
      entry.id = distinct_paper_id(entry, title_ids, ids);
    }
    ids.insert(entry.id);
    if (entry.year) title_ids.years.insert(*entry.year);
    out.occurrences.push_back({entry.source});
    out.papers.push_back(std::move(entry));
  }
  for (auto& paper : out.papers) {
    for (auto& link : paper.links) {
      auto key = work_key_of(link.url);
      if (key && suspect_keys.count(*key)) link.suspect = true;
    }
  }
  return out;
}

}  // namespace paper
