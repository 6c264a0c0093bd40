// Bylines in the citation styles of other fields: names with Vietnamese and other Latin accents,
// Vancouver "Surname INITIALS" lists, middle-dot separators, "Journal Volume, Pages (Year)" and
// abbreviated journal names ("Eur Radiol"). QA found their authors lost without a warning.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "indexer/catalogue/byline.h"
#include "indexer/catalogue/byline_words.h"
#include "indexer/catalogue/catalogue.h"

namespace paper {
namespace {

using Names = std::vector<std::string>;

struct Row {
  std::string byline;  // the text after "- [Title](url) - "
  Names authors;
  std::string venue;
  std::optional<int> year;
};

// Each row is the byline of an entry alone in a list: its fields, and no warning.
void expect_rows(const std::vector<Row>& rows) {
  for (const auto& row : rows) {
    Catalogue c = parse_list_text(
        "- [Segmenting Organs](https://arxiv.org/abs/2103.00001) - " + row.byline + "\n", "s.md");
    ASSERT_EQ(c.papers.size(), 1u) << row.byline;
    const Paper& p = c.papers[0];
    EXPECT_EQ(p.authors, row.authors) << row.byline;
    EXPECT_EQ(p.venue, row.venue) << row.byline;
    EXPECT_EQ(p.year, row.year) << row.byline;
    EXPECT_TRUE(c.warnings.empty()) << row.byline << ": " << c.warnings[0].message;
  }
}

TEST(CatalogueBylineStyles, AccentedNames) {
  expect_rows({
      {"Nguy\xE1\xBB\x85n V\xC4\x83n An, Tr\xE1\xBA\xA7n Th\xE1\xBB\x8B B\xC3\xACnh. Radiology "
       "2021",
       Names{"Nguy\xE1\xBB\x85n V\xC4\x83n An", "Tr\xE1\xBA\xA7n Th\xE1\xBB\x8B B\xC3\xACnh"},
       "Radiology", 2021},
      // One name and a word no list names: the word is the venue, the name is kept.
      {"Nguy\xE1\xBB\x85n V\xC4\x83n An. Sensors 2021", Names{"Nguy\xE1\xBB\x85n V\xC4\x83n An"},
       "Sensors", 2021},
      // Accents written as combining marks ("e" + U+0302 + U+0303; the list reader composes
      // the first).
      {"Nguye\xCC\x82\xCC\x83n An, Bo Chen. Sensors 2021",
       Names{"Nguy\xC3\xAA\xCC\x83n An", "Bo Chen"}, "Sensors", 2021},
  });
}

TEST(CatalogueBylineStyles, VancouverNames) {
  expect_rows({
      {"Zhou Z, Siddiquee MMR, Tajbakhsh N, Liang J. DLMIA 2018",
       Names{"Zhou Z", "Siddiquee MMR", "Tajbakhsh N", "Liang J"}, "DLMIA", 2018},
      {"Zhou Z, Siddiquee MMR. 2018", Names{"Zhou Z", "Siddiquee MMR"}, "", 2018},
      {"de Vos B, Berendsen F. Med Image Anal 2019", Names{"de Vos B", "Berendsen F"},
       "Med Image Anal", 2019},
      {"M\xC3\xBCller J, \xC3\x98ksendal BK. Eur Radiol 2020",
       Names{"M\xC3\xBCller J", "\xC3\x98ksendal BK"}, "Eur Radiol", 2020},
      // Initials with periods are kept as written.
      {"Lee A., Chen B. Radiology 2019", Names{"Lee A.", "Chen B."}, "Radiology", 2019},
  });
}

// Whole citations in the NLM's style: the journal, the year (and date), then the volume, issue
// and pages after a semicolon. QA found the authors and the venue lost, or the journal's name
// taken for a part of the last author's.
TEST(CatalogueBylineStyles, VancouverCitations) {
  expect_rows({
      {"Lee A, Chen B. Eur Radiol. 2021;31(5):1234-1242.", Names{"Lee A", "Chen B"}, "Eur Radiol",
       2021},
      {"Lee A, Chen B, Dow C. Med Image Anal. 2020 Jan;59:101570.",
       Names{"Lee A", "Chen B", "Dow C"}, "Med Image Anal", 2020},
      {"Ann Lee, Bo Chen. Radiology. 2019;290(2):456-465. doi:10.1148/radiol.2018180001",
       Names{"Ann Lee", "Bo Chen"}, "Radiology", 2019},
      {"Lee A, Chen B. IEEE Trans Med Imaging. 2020;39(6):1856-1867.", Names{"Lee A", "Chen B"},
       "IEEE Trans Med Imaging", 2020},
      {"Lee A, Chen B. Sci Rep. 2021 Mar 15;11(1):5678.", Names{"Lee A", "Chen B"}, "Sci Rep",
       2021},
      {"Zhou Z, Siddiquee MMR. Med Phys. 2019 Mar-Apr; 46(3):1-12",
       Names{"Zhou Z", "Siddiquee MMR"}, "Med Phys", 2019},
  });
}

TEST(CatalogueBylineStyles, VancouverTailNeedsItsVolume) {
  // A year followed by a semicolon and words is no citation: the text is read as before.
  EXPECT_EQ(vancouver_as_venue_year("Ann Lee. MICCAI. 2020; oral"), "Ann Lee. MICCAI. 2020; oral");
  EXPECT_EQ(vancouver_as_venue_year("Lee A. Radiology. 2019;290:1-9"), "Lee A. Radiology 2019.");
  EXPECT_EQ(vancouver_as_venue_year(". 2019;290:1-9"), ". 2019;290:1-9");
}

TEST(CatalogueBylineStyles, MiddleDotSeparatesNames) {
  expect_rows({
      {"Ann Lee \xC2\xB7 Bo Chen \xC2\xB7 Radiology 2019", Names{"Ann Lee", "Bo Chen"}, "Radiology",
       2019},
      {"Ann Lee \xC2\xB7 Bo Chen. MICCAI 2020", Names{"Ann Lee", "Bo Chen"}, "MICCAI", 2020},
      // Inside a word it is Catalan's "l·l".
      {"Pere Col\xC2\xB7lell, Ann Lee. Sensors 2021", Names{"Pere Col\xC2\xB7lell", "Ann Lee"},
       "Sensors", 2021},
  });
}

TEST(CatalogueBylineStyles, VolumeAndPagesAfterTheVenue) {
  expect_rows({
      {"Ann Lee, Bo Chen. Scientific Reports 9, 1234 (2019)", Names{"Ann Lee", "Bo Chen"},
       "Scientific Reports", 2019},
      {"Ann Lee, Bo Chen. CoRR abs/2101.01234 (2021)", Names{"Ann Lee", "Bo Chen"}, "CoRR", 2021},
      {"Ann Lee, Bo Chen. Sci Rep 9(1):1234 (2019)", Names{"Ann Lee", "Bo Chen"}, "Sci Rep", 2019},
      {"Ann Lee, Bo Chen. Scientific Reports 9, 1234, 2019", Names{"Ann Lee", "Bo Chen"},
       "Scientific Reports", 2019},
  });
}

TEST(CatalogueBylineStyles, AbbreviatedJournals) {
  expect_rows({
      {"Ann Lee, Bo Chen. Eur Radiol 2021", Names{"Ann Lee", "Bo Chen"}, "Eur Radiol", 2021},
      {"Ann Lee, Bo Chen. Med Phys 2021", Names{"Ann Lee", "Bo Chen"}, "Med Phys", 2021},
      {"Ann Lee. Eur Radiol 2021", Names{"Ann Lee"}, "Eur Radiol", 2021},
      {"Ann Lee, Bo Chen, Med Phys 2021", Names{"Ann Lee", "Bo Chen"}, "Med Phys", 2021},
      {"Ann Lee, Bo Chen. IEEE Trans Med Imaging 2020", Names{"Ann Lee", "Bo Chen"},
       "IEEE Trans Med Imaging", 2020},
      {"Ann Lee, Bo Chen. Phys Med Biol 2020", Names{"Ann Lee", "Bo Chen"}, "Phys Med Biol", 2020},
  });
}

TEST(CatalogueBylineStyles, StillWarnsWhenUnsure) {
  Catalogue c = parse_list_text(
      "- [Two Sentences](https://arxiv.org/abs/1902.00005) - Nguy\xE1\xBB\x85n V\xC4\x83n An. "
      "Acta Numerica 2019\n",
      "n.md");
  ASSERT_EQ(c.papers.size(), 1u);
  EXPECT_EQ(c.papers[0].authors, (Names{"Nguy\xE1\xBB\x85n V\xC4\x83n An", "Acta Numerica"}));
  ASSERT_EQ(c.warnings.size(), 1u);
  EXPECT_EQ(c.warnings[0].message,
            "entry \"Two Sentences\": \"Acta Numerica\" before 2019 may be an author or the "
            "venue; kept it as an author; if it is the venue, write the tag [Acta Numerica, "
            "2019] instead");
}

TEST(CatalogueBylineStyles, NamesAndNotNames) {
  for (std::string name :
       {"Nguy\xE1\xBB\x85n V\xC4\x83n An", "Tr\xE1\xBA\xA7n Th\xE1\xBB\x8B B\xC3\xACnh",
        "Siddiquee MMR", "de Vos B", "Zhou Z", "van der Berg JA"}) {
    EXPECT_TRUE(is_author_name(name)) << name;
  }
  for (std::string not_name : {"Eur Radiol", "Med Phys", "Med Image Anal", "Smith ABCDE",
                               "Ann Lee CVPR", "Ann Bo Lee MMR", "Smith ACM"}) {
    EXPECT_FALSE(is_author_name(not_name)) << not_name;
  }
}

}  // namespace
}  // namespace paper
