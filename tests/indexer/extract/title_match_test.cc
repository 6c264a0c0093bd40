#include <gtest/gtest.h>

#include "indexer/extract/extractor.h"

namespace paper {
namespace {

const std::string kTitle = "U-Net: Convolutional Networks for Biomedical Image Segmentation";

TEST(TitleMatchesPage, ToleratesCaseLineBreaksAndHyphenation) {
  EXPECT_TRUE(title_matches_page(
      kTitle,
      "arXiv:1505.04597\nU-NET: CONVOLUTIONAL NETWORKS FOR\nBIOMEDICAL IMAGE SEG-\n"
      "MENTATION\nOlaf Ronneberger, Philipp Fischer\nAbstract. There is ..."));
  EXPECT_TRUE(
      title_matches_page(kTitle, "U Net Convolutional Networks for Biomedical Image Segmentation"));
  EXPECT_TRUE(
      title_matches_page(kTitle, "UNet: Convolutional Networks for Biomedical Image Segmentation"));
}

TEST(TitleMatchesPage, ToleratesLigaturesAndQuotes) {
  EXPECT_TRUE(title_matches_page("Efficient Multi-Scale \"Attention\" for Fine Segmentation",
                                 "E\xEF\xAC\x83"
                                 "cient Multi-Scale \xE2\x80\x9C"
                                 "Attention\xE2\x80\x9D for \xEF\xAC\x81ne Segmentation\nBob"));
  EXPECT_TRUE(title_matches_page("Don't Look Twice", "Title: Don\xE2\x80\x99t look twice."));
}

TEST(TitleMatchesPage, AllowsOneMissedWordInLongTitles) {
  const std::string title =
      "A Simple Yet Effective Baseline for Three Dimensional Medical Image Segmentation Tasks";
  EXPECT_TRUE(title_matches_page(title,
                                 "A Simple Effective Baseline for Three Dimensional Medical Image "
                                 "Segmentation Tasks\nAuthors"));
  EXPECT_FALSE(title_matches_page(title, "A Simple Baseline for Medical Image Tasks\nAuthors"));
}

TEST(TitleMatchesPage, RejectsAnotherPaper) {
  EXPECT_FALSE(
      title_matches_page(kTitle,
                         "V-Net: Fully Convolutional Neural Networks for Volumetric Medical Image "
                         "Segmentation\nFausto Milletari\nAbstract. Convolutional networks ..."));
  // Word boundaries: the title's letters inside longer words do not count.
  EXPECT_FALSE(title_matches_page("Net", "a unet model"));
  EXPECT_FALSE(title_matches_page("", "anything"));
}

TEST(TitleMatchesPage, OnlyNearTheTop) {
  std::string page = "Another Paper Entirely\n";
  for (int i = 0; i < 500; ++i) page += "filler ";
  page += "\n" + kTitle;
  EXPECT_FALSE(title_matches_page(kTitle, page));
}

TEST(TitleMatchesText, UsesMetadataAndTheSecondPage) {
  ExtractedText text;
  text.pdf_title = "u-net convolutional networks for biomedical image segmentation";
  text.pages = {"cover page"};
  EXPECT_TRUE(title_matches_text(kTitle, text));
  text.pdf_title = "Microsoft Word - unet.docx";
  EXPECT_FALSE(title_matches_text(kTitle, text));
  text.pages.push_back(kTitle + "\nOlaf Ronneberger");
  EXPECT_TRUE(title_matches_text(kTitle, text));
}

TEST(DocumentTitle, MetadataUnlessJunk) {
  ExtractedText text;
  text.pdf_title = "  Attention U-Net  ";
  text.pages = {"Attention U-Net: Learning Where to Look for the Pancreas\nOzan Oktay"};
  EXPECT_EQ(document_title(text), "Attention U-Net");
  text.pdf_title = "paper.dvi";
  EXPECT_EQ(document_title(text), "Attention U-Net: Learning Where to Look for the Pancreas");
}

TEST(StatusNames, AreStable) {
  EXPECT_STREQ(to_string(ExtractedText::Status::kNoText), "no-text");
  EXPECT_STREQ(to_string(ExtractedText::Status::kOutOfMemory), "out-of-memory");
}

}  // namespace
}  // namespace paper
