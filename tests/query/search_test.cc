// End to end: papers indexed through the real IndexWriter, searched through the library.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>

#include "common/error.h"
#include "indexer/index/index_writer.h"
#include "query/query_builder.h"
#include "query/searcher.h"
#include "tests/query/sample_papers.h"
#include "tests/query/test_index.h"
#include "tests/support/pdf_writer.h"
#include "tests/support/temp_dir.h"

namespace paper::query {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using ::testing::UnorderedElementsAre;

class QuerySearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::build_index(dir_.file("index"), testing::sample_papers(),
                         testing::repository_synonyms());
    searcher_ = std::make_unique<Searcher>(dir_.file("index"));
  }

  SearchResult search(const std::string& text, std::size_t limit = 10) {
    SearchRequest request;
    request.text = text;
    request.limit = limit;
    return searcher_->search(request);
  }

  // The message of the usage error (exit 64) a query gets, or "no error".
  std::string usage_error(const std::string& text) {
    try {
      search(text);
    } catch (const Error& e) {
      EXPECT_EQ(e.exit_code(), kExitUsage) << text;
      return e.what();
    }
    return "no error";
  }

  std::vector<std::string> ids(const std::string& text) {
    std::vector<std::string> out;
    for (const SearchHit& h : search(text).hits) out.push_back(h.paper.paper.id);
    return out;
  }

  std::vector<std::string> sorted_ids(const std::string& text) {
    std::vector<std::string> out = ids(text);
    std::sort(out.begin(), out.end());
    return out;
  }

  testing::TempDir dir_;
  std::unique_ptr<Searcher> searcher_;
};

TEST_F(QuerySearchTest, FindsAPaperByItsBodyTextWithThePageAndASnippet) {
  SearchResult r = search("superpixel graphs");
  ASSERT_EQ(r.total, 1u);
  const SearchHit& hit = r.hits[0];
  EXPECT_EQ(hit.rank, 1u);
  EXPECT_EQ(hit.paper.paper.id, "contrastive-semi");
  EXPECT_EQ(hit.paper.paper.title, "Learning from Unlabelled Scans with Consistency");
  EXPECT_EQ(hit.paper.paper.venue, "NeurIPS");
  EXPECT_EQ(*hit.paper.paper.year, 2021);
  ASSERT_EQ(hit.pages.size(), 1u);
  EXPECT_EQ(hit.pages[0].page, 2);
  EXPECT_EQ(hit.pages[0].url, "https://example.org/contrastive-semi.pdf#page=2");
  EXPECT_EQ(
      render_snippet(hit.pages[0].snippet, "«", "»"),
      "A contrastive loss over «superpixel» «graphs» pulls neighbouring regions together. Each "
      "«superpixel» is a node.");
}

TEST_F(QuerySearchTest, BestPagesComeFirstAndStemmedFormsAreHighlighted) {
  SearchResult r = search("contrastive pretraining");
  ASSERT_GE(r.hits.size(), 1u);
  EXPECT_EQ(r.hits[0].paper.paper.id, "diffusion-seg");
  ASSERT_FALSE(r.hits[0].pages.empty());
  EXPECT_EQ(r.hits[0].pages[0].page, 4);
  EXPECT_EQ(render_snippet(r.hits[0].pages[0].snippet, "[", "]"),
            "A [contrastive] [pretraining] baseline is weaker.");
}

TEST_F(QuerySearchTest, UNetSpellingsFindTheSamePapers) {
  const std::vector<std::string> expected{"nested-unet", "swin-seg", "unet"};
  EXPECT_EQ(sorted_ids("U-Net"), expected);
  EXPECT_EQ(sorted_ids("UNet"), expected);
  EXPECT_EQ(sorted_ids("U Net"), expected);
  EXPECT_EQ(sorted_ids("unet"), expected);
}

TEST_F(QuerySearchTest, AbbreviationsAndLongFormsMatchEachOther) {
  EXPECT_THAT(ids("CT"), UnorderedElementsAre("unet", "contrastive-semi"));
  EXPECT_THAT(ids("computed tomography"), UnorderedElementsAre("unet", "contrastive-semi"));
  EXPECT_THAT(ids("MRI"), UnorderedElementsAre("prototype-prostate", "diffusion-seg"));
  EXPECT_THAT(ids("magnetic resonance imaging"),
              UnorderedElementsAre("prototype-prostate", "diffusion-seg"));
  EXPECT_THAT(ids("GAN"), ElementsAre("gan-augment"));
  EXPECT_THAT(ids("few-shot"), UnorderedElementsAre("contrastive-semi", "prototype-prostate"));
  EXPECT_THAT(ids("low-shot"), UnorderedElementsAre("contrastive-semi", "prototype-prostate"));
  EXPECT_THAT(ids("SAM"), ElementsAre("sam-med"));
}

// "-x" leaves out the papers with x's long form too, as "NOT x" does.
TEST_F(QuerySearchTest, AnExcludedAbbreviationExcludesItsLongForm) {
  EXPECT_EQ(sorted_ids("segmentation -MRI"), sorted_ids("segmentation NOT MRI"));
  for (const std::string& id : ids("segmentation -MRI")) {
    EXPECT_NE(id, "diffusion-seg");  // "magnetic resonance imaging", never "MRI"
    EXPECT_NE(id, "prototype-prostate");
  }
  EXPECT_THAT(ids("segmentation -U-Net"), ::testing::Not(::testing::Contains("unet")));
}

TEST_F(QuerySearchTest, NearNextToAPhraseOrACompoundIsAUsageError) {
  for (const std::string query : {"U-Net NEAR contracting", "\"contracting path\" NEAR symmetric",
                                  "symmetric NEAR/3 (few-shot)"}) {
    EXPECT_THAT(usage_error(query), StartsWith("NEAR joins single words, and ")) << query;
  }
  // A synonym's abbreviation next to NEAR is searched as the word it is.
  EXPECT_FALSE(search("MRI NEAR prostate").any_word);
}

// Xapian reads these as plain words, or finds nothing, without a word: each is a usage error
// that says what to write.
TEST_F(QuerySearchTest, MalformedNearOperandsAreUsageErrors) {
  EXPECT_EQ(usage_error("contracting NEAR -symmetric"),
            "NEAR joins wanted words, and -symmetric is excluded; write contracting -symmetric "
            "without NEAR, or drop the -");
  EXPECT_EQ(
      usage_error("contracting NEAR/abc symmetric"),
      "NEAR/abc: write the distance as a number of words from 1, e.g. NEAR/5 (NEAR alone means "
      "NEAR/10)");
  EXPECT_THAT(usage_error("contracting ADJ/0 symmetric"), StartsWith("ADJ/0: write the distance"));
  EXPECT_EQ(usage_error("contracting NEAR title:networks"),
            "NEAR joins words of one field, but contracting and title:networks are not in the same "
            "one; give both words the field (title:...) or search without NEAR");
  for (const char* query : {"contracting NEAR", "NEAR/3 symmetric", "contracting NEAR AND path",
                            "contracting NEAR/1 NEAR/2 path"}) {
    EXPECT_EQ(usage_error(query),
              "NEAR joins two words: write one on each side, e.g. kiwi NEAR mango")
        << query;
  }
  EXPECT_THAT(ids("title:convolutional NEAR title:networks"), ElementsAre("unet"));
  EXPECT_THAT(ids("contracting NEAR/3 path"), UnorderedElementsAre("unet", "nested-unet"));
}

