// Hyphenated compounds ("U-Net", "few-shot") also indexed as one joined term (format:
// index_writer.h). Internal to indexer/index; thread-safe.
#pragma once

#include <xapian.h>

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace paper::index_detail {

// Hyphenated compounds in text. Only the tokens around a hyphen are looked at: scanning every
// character of every page with Unicode classes cost as much as indexing the text.
// Each compound goes to out as its lower-cased parts ("U-Net," -> {"u", "net"}).
void find_compounds(std::string_view text, std::set<std::vector<std::string>>& out);

// Adds to doc the joined term of every compound whose parts occur at consecutive positions
// (under prefix, stemmed), and each joined word to spelling.
void add_joined_compounds(Xapian::Document& doc,
                          const std::set<std::vector<std::string>>& compounds,
                          const std::string& prefix, const Xapian::Stem& stem,
                          std::vector<std::string>& spelling);

}  // namespace paper::index_detail
