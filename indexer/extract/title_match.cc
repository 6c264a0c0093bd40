// Title checks on extracted text: pure functions declared in extractor.h.
#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "common/text.h"
#include "common/text_cleanup.h"
#include "indexer/extract/extractor.h"
#include "indexer/extract/titles.h"

namespace paper {

namespace {

// How far into the page the title may start: a journal header or an author block may come
// first, the body text of another paper citing this title should not count.
constexpr std::size_t kTopWindowWords = 400;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Digit groups separated by sep: "2021/01/21" -> 3 groups. 0 when token is not such a run.
std::size_t digit_groups(std::string_view token, char sep, std::size_t& longest) {
  std::size_t groups = 0, run = 0;
  longest = 0;
  for (std::size_t i = 0; i <= token.size(); ++i) {
    if (i < token.size() && is_digit(token[i])) {
      ++run;
    } else if (i == token.size() || token[i] == sep) {
      if (run == 0) return 0;
      ++groups;
      longest = std::max(longest, run);
      run = 0;
    } else {
      return 0;
    }
  }
  return groups;
}

// A version or a date that a manual prints between the words of its title: "v1.3a", "V2.0",
// "2021/01/21", "21-01-2021". Not a bare year or number ("LiTS 2017", "CheXNet 2.0", "UNet 3+",
// "MobileNet V2"): those name another edition or model.
bool is_version_or_date(std::string_view token) {
  token = without_footnote_marks(token);
  while (!token.empty() && std::string_view("([{,;:.").find(token.front()) != std::string::npos) {
    token.remove_prefix(1);
  }
  while (!token.empty() && std::string_view(")]},;:.").find(token.back()) != std::string::npos) {
    token.remove_suffix(1);
  }
  if (token.empty()) return false;
  std::size_t longest = 0;
  for (char sep : {'/', '-'}) {
    if (digit_groups(token, sep, longest) == 3 && longest == 4) return true;
  }
  if (token.front() != 'v' && token.front() != 'V') return false;
  std::string_view version = token.substr(1);
  std::size_t letters = 0;
  while (letters < 2 && !version.empty() &&
         std::islower(static_cast<unsigned char>(version.back()))) {
    version.remove_suffix(1);
    ++letters;
  }
  return !version.empty() && version.front() != '.' && digit_groups(version, '.', longest) >= 2;
}

// The normalized words of text, at most max_words of them, without the footnote marks after a
// word; skip_versions also leaves out versions and dates (is_version_or_date).
std::vector<std::string> words_of(std::string_view text, std::size_t max_words,
                                  bool skip_versions = false) {
  std::vector<std::string> words;
  const std::string line = clean_line(text);
  std::size_t start = 0;
  while (start < line.size() && words.size() < max_words) {
    std::size_t end = line.find(' ', start);
    if (end == std::string::npos) end = line.size();
    std::string_view token = std::string_view(line).substr(start, end - start);
    start = end + 1;
    if (skip_versions && is_version_or_date(token)) continue;
    const std::string normal = normalize_for_match(without_footnote_marks(token));
    std::size_t from = 0;
    while (from < normal.size() && words.size() < max_words) {
      std::size_t to = normal.find(' ', from);
      if (to == std::string::npos) to = normal.size();
      words.push_back(normal.substr(from, to - from));
      from = to + 1;
    }
  }
  return words;
}

bool has_digit_word(const std::vector<std::string>& words) {
  return std::any_of(words.begin(), words.end(), [](const std::string& w) {
    return std::any_of(w.begin(), w.end(), is_digit);
  });
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
// The page's extra words there may be noise (line numbers, marks), but not a negation:
// "Attention Is Not All You Need ..." is another paper.
bool fuzzy_match(const std::vector<std::string>& title, const std::vector<std::string>& page) {
  const std::size_t n = title.size();
  const std::size_t need = (n * 9 + 9) / 10;
  const std::size_t window = n + n / 2 + 2;
  // A word the page leaves out may only be a short function word ("A Simple Yet Effective ..."
  // without "Yet"): another content word ("Liver" for "Kidney") is another paper. So is a number
  // the list title lacks ("CheXNet 2.0" for "CheXNet").
  auto function_word = [](const std::string& w) {
    return w.size() <= 3 || w == "with" || w == "from" || w == "into" || w == "than" ||
           w == "over" || w == "under" || w == "towards" || w == "using";
  };
  const bool title_has_digits = has_digit_word(title);
  for (std::size_t start = 0; start < page.size(); ++start) {
    if (page[start] != title[0] && page[start] != title[1]) continue;
    std::size_t matched = 0, t = 0;
    bool negation_seen = false, negated = false, content_missed = false;
    bool extra_number = false;
    for (std::size_t k = start; k < page.size() && k < start + window && t < n; ++k) {
      bool hit = false;
      for (std::size_t look = t; look < n && look < t + 2; ++look) {
        if (page[k] == title[look]) {
          if (look > t && !function_word(title[t])) content_missed = true;
          matched += 1;
          t = look + 1;
          hit = true;
          break;
        }
      }
      if (hit) {
        negated = negated || negation_seen;
      } else if (page[k] == "not" || page[k] == "no" || page[k] == "non" || page[k] == "without") {
        negation_seen = true;
      } else if (!title_has_digits &&
                 std::any_of(page[k].begin(), page[k].end(), [](char c) { return is_digit(c); })) {
        extra_number = true;
      }
    }
    for (std::size_t rest = t; rest < n; ++rest) {
      if (!function_word(title[rest])) content_missed = true;
    }
    if (matched >= need && !negated && !content_missed && !extra_number) return true;
  }
  return false;
}

// Whether a title the PDF states is another paper whose title holds the list title and goes on
// in the same main title: "Segment Anything in Medical Images" for "Segment Anything", "...
// Localization, Part II" for "... Localization". A subtitle after ':', a dash or '?' is not
// such a word ("U-Net: Convolutional Networks ..." for "U-Net").
bool extends_list_title(const std::vector<std::string>& list, std::string_view stated) {
  if (list.empty() || stated.empty()) return false;
  std::size_t cut = stated.size();
  for (std::string_view sep : {":", "?", " - ", " \u2013 ", " \u2014 "}) {
    cut = std::min(cut, stated.find(sep));
  }
  const std::vector<std::string> main_title = words_of(stated.substr(0, cut), 200);
  if (main_title.size() <= list.size()) return false;
  return std::search(main_title.begin(), main_title.end(), list.begin(), list.end()) !=
         main_title.end();
}

}  // namespace

bool title_matches_page(const std::string& list_title, const std::string& page_text) {
  std::vector<std::string> title = words_of(list_title, 200);
  if (title.empty()) return false;
  // A manual prints its version and date amid its title ("chemnum v1.3a 2021/01/21 numbering
  // of chemical compounds"). Only skipped when the list title has no digits, which the page
  // must then match.
  std::vector<std::string> page = words_of(page_text, kTopWindowWords, !has_digit_word(title));
  if (squashed_match(title, page)) return true;
  return title.size() >= 10 && fuzzy_match(title, page);
}

bool title_matches_text(const std::string& list_title, const ExtractedText& text) {
  const bool metadata_title =
      !text.pdf_title.empty() && !is_junk_title(text.pdf_title, text.pdf_author);
  if (metadata_title && normalize_for_match(clean_line(text.pdf_title)) ==
                            normalize_for_match(clean_line(list_title))) {
    return true;
  }
  // The PDF's own title (metadata, or the title line of page 1) that holds the list's and goes
  // on is another paper, wherever else the list title appears.
  const std::vector<std::string> list = words_of(list_title, 200);
  if ((metadata_title && extends_list_title(list, clean_line(text.pdf_title))) ||
      (!text.pages.empty() &&
       extends_list_title(list, guess_title_from_page(text.pages[0], text.pdf_author)))) {
    return false;
  }
  for (std::size_t p = 0; p < text.pages.size() && p < 2; ++p) {
    if (title_matches_page(list_title, text.pages[p])) return true;
  }
  // No looser rule: a shorter title the PDF states (its main title, most of the list title's
  // words) also names other papers ("... Segmentation" for "...: A Survey", "Deep Learning for
  // Brain Segmentation" for "... Brain Tumor Segmentation"), and wrong text under a paper's name
  // is worse than none. A refused PDF is reported with the entry to check.
  return false;
}

std::string document_title(const ExtractedText& text) {
  if (!is_junk_title(text.pdf_title, text.pdf_author)) {
    return title_without_footnote_marks(clean_line(text.pdf_title));
  }
  if (text.pages.empty()) return {};
  return guess_title_from_page(text.pages[0], text.pdf_author);
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
