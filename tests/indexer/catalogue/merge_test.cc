// Stable ids, merging of duplicate entries, suspect links.
#include "indexer/catalogue/merge.h"

#include <gtest/gtest.h>

#include "indexer/catalogue/catalogue.h"
#include "tests/indexer/catalogue/expected_warning.h"

namespace paper {
namespace {

using testing::warning_at;

TEST(CataloguePaperId, IsASlugPlusAHashOfTheNormalisedTitle) {
  EXPECT_EQ(make_paper_id("Medical Image Segmentation Review: The Success of U-Net"),
            "medical-image-segmentation-review-the-success-18fe5405");
  EXPECT_EQ(make_paper_id("medical image segmentation review -- the success of U Net"),
            make_paper_id("Medical Image Segmentation Review: The Success of U-Net"));
  EXPECT_NE(make_paper_id("Medical Image Segmentation Review: The Success of U-Net"),
            make_paper_id("Medical Image Segmentation Review: The Success of V-Net"));
  EXPECT_EQ(make_paper_id("\xE6\xB7\xB1\xE5\xBA\xA6").substr(0, 6), "paper-");
}

TEST(CatalogueTitlesMatch, ToleratesPunctuationPrefixesAndSmallEdits) {
  EXPECT_TRUE(titles_match("U-Net: Convolutional Networks", "u net convolutional networks"));
  EXPECT_TRUE(titles_match("Segment Anything in Medical Images",
                           "Segment Anything in Medical Images and Videos"));
  EXPECT_FALSE(titles_match("Self-supervision with Superpixels",
                            "Squeeze & Excite Guided Few-Shot Segmentation"));
}

TEST(CatalogueMerge, SameTitleTwiceIsOnePaperWithUnitedLinks) {
  Catalogue c = parse_list_text(
      "- [Deep Lesion Graphs in the Wild](https://arxiv.org/abs/1711.10535) [MICCAI 2018]\n"
      "- [Something Else Entirely Here](https://arxiv.org/abs/1911.00001)\n"
      "- [Deep lesion graphs in the wild.](https://github.com/x/lesion) - Ke Yan\n",
      "m.md");
  ASSERT_EQ(c.papers.size(), 2u);
  const Paper& p = c.papers[0];
  ASSERT_EQ(p.links.size(), 2u);
  EXPECT_EQ(p.links[1].url, "https://github.com/x/lesion");
  EXPECT_EQ(p.authors, (std::vector<std::string>{"Ke Yan"}));  // filled from the duplicate
  EXPECT_EQ(c.occurrences[0], (std::vector<SourceLocation>{{"m.md", 1}, {"m.md", 3}}));
  EXPECT_EQ(
      c.warnings,
      (std::vector<Diagnostic>{warning_at("m.md", 3,
                                          "same paper as m.md:1 (\"Deep Lesion Graphs in the "
                                          "Wild\"); links merged, remove one of the entries")}));
}

TEST(CatalogueMerge, SameArxivIdAndMatchingTitleIsOnePaper) {
  Catalogue c = parse_list_text(
      "- [Segment Anything in Medical Images](https://arxiv.org/abs/2304.12306)\n"
      "- [Segment Anything in Medical Images and Videos](https://arxiv.org/pdf/2304.12306v2.pdf)\n",
      "a.md");
  ASSERT_EQ(c.papers.size(), 1u);
  EXPECT_EQ(c.papers[0].links.size(), 2u);
  EXPECT_FALSE(c.papers[0].links[0].suspect);
  EXPECT_EQ(c.warnings,
            (std::vector<Diagnostic>{warning_at(
                "a.md", 2,
                "same paper as a.md:1 (\"Segment Anything in Medical Images\") (same arXiv "
                "2304.12306, matching title); links merged, remove one of the entries")}));
}

TEST(CatalogueMerge, DifferentTitlesSharingADoiAreKeptWithASuspectLink) {
  Catalogue c = parse_list_text(
      "- [First Paper About Kidneys](https://link.springer.com/chapter/10.1007/978-3-030-1_1)\n"
      "- [Second Paper About Livers](https://doi.org/10.1007/978-3-030-1_1) "
      "[[code](https://github.com/a/b)]\n",
      "d.md");
  ASSERT_EQ(c.papers.size(), 2u);
  EXPECT_TRUE(c.papers[0].links[0].suspect);
  EXPECT_TRUE(c.papers[1].links[0].suspect);
  EXPECT_FALSE(c.papers[1].links[1].suspect);
  EXPECT_EQ(
      c.warnings,
      (std::vector<Diagnostic>{warning_at(
          "d.md", 2,
          "DOI 10.1007/978-3-030-1_1 is also the link of a different paper at d.md:1 (\"First "
          "Paper About Kidneys\"); kept both and marked the link suspect; fix the wrong one")}));
}

constexpr const char* kTwoDeepLearnings =
    "## A\n\n- **Deep Learning** \\\n  Yann LeCun, Yoshua Bengio <br>\n"
    "  [Nature, 2015] [[Paper](https://www.nature.com/articles/nature14539)]\n\n"
    "- **Deep Learning** \\\n  Ian Goodfellow, Aaron Courville <br>\n"
    "  [MIT Press, 2016] [[Paper](https://arxiv.org/abs/1601.00001)]\n";

TEST(CatalogueMerge, SameTitleWithOtherYearAndAuthorsIsAnotherPaperWithItsOwnId) {
  Catalogue c = parse_list_text(kTwoDeepLearnings, "dup.md");
  ASSERT_EQ(c.papers.size(), 2u);
  EXPECT_TRUE(c.warnings.empty());
  EXPECT_EQ(c.papers[0].id, "deep-learning-87346ce1");  // the title's id, as before
  EXPECT_EQ(c.papers[0].id, make_paper_id("Deep Learning"));
  EXPECT_EQ(c.papers[0].year, 2015);
  EXPECT_EQ(c.papers[0].links.size(), 1u);
  EXPECT_EQ(c.papers[1].id, "deep-learning-2016-bfc0d93d");
  EXPECT_EQ(c.papers[1].year, 2016);
  EXPECT_EQ(c.papers[1].authors, (std::vector<std::string>{"Ian Goodfellow", "Aaron Courville"}));
  EXPECT_EQ(c.occurrences[1], (std::vector<SourceLocation>{{"dup.md", 7}}));
  // Stable: the same list gives the same ids, and an unrelated entry before them changes none.
  Catalogue again = parse_list_text(
      std::string("- [Another Paper Entirely](https://arxiv.org/abs/2001.00001)\n") +
          kTwoDeepLearnings,
      "dup.md");
  ASSERT_EQ(again.papers.size(), 3u);
  EXPECT_EQ(again.papers[1].id, c.papers[0].id);
  EXPECT_EQ(again.papers[2].id, c.papers[1].id);
}

TEST(CatalogueMerge, SameTitleAndYearWithDisjointAuthorsIsAnotherPaper) {
  Catalogue c = parse_list_text(
      "- [Attention Is All You Need](https://arxiv.org/abs/1706.03762) - Ashish Vaswani, "
      "Noam Shazeer (NeurIPS 2017)\n"
      "- [Attention is all you need](https://example.org/other.pdf) - Jane Doe (MICCAI 2017)\n"
      "- [Attention Is All You Need](https://example.org/third.pdf) - J. Doe (2017)\n"
      "- [Attention Is All You Need](https://example.org/fourth.pdf) - Max Muster\n",
      "same.md");
  ASSERT_EQ(c.papers.size(), 3u);
  EXPECT_EQ(c.papers[0].id, make_paper_id("Attention Is All You Need"));
  EXPECT_EQ(c.papers[1].id, make_paper_id("Attention is all you need doe"));
  EXPECT_EQ(c.papers[1].id.rfind("attention-is-all-you-need-doe-", 0), 0u);
  // "J. Doe" shares the surname of line 2: the same paper. "Max Muster" shares no author with
  // Vaswani and Doe: a third paper.
  EXPECT_EQ(c.occurrences[1], (std::vector<SourceLocation>{{"same.md", 2}, {"same.md", 3}}));
  EXPECT_EQ(c.papers[2].id, make_paper_id("Attention Is All You Need muster"));
  EXPECT_EQ(
      c.warnings,
      (std::vector<Diagnostic>{warning_at("same.md", 3,
                                          "same paper as same.md:2 (\"Attention is all you "
                                          "need\"); links merged, remove one of the entries")}));
}

TEST(CatalogueMerge, SameTitleIsStillOnePaperWhenNothingContradictsIt) {
  Catalogue c = parse_list_text(
      "- [U-Net: Convolutional Networks](https://arxiv.org/abs/1505.04597) - Olaf Ronneberger, "
      "Philipp Fischer (MICCAI 2015)\n"
      "- [U-Net: convolutional networks](https://example.org/u.pdf) - O. Ronneberger\n"
      "- [U-Net: Convolutional Networks](https://example.org/unet.pdf) (2015)\n"
      "- [U-Net: Convolutional Networks](https://arxiv.org/pdf/1505.04597v2) - Thomas Brox "
      "(2016)\n",
      "u.md");
  ASSERT_EQ(c.papers.size(), 1u);
  EXPECT_EQ(c.papers[0].links.size(), 4u);
  EXPECT_EQ(c.occurrences[0].size(), 4u);
  ASSERT_EQ(c.warnings.size(), 3u);
  // Another year and no shared author, but the same arXiv id: one work.
  EXPECT_EQ(c.warnings[2], warning_at("u.md", 4,
                                      "same paper as u.md:1 (\"U-Net: Convolutional Networks\"); "
                                      "links merged, remove one of the entries"));
}

}  // namespace
}  // namespace paper
