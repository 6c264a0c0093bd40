#include "common/schema.h"

#include <gtest/gtest.h>

#include "common/error.h"

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

  const std::string data = encode_document_data(s);
  EXPECT_EQ(data.find("page one"), std::string::npos);  // page texts are stored apart
  StoredPaper back = decode_document_data(data);
  EXPECT_EQ(back.paper, s.paper);
  EXPECT_EQ(back.lists, s.lists);
  EXPECT_EQ(back.state, PaperState::kText);
  EXPECT_EQ(back.pdf_url, s.pdf_url);
  EXPECT_EQ(back.page_count, 2);
  EXPECT_EQ(back.abstract, "We review.");
  EXPECT_EQ(back.references_page, 2);
  EXPECT_TRUE(back.pages.empty());
  EXPECT_EQ(back.stored_pages, 2);
}

TEST(DocumentData, OldLayoutWithPagesAsksForARebuild) {
  try {
    decode_document_data("{\"id\":\"x\"}\fpage one");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "index document data is not in the expected format; rebuild the index with "
                 "`paper-index build --rebuild`");
  }
}

TEST(PageText, KeyNamesPaperAndPage) {
  EXPECT_EQ(page_metadata_key("u-net-review", 1), "Pu-net-review/1");
  EXPECT_EQ(page_metadata_key("u-net-review", 12), "Pu-net-review/12");
}

TEST(PageText, RoundTripsCompressedRawAndEmpty) {
  std::string long_text;
  for (int i = 0; i < 50; ++i) long_text += "encoder decoder networks segment organs. ";
  const std::string z = encode_page_text(long_text);
  EXPECT_EQ(z[0], 'z');
  EXPECT_LT(z.size(), long_text.size() / 4);
  EXPECT_EQ(decode_page_text(z), long_text);

  const std::string r = encode_page_text("ab \f c");
  EXPECT_EQ(r, "rab \f c");
  EXPECT_EQ(decode_page_text(r), "ab \f c");

  EXPECT_EQ(encode_page_text(""), "");
  EXPECT_EQ(decode_page_text(""), "");
}

TEST(PageText, CorruptValueAsksForARebuild) {
  std::string z = encode_page_text(std::string(1000, 'a'));
  z.resize(z.size() / 2);
  for (const std::string& bad : {z, std::string("x123")}) {
    try {
      decode_page_text(bad);
      FAIL() << "no error";
    } catch (const Error& e) {
      EXPECT_STREQ(e.what(),
                   "index page text is not in the expected format; rebuild the index with "
                   "`paper-index build --rebuild`");
    }
  }
}

TEST(DocumentData, UnknownYearIsNull) {
  StoredPaper s;
  s.paper.id = "x";
  EXPECT_NE(encode_document_data(s).find("\"year\":null"), std::string::npos);
  EXPECT_EQ(decode_document_data(encode_document_data(s)).paper.year, std::nullopt);
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