TEST_F(QuerySearchTest, SynonymSnippetHighlightsTheLongForm) {
  SearchResult r = search("CT scans");
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].paper.paper.id, "unet");
  ASSERT_FALSE(r.hits[0].pages.empty());
  EXPECT_EQ(r.hits[0].pages[0].page, 3);
  EXPECT_THAT(render_snippet(r.hits[0].pages[0].snippet, "«", "»"),
              HasSubstr("«computed» «tomography» «scans»"));
}

TEST_F(QuerySearchTest, PhrasesNeedTheWordsInOrder) {
  EXPECT_THAT(ids("\"contracting path\""), UnorderedElementsAre("unet", "nested-unet"));
  EXPECT_THAT(ids("\"path contracting\""), ElementsAre());
  EXPECT_THAT(ids("\"expansive path that enables\""), ElementsAre("unet"));
}

TEST_F(QuerySearchTest, BooleanOperators) {
  EXPECT_THAT(ids("contrastive -diffusion"), ElementsAre("contrastive-semi"));
  EXPECT_THAT(ids("contrastive NOT superpixel"), ElementsAre("diffusion-seg"));
  EXPECT_THAT(ids("superpixel OR polyp"), UnorderedElementsAre("contrastive-semi", "nested-unet"));
  EXPECT_THAT(ids("prostate AND bladder"), ElementsAre("prototype-prostate"));
  EXPECT_THAT(ids("contracting NEAR symmetric"), ElementsAre("unet"));
  EXPECT_THAT(ids("superpix*"), ElementsAre("contrastive-semi"));
}

// A hyphenated compound ending in '*' is the wildcard of its joined form, which the index holds
// for every hyphenated compound: "few-sh*" finds "few-shot", and the snippet marks it.
TEST_F(QuerySearchTest, AWildcardOnAHyphenatedCompound) {
  EXPECT_THAT(ids("few-sh*"), ElementsAre("contrastive-semi"));
  EXPECT_THAT(ids("U-Ne*"), ::testing::Contains("unet"));
  SearchResult r = search("few-sh*");
  ASSERT_EQ(r.hits.size(), 1u);
  ASSERT_FALSE(r.hits[0].pages.empty());
  EXPECT_THAT(render_snippet(r.hits[0].pages[0].snippet, "[", "]"),
              HasSubstr("a [few]-[shot] setting"));
}

// Xapian's parser reads a query of excluded words alone as the words themselves: "-superpixel"
// found exactly the paper it excludes.
TEST_F(QuerySearchTest, AQueryOfExclusionsAloneFindsThePapersWithoutThem) {
  const std::vector<std::string> all = sorted_ids("NOT zzzunknownword");
  ASSERT_EQ(all.size(), 8u);  // every sample paper, within the limit of 10 results
  const std::vector<std::string> without_superpixel = sorted_ids("NOT superpixel");
  ASSERT_EQ(without_superpixel.size(), all.size() - 1);
  EXPECT_EQ(sorted_ids("-superpixel"), without_superpixel);
  EXPECT_EQ(sorted_ids("  -superpixel  "), without_superpixel);
  EXPECT_EQ(sorted_ids("-superpixel -polyp"), sorted_ids("NOT (superpixel OR polyp)"));
  EXPECT_EQ(sorted_ids("-\"contracting path\""), sorted_ids("NOT \"contracting path\""));
  EXPECT_EQ(sorted_ids("-\"contracting path\"").size(), all.size() - 2);
  EXPECT_EQ(sorted_ids("-title:transformer"), sorted_ids("NOT title:transformer"));
  // With a word to find, "-" keeps its usual meaning.
  EXPECT_THAT(ids("contrastive -diffusion"), ElementsAre("contrastive-semi"));
}

// The index holds stems only; a wildcard expands over the stems that start with the word or with
// the word's own stem, in free text and in the text fields.
TEST_F(QuerySearchTest, WildcardsExpandOverStemsInEveryTextField) {
  EXPECT_THAT(sorted_ids("prototyp*"), ElementsAre("prototype-prostate"));
  EXPECT_THAT(sorted_ids("prototypes*"), ElementsAre("prototype-prostate"));  // stem "prototyp"
  EXPECT_THAT(sorted_ids("title:transform*"), ElementsAre("swin-seg"));
  EXPECT_THAT(sorted_ids("abstract:promptab*"), ElementsAre("sam-med"));
  EXPECT_THAT(sorted_ids("superpix* OR bladd*"),
              ElementsAre("contrastive-semi", "prototype-prostate"));
  EXPECT_THAT(sorted_ids("superpix* -contrastive"), ElementsAre());
  EXPECT_THAT(sorted_ids("\"skip connection\""), ElementsAre("unet"));  // phrase over stems
}

TEST_F(QuerySearchTest, WildcardsWorkInTheAuthorVenueAndSectionFields) {
  EXPECT_THAT(ids("author:Ronne*"), ElementsAre("unet"));
  EXPECT_THAT(ids("author:ronneberger segment*"), ElementsAre("unet"));
  EXPECT_THAT(sorted_ids("venue:MIC*"), ElementsAre("prototype-prostate", "swin-seg", "unet"));
  EXPECT_THAT(sorted_ids("section:gener*"), ElementsAre("diffusion-seg", "gan-augment"));
  for (const std::string field : {"title", "author"}) {
    EXPECT_EQ(usage_error((field == "title" ? "" : "unet ") + field + ":*"),
              "'" + field + ":*' has no word before the '*'; give the start of a word, e.g. " +
                  field + ":segm*");
  }
}

TEST_F(QuerySearchTest, WildcardResultsShowTheirPages) {
  SearchResult r = search("superpix*");
  ASSERT_EQ(r.hits.size(), 1u);
  ASSERT_EQ(r.hits[0].pages.size(), 1u);
  EXPECT_EQ(r.hits[0].pages[0].page, 2);
  EXPECT_EQ(render_snippet(r.hits[0].pages[0].snippet, "«", "»"),
            "A contrastive loss over «superpixel» graphs pulls neighbouring regions together. Each "
            "«superpixel» is a node.");
}

