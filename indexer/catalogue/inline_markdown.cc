#include "indexer/catalogue/inline_markdown.h"

#include <cctype>
#include <cstdint>
#include <optional>
#include <string>

#include "common/text.h"

namespace paper {
namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);
constexpr int kMaxDepth = 6;

bool is_ascii_punct(char c) { return std::ispunct(static_cast<unsigned char>(c)) != 0; }
bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }

// For each opening bracket, the index of its matching closer (kNone when unmatched), computed
// with one stack pass; backslash-escaped brackets do not count.
std::vector<std::size_t> match_pairs(std::string_view s, char open, char close) {
  std::vector<std::size_t> match(s.size(), kNone);
  std::vector<std::size_t> stack;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
      continue;
    }
    if (s[i] == open) {
      stack.push_back(i);
    } else if (s[i] == close && !stack.empty()) {
      match[stack.back()] = i;
      stack.pop_back();
    }
  }
  return match;
}

// Decodes an HTML entity starting at s[i] == '&'; returns its length (0 if none) and appends
// the character.
std::size_t decode_entity(std::string_view s, std::size_t i, std::size_t end, std::string& out) {
  std::size_t semi = kNone;
  for (std::size_t k = i + 1; k < end && k < i + 10; ++k) {
    if (s[k] == ';') {
      semi = k;
      break;
    }
  }
  if (semi == kNone) return 0;
  std::string_view name = s.substr(i + 1, semi - i - 1);
  if (name == "amp") {
    out += '&';
  } else if (name == "lt") {
    out += '<';
  } else if (name == "gt") {
    out += '>';
  } else if (name == "quot") {
    out += '"';
  } else if (name == "apos") {
    out += '\'';
  } else if (name == "nbsp") {
    out += ' ';
  } else if (name.size() >= 2 && name[0] == '#') {
    std::uint32_t cp = 0;
    bool hex = name[1] == 'x' || name[1] == 'X';
    std::size_t start = hex ? 2 : 1;
    if (start >= name.size()) return 0;
    for (std::size_t k = start; k < name.size(); ++k) {
      char c = name[k];
      int digit;
      if (c >= '0' && c <= '9') {
        digit = c - '0';
      } else if (hex && std::isxdigit(static_cast<unsigned char>(c))) {
        digit = std::tolower(static_cast<unsigned char>(c)) - 'a' + 10;
      } else {
        return 0;
      }
      cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(digit);
      if (cp > 0x10FFFF) return 0;
    }
    if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    append_utf8(out, cp);
  } else {
    return 0;
  }
  return semi - i + 1;
}

class Tokenizer {
 public:
  Tokenizer(std::string_view s, const LinkReferences* references)
      : s_(s),
        references_(references != nullptr && !references->empty() ? references : nullptr),
        square_(match_pairs(s, '[', ']')),
        round_(match_pairs(s, '(', ')')),
        underscore_closer_(underscore_closers(s)) {}

  std::vector<InlineToken> run() {
    scan(0, s_.size(), false, false, 0);
    flush();
    return std::move(tokens_);
  }

 private:
  void flush() {
    if (text_.empty()) return;
    InlineToken t;
    t.text = std::move(text_);
    t.bold = text_bold_;
    t.italic = text_italic_;
    tokens_.push_back(std::move(t));
    text_.clear();
  }

  void add_text(std::string_view piece, bool bold, bool italic) {
    if (piece.empty()) return;
    if (!text_.empty() && (bold != text_bold_ || italic != text_italic_)) flush();
    text_bold_ = bold;
    text_italic_ = italic;
    text_.append(piece);
  }

  void add_token(InlineToken::Kind kind, std::string text, std::string url, bool bold,
                 bool italic) {
    flush();
    InlineToken t;
    t.kind = kind;
    t.text = std::move(text);
    t.url = std::move(url);
    t.bold = bold;
    t.italic = italic;
    tokens_.push_back(std::move(t));
  }

  // Index of the next occurrence of delim at or after from, before end; kNone otherwise.
  std::size_t find(std::string_view delim, std::size_t from, std::size_t end) const {
    if (from >= end) return kNone;
    auto pos = s_.substr(0, end).find(delim, from);
    return pos == std::string_view::npos ? kNone : pos;
  }

