// Reading a byline (byline.h): cuts the text after a title into sentences and parenthesised
// notes, finds the sentence that holds the year, and tells its names from its venue.
#include "indexer/catalogue/byline.h"

#include <algorithm>
#include <array>
#include <optional>

#include "common/text.h"
#include "indexer/catalogue/byline_words.h"
#include "indexer/catalogue/fields.h"
#include "indexer/catalogue/inline_markdown.h"

namespace paper {
namespace {

// Longest "(MICCAI 2023)" note read from free text; keeps "((((...)" lines linear.
constexpr std::size_t kMaxNoteBytes = 200;
// "CVPR 2021 Oral" is a venue sentence; "data from 2015 to 2020 and beyond" is prose.
constexpr std::size_t kMaxWordsAfterYear = 3;

// Trims white space and the punctuation around the parts of a byline.
std::string clean_part(std::string_view text) {
  std::string s = collapse_space(text);
  auto edge = [](char c) {
    return c == ',' || c == '-' || c == ':' || c == '.' || c == ';' || c == ' ';
  };
  std::size_t b = 0, e = s.size();
  while (b < e && edge(s[b])) ++b;
  while (e > b && edge(s[e - 1])) --e;
  return s.substr(b, e - b);
}

// Whether the period that ends text ends a sentence: not after an initial ("J.") or a common
// abbreviation ("Trans."). "et al." does end one (it closes an author list).
bool period_ends_sentence(std::string_view text) {
  std::size_t i = text.size();
  int letters = 0;
  while (i > 0) {
    unsigned char c = static_cast<unsigned char>(text[i - 1]);
    if (c < 0x80 && !is_letter(static_cast<char>(c))) break;
    if ((c & 0xC0) != 0x80) ++letters;  // count code points, not bytes
    --i;
  }
  if (letters == 0) return true;  // "2021." or ")."
  if (letters == 1) return false;
  return !listed(kBylineAbbreviations, bare_lower(text.substr(i)));
}

// Whether a line that ends with text continues on the next line: a list broken after a comma.
// Looks only at the end of text, so that long entries stay linear.
bool continues_on_next_line(std::string_view text) {
  std::size_t end = text.size();
  while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
  if (end == 0) return false;
  char last = text[end - 1];
  if (last == ',' || last == ';' || last == '&') return true;
  return end >= 4 && text.substr(end - 4, 4) == " and";
}

// Splits a byline into sentences: at ". ", " - ", " – ", " — ", '|' and at line ends (unless
// a list goes on).
std::vector<std::string> split_sentences(std::string_view s) {
  std::vector<std::string> out;
  std::string current;
  auto cut = [&] {
    out.push_back(std::move(current));
    current.clear();
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (s.substr(i, 3) == " - ") {
      cut();
      i += 2;
      continue;
    }
    if (s.substr(i, 5) == " \xE2\x80\x93 " || s.substr(i, 5) == " \xE2\x80\x94 ") {
      cut();
      i += 4;
      continue;
    }
    if (c == '|') {
      cut();
      continue;
    }
    if (c == '\n') {
      if (continues_on_next_line(current)) {
        current += ' ';
      } else {
        cut();
      }
      continue;
    }
    if (c == '.' && (i + 1 == s.size() || s[i + 1] == ' ' || s[i + 1] == '\n') &&
        period_ends_sentence(current)) {
      cut();
      continue;
    }
    current += c;
  }
  cut();
  return out;
}

// "CVPR Dec. 7" -> "CVPR", "7th Dec" -> "": the date before a year is not its venue.
std::string strip_date_words(const std::string& text) {
  std::size_t end = text.size();
  while (end > 0) {
    std::size_t start = text.rfind(' ', end - 1);
    start = start == std::string::npos ? 0 : start + 1;
    if (!is_date_word(std::string_view(text).substr(start, end - start))) break;
    end = start > 0 ? start - 1 : 0;
  }
  return end == text.size() ? text : clean_part(std::string_view(text).substr(0, end));
}

std::vector<std::string> split_pieces(std::string_view sentence) {
  std::vector<std::string> out;
  std::string piece;
  for (char c : sentence) {
    if (c == ',' || c == ';') {
      out.push_back(trim(piece));
      piece.clear();
    } else {
      piece += c;
    }
  }
  out.push_back(trim(piece));
  return out;
}

std::string join(const std::vector<std::string>& pieces, std::size_t end) {
  std::string out;
  for (std::size_t k = 0; k < end && k < pieces.size(); ++k) {
    if (!out.empty()) out += ", ";
    out += pieces[k];
  }
  return out;
}

// "vol. 39", "no. 6", "pp. 1-9", "pages 770-778", "p. 12", "issue 3"; "1234", "770-778" and
// "9(1)" after a journal's name and volume.
bool is_volume_or_pages(std::string_view piece) {
  auto words = words_of(piece);
  if (words.empty()) return false;
  std::string first = bare_lower(words[0]);
  for (std::string_view marker : {"vol", "volume", "no", "issue", "pp", "p", "pages", "page"}) {
    if (first == marker) return true;
  }
  return strip_volume_words("x " + std::string(piece)) == "x";
}

// What a name-like text just before a year is, when no reading of a venue took it.
enum class NameBeforeYear { kName, kVenue, kUnsure };

// Lists write "Authors. Venue Year" and "Authors, Venue Year": a single word after names
// ("Ann Lee. TUGboat 2019", "Ann Lee, Bo Chen, Zeitschrift 2019", "Lee et al. TUGboat 2019")
// is their venue, as single-name authors are rare. A single word with no names before it
// ("Plato 2019") or after surnames only ("Lee, Chen, Brox 2015") is a name, but unsure. Words
// that read as a full name are a name: unsure in a sentence of their own after the authors'
// ("Ann Lee. Acta Numerica 2019"), sure after other names in their sentence ("Ann Lee, Bo
// Chen 2021") or when the authors are known from a line of their own. Initials and particles
// ("J. Lee 2019") make a name sure. text: the name-like words; prior: what precedes them in their
// sentence; names_before: the previous sentence is a list of names, or the authors are known
// (authors_known).
NameBeforeYear read_name_before_year(std::string_view text, const std::string& prior,
                                     bool names_before, bool authors_known) {
  if (!could_be_venue_name(text)) return NameBeforeYear::kName;
  bool one_word = words_of(text).size() == 1;
  if (!has_letter_or_digit(prior)) {
    if (one_word) return names_before ? NameBeforeYear::kVenue : NameBeforeYear::kUnsure;
    return names_before && !authors_known ? NameBeforeYear::kUnsure : NameBeforeYear::kName;
  }
  if (!one_word) return NameBeforeYear::kName;  // "Ann Lee, Bo Chen 2021": the last author
  return is_full_name_list(prior) ? NameBeforeYear::kVenue : NameBeforeYear::kUnsure;
}

// What one sentence says: its venue and year, and the names written before them in it.
struct VenueSentence {
  VenueYear venue_year;
  std::string names;
  std::string unsure;  // a name in names that may be the venue (NameBeforeYear::kUnsure)
};

// The sentence's year and the venue before it: "Alice Smith, Bob Jones, CVPR 2021",
// "MICCAI, 2015", "2024 MedIA", "Medical Image Analysis, 2021", "Ann Lee. TUGboat 2019" (see
// read_name_before_year for names_before and authors_known). Nothing when the year stands in
// prose ("from 2015 to 2020 and beyond") or after words that are neither a venue nor a name.
std::optional<VenueSentence> sentence_with_year(const std::string& sentence, bool loose,
                                                bool names_before, bool authors_known) {
  std::vector<std::string> pieces = split_pieces(sentence);
  for (std::size_t y = 0; y < pieces.size(); ++y) {
    auto span = find_year_span(pieces[y]);
    if (!span) continue;
    VenueSentence out;
    out.venue_year.year = span->year;
    std::string before =
        strip_date_words(clean_part(std::string_view(pieces[y]).substr(0, span->begin)));
    std::string after = clean_part(std::string_view(pieces[y]).substr(span->end));
    if (words_of(after).size() > kMaxWordsAfterYear) return std::nullopt;
    std::size_t names_end = y;
    std::string extra_name;
    auto name_before_year = [&](const std::string& name, std::size_t piece) {
      return read_name_before_year(name, join(pieces, piece), names_before, authors_known);
    };
    if (!before.empty()) {
      if (!take_venue(before, loose, &out.venue_year.venue, &extra_name)) {
        if (!is_author_name(before)) return std::nullopt;
        NameBeforeYear kind = name_before_year(before, y);
        if (kind == NameBeforeYear::kVenue) {
          out.venue_year.venue = before;
        } else {
          extra_name = before;  // "Alice Smith, Bob Jones 2021": no venue
          if (kind == NameBeforeYear::kUnsure) out.unsure = before;
        }
      }
    } else if (!after.empty() && is_venue_text(after, /*loose=*/false)) {
      out.venue_year.venue = after;
    } else {
      // "IEEE TMI, vol. 39, no. 6, 2020": the venue is before the volume and the pages.
      std::size_t k = y;
      while (k > 0 && is_volume_or_pages(pieces[k - 1])) --k;
      // "Scientific Reports 9, 1234, 2019": the journal before its volume.
      if (k > 0 && (take_venue(strip_volume_words(pieces[k - 1]), loose, &out.venue_year.venue,
                               &extra_name) ||
                    take_venue(pieces[k - 1], loose, &out.venue_year.venue, &extra_name))) {
        names_end = k - 1;
      } else if (k > 0 && is_author_name(pieces[k - 1])) {
        NameBeforeYear kind = name_before_year(pieces[k - 1], k - 1);
        if (kind == NameBeforeYear::kVenue) {
          out.venue_year.venue = pieces[k - 1];  // "Ann Lee. TUGboat, 2019"
          names_end = k - 1;
        } else if (kind == NameBeforeYear::kUnsure) {
          out.unsure = pieces[k - 1];
        }
      }
    }
    out.names = join(pieces, names_end);
    if (!extra_name.empty()) out.names += (out.names.empty() ? "" : ", ") + extra_name;
    return out;
  }
  return std::nullopt;
}

// A sentence without a year that ends with a known venue, "Alice Smith, Bob Jones, MICCAI", or
// cites a journal by its volume and pages, "Scientific Reports 9, 1234" (the year is a note:
// "(2019)"). A journal no list names is read only after names ("Ann Lee. CoRR abs/2101.01234"),
// by the strict reading. names_before: the previous sentence is a list of names.
std::optional<VenueSentence> sentence_with_known_venue(const std::string& sentence,
                                                       bool names_before) {
  std::vector<std::string> pieces = split_pieces(sentence);
  std::size_t at = pieces.size() - 1;
  while (at > 0 && is_volume_or_pages(pieces[at])) --at;
  std::string last = strip_venue_words(pieces[at]);
  if (!is_known_venue(last)) {
    std::string journal = strip_volume_words(last);
    bool cited = at + 1 < pieces.size() || journal != last;
    bool after_names = names_before || (at > 0 && is_name_list(join(pieces, at)));
    if (!cited ||
        !(is_known_venue(journal) || (after_names && is_venue_text(journal, /*loose=*/false)))) {
      return std::nullopt;
    }
    last = journal;
  }
  VenueSentence out;
  out.venue_year.venue = last;
  out.names = join(pieces, at);
  return out;
}

// "Ann Lee · Bo Chen · Radiology 2019": a middle dot between spaces separates like a comma.
std::string middle_dots_as_commas(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.substr(i, 4) == " \xC2\xB7 ") {
      out += ", ";
      i += 3;
    } else {
      out += text[i];
    }
  }
  return out;
}

