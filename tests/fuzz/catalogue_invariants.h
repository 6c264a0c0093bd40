// What must hold for any catalogue, whatever the input bytes: shared by the libFuzzer target
// and the corpus replay test. Returns "" when everything holds, else what broke.
#pragma once

#include <string>

#include "common/text.h"
#include "indexer/catalogue/catalogue.h"

namespace paper::fuzzing {

inline std::string check_invariants(const Catalogue& c) {
  auto utf8 = [](const std::string& s) { return !find_invalid_utf8(s).has_value(); };
  if (c.occurrences.size() != c.papers.size()) return "occurrences not parallel to papers";
  for (const auto& p : c.papers) {
    if (p.id.empty()) return "empty id";
    for (char ch : p.id) {
      if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-')) {
        return "id with a character outside [a-z0-9-]: " + p.id;
      }
    }
    if (normalize_for_match(p.title).empty()) return "title without letters or digits";
    if (p.links.empty()) return "paper without a link: " + p.title;
    if (!utf8(p.title) || !utf8(p.venue) || !utf8(p.section)) return "invalid UTF-8 in a field";
    for (const auto& a : p.authors) {
      if (!utf8(a) || a.empty()) return "bad author";
    }
    for (const auto& l : p.links) {
      if (!utf8(l.url) || !utf8(l.label) || l.host.empty()) return "bad link";
    }
    if (p.year && (*p.year < 1900 || *p.year > 2200)) return "implausible year kept";
  }
  for (const auto& w : c.warnings) {
    if (!utf8(w.message) || w.message.empty()) return "bad warning";
  }
  return "";
}

}  // namespace paper::fuzzing
