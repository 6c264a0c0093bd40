// First pass over a list file's bytes: checks that it is text, splits it into numbered lines
// and cleans each line (invalid UTF-8, mojibake, HTML comments, code blocks, overlong lines).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/paper.h"

namespace paper {

// Lines longer than this are skipped with a warning: no list entry is that long, and it keeps
// the later passes cheap on hostile input.
inline constexpr std::size_t kMaxLineBytes = 64 * 1024;
// Lists larger than this are not read at all.
inline constexpr std::size_t kMaxListBytes = 64 * 1024 * 1024;

struct ListLine {
  int number = 0;    // 1-based
  std::string text;  // valid UTF-8, no line break, comments removed; "" for skipped lines
};

struct ListLines {
  std::vector<ListLine> lines;
  std::vector<Diagnostic> warnings;
  bool unreadable = false;  // binary: nothing was read
  bool empty = false;       // no non-blank line at all
};

// Never throws for any bytes. Warnings name file:line and say what to do.
ListLines read_list_lines(std::string_view text, const std::string& file_name);

}  // namespace paper