  void scan(std::size_t begin, std::size_t end, bool bold, bool italic, int depth) {
    std::size_t i = begin;
    while (i < end) {
      char c = s_[i];
      if (depth >= kMaxDepth) {
        add_text(s_.substr(i, end - i), bold, italic);
        return;
      }
      if (c == '\\') {
        // "\*" is a literal '*'; a '\' ending the line is a hard break; any other '\' is text.
        if (i + 1 < end && is_ascii_punct(s_[i + 1])) {
          add_text(s_.substr(i + 1, 1), bold, italic);
          i += 2;
        } else {
          if (i + 1 < end) add_text("\\", bold, italic);
          ++i;
        }
        continue;
      }
      if (c == '!' && i + 1 < end && s_[i + 1] == '[') {
        std::size_t j = square_[i + 1];
        if (j != kNone && j < end && j + 1 < end && s_[j + 1] == '(' && round_[j + 1] != kNone &&
            round_[j + 1] < end) {
          i = round_[j + 1] + 1;  // an image: neither title nor link
          continue;
        }
      }
      if (c == '[') {
        std::size_t j = square_[i];
        if (j != kNone && j < end) {
          if (j + 1 < end && s_[j + 1] == '(' && round_[j + 1] != kNone && round_[j + 1] < end) {
            std::size_t k = round_[j + 1];
            std::string label = plain(i + 1, j, depth + 1);
            std::string url = link_destination(j + 2, k);
            add_token(InlineToken::Kind::kLink, std::move(label), std::move(url), bold, italic);
            i = k + 1;
            continue;
          }
          if (references_ != nullptr) {
            // "[text][label]" and "[label][]" (full and collapsed), or "[label]" (shortcut).
            std::size_t after = j;
            const std::string* url = nullptr;
            if (j + 1 < end && s_[j + 1] == '[' && square_[j + 1] != kNone &&
                square_[j + 1] < end) {
              std::size_t k = square_[j + 1];
              url = k == j + 2 ? reference(i + 1, j) : reference(j + 2, k);
              after = k;
            } else {
              url = reference(i + 1, j);
            }
            if (url != nullptr) {
              std::string label = plain(i + 1, j, depth + 1);
              add_token(InlineToken::Kind::kLink, std::move(label), *url, bold, italic);
              i = after + 1;
              continue;
            }
          }
          // A bracket group: either it wraps links ("[[Paper](url)]") or it is a tag, or with a
          // "[label]" right after it a reference whose label has no definition.
          std::size_t before = tokens_.size();
          flush();
          before = tokens_.size();
          scan(i + 1, j, bold, italic, depth + 1);
          flush();
          bool has_link = false;
          for (std::size_t t = before; t < tokens_.size(); ++t) {
            // "[[Paper][r9]]" wraps a (broken) link as "[[Paper](url)]" does.
            has_link = has_link || tokens_[t].kind == InlineToken::Kind::kLink ||
                       tokens_[t].kind == InlineToken::Kind::kUndefinedReference;
          }
          if (!has_link) {
            std::string tag;
            for (std::size_t t = before; t < tokens_.size(); ++t) tag += tokens_[t].text;
            tokens_.resize(before);
            std::size_t label_end = undefined_label_end(i, j, end);
            if (label_end != kNone) {
              std::size_t from = label_end == j + 2 ? i + 1 : j + 2;
              std::string label =
                  collapse_space(s_.substr(from, (label_end == j + 2 ? j : label_end) - from));
              add_token(InlineToken::Kind::kUndefinedReference, collapse_space(tag),
                        std::move(label), bold, italic);
              i = label_end + 1;
              continue;
            }
            add_token(InlineToken::Kind::kTag, collapse_space(tag), "", bold, italic);
          }
          i = j + 1;
          continue;
        }
      }
      if (c == '*' || (c == '_' && (i == begin || !is_alnum(s_[i - 1])))) {
        // Only the first three delimiter characters matter; counting a whole run of '*' at every
        // step would make a line of stars quadratic.
        std::size_t run = 1;
        while (run < 3 && i + run < end && s_[i + run] == c) ++run;
        if (run == 3) {
          // "***Title***": bold and italic. Without a closing run, "**" opens and the third
          // character is read inside.
          std::size_t close = find_triple(c, i + 3, end);
          if (close != kNone) {
            scan(i + 3, close, true, true, depth + 1);
            i = close + 3;
            continue;
          }
          run = 2;
        }
        if (run == 2) {
          std::string delim(2, c);
          std::size_t close = find(delim, i + 2, end);
          if (close != kNone) {
            scan(i + 2, close, true, italic, depth + 1);
            i = close + 2;
            continue;
          }
        } else if (c == '*') {
          std::size_t close = find("*", i + 1, end);
          if (close != kNone) {
            scan(i + 1, close, bold, true, depth + 1);
            i = close + 1;
            continue;
          }
        } else if (i + 1 < end && !is_space(s_[i + 1])) {
          // "_text_" is italic only at word boundaries (CommonMark): "snake_case_names" is text.
          std::size_t close = underscore_closer_[i + 1];
          if (close != kNone && close < end) {
            scan(i + 1, close, bold, true, depth + 1);
            i = close + 1;
            continue;
          }
        }
        // An unmatched delimiter is just a character.
        add_text(s_.substr(i, run), bold, italic);
        i += run;
        continue;
      }
      if (c == '`') {
        std::size_t close = find("`", i + 1, end);
        if (close != kNone) {
          add_text(s_.substr(i + 1, close - i - 1), bold, italic);
          i = close + 1;
          continue;
        }
      }
      if (c == '<' && !(i >= angle_fail_from_ && end <= angle_fail_end_)) {
        std::size_t close = find(">", i + 1, end);
        // Without a '>' in (i, end) there is none after a later '<' either: remember, so that a
        // line of '<' stays linear.
        if (close == kNone) {
          angle_fail_from_ = i;
          angle_fail_end_ = end;
        }
        if (close != kNone) {
          std::string_view inner = s_.substr(i + 1, close - i - 1);
          if (auto href = anchor_href(inner)) {
            // <a href="url">label</a>: a link like [label](url); without "</a>", a bare link.
            std::size_t closing = find_anchor_end(close + 1, end);
            std::string label =
                closing == kNone ? std::string() : plain(close + 1, closing, depth + 1);
            add_token(InlineToken::Kind::kLink, std::move(label), std::move(*href), bold, italic);
            i = closing == kNone ? close + 1 : closing + 4;
            continue;
          }
          if (inner.rfind("http://", 0) == 0 || inner.rfind("https://", 0) == 0) {
            add_token(InlineToken::Kind::kLink, "", std::string(inner), bold, italic);
            i = close + 1;
            continue;
          }
          if (!inner.empty() && (std::isalpha(static_cast<unsigned char>(inner[0])) ||
                                 inner[0] == '/' || inner[0] == '!')) {
            add_text(" ", bold, italic);  // an HTML tag such as <br> separates words
            i = close + 1;
            continue;
          }
        }
      }
      if (c == '&') {
        std::string decoded;
        std::size_t len = decode_entity(s_, i, end, decoded);
        if (len > 0) {
          add_text(decoded, bold, italic);
          i += len;
          continue;
        }
      }
      if (c == 'h' && (i == begin || !is_alnum(s_[i - 1])) &&
          (s_.substr(i, 7) == "http://" || s_.substr(i, 8) == "https://")) {
        std::size_t k = i;
        while (k < end && !is_space(s_[k]) && s_[k] != '<') ++k;
        while (k > i && (s_[k - 1] == '.' || s_[k - 1] == ',' || s_[k - 1] == ';' ||
                         s_[k - 1] == ':' || s_[k - 1] == ')' || s_[k - 1] == ']')) {
          --k;
        }
        add_token(InlineToken::Kind::kLink, "", std::string(s_.substr(i, k - i)), bold, italic);
        i = k;
        continue;
      }
      add_text(s_.substr(i, 1), bold, italic);
      ++i;
    }
  }

