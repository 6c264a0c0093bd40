// The write side of the index: the only file that includes Xapian for writing.
#include "indexer/index/index_writer.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>

#include "common/error.h"
#include "common/sha256.h"
#include "common/text.h"
#include "common/version.h"
#include "indexer/index/cached_stem.h"

namespace paper {

struct PreparedPaper::Parts {
  PaperId id;
  Xapian::Document doc;
  std::vector<std::string> pages;     // encoded page texts (schema::encode_page_text)
  std::vector<std::string> spelling;  // words for the spelling table, each once
  std::size_t text_bytes = 0;         // page text, for the commit batches
};

namespace {

namespace fs = std::filesystem;

constexpr const char* kCurrent = "current";
constexpr const char* kCurrentTmp = "current.tmp";
// Longest joined compound term; TermGenerator's own limit for words is 64 bytes.
constexpr std::size_t kMaxJoinedTermBytes = 64;
// A page longer than this is indexed positionally only up to here (the rest without positions),
// so its positions stay within its kPageStride range.
constexpr std::size_t kMaxPositionalPageBytes = 120000;
// Slots of each preparing thread's stem cache (64 bytes each: 1 MB). On 4.2 million words of the
// benchmark corpus, stemming took 0.185 s with it against 0.66 s without (4,096 slots: 0.22 s;
// 65,536: 0.17 s).
constexpr std::size_t kCachedStems = 16384;

std::string errno_text() { return std::strerror(errno); }

// "db-<N>" -> N, or 0 for other names.
int generation_of(const std::string& name) {
  if (name.rfind("db-", 0) != 0 || name.size() <= 3) return 0;
  if (name.find_first_not_of("0123456789", 3) != std::string::npos) return 0;
  try {
    return std::stoi(name.substr(3));
  } catch (...) {
    return 0;
  }
}

std::optional<std::string> live_generation_name(const fs::path& dir) {
  std::error_code ec;
  fs::path target = fs::read_symlink(dir / kCurrent, ec);
  if (ec) return std::nullopt;
  std::string name = target.filename().string();
  if (generation_of(name) == 0 || !fs::is_directory(dir / name, ec)) return std::nullopt;
  return name;
}

void fsync_dir(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

// Holds DIR/lock (flock) for the writer's lifetime; the pid inside names the holder.
class DirLock {
 public:
  explicit DirLock(const fs::path& dir) {
    std::string path = (dir / "lock").string();
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) {
      throw Error("cannot open " + path + ": " + errno_text() +
                  "; check that the index folder is writable");
    }
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      char buf[32] = {};
      ssize_t n = ::pread(fd_, buf, sizeof buf - 1, 0);
      std::string pid = n > 0 ? trim(std::string(buf, static_cast<std::size_t>(n))) : "";
      ::close(fd_);
      fd_ = -1;
      if (pid.empty()) pid = "?";
      throw Error("index is being updated by process " + pid +
                  "; wait for it to finish or stop it");
    }
    std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd_, 0) != 0 || ::pwrite(fd_, pid.data(), pid.size(), 0) < 0) {
      // The lock holds without the pid; a second writer then names process "?".
    }
  }
  ~DirLock() {
    if (fd_ >= 0) {
      if (::ftruncate(fd_, 0) != 0) {
      }
      ::close(fd_);
    }
  }
  DirLock(const DirLock&) = delete;
  DirLock& operator=(const DirLock&) = delete;

 private:
  int fd_ = -1;
};

std::string lower_utf8(const std::string& word) { return Xapian::Unicode::tolower(word); }

bool is_hyphen(unsigned cp) { return cp == '-' || cp == 0x2010 || cp == 0x2011; }

// Hyphenated compounds of one whitespace-free token, as their lower-cased parts
// ("U-Net," -> {"u", "net"}).
void compounds_of_token(std::string_view token, std::set<std::vector<std::string>>& out) {
  std::vector<std::string> parts;
  std::string word;
  bool after_hyphen = false;
  auto flush = [&]() {
    if (!word.empty()) parts.push_back(lower_utf8(word));
    word.clear();
    if (parts.size() >= 2 && parts.size() <= 5) out.insert(parts);
    parts.clear();
    after_hyphen = false;
  };
  for (Xapian::Utf8Iterator it(token.data(), token.size()); it != Xapian::Utf8Iterator(); ++it) {
    unsigned cp = *it;
    if (Xapian::Unicode::is_wordchar(cp)) {
      Xapian::Unicode::append_utf8(word, cp);
      after_hyphen = false;
    } else if (is_hyphen(cp) && !word.empty() && !after_hyphen) {
      parts.push_back(lower_utf8(word));
      word.clear();
      after_hyphen = true;
    } else {
      flush();
    }
  }
  flush();
}

// Hyphenated compounds in text. Only the tokens around a hyphen are looked at: scanning every
// character of every page with Unicode classes cost as much as indexing the text.
void find_compounds(std::string_view text, std::set<std::vector<std::string>>& out) {
  auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
  std::size_t pos = 0;
  std::size_t done = 0;  // tokens before this offset were handled
  while (pos < text.size()) {
    std::size_t hyphen = text.find_first_of("-\xe2", pos);
    if (hyphen == std::string_view::npos) break;
    pos = hyphen + 1;
    if (text[hyphen] != '-' &&
        !(text.substr(hyphen, 3) == "\xe2\x80\x90" || text.substr(hyphen, 3) == "\xe2\x80\x91")) {
      continue;
    }
    if (hyphen < done) continue;
    std::size_t begin = hyphen;
    while (begin > 0 && !is_space(text[begin - 1])) --begin;
    std::size_t end = hyphen;
    while (end < text.size() && !is_space(text[end])) ++end;
    compounds_of_token(text.substr(begin, end - begin), out);
    done = end;
    pos = end;
  }
}

// Positions of each of terms (sorted) in doc; absent terms are left out. One forward pass over
// the document's term list: a look-up per term (TermIterator::skip_to walks an in-memory document's
// terms one by one) cost a fifth of the writer's time on the benchmark corpus.
std::map<std::string, std::vector<Xapian::termpos>> positions_of(
    const Xapian::Document& doc, const std::set<std::string>& terms) {
  std::map<std::string, std::vector<Xapian::termpos>> out;
  Xapian::TermIterator t = doc.termlist_begin();
  const Xapian::TermIterator end = doc.termlist_end();
  for (const std::string& term : terms) {
    while (t != end && *t < term) ++t;
    if (t == end) break;
    if (*t != term) continue;
    auto& positions = out[term];
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) positions.push_back(*p);
  }
  return out;
}

