// The seed list: every irregularity of ../shared/reference/seed-and-links.md Part A.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "indexer/catalogue/catalogue.h"
#include "indexer/catalogue/links.h"

namespace paper {
namespace {

constexpr const char* kSeed = "data/awesome-medical-image-segmentation.md";

std::string seed_text() {
  std::ifstream in(std::string(PAPER_SOURCE_DIR) + "/" + kSeed, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

const Catalogue& seed() {
  static const Catalogue catalogue = parse_list_text(seed_text(), kSeed);
  return catalogue;
}

const Paper& paper_at(int line) {
  for (const auto& p : seed().papers) {
    if (p.source.line == line) return p;
  }
  static Paper none;
  ADD_FAILURE() << "no paper at line " << line;
  return none;
}

struct Expected {
  int line;
  std::string title;
  std::vector<std::string> authors;
  std::string venue;
  int year;
  std::string section;
  std::vector<std::pair<std::string, std::string>> links;  // label, url
};

// From seed-inventory.tsv (repaired strings), with the parser's documented clean-ups: authors
// trimmed, "and"/"et al." dropped, code-host URLs normalised, a URL repeated in one entry kept
// once, year 1018 taken from the CVF URL.
const std::vector<Expected> kExpected = {
#include "seed_expected.inc"
};

TEST(CatalogueSeed, KeepsExactlyTheTwentyOneRealPapers) {
  ASSERT_EQ(seed().papers.size(), 21u);
  EXPECT_EQ(seed().unreadable_lists, 0);
}

TEST(CatalogueSeed, EveryRecordMatchesTheInventory) {
  ASSERT_EQ(seed().papers.size(), kExpected.size());
  for (std::size_t i = 0; i < kExpected.size(); ++i) {
    const Paper& p = seed().papers[i];
    const Expected& e = kExpected[i];
    SCOPED_TRACE("line " + std::to_string(e.line));
    EXPECT_EQ(p.source, (SourceLocation{kSeed, e.line}));
    EXPECT_EQ(p.title, e.title);
    EXPECT_EQ(p.authors, e.authors);
    EXPECT_EQ(p.venue, e.venue);
    EXPECT_EQ(p.year, e.year);
    EXPECT_EQ(p.section, e.section);
    ASSERT_EQ(p.links.size(), e.links.size());
    for (std::size_t k = 0; k < e.links.size(); ++k) {
      EXPECT_EQ(p.links[k].label, e.links[k].first);
      EXPECT_EQ(p.links[k].url, e.links[k].second);
      EXPECT_EQ(p.links[k].host, url_host(e.links[k].second));
    }
  }
}

TEST(CatalogueSeed, RepairsMojibakeInTheSqueezeAndExciteRecord) {
  const Paper& p = paper_at(111);
  Paper expected;
  expected.id = p.id;
  expected.title =
      "\xE2\x80\x98Squeeze & Excite\xE2\x80\x99 Guided Few-Shot Segmentation of "
      "Volumetric Images";
  expected.authors = {"Abhijit Guha Roy", "Shayan Siddiqui", "Sebastian P\xC3\xB6lsterl",
                      "Nassir Navab", "Christian Wachinger"};
  expected.venue = "MIA";
  expected.year = 2020;
  expected.section = "Few-Shot Learning";
  expected.links = {
      {"Paper", "https://www.sciencedirect.com/science/article/abs/pii/S1361841519301276",
       "www.sciencedirect.com", LinkKind::kLanding, false},
      {"ArXiv", "https://arxiv.org/abs/2308.16150", "arxiv.org", LinkKind::kArxiv, true},
      {"Github", "https://github.com/abhi4ssj/few-shot-segmentation", "github.com", LinkKind::kCode,
       false}};
  expected.source = {kSeed, 111};
  EXPECT_EQ(p, expected);
  EXPECT_EQ(p.id, "squeeze-excite-guided-few-shot-segmentation-dc50cd0a");
}

TEST(CatalogueSeed, SectionsLoseTheBrokenIconBytes) {
  std::vector<std::string> sections;
  for (const auto& p : seed().papers) {
    if (sections.empty() || sections.back() != p.section) sections.push_back(p.section);
  }
  EXPECT_EQ(sections, (std::vector<std::string>{"Related Surveys", "Generative Models",
                                                "Few-Shot Learning"}));
}

TEST(CatalogueSeed, WarnsForPlaceholdersBadYearAndSharedArxivLink) {
  auto at = [](int line) { return SourceLocation{kSeed, line}; };
  std::vector<Diagnostic> expected = {
      {at(37), "entry \"U-Net\" has no link; add a [Paper](url) or remove it"},
      {at(42), "entry \"U-Net\" has no link; add a [Paper](url) or remove it"},
      {at(47), "entry \"U-Net\" has no link; add a [Paper](url) or remove it"},
      {at(95),
       "year 1018 is not plausible; using 2018 from the link on openaccess.thecvf.com; correct "
       "the year in the list"},
      {at(111),
       "arXiv 2308.16150 is also the link of a different paper at "
       "data/awesome-medical-image-segmentation.md:107 (\"Self-supervision with Superpixels: "
       "Training Few-shot Medical Image Segmentation without Annotation\"); kept both and marked "
       "the link suspect; fix the wrong one"},
      {at(123), "entry \"S\" has no link; add a [Paper](url) or remove it"},
      {at(127), "entry \"S\" has no link; add a [Paper](url) or remove it"},
  };
  EXPECT_EQ(seed().warnings, expected);
}

TEST(CatalogueSeed, TakesTheYearFromTheCvfUrlWhenTheListSays1018) {
  const Paper& p = paper_at(93);
  EXPECT_EQ(p.venue, "CVPR");
  EXPECT_EQ(p.year, 2018);
}

TEST(CatalogueSeed, MarksTheSharedWrongArxivLinkSuspectOnBothPapers) {
  for (int line : {107, 111}) {
    const Paper& p = paper_at(line);
    ASSERT_EQ(p.links.size(), 3u);
    EXPECT_EQ(p.links[1].url, "https://arxiv.org/abs/2308.16150");
    EXPECT_TRUE(p.links[1].suspect) << line;
    EXPECT_FALSE(p.links[0].suspect);
    EXPECT_FALSE(p.links[2].suspect);
  }
  int suspect = 0;
  for (const auto& p : seed().papers) {
    for (const auto& l : p.links) suspect += l.suspect ? 1 : 0;
  }
  EXPECT_EQ(suspect, 2);
}

TEST(CatalogueSeed, ClassifiesLinksByHostNeverByLabel) {
  // Every "ArXiv"-labelled link on a non-arXiv host (entries 5, 11, 12, 14, 16, 18, 20).
  EXPECT_EQ(paper_at(29).links[1].kind, LinkKind::kPdf);      // signed sciencedirectassets PDF
  EXPECT_EQ(paper_at(61).links.size(), 2u);                   // Paper == ArXiv: kept once
  EXPECT_EQ(paper_at(61).links[0].kind, LinkKind::kLanding);  // ojs.aaai.org article page
  EXPECT_EQ(paper_at(65).links[1].kind, LinkKind::kPdf);      // PMLR .pdf
  EXPECT_EQ(paper_at(73).links[0].kind, LinkKind::kLanding);  // CVF html
  EXPECT_EQ(paper_at(73).links[1].kind, LinkKind::kPdf);      // CVF papers/ .pdf
  EXPECT_EQ(paper_at(81).links[1].kind, LinkKind::kLanding);  // PMC article
  EXPECT_EQ(paper_at(97).links[1].kind, LinkKind::kPdf);      // ResearchGate .pdf
  const Link& drive = paper_at(89).links[1];
  EXPECT_EQ(drive,
            (Link{"ArXiv", "https://drive.google.com/file/d/1CwXjadj3GHzjGQ6ox76TgOit3UQ8AvPu/view",
                  "drive.google.com", LinkKind::kLanding, false}));
  EXPECT_EQ(paper_at(89).links[2].url, "https://github.com/zhyhan/Spine-GAN");
  EXPECT_EQ(paper_at(13).links[1].kind, LinkKind::kArxiv);
  EXPECT_EQ(paper_at(13).links[0].kind, LinkKind::kLanding);
  EXPECT_TRUE(is_signed_url(paper_at(29).links[1].url));
}

TEST(CatalogueSeed, TrimsAuthorsAndDropsEtAl) {
  EXPECT_EQ(paper_at(77).authors,
            (std::vector<std::string>{"Veit Sandfort", "Ke Yan", "perry J. pickhardt",
                                      "Ronald M. Summers"}));
  EXPECT_EQ(paper_at(81).authors,
            (std::vector<std::string>{"Faisal Mahmood", "Daniel Borders", "Richard Chen"}));
  EXPECT_EQ(paper_at(97).authors[3], "Maridel Fredericksen");
  EXPECT_EQ(paper_at(97).authors[4], "David P. Hughes");
}

TEST(CatalogueSeed, IdsSurviveReorderingAdditionsAndLinkFixes) {
  std::string text = seed_text();
  // Move the Squeeze & Excite block to the top, fix its arXiv link, add a paper before it.
  std::string block_start = "**\xE2\x80\x9A\xC3\x84\xC3\xB2Squeeze";
  auto b = text.find(block_start);
  ASSERT_NE(b, std::string::npos);
  auto e = text.find("\n\n", b);
  std::string block = text.substr(b, e - b);
  text.erase(b, e - b);
  auto fix = block.find("2308.16150");
  block.replace(fix, 10, "1902.01314");
  text = "**A New Paper** \\\n[MIA, 2025] [[Paper](https://arxiv.org/abs/2501.00001)]\n\n" + block +
         "\n\n" + text;
  Catalogue changed = parse_list_text(text, kSeed);
  ASSERT_EQ(changed.papers.size(), 22u);
  for (const auto& original : seed().papers) {
    auto it = std::find_if(changed.papers.begin(), changed.papers.end(),
                           [&](const Paper& p) { return p.title == original.title; });
    ASSERT_NE(it, changed.papers.end()) << original.title;
    EXPECT_EQ(it->id, original.id);
  }
  std::vector<std::string> ids;
  for (const auto& p : changed.papers) ids.push_back(p.id);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end());
}

}  // namespace
}  // namespace paper
