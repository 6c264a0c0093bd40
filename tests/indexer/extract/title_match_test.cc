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

// A PDF as the title check sees it: metadata title and the first page's text.
struct TitleCase {
  const char* name;
  std::string list_title;
  std::string pdf_title;
  std::string first_page;
  bool matches;
};

void expect_title_cases(const std::vector<TitleCase>& cases) {
  for (const TitleCase& c : cases) {
    ExtractedText text;
    text.status = ExtractedText::Status::kOk;
    text.pdf_title = c.pdf_title;
    text.pages = {c.first_page};
    EXPECT_EQ(title_matches_text(c.list_title, text), c.matches) << c.name;
  }
}

std::string filler(int words) {
  std::string text;
  for (int i = 0; i < words; ++i) text += "filler ";
  return text;
}

const std::string kChemnum = "chemnum: numbering of chemical compounds";
const std::string kPhysconst = "The physconst LaTeX package";
const std::string kKarnaugh = "The karnaugh-map package: drawing Karnaugh maps";
const std::string kUNetPlusPlus =
    "UNet++: A Nested U-Net Architecture for Medical Image Segmentation";
const std::string kUNet3Plus =
    "UNet 3+: A Full-Scale Connected UNet for Medical Image Segmentation";

// TeX package manuals: a version and a date amid the title, a footnote mark.
TEST(TitleMatchesText, AcceptsTheRightPdfWhenTitlesDifferSlightly) {
  expect_title_cases({
      {"version and date between title words", kChemnum, "chemnum v1.3a Manual",
       "chemnum v1.3a 2021/01/21 numbering of chemical compounds\nClemens Niederberger", true},
      {"version and date on their own line", kChemnum, "",
       "chemnum\nv1.3a\n2021/01/21\nnumbering of chemical compounds\nClemens Niederberger", true},
      {"version in parentheses, ISO date", kChemnum, "",
       "chemnum (v1.3a, 2021-01-21): numbering of chemical compounds", true},
      {"footnote mark", "The physconst package", "",
       "The physconst package\u2217\nJohn Doe\n2019/03/05\nAbstract. Physical constants.", true},
      {"dagger, metadata title", "The physconst package", "The physconst package\u2020",
       "cover page without a title", true},
  });
}

// A shorter title the PDF states is not enough, though the list's editor may have added the
// word or the subtitle it lacks: such titles also name other papers (a survey's main title, a
// method without its subject), and wrong text under a paper's name is worse than none. The
// paper is then indexed from its entry, with a message naming the entry to check.
TEST(TitleMatchesText, AShorterTitleThePdfStatesIsNotEnough) {
  expect_title_cases({
      {"a word the list adds", kPhysconst, "",
       "The physconst package\u2217\nJohn Doe\n2019/03/05\nAbstract. Physical constants.", false},
      {"a subtitle the list adds", kKarnaugh, "The karnaugh-map package",
       "The karnaugh-map package\u2217\nMatthias Springstein\n1 Introduction", false},
      {"a survey's main title", "Vision Transformers in Medical Image Segmentation: A Survey",
       "Vision Transformers in Medical Image Segmentation",
       "Vision Transformers in Medical Image Segmentation\nAnn Author\nAbstract. We propose",
       false},
      {"most of the words", "Deep Learning for Brain Tumor Segmentation in Multimodal MRI", "",
       "Deep Learning for Brain Segmentation in MRI\nAnn Author\nAbstract.", false},
      {"the main title's start", "U-Net: Convolutional Networks for Biomedical Image Segmentation",
       "", "U-Net for Image Segmentation\nAnn Author\nAbstract.", false},
      {"metadata against page 1", "Medical Image Segmentation with Transformers",
       "Medical Image Segmentation", "Prototype Networks for Cardiac MRI\nAnn Author", false},
      {"another edition", "CheXNet: Radiologist-Level Pneumonia Detection on Chest X-Rays", "",
       "CheXNet 2.0: Radiologist-Level Pneumonia Detection on Chest X-Rays\nAnn", false},
      {"another year's challenge", "The LiTS Challenge: Liver Tumor Segmentation Benchmark", "",
       "The LiTS 2017 Challenge: Liver Tumor Segmentation Benchmark\nAnn", false},
  });
}

