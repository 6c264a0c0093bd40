// Repair of UTF-8 text that was once decoded as Mac Roman and saved again as UTF-8 ("‚Äò" for
// "‘", "√∂" for "ö", "\uF8FFüîç" for "🔍"). Pure function.
#pragma once

#include <string>
#include <string_view>

namespace paper {

// Returns line with every run of characters that, encoded back to Mac Roman, forms one valid
// multi-byte UTF-8 sequence replaced by that sequence's character. Text without such runs is
// returned unchanged. line must be valid UTF-8.
std::string repair_mac_roman_mojibake(std::string_view line);

}  // namespace paper
