#include "indexer/fetch/discover.h"

#include <gtest/gtest.h>

#include "common/version.h"
#include "tests/support/http/http_server.h"

namespace paper {
namespace {

// A host whose first label is longer than DNS allows (63 bytes): the resolver rejects it
// locally, so the test sees a real resolution failure without sending a DNS query.
constexpr const char* kUnresolvableHost =
    "unresolvable-label-longer-than-sixty-three-characters-never-sent-to-dns.invalid";

using namespace std::chrono_literals;
using testing::HttpRequest;
using testing::HttpResponse;
using testing::HttpServer;

const char* kTitle =
    "U-Net and Its Variants for Medical Image Segmentation: A Review of Theory "
    "and Applications";

std::string atom_entry(const std::string& id, const std::string& title) {
  return "<entry>\n<id>http://arxiv.org/abs/" + id + "</id>\n<title>" + title +
         "</title>\n<link title=\"pdf\" href=\"http://arxiv.org/pdf/" + id +
         "\" rel=\"related\" type=\"application/pdf\"/>\n</entry>\n";
}

std::string atom_feed(const std::string& entries) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed "
         "xmlns=\"http://www.w3.org/2005/Atom\">\n<title>arXiv Query</title>\n" +
         entries + "</feed>\n";
}

HttpResponse json_response(const std::string& body) {
  HttpResponse r;
  r.headers.emplace_back("Content-Type", "application/json");
  r.body = body;
  return r;
}

Paper springer_paper() {
  Paper p;
  p.id = "deep-adversarial-networks";
  p.title =
      "Deep Adversarial Networks for Biomedical Image Segmentation Utilizing Unannotated "
      "Images";
  p.authors = {"Yizhe Zhang"};
  p.year = 2017;
  Link l;
  l.url = "https://link.springer.com/chapter/10.1007/978-3-319-66179-7_47";
  l.host = "link.springer.com";
  p.links.push_back(l);
  return p;
}

class DiscoverTest : public ::testing::Test {
 protected:
  DiscoveryOptions options() {
    DiscoveryOptions o;
    o.arxiv_api = server_.url("/arxiv/query");
    o.unpaywall_api = server_.url("/unpaywall/v2");
    o.semantic_scholar_api = server_.url("/s2/graph/v1");
    o.openalex_api = server_.url("/openalex");
    o.crossref_api = server_.url("/crossref");
    o.arxiv_interval_s = 0;
    o.unpaywall_interval_s = 0;
    o.semantic_scholar_interval_s = 0;
    o.openalex_interval_s = 0;
    o.crossref_interval_s = 0;
    o.retry_base_s = 0.001;
    o.retry_after_max_s = 0.001;
    o.timeout_s = 10;
    return o;
  }
  HttpServer server_;
};

TEST(DiscoverParseTest, ArxivFeedAcceptsOnlyAMatchingTitle) {
  std::string feed = atom_feed(atom_entry("2308.16150v1",
                                          "Modality cycles with masked conditional "
                                          "diffusion") +
                               atom_entry("2011.01118v2",
                                          "U-Net and Its Variants for Medical Image\n  "
                                          "Segmentation: A Review of Theory and Applications"));
  auto c = parse_arxiv_feed(feed, kTitle);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].url, "https://arxiv.org/pdf/2011.01118");
  EXPECT_EQ(c[0].origin, "arXiv 2011.01118 (found by title)");
  EXPECT_TRUE(parse_arxiv_feed(feed, "Another paper entirely").empty());
  EXPECT_TRUE(parse_arxiv_feed("<html>not a feed", kTitle).empty());
}

TEST(DiscoverParseTest, UnpaywallBestLocationFirst) {
  auto c = parse_unpaywall(R"({"is_oa": true,
    "best_oa_location": {"url_for_pdf": "https://repo.org/a.pdf", "url": "https://repo.org/a"},
    "oa_locations": [{"url_for_pdf": "https://repo.org/a.pdf"}, {"url_for_pdf": null},
                     {"url_for_pdf": "https://mirror.org/a.pdf"}]})");
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].url, "https://repo.org/a.pdf");
  EXPECT_EQ(c[0].origin, "Unpaywall best open-access PDF");
  EXPECT_EQ(c[1].url, "https://mirror.org/a.pdf");
  EXPECT_TRUE(parse_unpaywall("{not json").empty());
}