// Adds the joined term of every compound whose parts occur at consecutive positions.
void add_joined_compounds(Xapian::Document& doc,
                          const std::set<std::vector<std::string>>& compounds,
                          const std::string& prefix, const Xapian::Stem& stem,
                          std::vector<std::string>& spelling) {
  const std::string term_prefix = schema::kStemPrefix + prefix;
  std::set<std::string> part_terms;
  for (const auto& parts : compounds) {
    for (const auto& p : parts) part_terms.insert(term_prefix + stem(p));
  }
  const auto positions = positions_of(doc, part_terms);
  static const std::vector<Xapian::termpos> kNone;
  for (const auto& parts : compounds) {
    std::string joined;
    for (const auto& p : parts) joined += p;
    if (joined.size() > kMaxJoinedTermBytes) continue;
    std::vector<const std::vector<Xapian::termpos>*> pos;
    bool all = true;
    for (const auto& p : parts) {
      auto it = positions.find(term_prefix + stem(p));
      pos.push_back(it == positions.end() ? &kNone : &it->second);
      if (pos.back()->empty()) {
        all = false;
        break;
      }
    }
    if (!all) continue;
    bool added = false;
    for (Xapian::termpos start : *pos[0]) {
      bool match = true;
      for (std::size_t i = 1; i < parts.size() && match; ++i) {
        match = std::binary_search(pos[i]->begin(), pos[i]->end(), start + i);
      }
      if (!match) continue;
      doc.add_posting(term_prefix + stem(joined), start);
      added = true;
    }
    if (added) spelling.push_back(joined);
  }
}

// The words of text that have accents, without them ("Jörg Müller" -> "jorg muller"), indexed
// without positions: a name typed without its accents finds the paper too. For the metadata
// fields; titles and pages keep the positions (add_unaccented_at_positions).
void add_unaccented(Xapian::TermGenerator& generator, const std::string& text, unsigned wdf,
                    const std::string& prefix) {
  if (is_ascii(text)) return;
  std::string folded;
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.find(' ', begin);
    if (end == std::string::npos) end = text.size();
    const std::string_view word(text.data() + begin, end - begin);
    if (!is_ascii(word)) {
      const std::string plain = normalize_for_match(word);
      if (!plain.empty() && plain != Xapian::Unicode::tolower(std::string(word))) {
        folded += plain + " ";
      }
    }
    begin = end + 1;
  }
  if (!folded.empty()) generator.index_text_without_positions(folded, wdf, prefix);
}

// The words of text that have accents, each once: (lower-case word as the index has it, the
// same without accents: "Crème" -> "crème", "creme"; "d’après" -> "d'après", "d'apres", as
// Xapian keeps an apostrophe between letters in the word and writes it '). A page without a
// letter that can lose an accent costs one scan.
// Calls word(begin, end, accented) for each word of text, in order, and other(begin, end) for
// each character between words: words as Xapian's tokenizer has them for these purposes (word
// characters, an apostrophe between two of them inside the word: "d’après"); accented: the word
// has a character beyond ASCII.
template <typename Word, typename Other>
void for_each_text_word(std::string_view text, Word&& word, Other&& other) {
  // The byte length of the character at i, and whether it is a word character.
  auto char_at = [&](std::size_t i, bool& is_word) -> std::size_t {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      is_word = std::isalnum(c) || c == '_';
      return 1;
    }
    std::uint32_t cp = 0;
    const std::size_t length = decode_utf8(text, i, cp);
    is_word = length > 0 && Xapian::Unicode::is_wordchar(cp);
    return std::max<std::size_t>(length, 1);
  };
  std::size_t begin = std::string_view::npos;
  bool accented = false;
  std::size_t i = 0;
  while (i < text.size()) {
    bool is_word = false;
    const std::size_t n = char_at(i, is_word);
    if (is_word) {
      if (begin == std::string_view::npos) begin = i;
      accented = accented || n > 1;
      i += n;
      continue;
    }
    const bool quote =
        text[i] == '\'' || text.compare(i, 3, "\u2019") == 0 || text.compare(i, 3, "\u201B") == 0;
    bool next_word = false;
    if (quote && begin != std::string_view::npos && i + n < text.size()) char_at(i + n, next_word);
    if (!next_word) {
      if (begin != std::string_view::npos) word(begin, i, accented);
      begin = std::string_view::npos;
      accented = false;
      other(i, i + n);
    }
    i += n;
  }
  if (begin != std::string_view::npos) word(begin, text.size(), accented);
}

// A word lower-cased as the index has it: Xapian writes a typographic apostrophe as '.
std::string index_lower(std::string_view word) {
  return ascii_apostrophes(Xapian::Unicode::tolower(std::string(word)));
}

void collect_accented(std::string_view text, std::set<std::pair<std::string, std::string>>& out) {
  if (!may_lose_accents(text)) return;
  for_each_text_word(
      text,
      [&](std::size_t begin, std::size_t end, bool accented) {
        if (!accented) return;
        std::string lower = index_lower(text.substr(begin, end - begin));
        std::string plain = fold_word(lower);
        if (!plain.empty() && plain != lower) out.emplace(std::move(lower), std::move(plain));
      },
      [](std::size_t, std::size_t) {});
}

// The words of texts that have accents, also indexed without them ("Müller" as "muller" too) at
// the positions in [from, to) that the accented word has under each prefix: typed plainly, a
// word is found, in a phrase or on its page too. Each added position counts wdf.
void add_unaccented_at_positions(Xapian::Document& doc, const std::vector<std::string_view>& texts,
                                 const std::vector<std::string>& prefixes, const Xapian::Stem& stem,
                                 Xapian::termcount wdf, Xapian::termpos from, Xapian::termpos to) {
  std::set<std::pair<std::string, std::string>> words;
  for (std::string_view text : texts) collect_accented(text, words);
  if (words.empty()) return;
  for (const std::string& prefix : prefixes) {
    const std::string z = schema::kStemPrefix + prefix;
    std::set<std::string> accented;
    for (const auto& w : words) accented.insert(z + stem(w.first));
    const auto positions = positions_of(doc, accented);
    for (const auto& [lower, plain] : words) {
      const std::string plain_term = z + stem(plain);
      auto it = positions.find(z + stem(lower));
      if (it == positions.end() || it->first == plain_term) continue;
      for (Xapian::termpos pos : it->second) {
        if (pos >= from && pos < to) doc.add_posting(plain_term, pos, wdf);
      }
    }
  }
}

