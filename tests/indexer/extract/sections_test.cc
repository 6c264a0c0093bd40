#include "indexer/extract/sections.h"

#include <gtest/gtest.h>

namespace paper {
namespace {

TEST(FindAbstract, IeeeStyleInlineHeadingUpToIndexTerms) {
  std::vector<std::string> pages = {
      "Deep Networks for Segmentation\nAlice Smith\n"
      "Abstract\xE2\x80\x94Medical image segmentation is hard.\nWe make it easier.\n"
      "Index Terms\xE2\x80\x94segmentation, deep learning\nI. INTRODUCTION\nText."};
  EXPECT_EQ(find_abstract(pages), "Medical image segmentation is hard. We make it easier.");
}

TEST(FindAbstract, HeadingOnItsOwnLineUpToNumberedSection) {
  std::vector<std::string> pages = {
      "A Title\n\nA BSTRACT\nWe propose a network.\n\nIt works.\n1 Introduction\nBody text."};
  EXPECT_EQ(find_abstract(pages), "We propose a network. It works.");
  std::vector<std::string> lncs = {
      "Title\nAbstract. We segment livers.\nKeywords: liver \xC2\xB7 CT\n1 Introduction"};
  EXPECT_EQ(find_abstract(lncs), "We segment livers.");
}

TEST(FindAbstract, StopsAtContentsOrAcknowledgements) {
  EXPECT_EQ(
      find_abstract({"The foo package\nAbstract\nThis package does foo.\nContents\n1 Intro 3"}),
      "This package does foo.");
  EXPECT_EQ(find_abstract({"Thesis\nABSTRACT\nWe study bar.\nACKNOWLEDGEMENTS\nThanks."}),
            "We study bar.");
}

TEST(FindAbstract, MayContinueOnTheSecondPage) {
  std::vector<std::string> pages = {"Title\nABSTRACT\nFirst half", "second half.\nIntroduction\nx"};
  EXPECT_EQ(find_abstract(pages), "First half second half.");
}

TEST(FindAbstract, NoHeadingNoAbstract) {
  EXPECT_EQ(find_abstract({"Title\nAbstract representations are learned.\n1 Introduction"}), "");
  EXPECT_EQ(find_abstract({"Title\nAbstraction layers\nText"}), "");
  EXPECT_EQ(find_abstract({}), "");
}

TEST(FindReferencesHeading, FindsTheLastHeadingLine) {
  std::string page = "text\nReferences to prior work are many.\nR EFERENCES\n[1] A. Smith.";
  ASSERT_TRUE(find_references_heading(page).has_value());
  EXPECT_EQ(*find_references_heading(page), page.find("R EFERENCES"));
  EXPECT_EQ(find_references_heading("7. References\n[1] x"), 0u);
  EXPECT_EQ(find_references_heading("body\nBibliography"), 5u);
  EXPECT_EQ(find_references_heading("REFERENCES:\nx\nReferences\ny"), 14u);
  EXPECT_FALSE(find_references_heading("see the references below\nThe references").has_value());
  // The end of a wrapped sentence is not a heading.
  EXPECT_FALSE(find_references_heading("this is kept for later\nreference.").has_value());
}

TEST(ExtractSections, AuthorsFromMetadataAreSplitAndJunkLeftOut) {
  EXPECT_EQ(authors_from_metadata("Olaf Ronneberger, Philipp Fischer and Thomas Brox"),
            (std::vector<std::string>{"Olaf Ronneberger", "Philipp Fischer", "Thomas Brox"}));
  EXPECT_EQ(authors_from_metadata("Ben Frank, ` `%%%`#`&12_`__~~~\xe0\xa5\xb2"),
            (std::vector<std::string>{"Ben Frank"}));
  EXPECT_EQ(authors_from_metadata("J. M\xc3\xbcller; A. O'Neil & Z. Zhou"),
            (std::vector<std::string>{"J. M\xc3\xbcller", "A. O'Neil", "Z. Zhou"}));
  EXPECT_TRUE(authors_from_metadata("Administrator").empty());
  EXPECT_TRUE(authors_from_metadata("  ").empty());
  EXPECT_TRUE(authors_from_metadata("12345").empty());
}

TEST(JunkTitle, RecognisesUselessMetadata) {
  EXPECT_TRUE(is_junk_title(""));
  EXPECT_TRUE(is_junk_title("Microsoft Word - paper_v3.docx"));
  EXPECT_TRUE(is_junk_title("main.dvi"));
  EXPECT_TRUE(is_junk_title("untitled"));
  EXPECT_TRUE(is_junk_title("12"));
  EXPECT_TRUE(is_junk_title("undefined"));
  EXPECT_TRUE(is_junk_title("No Title Given"));
  // Values that LaTeX packages and templates leave in the metadata.
  EXPECT_TRUE(is_junk_title("LaTeX with hyperref"));
  EXPECT_TRUE(is_junk_title("LaTeX with hyperref package"));
  EXPECT_TRUE(is_junk_title("Paper Title (use style: paper title)"));
  EXPECT_TRUE(
      is_junk_title("CVPR 2023 Submission #1234. CONFIDENTIAL REVIEW COPY. DO NOT DISTRIBUTE."));
  EXPECT_TRUE(is_junk_title("Manuscript"));
  EXPECT_TRUE(is_junk_title(" Paper Title "));
  EXPECT_FALSE(is_junk_title("U-Net: Convolutional Networks for Biomedical Image Segmentation"));
  EXPECT_FALSE(is_junk_title("Main Memory Databases"));
  EXPECT_FALSE(is_junk_title("Generating Paper Titles from Abstracts"));
}

TEST(GuessTitle, SkipsHeadersAndShortLines) {
  EXPECT_EQ(guess_title_from_page("arXiv:1505.04597v1 [cs.CV] 18 May 2015\n12\n"
                                  "U-Net: Convolutional Networks for Biomedical Image\n"
                                  "Olaf Ronneberger"),
            "U-Net: Convolutional Networks for Biomedical Image");
  EXPECT_EQ(guess_title_from_page("1\n2\n"), "");
}

}  // namespace
}  // namespace paper