TEST_F(QuerySearchTest, FieldQueries) {
  EXPECT_THAT(ids("title:nested"), ElementsAre("nested-unet"));
  EXPECT_THAT(ids("title:prostate"), ElementsAre("prototype-prostate"));
  EXPECT_THAT(ids("author:\"Olaf Ronneberger\""), ElementsAre("unet"));
  EXPECT_THAT(ids("author:konukoglu"), ElementsAre("contrastive-semi"));
  // The index keeps accents: a name typed with them is found, word by word or whole.
  EXPECT_THAT(ids("author:müller"), ElementsAre("diffusion-seg"));
  // A name typed without its accents finds the paper too.
  EXPECT_THAT(ids("author:muller"), ElementsAre("diffusion-seg"));
  EXPECT_THAT(ids("author:\"Jorg Muller\""), ElementsAre("diffusion-seg"));
  EXPECT_THAT(ids("author:Müller"), ElementsAre("diffusion-seg"));
  EXPECT_THAT(ids("author:\"Jörg Müller\""), ElementsAre("diffusion-seg"));
  EXPECT_THAT(ids("venue:MICCAI"), UnorderedElementsAre("unet", "swin-seg", "prototype-prostate"));
  EXPECT_THAT(ids("venue:\"Nature Communications\""), ElementsAre("sam-med"));
  EXPECT_THAT(ids("section:\"Generative Models\""),
              UnorderedElementsAre("diffusion-seg", "gan-augment"));
  EXPECT_THAT(ids("section:few-shot"), ElementsAre("prototype-prostate"));
  EXPECT_THAT(ids("venue:MICCAI segmentation prostate"), ElementsAre("prototype-prostate"));
  EXPECT_THAT(ids("abstract:promptable"), ElementsAre("sam-med"));
  EXPECT_THAT(ids("ref:shelhamer"), ElementsAre());  // no references section recorded
  // Synonyms and compounds in a text field: "Segment Anything" for SAM, "U-Net" for UNet.
  EXPECT_THAT(ids("title:SAM"), ElementsAre("sam-med"));
  EXPECT_THAT(ids("title:UNet"), ElementsAre("unet"));
  EXPECT_THAT(ids("title:(SAM OR UNet)"), UnorderedElementsAre("sam-med", "unet"));
  // A field with no word is an error, not a search for the field's name.
  EXPECT_EQ(usage_error("title:"),
            "'title:' has no word after title:; give one, e.g. title:segmentation");
  EXPECT_EQ(usage_error("unet author:()"),
            "'author:()' has no word after author:; give one, e.g. author:ronneberger");
  EXPECT_THAT(usage_error("venue:\"\""), StartsWith("'venue:\"\"' has no word after venue:"));
  // A group of words and operators in one field.
  EXPECT_THAT(ids("author:(ronneberger OR konukoglu)"),
              UnorderedElementsAre("unet", "contrastive-semi"));
  // As for "year:2019 year:2020", words of one filter field together mean either; AND, both.
  EXPECT_THAT(ids("author:(ronneberger konukoglu)"),
              UnorderedElementsAre("unet", "contrastive-semi"));
  EXPECT_THAT(ids("author:(ronneberger AND brox)"), ElementsAre("unet"));
  EXPECT_THAT(ids("author:(ronneberger AND konukoglu)"), ElementsAre());
  EXPECT_THAT(ids("author:(\"Olaf Ronneberger\" OR konukoglu) -author:(brox)"),
              ElementsAre("contrastive-semi"));
  EXPECT_THAT(ids("venue:(MICCAI OR MIDL) segmentation"),
              UnorderedElementsAre("unet", "swin-seg", "prototype-prostate", "diffusion-seg"));
  EXPECT_THAT(ids("section:(generative OR transformers)"),
              UnorderedElementsAre("diffusion-seg", "gan-augment", "swin-seg"));
}

TEST_F(QuerySearchTest, YearFiltersAndRanges) {
  EXPECT_THAT(ids("year:2015"), ElementsAre("unet"));
  EXPECT_THAT(ids("year:2021..2022"),
              UnorderedElementsAre("contrastive-semi", "swin-seg", "prototype-prostate"));
  EXPECT_THAT(ids("segmentation year:2023.."), UnorderedElementsAre("diffusion-seg", "sam-med"));
  EXPECT_THAT(ids("year:2019 year:2020"), ElementsAre("gan-augment"));
}

TEST_F(QuerySearchTest, FacetsCountTheWholeResultSet) {
  SearchResult r = search("segmentation", 1);
  // Every paper: "Segment Anything" has the same stem.
  EXPECT_EQ(r.total, 8u);
  EXPECT_EQ(r.hits.size(), 1u);
  ASSERT_FALSE(r.facets.venue.empty());
  EXPECT_EQ(r.facets.venue[0].value, "MICCAI");
  EXPECT_EQ(r.facets.venue[0].count, 3u);
  std::size_t years = 0;
  for (const FacetCount& c : r.facets.year) years += c.count;
  EXPECT_EQ(years, 8u);
  std::size_t generative = 0;
  for (const FacetCount& c : r.facets.section) {
    if (c.value == "Generative Models") generative = c.count;
  }
  EXPECT_EQ(generative, 2u);
}

TEST_F(QuerySearchTest, MetadataOnlyPapersAreFoundByTitleAndAbstractAndMarked) {
  SearchResult r = search("promptable decoder");
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.hits[0].paper.paper.id, "sam-med");
  EXPECT_EQ(r.hits[0].paper.state, schema::PaperState::kMetadataOnly);
  EXPECT_TRUE(r.hits[0].pages.empty());
}

TEST_F(QuerySearchTest, MisspelledQueryGetsASuggestion) {
  SearchResult r = search("superpixle");
  EXPECT_EQ(r.total, 0u);
  EXPECT_EQ(r.suggestion, "superpixel");
  EXPECT_EQ(search("superpixel").suggestion, "");
}