// The text with each word that has accents written without them (fold_word: "Müller" as
// "muller", "d’après" as "d'apres"), all else kept: Xapian's tokenizer finds the same words in
// it, in the same order. Empty when no word changed.
std::string folded_copy(std::string_view text) {
  std::string out;
  bool changed = false;
  for_each_text_word(
      text,
      [&](std::size_t begin, std::size_t end, bool accented) {
        const std::string_view word = text.substr(begin, end - begin);
        const std::string plain = accented ? fold_word(index_lower(word)) : "";
        changed = changed || !plain.empty();
        out.append(plain.empty() ? word : std::string_view(plain));
      },
      [&](std::size_t begin, std::size_t end) { out.append(text.substr(begin, end - begin)); });
  return changed ? out : std::string();
}

// Each page word that has accents, also indexed without them at its own position: its page text
// with those words folded (folded_copy) is indexed again into a scratch document, from the same
// position, and each accent-free term goes where the scratch document has it and the paper does
// not. (At the position of the accented term alone, "réalisé" and "réalisée", one stem, would
// each get the other's plain stem too.) A page whose copy does not give the same number of
// positions, or too long for positions, falls back to add_unaccented_at_positions.
class PageFolder {
 public:
  explicit PageFolder(const Xapian::Stem& stem) : stem_(stem) {
    generator_.set_stemmer(stem);
    generator_.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
    generator_.set_document(scratch_);
  }

  // One page, indexed in the paper from page_base to end (exclusive): body [0, refs_at), then
  // references.
  void add_page(std::string_view text, std::size_t refs_at, Xapian::termpos page_base,
                Xapian::termpos end) {
    if (!may_lose_accents(text)) return;
    if (text.size() > kMaxPositionalPageBytes) {
      fallback_.push_back({text, page_base});
      return;
    }
    const std::string body = folded_copy(text.substr(0, refs_at));
    const std::string refs = folded_copy(text.substr(refs_at));
    if (body.empty() && refs.empty()) return;
    generator_.set_termpos(page_base);
    generator_.index_text(body.empty() ? std::string(text.substr(0, refs_at)) : body);
    generator_.index_text(refs.empty() ? std::string(text.substr(refs_at)) : refs, 1,
                          schema::kPrefixReferences);
    if (generator_.get_termpos() != end) {
      fallback_.push_back({text, page_base});
      return;
    }
    std::set<std::pair<std::string, std::string>> words;
    collect_accented(text, words);
    for (const auto& w : words) {
      for (const char* prefix : {"", schema::kPrefixReferences}) {
        plain_terms_.insert(std::string(schema::kStemPrefix) + prefix + stem_(w.second));
      }
    }
  }

  // Adds the accent-free terms to doc.
  void finish(Xapian::Document& doc) {
    if (!plain_terms_.empty()) {
      const auto wanted = positions_of(scratch_, plain_terms_);
      const auto present = positions_of(doc, plain_terms_);
      static const std::vector<Xapian::termpos> kNone;
      for (const auto& [term, positions] : wanted) {
        auto it = present.find(term);
        const auto& have = it == present.end() ? kNone : it->second;
        for (Xapian::termpos pos : positions) {
          if (schema::page_of_position(pos) >= 1 &&
              !std::binary_search(have.begin(), have.end(), pos)) {
            doc.add_posting(term, pos);
          }
        }
      }
    }
    for (const auto& [text, base] : fallback_) {
      add_unaccented_at_positions(doc, {text}, {"", schema::kPrefixReferences}, stem_, 1, base,
                                  base + schema::kPageStride);
    }
  }

 private:
  const Xapian::Stem& stem_;
  Xapian::TermGenerator generator_;
  Xapian::Document scratch_;
  std::set<std::string> plain_terms_;
  std::vector<std::pair<std::string_view, Xapian::termpos>> fallback_;
};

std::string read_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    // A folder opens, and reads as empty: every synonym would be dropped.
    throw Error("the synonym file " + path + " is a folder; give the file, e.g. --synonyms " +
                path + "/synonyms.txt");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error("cannot read the synonym file " + path +
                "; check the path or remove it from the options");
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Groups of normalised members, one per line of a synonym file.
std::vector<std::vector<std::string>> parse_synonyms(const std::string& text) {
  std::vector<std::vector<std::string>> groups;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    auto hash = line.find('#');
    if (hash != std::string::npos) line.erase(hash);
    auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    std::vector<std::string> members;
    auto add = [&](std::string_view m) {
      std::string n = normalize_for_match(m);
      if (!n.empty() && std::find(members.begin(), members.end(), n) == members.end()) {
        members.push_back(n);
      }
    };
    add(std::string_view(line).substr(0, eq));
    std::string rest = line.substr(eq + 1);
    std::size_t start = 0;
    while (start <= rest.size()) {
      auto comma = rest.find(',', start);
      if (comma == std::string::npos) comma = rest.size();
      add(std::string_view(rest).substr(start, comma - start));
      start = comma + 1;
    }
    if (members.size() >= 2) groups.push_back(std::move(members));
  }
  return groups;
}

