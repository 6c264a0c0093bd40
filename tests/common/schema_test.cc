#include "common/schema.h"

#include <gtest/gtest.h>

#include <cctype>
#include <cstdint>

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

// A page of numbered words ("w0 w1 ..."), one term each, with its chunks' word positions as
// the indexer records them (the first word of the page has position 1).
std::string numbered_words(int n) {
  std::string text;
  for (int i = 0; i < n; ++i) text += "w" + std::to_string(i) + (i % 12 == 11 ? ".\n" : " ");
  return text;
}

std::vector<PageChunkStart> chunk_starts(const std::string& text) {
  std::vector<PageChunkStart> chunks;
  for (std::size_t offset : page_chunk_offsets(text)) {
    std::uint32_t words_before = 0;
    for (std::size_t i = 0; i < offset; ++i) words_before += text[i] == 'w';
    chunks.push_back({offset, words_before + 1});
  }
  return chunks;
}

TEST(PageText, ChunksStartAtWhiteSpaceEveryChunkBytes) {
  const std::string text = numbered_words(1000);
  const std::vector<std::size_t> offsets = page_chunk_offsets(text);
  ASSERT_GE(offsets.size(), 5u);
  EXPECT_EQ(offsets[0], 0u);
  for (std::size_t i = 1; i < offsets.size(); ++i) {
    EXPECT_GE(offsets[i] - offsets[i - 1], kPageChunkBytes);
    EXPECT_LT(offsets[i] - offsets[i - 1], kPageChunkBytes + 8);
    EXPECT_TRUE(text[offsets[i]] == ' ' || text[offsets[i]] == '\n');
  }
  EXPECT_EQ(page_chunk_offsets("short page"), std::vector<std::size_t>{0});
  EXPECT_EQ(page_chunk_offsets(std::string(3000, 'x')), std::vector<std::size_t>{0});
}

TEST(PageText, RoundTripsChunkedRawAndEmpty) {
  const std::string text = numbered_words(1000);
  const std::string c = encode_page_text(text, chunk_starts(text));
  EXPECT_EQ(c[0], 'c');
  EXPECT_LT(c.size(), text.size() / 2);
  EXPECT_EQ(decode_page_text(c), text);

  // Too short to shrink: the chunk is stored raw.
  const std::string r = encode_page_text("ab \f c", {{0, 1}});
  EXPECT_EQ(r, std::string("c\x01\x06\x06\x01") + "ab \f c");
  EXPECT_EQ(decode_page_text(r), "ab \f c");

  EXPECT_EQ(encode_page_text("", {{0, 1}}), "");
  EXPECT_EQ(decode_page_text(""), "");
}

TEST(PageText, ExcerptIsTheChunksAroundAPosition) {
  const std::string text = numbered_words(1000);
  const std::vector<PageChunkStart> chunks = chunk_starts(text);
  const std::string value = encode_page_text(text, chunks);
  ASSERT_GE(chunks.size(), 5u);
  auto chunk_text = [&](std::size_t from, std::size_t to) {  // chunks from..to
    const std::size_t end = to + 1 < chunks.size() ? chunks[to + 1].offset : text.size();
    return text.substr(chunks[from].offset, end - chunks[from].offset);
  };
  // Word n has position n + 1. Mid-chunk: that chunk alone.
  const std::uint32_t mid = (chunks[2].position + chunks[3].position) / 2;
  PageExcerpt e = decode_page_excerpt(value, mid, mid + 3, 10);
  EXPECT_EQ(e.text, chunk_text(2, 2));
  const std::string word = "w" + std::to_string(mid - 1);
  const std::size_t at = e.text.find(word);
  ASSERT_NE(at, std::string::npos);
  EXPECT_FALSE(std::isdigit(static_cast<unsigned char>(e.text[at + word.size()])));
  EXPECT_TRUE(e.more_before);
  EXPECT_TRUE(e.more_after);
  // Close to the chunk's start: with the chunk before; close to its end: with the one after.
  EXPECT_EQ(decode_page_excerpt(value, chunks[2].position + 2, mid, 10).text, chunk_text(1, 2));
  EXPECT_EQ(decode_page_excerpt(value, mid, chunks[3].position - 2, 10).text, chunk_text(2, 3));
  // A cluster across a chunk edge: both chunks.
  EXPECT_EQ(decode_page_excerpt(value, mid, chunks[3].position + 40, 0).text, chunk_text(2, 3));
  // The first and the last chunk.
  e = decode_page_excerpt(value, 1, 1, 10);
  EXPECT_EQ(e.text, chunk_text(0, 0));
  EXPECT_FALSE(e.more_before);
  e = decode_page_excerpt(value, 1000, 1000, 10);
  EXPECT_EQ(e.text, chunk_text(chunks.size() - 1, chunks.size() - 1));
  EXPECT_FALSE(e.more_after);
}

TEST(PageText, CorruptValueAsksForARebuild) {
  const std::string text = numbered_words(1000);
  std::string c = encode_page_text(text, chunk_starts(text));
  std::string flipped = c;
  flipped[2] ^= 0x55;  // the first chunk's size
  std::string huge_count = "c\xff\xff\xff\xff\x0f";
  for (const std::string& bad : {c.substr(0, c.size() / 2), c.substr(0, 3), flipped, huge_count,
                                 std::string("c"), std::string("x123"), std::string("z\x01\x02")}) {
    try {
      decode_page_text(bad);
      decode_page_excerpt(bad, 5, 5, 10);
      FAIL() << "no error";
    } catch (const Error& e) {
      EXPECT_STREQ(e.what(),
                   "index page text is not in the expected format; rebuild the index with "
                   "`paper-index build --rebuild`");
    }
  }
}