TEST(DiscoverParseTest, SemanticScholarMatchAndArxivId) {
  auto c = parse_semantic_scholar(std::string(R"({"data": [{"title": ")") + kTitle +
                                      R"(", "externalIds": {"ArXiv": "2011.01118"},
          "openAccessPdf": {"url": "https://s2.org/x.pdf", "status": "GREEN"}}]})",
                                  kTitle);
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].url, "https://s2.org/x.pdf");
  EXPECT_EQ(c[1].url, "https://arxiv.org/pdf/2011.01118");
  EXPECT_TRUE(parse_semantic_scholar(
                  R"({"title": "Other", "openAccessPdf": {"url": "https://x.org/y.pdf"}})", kTitle)
                  .empty());
}

TEST(DiscoverParseTest, OpenAlexSearchResults) {
  auto c = parse_openalex(std::string(R"({"results": [{"display_name": "Other"},
      {"display_name": ")") + kTitle +
                              R"(",
       "best_oa_location": {"pdf_url": "https://oa.org/1.pdf"},
       "locations": [{"pdf_url": "https://oa.org/1.pdf"}, {"pdf_url": "ftp://oa.org/2.pdf"}]}]})",
                          kTitle);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].url, "https://oa.org/1.pdf");
}

TEST(DiscoverParseTest, CrossrefDoisOfMatchingItems) {
  std::vector<Candidate> links;
  auto dois = parse_crossref_dois(std::string(R"({"message": {"items": [
        {"DOI": "10.1/other", "title": ["Something else"]},
        {"DOI": "10.1007/978-3-319-66179-7_47", "title": [")") +
                                      kTitle + R"("],
         "link": [{"URL": "https://pub.org/x.pdf", "content-type": "application/pdf"},
                  {"URL": "https://pub.org/x.xml", "content-type": "text/xml"}]}]}})",
                                  kTitle, &links);
  EXPECT_EQ(dois, std::vector<std::string>{"10.1007/978-3-319-66179-7_47"});
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0].url, "https://pub.org/x.pdf");
}

TEST_F(DiscoverTest, ArxivTitleSearchFindsTheMatchingEntry) {
  server_.serve("/arxiv/query", testing::pdf_response(atom_feed(atom_entry("2011.01118v1", kTitle)),
                                                      "application/atom+xml"));
  Discoverer discoverer(options());
  Paper p;
  p.title = kTitle;
  Discovery d = discoverer.discover(p);
  ASSERT_EQ(d.candidates.size(), 1u);
  EXPECT_EQ(d.candidates[0].url, "https://arxiv.org/pdf/2011.01118");
  EXPECT_TRUE(d.notes.empty());
  auto requests = server_.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].param("search_query"),
            "ti%3A%22u%20net%20and%20its%20variants%20for%20medical%20image%20segmentation%20a%"
            "20review%20of%20theory%20and%20applications%22");
  EXPECT_EQ(requests[0].param("max_results"), "5");
  EXPECT_EQ(requests[0].header("User-Agent"), kUserAgent);
}