// Indexes one page at page_base (N * kPageStride): text[0, refs_at) as body (no prefix), the rest
// as references, chunk by chunk (schema::page_chunk_offsets, positions running on across
// chunks), and returns where each chunk starts, for schema::encode_page_text. Words past
// kMaxPositionalPageBytes are indexed without positions.
std::vector<schema::PageChunkStart> index_page(Xapian::TermGenerator& generator,
                                               std::string_view text, std::size_t refs_at,
                                               Xapian::termpos page_base) {
  generator.set_termpos(page_base);
  std::size_t positional_end = text.size();
  if (text.size() > kMaxPositionalPageBytes) {
    positional_end = std::min(text.size(), text.find_first_of(" \n\t", kMaxPositionalPageBytes));
  }
  const std::vector<std::size_t> offsets = schema::page_chunk_offsets(text);
  std::vector<schema::PageChunkStart> chunks;
  for (std::size_t c = 0; c < offsets.size(); ++c) {
    chunks.push_back({offsets[c], generator.get_termpos() + 1 - page_base});
    const std::size_t end = c + 1 < offsets.size() ? offsets[c + 1] : text.size();
    // The chunk's pieces: cut where the references and the positional part end.
    for (std::size_t at = offsets[c]; at < end;) {
      std::size_t to = end;
      if (at < refs_at) to = std::min(to, refs_at);
      if (at < positional_end) to = std::min(to, positional_end);
      const std::string_view piece = text.substr(at, to - at);
      const std::string prefix = at < refs_at ? "" : schema::kPrefixReferences;
      if (at < positional_end) {
        generator.index_text(Xapian::Utf8Iterator(piece.data(), piece.size()), 1, prefix);
      } else {
        generator.index_text_without_positions(Xapian::Utf8Iterator(piece.data(), piece.size()), 1,
                                               prefix);
      }
      at = to;
    }
  }
  return chunks;
}

// How often each word (letters only, 3 to 24 bytes, lower-cased) occurs in the texts: the
// source of the spelling table, which holds surface words where the index holds stems.
std::unordered_map<std::string, unsigned> word_counts(const std::vector<std::string_view>& texts) {
  std::unordered_map<std::string, unsigned> counts;
  std::string word;
  bool letters = true;
  auto flush = [&] {
    if (letters && word.size() >= 3 && word.size() <= 24) ++counts[word];
    word.clear();
    letters = true;
  };
  for (std::string_view text : texts) {
    std::size_t i = 0;
    while (i < text.size()) {
      const auto c = static_cast<unsigned char>(text[i]);
      if (c < 0x80) {
        ++i;
        if (c >= 'a' && c <= 'z') {
          word += static_cast<char>(c);
        } else if (c >= 'A' && c <= 'Z') {
          word += static_cast<char>(c - 'A' + 'a');
        } else if ((c >= '0' && c <= '9') || c == '_') {
          word += static_cast<char>(c);
          letters = false;
        } else {
          flush();
        }
        continue;
      }
      std::uint32_t cp = 0;
      const std::size_t length = decode_utf8(text, i, cp);
      i += std::max<std::size_t>(length, 1);
      if (length == 0 || !Xapian::Unicode::is_wordchar(cp)) {
        flush();
        continue;
      }
      cp = Xapian::Unicode::tolower(cp);
      const auto category = Xapian::Unicode::get_category(cp);
      if (category != Xapian::Unicode::LOWERCASE_LETTER &&
          category != Xapian::Unicode::OTHER_LETTER) {
        letters = false;
      }
      append_utf8(word, cp);
    }
    flush();
  }
  return counts;
}

PreparedPaper::Parts build_parts(const schema::StoredPaper& s, const std::string& hash,
                                 const std::string& file_stamp) {
  // One generator and stemmer per thread: documents are built on any thread.
  thread_local Xapian::Stem stem = make_cached_stem("english", kCachedStems);
  thread_local Xapian::TermGenerator generator = [] {
    Xapian::TermGenerator g;
    g.set_stemmer(stem);
    g.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
    return g;
  }();
  const Paper& p = s.paper;
  PreparedPaper::Parts parts;
  parts.id = p.id;
  Xapian::Document& doc = parts.doc;
  generator.set_document(doc);
  doc.add_boolean_term(schema::kPrefixId + p.id);

  // Page 0: the title (S-prefixed and an unprefixed copy, same positions), then the other
  // metadata fields, each after a gap so phrases do not run across fields.
  generator.set_termpos(0);
  generator.index_text(p.title, schema::kTitleWdf, schema::kPrefixTitle);
  generator.set_termpos(0);
  generator.index_text(p.title, schema::kTitleWdf);
  add_unaccented_at_positions(doc, {p.title}, {schema::kPrefixTitle, ""}, stem, schema::kTitleWdf,
                              0, schema::kPageStride);
  // A metadata field's words (after a gap), the same without their accents, and its exact
  // filter term.
  auto add_field = [&](const std::string& value, const char* text_prefix,
                       const char* filter_prefix) {
    generator.increase_termpos(10);
    generator.index_text(value, 1, text_prefix);
    add_unaccented(generator, value, 1, text_prefix);
    std::string f = schema::filter_value(value);
    if (!f.empty()) doc.add_boolean_term(filter_prefix + f);
  };
  for (const std::string& author : p.authors) {
    add_field(author, schema::kPrefixAuthor, schema::kPrefixAuthorFilter);
  }
  if (!p.venue.empty()) {
    add_field(p.venue, schema::kPrefixVenue, schema::kPrefixVenueFilter);
    doc.add_value(schema::kSlotVenue, p.venue);
  }
  if (!p.section.empty()) {
    add_field(p.section, schema::kPrefixSection, schema::kPrefixSectionFilter);
    doc.add_value(schema::kSlotSection, p.section);
  }
  if (p.year && *p.year > 0 && *p.year < 10000) {
    char y[8];
    std::snprintf(y, sizeof y, "%04d", *p.year);
    doc.add_boolean_term(std::string(schema::kPrefixYearFilter) + y);
    doc.add_value(schema::kSlotYear, Xapian::sortable_serialise(*p.year));
  }
  if (!s.abstract.empty()) {
    generator.index_text_without_positions(s.abstract, schema::kAbstractWdf,
                                           schema::kPrefixAbstract);
  }
  for (const std::string& list : s.lists) {
    doc.add_boolean_term(schema::kPrefixListFilter + list);
  }
  doc.add_boolean_term(std::string(schema::kPrefixStateFilter) + schema::to_string(s.state));

  // Pages: body unprefixed, the references section (from its heading on) XR-prefixed. Body
  // words go to the spelling table below, filtered.
  std::set<std::vector<std::string>> body_compounds;
  std::vector<std::string_view> bodies;
  PageFolder folder(stem);
  std::vector<std::vector<schema::PageChunkStart>> chunks;  // per page
  for (std::size_t i = 0; i < s.pages.size(); ++i) {
    const int page = static_cast<int>(i) + 1;
    std::string_view text = s.pages[i];
    std::string_view body = text;  // the rest of the page is references
    if (s.references_page > 0 && page > s.references_page) {
      body = {};
    } else if (s.references_page > 0 && page == s.references_page) {
      body = text.substr(0, std::min(s.references_offset, text.size()));
    }
    const auto page_base = static_cast<Xapian::termpos>(page) * schema::kPageStride;
    chunks.push_back(index_page(generator, text, body.size(), page_base));
    folder.add_page(text, body.size(), page_base, generator.get_termpos());
    if (!body.empty()) {
      find_compounds(body, body_compounds);
      bodies.push_back(body);
    }
  }
  folder.finish(doc);
  // Spelling: the title's words, the words the body uses at least twice (every token of every
  // page, code and hapax junk included, would make the spelling table the largest of the
  // index), and the joined compounds.
  for (const auto& [word, n] : word_counts({p.title})) parts.spelling.push_back(word);
  for (const auto& [word, n] : word_counts(bodies)) {
    if (n >= 2) parts.spelling.push_back(word);
  }
  std::set<std::vector<std::string>> title_compounds;
  find_compounds(p.title, title_compounds);
  add_joined_compounds(doc, title_compounds, schema::kPrefixTitle, stem, parts.spelling);
  body_compounds.insert(title_compounds.begin(), title_compounds.end());
  add_joined_compounds(doc, body_compounds, "", stem, parts.spelling);

  doc.add_value(schema::kSlotEntryHash, hash);
  if (!s.pdf_sha256.empty()) doc.add_value(schema::kSlotContentHash, s.pdf_sha256);
  doc.add_value(schema::kSlotState, schema::to_string(s.state));
  doc.add_value(schema::kSlotPageCount, Xapian::sortable_serialise(s.page_count));
  if (!file_stamp.empty()) doc.add_value(schema::kSlotFileStamp, file_stamp);
  doc.set_data(schema::encode_document_data(s));
  for (std::size_t i = 0; i < s.pages.size(); ++i) {
    parts.pages.push_back(schema::encode_page_text(s.pages[i], chunks[i]));
    parts.text_bytes += s.pages[i].size();
  }
  // The generator keeps a handle on the document, whose reference count is not atomic: let go
  // of it here, before the document moves to the writer's thread.
  generator.set_document(Xapian::Document());
  return parts;
}

