#include "indexer/index/unaccented_terms.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>

#include "common/schema.h"
#include "common/text.h"
#include "indexer/index/document_parts.h"

namespace paper::index_detail {
namespace {

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

// The words of text that have accents, each once: (lower-case word as the index has it, the
// same without accents: "Crème" -> "crème", "creme"; "d’après" -> "d'après", "d'apres", as
// Xapian keeps an apostrophe between letters in the word and writes it '). A page without a
// letter that can lose an accent costs one scan.
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

}  // namespace

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

PageFolder::PageFolder(const Xapian::Stem& stem) : stem_(stem) {
  generator_.set_stemmer(stem);
  generator_.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
  generator_.set_document(scratch_);
}

void PageFolder::add_page(std::string_view text, PageReferences refs, Xapian::termpos page_base,
                          Xapian::termpos end) {
  if (!may_lose_accents(text)) return;
  if (text.size() > kMaxPositionalPageBytes) {
    fallback_.push_back({text, page_base});
    return;
  }
  // Body, references, body: indexed as the paper indexes them, so the positions match.
  const std::string_view parts[] = {text.substr(0, refs.begin),
                                    text.substr(refs.begin, refs.end - refs.begin),
                                    text.substr(refs.end)};
  std::string folded[3];
  bool changed = false;
  for (int i = 0; i < 3; ++i) {
    folded[i] = folded_copy(parts[i]);
    changed = changed || !folded[i].empty();
  }
  if (!changed) return;
  generator_.set_termpos(page_base);
  for (int i = 0; i < 3; ++i) {
    generator_.index_text(folded[i].empty() ? std::string(parts[i]) : folded[i], 1,
                          i == 1 ? schema::kPrefixReferences : "");
  }
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

void PageFolder::finish(Xapian::Document& doc) {
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

}  // namespace paper::index_detail