TEST_F(DiscoverTest, EveryConfiguredApiIsAskedAndCrossrefDoisGoToUnpaywall) {
  Paper p = springer_paper();
  server_.serve("/arxiv/query", testing::pdf_response(atom_feed(""), "application/atom+xml"));
  server_.serve(
      "/unpaywall/v2/10.1007/978-3-319-66179-7_47",
      json_response(R"({"best_oa_location": {"url_for_pdf": "https://repo.org/dan.pdf"}})"));
  server_.serve("/s2/graph/v1/paper/DOI:10.1007/978-3-319-66179-7_47",
                json_response(R"({"title": ")" + p.title +
                              R"(", "openAccessPdf": {"url": "https://s2.org/dan.pdf"}})"));
  server_.serve("/openalex/works/doi:10.1007/978-3-319-66179-7_47",
                json_response(R"({"display_name": ")" + p.title +
                              R"(", "best_oa_location": {"pdf_url": "https://oa.org/dan.pdf"}})"));
  server_.serve(
      "/crossref/works",
      json_response(R"({"message": {"items": [{"DOI": "10.5555/other-copy", "title": [")" +
                    p.title + R"("]}]}})"));
  server_.serve("/unpaywall/v2/10.5555/other-copy", testing::status_response(404));
  DiscoveryOptions o = options();
  o.email = "team@example.org";
  o.semantic_scholar_key = "s2-key";
  o.openalex_key = "oa-key";
  Discoverer discoverer(o);
  Discovery d = discoverer.discover(p);
  std::vector<std::string> urls;
  for (const auto& c : d.candidates) urls.push_back(c.url);
  EXPECT_EQ(urls, (std::vector<std::string>{"https://repo.org/dan.pdf", "https://s2.org/dan.pdf",
                                            "https://oa.org/dan.pdf"}));
  EXPECT_EQ(d.notes, (std::vector<std::string>{"arXiv API: no entry with a matching title",
                                               "Unpaywall: HTTP 404 for DOI 10.5555/other-copy"}));
  for (const auto& r : server_.requests()) {
    if (r.path.rfind("/unpaywall", 0) == 0) {
      EXPECT_EQ(r.param("email"), "team%40example.org");
    }
    if (r.path.rfind("/s2", 0) == 0) {
      EXPECT_EQ(r.header("x-api-key"), "s2-key");
    }
    if (r.path.rfind("/openalex", 0) == 0) {
      EXPECT_EQ(r.param("api_key"), "oa-key");
    }
    if (r.path.rfind("/crossref", 0) == 0) {
      EXPECT_EQ(r.param("mailto"), "team%40example.org");
    }
  }
  // arXiv's empty answer is asked again once (EmptyArxivAnswerIsAskedAgain).
  EXPECT_EQ(server_.count("/arxiv/query"), 2);
  EXPECT_EQ(server_.total_requests(), 7);
}

TEST_F(DiscoverTest, UnconfiguredApisAreNotAsked) {
  server_.serve("/arxiv/query", testing::pdf_response(atom_feed(""), "application/atom+xml"));
  Discoverer discoverer(options());
  Discovery d = discoverer.discover(springer_paper());
  EXPECT_TRUE(d.candidates.empty());
  EXPECT_EQ(server_.count("/arxiv/query"), 2);  // its empty answer asked again
  EXPECT_EQ(server_.total_requests(), 2);
}

TEST_F(DiscoverTest, EmptyArxivAnswerIsAskedAgain) {
  const HttpResponse empty = testing::pdf_response(atom_feed(""), "application/atom+xml");
  server_.serve_sequence("/arxiv/query",
                         {empty, testing::pdf_response(atom_feed(atom_entry("2011.01118", kTitle)),
                                                       "application/atom+xml")});
  Paper p;
  p.title = kTitle;
  Discoverer discoverer(options());
  Discovery d = discoverer.discover(p);
  ASSERT_EQ(d.candidates.size(), 1u);
  EXPECT_EQ(d.candidates[0].url, "https://arxiv.org/pdf/2011.01118");
  EXPECT_TRUE(d.notes.empty());
  EXPECT_EQ(server_.count("/arxiv/query"), 2);
}

TEST_F(DiscoverTest, EmptyArxivAnswersAreAskedAgainAsConfigured) {
  server_.serve("/arxiv/query", testing::pdf_response(atom_feed(""), "application/atom+xml"));
  Paper p;
  p.title = kTitle;
  for (int retries : {0, 1, 3}) {
    DiscoveryOptions o = options();
    o.arxiv_empty_retries = retries;
    Discoverer discoverer(o);
    const int before = server_.count("/arxiv/query");
    EXPECT_EQ(discoverer.discover(p).notes,
              std::vector<std::string>{"arXiv API: no entry with a matching title"});
    EXPECT_EQ(server_.count("/arxiv/query") - before, 1 + retries) << retries << " retries";
  }
}

TEST_F(DiscoverTest, ArxivAnswerWithEntriesIsNotAskedAgain) {
  // Entries, none with the paper's title: a real answer, not an empty one.
  server_.serve("/arxiv/query",
                testing::pdf_response(atom_feed(atom_entry("2011.01118", "Another paper")),
                                      "application/atom+xml"));
  Paper p;
  p.title = kTitle;
  Discoverer discoverer(options());
  EXPECT_EQ(discoverer.discover(p).notes,
            std::vector<std::string>{"arXiv API: no entry with a matching title"});
  EXPECT_EQ(server_.count("/arxiv/query"), 1);
}