TEST(DocumentData, UnknownYearHasNoLine) {
  StoredPaper s;
  s.paper.id = "x";
  EXPECT_EQ(encode_document_data(s).find("year"), std::string::npos);
  EXPECT_EQ(decode_document_data(encode_document_data(s)).paper.year, std::nullopt);
}

bool same_header(const StoredPaper& a, const StoredPaper& b) {
  return a.paper == b.paper && a.lists == b.lists && a.state == b.state && a.reason == b.reason &&
         a.pdf_url == b.pdf_url && a.pdf_sha256 == b.pdf_sha256 && a.page_count == b.page_count &&
         a.pdf_title == b.pdf_title && a.abstract == b.abstract &&
         a.references_page == b.references_page && a.references_offset == b.references_offset &&
         a.references_end_page == b.references_end_page &&
         a.references_end_offset == b.references_end_offset &&
         b.stored_pages == static_cast<int>(a.pages.size());
}

TEST(DocumentData, EveryFieldRoundTripsWithEdgeValues) {
  StoredPaper s;
  s.paper = Paper{"id\\",
                  "paper-header\t1\n title with the magic line \\",
                  {"\\", "", "tab\tin"},
                  "venue\r",
                  -5,
                  "sec\\tion",
                  {Link{"\\", "", "h", LinkKind::kCode, false}},
                  SourceLocation{"lists/a b.md", 12}};
  s.lists = {"a", "", "c\\"};
  s.state = PaperState::kText;
  s.reason = "\\n is not a newline";
  s.pdf_url = "file.pdf";
  s.pdf_sha256 = "00ff";
  s.page_count = -1;
  s.pdf_title = "\\";
  s.abstract = "";
  s.references_page = 0;
  s.references_offset = SIZE_MAX;
  s.pages = {"one", "two", "three"};
  EXPECT_TRUE(same_header(s, decode_document_data(encode_document_data(s))));
  s.paper.year = 0;
  s.references_offset = 0;
  EXPECT_TRUE(same_header(s, decode_document_data(encode_document_data(s))));
  s.references_page = 3;
  s.references_end_page = 4;
  s.references_end_offset = SIZE_MAX;
  EXPECT_TRUE(same_header(s, decode_document_data(encode_document_data(s))));
}

// Data written before the references had an end: they run to the end of the document.
TEST(DocumentData, ReferencesWithoutAnEndRunToTheEndOfTheDocument) {
  const StoredPaper old = decode_document_data(
      "paper-header\t1\nid\tx\nstate\ttext\npage_count\t4\nreferences_page\t3\n"
      "references_offset\t120\nstored_pages\t4\n");
  EXPECT_EQ(old.references_page, 3);
  EXPECT_EQ(old.references_offset, 120u);
  EXPECT_EQ(old.references_end_page, 0);
  EXPECT_EQ(old.references_end_offset, 0u);
  // Such a paper is written as before; an end adds two lines.
  StoredPaper s = old;
  s.pages.assign(4, "text");
  const std::string data = encode_document_data(s);
  EXPECT_EQ(data.find("references_end"), std::string::npos);
  s.references_end_page = 4;
  s.references_end_offset = 7;
  EXPECT_NE(encode_document_data(s).find("references_end_page\t4\nreferences_end_offset\t7\n"),
            std::string::npos);
}

TEST(DocumentData, AnyBytesInAValueRoundTrip) {
  StoredPaper s;
  s.paper.id = "x";
  s.paper.title = "Tabs\tnew\nlines\r and \\ back\\slashes \\t, «UTF-8» ";
  s.paper.authors = {"", "A\tB", "last\n"};
  s.paper.links = {Link{"Pa\tper", "https://x.org/a\\b", "x.org", LinkKind::kPdf, true},
                   Link{"", "", "", LinkKind::kOther, false}};
  s.abstract = "line one\nline two\n\n";
  s.reason = std::string("bad \xff\xfe bytes");
  const StoredPaper back = decode_document_data(encode_document_data(s));
  EXPECT_EQ(back.paper.title, s.paper.title);
  EXPECT_EQ(back.paper.authors, s.paper.authors);
  EXPECT_EQ(back.paper.links, s.paper.links);
  EXPECT_EQ(back.abstract, s.abstract);
  EXPECT_EQ(back.reason, "bad \ufffd\ufffd bytes");  // invalid UTF-8 replaced
}

TEST(DocumentData, UnknownKeysAreSkipped) {
  const StoredPaper s =
      decode_document_data("paper-header\t1\nid\tx\nnewer_field\tvalue\ntitle\tT\n");
  EXPECT_EQ(s.paper.id, "x");
  EXPECT_EQ(s.paper.title, "T");
}

TEST(DocumentData, MalformedHeadersAskForARebuild) {
  for (const std::string& bad :
       {std::string("{\"id\":\"x\"}"), std::string("paper-header\t1\nid\tx"),
        std::string("paper-header\t1\nid x\n"), std::string("paper-header\t1\nyear\t20x0\n"),
        std::string("paper-header\t1\npage_count\t3.5\n"),
        std::string("paper-header\t1\nstored_pages\t99999999999\n"),
        std::string("paper-header\t1\nreferences_offset\t-1\n"),
        std::string("paper-header\t1\nreferences_end_page\tfour\n"),
        std::string("paper-header\t1\nlink\tPaper\thttps://x\n"), std::string()}) {
    try {
      decode_document_data(bad);
      FAIL() << "no error for " << bad;
    } catch (const Error& e) {
      EXPECT_STREQ(e.what(),
                   "index document data is not in the expected format; rebuild the index with "
                   "`paper-index build --rebuild`");
    }
  }
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