TEST(TitleMatchesText, StillRejectsAnotherPaper) {
  expect_title_cases({
      {"a word the list title lacks", "Attention is all you need", "",
       "Attention Is Not All You Need\nAnn Author\nAbstract. We show that attention alone "
       "is not enough.",
       false},
      {"a word the list title lacks, metadata", "Attention is all you need",
       "Attention is not all you need", "cover page without a title", false},
      {"UNet 3+ for UNet++", kUNetPlusPlus, kUNet3Plus,
       kUNet3Plus + "\nHuimin Huang, Lanfen Lin\nAbstract. Recently, a growing interest", false},
      {"UNet++ for UNet 3+", kUNet3Plus, kUNetPlusPlus,
       kUNetPlusPlus + "\nZongwei Zhou, Md Mahfuzur Rahman Siddiquee\nAbstract. We present", false},
      {"a negation amid a long title",
       "Attention Is All You Need for Medical Image Segmentation Tasks", "",
       "Attention Is Not All You Need for Medical Image Segmentation Tasks\nAnn Author", false},
      {"a totally different paper", kKarnaugh, "Lung Nodule Detection With Graph Networks",
       "Lung Nodule Detection With Graph Networks\nBob Builder\nAbstract. Nodules.", false},
      {"the title cited deep in the body", kKarnaugh, "",
       "Another Paper Entirely\n" + filler(500) + "\n" + kKarnaugh + "\nThe karnaugh-map package",
       false},
      {"too small a part of the list title",
       "Attention U-Net: Learning Where to Look for the Pancreas", "",
       "Learning Where to Look\nAnn Author", false},
      {"two words are too few", "Vessel Segmentation Survey", "Vessel Segmentation",
       "Vessel Segmentation\nAnn Author", false},
      {"same main title, another subtitle on the next line",
       "U-Net and Its Variants for Medical Image Segmentation: A Review of Theory and "
       "Applications",
       "", "U-Net and Its Variants for Medical Image Segmentation:\nA Short Review\nAnn Author",
       false},
      {"title goes on with a lower-case link word",
       "Deep Adversarial Networks for Biomedical Image Segmentation Utilizing Unannotated Images",
       "", "Deep Adversarial Networks for Biomedical Image Segmentation\nwith Few Labels\nAnn",
       false},
  });
}

// The PDF's own title holds the list title and goes on: another paper. A subtitle is not that.
TEST(TitleMatchesText, ALongerTitleThatHoldsTheListTitleIsAnotherPaper) {
  expect_title_cases({
      {"more words in the main title", "Segment Anything", "",
       "Segment Anything in Medical Images\nJun Ma, Bo Wang\nAbstract. Segment Anything is", false},
      {"a part two", "Learning Deep Features for Discriminative Localization", "",
       "Learning Deep Features for Discriminative Localization, Part II\nAnn Author", false},
      {"a revisited version", "Deep Residual Learning for Image Recognition",
       "Deep Residual Learning for Image Recognition Revisited", "cover page", false},
      {"a subtitle is fine", "U-Net", "",
       "U-Net: Convolutional Networks for Biomedical Image Segmentation\nOlaf Ronneberger", true},
      {"a question mark ends a main title", "Transforming medical imaging with Transformers", "",
       "Transforming medical imaging with Transformers? A comparative review\nAnn Author", true},
  });
}

// Long titles may miss a short function word on the page, not a content word or gain a number.
TEST(TitleMatchesText, ALongTitleMissesNoContentWord) {
  const std::string liver =
      "A Deep Learning Framework for Automatic Segmentation of the Liver in Computed Tomography";
  expect_title_cases({
      {"another organ", liver, "",
       "A Deep Learning Framework for Automatic Segmentation of the Kidney in Computed "
       "Tomography\nAnn",
       false},
      {"another edition",
       "CheXNet: Radiologist-Level Pneumonia Detection on Chest X-Rays with "
       "Deep Learning",
       "",
       "CheXNet 2.0: Radiologist-Level Pneumonia Detection on Chest X-Rays with Deep "
       "Learning\nAnn",
       false},
      {"a function word left out", liver, "",
       "A Deep Learning Framework for Automatic Segmentation of Liver in Computed Tomography\nAnn",
       true},
  });
}

