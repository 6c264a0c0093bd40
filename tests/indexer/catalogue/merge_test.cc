// Stable ids, merging of duplicate entries, suspect links.
#include "indexer/catalogue/merge.h"

#include <gtest/gtest.h>

#include "indexer/catalogue/catalogue.h"

namespace paper {
namespace {

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
      (std::vector<Diagnostic>{{{"m.md", 3},
                                "same paper as m.md:1 (\"Deep Lesion Graphs in the Wild\"); links "
                                "merged, remove one of the entries"}}));
}

TEST(CatalogueMerge, SameArxivIdAndMatchingTitleIsOnePaper) {
  Catalogue c = parse_list_text(
      "- [Segment Anything in Medical Images](https://arxiv.org/abs/2304.12306)\n"
      "- [Segment Anything in Medical Images and Videos](https://arxiv.org/pdf/2304.12306v2.pdf)\n",
      "a.md");
  ASSERT_EQ(c.papers.size(), 1u);
  EXPECT_EQ(c.papers[0].links.size(), 2u);
  EXPECT_FALSE(c.papers[0].links[0].suspect);
  EXPECT_EQ(
      c.warnings,
      (std::vector<Diagnostic>{{{"a.md", 2},
                                "same paper as a.md:1 (\"Segment Anything in Medical Images\") "
                                "(same arXiv 2304.12306, matching title); links merged, remove one "
                                "of the entries"}}));
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
  EXPECT_EQ(c.warnings,
            (std::vector<Diagnostic>{
                {{"d.md", 2},
                 "DOI 10.1007/978-3-030-1_1 is also the link of a different paper at d.md:1 "
                 "(\"First Paper About Kidneys\"); kept both and marked the link suspect; fix the "
                 "wrong one"}}));
}

}  // namespace
}  // namespace paper
