// A lenient, linear-time reader for the inline Markdown of one list line: links, bracket tags,
// bold and italic spans, code spans, HTML tags, autolinks and bare URLs. Pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "indexer/catalogue/link_references.h"

namespace paper {

struct InlineToken {
  enum class Kind {
    kText,  // plain text (formatting removed, escapes and entities decoded)
    kLink,  // [text](url), <url>, a bare http(s) URL or a defined reference ([text][label],
            // [label][], [label]); text is the label ("" for bare URLs)
    kTag,   // [text] not followed by (url) and holding no link: "[CVPR'24]", "[MIA, 2024]"
    kUndefinedReference,  // "[text][label]" or "[text][]" holding no link, whose label has no
                          // definition: text as for kTag, url the label as written ("r9");
                          // either a broken reference link or two tags ("[CVPR'24][Oral]")
  };
  Kind kind = Kind::kText;
  std::string text;
  std::string url;  // kLink: may be empty for "[Paper]()"; kUndefinedReference: the label
  bool bold = false;
  bool italic = false;
  bool operator==(const InlineToken&) const = default;
};

// Splits one line into tokens. References resolve through *references when given (not owned,
// read only). Runs in time linear in the line's length (nesting is capped), never throws for
// any bytes.
std::vector<InlineToken> tokenize_inline(std::string_view line,
                                         const LinkReferences* references = nullptr);

// The readable text of a piece of inline Markdown: formatting removed, link labels kept, URLs
// dropped, white space collapsed and trimmed.
std::string inline_plain_text(std::string_view markdown);

// Collapses runs of white space to one space and trims.
std::string collapse_space(std::string_view text);

}  // namespace paper
