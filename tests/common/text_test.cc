#include "common/text.h"

#include <gtest/gtest.h>

namespace paper {
namespace {

TEST(FindInvalidUtf8, AcceptsValidText) {
  EXPECT_EQ(find_invalid_utf8("plain ascii"), std::nullopt);
  EXPECT_EQ(find_invalid_utf8("P\xC3\xB6lsterl \xE2\x80\x98x\xE2\x80\x99 \xF0\x9F\x94\x8D"),
            std::nullopt);
}

TEST(FindInvalidUtf8, ReportsOffsetOfFirstBadByte) {
  EXPECT_EQ(find_invalid_utf8("abc\xFF"), 3u);
  EXPECT_EQ(find_invalid_utf8("ab\xC3"), 2u);            // truncated sequence
  EXPECT_EQ(find_invalid_utf8("a\xC0\xAF"), 1u);         // overlong '/'
  EXPECT_EQ(find_invalid_utf8("xy\xED\xA0\x80"), 2u);    // UTF-16 surrogate
  EXPECT_EQ(find_invalid_utf8("\xF4\x90\x80\x80"), 0u);  // past U+10FFFF
}

TEST(NormalizeForMatch, FoldsCasePunctuationAndAccents) {
  EXPECT_EQ(normalize_for_match("U-Net:  a Review"), "u net a review");
  EXPECT_EQ(normalize_for_match("\xE2\x80\x98Squeeze & Excite\xE2\x80\x99 Guided"),
            "squeeze excite guided");
  EXPECT_EQ(normalize_for_match("P\xC3\xB6lsterl"), "polsterl");
  EXPECT_EQ(normalize_for_match("  ...  "), "");
  // Latin Extended-B and Latin Extended Additional too: Romanian, Vietnamese, pinyin.
  EXPECT_EQ(normalize_for_match("Ștefan Țiriac, Brașov; Nguyễn Thắng; Đorđe; ǎ"),
            "stefan tiriac brasov nguyen thang dorde a");
  EXPECT_EQ(normalize_for_match("Ω ж 中"), "Ω ж 中");  // other scripts as they are
}

// One word without its accents, an apostrophe kept (Xapian keeps "d'après" as one word).
TEST(Text, FoldWord) {
  EXPECT_EQ(fold_word("müller"), "muller");
  EXPECT_EQ(fold_word("d’après"), "d'apres");
  EXPECT_EQ(fold_word("l'élément"), "l'element");
  EXPECT_EQ(fold_word("nguyễn"), "nguyen");
  EXPECT_EQ(fold_word("straße"), "strasse");
  EXPECT_EQ(normalize_for_match("GROẞE Straße"), "grosse strasse");
  EXPECT_EQ(fold_word("a b"), "");
  EXPECT_EQ(fold_word("d'"), "");
  EXPECT_TRUE(may_lose_accents("Nguyễn"));
  EXPECT_TRUE(may_lose_accents("Ștefan"));
  EXPECT_FALSE(may_lose_accents("“quoted” — text…"));
}

TEST(PrintableUtf8, ControlsBecomeSpacesAndBadBytesTheReplacementCharacter) {
  EXPECT_EQ(printable_utf8("plain Über Ω 数学"), "plain Über Ω 数学");
  EXPECT_EQ(printable_utf8("\x1b[2J\x1b[31mred\ttab\nline\x7f"), " [2J [31mred tab line ");
  EXPECT_EQ(printable_utf8("\xc2\x9b"
                           "c1"),
            " c1");  // U+009B, a C1 control
  EXPECT_EQ(printable_utf8("\xc3 font \xff"), "\uFFFD font \uFFFD");
  EXPECT_EQ(printable_utf8(""), "");
}

// A right-to-left override left open reverses what the terminal prints after it.
TEST(BidiControls, AreDroppedFromWhatIsPrinted) {
  EXPECT_EQ(printable_utf8("a\u202Eevil\u202C b"), "aevil b");
  EXPECT_EQ(without_bidi_controls("\u202B\u0645\u062B\u0627\u0644 x\u200F\u2066y\u2069\u061C"),
            "\u0645\u062B\u0627\u0644 xy");
  EXPECT_EQ(without_bidi_controls("plain – text ‘quoted’"), "plain – text ‘quoted’");
  EXPECT_EQ(without_bidi_controls("bad \xE2"), "bad \xE2");
}

TEST(Trim, RemovesAsciiSpaceAtBothEnds) {
  EXPECT_EQ(trim("  a b \t\n"), "a b");
  EXPECT_EQ(trim("   "), "");
}

TEST(TruncateUtf8, CutsOnCharacterBoundary) {
  EXPECT_EQ(truncate_utf8("abc", 5), "abc");
  EXPECT_EQ(truncate_utf8("a\xC3\xB6"
                          "b",
                          2),
            "a...");
}

}  // namespace
}  // namespace paper
