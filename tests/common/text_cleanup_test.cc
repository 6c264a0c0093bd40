#include "common/text_cleanup.h"

#include <gtest/gtest.h>

#include "common/arabic_forms.h"

namespace paper {
namespace {

TEST(CleanLine, ExpandsLigatures) {
  EXPECT_EQ(clean_line("e\xEF\xAC\x83"
                       "cient \xEF\xAC\x81le \xEF\xAC\x82ow di\xEF\xAC\x80"
                       "erent ba\xEF\xAC\x84"
                       "e"),
            "efficient file flow different baffle");
}

TEST(CleanLine, ComposesAccents) {
  // Combining accents after the letter (how Poppler may emit them) and TeX's spacing accents
  // before it.
  EXPECT_EQ(clean_line("Cafe\xCC\x81 na\xC4\xB1\xCC\x88ve Scho\xCC\x88lkopf"),
            "Caf\xC3\xA9 na\xC3\xAFve Sch\xC3\xB6lkopf");
  EXPECT_EQ(clean_line("\xC2\xB4"
                       "ecole \xCB\x87"
                       "Cech"),
            "\xC3\xA9"
            "cole \xC4\x8C"
            "ech");
  // A combining mark with no precomposed form stays as it is.
  EXPECT_EQ(clean_line("q\xCC\x81"), "q\xCC\x81");
}

TEST(CleanLine, DropsControlAndInvisibleCharacters) {
  EXPECT_EQ(clean_line("a\x01"
                       "b\xE2\x80\x8B"
                       "c\xEF\xBF\xBD d\xC2\xA0\xC2\xA0"
                       "e\tf \xEE\x80\x80g\xFF"),
            "abc d e f g");
  EXPECT_EQ(clean_line("  spaced   out  "), "spaced out");
  // Directional formatting characters (a PDF's right-to-left embeddings) are invisible too.
  EXPECT_EQ(clean_line("\u202Bx\u202C y\u200E\u2067z\u2069"), "x yz");
}

// Persian and Arabic stored as presentation forms (shapes) become the letters a reader types.
TEST(CleanLine, ArabicPresentationFormsBecomeLetters) {
  EXPECT_EQ(clean_line("\uFB90\uFEE0\uFBFF\uFB8F"), "\u06A9\u0644\u06CC\u06A9");  // کلیک
  EXPECT_EQ(clean_line("\uFEFB"), "\u0644\u0627");                                // lam-alef
  EXPECT_EQ(clean_line("a \uFDFA b"),
            "a \u0635\u0644\u0649 \u0627\u0644\u0644\u0647 \u0639\u0644\u064A\u0647 "
            "\u0648\u0633\u0644\u0645 b");
  EXPECT_EQ(clean_line("\u06A9\u0644\u06CC\u06A9"), "\u06A9\u0644\u06CC\u06A9");
  EXPECT_EQ(arabic_presentation_letters(0xFE00), nullptr);
  EXPECT_EQ(arabic_presentation_letters(0x0627), nullptr);
}

TEST(CleanPageText, JoinsWordsHyphenatedAtLineEnds) {
  EXPECT_EQ(clean_page_text("deep seg-\nmentation works well"), "deep segmentation\nworks well");
  EXPECT_EQ(clean_page_text("one word: seg-\nmentation"), "one word: segmentation");
}

TEST(CleanPageText, KeepsRealHyphens) {
  EXPECT_EQ(clean_page_text("we use a U-Net here"), "we use a U-Net here");
  EXPECT_EQ(clean_page_text("we use a U-\nNet here"), "we use a U-Net\nhere");
  EXPECT_EQ(clean_page_text("state-of-the-\nart results"), "state-of-the-art\nresults");
  EXPECT_EQ(clean_page_text("COVID-\n19 scans"), "COVID-19\nscans");
  // A dash that ends a sentence fragment, not a word.
  EXPECT_EQ(clean_page_text("results 3 -\nbetter"), "results 3 -\nbetter");
}

TEST(CleanPageText, JoinsAcrossAColumnBreakAndSoftHyphens) {
  EXPECT_EQ(clean_page_text("left column seg-\n\nmentation right"),
            "left column segmentation\n\nright");
  EXPECT_EQ(clean_page_text("hyphen\xE2\x80\x90\nated and soft\xC2\xAD\nhyphen"),
            "hyphenated\nand softhyphen");
}

TEST(CleanPageText, NoFormFeedsAndSingleBlankLines) {
  EXPECT_EQ(clean_page_text("\n\nfirst\n\n\n\nsecond\f"), "first\n\nsecond");
  EXPECT_EQ(clean_page_text("a\r\nb\fc"), "a\nb\nc");
  EXPECT_EQ(clean_page_text(""), "");
}

TEST(Utf16, ConvertsPairsAndDropsLoneSurrogates) {
  const unsigned short units[] = {'A', 0xE9, 0xD83D, 0xDE00, 0xDC00, 'z'};
  EXPECT_EQ(utf16_to_utf8(units, 6),
            "A\xC3\xA9\xF0\x9F\x98\x80"
            "z");
}

}  // namespace
}  // namespace paper
