#include "common/schema.h"

#include <gtest/gtest.h>

namespace paper::schema {
namespace {

TEST(DocumentData, RoundTripsEveryField) {
  StoredPaper s;
  s.paper = Paper{
      "u-net-review",
      "U-Net Review",
      {"Reza Azad", "Ehsan Aghdam"},
      "TPAMI",
      2024,
      "Related Surveys",
      {Link{"ArXiv", "https://arxiv.org/pdf/2211.14830", "arxiv.org", LinkKind::kArxiv, true}},
      SourceLocation{"data/list.md", 13}};
  s.lists = {"data/list.md"};
  s.state = PaperState::kText;
  s.pdf_url = "https://arxiv.org/pdf/2211.14830";
  s.pdf_sha256 = "ab12";
  s.page_count = 2;
  s.abstract = "We review.";
  s.references_page = 2;
  s.pages = {"page one", "page two \f with form feed"};

  StoredPaper back = decode_document_data(encode_document_data(s), true);
  EXPECT_EQ(back.paper, s.paper);
  EXPECT_EQ(back.lists, s.lists);
  EXPECT_EQ(back.state, PaperState::kText);
  EXPECT_EQ(back.pdf_url, s.pdf_url);
  EXPECT_EQ(back.page_count, 2);
  EXPECT_EQ(back.abstract, "We review.");
  EXPECT_EQ(back.references_page, 2);
  ASSERT_EQ(back.pages.size(), 2u);
  EXPECT_EQ(back.pages[0], "page one");
  EXPECT_EQ(back.pages[1], "page two   with form feed");

  StoredPaper header_only = decode_document_data(encode_document_data(s), false);
  EXPECT_TRUE(header_only.pages.empty());
  EXPECT_EQ(header_only.paper.title, "U-Net Review");
}

TEST(DocumentData, UnknownYearIsNull) {
  StoredPaper s;
  s.paper.id = "x";
  EXPECT_NE(encode_document_data(s).find("\"year\":null"), std::string::npos);
  EXPECT_EQ(decode_document_data(encode_document_data(s), false).paper.year, std::nullopt);
}

TEST(FilterValue, JoinsWordsWithDashes) {
  EXPECT_EQ(filter_value("Generative Models"), "generative-models");
  EXPECT_EQ(filter_value("IEEE Access"), "ieee-access");
}

TEST(Positions, PageOfPosition) {
  EXPECT_EQ(page_of_position(5), 0u);
  EXPECT_EQ(page_of_position(kPageStride), 1u);
  EXPECT_EQ(page_of_position(3 * kPageStride + 17), 3u);
}

}  // namespace
}  // namespace paper::schema