// Takes the parenthesised notes that hold a year or a venue ("(MICCAI 2023)") out of text.
std::string take_notes(std::string_view text, std::vector<VenueYear>* notes) {
  std::string rest;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '(') {
      // Only short groups are notes; looking no further keeps "((((...)" linear.
      std::size_t close = text.substr(i, kMaxNoteBytes + 1).find(')');
      if (close != std::string_view::npos) {
        std::string inner(text.substr(i + 1, close - 1));
        auto span = find_year_span(inner);
        VenueYear vy = parse_venue_year(inner);
        if (span || is_known_venue(vy.venue)) {
          if (span) {
            // "(CVPR 2021, Oral)": the venue is what precedes the year.
            std::string before = clean_part(std::string_view(inner).substr(0, span->begin));
            vy.year = span->year;
            if (!before.empty()) vy.venue = strip_venue_words(before);
          }
          if (!is_known_venue(vy.venue) && is_author_name(vy.venue)) vy.venue.clear();
          notes->push_back(vy);
          rest += ' ';
          i += close;
          continue;
        }
      }
    }
    rest += text[i];
  }
  return rest;
}

}  // namespace

Byline read_byline(std::string_view text, bool authors_known, bool after_names) {
  Byline out;
  std::string rest =
      take_notes(middle_dots_as_commas(vancouver_as_venue_year(text)), &out.venue_years);
  std::vector<std::string> sentences;
  for (auto& s : split_sentences(rest)) {
    std::string part = clean_part(s);
    if (has_letter_or_digit(part)) sentences.push_back(std::move(part));
  }
  std::optional<VenueSentence> venue;
  std::size_t at = 0;
  for (; at < sentences.size() && !venue; ++at) {
    bool names_before = authors_known || (at == 0 ? after_names : is_name_list(sentences[at - 1]));
    venue = sentence_with_year(sentences[at], /*loose=*/at > 0 || authors_known, names_before,
                               authors_known);
  }
  for (std::size_t k = 0; k < sentences.size() && !venue; ++k) {
    bool names_before = authors_known || (k == 0 ? after_names : is_name_list(sentences[k - 1]));
    venue = sentence_with_known_venue(sentences[k], names_before);
    at = k + 1;
  }
  // The names are in the venue's sentence ("Authors, CVPR 2021") or the one before it; without
  // a venue, in the first sentence.
  std::vector<std::string> candidates;
  if (venue) {
    out.venue_years.push_back(venue->venue_year);
    // "Ann Lee. Acta Numerica 2019": the unsure words are kept after the names, not instead.
    if (venue->names == venue->unsure && !venue->unsure.empty() && at >= 2 &&
        is_name_list(sentences[at - 2])) {
      candidates.push_back(sentences[at - 2] + ", " + venue->names);
    }
    if (!venue->names.empty()) candidates.push_back(venue->names);
    if (at >= 2) candidates.push_back(sentences[at - 2]);
  } else if (!sentences.empty()) {
    candidates.push_back(sentences[0]);
  }
  bool beside_venue = !out.venue_years.empty();
  for (const auto& candidate : candidates) {
    std::string names = candidate;
    if (names.rfind("by ", 0) == 0 || names.rfind("By ", 0) == 0) names.erase(0, 3);
    std::vector<std::string> authors = split_authors(names);
    bool all_names = !authors.empty();
    for (const auto& a : authors) all_names = all_names && is_author_name(a);
    // Without a venue or a year beside it, one word is as likely a name as a label ("Tools").
    bool lone_word = authors.size() == 1 && words_of(authors[0]).size() == 1 &&
                     names.find(" et al") == std::string::npos;
    if (all_names && (beside_venue || !lone_word)) {
      drop_sentence_period(&authors);
      out.authors = std::move(authors);
      break;
    }
  }
  if (venue && !venue->unsure.empty() &&
      std::find(out.authors.begin(), out.authors.end(), venue->unsure) != out.authors.end()) {
    out.unsure_venue = VenueYear{venue->unsure, venue->venue_year.year};
  }
  return out;
}

}  // namespace paper