// Xapian alone would offer the more frequent neighbour "mode" for the real word "model"; a word
// the collection uses is taken as spelled right.
TEST(QuerySpelling, AWordThePapersUseIsNotCorrected) {
  testing::TempDir dir;
  std::vector<testing::PaperSpec> papers;
  for (int i = 0; i < 4; ++i) {
    papers.push_back({"mode-" + std::to_string(i),
                      "Imaging Mode Study " + std::to_string(i),
                      {"A. Author"},
                      "MICCAI",
                      2020,
                      "Architectures",
                      "",
                      {"The scanner mode matters. Each mode differs from every other mode."}});
  }
  papers.push_back({"not-segment",
                    "Why Not Segment Twice",
                    {"C. Author"},
                    "MIDL",
                    2022,
                    "Generative",
                    "",
                    {"Segment once, then segment again."}});
  papers.push_back({"model",
                    "A Generative Model",
                    {"B. Author"},
                    "MIDL",
                    2021,
                    "Generative",
                    "",
                    {"The model learns. Our model is small."}});
  papers.push_back({"node",
                    "A Graph Study",
                    {"D. Author"},
                    "MIDL",
                    2023,
                    "Graphs",
                    "",
                    {"Each node once, and a model of it."}});
  testing::build_index(dir.file("index"), papers, testing::repository_synonyms());
  Searcher searcher(dir.file("index"));
  SearchRequest request;
  request.text = "model";
  SearchResult r = searcher.search(request);
  EXPECT_EQ(r.total, 2u);
  EXPECT_EQ(r.suggestion, "");
  request.text = "mdel";
  EXPECT_EQ(searcher.search(request).suggestion, "model");
  // Used once, by one paper, and a neighbour of the commoner "mode": still spelled right.
  request.text = "node";
  r = searcher.search(request);
  EXPECT_EQ(r.total, 1u);
  EXPECT_EQ(r.suggestion, "");
  // Beside a misspelled word, a word the papers use is kept as it is (Xapian alone offered
  // "model mode").
  request.text = "mdel node";
  EXPECT_EQ(searcher.search(request).suggestion, "model node");
  // In the case it was typed in, beside a filter in parentheses.
  request.text = "Mdel year:(2021)";
  EXPECT_EQ(searcher.search(request).suggestion, "Model year:2021");
  // A key of the synonym table that no paper uses as such is not "corrected" either.
  request.text = "resnet";
  EXPECT_EQ(searcher.search(request).suggestion, "");
  // "not" is in the spelling table (a title's word), but a stop word is never offered: it would
  // not even be searched.
  request.text = "fnot";
  EXPECT_EQ(searcher.search(request).suggestion, "");
}

// The same words as often in both papers: the page where they stand together, and its paper,
// come first, ahead of pages that have the words more often but apart.
TEST(QueryProximity, WordsCloseTogetherRankTheirPageAndPaperFirst) {
  testing::TempDir dir;
  const std::string filler =
      " The cohort was imaged at two sites over three years with the same protocol and scanner."
      " Annotations were made by two readers and disagreements were resolved together. ";
  const std::string far = "We describe the hepatic lesion." + filler + filler +
                          "Then the attention map." + filler + filler + "And the hepatic vein.";
  std::vector<testing::PaperSpec> papers{
      {"apart",
       "A Study of Liver Imaging",
       {"A. Author"},
       "MICCAI",
       2020,
       "Architectures",
       "",
       {far, "The hepatic part." + filler + filler + "The attention part."}},
      {"together",
       "A Study of Liver Scans",
       {"B. Author"},
       "MICCAI",
       2020,
       "Architectures",
       "",
       {filler, "An attention map of each hepatic lesion is drawn." + filler, far}},
  };
  testing::build_index(dir.file("index"), papers);
  Searcher searcher(dir.file("index"));
  SearchRequest request;
  request.text = "hepatic attention";
  SearchResult r = searcher.search(request);
  ASSERT_EQ(r.hits.size(), 2u);
  EXPECT_EQ(r.hits[0].paper.paper.id, "together");
  ASSERT_EQ(r.hits[0].pages.size(), 2u);
  EXPECT_EQ(r.hits[0].pages[0].page, 2);  // page 3 has "hepatic" twice, but apart
  EXPECT_EQ(r.hits[0].pages[1].page, 3);
}

// The snippet (query words in brackets) of the one page of a one-paper index that matches query.
std::string snippet_of_page(const std::string& page, const std::string& query) {
  testing::TempDir dir;
  testing::build_index(dir.file("index"), {{"paper",
                                            "A Study of Liver Imaging",
                                            {"A. Author"},
                                            "MICCAI",
                                            2020,
                                            "Architectures",
                                            "",
                                            {page}}});
  Searcher searcher(dir.file("index"));
  SearchRequest request;
  request.text = query;
  SearchResult r = searcher.search(request);
  if (r.hits.size() != 1 || r.hits[0].pages.size() != 1) return "(not one page)";
  return render_snippet(r.hits[0].pages[0].snippet, "[", "]");
}

// A long page is stored in chunks (schema::kPageChunkBytes); the snippet comes from the chunk
// where the query words stand together, deep in the page, and says the page goes on around it.
// A phrase (quoted, or a synonym of several words) counts on a page only where its words stand
// together: a page with one of them is neither shown nor highlighted for it.
// Titles and authors are also indexed without their accents: typed plainly, they find the paper.
TEST(QueryAccents, ATitleOrNameTypedWithoutItsAccentsFindsThePaper) {
  testing::TempDir dir;
  std::vector<testing::PaperSpec> papers{
      {"uber",
       "Über die Segmentierung der Léber",
       {"José Müller"},
       "Médecine",
       2020,
       "Architectures",
       "",
       {"Eine Seite über Lebern und Gefäße."}},
  };
  testing::build_index(dir.file("index"), papers);
  Searcher searcher(dir.file("index"));
  for (const std::string query :
       {"uber segmentierung", "title:leber", "author:jose", "venue:medecine", "Über", "title:Léber",
        "title:\"segmentierung der leber\"", "\"uber die segmentierung\""}) {
    SearchRequest request;
    request.text = query;
    SearchResult r = searcher.search(request);
    ASSERT_EQ(r.hits.size(), 1u) << query;
    EXPECT_FALSE(r.any_word) << query;
  }
}

