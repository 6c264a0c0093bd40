// End-to-end tests of the extractor: PDFs written at test time, extracted by real worker
// processes (extract_test_worker runs paper::run_extract_worker).
#include "indexer/extract/extractor.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <future>
#include <sstream>
#include <string>
#include <vector>

#include "common/error.h"
#include "tests/support/pdf_writer.h"
#include "tests/support/temp_dir.h"

namespace paper {
namespace {

using testing::PdfInfo;
using testing::PdfLine;
using testing::PdfPage;
using Status = ExtractedText::Status;

ExtractOptions test_options() {
  ExtractOptions options;
  options.worker_exe = PAPER_TEST_WORKER;
  options.wall_seconds = 30;  // a safety net only; the fault tests set their own
  return options;
}

// Sets PAPER_EXTRACT_TEST_FAULT for workers started while it lives.
class FaultInjection {
 public:
  explicit FaultInjection(const std::string& spec) {
    setenv("PAPER_EXTRACT_TEST_FAULT", spec.c_str(), 1);
  }
  ~FaultInjection() { unsetenv("PAPER_EXTRACT_TEST_FAULT"); }
};

std::vector<std::string> non_empty_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

class ExtractorTest : public ::testing::Test {
 protected:
  std::string write_pdf(const std::string& name, const std::vector<PdfPage>& pages,
                        const PdfInfo& info = {}) {
    std::string path = dir_.file(name);
    testing::write_file(path, testing::make_pdf(pages, info));
    return path;
  }
  std::string simple_pdf(const std::string& name, const std::string& text) {
    return write_pdf(name, {testing::single_column_page(text)});
  }