TEST_F(DiscoverTest, BusyApiIsRetriedAfterItsRetryAfter) {
  HttpResponse busy = testing::status_response(429);
  busy.headers.emplace_back("Retry-After", "5");
  server_.serve_sequence("/arxiv/query",
                         {busy, testing::pdf_response(atom_feed(atom_entry("2011.01118", kTitle)),
                                                      "application/atom+xml")});
  Discoverer discoverer(options());
  Paper p;
  p.title = kTitle;
  EXPECT_EQ(discoverer.discover(p).candidates.size(), 1u);
  EXPECT_EQ(server_.count("/arxiv/query"), 2);
}

TEST_F(DiscoverTest, UnreachableApiIsSkippedAfterTheFirstFailure) {
  DiscoveryOptions o = options();
  o.arxiv_api = std::string("http://") + kUnresolvableHost + "/api/query";
  Discoverer discoverer(o);
  Paper p;
  p.title = kTitle;
  const std::string note = std::string("arXiv API: host ") + kUnresolvableHost +
                           " could not be resolved (no network or DNS failure)";
  EXPECT_EQ(discoverer.discover(p).notes, std::vector<std::string>{note});
  EXPECT_EQ(discoverer.discover(p).notes, std::vector<std::string>{note});
}

TEST_F(DiscoverTest, RequestsToOneApiArePaced) {
  server_.serve("/arxiv/query", testing::pdf_response(atom_feed(""), "application/atom+xml"));
  DiscoveryOptions o = options();
  o.arxiv_interval_s = 0.2;
  Discoverer discoverer(o);
  Paper p;
  p.title = kTitle;
  discoverer.discover(p);
  discoverer.discover(p);
  auto requests = server_.requests();
  ASSERT_EQ(requests.size(), 4u);  // each empty answer asked again, paced as well
  for (std::size_t i = 1; i < requests.size(); ++i) {
    EXPECT_GE(requests[i].received - requests[i - 1].received, 190ms) << "request " << i;
  }
}

}  // namespace
}  // namespace paper

namespace paper {
namespace {

TEST_F(DiscoverTest, SuspectArxivIdIsCheckedAgainstTheTitle) {
  server_.route("/arxiv/query", [](const HttpRequest& request) {
    if (request.param("id_list") == "2308.16150")
      return testing::pdf_response(
          atom_feed(atom_entry("2308.16150v1",
                               "Modality Cycles with Masked Conditional Diffusion for "
                               "Unsupervised Anomaly Segmentation in MRI")),
          "application/atom+xml");
    return testing::pdf_response(atom_feed(""), "application/atom+xml");
  });
  Discoverer discoverer(options());
  EXPECT_EQ(discoverer.arxiv_id_matches("2308.16150",
                                        "Self-supervision with Superpixels: Training Few-shot "
                                        "Medical Image Segmentation without Annotation"),
            false);
  EXPECT_EQ(discoverer.arxiv_id_matches("2308.16150",
                                        "Modality cycles with masked conditional diffusion for "
                                        "unsupervised anomaly segmentation in MRI"),
            true);
  EXPECT_EQ(discoverer.arxiv_id_matches("9999.99999", "Anything"), std::nullopt);
  EXPECT_EQ(server_.count("/arxiv/query"), 4);  // the empty answer for 9999.99999 asked again
}

TEST_F(DiscoverTest, EmptyArxivAnswerToAnIdIsAskedAgain) {
  const std::string title =
      "Modality Cycles with Masked Conditional Diffusion for Unsupervised Anomaly Segmentation "
      "in MRI";
  server_.serve_sequence("/arxiv/query",
                         {testing::pdf_response(atom_feed(""), "application/atom+xml"),
                          testing::pdf_response(atom_feed(atom_entry("2308.16150v1", title)),
                                                "application/atom+xml")});
  Discoverer discoverer(options());
  EXPECT_EQ(discoverer.arxiv_id_matches("2308.16150", title), true);
  EXPECT_EQ(server_.count("/arxiv/query"), 2);
}

}  // namespace
}  // namespace paper