// Page words with accents are also indexed without them, at their positions: typed plainly they
// find the page, as a phrase too, and the snippet marks them; references likewise. Typed with
// accents, a word finds only the pages that write it with them.
TEST(QueryAccents, PageWordsTypedWithoutTheirAccentsFindTheirPage) {
  testing::TempDir dir;
  testing::PaperSpec spec{"naive",
                          "Baselines for Lesion Segmentation",
                          {"A. Author"},
                          "MICCAI",
                          2020,
                          "Architectures",
                          "",
                          {"The cohort was imaged at two sites with one protocol.",
                           "We compare with the naïve Bayes classifier of Müller and report the "
                           "Sørensen coefficient.",
                           "References. Gómez, Deep learning for radiology."}};
  testing::PaperSpec plain{"plain",
                           "Plain Spelling",
                           {"B. Author"},
                           "MIDL",
                           2021,
                           "Architectures",
                           "",
                           {"A naive model, spelled without accents."}};
  {
    IndexOptions options;
    options.dir = dir.file("index");
    auto writer = IndexWriter::open(options);
    for (const auto& p : {spec, plain}) {
      schema::StoredPaper s = testing::stored_paper(p);
      if (p.id == "naive") {
        s.references_page = 3;
        s.references_offset = 0;
      }
      writer->put(s, entry_hash(s.paper, s.lists));
    }
    writer->finish();
  }
  Searcher searcher(dir.file("index"));
  auto search = [&](const std::string& text) {
    SearchRequest request;
    request.text = text;
    return searcher.search(request);
  };
  for (const std::string query : {"muller", "sorensen", "\"naive bayes\"", "Muller bayes"}) {
    SearchResult r = search(query);
    ASSERT_EQ(r.hits.size(), 1u) << query;
    EXPECT_EQ(r.hits[0].paper.paper.id, "naive") << query;
    EXPECT_FALSE(r.any_word) << query;
    ASSERT_FALSE(r.hits[0].pages.empty()) << query;
    EXPECT_EQ(r.hits[0].pages[0].page, 2) << query;
  }
  SearchResult r = search("muller sorensen");
  ASSERT_EQ(r.hits.size(), 1u);
  ASSERT_FALSE(r.hits[0].pages.empty());
  EXPECT_THAT(render_snippet(r.hits[0].pages[0].snippet, "[", "]"),
              HasSubstr("classifier of [Müller] and report the [Sørensen] coefficient"));
  r = search("naive");
  std::vector<std::string> found;
  for (const auto& hit : r.hits) found.push_back(hit.paper.paper.id);
  EXPECT_THAT(found, UnorderedElementsAre("naive", "plain"));
  r = search("ref:gomez");
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.hits[0].paper.paper.id, "naive");
  r = search("naïve");
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.hits[0].paper.paper.id, "naive");
}

// Letters beyond Latin-1 lose their accents too (Vietnamese, Romanian), and a French word with an
// elided article ("d’après"), which Xapian keeps as one word, is found typed plainly.
TEST(QueryAccents, VietnameseNamesAndElidedWordsAreFoundTypedPlainly) {
  testing::TempDir dir;
  testing::build_index(
      dir.file("index"),
      {{"vi",
        "Segmentation Study",
        {"Nguyễn Văn Thắng", "Ștefan Țiriac"},
        "MICCAI",
        2021,
        "Architectures",
        "",
        {"Nothing here.", "As Nguyễn and Ștefan showed, d’après l'élément du réseau."}}});
  Searcher searcher(dir.file("index"));
  for (const std::string query :
       {"nguyen", "stefan", "author:nguyen", "author:tiriac", "\"d'apres\"", "l'element"}) {
    SearchRequest request;
    request.text = query;
    SearchResult r = searcher.search(request);
    ASSERT_EQ(r.hits.size(), 1u) << query;
    EXPECT_FALSE(r.any_word) << query;
  }
  SearchRequest request;
  request.text = "nguyen stefan d'apres";
  SearchResult r = searcher.search(request);
  ASSERT_EQ(r.hits.size(), 1u);
  ASSERT_FALSE(r.hits[0].pages.empty());
  EXPECT_EQ(r.hits[0].pages[0].page, 2);
  EXPECT_THAT(render_snippet(r.hits[0].pages[0].snippet, "[", "]"),
              HasSubstr("As [Nguyễn] and [Ștefan] showed, [d’après] l'élément"));
}

// Each accented word gets its accent-free form at its own position: "réalisée" and "réalisé"
// share a stem, yet "realisee" finds only the page of the first, "realise" only that of the
// second, each with a passage.
TEST(QueryAccents, AnAccentFreeWordIsIndexedWhereItsOwnWordIs) {
  testing::TempDir dir;
  testing::build_index(
      dir.file("index"),
      {{"these",
        "Une thèse",
        {"A. Auteur"},
        "RFIA",
        2020,
        "Méthodes",
        "",
        {"Identifie une thèse réalisée en extension.", "Page deux: le mémoire réalisé ici."}}});
  Searcher searcher(dir.file("index"));
  for (const auto& [query, page, marked] :
       {std::tuple<std::string, int, std::string>{"realisee", 1, "[réalisée]"},
        {"realise", 2, "[réalisé]"}}) {
    SearchRequest request;
    request.text = query;
    request.pages_per_result = 3;
    SearchResult r = searcher.search(request);
    ASSERT_EQ(r.hits.size(), 1u) << query;
    ASSERT_EQ(r.hits[0].pages.size(), 1u) << query;
    EXPECT_EQ(r.hits[0].pages[0].page, page) << query;
    EXPECT_THAT(render_snippet(r.hits[0].pages[0].snippet, "[", "]"), HasSubstr(marked)) << query;
  }
}

// A PDF on disk is linked as a file: URL with its name escaped: a '#', '%' or space in it must
// not cut or change the link.
TEST(QueryPageLinks, APdfOnDiskIsLinkedAsAnEscapedFileUrl) {
  testing::TempDir dir;
  testing::PaperSpec spec{"local",
                          "Wombat Counting",
                          {"A. Author"},
                          "",
                          2020,
                          "",
                          "",
                          {"Nothing here.", "The wombat census of the valley."}};
  {
    IndexOptions options;
    options.dir = dir.file("index");
    auto writer = IndexWriter::open(options);
    schema::StoredPaper s = testing::stored_paper(spec);
    s.pdf_url = "/data/dir with space/a#b c%41é.pdf";
    writer->put(s, entry_hash(s.paper, s.lists));
    writer->finish();
  }
  Searcher searcher(dir.file("index"));
  SearchRequest request;
  request.text = "wombat";
  SearchResult r = searcher.search(request);
  ASSERT_EQ(r.hits.size(), 1u);
  ASSERT_FALSE(r.hits[0].pages.empty());
  EXPECT_EQ(r.hits[0].pages[0].url,
            "file:///data/dir%20with%20space/a%23b%20c%2541%C3%A9.pdf#page=2");
  EXPECT_EQ(r.hits[0].paper.pdf_url, "/data/dir with space/a#b c%41é.pdf");
}

// NEAR and ADJ count on a page only where their words stand within the window (ADJ: in order),
// as Xapian matches the paper.
TEST(QueryPhrases, APageCountsForNearOnlyWhereItsWordsAreNear) {
  testing::TempDir dir;
  std::string filler;
  for (int i = 0; i < 25; ++i) filler += " padding";
  testing::build_index(dir.file("index"),
                       {{"fruit",
                         "Fruit Study",
                         {"A. Author"},
                         "MICCAI",
                         2020,
                         "Architectures",
                         "",
                         {"Kiwi appears here first," + filler + ", then mango at the end.",
                          "Here mango and then kiwi, close.", "Kiwi and mango together."}}});
  Searcher searcher(dir.file("index"));
  auto pages_of = [&](const std::string& query) {
    SearchRequest request;
    request.text = query;
    SearchResult r = searcher.search(request);
    std::vector<int> pages;
    if (r.hits.size() == 1) {
      for (const auto& page : r.hits[0].pages) pages.push_back(page.page);
    }
    std::sort(pages.begin(), pages.end());
    return pages;
  };
  EXPECT_THAT(pages_of("kiwi NEAR mango"), ElementsAre(2, 3));
  EXPECT_THAT(pages_of("kiwi NEAR/2 mango"), ElementsAre(3));
  EXPECT_THAT(pages_of("kiwi ADJ mango"), ElementsAre(3));
  EXPECT_THAT(pages_of("kiwi mango"), ElementsAre(1, 2, 3));
}

