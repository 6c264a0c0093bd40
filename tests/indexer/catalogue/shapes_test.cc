// The other list shapes real lists use, one test list each.
#include <gtest/gtest.h>

#include "indexer/catalogue/catalogue.h"
#include "tests/indexer/catalogue/expected_warning.h"

namespace paper {
namespace {

using testing::warning_at;

Link link(std::string label, std::string url, std::string host, LinkKind kind) {
  return Link{std::move(label), std::move(url), std::move(host), kind, false};
}

// A list's text is cleaned as pages are: directional formatting characters (which reverse
// what a terminal prints after them) dropped, ligatures expanded, Arabic presentation forms
// made letters.
TEST(CatalogueShapes, FieldsAreCleanedAsPageTextIs) {
  Catalogue c = parse_list_text(
      "## Sec\u202Etion\u202C\n\n"
      "- **Evil \u202ETitle\u202C for \uFB01ne Tuning** \\\n"
      "  *Ann \u2067Lee\u2069, Ahmad \uFEE3\uFEA4\uFEE4\uFEAA* <br>\n"
      "  [Ven\u202Eue, 2020] [[Paper](https://arxiv.org/abs/2001.00001)]\n",
      "list.md");
  ASSERT_EQ(c.papers.size(), 1u);
  const Paper& p = c.papers[0];
  EXPECT_EQ(p.title, "Evil Title for fine Tuning");
  EXPECT_EQ(p.authors, (std::vector<std::string>{"Ann Lee", "Ahmad \u0645\u062D\u0645\u062F"}));
  EXPECT_EQ(p.venue, "Venue");
  EXPECT_EQ(p.section, "Section");
}

TEST(CatalogueShapes, BulletWhoseTitleIsTheLink) {
  Catalogue c = parse_list_text(
      "# Awesome List\n\n## Segmentation\n\n"
      "- [UNet++: A Nested U-Net Architecture](https://arxiv.org/abs/1807.10165) - Zongwei Zhou, "
      "Md Mahfuzur Rahman Siddiquee, Nima Tajbakhsh, Jianming Liang, DLMIA 2018 "
      "[[code](https://github.com/MrGiovanni/UNetPlusPlus)]\n"
      "- [Attention U-Net: Learning Where to Look for the "
      "Pancreas](https://arxiv.org/pdf/1804.03999.pdf)"
      " - Ozan Oktay et al., MIDL 2018\n",
      "list.md");
  ASSERT_EQ(c.papers.size(), 2u);
  EXPECT_TRUE(c.warnings.empty());
  const Paper& p = c.papers[0];
  EXPECT_EQ(p.title, "UNet++: A Nested U-Net Architecture");
  EXPECT_EQ(p.authors, (std::vector<std::string>{"Zongwei Zhou", "Md Mahfuzur Rahman Siddiquee",
                                                 "Nima Tajbakhsh", "Jianming Liang"}));
  EXPECT_EQ(p.venue, "DLMIA");
  EXPECT_EQ(p.year, 2018);
  EXPECT_EQ(p.section, "Segmentation");
  EXPECT_EQ(p.source, (SourceLocation{"list.md", 5}));
  EXPECT_EQ(p.links, (std::vector<Link>{link("title", "https://arxiv.org/abs/1807.10165",
                                             "arxiv.org", LinkKind::kArxiv),
                                        link("code", "https://github.com/MrGiovanni/UNetPlusPlus",
                                             "github.com", LinkKind::kCode)}));
  EXPECT_EQ(c.papers[1].title, "Attention U-Net: Learning Where to Look for the Pancreas");
  EXPECT_EQ(c.papers[1].authors, (std::vector<std::string>{"Ozan Oktay"}));
  EXPECT_EQ(c.papers[1].venue, "MIDL");
  EXPECT_EQ(c.papers[1].links[0].kind, LinkKind::kArxiv);
}

TEST(CatalogueShapes, HtmlAnchorsAreLinks) {
  Catalogue c = parse_list_text(
      "## Segmentation\n\n"
      "- <a href=\"https://arxiv.org/abs/1807.10165\">UNet++: A Nested U-Net Architecture</a>, "
      "Zongwei Zhou, DLMIA 2018 <A HREF='https://github.com/MrGiovanni/UNetPlusPlus'>"
      "<img src=\"badge.svg\"></A>\n"
      "- **Attention U-Net: Learning Where to Look for the Pancreas** (MIDL 2018) "
      "[<a href=\"https://arxiv.org/pdf/1804.03999.pdf?a=1&amp;b=2\">paper</a>]\n"
      "- <a href=\"https://arxiv.org/abs/2102.04306\">TransUNet: unclosed anchor, arXiv 2021\n",
      "html.md");
  ASSERT_EQ(c.papers.size(), 3u);
  EXPECT_EQ(c.papers[0].title, "UNet++: A Nested U-Net Architecture");
  EXPECT_EQ(c.papers[0].venue, "DLMIA");
  ASSERT_EQ(c.papers[0].links.size(), 2u);
  EXPECT_EQ(c.papers[0].links[0].url, "https://arxiv.org/abs/1807.10165");
  EXPECT_EQ(c.papers[0].links[0].kind, LinkKind::kArxiv);
  EXPECT_EQ(c.papers[0].links[1].kind, LinkKind::kCode);
  EXPECT_EQ(c.papers[1].title, "Attention U-Net: Learning Where to Look for the Pancreas");
  ASSERT_EQ(c.papers[1].links.size(), 1u);
  EXPECT_EQ(c.papers[1].links[0].label, "paper");
  EXPECT_EQ(c.papers[1].links[0].url, "https://arxiv.org/pdf/1804.03999.pdf?a=1&b=2");
  ASSERT_FALSE(c.papers[2].links.empty());
  EXPECT_EQ(c.papers[2].links[0].url, "https://arxiv.org/abs/2102.04306");
}

TEST(CatalogueShapes, SetextHeadingsNameSections) {
  Catalogue c = parse_list_text(
      "Awesome Segmentation\n====================\n\n"
      "Transformers\n------------\n\n"
      "- [Swin-Unet: Unet-like Pure Transformer](https://arxiv.org/abs/2105.05537), Hu Cao, "
      "ECCV Workshops 2022\n\n"
      "---\n\n"
      "- [TransUNet: Transformers Make Strong Encoders](https://arxiv.org/abs/2102.04306), "
      "Jieneng Chen, arXiv 2021\n",
      "setext.md");
  ASSERT_EQ(c.papers.size(), 2u);
  EXPECT_EQ(c.papers[0].section, "Transformers");
  EXPECT_EQ(c.papers[0].source, (SourceLocation{"setext.md", 7}));
  EXPECT_EQ(c.papers[1].section, "Transformers");  // a thematic break is not a heading
}

TEST(CatalogueShapes, NumberedEntries) {
  Catalogue c = parse_list_text(
      "## Papers\n"
      "1. **TransUNet: Transformers Make Strong Encoders** [arXiv 2021] "
      "[[pdf](https://arxiv.org/pdf/2102.04306)]\n"
      "2) [Swin-Unet: Unet-like Pure Transformer](https://arxiv.org/abs/2105.05537), Hu Cao, "
      "Yueyue Wang (ECCV Workshops 2022)\n"
      "10. nnU-Net: a self-configuring method. Isensee et al. Nature Methods 2021. "
      "[paper](https://www.nature.com/articles/s41592-020-01008-z)\n",
      "numbered.md");
  ASSERT_EQ(c.papers.size(), 3u);
  EXPECT_TRUE(c.warnings.empty());
  EXPECT_EQ(c.papers[0].title, "TransUNet: Transformers Make Strong Encoders");
  EXPECT_EQ(c.papers[0].venue, "arXiv");
  EXPECT_EQ(c.papers[0].year, 2021);
  EXPECT_EQ(c.papers[0].links[0].label, "pdf");
  EXPECT_EQ(c.papers[1].title, "Swin-Unet: Unet-like Pure Transformer");
  EXPECT_EQ(c.papers[1].authors, (std::vector<std::string>{"Hu Cao", "Yueyue Wang"}));
  EXPECT_EQ(c.papers[1].venue, "ECCV Workshops");
  EXPECT_EQ(c.papers[1].year, 2022);
  EXPECT_EQ(c.papers[2].title, "nnU-Net: a self-configuring method");
  EXPECT_EQ(c.papers[2].venue, "Nature Methods");
  EXPECT_EQ(c.papers[2].year, 2021);
  EXPECT_EQ(c.papers[2].source.line, 4);
}

TEST(CatalogueShapes, PlainTitleEndsAtADash) {
  Catalogue c = parse_list_text(
      "1. Polyp-PVT: Polyp Segmentation \xE2\x80\x93 Bo Dong, Wenhai Wang, MICCAI 2021 "
      "[pdf](https://arxiv.org/abs/2108.06932)\n",
      "dash.md");
  ASSERT_EQ(c.papers.size(), 1u);
  EXPECT_EQ(c.papers[0].title, "Polyp-PVT: Polyp Segmentation");
  EXPECT_EQ(c.papers[0].authors, (std::vector<std::string>{"Bo Dong", "Wenhai Wang"}));
  EXPECT_EQ(c.papers[0].venue, "MICCAI");
  EXPECT_EQ(c.papers[0].year, 2021);
}

TEST(CatalogueShapes, VenueYearTags) {
  Catalogue c = parse_list_text(
      "- [CVPR'24] [Rethinking Interactive Segmentation](https://arxiv.org/abs/2401.00001)\n"
      "- [MICCAI 2023] **Boundary-aware Network for Polyps** "
      "[[Paper](https://link.springer.com/chapter/10.1007/978-3-031-43898-1_1)]\n"
      "- [2024 MedIA] **Uncertainty-guided Mean Teacher** [[Paper](https://www.sciencedirect.com/"
      "science/article/pii/S1361841524000001)]\n"
      "* [MICCAI-2023] **Few-Shot Polyp Detection**, Jane Doe, John Roe "
      "[[Paper](https://arxiv.org/abs/2305.00002)] [[Code](https://github.com/x/fspd/)]\n",
      "tags.md");
  ASSERT_EQ(c.papers.size(), 4u);
  EXPECT_TRUE(c.warnings.empty());
  EXPECT_EQ(c.papers[0].title, "Rethinking Interactive Segmentation");
  EXPECT_EQ(c.papers[0].venue, "CVPR");
  EXPECT_EQ(c.papers[0].year, 2024);
  EXPECT_EQ(c.papers[1].venue, "MICCAI");
  EXPECT_EQ(c.papers[1].year, 2023);
  EXPECT_EQ(c.papers[1].links[0].kind, LinkKind::kLanding);
  EXPECT_EQ(c.papers[2].venue, "MedIA");
  EXPECT_EQ(c.papers[2].year, 2024);
  const Paper& p = c.papers[3];
  EXPECT_EQ(p.title, "Few-Shot Polyp Detection");
  EXPECT_EQ(p.authors, (std::vector<std::string>{"Jane Doe", "John Roe"}));
  EXPECT_EQ(p.venue, "MICCAI");
  EXPECT_EQ(p.year, 2023);
  EXPECT_EQ(p.links,
            (std::vector<Link>{
                link("Paper", "https://arxiv.org/abs/2305.00002", "arxiv.org", LinkKind::kArxiv),
                link("Code", "https://github.com/x/fspd", "github.com", LinkKind::kCode)}));
}

TEST(CatalogueShapes, YearAndVenueHeadingsGiveTheirValues) {
  Catalogue c = parse_list_text(
      "# Segmentation Papers\n"
      "## Contents\n- [2024](#2024)\n- [2023](#2023)\n"
      "## 2024\n"
      "### MICCAI\n"
      "- [Paper One About Livers](https://arxiv.org/abs/2404.00001)\n"
      "### Journal Papers\n"
      "- [Paper Two About Lungs](https://arxiv.org/abs/2404.00002)\n"
      "## 2023\n"
      "- [Paper Three About Hearts](https://arxiv.org/abs/2304.00003) [ICCV]\n"
      "## CVPR 2022\n"
      "- [Paper Four About Brains](https://arxiv.org/abs/2204.00004)\n",
      "years.md");
  ASSERT_EQ(c.papers.size(), 4u);
  EXPECT_TRUE(c.warnings.empty());
  EXPECT_EQ(c.papers[0].year, 2024);
  EXPECT_EQ(c.papers[0].venue, "MICCAI");
  EXPECT_EQ(c.papers[0].section, "");
  EXPECT_EQ(c.papers[1].year, 2024);
  EXPECT_EQ(c.papers[1].venue, "");
  EXPECT_EQ(c.papers[1].section, "Journal Papers");
  EXPECT_EQ(c.papers[2].year, 2023);
  EXPECT_EQ(c.papers[2].venue, "ICCV");
  EXPECT_EQ(c.papers[3].year, 2022);
  EXPECT_EQ(c.papers[3].venue, "CVPR");
}

TEST(CatalogueShapes, TablesWithColumnsInAnyOrderAndCase) {
  Catalogue c = parse_list_text(
      "## Benchmarks\n\n"
      "| YEAR | code | Paper Title | venue | PDF |\n"
      "|:----:|------|-------------|-------|-----|\n"
      "| 2021 | [GitHub](https://github.com/a/b) | Medical Transformer: Gated Axial-Attention | "
      "MICCAI | [arXiv](https://arxiv.org/abs/2102.10662) |\n"
      "| 2022 | https://github.com/c/d | UNETR: Transformers for 3D Segmentation | WACV | "
      "https://openaccess.thecvf.com/content/WACV2022/papers/Hatamizadeh_UNETR_WACV_2022_paper.pdf "
      "|\n"
      "\n"
      "| Paper | Conference |\n| --- | --- |\n"
      "| [CoTr: Efficiently Bridging CNN and Transformer](https://arxiv.org/abs/2103.03024) | "
      "MICCAI 2021 |\n",
      "table.md");
  ASSERT_EQ(c.papers.size(), 3u);
  EXPECT_TRUE(c.warnings.empty());
  const Paper& p = c.papers[0];
  EXPECT_EQ(p.title, "Medical Transformer: Gated Axial-Attention");
  EXPECT_EQ(p.venue, "MICCAI");
  EXPECT_EQ(p.year, 2021);
  EXPECT_EQ(p.section, "Benchmarks");
  EXPECT_EQ(p.source.line, 5);
  EXPECT_EQ(p.links,
            (std::vector<Link>{
                link("GitHub", "https://github.com/a/b", "github.com", LinkKind::kCode),
                link("arXiv", "https://arxiv.org/abs/2102.10662", "arxiv.org", LinkKind::kArxiv)}));
  EXPECT_EQ(c.papers[1].links[0].label, "code");
  EXPECT_EQ(c.papers[1].links[1].label, "PDF");
  EXPECT_EQ(c.papers[1].links[1].kind, LinkKind::kPdf);
  EXPECT_EQ(c.papers[2].title, "CoTr: Efficiently Bridging CNN and Transformer");
  EXPECT_EQ(c.papers[2].venue, "MICCAI");
  EXPECT_EQ(c.papers[2].year, 2021);
  EXPECT_EQ(c.papers[2].links[0].label, "title");
}

TEST(CatalogueShapes, LineBreaksInATableSeparateAuthorsAndJoinTitleWords) {
  Catalogue c = parse_list_text(
      "| Title | Authors | Venue | Year | Paper |\n|---|---|---|---|---|\n"
      "| Plain Title In Table | Ann Lee<br>Bo Chen | ICCV | 2021 | "
      "[PDF](https://arxiv.org/pdf/2001.00002) |\n"
      "| Broken<br/>Title Cell | Cy Dunn <BR /> Di Egan, Ed Fox<br> | CVPR | 2022 | "
      "[PDF](https://arxiv.org/pdf/2001.00003) |\n",
      "br.md");
  ASSERT_EQ(c.papers.size(), 2u);
  EXPECT_EQ(c.papers[0].authors, (std::vector<std::string>{"Ann Lee", "Bo Chen"}));
  EXPECT_EQ(c.papers[1].title, "Broken Title Cell");
  EXPECT_EQ(c.papers[1].authors, (std::vector<std::string>{"Cy Dunn", "Di Egan", "Ed Fox"}));
}

TEST(CatalogueShapes, TableRowWithoutLinkIsWarned) {
  Catalogue c = parse_list_text(
      "| Title | Year | Code |\n|---|---|---|\n| Lonely Paper Without Links | 2020 | |\n"
      "| Linked Paper Title | 2021 | [code](https://github.com/a/b) |\n",
      "t.md");
  ASSERT_EQ(c.papers.size(), 1u);
  EXPECT_EQ(
      c.warnings,
      (std::vector<Diagnostic>{warning_at(
          "t.md", 3,
          "entry \"Lonely Paper Without Links\" has no link; add a [Paper](url) or remove it")}));
}

TEST(CatalogueShapes, IgnoresCommentsCodeBlocksTocAndProse) {
  Catalogue c = parse_list_text(
      "<!-- - [Hidden Paper Title](https://arxiv.org/abs/1111.11111)\n"
      "still hidden -->\n"
      "## Table of Contents\n- [Real Section](#real-section)\n"
      "## Real Section\n"
      "Some prose with a [link to a blog post](https://example.org/blog) is not an entry?\n"
      "```\n- [Code Block Paper](https://arxiv.org/abs/2222.22222)\n```\n"
      "- [Visible Paper Title](https://arxiv.org/abs/3333.33333)\n",
      "c.md");
  ASSERT_EQ(c.papers.size(), 1u);
  EXPECT_EQ(c.papers[0].title, "Visible Paper Title");
  EXPECT_EQ(c.papers[0].section, "Real Section");
}

TEST(CatalogueShapes, SkipsSoftwareLinksNotesAndDatasetTables) {
  Catalogue c = parse_list_text(
      "[![Awesome](https://awesome.re/badge.svg)](https://awesome.re)\n"
      "**Note**: see [our website](https://example.org/about) for more.\n\n"
      "## Tools\n- [MONAI](https://github.com/Project-MONAI/MONAI) - a framework\n"
      "## Datasets\n| Name | Modality | Link |\n|---|---|---|\n"
      "| BraTS | MRI | [download](https://www.synapse.org/brats) |\n"
      "## Papers\n- [A Real Paper With Code](https://github.com/a/b) "
      "[[paper](https://arxiv.org/abs/2001.00001)]\n",
      "mixed.md");
  ASSERT_EQ(c.papers.size(), 1u);
  EXPECT_EQ(c.papers[0].title, "A Real Paper With Code");
  EXPECT_TRUE(c.warnings.empty());
}

TEST(CatalogueShapes, CrlfLinesAndBomAreRead) {
  Catalogue c = parse_list_text(
      "\xEF\xBB\xBF## Section\r\n\r\n**A Windows Paper** \\\r\n*Ann Author* <br>\r\n"
      "[MIA, 2020] [[Paper](https://arxiv.org/abs/2001.00001)]\r\n",
      "w.md");
  ASSERT_EQ(c.papers.size(), 1u);
  EXPECT_EQ(c.papers[0].title, "A Windows Paper");
  EXPECT_EQ(c.papers[0].authors, (std::vector<std::string>{"Ann Author"}));
  EXPECT_EQ(c.papers[0].section, "Section");
  EXPECT_EQ(c.papers[0].year, 2020);
}

}  // namespace
}  // namespace paper
