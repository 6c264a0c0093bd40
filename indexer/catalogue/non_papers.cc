#include "indexer/catalogue/non_papers.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <vector>

#include "common/text.h"

namespace paper {
namespace {

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

bool host_is(std::string_view host, std::string_view domain) {
  if (host == domain) return true;
  return host.size() > domain.size() && host.ends_with(domain) &&
         host[host.size() - domain.size() - 1] == '.';
}

std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> words;
  std::string n = normalize_for_match(text);
  std::size_t start = 0;
  while (start < n.size()) {
    std::size_t end = n.find(' ', start);
    if (end == std::string::npos) end = n.size();
    words.push_back(n.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

template <std::size_t N>
bool is_one_of(const std::string& word, const std::array<std::string_view, N>& set) {
  return std::find(set.begin(), set.end(), word) != set.end();
}

// "224n", "231": a course number.
bool is_course_number(std::string_view s) {
  std::size_t digits = 0;
  while (digits < s.size() && is_digit(s[digits])) ++digits;
  std::size_t rest = s.size() - digits;
  return digits >= 3 && digits <= 4 && rest <= 1 &&
         (rest == 0 || std::isalpha(static_cast<unsigned char>(s.back())));
}

// "cs224n", "eecs 498", "stat110": a university course code.
bool starts_with_course_code(const std::vector<std::string>& words) {
  static constexpr std::array<std::string_view, 13> kPrefixes = {
      "cs",   "cse",  "csc",   "cos",  "comp", "ee", "ece",
      "eecs", "stat", "stats", "math", "ling", "ds"};
  if (words.empty()) return false;
  const std::string& first = words[0];
  for (auto prefix : kPrefixes) {
    if (first.starts_with(prefix) &&
        is_course_number(std::string_view(first).substr(prefix.size())))
      return true;
    if (first == prefix && words.size() > 1 && is_course_number(words[1])) return true;
  }
  return false;
}

}  // namespace

bool is_video_host(std::string_view host) {
  static constexpr std::array<std::string_view, 4> kVideoHosts = {"youtube.com", "youtu.be",
                                                                  "vimeo.com", "bilibili.com"};
  for (auto video : kVideoHosts) {
    if (host_is(host, video)) return true;
  }
  return false;
}

bool names_non_paper(std::string_view label) {
  // Words that mark teaching, talks and people's pages wherever they stand.
  static constexpr std::array<std::string_view, 12> kAnywhere = {
      "homepage", "tutorial", "tutorials", "course",  "courses",  "lecture",
      "lectures", "webinar",  "podcast",   "keynote", "syllabus", "cheatsheet"};
  // Nouns that end the name of a thing that is not a paper ("ADE20K Dataset", "Awesome NeRF
  // List"); a paper's title rarely ends with one unless after a colon.
  static constexpr std::array<std::string_view, 14> kLast = {
      "list",         "lists", "dataset", "datasets", "challenge", "challenges", "competition",
      "competitions", "talk",  "talks",   "workshop", "website",   "blog",       "homepage"};
  std::vector<std::string> words = words_of(label);
  if (words.empty()) return false;
  if (words[0] == "awesome" || starts_with_course_code(words)) return true;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (is_one_of(words[i], kAnywhere)) return true;
    if (words[i] == "home" && i + 1 < words.size() && words[i + 1] == "page") return true;
  }
  return label.find(':') == std::string_view::npos && is_one_of(words.back(), kLast);
}

bool names_non_paper_link(std::string_view label) {
  static constexpr std::array<std::string_view, 14> kLabels = {
      "video",  "videos", "blog", "blog post",    "post",    "website",   "web",
      "slides", "slide",  "talk", "presentation", "youtube", "recording", "webpage"};
  std::string n = normalize_for_match(label);
  return std::find(kLabels.begin(), kLabels.end(), n) != kLabels.end();
}

bool has_year_range(std::string_view text) {
  auto year_at = [&](std::size_t i) {
    return i + 4 <= text.size() && (text.substr(i, 2) == "19" || text.substr(i, 2) == "20") &&
           is_digit(text[i + 2]) && is_digit(text[i + 3]) && (i == 0 || !is_digit(text[i - 1])) &&
           (i + 4 == text.size() || !is_digit(text[i + 4]));
  };
  for (std::size_t i = 0; i + 4 <= text.size(); ++i) {
    if (!year_at(i)) continue;
    std::size_t j = i + 4;
    while (j < text.size() && text[j] == ' ') ++j;
    // '-', an en dash or an em dash (UTF-8 E2 80 93 / 94).
    if (j < text.size() && text[j] == '-') {
      ++j;
    } else if (text.substr(j, 3) == "\xE2\x80\x93" || text.substr(j, 3) == "\xE2\x80\x94") {
      j += 3;
    } else {
      continue;
    }
    while (j < text.size() && text[j] == ' ') ++j;
    std::size_t digits = 0;
    while (j + digits < text.size() && is_digit(text[j + digits])) ++digits;
    if (digits == 2 || (digits == 4 && year_at(j))) return true;
  }
  return false;
}

}  // namespace paper
