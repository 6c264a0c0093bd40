// Where an entry's title comes from when its link text is a label ("[Paper](url) - Title. ..."),
// a short word ("[T0](url) - Authors. Venue Year") or nothing at all: the title never holds the
// authors or a leading dash, and an entry without a title is warned, not given a wrong one.
#include <gtest/gtest.h>

#include "indexer/catalogue/catalogue.h"
#include "indexer/catalogue/plain_title.h"
#include "tests/indexer/catalogue/expected_warning.h"

namespace paper {
namespace {

using testing::warning_at;
using Names = std::vector<std::string>;

std::string no_title(const std::string& label) {
  return "entry skipped: no title found (\"" + label +
         "\" is the link's label and the text after it reads as authors, venue and year); "
         "write the title as the link text: [Title](url)";
}

TEST(CatalogueTitles, AGenericLinkLabelIsNotTheTitleTheTextAfterItIs) {
  Catalogue c = parse_list_text(
      "# H\n"
      "- [T0](https://a.org/0.pdf) - Ann Lee, Bob Ray. CVPR 2020.\n"
      "- [Paper](https://a.org/1.pdf) - Attention Is All You Need. Ann Lee. CVPR 2020.\n"
      "- [pdf](https://a.org/2.pdf) Deep Residual Learning for Image Recognition, Kaiming He. "
      "CVPR 2016.\n"
      "- [3D](https://a.org/3.pdf) - Ann Lee. CVPR 2019.\n"
      "- [PDF](https://a.org/4.pdf) \xE2\x80\x93 Densely Connected Networks \xE2\x80\x93 Gao "
      "Huang, Zhuang Liu, CVPR 2017\n"
      "- [arXiv](https://arxiv.org/abs/2001.00001): Vision Transformers at Scale, Ann Lee, Bob "
      "Ray, ICLR 2021\n"
      "- [link](https://a.org/6.pdf) Attention Is Not All You Need, Ann Lee, CVPR 2021.\n"
      "- [pdf](https://a.org/7.pdf) Segment Anything. Alexander Kirillov. ICCV 2023.\n",
      "s.md");
  EXPECT_TRUE(c.warnings.empty()) << c.warnings.front().message;
  ASSERT_EQ(c.papers.size(), 8u);
  struct Expected {
    std::string title;
    Names authors;
    std::string venue;
    int year;
    std::string label;
  };
  std::vector<Expected> expected = {
      {"T0", {"Ann Lee", "Bob Ray"}, "CVPR", 2020, "title"},
      {"Attention Is All You Need", {"Ann Lee"}, "CVPR", 2020, "Paper"},
      {"Deep Residual Learning for Image Recognition", {"Kaiming He"}, "CVPR", 2016, "pdf"},
      {"3D", {"Ann Lee"}, "CVPR", 2019, "title"},
      {"Densely Connected Networks", {"Gao Huang", "Zhuang Liu"}, "CVPR", 2017, "PDF"},
      {"Vision Transformers at Scale", {"Ann Lee", "Bob Ray"}, "ICLR", 2021, "arXiv"},
      {"Attention Is Not All You Need", {"Ann Lee"}, "CVPR", 2021, "link"},
      {"Segment Anything", {"Alexander Kirillov"}, "ICCV", 2023, "pdf"},
  };
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const Paper& p = c.papers[i];
    EXPECT_EQ(p.title, expected[i].title) << i;
    EXPECT_EQ(p.authors, expected[i].authors) << i;
    EXPECT_EQ(p.venue, expected[i].venue) << i;
    EXPECT_EQ(p.year, expected[i].year) << i;
    EXPECT_EQ(p.links.at(0).label, expected[i].label) << i;
  }
}

TEST(CatalogueTitles, ShortRealTitlesStayTitles) {
  Catalogue c = parse_list_text(
      "- [SAM](https://a.org/s.pdf) - Segment Anything. Alexander Kirillov. ICCV 2023.\n"
      "- [U-Net](https://a.org/u.pdf) - Olaf Ronneberger, Philipp Fischer. MICCAI 2015.\n"
      "- [GAN](https://a.org/g.pdf) - Ian Goodfellow. NeurIPS 2014.\n"
      "- [YOLO](https://a.org/y.pdf) Joseph Redmon, Ali Farhadi. CVPR 2016.\n",
      "short.md");
  EXPECT_TRUE(c.warnings.empty());
  ASSERT_EQ(c.papers.size(), 4u);
  EXPECT_EQ(c.papers[0].title, "SAM");
  EXPECT_EQ(c.papers[0].authors, (Names{"Alexander Kirillov"}));
  EXPECT_EQ(c.papers[1].title, "U-Net");
  EXPECT_EQ(c.papers[1].authors, (Names{"Olaf Ronneberger", "Philipp Fischer"}));
  EXPECT_EQ(c.papers[1].venue, "MICCAI");
  EXPECT_EQ(c.papers[2].title, "GAN");
  EXPECT_EQ(c.papers[2].authors, (Names{"Ian Goodfellow"}));
  EXPECT_EQ(c.papers[3].title, "YOLO");
  EXPECT_EQ(c.papers[3].authors, (Names{"Joseph Redmon", "Ali Farhadi"}));
  EXPECT_EQ(c.papers[3].year, 2016);
}

TEST(CatalogueTitles, AnEntryWhoseTitleCannotBeFoundIsWarnedNotNamedAfterItsAuthors) {
  std::string list = "## Papers\n";
  for (int i = 0; i < 20; ++i) {
    list += "- [Paper](https://a.org/" + std::to_string(i) + ".pdf) - Ann Lee, Bob Ray. CVPR " +
            std::to_string(2000 + i) + ".\n";
  }
  list +=
      "- [pdf](https://a.org/m.pdf) CVPR 2020.\n"
      "- [code](https://github.com/x/y) - Kaiming He, Ross Girshick. ICCV 2017.\n"
      "- <https://a.org/bare.pdf> - Ann Lee. CVPR 2021.\n"
      // Two capitalised words then a venue: a title or a name; not guessed.
      "- [pdf](https://a.org/sw.pdf) Swin Transformer. CVPR 2021.\n"
      // Before the link, the text is the title, as lists write it.
      "- Swin Transformer. CVPR 2021 [pdf](https://a.org/sw2.pdf)\n"
      "- Ann Lee, Bob Ray. CVPR 2020. [pdf](https://a.org/ab.pdf)\n"
      "- Ann Lee, Bob Ray. CVPR 2020. [T9](https://a.org/t9.pdf)\n";
  Catalogue c = parse_list_text(list, "n.md");
  ASSERT_EQ(c.papers.size(), 2u);
  EXPECT_EQ(c.papers[0].title, "Swin Transformer");
  EXPECT_EQ(c.papers[0].venue, "CVPR");
  EXPECT_EQ(c.papers[1].title, "T9");
  EXPECT_EQ(c.papers[1].authors, (Names{"Ann Lee", "Bob Ray"}));
  EXPECT_EQ(c.papers[1].year, 2020);
  ASSERT_EQ(c.warnings.size(), 25u);
  for (int i = 0; i < 20; ++i)
    EXPECT_EQ(c.warnings[i], warning_at("n.md", 2 + i, no_title("Paper")));
  EXPECT_EQ(c.warnings[20], warning_at("n.md", 22, no_title("pdf")));
  EXPECT_EQ(c.warnings[21], warning_at("n.md", 23, no_title("code")));
  EXPECT_EQ(
      c.warnings[22],
      warning_at("n.md", 24,
                 "entry skipped: no title found (the link has no text and the text after it reads "
                 "as authors, venue and year); write the title as the link text: [Title](url)"));
  EXPECT_EQ(c.warnings[23], warning_at("n.md", 25, no_title("pdf")));
  EXPECT_EQ(
      c.warnings[24],
      warning_at(
          "n.md", 27,
          "entry skipped: no title found (\"pdf\" is the link's label and the text beside it reads "
          "as authors, venue and year); write the title as the link text: [Title](url)"));
}

// A venue no list names after the authors ("Ann Lee, Bob Ray. TUGboat 2020") tells a byline from
// a title as a known venue does; it is neither an author nor a reason to cut a title.
TEST(CatalogueTitles, AnUnknownVenueAfterTheAuthorsReadsAsAKnownOneWould) {
  Catalogue c = parse_list_text(
      "# H\n"
      "- [Paper](https://a.org/1.pdf) - Ann Lee, Bob Ray. TUGboat 2020.\n"
      "- [pdf](https://a.org/2.pdf) Deep Residual Learning for Image Recognition, Kaiming He. "
      "TUGboat 2016.\n"
      "- [pdf](https://a.org/3.pdf) Segment Anything. Alexander Kirillov. Zeitschrift 2023.\n"
      // Title words that read as a name, then a name and a year: the title is not cut at its
      // comma, and nothing is unsure.
      "- Deep Learning, Segment Anything. Kaiming He 2016 [[pdf](https://a.org/4.pdf)]\n",
      "t.md");
  EXPECT_EQ(c.warnings, (std::vector<Diagnostic>{warning_at("t.md", 2, no_title("Paper"))}));
  ASSERT_EQ(c.papers.size(), 3u);
  EXPECT_EQ(c.papers[0].title, "Deep Residual Learning for Image Recognition");
  EXPECT_EQ(c.papers[0].authors, (Names{"Kaiming He"}));
  EXPECT_EQ(c.papers[0].venue, "TUGboat");
  EXPECT_EQ(c.papers[1].title, "Segment Anything");
  EXPECT_EQ(c.papers[1].authors, (Names{"Alexander Kirillov"}));
  EXPECT_EQ(c.papers[1].venue, "Zeitschrift");
  EXPECT_EQ(c.papers[1].year, 2023);
  EXPECT_EQ(c.papers[2].title, "Deep Learning, Segment Anything");
  EXPECT_EQ(c.papers[2].authors, (Names{"Kaiming He"}));
  EXPECT_EQ(c.papers[2].venue, "");
  EXPECT_EQ(c.papers[2].year, 2016);
}

TEST(CatalogueTitles, EmphasisMarkersAreNotPartOfTheTitle) {
  Catalogue c = parse_list_text(
      "- ***Triple Star Title Of Paper*** [[Paper](https://arxiv.org/abs/2301.00062)] 2023\n"
      "- **_Bold Italic Title Of Paper_** [[Paper](https://arxiv.org/abs/2301.00063)] 2023\n"
      "- [_Emphasized Title_ with more words](https://arxiv.org/abs/2301.00064)\n"
      "- [Learning snake_case_names and _private_ma_](https://arxiv.org/abs/2301.00065)\n"
      "- _Italic Plain Title Of Paper_ [pdf](https://arxiv.org/abs/2301.00066)\n"
      "- [Paper](https://arxiv.org/abs/2301.00067) - _Italic Title After A Label_. Ann Lee. "
      "CVPR 2020.\n",
      "e.md");
  EXPECT_TRUE(c.warnings.empty()) << c.warnings.front().message;
  ASSERT_EQ(c.papers.size(), 6u);
  EXPECT_EQ(c.papers[0].title, "Triple Star Title Of Paper");
  EXPECT_EQ(c.papers[0].year, 2023);
  EXPECT_EQ(c.papers[1].title, "Bold Italic Title Of Paper");
  EXPECT_EQ(c.papers[1].year, 2023);
  EXPECT_EQ(c.papers[2].title, "Emphasized Title with more words");
  // '_' inside a word is a character of it (CommonMark).
  EXPECT_EQ(c.papers[3].title, "Learning snake_case_names and private_ma");
  EXPECT_EQ(c.papers[4].title, "Italic Plain Title Of Paper");
  EXPECT_EQ(c.papers[5].title, "Italic Title After A Label");
  EXPECT_EQ(c.papers[5].authors, (Names{"Ann Lee"}));
  EXPECT_EQ(c.papers[5].year, 2020);
}

TEST(CatalogueTitles, ATrailingParenthesisedYearIsTheYearsNotTheTitles) {
  Catalogue c = parse_list_text(
      "11) YOLOv3: An Incremental Improvement (2018) <https://arxiv.org/abs/1804.02767>\n"
      "- [Focal Loss for Dense Object Detection (ICCV 2017)](https://arxiv.org/abs/1708.02002)\n"
      "- **Mask R-CNN (CVPR'17)** [pdf](https://arxiv.org/abs/1703.06870)\n"
      "- [Point Clouds in (2D)](https://arxiv.org/abs/2001.00001)\n"
      "- [Model (2020) of Things](https://arxiv.org/abs/2001.00002)\n",
      "y.md");
  EXPECT_TRUE(c.warnings.empty()) << c.warnings.front().message;
  ASSERT_EQ(c.papers.size(), 5u);
  EXPECT_EQ(c.papers[0].title, "YOLOv3: An Incremental Improvement");
  EXPECT_EQ(c.papers[0].year, 2018);
  EXPECT_EQ(c.papers[1].title, "Focal Loss for Dense Object Detection");
  EXPECT_EQ(c.papers[1].venue, "ICCV");
  EXPECT_EQ(c.papers[1].year, 2017);
  EXPECT_EQ(c.papers[2].title, "Mask R-CNN");
  EXPECT_EQ(c.papers[2].venue, "CVPR");
  EXPECT_EQ(c.papers[2].year, 2017);
  EXPECT_EQ(c.papers[3].title, "Point Clouds in (2D)");
  EXPECT_EQ(c.papers[3].year, std::nullopt);
  EXPECT_EQ(c.papers[4].title, "Model (2020) of Things");
}

TEST(CatalogueTitles, PlainTitleParts) {
  auto read = [](std::string_view text, bool after_link) {
    PlainTitle t = read_plain_title(text, after_link);
    return std::vector<std::string>{t.title, t.remainder, t.byline_only ? "byline" : ""};
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(read(" - Attention Is All You Need. Ann Lee. CVPR 2020.", true),
            (V{"Attention Is All You Need", "Ann Lee. CVPR 2020.", ""}));
  EXPECT_EQ(read("Deep Residual Learning, Kaiming He. CVPR 2016.", false),
            (V{"Deep Residual Learning", "Kaiming He. CVPR 2016.", ""}));
  EXPECT_EQ(read("nnU-Net: a method, Isensee et al. Nature Methods 2021.", false),
            (V{"nnU-Net: a method", "Isensee et al. Nature Methods 2021.", ""}));
  // One word after a comma is as likely the title's: the title goes on.
  EXPECT_EQ(read("Segment Anything, Everywhere. CVPR 2023.", true),
            (V{"Segment Anything, Everywhere", "CVPR 2023.", ""}));
  // A comma without a venue or a year after it is the title's.
  EXPECT_EQ(read("Learning, Fast and Slow", true), (V{"Learning, Fast and Slow", "", ""}));
  EXPECT_EQ(read("- Ann Lee, Bob Ray. CVPR 2020.", true),
            (V{"", "Ann Lee, Bob Ray. CVPR 2020.", "byline"}));
  EXPECT_EQ(read("Ann Lee, ECCV Workshops 2022", true),
            (V{"", "Ann Lee, ECCV Workshops 2022", "byline"}));
  EXPECT_EQ(read(": MICCAI'23", true), (V{"", "MICCAI'23", "byline"}));
  // Before the link, two names are a byline; one name and a venue may be a title.
  EXPECT_EQ(read("Ann Lee, Bob Ray. CVPR 2020.", false),
            (V{"", "Ann Lee, Bob Ray. CVPR 2020.", "byline"}));
  EXPECT_EQ(read("Swin Transformer. CVPR 2021", false), (V{"Swin Transformer", "CVPR 2021", ""}));
  EXPECT_EQ(read("Transformers. CVPR 2020.", true), (V{"Transformers", "CVPR 2020.", ""}));
  EXPECT_EQ(read("\"Quoted, Title\" Ann Lee, 2020", true),
            (V{"Quoted, Title", " Ann Lee, 2020", ""}));
  EXPECT_TRUE(reads_as_venue_year("CVPR 2020."));
  EXPECT_TRUE(reads_as_venue_year("IEEE TMI"));
  EXPECT_FALSE(reads_as_venue_year("Attention 2020"));
  EXPECT_FALSE(reads_as_venue_year("Ann Lee"));
}

}  // namespace
}  // namespace paper