  // For "[text][label]" or "[text][]" (s_[open] == '[', s_[close] its ']') whose label has no
  // definition: the index of the label's ']'. kNone for anything else: no second bracket right
  // after, a label holding brackets, parentheses or nothing, or one too long to be a label.
  std::size_t undefined_label_end(std::size_t open, std::size_t close, std::size_t end) const {
    if (close + 1 >= end || s_[close + 1] != '[') return kNone;
    std::size_t k = square_[close + 1];
    if (k == kNone || k >= end) return kNone;
    std::size_t from = k == close + 2 ? open + 1 : close + 2;
    std::size_t to = k == close + 2 ? close : k;
    std::string_view label = s_.substr(from, to - from);
    if (label.size() > kMaxReferenceLabelBytes ||
        label.find_first_of("[]()") != std::string_view::npos ||
        normalize_reference_label(label).empty()) {
      return kNone;
    }
    return k;
  }

  // The destination defined for the label s_[begin, end), or nullptr.
  const std::string* reference(std::size_t begin, std::size_t end) const {
    if (end - begin > kMaxReferenceLabelBytes) return nullptr;
    std::string label = normalize_reference_label(s_.substr(begin, end - begin));
    if (label.empty()) return nullptr;
    auto it = references_->find(label);
    return it == references_->end() ? nullptr : &it->second;
  }