TEST(QueryPhrases, APageCountsForAPhraseOnlyWhereItsWordsStandTogether) {
  testing::TempDir dir;
  const std::string filler =
      " The cohort was imaged at two sites over three years with the same protocol and scanner. ";
  std::vector<testing::PaperSpec> papers{
      {"prostate",
       "Prostate Lesion Study",
       {"A. Author"},
       "MICCAI",
       2020,
       "Architectures",
       "",
       {"The resonance of the coil, the magnetic field and the imaging table." + filler,
        filler + "We acquired magnetic resonance imaging of each prostate." + filler,
        "A table, then of course the contents." + filler, filler + "See the table of contents."}},
  };
  testing::build_index(dir.file("index"), papers, testing::repository_synonyms());
  Searcher searcher(dir.file("index"));
  SearchRequest request;
  request.text = "mri";  // a synonym of "magnetic resonance imaging"
  SearchResult r = searcher.search(request);
  ASSERT_EQ(r.hits.size(), 1u);
  ASSERT_EQ(r.hits[0].pages.size(), 1u);
  EXPECT_EQ(r.hits[0].pages[0].page, 2);
  EXPECT_THAT(render_snippet(r.hits[0].pages[0].snippet, "[", "]"),
              HasSubstr("We acquired [magnetic] [resonance] [imaging] of each prostate."));
  request.text = "\"table of contents\"";
  r = searcher.search(request);
  ASSERT_EQ(r.hits.size(), 1u);
  ASSERT_EQ(r.hits[0].pages.size(), 1u);
  EXPECT_EQ(r.hits[0].pages[0].page, 4);
  EXPECT_THAT(render_snippet(r.hits[0].pages[0].snippet, "[", "]"),
              HasSubstr("See the [table] [of] [contents]."));
}

TEST(QuerySnippetChunks, SnippetOfALongPageComesFromTheChunkWithTheHit) {
  std::string filler;
  for (int i = 0; i < 60; ++i) {
    filler += "The cohort was imaged at site " + std::to_string(i) + " with the same protocol. ";
  }
  const std::string page = filler + "A hepatic lesion attention map is drawn for every scan. " +
                           filler + "The hepatic vein is seen. " + filler;
  ASSERT_GT(page.size(), 5 * schema::kPageChunkBytes);
  const std::string snippet = snippet_of_page(page, "hepatic attention");
  EXPECT_THAT(snippet, HasSubstr("A [hepatic] lesion [attention] map is drawn for every scan."));
  EXPECT_EQ(snippet.rfind("…", 0), 0u) << snippet;                 // the page has text before...
  EXPECT_EQ(snippet.substr(snippet.size() - 4), " …") << snippet;  // ... and after
}

// "unet" matches the joined compound indexed for "U-Net", and the snippet marks the compound's
// words where the page scores found them together (not the lone "UNet" of the first chunk).
TEST(QuerySnippetChunks, AWordMatchesAHyphenatedCompoundInTheSnippet) {
  std::string filler;
  for (int i = 0; i < 40; ++i) filler += "Each scan " + std::to_string(i) + " was checked. ";
  // "UNet" in the first chunk, the cluster of "U-Net" about 90 words into the third.
  const std::string page = "Our UNet baseline. " + filler + filler + filler.substr(0, 500) +
                           "A U-Net, a U-Net and a U-Net. U-Net again, U-Net. " + filler + filler;
  EXPECT_THAT(snippet_of_page(page, "unet"),
              HasSubstr("A [U]-[Net], a [U]-[Net] and a [U]-[Net]."));
  EXPECT_THAT(
      snippet_of_page("We apply pre-processing and then post-processing steps.", "preprocessing"),
      HasSubstr("We apply [pre]-[processing] and then post-processing steps."));
  // The index has the joined word wherever the parts stand in a row once the paper writes the
  // compound somewhere: a page with only the words apart shows them marked too.
  testing::TempDir dir;
  testing::build_index(
      dir.file("index"),
      {{"lines",
        "Margins",
        {"A. Author"},
        "MICCAI",
        2020,
        "Architectures",
        "",
        {"The line-number goes left.", "Each line number is counted, one by one."}}});
  Searcher searcher(dir.file("index"));
  SearchRequest request;
  request.text = "linenumber";
  request.pages_per_result = 2;
  SearchResult r = searcher.search(request);
  ASSERT_EQ(r.hits.size(), 1u);
  ASSERT_EQ(r.hits[0].pages.size(), 2u);
  for (const auto& page : r.hits[0].pages) {
    EXPECT_THAT(render_snippet(page.snippet, "[", "]"),
                ::testing::AnyOf(HasSubstr("The [line]-[number] goes left."),
                                 HasSubstr("Each [line] [number] is counted")))
        << page.page;
  }
}

// Words are cut as Xapian cuts them: a typographic apostrophe, digits with a full stop or comma,
// an underscore, '&', a "++" or "#" suffix and an acronym with full stops are inside the word, so
// the query words that the index found there are marked.
TEST(QuerySnippetWords, WordsAreCutAsTheIndexCutsThem) {
  const std::string page =
      "We follow Warren’s rules and don't stop. Version 3.14 of the C++ and C# code uses x_1 "
      "at AT&T in the U.S.A. today.";
  EXPECT_THAT(snippet_of_page(page, "warren"), HasSubstr("follow [Warren’s] rules"));
  EXPECT_THAT(snippet_of_page(page, "\"don't\""), HasSubstr("and [don't] stop"));
  EXPECT_THAT(snippet_of_page(page, "3.14"), HasSubstr("Version [3.14] of"));
  EXPECT_THAT(snippet_of_page(page, "C++"), HasSubstr("the [C++] and"));
  EXPECT_THAT(snippet_of_page(page, "x_1"), HasSubstr("uses [x_1] at"));
  EXPECT_THAT(snippet_of_page(page, "AT&T"), HasSubstr("at [AT&T] in"));
  EXPECT_THAT(snippet_of_page(page, "usa"), HasSubstr("the [U.S.A]. today"));
}

