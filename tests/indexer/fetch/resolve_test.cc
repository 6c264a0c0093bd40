#include "indexer/fetch/resolve.h"

#include <gtest/gtest.h>

namespace paper {
namespace {

// The seed's signed ScienceDirect link (entry 5): X-Amz-Date=20250124T100550Z, X-Amz-Expires=300.
const std::string kSignedLink =
    "https://pdf.sciencedirectassets.com/272154/1-s2.0-S1361841522X00091/1-s2.0-S136184152300"
    "0233/am.pdf?X-Amz-Security-Token=IQoJb3JpZ2luX2VjEAoaCXVzLWVhc3QtMSJHMEUCIHQ4wUzAf7F628j"
    "ZcWk1fJe%2Fnj9Ubmstw%2BaCOhxBylCoAiEA4iZ56MtIMwm4Z287tytVL7ME8SyjM%2BxSH0bhyYF5WzAqswUIE"
    "xAFGgwwNTkwMDM1NDY4NjUiDH8Yfo0mc%2B6b0hKTlCqQBQx1I0a76ia%2B%2F%2BkKlkPhKuanz9mBAiFn6YVF0"
    "%2FRkOHpuL5ytJdiYIfG20cBieLBFYmQhokhOJsBTKp3EJCeeUPWGbs1QIluPuznhn8ddyACvfnoi6LjL%2B5u%2"
    "BjcF0bi1F9I9zoNWC7Tf1PAPb14oucPkcYSdsTvwgvkfZEFxhVOOS7Z1dVCxoeTQxmXueZkD44WZlOBYyoOHcosS"
    "YsW0QQBTlFlyNf7kipkMt%2Fvie81NIkGG6eJ5gZPfPdf5pEwQab9%2BZ707WcQjF3k73AUtmKxX6WX3X8%2FY16"
    "HRPqyMg8FV%2BWXjPne95XxVlnxLME4jZtEcZj1owwClHUXCjrqO4q%2B1bb7dvbsHnMWzcgMPp00YaeZMNhK1Yr"
    "ypbmaivyNYzZX2S6mrlIoiBCLp%2BxRcGtpYcNVEyd8o0h6WUBfY53WJ72DbRvZg%2BfhVEsMGmoXa8lkX16EDGK"
    "bTHabYt02HZsUSrWw26LdwaAyo0%2FXowG%2F2VTiv%2FQ6GskmiGSDavz9sQGtuNmieOW3S%2FvmUHQbO2gjBh%"
    "2F%2BKu9CB5fPveviaWi7VroGPacud59LToBGJ23T%2BtjhVmJsM%2Bhl4VbGGqlS6hcEZfAnibkXS4e7AeibtCz"
    "xM7OLteVzLc%2BgfvHsRmMmgriHdf93qvNdSDd9wsZ8V%2FGmD1%2FnqA3R2LptF0FMc5VZpKWR1UGiQwWMW8sM0"
    "%2B7ZR5enC%2FFHwhqXHk3yti9NfmNcHZOoodTlRPpX89f2wRFf9Gmx943rHP8pADPweovxtc9hADaHCFr8G2A4f"
    "iWPQnBf%2B9TSt4BwInuOniAO0KZKrdJ3AXHYjWoczOzjoaw9yOB0mbQeqt1PrHIpR9dlsHfa1gLekMxjPrcKdLj"
    "D0EA580MLG8zbwGOrEBblX0LKXCn%2Bd75E32D1DilmV7C%2Bp%2Bro1jZy6V0w1ccnsBrdpKYzXL%2FuqX5jYfT"
    "4JGdQ1aJklOj63az%2FrXoFKp5utNMrHkUyjqfehuvnip9pheeVB0ny5KTe002rAxdMPoGer8LdPIHbBZAnBA7IQ"
    "ATNl1DqmkxWwMh9vsmM6%2Fx6P3MWDQ1xJr9PEtpt08xWG3Zv0dEDHmLoa1B9tgCt7K1hv8Rp0yQbTbhEm5IpMP1"
    "n%2BM&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20250124T100550Z&X-Amz-SignedHeaders=h"
    "ost&X-Amz-Expires=300&X-Amz-Credential=ASIAQ3PHCVTYSNCXSZT3%2F20250124%2Fus-east-1%2Fs3%"
    "2Faws4_request&X-Amz-Signature=c8cd7d35dc372d5a5f70cf6b092fe2b15a2f156ed875785d916c60ca1"
    "266456b&hash=c528c97cdcbcc14f5e11678971a4bc42a90e8728135225c8bd57912979174485&host=68042"
    "c943591013ac2b2430a89b270f6af2c76d8dfd086a07176afe7c76c2c61&pii=S1361841523000233&tid=pd"
    "f-34ef9cd5-23ae-47df-a075-b3e4e08e6525&sid=97a4015c444cb848688b7fe7f1fbf3147b03gxrqb&typ"
    "e=client";

// 2026-11-27 00:00:00 UTC, well after the signed link expired.
constexpr std::time_t kNow = 1795737600;

Link link(const std::string& label, const std::string& url, bool suspect = false) {
  Link l;
  l.label = label;
  l.url = url;
  l.host = host_of(url);
  l.kind = l.host.find("github.com") != std::string::npos ? LinkKind::kCode : LinkKind::kOther;
  l.suspect = suspect;
  return l;
}

Paper paper_with(std::vector<Link> links) {
  Paper p;
  p.id = "test-paper";
  p.title = "Test paper";
  p.links = std::move(links);
  return p;
}

std::vector<std::string> urls(const Resolution& r) {
  std::vector<std::string> out;
  for (const auto& c : r.candidates) out.push_back(c.url);
  return out;
}

using Urls = std::vector<std::string>;

TEST(ResolveTest, ArxivPdfFirstThenIeeeStampPage) {  // seed entry 1
  auto r =
      resolve(paper_with({link("Paper", "https://ieeexplore.ieee.org/abstract/document/10643318"),
                          link("ArXiv", "https://arxiv.org/pdf/2211.14830")}),
              kNow);
  EXPECT_EQ(urls(r), (Urls{"https://arxiv.org/pdf/2211.14830",
                           "https://ieeexplore.ieee.org/stamp/stamp.jsp?tp=&arnumber=10643318"}));
  EXPECT_EQ(r.candidates[0].origin, "arXiv 2211.14830");
  EXPECT_TRUE(r.skipped.empty());
}

TEST(ResolveTest, ArxivAbstractPageBecomesItsPdf) {  // seed entry 2
  auto r = resolve(paper_with({link("Paper", "https://ieeexplore.ieee.org/document/9446143"),
                               link("ArXiv", "https://arxiv.org/abs/2011.01118")}),
                   kNow);
  EXPECT_EQ(urls(r), (Urls{"https://arxiv.org/pdf/2011.01118",
                           "https://ieeexplore.ieee.org/stamp/stamp.jsp?tp=&arnumber=9446143"}));
}

TEST(ResolveTest, ExpiredSignedLinkIsSkippedWithoutItsToken) {  // seed entry 5
  auto r = resolve(
      paper_with(
          {link("Paper", "https://www.sciencedirect.com/science/article/abs/pii/S1361841523000233"),
           link("ArXiv", kSignedLink)}),
      kNow);
  EXPECT_TRUE(r.candidates.empty());
  ASSERT_EQ(r.skipped.size(), 2u);
  EXPECT_EQ(r.skipped[0],
            "www.sciencedirect.com: publisher page without an open PDF route (needs a "
            "subscription and a browser)");
  EXPECT_EQ(r.skipped[1],
            "pdf.sciencedirectassets.com: signed link expired at 2025-01-24 10:10:50 UTC (the "
            "list holds a temporary download link; replace it with a permanent one)");
  for (const auto& s : r.skipped) {
    EXPECT_EQ(s.find("X-Amz"), std::string::npos);
    EXPECT_EQ(s.find("Token"), std::string::npos);
  }
}

TEST(ResolveTest, SignedLinkIsACandidateUntilItExpires) {
  std::time_t signed_at = 1737713150;  // 2025-01-24 10:05:50 UTC
  auto r = resolve(paper_with({link("ArXiv", kSignedLink)}), signed_at + 60);
  ASSERT_EQ(r.candidates.size(), 1u);
  EXPECT_EQ(r.candidates[0].url, kSignedLink);
  EXPECT_EQ(r.candidates[0].origin,
            "signed link to pdf.sciencedirectassets.com (expires 2025-01-24 10:10:50 UTC)");
}

TEST(ResolveTest, CloudFrontExpiresInThePastIsSkipped) {
  auto r = resolve(
      paper_with({link("Paper", "https://cdn.example.org/a.pdf?Expires=1700000000&Signature=abc")}),
      kNow);
  EXPECT_TRUE(r.candidates.empty());
  EXPECT_EQ(r.skipped, (Urls{"cdn.example.org: signed link expired at 2023-11-14 22:13:20 UTC (the "
                             "list holds a temporary download link; replace it with a permanent "
                             "one)"}));
}

TEST(ResolveTest, AaaiPageListedTwiceIsOneCandidate) {  // seed entry 11
  auto r =
      resolve(paper_with({link("Paper", "https://ojs.aaai.org/index.php/AAAI/article/view/28418"),
                          link("ArXiv", "https://ojs.aaai.org/index.php/AAAI/article/view/28418"),
                          link("Github", "https://github.com/MedicineToken/MedSegDiff")}),
              kNow);
  EXPECT_EQ(urls(r), (Urls{"https://ojs.aaai.org/index.php/AAAI/article/view/28418"}));
  EXPECT_EQ(r.skipped, (Urls{"github.com: code repository, not a paper (never downloaded)"}));
}

TEST(ResolveTest, PmlrPageAndPdfGiveOnePdf) {  // seed entry 12
  auto r =
      resolve(paper_with({link("Paper", "https://proceedings.mlr.press/v227/wu24a.html"),
                          link("ArXiv", "https://proceedings.mlr.press/v227/wu24a/wu24a.pdf")}),
              kNow);
  EXPECT_EQ(urls(r), (Urls{"https://proceedings.mlr.press/v227/wu24a/wu24a.pdf"}));
  EXPECT_EQ(r.candidates[0].origin, "PMLR page rewritten to its PDF");
}

TEST(ResolveTest, OpenReviewForumBecomesPdfAfterArxiv) {  // seed entry 13
  auto r = resolve(paper_with({link("Paper", "https://openreview.net/forum?id=H0gdPxSwkPb"),
                               link("ArXiv", "https://arxiv.org/pdf/2209.14566"),
                               link("Github", "https://github.com/boahK/DARL")}),
                   kNow);
  EXPECT_EQ(urls(r), (Urls{"https://arxiv.org/pdf/2209.14566",
                           "https://openreview.net/pdf?id=H0gdPxSwkPb"}));
}

TEST(ResolveTest, CvfHtmlPageBecomesItsPdf) {  // seed entry 14
  auto r = resolve(
      paper_with({link("Paper",
                       "https://openaccess.thecvf.com/content/ICCV2021/html/"
                       "Ma_Self-Supervised_Vessel_Segmentation_via_Adversarial_Learning_ICCV_2021_"
                       "paper.html"),
                  link("ArXiv",
                       "https://openaccess.thecvf.com/content/ICCV2021/papers/"
                       "Ma_Self-Supervised_Vessel_Segmentation_via_Adversarial_Learning_ICCV_2021_"
                       "paper.pdf")}),
      kNow);
  EXPECT_EQ(urls(r), (Urls{"https://openaccess.thecvf.com/content/ICCV2021/papers/"
                           "Ma_Self-Supervised_Vessel_Segmentation_via_Adversarial_Learning_ICCV_"
                           "2021_paper.pdf"}));
}

TEST(ResolveTest, OldCvfPdfIsKept) {  // seed entry 19
  auto r = resolve(paper_with({link("Paper",
                                    "https://openaccess.thecvf.com/content_cvpr_2018/papers/"
                                    "Zhang_Translating_and_Segmenting_CVPR_2018_paper.pdf")}),
                   kNow);
  EXPECT_EQ(urls(r), (Urls{"https://openaccess.thecvf.com/content_cvpr_2018/papers/"
                           "Zhang_Translating_and_Segmenting_CVPR_2018_paper.pdf"}));
}

TEST(ResolveTest, NatureArticleBecomesItsPdf) {  // seed entry 15
  auto r = resolve(paper_with({link("Paper", "https://www.nature.com/articles/s41598-019-52737-x"),
                               link("Github", "https://github.com/hansen7/CT_Contrast_CycleGAN")}),
                   kNow);
  EXPECT_EQ(urls(r), (Urls{"https://www.nature.com/articles/s41598-019-52737-x.pdf"}));
}

TEST(ResolveTest, IeeeWithTrailingSlashAndPmcArticle) {  // seed entry 16
  auto r =
      resolve(paper_with({link("Paper", "https://ieeexplore.ieee.org/abstract/document/8756037/"),
                          link("ArXiv", "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC8588951/")}),
              kNow);
  EXPECT_EQ(urls(r), (Urls{"https://ieeexplore.ieee.org/stamp/stamp.jsp?tp=&arnumber=8756037",
                           "https://europepmc.org/articles/PMC8588951?pdf=render"}));
}

TEST(ResolveTest, DriveViewLinkBecomesDirectDownload) {  // seed entry 18
  auto r = resolve(
      paper_with(
          {link("Paper", "https://www.sciencedirect.com/science/article/abs/pii/S136184151830642X"),
           link("ArXiv", "https://drive.google.com/file/d/1CwXjadj3GHzjGQ6ox76TgOit3UQ8AvPu/view"),
           link("Github", "https://github.com/zhyhan/Spine-GAN")}),
      kNow);
  EXPECT_EQ(urls(r), (Urls{"https://drive.google.com/uc?export=download&id="
                           "1CwXjadj3GHzjGQ6ox76TgOit3UQ8AvPu"}));
  EXPECT_EQ(r.skipped.size(), 2u);
}

TEST(ResolveTest, SpringerChapterBecomesContentPdfAndResearchGateIsSkipped) {  // seed entry 20
  auto r = resolve(
      paper_with({link("Paper", "https://link.springer.com/chapter/10.1007/978-3-319-66179-7_47"),
                  link("ArXiv",
                       "https://www.researchgate.net/profile/Yizhe-Zhang-11/publication/"
                       "319460791_Deep_Adversarial_Networks/links/59c9163fa6fdccc71929d61b/"
                       "Deep-Adversarial-Networks.pdf")}),
      kNow);
  EXPECT_EQ(urls(r),
            (Urls{"https://link.springer.com/content/pdf/10.1007/978-3-319-66179-7_47.pdf"}));
  EXPECT_EQ(r.skipped,
            (Urls{"www.researchgate.net: refuses programs (HTTP 403); find the paper elsewhere"}));
}

TEST(ResolveTest, SuspectArxivLinkGoesLast) {  // seed entry 21 (wrong arXiv id)
  auto r = resolve(
      paper_with({link("Paper", "https://link.springer.com/chapter/10.1007/978-3-030-58526-6_45"),
                  link("ArXiv", "https://arxiv.org/abs/2308.16150", /*suspect=*/true)}),
      kNow);
  EXPECT_EQ(urls(r), (Urls{"https://link.springer.com/content/pdf/10.1007/978-3-030-58526-6_45.pdf",
                           "https://arxiv.org/pdf/2308.16150"}));
  EXPECT_TRUE(r.candidates[1].suspect);
}

TEST(ResolveTest, WwwGithubIsCodeAndEmptyLinksAreIgnored) {  // seed entries 22 and 7
  auto r =
      resolve(paper_with({link("Paper", ""), link("ArXiv", ""),
                          link("Github", "https://www.github.com/abhi4ssj/few-shot-segmentation")}),
              kNow);
  EXPECT_TRUE(r.candidates.empty());
  EXPECT_EQ(r.skipped, (Urls{"www.github.com: code repository, not a paper (never downloaded)"}));
}

TEST(ResolveTest, NonHttpLinkIsSkipped) {
  auto r = resolve(paper_with({link("Paper", "ftp://example.org/paper.pdf")}), kNow);
  EXPECT_TRUE(r.candidates.empty());
  EXPECT_EQ(r.skipped, (Urls{"ftp://example.org/paper.pdf: not an http(s) link"}));
}

TEST(ResolveTest, UnknownLinksKeepTheirUrlAfterKnownRoutes) {
  auto r = resolve(paper_with({link("Paper", "https://example.org/paper"),
                               link("ArXiv", "https://example.org/files/paper.PDF"),
                               link("Other", "https://arxiv.org/abs/cs/0112017v1")}),
                   kNow);
  EXPECT_EQ(urls(r), (Urls{"https://arxiv.org/pdf/cs/0112017v1",
                           "https://example.org/files/paper.PDF", "https://example.org/paper"}));
}

TEST(FollowHtmlPageTest, DriveVirusScanFormIsResubmitted) {
  std::string html =
      "<html><body><p>Google Drive can't scan this file for viruses.</p>"
      "<form id=\"download-form\" action=\"https://drive.usercontent.google.com/download\" "
      "method=\"get\"><input type=\"submit\" id=\"uc-download-link\" value=\"Download anyway\"/>"
      "<input type=\"hidden\" name=\"id\" value=\"1CwXjadj3GHzjGQ6ox76TgOit3UQ8AvPu\">"
      "<input type=\"hidden\" name=\"export\" value=\"download\">"
      "<input type=\"hidden\" name=\"confirm\" value=\"t\">"
      "<input type=\"hidden\" name=\"uuid\" value=\"1b2c-3d\"></form></body></html>";
  EXPECT_EQ(follow_html_page("https://drive.google.com/uc?export=download&id=1Cw", html),
            "https://drive.usercontent.google.com/download?id=1CwXjadj3GHzjGQ6ox76TgOit3UQ8AvPu&"
            "export=download&confirm=t&uuid=1b2c-3d");
}

TEST(FollowHtmlPageTest, OjsGalleyLinkIsTurnedIntoItsDownload) {
  std::string html =
      "<ul class=\"value galleys_links\"><li>"
      "<a class=\"obj_galley_link pdf\" href=\"https://ojs.aaai.org/index.php/AAAI/article/view/"
      "28418/32521\" aria-labelledby=article-28418>PDF</a></li></ul>";
  EXPECT_EQ(follow_html_page("https://ojs.aaai.org/index.php/AAAI/article/view/28418", html),
            "https://ojs.aaai.org/index.php/AAAI/article/download/28418/32521");
}

TEST(FollowHtmlPageTest, IeeeStampIframeIsFollowed) {
  std::string html =
      "<html><frameset><iframe src=\"https://ieeexplore.ieee.org/stampPDF/getPDF.jsp?tp=&amp;"
      "arnumber=9446143&amp;ref=\" frameborder=0></iframe></frameset></html>";
  EXPECT_EQ(
      follow_html_page("https://ieeexplore.ieee.org/stamp/stamp.jsp?tp=&arnumber=9446143", html),
      "https://ieeexplore.ieee.org/stampPDF/getPDF.jsp?tp=&arnumber=9446143&ref=");
}

// The citation_pdf_url meta tag of publishers' landing pages, as Google Scholar reads it.
TEST(FollowHtmlPageTest, CitationPdfUrlOfALandingPageIsFollowed) {
  std::string html =
      "<html><head><meta name=\"citation_title\" content=\"A Paper\">"
      "<META NAME=\"citation_pdf_url\" CONTENT=\"https://link.example.org/content/pdf/"
      "10.1007/978.pdf?a=1&amp;b=2\"></head><body>Abstract</body></html>";
  EXPECT_EQ(follow_html_page("https://link.example.org/chapter/10.1007/978", html),
            "https://link.example.org/content/pdf/10.1007/978.pdf?a=1&b=2");
  EXPECT_EQ(follow_html_page("http://127.0.0.1:8080/paper/7",
                             "<meta name='citation_pdf_url' content='/paper/7.pdf'>"),
            "http://127.0.0.1:8080/paper/7.pdf");
  EXPECT_EQ(follow_html_page("https://example.org/p",
                             "<meta name='citation_pdf_url' content='ftp://example.org/p.pdf'>"),
            std::nullopt);
  // Pretty-printed: attributes on lines of their own, spaces around '='.
  EXPECT_EQ(follow_html_page("https://example.org/p",
                             "<meta\n  name=\"citation_pdf_url\"\n\tcontent = \"/p.pdf\">"),
            "https://example.org/p.pdf");
}

TEST(FollowHtmlPageTest, RelativeLinksResolveAgainstThePage) {
  std::string html = "<a class='obj_galley_link pdf' href='/index.php/X/article/view/1/2'>PDF</a>";
  EXPECT_EQ(follow_html_page("http://127.0.0.1:8080/index.php/X/article/view/1", html),
            "http://127.0.0.1:8080/index.php/X/article/download/1/2");
}

TEST(FollowHtmlPageTest, OrdinaryPagesAndNonHttpTargetsLeadNowhere) {
  EXPECT_EQ(follow_html_page("https://example.org/", "<html><body>Sign in</body></html>"),
            std::nullopt);
  EXPECT_EQ(follow_html_page("https://example.org/", "<iframe src=\"file:///etc/passwd.pdf\">"),
            std::nullopt);
}

TEST(UrlTest, LogFormDropsCredentials) {
  EXPECT_EQ(url_for_log(kSignedLink),
            "https://pdf.sciencedirectassets.com/272154/1-s2.0-S1361841522X00091/"
            "1-s2.0-S1361841523000233/am.pdf?...");
  EXPECT_EQ(url_for_log("https://openreview.net/pdf?id=H0gdPxSwkPb"),
            "https://openreview.net/pdf?id=H0gdPxSwkPb");
}

TEST(UrlTest, ArxivIdsAndDois) {
  EXPECT_EQ(arxiv_id_from_url("https://arxiv.org/abs/2308.16150"), "2308.16150");
  EXPECT_EQ(arxiv_id_from_url("https://arxiv.org/pdf/2211.14830v2.pdf"), "2211.14830v2");
  EXPECT_EQ(arxiv_id_from_url("https://export.arxiv.org/abs/cs/0112017"), "cs/0112017");
  EXPECT_EQ(arxiv_id_from_url("https://arxiv.org/list/cs.CV/recent"), std::nullopt);
  EXPECT_EQ(doi_from_url("https://link.springer.com/chapter/10.1007/978-3-319-66179-7_47"),
            "10.1007/978-3-319-66179-7_47");
  EXPECT_EQ(doi_from_url("https://www.nature.com/articles/s41598-019-52737-x"),
            "10.1038/s41598-019-52737-x");
  EXPECT_EQ(doi_from_url("https://doi.org/10.1016/j.media.2023.102802"),
            "10.1016/j.media.2023.102802");
  EXPECT_EQ(doi_from_url("https://arxiv.org/abs/2308.16150"), std::nullopt);
}

}  // namespace
}  // namespace paper
