// Text layer or scan: a sparse real text layer is indexed, an empty or only stamped one is
// kNoText (the rule is in indexer/extract/worker.cc, next to kMinTextAlphanumerics).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "indexer/extract/extractor.h"
#include "tests/support/pdf_writer.h"
#include "tests/support/temp_dir.h"

namespace paper {
namespace {

using testing::PdfLine;
using testing::PdfPage;
using Status = ExtractedText::Status;

constexpr const char* kStamp = "Downloaded from https://example.org";

class ExtractTextLayer : public ::testing::Test {
 protected:
  ExtractedText extract(const std::string& name, const std::vector<PdfPage>& pages) {
    const std::string path = dir_.file(name);
    testing::write_file(path, testing::make_pdf(pages));
    ExtractOptions options;
    options.worker_exe = PAPER_TEST_WORKER;
    options.wall_seconds = 30;  // a safety net only
    return Extractor(options).extract(path);
  }

  testing::TempDir dir_;
};

// A slide's few words, large, in the middle of the page.
PdfPage slide(const std::string& words) { return PdfPage{{PdfLine{72, 400, 28, words}}, ""}; }

// 40 different slide texts of 2 or 3 short words: 100 words in all.
std::vector<std::string> deck_words() {
  const std::vector<std::string> topics = {"Liver", "Lung",  "Heart", "Brain", "Kidney",
                                           "Bone",  "Spine", "Colon", "Skin",  "Eye"};
  const std::vector<std::string> verbs = {"segmented", "detected", "measured", "tracked"};
  std::vector<std::string> texts;
  for (int i = 0; i < 40; ++i) {
    texts.push_back(topics[i % 10] + " " + verbs[i / 10] + (i % 2 ? " fast" : ""));
  }
  return texts;
}

TEST_F(ExtractTextLayer, SparseSlideDeckIsIndexed) {
  const std::vector<std::string> texts = deck_words();
  std::vector<PdfPage> pages;
  for (const std::string& text : texts) pages.push_back(slide(text));
  ExtractedText text = extract("deck.pdf", pages);
  ASSERT_EQ(text.status, Status::kOk) << text.reason;
  EXPECT_EQ(text.reason, "");
  EXPECT_EQ(text.page_count, 40);
  EXPECT_EQ(text.pages, texts);
  EXPECT_EQ(text.diagnostics, "little text: 100 words on 40 pages\n");
}

// A footer on every slide is left out of the count (it is taken for a stamp), not out of the
// text: the slides' own words still make the deck text.
TEST_F(ExtractTextLayer, SlideDeckWithAFooterOnEverySlide) {
  const std::vector<std::string> texts = deck_words();
  std::vector<PdfPage> pages;
  std::vector<std::string> expected;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    PdfPage page = slide(texts[i]);
    const std::string footer = "ACME Lab 2024 slide " + std::to_string(i + 1);
    page.lines.push_back(PdfLine{72, 40, 9, footer});
    pages.push_back(page);
    expected.push_back(texts[i] + "\n\n" + footer);
  }
  ExtractedText text = extract("deck-with-footer.pdf", pages);
  ASSERT_EQ(text.status, Status::kOk) << text.reason;
  EXPECT_EQ(text.pages, expected);
  EXPECT_EQ(text.diagnostics, "little text: 100 words on 40 pages\n");
}

TEST_F(ExtractTextLayer, AllPagesEmptyIsNoText) {
  PdfPage blank;
  PdfPage image;
  image.graphics = "0.5 g 72 72 468 648 re f";
  ExtractedText text = extract("blank.pdf", {image, blank, image, blank, blank});
  EXPECT_EQ(text.status, Status::kNoText);
  EXPECT_EQ(text.reason, "no text layer: scanned PDF?");
  EXPECT_EQ(text.page_count, 5);
  EXPECT_TRUE(text.pages.empty());
  EXPECT_EQ(text.diagnostics, "");
}

// A scan whose only text is its repository's stamp and a page number, on every page: the lines
// repeat (digits aside), so it is a scan, and the note quotes the stamp.
TEST_F(ExtractTextLayer, StampedScanIsNoText) {
  std::vector<PdfPage> pages;
  for (int i = 1; i <= 6; ++i) {
    PdfPage page;
    page.graphics = "0.5 g 72 72 468 648 re f";
    page.lines.push_back(PdfLine{72, 770, 8, kStamp});
    page.lines.push_back(PdfLine{290, 30, 8, "page " + std::to_string(i) + " of 6"});
    pages.push_back(page);
  }
  ExtractedText text = extract("stamped.pdf", pages);
  EXPECT_EQ(text.status, Status::kNoText);
  EXPECT_EQ(text.reason, "no text layer: scanned PDF?");
  EXPECT_EQ(text.page_count, 6);
  EXPECT_TRUE(text.pages.empty());
  EXPECT_EQ(text.diagnostics,
            "no text but a stamp on 6 of 6 pages: \"Downloaded from https://example.org\" / "
            "\"page 1 of 6\"\n");
}

// The same scan with a text cover page: its words are indexed, and a note says the other pages
// have none.
TEST_F(ExtractTextLayer, StampedScanWithATextCoverPageIsIndexed) {
  const std::string cover = "Liver Segmentation With Deep Networks. Alice Smith, 1987.";
  std::vector<PdfPage> pages;
  std::vector<std::string> expected;
  for (int i = 1; i <= 6; ++i) {
    PdfPage page = testing::single_column_page(i == 1 ? cover : "");
    page.lines.push_back(PdfLine{72, 770, 8, kStamp});
    pages.push_back(page);
    expected.push_back(i == 1 ? kStamp + ("\n\n" + cover) : kStamp);
  }
  ExtractedText text = extract("stamped-with-cover.pdf", pages);
  ASSERT_EQ(text.status, Status::kOk) << text.reason;
  EXPECT_EQ(text.pages, expected);
  EXPECT_EQ(text.diagnostics, "text on only 1 of 6 pages: the others may be scanned images\n");
}

// One page cannot show that a line is a stamp: its only line is taken for text.
TEST_F(ExtractTextLayer, OnePageWithOnlyAStampIsIndexed) {
  ExtractedText text =
      extract("one-stamped-page.pdf", {PdfPage{{PdfLine{72, 770, 8, kStamp}}, ""}});
  ASSERT_EQ(text.status, Status::kOk) << text.reason;
  EXPECT_EQ(text.pages, std::vector<std::string>{kStamp});
  EXPECT_EQ(text.diagnostics, "");
}

// The same text on every page is more than a stamp: it is a text, printed several times.
TEST_F(ExtractTextLayer, TheSameTextOnEveryPageIsText) {
  const std::string paragraph =
      "Medical image segmentation labels every pixel of a scan with the organ it belongs to. "
      "Deep networks made this far more accurate in recent years, on many organs and in many "
      "imaging modalities, from computed tomography to magnetic resonance and ultrasound. "
      "Our method uses attention gates and is trained on three public datasets.";
  const PdfPage page = testing::single_column_page(paragraph);
  ExtractedText text = extract("repeated.pdf", {page, page, page});
  ASSERT_EQ(text.status, Status::kOk) << text.reason;
  ASSERT_EQ(text.pages.size(), 3u);
  EXPECT_EQ(text.diagnostics, "");
}

}  // namespace
}  // namespace paper
