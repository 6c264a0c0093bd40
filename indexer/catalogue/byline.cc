#include "indexer/catalogue/byline.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>

#include "common/text.h"
#include "indexer/catalogue/inline_markdown.h"

namespace paper {
namespace {

// Longest "(MICCAI 2023)" note read from free text; keeps "((((...)" lines linear.
constexpr std::size_t kMaxNoteBytes = 200;
constexpr std::size_t kMaxNameWords = 6;
constexpr std::size_t kMaxVenueWords = 12;
// "CVPR 2021 Oral" is a venue sentence; "data from 2015 to 2020 and beyond" is prose.
constexpr std::size_t kMaxWordsAfterYear = 3;

// clang-format off
// Words of venue names; a name holding one is not a person's.
constexpr auto kVenueWords = std::to_array<std::string_view>({
    "journal", "journals", "transactions", "trans", "proceedings", "proc", "conference", "conf",
    "workshop", "workshops", "symposium", "letters", "review", "reviews", "reports", "report",
    "science", "sciences", "scientific", "nature", "medical", "medicine", "imaging", "image",
    "images", "analysis", "vision", "computer", "computing", "computational", "intelligence",
    "learning", "machine", "neural", "networks", "network", "information", "processing",
    "recognition", "pattern", "systems", "research", "international", "annual", "meeting",
    "society", "communications", "physics", "engineering", "biomedical", "bioinformatics",
    "health", "healthcare", "informatics", "radiology", "methods", "access", "advances",
    "applications", "applied", "technology", "frontiers", "annals", "arxiv", "preprint", "biorxiv",
    "medrxiv", "springer", "elsevier", "neurocomputing", "graphics", "computerized", "signal",
    "robotics", "multimedia", "mining", "knowledge", "artificial", "biology", "clinical",
    "surgery", "oncology", "neuroimage", "neuroscience", "cell", "lancet", "plos", "findings",
    "challenge", "track", "european", "asian", "american", "ieee", "acm", "intl"});

// Words of prose, labels and function words: not part of a person's name.
constexpr auto kNonNameWords = std::to_array<std::string_view>({
    "the", "of", "on", "in", "for", "with", "via", "using", "and", "or", "to", "from", "by", "is",
    "are", "as", "at", "we", "our", "this", "that", "towards", "toward", "through", "new", "novel",
    "oral", "spotlight", "poster", "highlight", "paper", "papers", "award", "code",
    "official", "implementation", "project", "github", "pytorch", "tensorflow", "dataset",
    "datasets", "benchmark", "survey", "tutorial", "open", "source", "available", "model",
    "models", "segmentation", "deep", "accepted", "submitted", "under", "et", "framework",
    "library", "toolkit", "toolbox", "tool", "tools", "software", "package", "platform", "method",
    "approach", "architecture", "system", "introduction", "overview"});

// Lower-case words inside names: "van der Waals", "de la Cruz", "bin Salman".
constexpr auto kParticles = std::to_array<std::string_view>(
    {"van", "von", "der", "den", "de",  "del", "della", "di",  "da", "dos",
     "das", "du",  "le",  "la",  "ten", "ter", "bin",   "ibn", "y",  "zu"});

// Lower-case words inside venue names: "Journal of ...", "Advances in ...".
constexpr auto kVenueConnectors = std::to_array<std::string_view>(
    {"of", "on", "and", "for", "in", "the", "&", "de", "und", "preprint", "at"});

// Abbreviations whose period does not end a sentence: "IEEE Trans. Med. Imaging".
constexpr auto kAbbreviations = std::to_array<std::string_view>(
    {"proc", "trans", "int",     "intl", "conf", "symp", "vol",  "no",     "pp",
     "jr",   "sr",    "dr",      "vs",   "med",  "sci",  "eng",  "comput", "res",
     "appl", "anal",  "biomed",  "inf",  "lett", "rev",  "phys", "mach",   "intell",
     "tech", "syst",  "process", "adv",  "eur",  "ann",  "assoc"});
// clang-format on

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_letter(char c) { return is_upper(c) || is_lower(c); }
bool is_alnum(char c) { return is_letter(c) || is_digit(c); }

template <std::size_t N>
bool listed(const std::array<std::string_view, N>& list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

// Lower-cased ASCII, without the punctuation that ends or opens a word ("Trans." -> "trans").
std::string bare_lower(std::string_view word) {
  std::string out;
  for (char c : word) {
    if (c == '.' || c == ',' || c == ':' || c == ';' || c == '(' || c == ')') continue;
    out += is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

std::vector<std::string_view> words_of(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\n')) ++i;
    std::size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\n') ++i;
    if (i > start) out.push_back(text.substr(start, i - start));
  }
  return out;
}

bool has_letter_or_digit(std::string_view s) { return !normalize_for_match(s).empty(); }

// Letters of names beyond ASCII: Latin-1 and Latin Extended, Greek, Cyrillic, kana, CJK, Hangul.
bool is_name_letter(std::uint32_t cp) {
  return (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) || (cp >= 0x370 && cp <= 0x52F) ||
         (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
         (cp >= 0xAC00 && cp <= 0xD7AF);
}

// Acronyms and mixed-case venue names: "CVPR", "MedIA", "NeurIPS", "arXiv", "bioRxiv", "3DV".
bool is_acronym(std::string_view word) {
  int upper = 0, lower = 0;
  for (char c : word) {
    upper += is_upper(c) ? 1 : 0;
    lower += is_lower(c) ? 1 : 0;
  }
  if (upper >= 2 && upper >= lower) return true;
  return !word.empty() && is_lower(word[0]) && upper >= 1;
}

enum class NameWord { kSurname, kInitial, kParticle, kNot };

NameWord classify_name_word(std::string_view word) {
  std::string lower = bare_lower(word);
  if (listed(kParticles, lower)) return NameWord::kParticle;
  if (listed(kNonNameWords, lower) || listed(kVenueWords, lower)) return NameWord::kNot;
  int letters = 0, upper = 0, lower_count = 0;
  bool first_capital = false, first_seen = false, apostrophe_after_first = false;
  for (std::size_t i = 0; i < word.size();) {
    std::uint32_t cp = 0;
    std::size_t len = decode_utf8(word, i, cp);
    if (len == 0) return NameWord::kNot;
    bool letter = false;
    if (cp < 0x80) {
      char c = static_cast<char>(cp);
      if (is_letter(c)) {
        letter = true;
        upper += is_upper(c) ? 1 : 0;
        lower_count += is_lower(c) ? 1 : 0;
        if (!first_seen) first_capital = is_upper(c);
      } else if (c == '\'') {
        apostrophe_after_first = apostrophe_after_first || letters == 1;
      } else if (c != '-' && c != '.') {
        return NameWord::kNot;
      }
    } else if (cp == 0x2019) {  // ’ as in O’Neil
      apostrophe_after_first = apostrophe_after_first || letters == 1;
    } else if (is_name_letter(cp)) {
      letter = true;
      if (!first_seen) first_capital = true;  // "Álvarez", "Øksendal"; no case test beyond ASCII
    } else {
      return NameWord::kNot;
    }
    if (letter) {
      ++letters;
      first_seen = true;
    }
    i += len;
  }
  if (letters == 0) return NameWord::kNot;
  // "J.", "J.-P.", "JY", "É."; not "张三" (a whole name in two characters).
  bool ascii_or_dotted = upper == letters || word.find('.') != std::string_view::npos;
  if (letters <= 2 && lower_count == 0 && ascii_or_dotted) return NameWord::kInitial;
  if (upper >= 3 && upper >= lower_count) return NameWord::kNot;  // "CVPR", "MedIA"
  if (!first_capital && !apostrophe_after_first) return NameWord::kNot;
  return NameWord::kSurname;
}

// Whether text reads as a venue's name. Strict: a known venue, or its first word is an acronym or
// a venue word ("IEEE ...", "Medical Image Analysis"). Loose: any capitalised words that are not
// a person's name ("Computerized Medical Imaging and Graphics"). Either way every word is
// capitalised, an acronym or a connector ("of", "and").
bool is_venue_text(std::string_view text, bool loose) {
  if (is_known_venue(text)) return true;
  auto words = words_of(text);
  if (words.empty() || words.size() > kMaxVenueWords) return false;
  for (auto w : words) {
    std::string lower = bare_lower(w);
    if (lower.empty() || listed(kVenueConnectors, lower)) continue;
    unsigned char first = static_cast<unsigned char>(w[0]);
    if (!(is_upper(w[0]) || is_digit(w[0]) || first >= 0x80 || is_acronym(w))) return false;
  }
  std::string first = bare_lower(words[0]);
  if (is_acronym(words[0]) || listed(kVenueWords, first)) return true;
  return loose && !is_author_name(text);
}

// "In CVPR", "In: Proc. MICCAI", "arXiv preprint arXiv:2012.01234" -> "CVPR", "MICCAI",
// "arXiv".
std::string strip_venue_words(std::string_view text) {
  std::string t = trim(text);
  for (std::string_view in : {"In: ", "in: ", "In ", "in "}) {
    if (t.rfind(in, 0) == 0) {
      t = trim(t.substr(in.size()));
      break;
    }
  }
  for (std::string_view proc : {"Proc. ", "Proc "}) {
    if (t.rfind(proc, 0) == 0) t = trim(t.substr(proc.size()));
  }
  if (bare_lower(t.substr(0, 5)) == "arxiv" && (t.size() == 5 || !is_alnum(t[5]))) {
    return t.substr(0, 5);
  }
  for (std::string_view suffix : {" preprint", " Preprint"}) {
    if (t.size() > suffix.size() &&
        t.compare(t.size() - suffix.size(), suffix.size(), suffix) == 0) {
      t.resize(t.size() - suffix.size());
    }
  }
  return t;
}

// "Kaiming He CVPR" -> venue "CVPR", names "Kaiming He": the longest known venue (up to 4
// words) that ends the text, after at least one other word. False when none.
bool split_known_venue_suffix(std::string_view text, std::string* venue, std::string* names) {
  auto words = words_of(text);
  std::size_t first = words.size() > 4 ? words.size() - 4 : 1;
  for (std::size_t k = std::max<std::size_t>(first, 1); k < words.size(); ++k) {
    std::string_view suffix = text.substr(static_cast<std::size_t>(words[k].data() - text.data()));
    if (is_known_venue(suffix)) {
      *venue = std::string(suffix);
      *names = trim(text.substr(0, static_cast<std::size_t>(words[k].data() - text.data())));
      return true;
    }
  }
  return false;
}

// Reads text in a venue's place: sets *venue, and *names when the text began with a name
// ("Xiangyu Zhang CVPR"). False when the text is not confidently a venue.
bool take_venue(std::string_view text, bool loose, std::string* venue, std::string* names) {
  std::string t = strip_venue_words(text);
  if (!has_letter_or_digit(t)) return false;
  if (is_venue_text(t, /*loose=*/false)) {
    *venue = t;
    return true;
  }
  std::string suffix, leading;
  if (split_known_venue_suffix(t, &suffix, &leading)) {
    *venue = suffix;
    if (is_author_name(leading)) *names = leading;
    return true;
  }
  if (loose && is_venue_text(t, /*loose=*/true)) {
    *venue = t;
    return true;
  }
  return false;
}

struct YearSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
  int year = 0;
};

// The first year in text: a standalone 1900..2099 ("CVPR 2021", "2021."), glued to an acronym
// ("CVPR2021"), or 'YY after a word ("CVPR'21"). Not part of a longer number or an identifier
// ("arXiv:2012.01234", "v2021").
std::optional<YearSpan> find_year_span(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    std::size_t quote = s[i] == '\'' ? 1 : s.substr(i, 3) == "\xE2\x80\x99" ? 3 : 0;
    if (quote > 0 && i > 0 && is_letter(s[i - 1])) {
      std::size_t j = i + quote;
      if (j + 2 <= s.size() && is_digit(s[j]) && is_digit(s[j + 1]) &&
          (j + 2 == s.size() || !is_alnum(s[j + 2]))) {
        if (auto year = parse_venue_year(s.substr(i, j + 2 - i)).year) {
          return YearSpan{i, j + 2, *year};
        }
      }
    }
    if (i + 4 > s.size()) continue;
    if (!(s[i] == '1' && s[i + 1] == '9') && !(s[i] == '2' && s[i + 1] == '0')) continue;
    if (!is_digit(s[i + 2]) || !is_digit(s[i + 3])) continue;
    if (i + 4 < s.size()) {
      char next = s[i + 4];
      if (is_alnum(next)) continue;
      if (next == '.' && i + 5 < s.size() && is_digit(s[i + 5])) continue;
    }
    if (i > 0) {
      char prev = s[i - 1];
      if (is_digit(prev) || prev == '.' || prev == '/' || prev == ':') continue;
      if (is_letter(prev)) {
        std::size_t k = i;
        while (k > 0 && is_letter(s[k - 1])) --k;
        bool acronym = i - k >= 2;
        for (std::size_t m = k; m < i; ++m) acronym = acronym && is_upper(s[m]);
        if (!acronym) continue;
      }
    }
    return YearSpan{i, i + 4, std::stoi(std::string(s.substr(i, 4)))};
  }
  return std::nullopt;
}

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
  return !listed(kAbbreviations, bare_lower(text.substr(i)));
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

// "vol. 39", "no. 6", "pp. 1-9", "pages 770-778", "p. 12", "issue 3".
bool is_volume_or_pages(std::string_view piece) {
  auto words = words_of(piece);
  if (words.empty()) return false;
  std::string first = bare_lower(words[0]);
  for (std::string_view marker : {"vol", "volume", "no", "issue", "pp", "p", "pages", "page"}) {
    if (first == marker) return true;
  }
  return false;
}

// Whether text is a list of people's names, in any style ("Ann Lee, Bo Chen", "Lee, Chen",
// "by Ann Lee", "Lee et al.").
bool is_name_list(std::string_view text) {
  if (text.substr(0, 3) == "by " || text.substr(0, 3) == "By ") text.remove_prefix(3);
  std::vector<std::string> names = split_authors(text);
  bool all = !names.empty();
  for (const auto& name : names) all = all && is_author_name(name);
  return all;
}

// Whether a list of names is closed for a lone word after it: "et al." ends it, or a name of two
// words or more shows that the list gives full names ("Ann Lee, Bo Chen, TUGboat 2019"), which
// a lone word is not. After surnames only ("Lee, Chen, Brox 2015") a lone word is one more.
bool is_full_name_list(std::string_view text) {
  if (!is_name_list(text)) return false;
  if (text.find(" et al") != std::string_view::npos) return true;
  for (const auto& name : split_authors(text)) {
    if (words_of(name).size() >= 2) return true;
  }
  return false;
}

// Whether words that read as a person's name could be a venue's as well: no initial and no
// particle ("Plato", "TUGboat", "Acta Numerica"; not "J. Lee", "van Gogh").
bool could_be_venue_name(std::string_view text) {
  for (auto w : words_of(text)) {
    NameWord kind = classify_name_word(w);
    if (kind == NameWord::kInitial || kind == NameWord::kParticle) return false;
  }
  return true;
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
      if (k > 0 && take_venue(pieces[k - 1], loose, &out.venue_year.venue, &extra_name)) {
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

// A sentence without a year that ends with a known venue: "Alice Smith, Bob Jones, MICCAI".
std::optional<VenueSentence> sentence_with_known_venue(const std::string& sentence) {
  std::vector<std::string> pieces = split_pieces(sentence);
  std::string last = strip_venue_words(pieces.back());
  if (!is_known_venue(last)) return std::nullopt;
  VenueSentence out;
  out.venue_year.venue = last;
  out.names = join(pieces, pieces.size() - 1);
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

bool is_author_name(std::string_view name) {
  auto words = words_of(name);
  if (words.empty() || words.size() > kMaxNameWords) return false;
  bool surname = false;
  for (auto w : words) {
    NameWord kind = classify_name_word(w);
    if (kind == NameWord::kNot) return false;
    surname = surname || kind == NameWord::kSurname;
  }
  return surname && !is_known_venue(name);
}

bool reads_as_names(const std::string& text) {
  std::vector<std::string> names = split_authors(text);
  bool all = !names.empty();
  for (const auto& name : names) all = all && is_author_name(name);
  return all && (names.size() >= 2 || text.find(" et al") != std::string::npos);
}

bool reads_as_author_list(std::string_view text) {
  std::vector<std::string> names = split_authors(text);
  if (names.empty()) return false;
  for (const auto& name : names) {
    if (is_known_venue(name)) return false;
    for (char c : name) {
      if (is_digit(c)) return false;
    }
    for (auto w : words_of(name)) {
      if (listed(kVenueWords, bare_lower(w))) return false;
    }
  }
  return true;
}

Byline read_byline(std::string_view text, bool authors_known, bool after_names) {
  Byline out;
  std::string rest = take_notes(text, &out.venue_years);
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
    venue = sentence_with_known_venue(sentences[k]);
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