class XapianIndexWriter : public IndexWriter {
 public:
  explicit XapianIndexWriter(const IndexOptions& options)
      : options_(options), dir_(options.dir), lock_(make_dir(dir_)) {
    std::optional<std::string> live = live_generation_name(dir_);
    int max_generation = 0;
    for (const auto& entry : fs::directory_iterator(dir_)) {
      max_generation = std::max(max_generation, generation_of(entry.path().filename().string()));
    }

    bool new_generation = options.rebuild || !live;
    if (live && !new_generation) {
      try {
        Xapian::Database existing((dir_ / *live).string());
        if (existing.get_metadata(schema::kMetaSchemaVersion) !=
            std::to_string(schema::kSchemaVersion)) {
          new_generation = true;  // another schema: every document must be written again
        }
      } catch (const Xapian::Error&) {
        new_generation = true;
      }
    }
    // A rebuild that a run left unfinished (stopped, killed) is resumed by the next rebuild: what
    // it committed is kept, like any committed work.
    std::optional<std::string> resume;
    const std::string rebuild_of = live ? *live + "\t" + kVersion : "";
    if (new_generation && live) resume = unfinished_rebuild(generation_of(*live), rebuild_of);

    // Other generations than the live one (and the one resumed) are left-overs: an older one
    // replaced by a rebuild (readers had a whole run to move on), an unfinished rebuild that a
    // run which does not rebuild gives up, or an unfinished compaction.
    for (const auto& entry : fs::directory_iterator(dir_)) {
      std::string name = entry.path().filename().string();
      if (generation_of(name) != 0 && name != live && name != resume) {
        std::error_code ec;
        fs::remove_all(entry.path(), ec);
      }
    }
    std::error_code ec;
    fs::remove(dir_ / kCurrentTmp, ec);

    try {
      new_generation_ = new_generation;
      if (resume) {
        generation_ = *resume;
        db_ = Xapian::WritableDatabase((dir_ / generation_).string(),
                                       Xapian::DB_OPEN | Xapian::DB_BACKEND_GLASS);
        resumed_ = (dir_ / generation_).string();
        swap_at_finish_ = true;
      } else if (new_generation) {
        generation_ = "db-" + std::to_string(max_generation + 1);
        db_ = Xapian::WritableDatabase((dir_ / generation_).string(),
                                       Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
        db_.set_metadata(schema::kMetaSchemaVersion, std::to_string(schema::kSchemaVersion));
        if (live) db_.set_metadata(schema::kMetaRebuildOf, rebuild_of);
        db_.commit();
        if (live) {
          swap_at_finish_ = true;
        } else {
          swap_symlink();  // first build: each committed batch is searchable at once
        }
      } else {
        generation_ = *live;
        db_ = Xapian::WritableDatabase((dir_ / generation_).string(),
                                       Xapian::DB_OPEN | Xapian::DB_BACKEND_GLASS);
      }
    } catch (const Xapian::DatabaseLockError&) {
      throw Error("index " + options.dir +
                  " is being updated by another process; wait for it to finish or stop it");
    } catch (const Xapian::Error& e) {
      throw Error("cannot open the index database in " + options.dir + ": " + e.get_msg() +
                  "; run `paper-index build --rebuild` to build it again");
    }
    load_synonyms();
    read_spelling_journal();
  }

  std::optional<IndexedVersion> version(const PaperId& id) override {
    auto doc = document(id);
    if (!doc) return std::nullopt;
    return version_of(*doc);
  }

  std::optional<schema::StoredPaper> stored(const PaperId& id) override {
    return stored_first_pages(id, std::numeric_limits<int>::max());
  }

  std::optional<schema::StoredPaper> stored_first_pages(const PaperId& id, int max_pages) override {
    auto doc = document(id);
    if (!doc) return std::nullopt;
    schema::StoredPaper s = schema::decode_document_data(doc->get_data());
    for (int page = 1; page <= s.stored_pages && page <= max_pages; ++page) {
      s.pages.push_back(
          schema::decode_page_text(db_.get_metadata(schema::page_metadata_key(id, page))));
    }
    return s;
  }

  std::map<PaperId, IndexedVersion> all_versions() override {
    // Value streams and postlists only: loading each document's termlist would cost a read of
    // every term of every paper, and this runs on every (no-change) build.
    std::map<Xapian::docid, IndexedVersion> by_doc;
    std::map<Xapian::docid, PaperId> ids;
    const std::string q = schema::kPrefixId;
    for (auto t = db_.allterms_begin(q); t != db_.allterms_end(q); ++t) {
      auto p = db_.postlist_begin(*t);
      if (p == db_.postlist_end(*t)) continue;
      ids.emplace(*p, (*t).substr(q.size()));
      by_doc[*p].state = schema::PaperState::kMetadataOnly;
    }
    auto stream = [&](unsigned slot, auto set) {
      for (auto v = db_.valuestream_begin(slot); v != db_.valuestream_end(slot); ++v) {
        auto it = by_doc.find(v.get_docid());
        if (it != by_doc.end()) set(it->second, *v);
      }
    };
    stream(schema::kSlotEntryHash,
           [](IndexedVersion& v, const std::string& s) { v.entry_hash = s; });
    stream(schema::kSlotContentHash,
           [](IndexedVersion& v, const std::string& s) { v.content_hash = s; });
    stream(schema::kSlotState, [](IndexedVersion& v, const std::string& s) {
      v.state = s == "text" ? schema::PaperState::kText : schema::PaperState::kMetadataOnly;
    });
    stream(schema::kSlotFileStamp,
           [](IndexedVersion& v, const std::string& s) { v.file_stamp = s; });
    const std::string l = schema::kPrefixListFilter;
    for (auto t = db_.allterms_begin(l); t != db_.allterms_end(l); ++t) {
      std::string list = (*t).substr(l.size());
      for (auto p = db_.postlist_begin(*t); p != db_.postlist_end(*t); ++p) {
        auto it = by_doc.find(*p);
        if (it != by_doc.end()) it->second.lists.push_back(list);
      }
    }
    std::map<PaperId, IndexedVersion> out;
    for (auto& [docid, v] : by_doc) out.emplace(ids[docid], std::move(v));
    return out;
  }

  void put(const schema::StoredPaper& stored, const std::string& hash) override {
    put(stored, hash, "");
  }

  void put(const schema::StoredPaper& stored, const std::string& hash,
           const std::string& file_stamp) override {
    put(prepare_paper(stored, hash, file_stamp));
  }

  void put(PreparedPaper prepared) override {
    PreparedPaper::Parts& parts = *prepared.parts;
    // The page entries go first: Xapian commits by itself once enough documents changed (right
    // after a replace_document), and such a commit must not hold the document without its pages.
    const int old_pages = stored_pages_of(parts.id);
    const int new_pages = static_cast<int>(parts.pages.size());
    for (int page = 1; page <= std::max(old_pages, new_pages); ++page) {
      const std::string empty;
      const std::string& value = page <= new_pages ? parts.pages[page - 1] : empty;
      // An empty value deletes the key: a stale page of the old version, or an empty page.
      if (!value.empty() || page <= old_pages) {
        db_.set_metadata(schema::page_metadata_key(parts.id, page), value);
      }
    }
    db_.replace_document(schema::kPrefixId + parts.id, parts.doc);
    for (const std::string& word : parts.spelling) ++batch_spelling_[word];
    ++uncommitted_;
    uncommitted_bytes_ += parts.text_bytes;
    // Xapian buffers a batch's postings in memory: bound it by text size as well as by count.
    if (uncommitted_ >= std::max<std::size_t>(1, options_.batch_size) ||
        (options_.batch_bytes > 0 && uncommitted_bytes_ >= options_.batch_bytes)) {
      commit();
    }
  }

  bool set_file_stamp(const PaperId& id, const std::string& file_stamp) override {
    std::string term = schema::kPrefixId + id;
    auto p = db_.postlist_begin(term);
    if (p == db_.postlist_end(term)) return false;
    Xapian::docid docid = *p;
    Xapian::Document doc = db_.get_document(docid);
    doc.add_value(schema::kSlotFileStamp, file_stamp);
    db_.replace_document(docid, doc);
    ++uncommitted_;
    if (uncommitted_ >= std::max<std::size_t>(1, options_.batch_size)) commit();
    return true;
  }

  bool remove(const PaperId& id) override {
    std::string term = schema::kPrefixId + id;
    if (db_.postlist_begin(term) == db_.postlist_end(term)) return false;
    const int old_pages = stored_pages_of(id);
    for (int page = 1; page <= old_pages; ++page) {
      db_.set_metadata(schema::page_metadata_key(id, page), "");
    }
    db_.delete_document(term);
    ++uncommitted_;
    return true;
  }

  std::size_t remove_except(const std::set<PaperId>& keep) override {
    std::vector<PaperId> gone;
    for (const auto& [id, v] : all_versions()) {
      if (!keep.count(id)) gone.push_back(id);
    }
    for (const auto& id : gone) remove(id);
    return gone.size();
  }

  std::size_t uncommitted() const override { return uncommitted_; }

  // Xapian commits what was put when the database is closed without commit() (after a failure
  // elsewhere in the run): the batch's spelling words must be journaled in that commit too.
  ~XapianIndexWriter() override {
    try {
      journal_batch_spelling();
    } catch (...) {
      // Nothing to report to: the words of this last batch miss the spelling table.
    }
  }

  void commit() override { commit_batch(/*add_spelling=*/false); }

  void finish() override {
    commit_batch(/*add_spelling=*/true);
    // A rebuild's generation was never live: once compacted, no reader can have it open.
    std::string never_live_uncompacted;
    if (new_generation_ && db_.get_doccount() > 0) {
      // A generation written from scratch is compacted once (Xapian::Database::compact into the
      // next generation), which makes it about a third smaller; the uncompacted one stays until
      // the next writer, for readers that opened it meanwhile.
      new_generation_ = false;
      int next = generation_of(generation_) + 1;
      std::string compacted = "db-" + std::to_string(next);
      std::error_code ec;
      fs::remove_all(dir_ / compacted, ec);
      try {
        Xapian::Database((dir_ / generation_).string())
            .compact((dir_ / compacted).string(),
                     Xapian::DBCOMPACT_NO_RENUMBER | Xapian::Compactor::FULL);
        if (swap_at_finish_) never_live_uncompacted = generation_;
        generation_ = compacted;
        swap_at_finish_ = true;
      } catch (const Xapian::Error&) {
        fs::remove_all(dir_ / compacted, ec);  // the uncompacted generation is as good
      }
    }
    if (swap_at_finish_) {
      swap_symlink();
      swap_at_finish_ = false;
    }
    if (!never_live_uncompacted.empty()) {
      db_.close();
      db_ = Xapian::WritableDatabase((dir_ / generation_).string(),
                                     Xapian::DB_OPEN | Xapian::DB_BACKEND_GLASS);
      std::error_code ec;
      fs::remove_all(dir_ / never_live_uncompacted, ec);
    }
  }

  bool building_new_generation() const override { return swap_at_finish_; }

  std::string resumed_rebuild() const override { return resumed_; }

  std::size_t document_count() override { return db_.get_doccount(); }
  std::size_t live_document_count() override {
    if (swap_at_finish_) {
      if (auto live = live_generation_name(dir_); live && *live != generation_) {
        try {
          return Xapian::Database((dir_ / *live).string()).get_doccount();
        } catch (const Xapian::Error&) {
          // Not readable: the count of what this run wrote is the best said.
        }
      }
    }
    return db_.get_doccount();
  }

 private:
  // Commits the batch. Its spelling words are journaled with it, or, with add_spelling or too
  // many words pending, every pending word goes to the spelling table (once, with the number of
  // papers using it) and the journal is emptied, in the same commit. Writing the spelling table
  // per batch was 40% of the writer's time (bench/results/index.md).
  void commit_batch(bool add_spelling) {
    for (const auto& [word, papers] : batch_spelling_) pending_spelling_[word] += papers;
    if (add_spelling || pending_spelling_.size() >= options_.max_pending_spelling_words) {
      for (const auto& [word, papers] : pending_spelling_) db_.add_spelling(word, papers);
      std::vector<std::string> journal;
      const std::string prefix = schema::kMetaSpellingPendingPrefix;
      for (auto k = db_.metadata_keys_begin(prefix); k != db_.metadata_keys_end(prefix); ++k) {
        journal.push_back(*k);
      }
      for (const std::string& key : journal) db_.set_metadata(key, "");
      pending_spelling_.clear();
      journal_next_ = 1;
      batch_spelling_.clear();
    } else {
      journal_batch_spelling();
    }
    db_.commit();
    uncommitted_ = 0;
    uncommitted_bytes_ = 0;
  }

  // Writes the batch's spelling words as the next journal entry (to be committed with the batch).
  void journal_batch_spelling() {
    if (batch_spelling_.empty()) return;
    std::string entry;
    for (const auto& [word, papers] : batch_spelling_) {
      entry += word + '\t' + std::to_string(papers) + '\n';
    }
    char sequence[16];
    std::snprintf(sequence, sizeof sequence, "%08u", journal_next_++);
    db_.set_metadata(schema::kMetaSpellingPendingPrefix + std::string(sequence), entry);
    batch_spelling_.clear();
  }

  // Takes back the spelling words a previous writer journaled but did not add (it was stopped).
  void read_spelling_journal() {
    const std::string prefix = schema::kMetaSpellingPendingPrefix;
    for (auto k = db_.metadata_keys_begin(prefix); k != db_.metadata_keys_end(prefix); ++k) {
      const std::string entry = db_.get_metadata(*k);
      std::size_t at = 0;
      while (at < entry.size()) {
        std::size_t end = entry.find('\n', at);
        if (end == std::string::npos) end = entry.size();
        const std::string_view line(entry.data() + at, end - at);
        const std::size_t tab = line.find('\t');
        const std::string count(tab == std::string_view::npos ? "" : line.substr(tab + 1));
        if (tab > 0 && !count.empty() && count.size() <= 9 &&
            count.find_first_not_of("0123456789") == std::string::npos) {
          pending_spelling_[std::string(line.substr(0, tab))] +=
              static_cast<Xapian::termcount>(std::stoul(count));
        }
        at = end + 1;
      }
      const unsigned long sequence = std::strtoul((*k).c_str() + prefix.size(), nullptr, 10);
      journal_next_ = std::max(journal_next_, static_cast<unsigned>(sequence) + 1);
    }
  }

  static fs::path make_dir(const fs::path& dir) {
    std::error_code ec;
    // A folder of other things is not taken for one: the index's files would be mixed with
    // them (and a later clean-up of generations could touch them).
    if (fs::is_directory(dir, ec)) {
      bool index_file = false, other = false;
      for (const auto& e : fs::directory_iterator(dir, ec)) {
        const std::string name = e.path().filename().string();
        const bool ours = name.rfind("current", 0) == 0 || name == "lock" || name == "cache" ||
                          name.rfind("state.sqlite", 0) == 0 || name.rfind("db-", 0) == 0 ||
                          name.rfind(".current", 0) == 0 || name == "iamglass";
        (ours ? index_file : other) = true;
      }
      if (other && !index_file) {
        throw Error("the folder " + dir.string() +
                    " is not an index and is not empty; give --db a new or empty folder, or "
                    "the folder of an index");
      }
    }
    fs::create_directories(dir, ec);
    if (ec || !fs::is_directory(dir)) {
      throw Error("cannot create the index folder " + dir.string() + ": " + ec.message() +
                  "; choose another place with --db");
    }
    return dir;
  }

  void swap_symlink() {
    fs::path tmp = dir_ / kCurrentTmp;
    std::error_code ec;
    fs::remove(tmp, ec);
    if (::symlink(generation_.c_str(), tmp.c_str()) != 0 ||
        ::rename(tmp.c_str(), (dir_ / kCurrent).c_str()) != 0) {
      throw Error("cannot switch " + (dir_ / kCurrent).string() + " to " + generation_ + ": " +
                  errno_text() + "; check that the index folder is writable");
    }
    fsync_dir(dir_);
  }

  std::optional<Xapian::Document> document(const PaperId& id) {
    std::string term = schema::kPrefixId + id;
    auto p = db_.postlist_begin(term);
    if (p == db_.postlist_end(term)) return std::nullopt;
    return db_.get_document(*p);
  }

  // Number of page entries of the indexed paper (0 when it is not indexed).
  int stored_pages_of(const PaperId& id) {
    auto doc = document(id);
    return doc ? schema::decode_document_data(doc->get_data()).stored_pages : 0;
  }

  static IndexedVersion version_of(const Xapian::Document& doc) {
    IndexedVersion v;
    v.entry_hash = doc.get_value(schema::kSlotEntryHash);
    v.content_hash = doc.get_value(schema::kSlotContentHash);
    v.state = doc.get_value(schema::kSlotState) == "text" ? schema::PaperState::kText
                                                          : schema::PaperState::kMetadataOnly;
    v.file_stamp = doc.get_value(schema::kSlotFileStamp);
    const std::string l = schema::kPrefixListFilter;
    Xapian::TermIterator t = doc.termlist_begin();
    for (t.skip_to(l); t != doc.termlist_end() && (*t).rfind(l, 0) == 0; ++t) {
      v.lists.push_back((*t).substr(l.size()));
    }
    return v;
  }

  void load_synonyms() {
    if (options_.synonyms_path.empty()) return;
    std::string text = read_file(options_.synonyms_path);
    std::string hash = sha256_hex(text);
    if (db_.get_metadata(schema::kMetaSynonymsHash) == hash) return;
    std::vector<std::string> keys;
    for (auto k = db_.synonym_keys_begin(); k != db_.synonym_keys_end(); ++k) keys.push_back(*k);
    for (const auto& k : keys) db_.clear_synonyms(k);
    for (const auto& group : parse_synonyms(text)) {
      for (const auto& a : group) {
        for (const auto& b : group) {
          if (a != b) db_.add_synonym(a, b);
        }
      }
    }
    db_.set_metadata(schema::kMetaSynonymsHash, hash);
    db_.commit();
  }

  // The newest generation above the live one (number live_number) that a rebuild of the live one
  // wrote (kMetaRebuildOf == rebuild_of: same live generation, same version), in this schema,
  // holding papers, and sound by Xapian's consistency check: a rebuild some run left unfinished,
  // or finished but did not swap in. Others (an interrupted compaction, a first build's copy
  // made for compaction, a damaged database) are passed over, and discarded with the other
  // left-overs.
  std::optional<std::string> unfinished_rebuild(int live_number,
                                                const std::string& rebuild_of) const {
    std::vector<std::pair<int, std::string>> newer;
    for (const auto& entry : fs::directory_iterator(dir_)) {
      std::string name = entry.path().filename().string();
      if (generation_of(name) > live_number) newer.emplace_back(generation_of(name), name);
    }
    std::sort(newer.rbegin(), newer.rend());
    for (const auto& [number, name] : newer) {
      const std::string path = (dir_ / name).string();
      try {
        Xapian::Database db(path);
        if (db.get_metadata(schema::kMetaSchemaVersion) != std::to_string(schema::kSchemaVersion) ||
            db.get_metadata(schema::kMetaRebuildOf) != rebuild_of || db.get_doccount() == 0) {
          continue;
        }
        db.close();
        // Reads every block: proportional to what the unfinished rebuild wrote, once per resume.
        if (Xapian::Database::check(path, 0, nullptr) == 0) return name;
      } catch (const Xapian::Error&) {
        // Not a usable database.
      }
    }
    return std::nullopt;
  }

  IndexOptions options_;
  fs::path dir_;
  DirLock lock_;
  std::string generation_;
  std::string resumed_;  // path of the unfinished rebuild this writer resumed, or ""
  bool swap_at_finish_ = false;
  bool new_generation_ = false;  // written from scratch in this run: compacted at finish()
  Xapian::WritableDatabase db_;
  std::size_t uncommitted_ = 0;
  std::size_t uncommitted_bytes_ = 0;  // page text put since the last commit
  // Words for the spelling table -> papers using them: of this batch, and of the batches
  // committed since the spelling table was last written (journaled; see commit_batch).
  std::unordered_map<std::string, Xapian::termcount> batch_spelling_;
  std::unordered_map<std::string, Xapian::termcount> pending_spelling_;
  unsigned journal_next_ = 1;  // sequence number of the next journal entry
};

}  // namespace

