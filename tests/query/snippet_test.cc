#include "query/snippet.h"

#include <gtest/gtest.h>
#include <xapian.h>

namespace paper::query {
namespace {

WordMatcher matcher() {
  WordMatcher m;
  m.add("superpixel", 0, 3.0);
  m.add("superpixels", 0, 3.0);
  m.add("graph", 1, 1.0);
  return m;
}

TEST(QuerySnippet, MarksQueryWordsAndCollapsesWhiteSpace) {
  Snippet s = make_snippet("We build a\n  Superpixel   graph here.", matcher(), 200);
  EXPECT_EQ(render_snippet(s, "«", "»"), "We build a «Superpixel» «graph» here.");
}

TEST(QuerySnippet, RenderedWithoutDirectionalFormattingCharacters) {
  Snippet s = make_snippet("A \u202Bright-to-left\u202C superpixel graph.", matcher(), 200);
  EXPECT_EQ(render_snippet(s, "«", "»"), "A right-to-left «superpixel» «graph».");
}

TEST(QuerySnippet, APhraseIsMarkedOnlyWhereItsWordsStandTogetherInOrder) {
  WordMatcher m;
  m.add_phrase({"magnetic", "resonance", "imaging"}, 0, 2.0);
  m.add("prostate", 1, 1.0);
  EXPECT_EQ(render_snippet(make_snippet("The resonance, then magnetic resonance imaging of the "
                                        "prostate; imaging resonance magnetic.",
                                        m, 200),
                           "[", "]"),
            "The resonance, then [magnetic] [resonance] [imaging] of the [prostate]; imaging "
            "resonance magnetic.");
  EXPECT_TRUE(make_snippet("magnetic resonance, and imaging", m, 200).empty());
  // A word of the phrase that is also a query word of its own is marked anywhere.
  m.add("imaging", 2, 1.0);
  EXPECT_EQ(render_snippet(make_snippet("magnetic resonance, and imaging", m, 200), "[", "]"),
            "magnetic resonance, and [imaging]");
}

TEST(QuerySnippet, CutsAroundTheDensestClusterOfDistinctWords) {
  std::string text = "graph at the start. ";
  for (int i = 0; i < 40; ++i) text += "filler ";
  text += "superpixels and a graph together. ";
  for (int i = 0; i < 40; ++i) text += "more ";
  Snippet s = make_snippet(text, matcher(), 60);
  std::string r = render_snippet(s, "[", "]");
  EXPECT_NE(r.find("[superpixels] and a [graph] together."), std::string::npos) << r;
  EXPECT_EQ(r.rfind("…", 0), 0u) << r;
  EXPECT_LE(r.size(), 60u + 12);
}

TEST(QuerySnippet, UnicodePunctuationEndsAWord) {
  // Quotes, dashes, bullets and operators split words as Xapian's tokenizer does; accented
  // letters do not.
  Snippet s = make_snippet("“Superpixel” graph∗ — a «graph»·superpixels, écrit", matcher(), 200);
  EXPECT_EQ(render_snippet(s, "[", "]"),
            "“[Superpixel]” [graph]∗ — a «[graph]»·[superpixels], écrit");
  EXPECT_TRUE(make_snippet("graphé superpixelé", matcher(), 200).empty());
  // An apostrophe between letters stays in the word.
  EXPECT_TRUE(make_snippet("graph’s superpixel's", matcher(), 200).empty());
  // So do brackets and arrows of every block Xapian splits on (LaTeX manuals' "⟨name⟩").
  EXPECT_EQ(
      render_snippet(make_snippet("\\ref{⟨graph⟩} ⟦superpixel⟧ ↦graph", matcher(), 200), "[", "]"),
      "\\ref{⟨[graph]⟩} ⟦[superpixel]⟧ ↦[graph]");
}

// A passage starts where a white-space token does (QA: "…sided. Changing" for "single-sided.
// Changing", "frontmatter" for "\frontmatter"): a word whose token the window cuts is left out,
// and the passage starts at the beginning of the first token it shows.
TEST(QuerySnippet, APassageStartsAtAToken) {
  const std::string text = "It is required to be single-sided. Changing the graph";
  const std::size_t max_bytes = text.find("graph") - text.find("sided");
  std::string r = render_snippet(make_snippet(text, matcher(), max_bytes), "[", "]");
  EXPECT_EQ(r.find("sided"), std::string::npos) << r;
  EXPECT_EQ(r, "…Changing the [graph]");
  r = render_snippet(make_snippet("The command \\frontmatter starts the graph", matcher(), 32), "[",
                     "]");
  EXPECT_EQ(r, "…\\frontmatter starts the [graph]");
}

// A query word longer than the snippet's room cannot be shown; the snippet is empty (the fuzzer
// found this with a run of bytes that folded into a short word).
TEST(QuerySnippet, AWordLongerThanTheSnippetLeavesItEmpty) {
  WordMatcher m;
  const std::string longword(300, 'k');
  m.add(longword, 0, 1.0);
  EXPECT_TRUE(make_snippet(longword + " after", m, 60).empty());
  EXPECT_EQ(render_snippet(make_snippet("before " + longword + " after", m, 60), "[", "]"),
            "before …");
  EXPECT_EQ(render_snippet(make_snippet("before " + longword, m, 400), "[", "]"),
            "before [" + longword + "]");
}

// Words are cut as Xapian cuts them at the edges too: "1’000" and "2'000" are two words each
// (between digits only ',', '.' and ';' join), and "U.S.x" is no acronym.
TEST(QuerySnippet, DigitsAndAcronymsAreCutAsXapianCutsThem) {
  WordMatcher m;
  m.add("000", 0, 1.0);
  EXPECT_EQ(render_snippet(make_snippet("page 1’000 and 2'000 but 3,000", m, 200), "[", "]"),
            "page 1’[000] and 2'[000] but 3,000");
  WordMatcher phrase;
  phrase.add_phrase({"s", "x", "is"}, 0, 1.0);
  EXPECT_EQ(render_snippet(make_snippet("value of U.S.x is nice", phrase, 200), "[", "]"),
            "value of U.[S].[x] [is] nice");
}

// A word that goes on past the passage's end through an infix ("14.4") is left out, not shown
// cut and marked ("«14».").
TEST(QuerySnippet, AWordCutByThePassageEndIsLeftOut) {
  WordMatcher m;
  m.add("14.4", 0, 1.0);
  std::string filler;
  for (int i = 0; i < 41; ++i) filler += "abcd ";
  const std::string text = "14.4 " + filler + "abcdef 14.4 tail words here.";
  const std::string shown = render_snippet(make_snippet(text, m, 220), "[", "]");
  EXPECT_EQ(shown.find("[14]"), std::string::npos) << shown;
  EXPECT_EQ(shown.rfind("[14.4] abcd", 0), 0u) << shown;
}

TEST(QuerySnippet, ExcerptOfAPageSaysThereIsMore) {
  Snippet s = make_snippet("a superpixel graph", matcher(), 200, {}, {true, true});
  EXPECT_EQ(render_snippet(s, "[", "]"), "…a [superpixel] [graph] …");
}

// A word with letters beyond ASCII goes to key_of as it is on the page, whatever its first byte
// ("Ω" and "ω" start differently in UTF-8): "Über", "Ω" and "ΛΑΜΒΔΑ" were left unmarked.
TEST(QuerySnippet, WordsBeyondAsciiAreLowerCasedByKeyOf) {
  WordMatcher m(/*stemmed_keys=*/true);
  m.add("über", 0, 1.0);
  m.add("ω", 1, 1.0);
  m.add("λάμβδα", 2, 1.0);
  const WordKey lower = [](const std::string& w) { return Xapian::Unicode::tolower(w); };
  EXPECT_EQ(render_snippet(make_snippet("Die Kopfzeile verfügt Über Ω und ΛΆΜΒΔΑ", m, 200, lower),
                           "[", "]"),
            "Die Kopfzeile verfügt [Über] [Ω] und [ΛΆΜΒΔΑ]");
}

// Fullwidth punctuation ends a word, as for Xapian: "数学" is a word of "课程：数学，物理".
TEST(QuerySnippet, FullwidthPunctuationEndsAWord) {
  WordMatcher m;
  m.add("数学", 0, 1.0);
  EXPECT_EQ(render_snippet(make_snippet("课程：数学，物理（二）", m, 200), "[", "]"),
            "课程：[数学]，物理（二）");
  // Fullwidth letters and digits stay inside words.
  EXPECT_TRUE(make_snippet("数学１２", m, 200).empty());
}

TEST(QuerySnippet, EmptyWhenNoQueryWord) {
  EXPECT_TRUE(make_snippet("nothing to see", matcher(), 100).empty());
}

}  // namespace
}  // namespace paper::query
