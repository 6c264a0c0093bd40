// Entries dropped for want of a usable link are warned with the reason; what is not a paper
// entry stays silent; reference-style links work like inline ones.
#include <gtest/gtest.h>

#include "indexer/catalogue/catalogue.h"
#include "tests/indexer/catalogue/expected_warning.h"

namespace paper {
namespace {

using testing::warning_at;

std::vector<std::string> titles(const Catalogue& c) {
  std::vector<std::string> out;
  for (const auto& p : c.papers) out.push_back(p.title);
  return out;
}

constexpr const char* kLocalAdvice =
    ", not an http(s) link; to index local PDFs, give the file or its folder to `paper-index "
    "build`";

TEST(CatalogueSkippedEntries, EveryDroppedPaperEntryIsWarnedWithItsReason) {
  Catalogue c = parse_list_text(
      "## L\n\n"
      "- **Good Paper** [[Paper](https://arxiv.org/abs/2001.00001)]\n"
      "- **Title Only Paper**\n"
      "- **Typo Paper** [[Paper](htps://arxiv.org/abs/2001.00002)]\n"
      "- [Relative Paper](papers/r.pdf)\n"
      "- **File Paper** [[Paper](file:///tmp/x.pdf)]\n"
      "- **Ref Paper** [Paper][r1]\n\n"
      "[r1]: https://arxiv.org/abs/2001.00007\n",
      "l.md");
  EXPECT_EQ(titles(c), (std::vector<std::string>{"Good Paper", "Ref Paper"}));
  ASSERT_EQ(c.papers.size(), 2u);
  EXPECT_EQ(c.papers[1].links[0].url, "https://arxiv.org/abs/2001.00007");
  EXPECT_EQ(c.papers[1].links[0].label, "Paper");
  EXPECT_EQ(c.papers[1].links[0].kind, LinkKind::kArxiv);
  EXPECT_EQ(
      c.warnings,
      (std::vector<Diagnostic>{
          warning_at("l.md", 4,
                     "entry \"Title Only Paper\" has no link; add a [Paper](url) or remove it"),
          warning_at("l.md", 5,
                     "entry \"Typo Paper\" skipped: link \"htps://arxiv.org/abs/2001.00002\" has "
                     "the scheme \"htps:\", a typo of \"https:\" (only http(s) links are fetched); "
                     "write https://arxiv.org/abs/2001.00002"),
          warning_at("l.md", 6,
                     std::string("entry \"Relative Paper\" skipped: link \"papers/r.pdf\" is a "
                                 "relative path") +
                         kLocalAdvice),
          warning_at(
              "l.md", 7,
              std::string("entry \"File Paper\" skipped: link \"file:///tmp/x.pdf\" is a local "
                          "file") +
                  kLocalAdvice)}));
}

TEST(CatalogueSkippedEntries, FourLineLayoutSaysTheSchemeIsATypoNotThatTheLinkIsMissing) {
  Catalogue c = parse_list_text(
      "**A Block Paper** \\\n*Ann Author, Bob Builder* <br>\n"
      "[MIA, 2020] [[Paper](htp://arxiv.org/abs/2001.00002)] [[ArXiv]()]\n",
      "b.md");
  EXPECT_TRUE(c.papers.empty());
  ASSERT_EQ(c.warnings.size(), 2u);
  EXPECT_EQ(c.warnings[0],
            warning_at("b.md", 1,
                       "entry \"A Block Paper\" skipped: link \"htp://arxiv.org/abs/2001.00002\" "
                       "has the scheme \"htp:\", a typo of \"http:\" (only http(s) links are "
                       "fetched); write http://arxiv.org/abs/2001.00002"));
  EXPECT_EQ(c.warnings[1], warning_at("b.md", 0,
                                      "no paper entries kept: 1 entry was skipped; fix the entries "
                                      "named in the warnings above"));
}

TEST(CatalogueSkippedEntries, AListOfLocalPdfsNamesEachEntry) {
  Catalogue c = parse_list_text(
      "## Local\n\n- [First Local Paper](papers/a.pdf)\n- [Second Local Paper](/home/me/b.PDF)\n"
      "| Title | Paper |\n|---|---|\n| Table Local Paper | [pdf](C:\\papers\\c.pdf) |\n",
      "local.md");
  EXPECT_TRUE(c.papers.empty());
  EXPECT_EQ(
      c.warnings,
      (std::vector<Diagnostic>{
          warning_at("local.md", 3,
                     std::string("entry \"First Local Paper\" skipped: link \"papers/a.pdf\" is a "
                                 "relative path") +
                         kLocalAdvice),
          warning_at(
              "local.md", 4,
              std::string("entry \"Second Local Paper\" skipped: link \"/home/me/b.PDF\" is a "
                          "file path") +
                  kLocalAdvice),
          warning_at(
              "local.md", 7,
              std::string("entry \"Table Local Paper\" skipped: link \"C:\\papers\\c.pdf\" is "
                          "a local file") +
                  kLocalAdvice),
          warning_at("local.md", 0,
                     "no paper entries kept: 3 entries were skipped; fix the entries named in the "
                     "warnings above")}));
}

TEST(CatalogueSkippedEntries, OtherSchemesAndWebAddressesWithoutScheme) {
  Catalogue c = parse_list_text(
      "- **FTP Paper** [[Paper](ftp://ftp.example.org/p.pdf)]\n"
      "- **DOI Paper** [[Paper](doi:10.1007/978-3-030-1_1)]\n"
      "- **No Scheme Paper** [[Paper](arxiv.org/abs/2001.00006)]\n"
      "- **Slashless Paper** [[Paper](https//arxiv.org/abs/2001.00003)]\n"
      "- **Signed Typo Paper** "
      "[[Paper](htps://b.s3.amazonaws.com/a.pdf?X-Amz-Signature=abc&X-Amz-Credential=secret)]\n"
      "- **Kept Paper With A Bad Link** [[Code](https://github.com/a/b)]\n"
      "  [[Paper](https:/arxiv.org/abs/2001.00005)]\n",
      "s.md");
  EXPECT_EQ(titles(c), (std::vector<std::string>{"Kept Paper With A Bad Link"}));
  EXPECT_EQ(
      c.warnings,
      (std::vector<Diagnostic>{
          warning_at(
              "s.md", 1,
              "entry \"FTP Paper\" skipped: link \"ftp://ftp.example.org/p.pdf\" has the scheme "
              "\"ftp:\" (only http(s) links are fetched); link an http(s) copy of the paper"),
          warning_at("s.md", 2,
                     "entry \"DOI Paper\" skipped: link \"doi:10.1007/978-3-030-1_1\" has the "
                     "scheme \"doi:\" (only http(s) links are fetched); write "
                     "https://doi.org/10.1007/978-3-030-1_1"),
          warning_at(
              "s.md", 3,
              "entry \"No Scheme Paper\" skipped: link \"arxiv.org/abs/2001.00006\" has no scheme "
              "(only http(s) links are fetched); write https://arxiv.org/abs/2001.00006"),
          warning_at("s.md", 4,
                     "entry \"Slashless Paper\" skipped: link \"https//arxiv.org/abs/2001.00003\" "
                     "is not a valid http(s) URL; write https://arxiv.org/abs/2001.00003"),
          warning_at(
              "s.md", 5,
              "entry \"Signed Typo Paper\" skipped: link \"htps://b.s3.amazonaws.com/a.pdf?...\" "
              "has the scheme \"htps:\", a typo of \"https:\" (only http(s) links are fetched); "
              "write https://b.s3.amazonaws.com/a.pdf?..."),
          warning_at(
              "s.md", 7,
              "entry \"Kept Paper With A Bad Link\": link \"https:/arxiv.org/abs/2001.00005\" is "
              "not a valid http(s) URL; write https://arxiv.org/abs/2001.00005")}));
}

TEST(CatalogueSkippedEntries, ALinkWithASpaceIsWarnedNotCutAtTheSpace) {
  Catalogue c = parse_list_text(
      "- [Space Url Paper](https://example.org/a b.pdf)\n"
      "- **Kept Space Paper** [[Paper](https://arxiv.org/abs/2001.00001)] "
      "[[PDF](https://example.org/my paper.pdf)]\n"
      "- [Angle Space Paper](<https://example.org/c d.pdf>)\n",
      "sp.md");
  EXPECT_EQ(titles(c), (std::vector<std::string>{"Kept Space Paper", "Angle Space Paper"}));
  ASSERT_EQ(c.papers[0].links.size(), 1u);
  EXPECT_EQ(c.papers[1].links[0].url, "https://example.org/c%20d.pdf");
  EXPECT_EQ(
      c.warnings,
      (std::vector<Diagnostic>{
          warning_at(
              "sp.md", 1,
              "entry \"Space Url Paper\" skipped: link \"https://example.org/a b.pdf\" has a space "
              "in it, which ends a Markdown link; write https://example.org/a%20b.pdf"),
          warning_at(
              "sp.md", 2,
              "entry \"Kept Space Paper\": link \"https://example.org/my paper.pdf\" has a space "
              "in it, which ends a Markdown link; write https://example.org/my%20paper.pdf")}));
}

TEST(CatalogueSkippedEntries, MailtoDataDoiAndUndefinedReferenceTitlesAreWarned) {
  Catalogue c = parse_list_text(
      "# L\n"
      "- [Mailto Paper On Segmentation](mailto:a@b.c) - Ann Lee. CVPR 2020.\n"
      "- [Missing Ref Paper On Segmentation][r9] - Eve Adams. ECCV 2020.\n"
      "- [Good Paper](https://example.org/g.pdf)\n"
      "- [Data URI Paper On Things](data:application/pdf;base64,JVBERi0=)\n"
      "- [Doi Paper On Things](doi:10.1000/xyz)\n"
      "- [CVPR'24][Oral] [Tagged Paper Title](https://example.org/t.pdf)\n"
      "- [Kept Paper With A Missing Ref](https://example.org/k.pdf) [Paper][nope]\n"
      "- [Collapsed Missing Ref Paper][] [MICCAI 2021]\n\n"
      "| Title | Paper |\n|---|---|\n| [Table Missing Ref Paper][t1] | x |\n"
      "| Table Paper With A Missing Pdf | [pdf][t2] |\n",
      "m.md");
  EXPECT_EQ(titles(c), (std::vector<std::string>{"Good Paper", "Tagged Paper Title",
                                                 "Kept Paper With A Missing Ref"}));
  EXPECT_EQ(c.papers[1].venue, "CVPR");
  EXPECT_EQ(c.papers[1].year, 2024);
  EXPECT_EQ(
      c.warnings,
      (std::vector<Diagnostic>{
          warning_at("m.md", 2,
                     "entry \"Mailto Paper On Segmentation\" skipped: link \"mailto:a@b.c\" has "
                     "the scheme \"mailto:\" (only http(s) links are fetched); link an http(s) "
                     "copy of the paper"),
          warning_at("m.md", 3,
                     "entry \"Missing Ref Paper On Segmentation\" skipped: reference [r9] is not "
                     "defined in the file; add the line [r9]: URL with the paper's http(s) link"),
          warning_at("m.md", 5,
                     "entry \"Data URI Paper On Things\" skipped: link "
                     "\"data:application/pdf;base64,JVBERi0=\" has the scheme \"data:\" (only "
                     "http(s) links are fetched); link an http(s) copy of the paper"),
          warning_at(
              "m.md", 6,
              "entry \"Doi Paper On Things\" skipped: link \"doi:10.1000/xyz\" has the scheme "
              "\"doi:\" (only http(s) links are fetched); write https://doi.org/10.1000/xyz"),
          warning_at("m.md", 8,
                     "entry \"Kept Paper With A Missing Ref\": reference [nope] is not defined in "
                     "the file; add the line [nope]: URL with the paper's http(s) link"),
          warning_at("m.md", 9,
                     "entry \"Collapsed Missing Ref Paper\" skipped: reference [Collapsed Missing "
                     "Ref Paper] is not defined in the file; add the line [Collapsed Missing Ref "
                     "Paper]: URL with the paper's http(s) link"),
          warning_at("m.md", 13,
                     "entry \"Table Missing Ref Paper\" skipped: reference [t1] is not defined in "
                     "the file; add the line [t1]: URL with the paper's http(s) link"),
          warning_at(
              "m.md", 14,
              "entry \"Table Paper With A Missing Pdf\" skipped: reference [t2] is not defined in "
              "the file; add the line [t2]: URL with the paper's http(s) link")}));
}

TEST(CatalogueSkippedEntries, AGenericLabelsBadLinkIsWarnedNamingTheTitleBesideIt) {
  Catalogue c = parse_list_text(
      "# X\n\n"
      "- [Paper](doi:10.1000/182) - DOI Work. E F. 2020.\n"
      "- [Paper](https://arxiv.org/abs/1706.03762) - Attention Is All You Need. Ann Lee. CVPR "
      "2020.\n"
      "- [Paper](mailto:a@b.c) - Mailed Work. A B. 2020.\n"
      "- [Paper](data:text/plain,hi) - Data Work. E F. 2020.\n"
      "- [Paper][undefined] - Reference Work. E F. 2020.\n"
      "- [DOI Paper](doi:10.1000/183) - Labelled Work. E F. 2020.\n"
      "- Trailing Work. E F. 2020. [Paper](doi:10.1000/184)\n"
      "- [code](ftp://x.org/a) - Code Work. E F. 2020.\n"
      "- [Mail Paper](mailto:a@b.c) - Mailed Work. A B. 2020.\n",
      "one.md");
  EXPECT_EQ(titles(c), (std::vector<std::string>{"Attention Is All You Need"}));
  constexpr const char* kCopy =
      " (only http(s) links are fetched); link an http(s) copy of the paper";
  EXPECT_EQ(
      c.warnings,
      (std::vector<Diagnostic>{
          warning_at("one.md", 3,
                     "entry \"DOI Work\" skipped: link \"doi:10.1000/182\" has the scheme \"doi:\" "
                     "(only http(s) links are fetched); write https://doi.org/10.1000/182"),
          warning_at(
              "one.md", 5,
              std::string("entry \"Mailed Work\" skipped: link \"mailto:a@b.c\" has the scheme "
                          "\"mailto:\"") +
                  kCopy),
          warning_at("one.md", 6,
                     std::string("entry \"Data Work\" skipped: link \"data:text/plain,hi\" has the "
                                 "scheme \"data:\"") +
                         kCopy),
          warning_at("one.md", 7,
                     "entry \"Reference Work\" skipped: reference [undefined] is not defined in "
                     "the file; add the line [undefined]: URL with the paper's http(s) link"),
          warning_at(
              "one.md", 8,
              "entry \"Labelled Work\" skipped: link \"doi:10.1000/183\" has the scheme \"doi:\" "
              "(only http(s) links are fetched); write https://doi.org/10.1000/183"),
          warning_at(
              "one.md", 9,
              "entry \"Trailing Work\" skipped: link \"doi:10.1000/184\" has the scheme \"doi:\" "
              "(only http(s) links are fetched); write https://doi.org/10.1000/184"),
          warning_at(
              "one.md", 10,
              std::string("entry \"Code Work\" skipped: link \"ftp://x.org/a\" has the scheme "
                          "\"ftp:\"") +
                  kCopy),
          // A label that is not generic is taken for the title.
          warning_at(
              "one.md", 11,
              std::string("entry \"Mail Paper\" skipped: link \"mailto:a@b.c\" has the scheme "
                          "\"mailto:\"") +
                  kCopy)}));
}

TEST(CatalogueSkippedEntries, WhatIsNotAPaperEntryStaysSilent) {
  Catalogue c = parse_list_text(
      "# My List\n\n"
      "[![Awesome](https://awesome.re/badge.svg)](https://awesome.re) ![logo](logo.png)\n\n"
      "- [Surveys](#surveys)\n"
      "- [Another list of papers](../other/README.md)\n"
      "- [Awesome Segmentation](https://github.com/x/awesome-segmentation)\n"
      "- Some prose bullet about segmentation, see [the notes](notes/)\n"
      "- **Note:** contributions are welcome.\n"
      "- **Important**: read the guide first.\n"
      "- Contact [the maintainers](mailto:a@example.org)\n"
      "- [Write To Us About Papers](mailto:a@example.org)\n"
      "- [Badge Image Data](data:image/png;base64,iVBO)\n"
      "**A Bold Paragraph Heading**\n\n"
      "## Surveys\n\n"
      "- **Segmentation Methods**\n"
      "  - [Nested Real Paper](https://arxiv.org/abs/2001.00003)\n\n"
      "- **Another Group Label**\n\n"
      "  - [Nested After A Blank Line](https://arxiv.org/abs/2001.00004)\n"
      "- **MICCAI 2023**\n"
      "- **Tools**\n"
      "- [Slides of a talk](slides/talk.pptx)\n",
      "quiet.md");
  EXPECT_EQ(titles(c),
            (std::vector<std::string>{"Nested Real Paper", "Nested After A Blank Line"}));
  EXPECT_TRUE(c.warnings.empty()) << c.warnings.front().message;
}

TEST(CatalogueSkippedEntries, ABareBoldTitleIsWarnedWhenNothingIsNestedUnderIt) {
  Catalogue c = parse_list_text(
      "- **Lonely Bold Title**\n\n- [Next Paper Title](https://arxiv.org/abs/2001.00001)\n"
      "- **Last Bold Title Here**\n",
      "bare.md");
  EXPECT_EQ(titles(c), (std::vector<std::string>{"Next Paper Title"}));
  EXPECT_EQ(
      c.warnings,
      (std::vector<Diagnostic>{
          warning_at("bare.md", 1,
                     "entry \"Lonely Bold Title\" has no link; add a [Paper](url) or remove it"),
          warning_at(
              "bare.md", 4,
              "entry \"Last Bold Title Here\" has no link; add a [Paper](url) or remove it")}));
}

TEST(CatalogueReferenceLinks, FullCollapsedAndShortcutReferencesResolveAnywhereInTheList) {
  Catalogue c = parse_list_text(
      "[early]: https://arxiv.org/abs/2001.00001\n"
      "- **Full Reference Paper** [Paper][ R 2 ] [Code][CODE]\n"
      "- [Shortcut Reference Paper Title]\n"
      "- [Collapsed Reference Paper][]\n"
      "- **Defined Before Use** [[Paper][early]]\n"
      "- **Undefined Reference Paper** [Paper][nowhere] [MIA 2020]\n"
      "**Block Reference Paper** \\\n"
      "[code]: https://github.com/first/wins\n"
      "*Ann Author* <br>\n"
      "[MIA, 2021] [[Paper][Block]]\n\n"
      "| Title | Paper |\n|---|---|\n| Table Reference Paper | [pdf][table] |\n\n"
      "[block]: https://arxiv.org/abs/2001.00005\n[TABLE]: https://arxiv.org/abs/2001.00006\n"
      "[r  2]: <https://arxiv.org/abs/2001.00002> \"A title\"\n"
      "[Code]: https://github.com/a/b\n"
      "  [shortcut reference paper title]: https://arxiv.org/abs/2001.00003 'x'\n"
      "[collapsed reference paper]: https://arxiv.org/abs/2001.00004 (y)\n",
      "r.md");
  ASSERT_EQ(titles(c),
            (std::vector<std::string>{"Full Reference Paper", "Shortcut Reference Paper Title",
                                      "Collapsed Reference Paper", "Defined Before Use",
                                      "Block Reference Paper", "Table Reference Paper"}));
  EXPECT_EQ(c.papers[0].links,
            (std::vector<Link>{
                {"Paper", "https://arxiv.org/abs/2001.00002", "arxiv.org", LinkKind::kArxiv, false},
                {"Code", "https://github.com/first/wins", "github.com", LinkKind::kCode, false}}));
  EXPECT_EQ(c.papers[1].links[0].url, "https://arxiv.org/abs/2001.00003");
  EXPECT_EQ(c.papers[1].links[0].label, "title");
  EXPECT_EQ(c.papers[2].links[0].url, "https://arxiv.org/abs/2001.00004");
  EXPECT_EQ(c.papers[3].links[0].url, "https://arxiv.org/abs/2001.00001");
  // The definition inside the block does not end it.
  EXPECT_EQ(c.papers[4].authors, (std::vector<std::string>{"Ann Author"}));
  EXPECT_EQ(c.papers[4].year, 2021);
  EXPECT_EQ(c.papers[4].links[0].url, "https://arxiv.org/abs/2001.00005");
  EXPECT_EQ(c.papers[5].links[0].url, "https://arxiv.org/abs/2001.00006");
  // "[Paper][nowhere]" is no link: the entry is dropped, and the warning names the label.
  EXPECT_EQ(c.warnings,
            (std::vector<Diagnostic>{warning_at(
                "r.md", 6,
                "entry \"Undefined Reference Paper\" skipped: reference [nowhere] is not defined "
                "in the file; add the line [nowhere]: URL with the paper's http(s) link")}));
}

TEST(CatalogueReferenceLinks, AReferenceToABadLinkIsWarnedLikeAnInlineOne) {
  Catalogue c =
      parse_list_text("- **Ref Typo Paper** [Paper][p]\n\n[p]: htps://x.org/p.pdf\n", "rt.md");
  EXPECT_TRUE(c.papers.empty());
  ASSERT_FALSE(c.warnings.empty());
  EXPECT_EQ(
      c.warnings[0],
      warning_at(
          "rt.md", 1,
          "entry \"Ref Typo Paper\" skipped: link \"htps://x.org/p.pdf\" has the scheme \"htps:\", "
          "a typo of \"https:\" (only http(s) links are fetched); write https://x.org/p.pdf"));
}

TEST(CatalogueSkippedEntries, VideosAndBlogPostsAreSkippedButPapersWithAVideoStay) {
  Catalogue c = parse_list_text(
      "## Videos\n\n"
      "**Diffusion Models Paper Explanation** \\\n"
      "*Outlier* \\\n"
      "[[Video](https://www.youtube.com/watch?v=HoKDTa5jHvg)] \\\n"
      "6 Jun 2022\n\n"
      "**What are Diffusion Models?** \\\n"
      "*Lilian Weng* \\\n"
      "[[Website](https://lilianweng.github.io/posts/2021-07-11-diffusion-models/)] \\\n"
      "11 Jul 2021\n\n"
      "**Improved Denoising Diffusion Probabilistic Models** \\\n"
      "*Alex Nichol, Prafulla Dhariwal* \\\n"
      "[[Paper](https://arxiv.org/abs/2102.09672)] "
      "[[Video](https://www.youtube.com/watch?v=abc)] \\\n"
      "18 Feb 2021\n\n"
      "**Video Paper With Code** \\\n"
      "*Ann Lee, Bo Chen* \\\n"
      "[[Video](https://vimeo.com/123)] [[Github](https://github.com/a/b)] \\\n"
      "2022\n\n"
      "**Talk At A Venue** \\\n"
      "*Ann Lee* \\\n"
      "CVPR 2022. [[Video](https://www.youtube.com/watch?v=def)]\n",
      "diff.md");
  EXPECT_EQ(titles(c),
            (std::vector<std::string>{"Improved Denoising Diffusion Probabilistic Models",
                                      "Video Paper With Code", "Talk At A Venue"}));
  EXPECT_EQ(
      c.warnings,
      (std::vector<Diagnostic>{
          warning_at("diff.md", 3,
                     "entry \"Diffusion Models Paper Explanation\" skipped: a video or blog post, "
                     "not a paper; its links (\"Video\" on www.youtube.com) go to no paper and it "
                     "names no venue; add a [Paper](url) link to the paper, or remove the entry"),
          warning_at(
              "diff.md", 8,
              "entry \"What are Diffusion Models?\" skipped: a video or blog post, not a paper; "
              "its links (\"Website\" on lilianweng.github.io) go to no paper and it names no "
              "venue; add a [Paper](url) link to the paper, or remove the entry")}));
}

}  // namespace
}  // namespace paper