  // The href of an HTML anchor tag's inside ("a href=\"url\" ..."), entities decoded; nullopt
  // for any other tag or an anchor without href.
  static std::optional<std::string> anchor_href(std::string_view inner) {
    if (inner.size() < 2 || (inner[0] != 'a' && inner[0] != 'A') || !is_space(inner[1])) {
      return std::nullopt;
    }
    std::string lower(inner);
    for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    std::size_t at = 1;
    while ((at = lower.find("href", at)) != std::string::npos) {
      const bool starts = is_space(lower[at - 1]);
      std::size_t k = at + 4;
      at = k;
      if (!starts) continue;
      while (k < inner.size() && is_space(inner[k])) ++k;
      if (k >= inner.size() || inner[k] != '=') continue;
      ++k;
      while (k < inner.size() && is_space(inner[k])) ++k;
      if (k >= inner.size()) return std::nullopt;
      std::size_t value_end;
      if (inner[k] == '"' || inner[k] == '\'') {
        value_end = inner.find(inner[k], k + 1);
        if (value_end == std::string_view::npos) return std::nullopt;
        ++k;
      } else {
        value_end = k;
        while (value_end < inner.size() && !is_space(inner[value_end])) ++value_end;
      }
      std::string url;
      for (std::size_t u = k; u < value_end;) {
        std::string decoded;
        std::size_t len = inner[u] == '&' ? decode_entity(inner, u, value_end, decoded) : 0;
        if (len > 0) {
          url += decoded;
          u += len;
        } else {
          url += inner[u++];
        }
      }
      return collapse_space(url);
    }
    return std::nullopt;
  }

  // Index of the "</a>" (any case) that closes an anchor, searching [from, end); kNone if none.
  // A failed search is remembered so that a line of unclosed anchors stays linear.
  std::size_t find_anchor_end(std::size_t from, std::size_t end) {
    if (from >= anchor_fail_from_ && end <= anchor_fail_end_) return kNone;
    for (std::size_t k = from; k + 4 <= end; ++k) {
      if (s_[k] == '<' && s_[k + 1] == '/' && (s_[k + 2] == 'a' || s_[k + 2] == 'A') &&
          s_[k + 3] == '>') {
        return k;
      }
    }
    anchor_fail_from_ = from;
    anchor_fail_end_ = end;
    return kNone;
  }

  // The readable text of s_[begin, end) (a link label).
  std::string plain(std::size_t begin, std::size_t end, int depth) {
    flush();
    std::size_t before = tokens_.size();
    scan(begin, end, false, false, depth);
    flush();
    std::string out;
    for (std::size_t t = before; t < tokens_.size(); ++t) {
      if (tokens_[t].kind == InlineToken::Kind::kTag) {
        out += "[" + tokens_[t].text + "]";
      } else if (tokens_[t].kind == InlineToken::Kind::kUndefinedReference) {
        out += "[" + tokens_[t].text + "][" + tokens_[t].url + "]";
      } else {
        out += tokens_[t].text;
      }
    }
    tokens_.resize(before);
    return collapse_space(out);
  }