  testing::TempDir dir_;
};

TEST_F(ExtractorTest, OneColumnPaperPageByPage) {
  std::string path = write_pdf(
      "paper.pdf",
      {testing::single_column_page("Liver Segmentation With Deep Networks. We study livers."),
       testing::single_column_page("The known phrase hepatic vessel tree appears only here."),
       testing::single_column_page("Conclusion: livers are segmented.")},
      {"Liver Segmentation With Deep Networks", "Alice Smith"});
  Extractor extractor(test_options());
  ExtractedText text = extractor.extract(path);
  ASSERT_EQ(text.status, Status::kOk) << text.reason;
  EXPECT_EQ(text.reason, "");
  EXPECT_EQ(text.pdf_title, "Liver Segmentation With Deep Networks");
  EXPECT_EQ(text.pdf_author, "Alice Smith");
  EXPECT_EQ(text.page_count, 3);
  ASSERT_EQ(text.pages.size(), 3u);
  EXPECT_EQ(text.pages[0], "Liver Segmentation With Deep Networks. We study livers.");
  EXPECT_EQ(text.pages[1], "The known phrase hepatic vessel tree appears only here.");
  EXPECT_EQ(text.pages[2], "Conclusion: livers are segmented.");
  EXPECT_EQ(text.references_page, 0);
  EXPECT_EQ(text.abstract, "");
}

// Up to 2 MB a PDF is read into memory at once, past that Poppler reads it from disk: both
// give the same text.
TEST_F(ExtractorTest, SmallAndLargePdfsGiveTheSameText) {
  PdfPage page = testing::single_column_page("A page of text that stays the same.");
  const std::string small = write_pdf("small.pdf", {page});
  page.graphics = "% " + std::string(3u << 20, 'x') + "\n";  // a 3 MB comment
  const std::string large = write_pdf("large.pdf", {page});
  ASSERT_GT(std::filesystem::file_size(large), 2u << 20);
  Extractor extractor(test_options());
  for (const std::string& path : {small, large}) {
    ExtractedText text = extractor.extract(path);
    ASSERT_EQ(text.status, Status::kOk) << path << ": " << text.reason;
    ASSERT_EQ(text.pages.size(), 1u);
    EXPECT_EQ(text.pages[0], "A page of text that stays the same.") << path;
  }
}

TEST_F(ExtractorTest, TwoColumnPaperComesOutColumnByColumn) {
  const std::string left =
      "Medical image segmentation labels every pixel of a scan with the organ it belongs to. "
      "Deep networks made this far more accurate in recent years, on many organs.";
  const std::string right =
      "Our method uses attention gates and is trained on three public datasets of abdominal "
      "computed tomography with careful augmentation and a new loss.";
  const std::vector<std::string> heading = {"Attention Gates for Organ Segmentation",
                                            "Alice Smith and Bob Jones"};
  std::string path = write_pdf("two-column.pdf", {testing::two_column_page(heading, left, right)});
  Extractor extractor(test_options());
  ExtractedText text = extractor.extract(path);
  ASSERT_EQ(text.status, Status::kOk) << text.reason;
  ASSERT_EQ(text.pages.size(), 1u);

  std::vector<std::string> expected = heading;
  for (const std::string& line : testing::wrap_words(left, 42)) expected.push_back(line);
  for (const std::string& line : testing::wrap_words(right, 42)) expected.push_back(line);
  ASSERT_GE(testing::wrap_words(left, 42).size(), 3u);  // the columns share baselines
  EXPECT_EQ(non_empty_lines(text.pages[0]), expected);
}

TEST_F(ExtractorTest, FullWidthAbstractThenNarrowGutterColumns) {
  // IEEE-like: a full-width title and abstract, then two columns whose lines share baselines,
  // 12 pt between the longest left line (ends at x=261) and the right column.
  PdfPage page;
  page.lines.push_back(PdfLine{120, 750, 18, "Narrow Gutter Networks for Segmentation"});
  std::vector<std::string> expected = {"Narrow Gutter Networks for Segmentation"};
  double y = 720;
  for (const std::string& line : testing::wrap_words(
           "Abstract. This full width abstract spans both columns of the page and goes on for a "
           "few lines so that the text crosses the gutter again and again.",
           100)) {
    page.lines.push_back(PdfLine{54, y, 10, line});
    expected.push_back(line);
    y -= 12;
  }
  const double top = y - 10;
  const std::vector<std::string> left = {
      "L0 one two three four five six seven eight", "L1 nine ten eleven twelve thirteen fourteen",
      "L2 fifteen sixteen seventeen eighteen nineteen", "L3 twenty twentyone twentytwo"};
  const std::vector<std::string> right = {
      "R0 alpha beta gamma delta epsilon zeta eta", "R1 theta iota kappa lambda mu nu xi omicron",
      "R2 sigma tau upsilon phi chi psi omega", "R3 aleph beth gimel daleth"};
  for (std::size_t i = 0; i < left.size(); ++i) {
    page.lines.push_back(PdfLine{54, top - 12.0 * i, 10, left[i]});
    page.lines.push_back(PdfLine{273, top - 12.0 * i, 10, right[i]});
  }
  expected.insert(expected.end(), left.begin(), left.end());
  expected.insert(expected.end(), right.begin(), right.end());
  Extractor extractor(test_options());
  ExtractedText text = extractor.extract(write_pdf("ieee.pdf", {page}));
  ASSERT_EQ(text.status, Status::kOk) << text.reason;
  EXPECT_EQ(non_empty_lines(text.pages.at(0)), expected);
  EXPECT_EQ(text.abstract.rfind("This full width abstract spans both columns", 0), 0u);
}

TEST_F(ExtractorTest, JoinsHyphenatedLineEnds) {
  PdfPage page;
  page.lines = {PdfLine{72, 700, 10, "Medical image seg-"},
                PdfLine{72, 686, 10, "mentation with a U-Net model"}};
  Extractor extractor(test_options());
  ExtractedText text = extractor.extract(write_pdf("hyphens.pdf", {page}));
  ASSERT_EQ(text.status, Status::kOk) << text.reason;
  EXPECT_EQ(text.pages.at(0), "Medical image segmentation with a U-Net model");
}

TEST_F(ExtractorTest, JoinsAWordHyphenatedAcrossColumns) {
  PdfPage page = testing::two_column_page({}, "the left column ends with a word cut in seg-",
                                          "mentation and the right column goes on");
  Extractor extractor(test_options());
  ExtractedText text = extractor.extract(write_pdf("column-hyphen.pdf", {page}));
  ASSERT_EQ(text.status, Status::kOk) << text.reason;
  EXPECT_EQ(
      text.pages.at(0),
      "the left column ends with a word cut in\nsegmentation\n\nand the right column goes on");
}

TEST_F(ExtractorTest, ExpandsLigatureGlyphsAndComposesAccents) {
  PdfPage page;
  page.lines = {PdfLine{72, 700, 10,
                        "The \xEF\xAC\x81rst e\xCC\x81t\xC3\xA9 e\xEF\xAC\x80"
                        "ect of o\xEF\xAC\x83"
                        "cial \xEF\xAC\x82ow"}};
  Extractor extractor(test_options());
  ExtractedText text = extractor.extract(write_pdf("ligatures.pdf", {page}));
  ASSERT_EQ(text.status, Status::kOk) << text.reason;
  EXPECT_EQ(text.pages.at(0), "The first \xC3\xA9t\xC3\xA9 effect of official flow");
}

TEST_F(ExtractorTest, DetectsAbstractAndReferences) {
  PdfPage first;
  first.lines = {PdfLine{72, 740, 16, "Liver Segmentation With Deep Networks"},
                 PdfLine{72, 700, 10, "Abstract"},
                 PdfLine{72, 686, 10, "We segment livers in CT scans with a deep network."},
                 PdfLine{72, 672, 10, "It beats the baselines."},
                 PdfLine{72, 640, 10, "1 Introduction"},
                 PdfLine{72, 626, 10, "Livers are large organs."}};
  PdfPage last;
  last.lines = {PdfLine{72, 740, 10, "Conclusion text."}, PdfLine{72, 700, 12, "References"},
                PdfLine{72, 680, 10, "[1] A. Smith. Livers. 2020."}};
  Extractor extractor(test_options());
  ExtractedText text = extractor.extract(
      write_pdf("sections.pdf", {first, testing::single_column_page("Method text."), last}));
  ASSERT_EQ(text.status, Status::kOk) << text.reason;
  EXPECT_EQ(text.abstract,
            "We segment livers in CT scans with a deep network. It beats the baselines.");
  EXPECT_EQ(text.references_page, 3);
  ASSERT_EQ(text.pages.size(), 3u);
  EXPECT_EQ(text.references_offset, text.pages[2].find("References"));
  EXPECT_EQ(text.pages[2].substr(text.references_offset),
            "References\n[1] A. Smith. Livers. 2020.");
}

// An appendix after the reference list ends it: the worker reports where.
TEST_F(ExtractorTest, AppendixHeadingEndsTheReferences) {
  PdfPage refs;
  refs.lines = {PdfLine{72, 740, 10, "Conclusion text."}, PdfLine{72, 700, 12, "References"},
                PdfLine{72, 680, 10, "[1] A. Smith. Appendix to the liver atlas. 2020."}};
  PdfPage appendix;
  appendix.lines = {PdfLine{72, 740, 10, "[2] B. Jones. Kidneys. 2021."},
                    PdfLine{72, 700, 12, "Appendix A"},
                    PdfLine{72, 680, 10, "The proofs of the lemmas."}};
  Extractor extractor(test_options());
  ExtractedText text = extractor.extract(
      write_pdf("appendix.pdf", {testing::single_column_page("Title and introduction."),
                                 testing::single_column_page("Method text."), refs, appendix}));
  ASSERT_EQ(text.status, Status::kOk) << text.reason;
  ASSERT_EQ(text.pages.size(), 4u);
  EXPECT_EQ(text.references_page, 3);
  EXPECT_EQ(text.references_offset, text.pages[2].find("References"));
  EXPECT_EQ(text.references_end_page, 4);
  EXPECT_EQ(text.pages[3].substr(text.references_end_offset),
            "Appendix A\nThe proofs of the lemmas.");
  // Without the heading, the references run to the end.
  appendix.lines.erase(appendix.lines.begin() + 1);
  text = extractor.extract(
      write_pdf("no-appendix.pdf", {testing::single_column_page("Title and introduction."),
                                    testing::single_column_page("Method text."), refs, appendix}));
  ASSERT_EQ(text.status, Status::kOk) << text.reason;
  EXPECT_EQ(text.references_page, 3);
  EXPECT_EQ(text.references_end_page, 0);
}

// A "References" section early in a long document (a manual's list of sources) is not its
// reference list: the rest of the document stays body text.
TEST_F(ExtractorTest, ReferencesHeadingInTheFirstHalfOfALongDocumentIsASection) {
  PdfPage early;
  early.lines = {PdfLine{72, 740, 12, "References"},
                 PdfLine{72, 720, 10, "The packages this manual builds on."}};
  std::vector<PdfPage> pages{testing::single_column_page("Title page of the manual."), early};
  for (int i = 0; i < 4; ++i)
    pages.push_back(
        testing::single_column_page("Usage text of the manual, with enough words on the page."));
  Extractor extractor(test_options());
  ExtractedText text = extractor.extract(write_pdf("manual.pdf", pages));
  ASSERT_EQ(text.status, Status::kOk) << text.reason;
  ASSERT_EQ(text.pages.size(), 6u);
  EXPECT_EQ(text.references_page, 0);
  // The same heading on page 4 of 6 is the reference list.
  std::vector<PdfPage> late(pages.begin(), pages.end());
  std::swap(late[1], late[3]);
  text = extractor.extract(write_pdf("late.pdf", late));
  ASSERT_EQ(text.status, Status::kOk) << text.reason;
  EXPECT_EQ(text.references_page, 4) << text.pages.at(3);
}

TEST_F(ExtractorTest, MetadataTitleVersusFirstPageTitle) {
  const std::string title = "Liver Segmentation With Deep Networks";
  std::string path =
      write_pdf("meta.pdf",
                {testing::single_column_page("arXiv:2101.00001v1 [eess.IV] 1 Jan 2021"),
                 testing::single_column_page("unused")},
                {"Microsoft Word - draft3.docx", ""});
  // Put the title on the first page, under the arXiv stamp.
  PdfPage first;
  first.lines = {PdfLine{72, 760, 8, "arXiv:2101.00001v1 [eess.IV] 1 Jan 2021"},
                 PdfLine{72, 720, 16, "Liver Segmentation With"},
                 PdfLine{72, 700, 16, "Deep Networks"}, PdfLine{72, 670, 10, "Alice Smith"}};
  path = write_pdf("meta.pdf", {first}, {"Microsoft Word - draft3.docx", ""});
  Extractor extractor(test_options());
  ExtractedText text = extractor.extract(path);
  ASSERT_EQ(text.status, Status::kOk) << text.reason;
  EXPECT_EQ(text.pdf_title, "Microsoft Word - draft3.docx");
  EXPECT_EQ(document_title(text), title);  // its two lines joined
  EXPECT_TRUE(title_matches_text(title, text));
  EXPECT_TRUE(title_matches_page(title, text.pages[0]));
  EXPECT_FALSE(title_matches_text("Kidney Segmentation With Deep Networks", text));
}

TEST_F(ExtractorTest, PasswordProtectedPdf) {
  std::string plain = simple_pdf("plain.pdf", "Secret results about livers and kidneys.");
  std::string locked = dir_.file("locked.pdf");
  testing::qpdf_encrypt(plain, locked, "user-pass", "owner-pass");
  Extractor extractor(test_options());
  ExtractedText text = extractor.extract(locked);
  EXPECT_EQ(text.status, Status::kEncrypted);
  EXPECT_EQ(text.reason, "PDF is password-protected");
  EXPECT_TRUE(text.pages.empty());

  // Encrypted with an empty user password: anyone may open it, so it is extracted.
  std::string open = dir_.file("open.pdf");
  testing::qpdf_encrypt(plain, open, "", "owner-pass");
  text = extractor.extract(open);
  ASSERT_EQ(text.status, Status::kOk) << text.reason;
  EXPECT_EQ(text.pages.at(0), "Secret results about livers and kidneys.");
}

TEST_F(ExtractorTest, TruncatedPdf) {
  std::string whole = testing::make_pdf({testing::single_column_page("First page text here."),
                                         testing::single_column_page("Second page text.")});
  std::string path = dir_.file("truncated.pdf");
  testing::write_file(path, whole.substr(0, whole.size() * 6 / 10));
  Extractor extractor(test_options());
  ::testing::internal::CaptureStderr();
  ExtractedText text = extractor.extract(path);
  EXPECT_EQ(::testing::internal::GetCapturedStderr(),
            "");  // Poppler's chatter stays with the paper
  EXPECT_EQ(text.status, Status::kCorrupt);
  EXPECT_EQ(text.reason, "PDF is damaged or truncated: Poppler cannot open it");
  EXPECT_NE(text.diagnostics.find("poppler: "), std::string::npos) << text.diagnostics;
  EXPECT_TRUE(text.pages.empty());
}

TEST_F(ExtractorTest, DamagedPdf) {
  std::string path = dir_.file("damaged.pdf");
  testing::write_file(path, "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\n%%EOF\n");
  Extractor extractor(test_options());
  ExtractedText text = extractor.extract(path);
  EXPECT_EQ(text.status, Status::kCorrupt);
  EXPECT_EQ(text.reason, "PDF is damaged or truncated: Poppler cannot open it");
}

TEST_F(ExtractorTest, ZeroByteFile) {
  std::string path = dir_.file("empty.pdf");
  testing::write_file(path, "");
  Extractor extractor(test_options());
  ExtractedText text = extractor.extract(path);
  EXPECT_EQ(text.status, Status::kEmptyFile);
  EXPECT_EQ(text.reason, "file is empty (0 bytes)");
}

TEST_F(ExtractorTest, NoTextLayer) {
  PdfPage scan;
  scan.graphics = "0.5 g 72 72 468 648 re f";
  Extractor extractor(test_options());
  ExtractedText text = extractor.extract(write_pdf("scan.pdf", {scan, scan}));
  EXPECT_EQ(text.status, Status::kNoText);
  EXPECT_EQ(text.reason, "no text layer: scanned PDF?");
  EXPECT_EQ(text.page_count, 2);
  EXPECT_TRUE(text.pages.empty());
}

TEST_F(ExtractorTest, GarbageAndMissingFiles) {
  std::string garbage = dir_.file("garbage.pdf");
  testing::write_file(garbage, "<!DOCTYPE html><html><body>Please log in</body></html>\x01\x02");
  Extractor extractor(test_options());
  ExtractedText text = extractor.extract(garbage);
  EXPECT_EQ(text.status, Status::kCorrupt);
  EXPECT_EQ(text.reason, "not a PDF: no %PDF header in the first 1024 bytes");

  text = extractor.extract(dir_.file("missing.pdf"));
  EXPECT_EQ(text.status, Status::kUnreadable);
  EXPECT_EQ(text.reason, "cannot read file: No such file or directory");
}

TEST_F(ExtractorTest, PageLimitIsReported) {
  std::string path =
      write_pdf("long.pdf", {testing::single_column_page("the first page of three"),
                             testing::single_column_page("the second page of three"),
                             testing::single_column_page("the third page of three")});
  ExtractOptions options = test_options();
  options.max_pages = 2;
  Extractor extractor(options);
  ExtractedText text = extractor.extract(path);
  ASSERT_EQ(text.status, Status::kOk) << text.reason;
  EXPECT_EQ(text.page_count, 3);
  EXPECT_EQ(text.pages,
            (std::vector<std::string>{"the first page of three", "the second page of three"}));
  EXPECT_EQ(text.diagnostics, "only the first 2 of 3 pages were extracted (page limit)\n");
}

TEST_F(ExtractorTest, HangIsKilledAtTheDeadlineAndTheNextPdfWorks) {
  FaultInjection fault("hang:hang-me");
  std::string hang = simple_pdf("hang-me.pdf", "never read by the worker");
  std::string good = simple_pdf("good.pdf", "Good text after a hang.");
  ExtractOptions options = test_options();
  options.wall_seconds = 1;
  Extractor extractor(options);
  auto start = std::chrono::steady_clock::now();
  ExtractedText text = extractor.extract(hang);
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(text.status, Status::kTimedOut);
  EXPECT_EQ(text.reason, "extraction timed out after 1 s");
  EXPECT_LT(elapsed, std::chrono::seconds(10));
  text = extractor.extract(good);
  ASSERT_EQ(text.status, Status::kOk) << text.reason;
  EXPECT_EQ(text.pages.at(0), "Good text after a hang.");
}

TEST_F(ExtractorTest, CrashCostsOnePdf) {
  FaultInjection fault("crash:crash-me");
  std::string crash = simple_pdf("crash-me.pdf", "never read by the worker");
  std::string good = simple_pdf("good.pdf", "Good text after a crash.");
  Extractor extractor(test_options());
  EXPECT_EQ(extractor.extract(good).status, Status::kOk);
  ExtractedText text = extractor.extract(crash);
  EXPECT_EQ(text.status, Status::kCrashed);
  EXPECT_EQ(text.reason, "extraction crashed (signal 11)");
  text = extractor.extract(good);
  ASSERT_EQ(text.status, Status::kOk) << text.reason;
  EXPECT_EQ(text.pages.at(0), "Good text after a crash.");
}

TEST_F(ExtractorTest, MemoryLimit) {
  FaultInjection fault("oom:oom-me");
  std::string oom = simple_pdf("oom-me.pdf", "never read by the worker");
  std::string good = simple_pdf("good.pdf", "Good text after running out of memory.");
  ExtractOptions options = test_options();
  options.memory_bytes = 256u << 20;
  Extractor extractor(options);
  ExtractedText text = extractor.extract(oom);
  EXPECT_EQ(text.status, Status::kOutOfMemory);
  EXPECT_EQ(text.reason, "extraction ran out of memory (limit 256 MB)");
  text = extractor.extract(good);
  ASSERT_EQ(text.status, Status::kOk) << text.reason;
}

TEST_F(ExtractorTest, CpuLimit) {
  FaultInjection fault("spin:spin-me");
  std::string spin = simple_pdf("spin-me.pdf", "never read by the worker");
  ExtractOptions options = test_options();
  options.cpu_seconds = 1;
  Extractor extractor(options);
  ExtractedText text = extractor.extract(spin);
  EXPECT_EQ(text.status, Status::kTimedOut);
  EXPECT_EQ(text.reason, "extraction used more than 1 s of CPU time");
}

TEST_F(ExtractorTest, CancelStopsBusyWorkersAndLaterCalls) {
  FaultInjection fault("hang:hang-me");
  std::string hang = simple_pdf("hang-me.pdf", "never read by the worker");
  Extractor extractor(test_options());  // 30 s deadline: only cancel() can end the hang early
  auto start = std::chrono::steady_clock::now();
  auto busy = std::async(std::launch::async, [&] { return extractor.extract(hang); });
  // cancel() may run before or after the worker starts: both must end the call.
  extractor.cancel();
  ASSERT_EQ(busy.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  ExtractedText text = busy.get();
  EXPECT_EQ(text.status, Status::kCancelled);
  EXPECT_EQ(text.reason, "extraction cancelled");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  text = extractor.extract(simple_pdf("later.pdf", "a later paper is not extracted"));
  EXPECT_EQ(text.status, Status::kCancelled);
}

TEST_F(ExtractorTest, AHangingPdfDoesNotHoldUpOtherThreads) {
  FaultInjection fault("hang:hang-me");
  std::string hang = simple_pdf("hang-me.pdf", "never read by the worker");
  std::vector<std::string> good;
  for (int i = 0; i < 5; ++i) {
    good.push_back(simple_pdf("good-" + std::to_string(i) + ".pdf",
                              "Good paper " + std::to_string(i) + " about kidneys."));
  }
  ExtractOptions options = test_options();
  options.wall_seconds = 60;
  Extractor extractor(options);
  auto hung = std::async(std::launch::async, [&] { return extractor.extract(hang); });
  auto others = std::async(std::launch::async, [&] {
    std::vector<std::string> got;
    for (const std::string& path : good) {
      ExtractedText text = extractor.extract(path);
      got.push_back(text.status == Status::kOk ? text.pages.at(0) : text.reason);
    }
    return got;
  });
  ASSERT_EQ(others.wait_for(std::chrono::seconds(50)), std::future_status::ready);
  std::vector<std::string> got = others.get();
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(got[i], "Good paper " + std::to_string(i) + " about kidneys.");
  EXPECT_EQ(hung.wait_for(std::chrono::seconds(0)), std::future_status::timeout);
  extractor.cancel();
  ASSERT_EQ(hung.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_EQ(hung.get().status, Status::kCancelled);
}

TEST_F(ExtractorTest, MissingWorkerIsARunError) {
  ExtractOptions options = test_options();
  options.worker_exe = dir_.file("no-such-worker");
  Extractor extractor(options);
  try {
    extractor.extract(simple_pdf("a.pdf", "some text for the worker"));
    FAIL() << "expected paper::Error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "cannot start the PDF extraction worker " +
                                         dir_.file("no-such-worker") +
                                         ": No such file or directory");
  }
}

TEST_F(ExtractorTest, ManyThreadsAtOnce) {
  constexpr int kThreads = 4, kPerThread = 6;
  std::vector<std::string> paths;
  for (int i = 0; i < kThreads * kPerThread; ++i) {
    paths.push_back(simple_pdf("paper-" + std::to_string(i) + ".pdf",
                               "Paper number " + std::to_string(i) + " about livers."));
  }
  Extractor extractor(test_options());
  std::vector<std::future<std::vector<std::string>>> futures;
  for (int t = 0; t < kThreads; ++t) {
    futures.push_back(std::async(std::launch::async, [&, t] {
      std::vector<std::string> got;
      for (int k = 0; k < kPerThread; ++k) {
        ExtractedText text = extractor.extract(paths[t * kPerThread + k]);
        got.push_back(text.status == Status::kOk ? text.pages.at(0) : text.reason);
      }
      return got;
    }));
  }
  for (int t = 0; t < kThreads; ++t) {
    ASSERT_EQ(futures[t].wait_for(std::chrono::seconds(60)), std::future_status::ready);
    std::vector<std::string> got = futures[t].get();
    for (int k = 0; k < kPerThread; ++k) {
      EXPECT_EQ(got[k], "Paper number " + std::to_string(t * kPerThread + k) + " about livers.");
    }
  }
}

}  // namespace
}  // namespace paper