// Versions and dates are skipped only when the list title has no digits, and only versions
// ("v" and a dot) and full dates: "2.0", a year, "v2", "3+" and a digit the list title has stay.
TEST(TitleMatchesPage, SkipsVersionsAndDatesOnlyForTitlesWithoutDigits) {
  EXPECT_TRUE(title_matches_page(kChemnum,
                                 "chemnum v1.3a 2021/01/21 numbering of chemical "
                                 "compounds"));
  EXPECT_FALSE(title_matches_page(kChemnum, "chemnum 2.0 2021 numbering of chemical compounds"));
  EXPECT_FALSE(title_matches_page(kChemnum, "chemnum v2 numbering of chemical compounds"));
  EXPECT_FALSE(title_matches_page(kChemnum, "chemnum 3+ numbering of chemical compounds"));
  EXPECT_FALSE(title_matches_page("chemnum 3: numbering of chemical compounds",
                                  "chemnum v1.3a 3 numbering of chemical compounds"));
  EXPECT_TRUE(title_matches_page("chemnum 3: numbering of chemical compounds",
                                 "chemnum 3 numbering of chemical compounds"));
}

TEST(DocumentTitle, MetadataUnlessJunk) {
  ExtractedText text;
  text.pdf_title = "  Attention U-Net  ";
  text.pages = {"Attention U-Net: Learning Where to Look for the Pancreas\nOzan Oktay"};
  EXPECT_EQ(document_title(text), "Attention U-Net");
  text.pdf_title = "paper.dvi";
  EXPECT_EQ(document_title(text), "Attention U-Net: Learning Where to Look for the Pancreas");
}

// What the QA pass over 100 TeX manuals found, each as the PDF gave it.
TEST(DocumentTitle, JunkMetadataAndPageTitlesAreCleaned) {
  struct Case {
    const char* name;
    std::string pdf_title, pdf_author, first_page, expected;
  };
  const std::vector<Case> cases = {
      {"footnote mark in the metadata", "The physconst package\u2020", "", "cover",
       "The physconst package"},
      {"footnote mark on the page", "", "", "The gmverse Package*\nGrzegorz Murzynowski",
       "The gmverse Package"},
      {"the author's name as the title", "Nathaniel J. Smith", "Nathaniel J. Smith",
       "The apa6e class\u2217\nNathaniel J. Smith\nnjs@pobox.com\nJuly 2, 2011", "The apa6e class"},
      {"TeX code", "blue!50!blackCquThesis LaTeX Template", "",
       "CquThesis LaTeX Template for Theses\nZhennan Li", "CquThesis LaTeX Template for Theses"},
      {"a file name", "pub__latex__ijmart__ijmart", "",
       "LATEX Class for The Israel Journal of\nMathematics \u2217\nBoris Veytsman\u2020",
       "LATEX Class for The Israel Journal of Mathematics"},
      {"letter-spaced small capitals", "", "", "ROBOCRACY\nE NGINEERING N OTEBOOK",
       "ENGINEERING NOTEBOOK"},
      {"cut at a line end", "No Title Given", "No Author Given",
       "A Simple Example of the llncsconf Package for\nLATEX\nAchim D. Brucker",
       "A Simple Example of the llncsconf Package for LATEX"},
      {"short title over an author block", "", "",
       "prooftrees\nVersion v0.7 (SVN Rev: 8642)\nClea F. Rees\u2217\n2019/09/30", "prooftrees"},
      {"good metadata stays", "The autobreak package", "Takahiro Ueda",
       "The autobreak package\u2217\nTakahiro Ueda", "The autobreak package"},
  };
  for (const Case& c : cases) {
    ExtractedText text;
    text.status = ExtractedText::Status::kOk;
    text.pdf_title = c.pdf_title;
    text.pdf_author = c.pdf_author;
    text.pages = {c.first_page};
    EXPECT_EQ(document_title(text), c.expected) << c.name;
  }
}

TEST(StatusNames, AreStable) {
  EXPECT_STREQ(to_string(ExtractedText::Status::kNoText), "no-text");
  EXPECT_STREQ(to_string(ExtractedText::Status::kOutOfMemory), "out-of-memory");
}

}  // namespace
}  // namespace paper
