// What marks a titled link as something other than a paper: video hosts, names of lists,
// courses, talks and sites, and spans of years.
#include "indexer/catalogue/non_papers.h"

#include <gtest/gtest.h>

namespace paper {
namespace {

TEST(CatalogueNonPapers, VideoHostsAndTheirSubdomains) {
  EXPECT_TRUE(is_video_host("www.youtube.com"));
  EXPECT_TRUE(is_video_host("youtu.be"));
  EXPECT_TRUE(is_video_host("vimeo.com"));
  EXPECT_TRUE(is_video_host("www.bilibili.com"));
  EXPECT_FALSE(is_video_host("notyoutube.com"));
  EXPECT_FALSE(is_video_host("arxiv.org"));
}

TEST(CatalogueNonPapers, LabelsThatNameListsCoursesTalksAndSites) {
  for (const char* label :
       {"Awesome 3D Reconstruction List", "awesome-computer-vision",
        "CS224n: NLP with Deep Learning", "CS 231n", "EECS498 Deep Learning for Computer Vision",
        "NeRF at CVPR 2022 Tutorial", "Jane Doe's homepage", "Jane Doe's home page",
        "Grand Challenge Challenges", "Kaggle Competition", "ADE20K Dataset",
        "Deep Learning Lectures", "My ML Blog"}) {
    EXPECT_TRUE(names_non_paper(label)) << label;
  }
  for (const char* label :
       {"Attention Is All You Need", "ImageNet: A Large-Scale Hierarchical Image Dataset",
        "VGG16 Revisited Again", "Deep Residual Learning for Image Recognition", "CS",
        "The Challenge of Realistic Music Generation: Modelling Raw Audio at Scale", ""}) {
    EXPECT_FALSE(names_non_paper(label)) << label;
  }
}

TEST(CatalogueNonPapers, SpansOfYears) {
  EXPECT_TRUE(has_year_range("Medical imaging challenges, 2012-2024."));
  EXPECT_TRUE(has_year_range("2019 \xE2\x80\x93 21"));
  EXPECT_TRUE(has_year_range("(1998 - 2005)"));
  EXPECT_FALSE(has_year_range("CVPR 2021."));
  EXPECT_FALSE(has_year_range("pages 2012-20190"));
  EXPECT_FALSE(has_year_range("arXiv 2001.00001-2"));
  EXPECT_FALSE(has_year_range("12019-2024"));
}

TEST(CatalogueNonPapers, LinkLabelsOfVideosBlogsAndTalks) {
  for (const char* label : {"Video", "Blog Post", "Website", "Slides", "Talk", "YouTube"}) {
    EXPECT_TRUE(names_non_paper_link(label)) << label;
  }
  for (const char* label : {"Paper", "arXiv", "Code", "Project", "Video Paper", "PDF"}) {
    EXPECT_FALSE(names_non_paper_link(label)) << label;
  }
}

}  // namespace
}  // namespace paper
