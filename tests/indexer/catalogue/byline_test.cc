// Authors, venue and year from the free text around a title, in the layouts real awesome lists
// use, and the cases where the parser must leave a field empty rather than guess.
#include "indexer/catalogue/byline.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "indexer/catalogue/catalogue.h"

namespace paper {
namespace {

struct Fields {
  std::string title;
  std::vector<std::string> authors;
  std::string venue;
  std::optional<int> year;
  bool operator==(const Fields&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Fields& f) {
  out << "{\"" << f.title << "\", {";
  for (const auto& a : f.authors) out << "\"" << a << "\" ";
  return out << "}, \"" << f.venue << "\", " << (f.year ? std::to_string(*f.year) : "null") << "}";
}

// The fields of every paper of a list, in list order.
std::vector<Fields> fields_of(const std::string& list) {
  Catalogue c = parse_list_text(list, "list.md");
  std::vector<Fields> out;
  for (const auto& p : c.papers) out.push_back({p.title, p.authors, p.venue, p.year});
  return out;
}

using Names = std::vector<std::string>;

TEST(CatalogueByline, EntriesQaReported) {
  EXPECT_EQ(fields_of("- [Deep Residual Learning for Image Recognition]"
                      "(https://arxiv.org/abs/1512.03385) - Alice Smith, Bob Jones. CVPR 2021.\n"),
            (std::vector<Fields>{{"Deep Residual Learning for Image Recognition",
                                  Names{"Alice Smith", "Bob Jones"}, "CVPR", 2021}}));
  EXPECT_EQ(fields_of("- **Mask R-CNN**. Carol White, Dan Brown. *ICCV 2019*. "
                      "[[pdf](https://arxiv.org/abs/1703.06870)]\n"),
            (std::vector<Fields>{{"Mask R-CNN", Names{"Carol White", "Dan Brown"}, "ICCV", 2019}}));
  EXPECT_EQ(
      fields_of("**Four Line Entry** \\\nEve Adams, Frank Green \\\nCVPR, 2021 \\\n"
                "[[Paper](https://arxiv.org/abs/2101.00001)]\n\n"
                "**Four Line Entry With Italics** \\\n*Eve Adams, Frank Green* <br>\n"
                "CVPR, 2021 \\\n[[Paper](https://arxiv.org/abs/2101.00002)]\n"),
      (std::vector<Fields>{
          {"Four Line Entry", Names{"Eve Adams", "Frank Green"}, "CVPR", 2021},
          {"Four Line Entry With Italics", Names{"Eve Adams", "Frank Green"}, "CVPR", 2021}}));
  EXPECT_EQ(fields_of("- **Deep Residual Learning** Kaiming He, Xiangyu Zhang. CVPR 2016. "
                      "[[Paper](https://arxiv.org/abs/1512.03385)]\n"),
            (std::vector<Fields>{
                {"Deep Residual Learning", Names{"Kaiming He", "Xiangyu Zhang"}, "CVPR", 2016}}));
}

TEST(CatalogueByline, CommonListLayouts) {
  EXPECT_EQ(
      fields_of(
          // - [Title](url) - Authors, Venue Year
          "- [Attention Is All You Need](https://arxiv.org/abs/1706.03762) - Ashish Vaswani, "
          "Noam Shazeer, and Niki Parmar, NeurIPS 2017\n"
          // - Title. Authors. Venue, Year. [[paper](url)] [[code](url)]
          "- U-Net: Convolutional Networks for Biomedical Image Segmentation. Olaf Ronneberger, "
          "Philipp Fischer, Thomas Brox. MICCAI, 2015. [[paper](https://arxiv.org/abs/1505.04597)]"
          " [[code](https://github.com/milesial/Pytorch-UNet)]\n"
          // 1. **Title** (Venue Year) [paper](url)
          "1. **nnU-Net: a self-configuring method** (Nature Methods 2021) "
          "[paper](https://www.nature.com/articles/s41592-020-01008-z)\n"
          // - [Venue Year] Title [[paper](url)]
          "- [CVPR 2022] Masked Autoencoders Are Scalable Vision Learners "
          "[[paper](https://arxiv.org/abs/2111.06377)]\n"
          // **Title** (Year), Initials et al. [[pdf]](url)
          "- **Adam: A method for stochastic optimization** (2014), D. Kingma and J. Ba "
          "[[pdf]](https://arxiv.org/pdf/1412.6980)\n"
          // Journal names, accents, particles, "et al."
          "- [Segment Anything](https://arxiv.org/abs/2304.02643) - Alexander Kirillov et al. "
          "arXiv 2023.\n"
          "- [Spatial Transcriptomics Atlas](https://arxiv.org/abs/2204.00011) - Jean-Luc Picard, "
          "Jos\xC3\xA9 \xC3\x81lvarez, Ludwig van Beethoven. Nature Communications 2022.\n"
          "- Polyp Survey. Alice Smith, Bob Jones. Medical Image Analysis, 2021. "
          "[[paper](https://arxiv.org/abs/2001.00002)]\n"
          "- [Organ Atlas](https://arxiv.org/abs/2001.00007) - Alice Smith, Bob Jones. IEEE Trans. "
          "Med. Imaging 2020.\n"
          "- [Liver Lesions](https://arxiv.org/abs/2001.00008) - Bennett A. Landman, S. Kevin "
          "Zhou. MIA 2023\n"
          "- [Lung Nodules](https://arxiv.org/abs/2001.00009) - Alice Smith, Bob Jones, "
          "CVPR'21\n"
          "- [Heart Chambers](https://arxiv.org/abs/2001.00010) - Alice Smith, Bob Jones. In: "
          "MICCAI 2019, pp. 234-241\n"
          "- [Kidney Stones](https://arxiv.org/abs/2001.00011) - Alice Smith, Bob Jones. arXiv "
          "preprint arXiv:2012.01234, 2020.\n"
          "- [Brain Vessels](https://arxiv.org/abs/2001.00012) - Alice Smith,\n"
          "  Bob Jones, Carl Brown. MICCAI 2020\n"
          "- [CVPR2021] [Retina Layers](https://arxiv.org/abs/2001.00013)\n"
          // Citation style: volume and pages after the venue; "by" before the names.
          "- [Bowel Loops](https://arxiv.org/abs/2001.00019) - Alice Smith, Bob Jones. In Proc. "
          "MICCAI, pp. 1-9, 2019.\n"
          "- Paper: [DeepLab](https://arxiv.org/abs/1606.00915) by Liang-Chieh Chen, TPAMI 2017\n"),
      (std::vector<Fields>{
          {"Attention Is All You Need", Names{"Ashish Vaswani", "Noam Shazeer", "Niki Parmar"},
           "NeurIPS", 2017},
          {"U-Net: Convolutional Networks for Biomedical Image Segmentation",
           Names{"Olaf Ronneberger", "Philipp Fischer", "Thomas Brox"}, "MICCAI", 2015},
          {"nnU-Net: a self-configuring method", Names{}, "Nature Methods", 2021},
          {"Masked Autoencoders Are Scalable Vision Learners", Names{}, "CVPR", 2022},
          {"Adam: A method for stochastic optimization", Names{"D. Kingma", "J. Ba"}, "", 2014},
          {"Segment Anything", Names{"Alexander Kirillov"}, "arXiv", 2023},
          {"Spatial Transcriptomics Atlas",
           Names{"Jean-Luc Picard", "Jos\xC3\xA9 \xC3\x81lvarez", "Ludwig van Beethoven"},
           "Nature Communications", 2022},
          {"Polyp Survey", Names{"Alice Smith", "Bob Jones"}, "Medical Image Analysis", 2021},
          {"Organ Atlas", Names{"Alice Smith", "Bob Jones"}, "IEEE Trans. Med. Imaging", 2020},
          {"Liver Lesions", Names{"Bennett A. Landman", "S. Kevin Zhou"}, "MIA", 2023},
          {"Lung Nodules", Names{"Alice Smith", "Bob Jones"}, "CVPR", 2021},
          {"Heart Chambers", Names{"Alice Smith", "Bob Jones"}, "MICCAI", 2019},
          {"Kidney Stones", Names{"Alice Smith", "Bob Jones"}, "arXiv", 2020},
          {"Brain Vessels", Names{"Alice Smith", "Bob Jones", "Carl Brown"}, "MICCAI", 2020},
          {"Retina Layers", Names{}, "CVPR", 2021},
          {"Bowel Loops", Names{"Alice Smith", "Bob Jones"}, "MICCAI", 2019},
          {"DeepLab", Names{"Liang-Chieh Chen"}, "TPAMI", 2017}}));
}

TEST(CatalogueByline, DateTagsGiveAYearNotAVenue) {
  EXPECT_EQ(fields_of("**Diffusion Models for Medical Anomaly Detection** <br>\n"
                      "*Julia Wolleb, Florentin Bieder, Robin Sandk\xC3\xBChler, Philippe C. "
                      "Cattin*<br>\n[8th Mar., 2022] [MICCAI, 2022]<br>\n"
                      "[[Paper](https://arxiv.org/abs/2203.04306)]\n\n"
                      "**Histogram-Based Detection** \\\n*Evi M.C. Huijben, Sina Amirrajab* \\\n"
                      "[12th Oct., 2023] \\\n[[Paper](https://arxiv.org/abs/2310.06420)]\n"),
            (std::vector<Fields>{{"Diffusion Models for Medical Anomaly Detection",
                                  Names{"Julia Wolleb", "Florentin Bieder",
                                        "Robin Sandk\xC3\xBChler", "Philippe C. Cattin"},
                                  "MICCAI", 2022},
                                 {"Histogram-Based Detection",
                                  Names{"Evi M.C. Huijben", "Sina Amirrajab"}, "", 2023}}));
}

TEST(CatalogueByline, LeavesAFieldEmptyRatherThanGuess) {
  EXPECT_EQ(
      fields_of(
          // A year in prose is no venue sentence.
          "- [Polyp Review](https://arxiv.org/abs/2001.00005) - A survey of methods from 2015 to "
          "2020 and beyond\n"
          // Prose before the venue is not an author list.
          "- [Skin Lesions](https://arxiv.org/abs/2001.00006) - We propose a novel method. "
          "CVPR 2021\n"
          // A name before the year is no venue.
          "- [Prostate MRI](https://arxiv.org/abs/2001.00014) - Alice Smith, Bob Jones 2021\n"
          // A description is not an author.
          "- [Tumor Grading Study](https://arxiv.org/abs/2001.00015) - Official PyTorch "
          "Implementation\n"
          // An italic venue is not the authors.
          "- **Bone Age**, *Medical Image Analysis* 2016 "
          "[paper](https://arxiv.org/abs/2001.00016)\n"
          // A word that is not a name spoils the list: no author rather than a wrong one.
          "- [Cell Counting](https://arxiv.org/abs/2001.00017) - Alice Smith, the team. ECCV 2020\n"
          // "(Oral)" after the venue is not part of it.
          "- **Spine Labels** (CVPR 2021, Oral) [paper](https://arxiv.org/abs/2001.00018)\n"),
      (std::vector<Fields>{{"Polyp Review", Names{}, "", std::nullopt},
                           {"Skin Lesions", Names{}, "CVPR", 2021},
                           {"Prostate MRI", Names{"Alice Smith", "Bob Jones"}, "", 2021},
                           {"Tumor Grading Study", Names{}, "", std::nullopt},
                           {"Bone Age", Names{}, "Medical Image Analysis", 2016},
                           {"Cell Counting", Names{}, "ECCV", 2020},
                           {"Spine Labels", Names{}, "CVPR", 2021}}));
}

// QA: a venue no list of ours names, after the authors, was read as the only author and the
// authors were dropped ("Julien Rivaud. TUGboat 2019" -> authors "TUGboat", no venue).
TEST(CatalogueByline, UnknownVenueAfterTheAuthors) {
  EXPECT_EQ(
      fields_of(
          // Period-separated, on an item under a link title or a bold link title.
          "- [Typesetting Fonts](https://arxiv.org/abs/1901.00001)\n"
          "  - Julien Rivaud. TUGboat 2019\n"
          "- **[Typesetting Tables](https://arxiv.org/abs/1901.00002)**\n"
          "  - Julien Rivaud, Anna Smith. TUGboat, 2019\n"
          "- [Typesetting Maths](https://arxiv.org/abs/1901.00003) - Julien Rivaud, Anna Smith. "
          "Zeitschrift 2019.\n"
          // Comma-separated: the word after full names is not one more author.
          "- [Typesetting Music](https://arxiv.org/abs/1901.00004) - Julien Rivaud, Anna Smith, "
          "TUGboat 2019\n"
          "- [Typesetting Chess](https://arxiv.org/abs/1901.00005) - Julien Rivaud, Anna Smith, "
          "Zeitschrift, 2019\n"
          // "et al." closes the author list.
          "- [Typesetting Poems](https://arxiv.org/abs/1901.00006) - Rivaud et al. TUGboat 2019\n"
          "- [Typesetting Plays](https://arxiv.org/abs/1901.00007) - Julien Rivaud et al., "
          "TUGboat 2019\n"
          // The authors and the venue on items of their own.
          "- [Typesetting Maps](https://arxiv.org/abs/1901.00008)\n"
          "  - Julien Rivaud, Anna Smith\n"
          "  - TUGboat 2019\n"
          // Volume and pages between the venue and the year.
          "- [Typesetting Scores](https://arxiv.org/abs/1901.00009) - J. Rivaud. TUGboat, vol. "
          "40, pp. 1-9, 2019.\n"
          // Venues that were already read.
          "- [Typesetting Code](https://arxiv.org/abs/1901.00011)\n"
          "  - Julien Rivaud. NeurIPS 2019\n"
          "- [Typesetting Data](https://arxiv.org/abs/1901.00012)\n"
          "  - Julien Rivaud, Anna Smith. Journal of Statistical Software 2019\n"
          // Without a year nothing says the word is a venue ("Oral", an affiliation): the
          // authors stay, the venue stays empty.
          "- [Typesetting Words](https://arxiv.org/abs/1901.00013) - Julien Rivaud. TUGboat\n"
          "- [Typesetting Lines](https://arxiv.org/abs/1901.00014) - Julien Rivaud, Anna Smith. "
          "Zeitschrift\n"
          // The seed's layout: an italic authors line, then the venue line.
          "\n**Typesetting Runes** \\\n*Julien Rivaud, Anna Smith* <br>\nTUGboat 2019 <br>\n"
          "[[Paper](https://arxiv.org/abs/1901.00010)]\n"),
      (std::vector<Fields>{
          {"Typesetting Fonts", Names{"Julien Rivaud"}, "TUGboat", 2019},
          {"Typesetting Tables", Names{"Julien Rivaud", "Anna Smith"}, "TUGboat", 2019},
          {"Typesetting Maths", Names{"Julien Rivaud", "Anna Smith"}, "Zeitschrift", 2019},
          {"Typesetting Music", Names{"Julien Rivaud", "Anna Smith"}, "TUGboat", 2019},
          {"Typesetting Chess", Names{"Julien Rivaud", "Anna Smith"}, "Zeitschrift", 2019},
          {"Typesetting Poems", Names{"Rivaud"}, "TUGboat", 2019},
          {"Typesetting Plays", Names{"Julien Rivaud"}, "TUGboat", 2019},
          {"Typesetting Maps", Names{"Julien Rivaud", "Anna Smith"}, "TUGboat", 2019},
          {"Typesetting Scores", Names{"J. Rivaud"}, "TUGboat", 2019},
          {"Typesetting Code", Names{"Julien Rivaud"}, "NeurIPS", 2019},
          {"Typesetting Data", Names{"Julien Rivaud", "Anna Smith"},
           "Journal of Statistical Software", 2019},
          {"Typesetting Words", Names{"Julien Rivaud"}, "", std::nullopt},
          {"Typesetting Lines", Names{"Julien Rivaud", "Anna Smith"}, "", std::nullopt},
          {"Typesetting Runes", Names{"Julien Rivaud", "Anna Smith"}, "TUGboat", 2019}}));
}

// A name before a year is a venue only after other names; otherwise it stays an author, with a
// warning when it could be a venue's name as well.
TEST(CatalogueByline, NamesBeforeAYearStayAuthors) {
  Catalogue c = parse_list_text(
      // A full name, alone or last in a list: an author.
      "- [Name Alone](https://arxiv.org/abs/1902.00001) - Julien Rivaud 2019\n"
      "- [Names Listed](https://arxiv.org/abs/1902.00002) - Julien Rivaud, Anna Smith, "
      "J. Lee 2019\n"
      // One word alone: a single-name author or a venue; kept as the author, warned.
      "- [Lone Word](https://arxiv.org/abs/1902.00003) - Plato 2019\n"
      // After surnames only, one more word is as likely a surname.
      "- [Surnames Only](https://arxiv.org/abs/1902.00004) - Ronneberger, Fischer, Brox 2015\n"
      // Words that read as a person's name after the authors' sentence: a venue ("Acta
      // Numerica") or one more author; neither is dropped, the list is warned about.
      "- [Two Sentences](https://arxiv.org/abs/1902.00005)\n"
      "  - Julien Rivaud. Acta Numerica 2019\n"
      // A venue elsewhere in the entry settles it.
      "- [Tagged](https://arxiv.org/abs/1902.00006) - Plato 2019 [CVPR 2019]\n"
      // What the warning advises.
      "- [Fixed](https://arxiv.org/abs/1902.00007) - Julien Rivaud. [Acta Numerica, 2019]\n",
      "n.md");
  std::vector<Fields> fields;
  for (const auto& p : c.papers) fields.push_back({p.title, p.authors, p.venue, p.year});
  EXPECT_EQ(fields, (std::vector<Fields>{
                        {"Name Alone", Names{"Julien Rivaud"}, "", 2019},
                        {"Names Listed", Names{"Julien Rivaud", "Anna Smith", "J. Lee"}, "", 2019},
                        {"Lone Word", Names{"Plato"}, "", 2019},
                        {"Surnames Only", Names{"Ronneberger", "Fischer", "Brox"}, "", 2015},
                        {"Two Sentences", Names{"Julien Rivaud", "Acta Numerica"}, "", 2019},
                        {"Tagged", Names{"Plato"}, "CVPR", 2019},
                        {"Fixed", Names{"Julien Rivaud"}, "Acta Numerica", 2019}}));
  auto unsure = [](const std::string& name, int year) {
    std::string tag = name + ", " + std::to_string(year);
    return "\"" + name + "\" before " + std::to_string(year) +
           " may be an author or the venue; kept it as an author; if it is the venue, write "
           "the tag [" +
           tag + "] instead";
  };
  EXPECT_EQ(c.warnings,
            (std::vector<Diagnostic>{
                {{"n.md", 3}, "entry \"Lone Word\": " + unsure("Plato", 2019)},
                {{"n.md", 4}, "entry \"Surnames Only\": " + unsure("Brox", 2015)},
                {{"n.md", 6}, "entry \"Two Sentences\": " + unsure("Acta Numerica", 2019)}}));
}

TEST(CatalogueByline, ReadsTextAfterATitle) {
  Byline b = read_byline(" - Kaiming He, Xiangyu Zhang CVPR 2016 ", /*authors_known=*/false);
  EXPECT_EQ(b.authors, (Names{"Kaiming He", "Xiangyu Zhang"}));
  EXPECT_EQ(b.venue_years, (std::vector<VenueYear>{{"CVPR", 2016}}));
  b = read_byline("\nCVPR, 2021\n", /*authors_known=*/true);
  EXPECT_TRUE(b.authors.empty());
  EXPECT_EQ(b.venue_years, (std::vector<VenueYear>{{"CVPR", 2021}}));
  // A venue no list names, in its own sentence after the authors.
  b = read_byline(". Alice Smith, Bob Jones. Computerized Medical Imaging and Graphics, 2021.",
                  false);
  EXPECT_EQ(b.authors, (Names{"Alice Smith", "Bob Jones"}));
  EXPECT_EQ(b.venue_years,
            (std::vector<VenueYear>{{"Computerized Medical Imaging and Graphics", 2021}}));
  b = read_byline(" - 2024 MedIA", false);
  EXPECT_EQ(b.venue_years, (std::vector<VenueYear>{{"MedIA", 2024}}));
  b = read_byline(" - Alice Smith, Bob Jones. Nature Communications.", false);
  EXPECT_EQ(b.authors, (Names{"Alice Smith", "Bob Jones"}));
  EXPECT_EQ(b.venue_years, (std::vector<VenueYear>{{"Nature Communications", std::nullopt}}));
  // A venue no list names, after the authors' sentence.
  b = read_byline(" - Julien Rivaud. TUGboat 2019", false);
  EXPECT_EQ(b.authors, (Names{"Julien Rivaud"}));
  EXPECT_EQ(b.venue_years, (std::vector<VenueYear>{{"TUGboat", 2019}}));
  EXPECT_TRUE(b.unsure_venue.empty());
  // One word and a year: kept as the author, said to be unsure.
  b = read_byline(" - Plato 2019", false);
  EXPECT_EQ(b.authors, (Names{"Plato"}));
  EXPECT_EQ(b.venue_years, (std::vector<VenueYear>{{"", 2019}}));
  EXPECT_EQ(b.unsure_venue, (VenueYear{"Plato", 2019}));
  // The authors are known (an italic line): the word is the venue.
  b = read_byline("\nZeitschrift 2019\n", /*authors_known=*/true);
  EXPECT_EQ(b.venue_years, (std::vector<VenueYear>{{"Zeitschrift", 2019}}));
  EXPECT_TRUE(b.unsure_venue.empty());
  // An arXiv identifier is not a year.
  b = read_byline(" - see arXiv:2012.01234", false);
  EXPECT_TRUE(b.venue_years.empty());
  EXPECT_TRUE(b.authors.empty());
}

TEST(CatalogueByline, AuthorNames) {
  for (std::string name :
       {"Alice Smith", "J. Bergstra", "Bennett A. Landman", "J.-P. Thiran", "Ludwig van Beethoven",
        "Juan de la Cruz", "Se\xC3\xA1n O'Neil", "Yann LeCun", "Md Mahfuzur Rahman Siddiquee",
        "Isensee", "\xE5\xBC\xA0\xE4\xB8\x89", "K He"}) {
    EXPECT_TRUE(is_author_name(name)) << name;
  }
  for (std::string not_name :
       {"", "CVPR", "ICCV 2019", "Bob Jones 2021", "Medical Image Analysis", "The Team",
        "Official PyTorch Implementation", "we propose", "J. K.", "MedIA", "Nature",
        "A B C D E F G", "Smith (2021)", "Alice Smith\xF0\x9F\x94\xA5"}) {
    EXPECT_FALSE(is_author_name(not_name)) << not_name;
  }
  EXPECT_TRUE(reads_as_author_list("Veit Sandfort , Ke Yan, perry J. pickhardt"));
  EXPECT_FALSE(reads_as_author_list("ICCV 2019"));
  EXPECT_FALSE(reads_as_author_list("IEEE Access"));
  EXPECT_FALSE(reads_as_author_list("Journal of Imaging"));
}

TEST(CatalogueByline, GluedYearsAndDates) {
  EXPECT_EQ(parse_venue_year("CVPR2021").venue, "CVPR");
  EXPECT_EQ(parse_venue_year("CVPR2021").year, 2021);
  EXPECT_EQ(parse_venue_year("MedIA2024").venue, "MedIA");
  EXPECT_EQ(parse_venue_year("ResNet2015").venue, "ResNet2015");
  EXPECT_EQ(parse_venue_year("ResNet2015").year, std::nullopt);
  EXPECT_TRUE(is_date_text("7th Dec."));
  EXPECT_TRUE(is_date_text("Sept 12"));
  EXPECT_FALSE(is_date_text("MICCAI"));
  EXPECT_FALSE(is_date_text(""));
}

}  // namespace
}  // namespace paper
