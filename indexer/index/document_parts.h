// What prepare_paper() builds and the writer inserts (PreparedPaper::Parts), and what the files
// that build a paper's document share. Internal to indexer/index.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "indexer/index/index_writer.h"

namespace paper {

struct PreparedPaper::Parts {
  PaperId id;
  Xapian::Document doc;
  std::vector<std::string> pages;     // encoded page texts (schema::encode_page_text)
  std::vector<std::string> spelling;  // words for the spelling table, each once
  std::size_t text_bytes = 0;         // page text, for the commit batches
};

namespace index_detail {

// A page longer than this is indexed positionally only up to here (the rest without positions),
// so its positions stay within its kPageStride range.
constexpr std::size_t kMaxPositionalPageBytes = 120000;

// The references part of a page's text, [begin, end); the rest of the page is body. No
// references: begin == end == the page's size.
struct PageReferences {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// Positions of each of terms (sorted) in doc; absent terms are left out. One forward pass over
// the document's term list: a look-up per term (TermIterator::skip_to walks an in-memory document's
// terms one by one) cost a fifth of the writer's time on the benchmark corpus.
std::map<std::string, std::vector<Xapian::termpos>> positions_of(
    const Xapian::Document& doc, const std::set<std::string>& terms);

}  // namespace index_detail
}  // namespace paper