PreparedPaper::PreparedPaper() = default;
PreparedPaper::~PreparedPaper() = default;
PreparedPaper::PreparedPaper(PreparedPaper&&) noexcept = default;
PreparedPaper& PreparedPaper::operator=(PreparedPaper&&) noexcept = default;

PreparedPaper prepare_paper(const schema::StoredPaper& stored, const std::string& entry_hash,
                            const std::string& file_stamp) {
  PreparedPaper prepared;
  prepared.parts =
      std::make_unique<PreparedPaper::Parts>(build_parts(stored, entry_hash, file_stamp));
  return prepared;
}

std::string entry_hash(const Paper& paper, const std::vector<std::string>& lists) {
  // Unit separators keep field boundaries unambiguous.
  std::string s;
  auto field = [&s](std::string_view v) {
    s.append(v);
    s += '\x1f';
  };
  field(paper.id);
  field(paper.title);
  for (const auto& a : paper.authors) field(a);
  s += '\x1e';
  field(paper.venue);
  field(paper.year ? std::to_string(*paper.year) : "");
  field(paper.section);
  for (const auto& l : paper.links) {
    field(l.label);
    field(l.url);
    field(l.suspect ? "suspect" : "");
  }
  s += '\x1e';
  for (const auto& l : lists) field(l);
  s += '\x1e';
  field(std::to_string(schema::kSchemaVersion));
  return sha256_hex(s);
}

std::optional<std::string> live_database_path(const std::string& dir) {
  auto name = live_generation_name(dir);
  if (!name) return std::nullopt;
  return (fs::path(dir) / *name).string();
}

std::unique_ptr<IndexWriter> IndexWriter::open(const IndexOptions& options) {
  return std::make_unique<XapianIndexWriter>(options);
}

}  // namespace paper
