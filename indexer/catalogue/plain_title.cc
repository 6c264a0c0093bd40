#include "indexer/catalogue/plain_title.h"

#include <vector>

#include "common/text.h"
#include "indexer/catalogue/byline.h"
#include "indexer/catalogue/fields.h"
#include "indexer/catalogue/inline_markdown.h"

namespace paper {
namespace {

// Commas tried as the end of a title; bounds the byline readings to keep long lines linear.
constexpr int kMaxTitleCommas = 4;

std::size_t word_count(std::string_view text) {
  std::size_t words = 0;
  bool in_word = false;
  for (char c : text) {
    bool space = c == ' ' || c == '\n';
    words += !space && !in_word ? 1 : 0;
    in_word = !space;
  }
  return words;
}

bool mentions_et_al(std::string_view text) { return text.find(" et al") != std::string::npos; }

// "Ann Lee", "Kaiming He", "Isensee et al.": names of people, each of two words or more unless
// "et al." says the text is an author list; one capitalised word ("Everywhere") is as likely a
// word of a title.
bool are_full_names(const std::vector<std::string>& names, std::string_view written) {
  if (names.empty()) return false;
  for (const auto& name : names) {
    if (!is_author_name(name)) return false;
    if (word_count(name) < 2 && !mentions_et_al(written)) return false;
  }
  return true;
}

// Whether the first sentence of an entry's text is a byline and not a title: its pieces are
// names, venues and years, with a venue or a year among them or after them ("Ann Lee, Bob Ray.
// CVPR 2020"). Names followed by more names are a title and its authors ("Segment Anything.
// Alexander Kirillov. ICCV 2023"). Before the link, where lists write the title, one name
// followed by a venue ("Swin Transformer. CVPR 2021") is taken for the title.
bool is_byline_only(const std::string& first, const std::string& rest, bool after_link) {
  std::vector<std::string> pieces = split_authors(first);
  if (pieces.empty()) return false;
  std::vector<std::string> names;
  bool venue = false;
  for (const auto& piece : pieces) {
    if (reads_as_venue_year(piece)) {
      venue = true;
    } else {
      names.push_back(piece);
    }
  }
  if (!names.empty() && !are_full_names(names, first)) return false;
  if (venue) return true;
  if (!after_link && names.size() < 2) return false;
  // "TUGboat 2020" after "Ann Lee, Bob Ray." is the venue, as "CVPR 2020" would be.
  Byline after = read_byline(rest, /*authors_known=*/false, /*after_names=*/true);
  return !after.venue_years.empty() && after.authors.empty();
}

bool is_acronym_word(std::string_view word) {
  int upper = 0;
  for (char c : word) {
    if (c >= 'a' && c <= 'z') return false;
    upper += c >= 'A' && c <= 'Z' ? 1 : 0;
  }
  return upper >= 2;
}

}  // namespace

bool reads_as_venue_year(std::string_view text) {
  std::string t = trim(text);
  while (!t.empty() && (t.back() == '.' || t.back() == ',' || t.back() == ';')) t.pop_back();
  if (t.empty()) return false;
  if (is_known_venue(t)) return true;
  VenueYear vy = parse_venue_year(t);
  if (!vy.year) return false;
  if (vy.venue.empty() || is_known_venue(vy.venue)) return true;
  // "ECCV Workshops 2022", "IEEE Trans 2021": an acronym first.
  return is_acronym_word(vy.venue.substr(0, vy.venue.find(' ')));
}

std::string split_trailing_year_note(const std::string& title, std::string* note) {
  std::string t = trim(title);
  if (t.empty() || t.back() != ')') return title;
  std::size_t open = t.rfind('(');
  if (open == std::string::npos) return title;
  std::string inner = t.substr(open + 1, t.size() - open - 2);
  std::string before = clean_title(t.substr(0, open));
  if (!parse_venue_year(inner).year || !reads_as_venue_year(inner) ||
      normalize_for_match(before).empty()) {
    return title;
  }
  *note = t.substr(open);
  return before;
}

PlainTitle read_plain_title(std::string_view raw, bool after_link) {
  std::string text = strip_leading_separators(collapse_space(raw));
  PlainTitle out;
  std::size_t q1 = text.find('"');
  std::size_t q2 = q1 == std::string::npos ? q1 : text.find('"', q1 + 1);
  if (q2 != std::string::npos && q2 > q1 + 1) {
    out.title = clean_title(text.substr(q1 + 1, q2 - q1 - 1));
    out.remainder = text.substr(q2 + 1);
    return out;
  }
  // The title ends at the first " - ", ". " or " – "; the rest is authors/venue.
  std::size_t cut = std::string::npos, skip = 0;
  for (std::string_view sep : {" - ", ". ", " \xE2\x80\x93 "}) {
    std::size_t at = text.find(sep);
    if (at < cut) {
      cut = at;
      skip = sep.size();
    }
  }
  std::string first = text.substr(0, cut);
  std::string rest = cut == std::string::npos ? "" : text.substr(cut + skip);
  if (is_byline_only(first, rest, after_link)) {
    out.remainder = text;
    out.byline_only = true;
    return out;
  }
  // "Deep Residual Learning for Image Recognition, Kaiming He. CVPR 2016": the names after a
  // comma are the authors when the byline read from there starts with them and holds a venue or
  // a year.
  std::size_t comma = 0;
  for (int tries = 0; tries < kMaxTitleCommas; ++tries, ++comma) {
    comma = first.find(',', comma);
    if (comma == std::string::npos) break;
    std::string title = clean_title(first.substr(0, comma));
    if (normalize_for_match(title).empty()) continue;
    std::string tail = trim(std::string_view(text).substr(comma + 1));
    Byline byline = read_byline(tail, /*authors_known=*/false);
    // An unsure byline ("Segment Anything. Kaiming He 2016") does not cut a title.
    if (byline.venue_years.empty() || !byline.unsure_venue.empty() ||
        !are_full_names(byline.authors, tail) || tail.rfind(byline.authors.front(), 0) != 0) {
      continue;
    }
    out.title = std::move(title);
    out.remainder = std::move(tail);
    return out;
  }
  out.title = clean_title(first);
  out.remainder = std::move(rest);
  return out;
}

}  // namespace paper
