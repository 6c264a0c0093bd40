#include "indexer/extract/text_census.h"

#include <algorithm>
#include <cctype>

namespace paper {

namespace {

constexpr std::size_t kMaxStampAlphanumerics = 200;
// Bounds the memory of the stamp search: once this many different short lines were seen, new
// ones count as text. A document with that many lines has text; at worst a stamp first seen after
// them counts as text too (only the notes below can differ).
constexpr std::size_t kMaxTrackedLines = 1024;

}  // namespace

TextCount count_text(std::string_view text) {
  TextCount count;
  bool in_word = false;
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    const bool alnum = std::isalnum(byte) || byte >= 0x80;
    count.alphanumerics += std::isalnum(byte) || byte >= 0xC0 ? 1 : 0;
    count.words += alnum && !in_word ? 1 : 0;
    in_word = alnum;
  }
  return count;
}

void TextCensus::add_page(std::string_view text) {
  const int index = static_cast<int>(pages_.size());
  Page& page = pages_.emplace_back();
  std::string key;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    const std::string_view line = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    const TextCount count = count_text(line);
    if (count.alphanumerics == 0) continue;
    auto it = ids_.end();
    if (count.alphanumerics <= kMaxStampAlphanumerics) {
      key.clear();
      for (char c : line) {
        const bool digit = c >= '0' && c <= '9';
        if (!digit) key += c;
        if (digit && (key.empty() || key.back() != '#')) key += '#';
      }
      it = ids_.find(key);
      if (it == ids_.end() && lines_.size() < kMaxTrackedLines) {
        it = ids_.emplace(key, static_cast<std::uint32_t>(lines_.size())).first;
        lines_.push_back(Line{std::string(line), count});
      }
    }
    if (it == ids_.end()) {
      page.untracked.alphanumerics += count.alphanumerics;
      page.untracked.words += count.words;
      continue;
    }
    Line& tracked = lines_[it->second];
    if (tracked.last_page != index) ++tracked.pages;
    tracked.last_page = index;
    page.lines.push_back(Occurrence{it->second, count});
  }
}

void TextCensus::finish() {
  const int pages = static_cast<int>(pages_.size());
  std::size_t stamp_size = 0;
  for (Line& line : lines_) {
    line.stamp = line.pages >= 2 && 2 * line.pages >= pages;
    stamp_size += line.stamp ? line.count.alphanumerics : 0;
  }
  if (stamp_size > kMaxStampAlphanumerics) {
    for (Line& line : lines_) line.stamp = false;
  }
  for (const Page& page : pages_) {
    TextCount count = page.untracked;
    for (const Occurrence& occurrence : page.lines) {
      if (lines_[occurrence.line].stamp) continue;
      count.alphanumerics += occurrence.count.alphanumerics;
      count.words += occurrence.count.words;
    }
    alphanumerics_ += count.alphanumerics;
    words_ += count.words;
    text_pages_ += count.alphanumerics > 0 ? 1 : 0;
  }
}

std::string TextCensus::stamp_note(int pages) const {
  std::string quoted;
  int most_pages = 0;
  for (const Line& line : lines_) {
    if (!line.stamp) continue;
    quoted += (quoted.empty() ? "\"" : " / \"") + line.text + "\"";
    most_pages = std::max(most_pages, line.pages);
  }
  if (quoted.empty()) return {};
  return "no text but a stamp on " + std::to_string(most_pages) + " of " + std::to_string(pages) +
         " pages: " + quoted + "\n";
}

}  // namespace paper
