// The catalogue's building blocks: mojibake repair, links, fields, inline Markdown.
#include <gtest/gtest.h>

#include "indexer/catalogue/fields.h"
#include "indexer/catalogue/inline_markdown.h"
#include "indexer/catalogue/link_problems.h"
#include "indexer/catalogue/link_references.h"
#include "indexer/catalogue/links.h"
#include "indexer/catalogue/mojibake.h"

namespace paper {
namespace {

TEST(CatalogueMojibake, RepairsMacRomanRoundTrips) {
  // "‚Äò" -> "‘", "‚Äô" -> "’", "√∂" -> "ö", U+F8FF "üîç" -> U+1F50D.
  EXPECT_EQ(repair_mac_roman_mojibake("\xE2\x80\x9A\xC3\x84\xC3\xB2Squeeze & "
                                      "Excite\xE2\x80\x9A\xC3\x84\xC3\xB4"),
            "\xE2\x80\x98Squeeze & Excite\xE2\x80\x99");
  EXPECT_EQ(repair_mac_roman_mojibake("P\xE2\x88\x9A\xE2\x88\x82lsterl"), "P\xC3\xB6lsterl");
  EXPECT_EQ(repair_mac_roman_mojibake("\xC5\x92\xC2\xB1-VAE"), "\xCE\xB1-VAE");  // "Œ±"
  EXPECT_EQ(repair_mac_roman_mojibake("## \xEF\xA3\xBF\xC3\xBC\xC3\xAE\xC3\xA7Related"),
            "## \xF0\x9F\x94\x8DRelated");
}

TEST(CatalogueMojibake, LeavesCorrectTextAlone) {
  for (std::string s : {"plain", "P\xC3\xB6lsterl", "\xE2\x80\x98quoted\xE2\x80\x99",
                        "caf\xC3\xA9 na\xC3\xAFve", "\xF0\x9F\x94\x8D Search",
                        "\xE2\x80\x9C\xC3\x9C"
                        "ber\xE2\x80\x9D"}) {
    EXPECT_EQ(repair_mac_roman_mojibake(s), s);
  }
}

TEST(CatalogueLinks, HostKindAndNormalisation) {
  Link a = make_link(" ArXiv ", " https://arxiv.org/pdf/2211.14830 ");
  EXPECT_EQ(
      a, (Link{"ArXiv", "https://arxiv.org/pdf/2211.14830", "arxiv.org", LinkKind::kArxiv, false}));
  Link g = make_link("Github", "https://www.github.com/abhi4ssj/few-shot-segmentation/");
  EXPECT_EQ(g.url, "https://github.com/abhi4ssj/few-shot-segmentation");
  EXPECT_EQ(g.host, "github.com");
  EXPECT_EQ(g.kind, LinkKind::kCode);
  EXPECT_EQ(make_link("x", "HTTPS://User@Example.ORG:8080/a").host, "example.org");
  EXPECT_EQ(make_link("x", "https://example.org/paper.PDF?dl=1").kind, LinkKind::kPdf);
  EXPECT_EQ(make_link("x", "https://openreview.net/pdf?id=H0gdPxSwkPb").kind, LinkKind::kPdf);
  EXPECT_EQ(make_link("x", "https://openreview.net/forum?id=H0gdPxSwkPb").kind, LinkKind::kLanding);
  EXPECT_EQ(make_link("x", "https://example.org/blog").kind, LinkKind::kOther);
  EXPECT_EQ(make_link("x", "ftp://example.org/a.pdf").host, "");
}

TEST(CatalogueLinks, Ipv6LiteralHostsKeepTheirBrackets) {
  EXPECT_EQ(make_link("x", "http://[::1]:8080/p.pdf").host, "[::1]");
  EXPECT_EQ(make_link("x", "http://[::1]:8080/p.pdf").kind, LinkKind::kPdf);
  EXPECT_EQ(url_host("https://user@[2001:DB8::1]/a"), "[2001:db8::1]");
  EXPECT_EQ(url_host("https://[2001:db8::1]"), "[2001:db8::1]");
  EXPECT_EQ(url_host("http://[::1/p.pdf"), "");
  EXPECT_EQ(url_host("http://[]/p.pdf"), "");
}

TEST(CatalogueLinks, IdentifiersFromUrls) {
  EXPECT_EQ(arxiv_id_of("https://arxiv.org/abs/2308.16150v2"), "2308.16150");
  EXPECT_EQ(arxiv_id_of("https://arxiv.org/pdf/1804.03999.pdf"), "1804.03999");
  EXPECT_EQ(arxiv_id_of("https://example.org/abs/1804.03999"), std::nullopt);
  EXPECT_EQ(doi_of("https://link.springer.com/chapter/10.1007/978-3-319-66179-7_47"),
            "10.1007/978-3-319-66179-7_47");
  EXPECT_EQ(doi_of("https://doi.org/10.1016/J.MEDIA.2020.101"), "10.1016/j.media.2020.101");
  EXPECT_EQ(work_key_of("https://www.nature.com/articles/s41598-019-52737-x"), std::nullopt);
  EXPECT_EQ(year_of_url("https://openaccess.thecvf.com/content_cvpr_2018/papers/X.pdf"), 2018);
  EXPECT_EQ(year_of_url("https://openaccess.thecvf.com/content/ICCV2021/html/X.html"), 2021);
  EXPECT_EQ(year_of_url("https://arxiv.org/abs/2308.16150"), std::nullopt);
}

TEST(CatalogueFields, VenueYearTags) {
  auto vy = [](std::string_view t) {
    VenueYear v = parse_venue_year(t);
    return v.venue + "/" + (v.year ? std::to_string(*v.year) : "-");
  };
  EXPECT_EQ(vy("CVPR'24"), "CVPR/2024");
  EXPECT_EQ(vy("CVPR\xE2\x80\x99"
               "99"),
            "CVPR/1999");
  EXPECT_EQ(vy("MICCAI 2023"), "MICCAI/2023");
  EXPECT_EQ(vy("2024 MedIA"), "MedIA/2024");
  EXPECT_EQ(vy("MICCAI-2023"), "MICCAI/2023");
  EXPECT_EQ(vy("IEEE Access, 2021"), "IEEE Access/2021");
  EXPECT_EQ(vy("CVPR, 1018"), "CVPR/1018");
  EXPECT_EQ(vy("Oral"), "Oral/-");
  EXPECT_TRUE(is_known_venue("MedIA"));
  EXPECT_FALSE(is_known_venue("Oral"));
  EXPECT_FALSE(is_plausible_year(1018));
  EXPECT_TRUE(is_plausible_year(2018));
}

TEST(CatalogueFields, AuthorsAreTrimmedAndEtAlDropped) {
  EXPECT_EQ(split_authors("Veit Sandfort , Ke Yan, perry J. pickhardt, and Ronald M. Summers"),
            (std::vector<std::string>{"Veit Sandfort", "Ke Yan", "perry J. pickhardt",
                                      "Ronald M. Summers"}));
  EXPECT_EQ(split_authors("A Smith & B Jones et al."),
            (std::vector<std::string>{"A Smith", "B Jones"}));
  EXPECT_EQ(split_authors("Nahian Siddique, "), (std::vector<std::string>{"Nahian Siddique"}));
  EXPECT_EQ(split_authors("X Y; et al"), (std::vector<std::string>{"X Y"}));
}

TEST(CatalogueFields, TitlesAndHeadings) {
  EXPECT_EQ(clean_title("U-Net  \\"), "U-Net");
  EXPECT_EQ(clean_title("\"Quoted Title\"."), "Quoted Title");
  EXPECT_EQ(clean_title(" - Attention Is All You Need."), "Attention Is All You Need");
  EXPECT_EQ(clean_title("\xE2\x80\x93 : Title"), "Title");
  EXPECT_EQ(clean_title("-Net Title"), "-Net Title");
  EXPECT_EQ(strip_leading_separators(" - | \xE2\x80\x94 x"), "x");
  EXPECT_EQ(strip_leading_separators("- - -"), "");
  EXPECT_EQ(clean_heading(" \xF0\x9F\x94\x8D Generative Models"), "Generative Models");
  EXPECT_EQ(clean_heading("\xF0\x9F\x94\x8DRelated Surveys"), "Related Surveys");
  EXPECT_EQ(clean_heading(" <p align=center>`Awesome List`</p> # "), "Awesome List");
  EXPECT_TRUE(is_generic_link_label("ArXiv"));
  EXPECT_FALSE(is_generic_link_label("U-Net"));
}

TEST(CatalogueInlineMarkdown, LinksTagsBoldItalic) {
  auto t = tokenize_inline("[TPAMI, 2024] [[Paper](https://x.org/a)] **Bold** *Ital* [e]()");
  using K = InlineToken::Kind;
  ASSERT_EQ(t.size(), 9u);
  EXPECT_EQ(t[0], (InlineToken{K::kTag, "TPAMI, 2024", "", false, false}));
  EXPECT_EQ(t[2], (InlineToken{K::kLink, "Paper", "https://x.org/a", false, false}));
  EXPECT_EQ(t[4], (InlineToken{K::kText, "Bold", "", true, false}));
  EXPECT_EQ(t[6], (InlineToken{K::kText, "Ital", "", false, true}));
  EXPECT_EQ(t[8], (InlineToken{K::kLink, "e", "", false, false}));
  EXPECT_EQ(inline_plain_text("a\\*b &amp; <br> `c` ![img](x.png)"), "a*b & c");
  // "***" is bold and italic; '_' is emphasis only at word boundaries.
  EXPECT_EQ(tokenize_inline("***a b*** **_c_** _d e_ f_g_h"),
            (std::vector<InlineToken>{{K::kText, "a b", "", true, true},
                                      {K::kText, " ", "", false, false},
                                      {K::kText, "c", "", true, true},
                                      {K::kText, " ", "", false, false},
                                      {K::kText, "d e", "", false, true},
                                      {K::kText, " f_g_h", "", false, false}}));
  EXPECT_EQ(inline_plain_text("_ not italic_ x_ _y"), "_ not italic_ x_ _y");
  // A destination ends at a space only when a quoted title follows; inside <...> a space is
  // allowed and encoded.
  auto spaced = tokenize_inline(
      "[a](https://e.org/a b.pdf) [b](<https://e.org/c d.pdf>) [c](https://e.org/t \"T\") "
      "[d](https://e.org/u 'U')");
  ASSERT_EQ(spaced.size(), 7u);
  EXPECT_EQ(spaced[0].url, "https://e.org/a b.pdf");
  EXPECT_EQ(spaced[2].url, "https://e.org/c%20d.pdf");
  EXPECT_EQ(spaced[4].url, "https://e.org/t");
  EXPECT_EQ(spaced[6].url, "https://e.org/u");
  auto bare = tokenize_inline("see https://arxiv.org/abs/1.2). and <https://x.org/y>");
  EXPECT_EQ(bare[1].url, "https://arxiv.org/abs/1.2");
  EXPECT_EQ(bare[3].url, "https://x.org/y");
}

TEST(CatalogueLinkProblems, KindSchemeAndFix) {
  using K = LinkProblemKind;
  struct Case {
    std::string url;
    K kind;
    std::string scheme, fixed;
  };
  for (const auto& c : std::vector<Case>{
           {"https://arxiv.org/abs/1", K::kNone, "", ""},
           {" <HTTP://x.org/a> ", K::kNone, "", ""},
           {"#section", K::kNotAPaper, "", ""},
           {"../other/README.md", K::kNotAPaper, "", ""},
           {"notes/", K::kNotAPaper, "", ""},
           {"mailto:a@b.org", K::kNotAPaper, "mailto", ""},
           {"data:image/png;base64,iVBO", K::kNotAPaper, "data", ""},
           {"data:Application/PDF;base64,JVBERi0=", K::kOtherScheme, "data", ""},
           {"doi:10.1000/xyz", K::kOtherScheme, "doi", "https://doi.org/10.1000/xyz"},
           {"htps://x.org/p", K::kSchemeTypo, "htps", "https://x.org/p"},
           {"HTTTP://x.org/p", K::kSchemeTypo, "htttp", "http://x.org/p"},
           {"ttps:x.org/p", K::kSchemeTypo, "ttps", "https://x.org/p"},
           {"htps:", K::kSchemeTypo, "htps", ""},
           {"ftp://x.org/p.pdf", K::kOtherScheme, "ftp", ""},
           {"arXiv:2001.00001", K::kOtherScheme, "arxiv", "https://arxiv.org/abs/2001.00001"},
           {"https:/x.org/p", K::kMalformed, "https", "https://x.org/p"},
           {"http:x.org", K::kMalformed, "http", "http://x.org"},
           {"https//x.org/p", K::kMalformed, "", "https://x.org/p"},
           {"www.x.org/p", K::kNoScheme, "", "https://www.x.org/p"},
           {"github.com/a/b", K::kNoScheme, "", "https://github.com/a/b"},
           {"//arxiv.org/abs/1", K::kNoScheme, "", "https://arxiv.org/abs/1"},
           {"file:///tmp/x.pdf", K::kLocalFile, "file", ""},
           {"D:\\papers\\x.pdf", K::kLocalFile, "d", ""},
           {"papers/x.PDF?raw=1", K::kLocalFile, "", ""},
           {"x.pdf", K::kLocalFile, "", ""},
           {"https://example.org/a b.pdf", K::kSpace, "", "https://example.org/a%20b.pdf"},
           {"https://x.org/1, https://y.org/2", K::kSpace, "", ""},
       }) {
    LinkProblem p = diagnose_link(c.url);
    EXPECT_EQ(p.kind, c.kind) << c.url;
    EXPECT_EQ(p.scheme, c.scheme) << c.url;
    EXPECT_EQ(p.fixed, c.fixed) << c.url;
  }
  EXPECT_EQ(explain_link_problem("htps:", diagnose_link("htps:")),
            "link \"htps:\" has the scheme \"htps:\", a typo of \"https:\" (only http(s) links "
            "are fetched); correct the scheme");
  EXPECT_EQ(explain_link_problem("mailto:a@b.org", diagnose_link("mailto:a@b.org")),
            "link \"mailto:a@b.org\" has the scheme \"mailto:\" (only http(s) links are fetched); "
            "link an http(s) copy of the paper");
  EXPECT_EQ(explain_link_problem("https:", diagnose_link("https:")),
            "link \"https:\" is not a valid http(s) URL; write it as https://host/path");
  EXPECT_EQ(explain_link_problem("https://x.org/1 https://y.org/2",
                                 diagnose_link("https://x.org/1 https://y.org/2")),
            "link \"https://x.org/1 https://y.org/2\" has a space in it, which ends a Markdown "
            "link; give each URL a link of its own");
  std::string long_url = "ftp://x.org/" + std::string(200, 'a');
  EXPECT_EQ(explain_link_problem(long_url, diagnose_link(long_url)),
            "link \"" + long_url.substr(0, 120) +
                "...\" has the scheme \"ftp:\" (only http(s) links are fetched); link an http(s) "
                "copy of the paper");
}

TEST(CatalogueLinkReferences, DefinitionsAndLabels) {
  EXPECT_EQ(normalize_reference_label("  Paper \t One "), "paper one");
  EXPECT_EQ(normalize_reference_label(std::string(1000, 'a')), "");
  auto d = parse_link_reference_definition("   [My  Ref]: <https://x.org/a b> \"T\"");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->label, "my ref");
  EXPECT_EQ(d->destination, "https://x.org/a b");
  for (std::string not_one :
       {"[MIA, 2020] [[Paper](https://x.org)]", "[MIA, 2020]: [[Paper](https://x.org)]",
        "[Note]: this list is curated", "[]: https://x.org", "[a[b]: https://x.org",
        "[r1]:", "- [r1]: https://x.org", "[r1] : https://x.org"}) {
    EXPECT_FALSE(parse_link_reference_definition(not_one).has_value()) << not_one;
  }
}

TEST(CatalogueInline, ReferenceLinksResolveOnlyWhenDefined) {
  using K = InlineToken::Kind;
  LinkReferences refs = {{"r1", "https://x.org/1"}, {"cvpr'24", "https://cvpr.org"}};
  EXPECT_EQ(tokenize_inline("[Paper][R1] [r1][] [CVPR'24] [MIA 2020] [x][nope]", &refs),
            (std::vector<InlineToken>{{K::kLink, "Paper", "https://x.org/1"},
                                      {K::kText, " ", ""},
                                      {K::kLink, "r1", "https://x.org/1"},
                                      {K::kText, " ", ""},
                                      {K::kLink, "CVPR'24", "https://cvpr.org"},
                                      {K::kText, " ", ""},
                                      {K::kTag, "MIA 2020", ""},
                                      {K::kText, " ", ""},
                                      {K::kUndefinedReference, "x", "nope"}}));
  EXPECT_EQ(tokenize_inline("[[Paper][r1]]", &refs),
            (std::vector<InlineToken>{{K::kLink, "Paper", "https://x.org/1"}}));
  // Without a definition: an undefined reference (the catalogue tells broken links from tag
  // pairs such as "[CVPR'24][Oral]"), full or collapsed, also inside a bracket group.
  EXPECT_EQ(tokenize_inline("[Paper][ r 1 ] [**Title** Here][] [[pdf][p]]"),
            (std::vector<InlineToken>{{K::kUndefinedReference, "Paper", "r 1"},
                                      {K::kText, " ", ""},
                                      {K::kUndefinedReference, "Title Here", "**Title** Here"},
                                      {K::kText, " ", ""},
                                      {K::kUndefinedReference, "pdf", "p"}}));
  // Not a label: a link, brackets or nothing in the second brackets, or a space before them.
  EXPECT_EQ(tokenize_inline("[CVPR'24][[Paper](https://x.org/1)] [a][] [b] [c]"),
            (std::vector<InlineToken>{{K::kTag, "CVPR'24", ""},
                                      {K::kLink, "Paper", "https://x.org/1"},
                                      {K::kText, " ", ""},
                                      {K::kUndefinedReference, "a", "a"},
                                      {K::kText, " ", ""},
                                      {K::kTag, "b", ""},
                                      {K::kText, " ", ""},
                                      {K::kTag, "c", ""}}));
  EXPECT_EQ(tokenize_inline("[x][ ]"),
            (std::vector<InlineToken>{{K::kTag, "x", ""}, {K::kTag, "", ""}}));
  EXPECT_EQ(inline_plain_text("[Title][r9] rest"), "[Title] [r9] rest");
}

}  // namespace
}  // namespace paper
