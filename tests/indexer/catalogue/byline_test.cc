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
