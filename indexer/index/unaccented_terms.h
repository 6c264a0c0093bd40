// Words with accents also indexed without them ("Müller" as "muller" too): typed plainly, a word
// is found, in a phrase or on its page too. Internal to indexer/index; thread-safe (a PageFolder
// is used by one thread).
#pragma once

#include <xapian.h>

#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "indexer/index/document_parts.h"

namespace paper::index_detail {

// The words of text that have accents, without them ("Jörg Müller" -> "jorg muller"), indexed
// without positions: a name typed without its accents finds the paper too. For the metadata
// fields; titles and pages keep the positions (add_unaccented_at_positions).
void add_unaccented(Xapian::TermGenerator& generator, const std::string& text, unsigned wdf,
                    const std::string& prefix);

// The words of texts that have accents, also indexed without them ("Müller" as "muller" too) at
// the positions in [from, to) that the accented word has under each prefix: typed plainly, a
// word is found, in a phrase or on its page too. Each added position counts wdf.
void add_unaccented_at_positions(Xapian::Document& doc, const std::vector<std::string_view>& texts,
                                 const std::vector<std::string>& prefixes, const Xapian::Stem& stem,
                                 Xapian::termcount wdf, Xapian::termpos from, Xapian::termpos to);

// Each page word that has accents, also indexed without them at its own position: its page text
// with those words folded (folded_copy) is indexed again into a scratch document, from the same
// position, and each accent-free term goes where the scratch document has it and the paper does
// not. (At the position of the accented term alone, "réalisé" and "réalisée", one stem, would
// each get the other's plain stem too.) A page whose copy does not give the same number of
// positions, or too long for positions, falls back to add_unaccented_at_positions.
class PageFolder {
 public:
  explicit PageFolder(const Xapian::Stem& stem);

  // One page, indexed in the paper from page_base to end (exclusive): body, references
  // [refs.begin, refs.end), body.
  void add_page(std::string_view text, PageReferences refs, Xapian::termpos page_base,
                Xapian::termpos end);

  // Adds the accent-free terms to doc.
  void finish(Xapian::Document& doc);

 private:
  const Xapian::Stem& stem_;
  Xapian::TermGenerator generator_;
  Xapian::Document scratch_;
  std::set<std::string> plain_terms_;
  std::vector<std::pair<std::string_view, Xapian::termpos>> fallback_;
};

}  // namespace paper::index_detail
