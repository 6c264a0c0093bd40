// Entries that are not list items: a paragraph or a heading that starts with a paper's title
// link, in Markdown or HTML. Navigation, badges and prose with links stay what they are.
#include <gtest/gtest.h>

#include "indexer/catalogue/catalogue.h"

namespace paper {
namespace {

using Names = std::vector<std::string>;

std::vector<std::string> titles(const Catalogue& c) {
  std::vector<std::string> out;
  for (const auto& p : c.papers) out.push_back(p.title);
  return out;
}

TEST(CatalogueParagraphEntries, HtmlAndParagraphEntriesBesideBulletsAreAllRead) {
  Catalogue c = parse_list_text(
      "## A\n"
      "<a href=\"https://arxiv.org/abs/1706.03762\">Attention Is All You Need</a><br>\n"
      "Ashish Vaswani, Noam Shazeer<br>\n"
      "NeurIPS 2017\n"
      "## B\n"
      "- <a href=\"https://arxiv.org/abs/2103.14030\">Swin Transformer: Hierarchical Vision "
      "Transformer using Shifted Windows</a> ICCV 2021\n"
      "## C\n"
      "<li><a href=\"https://arxiv.org/abs/2103.14031\">Swin Two: Hierarchical Vision Transformer "
      "using Shifted Windows</a> ICCV 2021</li>\n"
      "## D\n"
      "**Attention Is Not All You Need** <br>\n"
      "<a href=\"https://arxiv.org/abs/2103.03404\">Paper</a> ICML 2021\n"
      "## E\n"
      "<p><a href=\"https://arxiv.org/abs/2103.03405\">Some Paragraph Paper Title</a></p>\n",
      "html.md");
  EXPECT_TRUE(c.warnings.empty()) << c.warnings.front().message;
  ASSERT_EQ(titles(c),
            (std::vector<std::string>{
                "Attention Is All You Need",
                "Swin Transformer: Hierarchical Vision Transformer using Shifted Windows",
                "Swin Two: Hierarchical Vision Transformer using Shifted Windows",
                "Attention Is Not All You Need", "Some Paragraph Paper Title"}));
  const Paper& a = c.papers[0];
  EXPECT_EQ(a.source, (SourceLocation{"html.md", 2}));
  EXPECT_EQ(a.authors, (Names{"Ashish Vaswani", "Noam Shazeer"}));
  EXPECT_EQ(a.venue, "NeurIPS");
  EXPECT_EQ(a.year, 2017);
  EXPECT_EQ(a.section, "A");
  EXPECT_EQ(a.links, (std::vector<Link>{{"title", "https://arxiv.org/abs/1706.03762", "arxiv.org",
                                         LinkKind::kArxiv, false}}));
  EXPECT_EQ(c.papers[2].source, (SourceLocation{"html.md", 8}));
  EXPECT_EQ(c.papers[2].venue, "ICCV");
  EXPECT_EQ(c.papers[2].year, 2021);
  EXPECT_EQ(c.papers[2].section, "C");
  EXPECT_EQ(c.papers[4].source, (SourceLocation{"html.md", 13}));
  EXPECT_EQ(c.papers[4].section, "E");
  EXPECT_EQ(c.papers[4].links[0].url, "https://arxiv.org/abs/2103.03405");
}

TEST(CatalogueParagraphEntries, LinkLinesAndLinkHeadingsAreEntries) {
  Catalogue c = parse_list_text(
      "# Papers\n\n## Transformers\n\n"
      "[Attention Is All You Need](https://arxiv.org/abs/1706.03762) - Ashish Vaswani, Noam "
      "Shazeer. NeurIPS 2017.\n"
      "[Swin Transformer V2: Scaling Up](https://arxiv.org/abs/2111.09883)\n"
      "Ze Liu, Han Hu\n"
      "CVPR 2022\n\n"
      "[[Bracketed Paragraph Paper Title](https://arxiv.org/abs/2001.00001)] (ICCV 2021)\n\n"
      "### [Deep Residual Learning for Image Recognition](https://arxiv.org/abs/1512.03385)\n"
      "- Kaiming He, Xiangyu Zhang. CVPR 2016\n"
      "- Code: [GitHub](https://github.com/KaimingHe/deep-residual-networks)\n\n"
      "### [Segment Anything](https://arxiv.org/abs/2304.02643)\n"
      "- [MedSAM: Segment Anything in Medical Images](https://arxiv.org/abs/2304.12306)\n",
      "p.md");
  EXPECT_TRUE(c.warnings.empty()) << c.warnings.front().message;
  ASSERT_EQ(titles(c),
            (std::vector<std::string>{
                "Attention Is All You Need", "Swin Transformer V2: Scaling Up",
                "Bracketed Paragraph Paper Title", "Deep Residual Learning for Image Recognition",
                "Segment Anything", "MedSAM: Segment Anything in Medical Images"}));
  EXPECT_EQ(c.papers[0].authors, (Names{"Ashish Vaswani", "Noam Shazeer"}));
  EXPECT_EQ(c.papers[0].year, 2017);
  EXPECT_EQ(c.papers[1].source, (SourceLocation{"p.md", 6}));
  EXPECT_EQ(c.papers[1].authors, (Names{"Ze Liu", "Han Hu"}));
  EXPECT_EQ(c.papers[1].venue, "CVPR");
  EXPECT_EQ(c.papers[1].year, 2022);
  EXPECT_EQ(c.papers[2].venue, "ICCV");
  EXPECT_EQ(c.papers[2].year, 2021);
  // A heading that is a paper: the items under it without a title are its details, and it is
  // in the section above it.
  const Paper& resnet = c.papers[3];
  EXPECT_EQ(resnet.source, (SourceLocation{"p.md", 12}));
  EXPECT_EQ(resnet.authors, (Names{"Kaiming He", "Xiangyu Zhang"}));
  EXPECT_EQ(resnet.year, 2016);
  EXPECT_EQ(resnet.section, "Transformers");
  ASSERT_EQ(resnet.links.size(), 2u);
  EXPECT_EQ(resnet.links[1].kind, LinkKind::kCode);
  EXPECT_EQ(c.papers[4].section, "Transformers");
  // Titled items under it are papers of its section.
  EXPECT_EQ(c.papers[5].section, "Segment Anything");
}

TEST(CatalogueParagraphEntries, NavigationBadgesAndProseAreNotEntries) {
  Catalogue c = parse_list_text(
      "# Awesome Segmentation [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)\n"
      "[![License](https://img.shields.io/badge/license-MIT-green)](LICENSE)\n\n"
      "[English](README.md) | [Chinese Version](README_zh.md)\n\n"
      "[Papers with Code](https://paperswithcode.com) tracks the state of the art.\n\n"
      "[Awesome Self-Supervised Learning](https://github.com/x/awesome-self-supervised)\n\n"
      "[Join our Slack Community](https://join.slack.com/t/x)\n\n"
      "[Back to top](#contents)\n\n"
      "<a href=\"https://star-history.com/#x/y\"><img src=\"https://api.star-history.com/svg\">"
      "</a>\n\n"
      "<p align=\"center\"><img src=\"logo.png\"></p>\n\n"
      "## Contents\n"
      "- [Related Surveys](#related-surveys)\n"
      "### [Listed Sub Heading Title](https://arxiv.org/abs/2001.00009)\n"
      "## [Related Surveys](#related-surveys)\n"
      "<ul>\n<li><a href=\"#intro\">Introduction</a></li>\n</ul>\n"
      "## [CVPR 2023](https://openaccess.thecvf.com/CVPR2023)\n"
      "- [Paper Under A Venue Heading](https://arxiv.org/abs/2001.00001)\n"
      "## [Segmentation](https://paperswithcode.com/task/segmentation)\n"
      "- [Paper Under A Linked Heading](https://arxiv.org/abs/2001.00002)\n",
      "nav.md");
  EXPECT_TRUE(c.warnings.empty()) << c.warnings.front().message;
  ASSERT_EQ(titles(c), (std::vector<std::string>{"Paper Under A Venue Heading",
                                                 "Paper Under A Linked Heading"}));
  EXPECT_EQ(c.papers[0].venue, "CVPR");
  EXPECT_EQ(c.papers[0].year, 2023);
  EXPECT_EQ(c.papers[1].section, "Segmentation");
}

TEST(CatalogueParagraphEntries, AParagraphEntryThatCannotBeReadIsWarned) {
  Catalogue c = parse_list_text(
      "## Papers\n\n"
      "[Local Paragraph Paper](papers/local.pdf) - Ann Lee. CVPR 2020.\n\n"
      "<a href=\"htps://arxiv.org/abs/2001.00007\">Typo Anchor Paper</a>\n\n"
      "### [Heading Paper Without Scheme](arxiv.org/abs/2001.00008)\n"
      "Ann Lee, Bob Ray. ICCV 2021\n",
      "w.md");
  EXPECT_TRUE(c.papers.empty());
  EXPECT_EQ(
      c.warnings,
      (std::vector<Diagnostic>{
          {{"w.md", 3},
           "entry \"Local Paragraph Paper\" skipped: link \"papers/local.pdf\" is a relative "
           "path, not an http(s) link; to index local PDFs, give the file or its folder to "
           "`paper-index build`"},
          {{"w.md", 5},
           "entry \"Typo Anchor Paper\" skipped: link \"htps://arxiv.org/abs/2001.00007\" has "
           "the scheme \"htps:\", a typo of \"https:\" (only http(s) links are fetched); write "
           "https://arxiv.org/abs/2001.00007"},
          {{"w.md", 7},
           "entry \"Heading Paper Without Scheme\" skipped: link \"arxiv.org/abs/2001.00008\" has "
           "no scheme (only http(s) links are fetched); write https://arxiv.org/abs/2001.00008"},
          {{"w.md", 0},
           "no paper entries kept: 3 entries were skipped; fix the entries named in the warnings "
           "above"}}));
}

TEST(CatalogueParagraphEntries, ALinkLineBelongsToTheEntryAboveItWhenThatHasNoLinkYet) {
  Catalogue c = parse_list_text(
      "**Bold Block Paper Title** <br>\n"
      "[Official Paper Link](https://arxiv.org/abs/2001.00001) MIA 2020\n\n"
      "**Second Block Paper Title** \\\n"
      "*Ann Lee, Bob Ray* <br>\n"
      "[MIA, 2021] [[Paper](https://arxiv.org/abs/2001.00002)]\n"
      "[[Supplementary Material Here](https://arxiv.org/abs/2001.00003)]\n"
      "[Project Website Of The Paper](https://example.org/project)\n",
      "block.md");
  EXPECT_TRUE(c.warnings.empty()) << c.warnings.front().message;
  ASSERT_EQ(titles(c),
            (std::vector<std::string>{"Bold Block Paper Title", "Second Block Paper Title"}));
  EXPECT_EQ(c.papers[0].year, 2020);
  EXPECT_EQ(c.papers[0].links[0].url, "https://arxiv.org/abs/2001.00001");
  EXPECT_EQ(c.papers[1].authors, (Names{"Ann Lee", "Bob Ray"}));
  EXPECT_EQ(c.papers[1].links.size(), 3u);
}

}  // namespace
}  // namespace paper
