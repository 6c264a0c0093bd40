// Tests of finding the abstract and the references section's headings in page text.
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

TEST(FindReferencesEnd, HeadingsThatFollowAReferenceList) {
  for (const char* heading : {"Appendix",
                              "APPENDIX",
                              "A PPENDIX",
                              "Appendix A",
                              "Appendix B.",
                              "APPENDIX C",
                              "Appendix A: Proof of Theorem 1",
                              "Appendix B. Additional Results",
                              "APPENDIX A PROOFS",
                              "Appendix: Derivations",
                              "Appendix 1",
                              "Appendix S1",
                              "A Appendix",
                              "A. Appendix",
                              "7 Appendix",
                              "VII. APPENDIX",
                              "Appendices",
                              "Supplementary Material",
                              "Supplementary Materials",
                              "SUPPLEMENTARY INFORMATION",
                              "S1 Supplementary Material",
                              "Supplemental Material",
                              "Supporting Information",
                              "Acknowledgments",
                              "ACKNOWLEDGEMENTS",
                              "8. Acknowledgment",
                              "  Appendix A  "}) {
    const std::string page = std::string("[9] A. Smith. Livers. 2020.\n") + heading + "\nText.";
    EXPECT_EQ(find_references_end(page), std::optional<std::size_t>(28)) << heading;
  }
}

TEST(FindReferencesEnd, SentencesAndReferenceEntriesAreNotHeadings) {
  for (const char* line :
       {"[12] J. Doe. Appendix to the report. 2019.", "[3] Appendix", "12. Doe, J. Appendix B",
        "Appendix A shows the proofs of the lemmas.", "Appendix B of [3], 2019.",
        "appendix a of the technical report", "see Appendix A for the proofs",
        "The appendix gives the proofs", "Appendix.", "Appendix A contains the derivation of",
        "Supplementary material is available online.", "A supplementary material is available",
        "Acknowledgments. We thank the reviewers.", "Appendixes of the standard, pp. 3-5",
        "Appendix [4]: Proofs"}) {
    const std::string page = std::string("[9] A. Smith. Livers. 2020.\n") + line + "\nText.";
    EXPECT_FALSE(find_references_end(page).has_value()) << line;
  }
}

TEST(FindReferencesEnd, FirstHeadingAtOrAfterTheStart) {
  const std::string page = "Appendix\nbody\nReferences\n[1] x\nAppendix A\ny\nAppendix B\nz";
  EXPECT_EQ(find_references_end(page), 0u);
  EXPECT_EQ(find_references_end(page, page.find("References") + 1), page.find("Appendix A"));
  EXPECT_EQ(find_references_end(page, page.find("Appendix A")), page.find("Appendix A"));
  EXPECT_FALSE(find_references_end(page, page.size()).has_value());
  EXPECT_FALSE(find_references_end("").has_value());
}

}  // namespace
}  // namespace paper
