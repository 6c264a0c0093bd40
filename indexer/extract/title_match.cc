// Title checks on extracted text: pure functions declared in extractor.h.
#include <algorithm>
#include <sstream>

#include "common/text.h"
#include "common/text_cleanup.h"
#include "indexer/extract/extractor.h"
#include "indexer/extract/sections.h"

namespace paper {

namespace {

// How far into the page the title may start: a journal header or an author block may come
// first, the body text of another paper citing this title should not count.
constexpr std::size_t kTopWindowWords = 400;

std::vector<std::string> words_of(std::string_view text, std::size_t max_words) {
  std::vector<std::string> words;
  std::istringstream in(normalize_for_match(clean_line(text)));
  std::string word;
  while (words.size() < max_words && in >> word) words.push_back(word);
  return words;
}

// The title's letters must appear contiguously at word boundaries of the page, ignoring the
// spaces on both sides: "seg mentation" and "U Net" still match.
bool squashed_match(const std::vector<std::string>& title, const std::vector<std::string>& page) {
  std::string needle;
  for (const std::string& w : title) needle += w;
  std::string hay;
  std::vector<bool> boundary;  // boundary[k]: a word starts (or the text ends) at hay[k]
  for (const std::string& w : page) {
    boundary.push_back(true);
    boundary.resize(boundary.size() + w.size() - 1, false);
    hay += w;
  }
  boundary.push_back(true);
  for (std::size_t pos = hay.find(needle); pos != std::string::npos;
       pos = hay.find(needle, pos + 1)) {
    if (boundary[pos] && boundary[pos + needle.size()]) return true;
  }
  return false;
}

// At least 90% of the title's words, in order, within a window little longer than the title.
bool fuzzy_match(const std::vector<std::string>& title, const std::vector<std::string>& page) {
  const std::size_t n = title.size();
  const std::size_t need = (n * 9 + 9) / 10;
  const std::size_t window = n + n / 2 + 2;
  for (std::size_t start = 0; start < page.size(); ++start) {
    if (page[start] != title[0] && page[start] != title[1]) continue;
    std::size_t matched = 0, t = 0;
    for (std::size_t k = start; k < page.size() && k < start + window && t < n; ++k) {
      for (std::size_t look = t; look < n && look < t + 2; ++look) {
        if (page[k] == title[look]) {
          matched += 1;
          t = look + 1;
          break;
        }
      }
    }
    if (matched >= need) return true;
  }
  return false;
}

}  // namespace

bool title_matches_page(const std::string& list_title, const std::string& page_text) {
  std::vector<std::string> title = words_of(list_title, 200);
  if (title.empty()) return false;
  std::vector<std::string> page = words_of(page_text, kTopWindowWords);
  if (squashed_match(title, page)) return true;
  return title.size() >= 10 && fuzzy_match(title, page);
}

bool title_matches_text(const std::string& list_title, const ExtractedText& text) {
  if (!text.pdf_title.empty() && !is_junk_title(text.pdf_title) &&
      normalize_for_match(clean_line(text.pdf_title)) ==
          normalize_for_match(clean_line(list_title))) {
    return true;
  }
  for (std::size_t p = 0; p < text.pages.size() && p < 2; ++p) {
    if (title_matches_page(list_title, text.pages[p])) return true;
  }
  return false;
}

std::string document_title(const ExtractedText& text) {
  if (!is_junk_title(text.pdf_title)) return trim(clean_line(text.pdf_title));
  if (text.pages.empty()) return {};
  return guess_title_from_page(text.pages[0]);
}

const char* to_string(ExtractedText::Status status) {
  using S = ExtractedText::Status;
  switch (status) {
    case S::kOk:
      return "ok";
    case S::kEncrypted:
      return "encrypted";
    case S::kCorrupt:
      return "corrupt";
    case S::kEmptyFile:
      return "empty";
    case S::kNoText:
      return "no-text";
    case S::kTimedOut:
      return "timed-out";
    case S::kCrashed:
      return "crashed";
    case S::kOutOfMemory:
      return "out-of-memory";
    case S::kUnreadable:
      return "unreadable";
    case S::kCancelled:
      return "cancelled";
  }
  return "unknown";
}

}  // namespace paper