TEST_F(QuerySearchTest, WhenNoPaperHasEveryWordPapersWithSomeAreShown) {
  SearchResult r = search("superpixel bladder");
  EXPECT_TRUE(r.any_word);
  EXPECT_THAT(ids("superpixel bladder"),
              UnorderedElementsAre("contrastive-semi", "prototype-prostate"));
}

// A misspelled word among right ones: no paper has every word, the papers with some are shown,
// and the better spelling is offered, as it finds a paper with every word.
TEST_F(QuerySearchTest, PapersWithSomeWordsComeWithTheBetterSpelling) {
  SearchResult r = search("superpixle contrastive");
  EXPECT_TRUE(r.any_word);
  EXPECT_GT(r.total, 0u);
  EXPECT_EQ(r.suggestion, "superpixel contrastive");
  EXPECT_EQ(search("superpixel bladder").suggestion, "");  // spelled right; no paper has both
}

// Excluded words must not count for a paper: the title and references boosts, the page scores
// and the snippets all work from these terms (a paper citing "font" had risen to the top of
// "NOT font").
TEST_F(QuerySearchTest, ExcludedWordsAreNotTermsThePapersAreScoredBy) {
  Xapian::Database db(dir_.file("index/current"));
  QueryBuilder builder(db);
  auto terms = [&](const std::string& text) {
    return body_terms(builder.build(text, Xapian::Query::OP_AND).match);
  };
  EXPECT_THAT(terms("superpixel -polyp"), ElementsAre("Zsuperpixel"));
  EXPECT_THAT(terms("superpixel contrastive NOT (polyp OR bladder)"),
              ElementsAre("Zcontrast", "Zsuperpixel"));
  EXPECT_THAT(terms("NOT polyp"), ElementsAre());
  EXPECT_THAT(terms("superpixel OR polyp"), ElementsAre("Zpolyp", "Zsuperpixel"));
  // The boolean filters are not body terms either.
  EXPECT_THAT(terms("polyp year:2020"), ElementsAre("Zpolyp"));
}

TEST_F(QuerySearchTest, BadSyntaxIsRetriedAsPlainWords) {
  SearchResult r = search("superpixel AND (");
  EXPECT_TRUE(r.plain_words);
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.hits[0].paper.paper.id, "contrastive-semi");
}

TEST_F(QuerySearchTest, OffsetAndLimitPage) {
  std::vector<std::string> all = ids("segmentation");
  ASSERT_EQ(all.size(), 8u);
  SearchRequest request;
  request.text = "segmentation";
  request.offset = 2;
  request.limit = 2;
  SearchResult page = searcher_->search(request);
  ASSERT_EQ(page.hits.size(), 2u);
  EXPECT_EQ(page.hits[0].rank, 3u);
  EXPECT_EQ(page.hits[0].paper.paper.id, all[2]);
  EXPECT_EQ(page.hits[1].paper.paper.id, all[3]);
}

// Only a fixed window of the whole-document ranking is re-ranked by pages: pages of results were
// cut from re-rankings of different depths, and repeated or skipped papers.
TEST_F(QuerySearchTest, PagesOfResultsNeitherRepeatNorSkipAPaper) {
  for (const char* query : {"segmentation", "segmentation OR network OR image OR learning",
                            "medical OR model OR data OR training"}) {
    auto page_of = [&](std::size_t offset, std::size_t limit) {
      SearchRequest request;
      request.text = query;
      request.rerank_depth = 2;
      request.offset = offset;
      request.limit = limit;
      std::vector<std::pair<std::string, double>> out;
      for (const SearchHit& h : searcher_->search(request).hits) {
        out.emplace_back(h.paper.paper.id, h.score);
      }
      return out;
    };
    const auto all = page_of(0, 100);
    ASSERT_GE(all.size(), 4u) << query;
    for (std::size_t size : {1u, 2u, 3u, 5u}) {
      std::vector<std::pair<std::string, double>> paged;
      for (std::size_t offset = 0; offset < all.size(); offset += size) {
        const auto page = page_of(offset, size);
        paged.insert(paged.end(), page.begin(), page.end());
      }
      EXPECT_EQ(paged, all) << query << ", pages of " << size;
    }
    for (std::size_t i = 1; i < all.size(); ++i) {
      EXPECT_GE(all[i - 1].second, all[i].second) << query << ": scores rise at rank " << i + 1;
    }
  }
}

TEST_F(QuerySearchTest, WildcardInsideNearIsAUsageErrorNotADamagedIndex) {
  for (const char* query : {"superpix* NEAR contrastive", "contrastive ADJ superpix*"}) {
    try {
      search(query);
      ADD_FAILURE() << "no error for " << query;
    } catch (const Error& e) {
      EXPECT_EQ(e.exit_code(), kExitUsage) << query;
      EXPECT_THAT(e.what(), HasSubstr("): a wildcard cannot be used inside NEAR or ADJ; spell the "
                                      "words out"))
          << e.what();
      EXPECT_THAT(e.what(), StartsWith("this query cannot be evaluated ("));
    }
  }
}

// Xapian reads these operators as words without refusing the query: the result says so.
TEST_F(QuerySearchTest, OperatorsReadAsWordsAreReported) {
  EXPECT_TRUE(search("superpixel OR polyp)").plain_words);
  EXPECT_TRUE(search("contracting NEAR (symmetric OR expansive)").plain_words);
  EXPECT_TRUE(search("(symmetric OR expansive) NEAR contracting").plain_words);
  EXPECT_FALSE(search("superpixel OR polyp").plain_words);
  EXPECT_FALSE(search("(superpixel OR polyp").plain_words);  // closed by Xapian, still an OR
  EXPECT_FALSE(search("(superpixel OR polyp) AND graph").plain_words);
  EXPECT_FALSE(search("contracting NEAR symmetric").plain_words);
  EXPECT_FALSE(search("\"path (contracting\" symmetric").plain_words);
  // Dots that Xapian would take for a range outside year: ("superpixel...", "pages 10..20").
  for (const char* query : {"superpixel...", "superpixel 10..20", "..superpixel"}) {
    SearchResult r = search(query);
    EXPECT_TRUE(r.plain_words) << query;
    EXPECT_THAT(ids(query), ::testing::Contains("contrastive-semi")) << query;
  }
}

TEST_F(QuerySearchTest, EmptyQueryIsAUsageError) {
  try {
    search("   ");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "empty query; give words to search for, e.g. `paper-search unet segmentation`");
    EXPECT_EQ(e.exit_code(), kExitUsage);
  }
}