  // The URL of "(url "title")" or "(<url>)". Inside <...> a space is allowed (CommonMark) and
  // comes out as %20. A space without a quoted title after it is kept: such a URL is not one,
  // and the catalogue says so rather than cutting it at the space.
  std::string link_destination(std::size_t begin, std::size_t end) const {
    std::string_view d = s_.substr(begin, end - begin);
    while (!d.empty() && is_space(d.front())) d.remove_prefix(1);
    while (!d.empty() && is_space(d.back())) d.remove_suffix(1);
    if (!d.empty() && d.front() == '<') {
      auto close = d.find('>');
      if (close != std::string_view::npos) {
        std::string url;
        for (char ch : d.substr(1, close - 1)) url += is_space(ch) ? "%20" : std::string(1, ch);
        return url;
      }
    }
    auto space = d.find_first_of(" \t");
    if (space != std::string_view::npos && is_link_title(d.substr(space))) d = d.substr(0, space);
    return std::string(d);
  }

  // Whether text (after a destination) is a link title: "...", '...' or (...).
  static bool is_link_title(std::string_view text) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    if (text.size() < 2) return false;
    char open = text.front(), close = text.back();
    return (open == '"' && close == '"') || (open == '\'' && close == '\'') ||
           (open == '(' && close == ')');
  }

  // Index of the next "***" (or "___") at or after from, before end; kNone otherwise. A failed
  // search is remembered so that a line of unclosed runs stays linear.
  std::size_t find_triple(char c, std::size_t from, std::size_t end) {
    if (from >= triple_fail_from_ && end <= triple_fail_end_) return kNone;
    std::size_t close = find(std::string(3, c), from, end);
    if (close == kNone) {
      triple_fail_from_ = from;
      triple_fail_end_ = end;
    }
    return close;
  }

  // For each position, the first '_' at or after it that can close an italic span: after a
  // character that is not white space, and not followed by a letter or a digit.
  static std::vector<std::size_t> underscore_closers(std::string_view s) {
    std::vector<std::size_t> next(s.size() + 1, kNone);
    for (std::size_t k = s.size(); k-- > 0;) {
      bool closes =
          s[k] == '_' && k > 0 && !is_space(s[k - 1]) && (k + 1 == s.size() || !is_alnum(s[k + 1]));
      next[k] = closes ? k : next[k + 1];
    }
    return next;
  }

  std::string_view s_;
  const LinkReferences* references_;  // nullptr when there are none
  std::vector<std::size_t> square_, round_;
  std::vector<std::size_t> underscore_closer_;
  std::vector<InlineToken> tokens_;
  std::string text_;
  bool text_bold_ = false, text_italic_ = false;
  std::size_t angle_fail_from_ = kNone, angle_fail_end_ = 0;
  std::size_t anchor_fail_from_ = kNone, anchor_fail_end_ = 0;
  std::size_t triple_fail_from_ = kNone, triple_fail_end_ = 0;
};

}  // namespace

std::vector<InlineToken> tokenize_inline(std::string_view line, const LinkReferences* references) {
  return Tokenizer(line, references).run();
}

std::string collapse_space(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (char c : text) {
    if (is_space(c) || c == '\v') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string inline_plain_text(std::string_view markdown) {
  std::string out;
  for (const auto& t : tokenize_inline(markdown)) {
    if (t.kind == InlineToken::Kind::kTag) {
      out += "[" + t.text + "]";
    } else if (t.kind == InlineToken::Kind::kUndefinedReference) {
      out += "[" + t.text + "] [" + t.url + "]";
    } else {
      out += t.text;
    }
    out += t.kind == InlineToken::Kind::kText ? "" : " ";
  }
  return collapse_space(out);
}

}  // namespace paper
