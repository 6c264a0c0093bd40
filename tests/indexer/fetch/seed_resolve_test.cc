// Resolution of the real seed list, parsed by the catalogue: the first URL tried per paper.
#include <gtest/gtest.h>

#include <map>

#include "indexer/catalogue/catalogue.h"
#include "indexer/fetch/resolve.h"

namespace paper {
namespace {

TEST(SeedResolveTest, EveryRealEntryGetsTheExpectedFirstCandidate) {
  Catalogue catalogue =
      parse_lists({std::string(PAPER_SOURCE_DIR) + "/data/awesome-medical-image-segmentation.md"});
  ASSERT_EQ(catalogue.papers.size(), 21u);
  // Title prefix -> first candidate ("" when none is left).
  const std::map<std::string, std::string> expected = {
      {"Medical Image Segmentation Review", "https://arxiv.org/pdf/2211.14830"},
      {"U-Net and Its Variants", "https://arxiv.org/pdf/2011.01118"},
      {"Advances in medical image analysis", "https://arxiv.org/pdf/2301.03505"},
      {"Transformers in Medical Imaging", "https://arxiv.org/pdf/2201.09873"},
      {"Transforming medical imaging", ""},
      {"Segment Anything Model", "https://arxiv.org/pdf/2401.03495"},
      {"C-DARL", "https://arxiv.org/pdf/2308.00193"},
      {"MedSegDiff-V2", "https://ojs.aaai.org/index.php/AAAI/article/view/28418"},
      {"MedSegDiff:", "https://proceedings.mlr.press/v227/wu24a/wu24a.pdf"},
      {"Diffusion adversarial representation", "https://arxiv.org/pdf/2209.14566"},
      {"Self-Supervised Vessel Segmentation",
       "https://openaccess.thecvf.com/content/ICCV2021/papers/"
       "Ma_Self-Supervised_Vessel_Segmentation_via_Adversarial_Learning_ICCV_2021_paper.pdf"},
      {"Data augmentation using generative",
       "https://www.nature.com/articles/s41598-019-52737-x.pdf"},
      {"Deep Adversarial Training",
       "https://ieeexplore.ieee.org/stamp/stamp.jsp?tp=&arnumber=8756037"},
      {"SynSeg-Net", "https://arxiv.org/pdf/1810.06498"},
      {"Spine-GAN",
       "https://drive.google.com/uc?export=download&id=1CwXjadj3GHzjGQ6ox76TgOit3UQ8AvPu"},
      {"Translating and Segmenting",
       "https://openaccess.thecvf.com/content_cvpr_2018/papers/"
       "Zhang_Translating_and_Segmenting_CVPR_2018_paper.pdf"},
      {"Deep Adversarial Networks",
       "https://link.springer.com/content/pdf/10.1007/978-3-319-66179-7_47.pdf"},
      {"Self-supervision with Superpixels",
       "https://link.springer.com/content/pdf/10.1007/978-3-030-58526-6_45.pdf"},
      {"\xE2\x80\x98Squeeze & Excite", "https://arxiv.org/pdf/2308.16150"},
      {"Recurrent Mask Refinement",
       "https://openaccess.thecvf.com/content/ICCV2021/papers/"
       "Tang_Recurrent_Mask_Refinement_for_Few-Shot_Medical_Image_Segmentation_ICCV_2021_paper."
       "pdf"},
      {"Dual Contrastive Learning",
       "https://link.springer.com/content/pdf/10.1007/978-3-031-20044-1_24.pdf"},
  };
  const std::time_t now = 1795737600;  // 2026-11-27
  int matched = 0;
  int candidates = 0;
  for (const Paper& p : catalogue.papers) {
    Resolution r = resolve(p, now);
    candidates += static_cast<int>(r.candidates.size());
    for (const auto& [prefix, first] : expected) {
      if (p.title.rfind(prefix, 0) != 0) continue;
      ++matched;
      EXPECT_EQ(r.candidates.empty() ? "" : r.candidates[0].url, first) << p.title;
    }
    for (const auto& c : r.candidates) {
      EXPECT_TRUE(c.url.rfind("https://", 0) == 0) << c.url;
      EXPECT_EQ(c.url.find("github.com"), std::string::npos);
    }
    for (const auto& s : r.skipped) EXPECT_EQ(s.find("X-Amz"), std::string::npos) << s;
  }
  EXPECT_EQ(matched, 21);
  EXPECT_EQ(candidates, 26);
}

TEST(SeedResolveTest, TheWrongSharedArxivIdIsSuspectOnBothPapers) {
  Catalogue catalogue =
      parse_lists({std::string(PAPER_SOURCE_DIR) + "/data/awesome-medical-image-segmentation.md"});
  int suspect = 0;
  for (const Paper& p : catalogue.papers)
    for (const auto& c : resolve(p, 1795737600).candidates)
      if (c.url == "https://arxiv.org/pdf/2308.16150") {
        EXPECT_TRUE(c.suspect) << p.title;
        ++suspect;
      }
  EXPECT_EQ(suspect, 2);
}

}  // namespace
}  // namespace paper