TEST_F(QuerySearchTest, QueryThatCanMatchNothingIsAUsageErrorThatSaysWhy) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"((",
       "the query '((' has no words, only signs; give words to search for, e.g. "
       "`paper-search unet segmentation`"},
      {"- \" * ?",
       "the query '- \" * ?' has no words, only signs; give words to search "
       "for, e.g. `paper-search unet segmentation`"},
      {"😀 ∑ → —",
       "the query '😀 ∑ → —' has no words, only signs; give words to search for, "
       "e.g. `paper-search unet segmentation`"},
      {"unet year:2021..2019",
       "the query 'unet year:2021..2019' can match nothing: is a range in it empty? give the "
       "lower bound first, e.g. year:2019..2021"}};
  for (const auto& [query, message] : cases) EXPECT_EQ(usage_error(query), message);
}

TEST_F(QuerySearchTest, AYearOrStateFilterWithAValueItCannotHaveIsAUsageError) {
  const std::string year_help =
      "' is not a year or a range of years; write year:2020, "
      "year:2019..2021 or year:2023..";
  const std::string state_help =
      "' is not a paper state; write state:text (papers searched in "
      "full) or state:metadata (papers known from their list entry "
      "only)";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"unet year:abc", "'year:abc" + year_help},
      {"unet year:2019..20x1", "'year:2019..20x1" + year_help},
      {"unet year:20150", "'year:20150" + year_help},
      {"unet year:", "'year:" + year_help},
      {"(unet OR polyp) -year:\"soon\"", "'year:\"soon\"" + year_help},
      {"unet state:foo", "'state:foo" + state_help},
      {"unet AND (state:pending)", "'state:pending" + state_help}};
  for (const auto& [query, message] : cases) EXPECT_EQ(usage_error(query), message);
  // Values it can have, a state in capitals, and the words inside a phrase are searched.
  EXPECT_THAT(ids("unet year:2015"), ElementsAre("unet"));
  EXPECT_THAT(ids("unet state:TEXT year:2014..2016"), ElementsAre("unet"));
  EXPECT_THAT(ids("promptable state:metadata"), ElementsAre("sam-med"));
  // In quotes or parentheses too (a quoted range was a word to Xapian: it matched nothing).
  EXPECT_THAT(ids("unet year:(2015)"), ElementsAre("unet"));
  EXPECT_THAT(ids("unet year:\"2014..2016\""), ElementsAre("unet"));
  EXPECT_EQ(ids("unet state:( text )"), ids("unet state:text"));
  EXPECT_TRUE(ids("unet state:(metadata)").empty());
  EXPECT_EQ(search("\"state:foo\" unet").total, search("state foo unet").total);
}

TEST_F(QuerySearchTest, KeepsAnsweringWhileTheIndexIsRebuilt) {
  ASSERT_EQ(ids("superpixel").size(), 1u);
  std::vector<testing::PaperSpec> papers = testing::sample_papers();
  papers.pop_back();
  testing::build_index(dir_.file("index"), papers, testing::repository_synonyms(),
                       /*rebuild=*/true);
  EXPECT_THAT(ids("superpixel"), ElementsAre("contrastive-semi"));
  // A new reader sees the new generation.
  Searcher fresh(dir_.file("index"));
  SearchRequest request;
  request.text = "adversarial";
  EXPECT_EQ(fresh.search(request).total, 0u);
}

TEST(QuerySearchErrors, NoIndex) {
  testing::TempDir dir;
  try {
    Searcher searcher(dir.file("missing"));
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "no index at " + dir.file("missing") +
                                         "; run `paper-index build --db " + dir.file("missing") +
                                         "` first");
    EXPECT_EQ(e.exit_code(), kExitFatal);
  }
  // The default folder is paper-index's default too: no --db to repeat.
  try {
    Searcher searcher(dir.file("missing"), IndexFolder::kDefault);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "no index at " + dir.file("missing") + "; run `paper-index build` first");
  }
}

}  // namespace
}  // namespace paper::query

namespace paper::query {
namespace {

TEST(QuerySearchErrors, AnIndexOfAnotherSchemaAsksForARebuild) {
  testing::TempDir dir;
  testing::build_index(dir.file("index"), testing::sample_papers());
  {
    Xapian::WritableDatabase db(dir.file("index/current"), Xapian::DB_OPEN);
    db.set_metadata(schema::kMetaSchemaVersion, "3");
    db.commit();
  }
  try {
    Searcher searcher(dir.file("index"));
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "the index at " + dir.file("index") +
                                         " has schema 3 but paper-search reads schemas 4 to " +
                                         std::to_string(schema::kSchemaVersion) +
                                         "; rebuild it with `paper-index build --db " +
                                         dir.file("index") + " --rebuild`");
  }
}

// Schema 5 only added terms: an index of schema 4 is searched until paper-index rebuilds it.
TEST(QuerySearchErrors, AnIndexOfSchema4IsStillSearched) {
  testing::TempDir dir;
  testing::build_index(dir.file("index"), testing::sample_papers());
  {
    Xapian::WritableDatabase db(dir.file("index/current"), Xapian::DB_OPEN);
    db.set_metadata(schema::kMetaSchemaVersion, "4");
    db.commit();
  }
  Searcher searcher(dir.file("index"));
  SearchRequest request;
  request.text = "superpixel";
  SearchResult r = searcher.search(request);
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.hits[0].paper.paper.id, "contrastive-semi");
}

// A Xapian database of another program (omindex's, say) is not taken for an old index.
TEST(QuerySearchErrors, AnotherProgramsDatabaseIsNamedAsSuch) {
  testing::TempDir dir;
  {
    Xapian::WritableDatabase db(dir.file("foreign"), Xapian::DB_CREATE);
    Xapian::Document doc;
    doc.add_term("font");
    db.add_document(doc);
    db.commit();
  }
  try {
    Searcher searcher(dir.file("foreign"));
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "the database at " + dir.file("foreign") +
                  " was not written by paper-index (it has no paper-index schema); give --db the "
                  "folder of a paper-index index, or build one with `paper-index build --db "
                  "NEW_DIR`");
    EXPECT_EQ(e.exit_code(), kExitFatal);
  }
}

TEST(QuerySearchErrors, UnreadableIndex) {
  testing::TempDir dir;
  std::filesystem::create_directories(dir.path() / "index" / "db-1");
  testing::write_file(dir.file("index/db-1/iamglass"), "not a database");
  std::filesystem::create_directory_symlink("db-1", dir.path() / "index" / "current");
  try {
    Searcher searcher(dir.file("index"));
    FAIL() << "no error";
  } catch (const Error& e) {
    const std::string message = e.what();
    EXPECT_EQ(message.rfind("cannot read the index at " + dir.file("index") + " (", 0), 0u)
        << message;
    EXPECT_NE(message.find("); rebuild it with `paper-index build --db " + dir.file("index") +
                           " --rebuild`"),
              std::string::npos)
        << message;
  }
}

}  // namespace
}  // namespace paper::query
