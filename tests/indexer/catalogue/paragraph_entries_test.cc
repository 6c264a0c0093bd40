// Entries that are not list items: a paragraph or a heading that starts with a paper's title
// link, in Markdown or HTML. Navigation, badges and prose with links stay what they are.
#include <gtest/gtest.h>

#include "indexer/catalogue/catalogue.h"
#include "tests/indexer/catalogue/expected_warning.h"

namespace paper {
namespace {

using testing::warning_at;
using Names = std::vector<std::string>;

std::vector<std::string> titles(const Catalogue& c) {
  std::vector<std::string> out;
  for (const auto& p : c.papers) out.push_back(p.title);
  return out;
}

TEST(CatalogueParagraphEntries, HtmlAndParagraphEntriesBesideBulletsAreAllRead) {
  Catalogue c = parse_list_text(
      "## A\n"
      "<a href=\"https://arxiv.org/abs/1706.03762\">Attention Is All You Need</a><br>\n"
      "Ashish Vaswani, Noam Shazeer<br>\n"
      "NeurIPS 2017\n"
      "## B\n"
      "- <a href=\"https://arxiv.org/abs/2103.14030\">Swin Transformer: Hierarchical Vision "
      "Transformer using Shifted Windows</a> ICCV 2021\n"
      "## C\n"
      "<li><a href=\"https://arxiv.org/abs/2103.14031\">Swin Two: Hierarchical Vision Transformer "
      "using Shifted Windows</a> ICCV 2021</li>\n"
      "## D\n"
      "**Attention Is Not All You Need** <br>\n"
      "<a href=\"https://arxiv.org/abs/2103.03404\">Paper</a> ICML 2021\n"
      "## E\n"
      "<p><a href=\"https://arxiv.org/abs/2103.03405\">Some Paragraph Paper Title</a></p>\n",
      "html.md");
  EXPECT_TRUE(c.warnings.empty()) << c.warnings.front().message;
  ASSERT_EQ(titles(c),
            (std::vector<std::string>{
                "Attention Is All You Need",
                "Swin Transformer: Hierarchical Vision Transformer using Shifted Windows",
                "Swin Two: Hierarchical Vision Transformer using Shifted Windows",
                "Attention Is Not All You Need", "Some Paragraph Paper Title"}));
  const Paper& a = c.papers[0];
  EXPECT_EQ(a.source, (SourceLocation{"html.md", 2}));
  EXPECT_EQ(a.authors, (Names{"Ashish Vaswani", "Noam Shazeer"}));
  EXPECT_EQ(a.venue, "NeurIPS");
  EXPECT_EQ(a.year, 2017);
  EXPECT_EQ(a.section, "A");
  EXPECT_EQ(a.links, (std::vector<Link>{{"title", "https://arxiv.org/abs/1706.03762", "arxiv.org",
                                         LinkKind::kArxiv, false}}));
  EXPECT_EQ(c.papers[2].source, (SourceLocation{"html.md", 8}));
  EXPECT_EQ(c.papers[2].venue, "ICCV");
  EXPECT_EQ(c.papers[2].year, 2021);
  EXPECT_EQ(c.papers[2].section, "C");
  EXPECT_EQ(c.papers[4].source, (SourceLocation{"html.md", 13}));
  EXPECT_EQ(c.papers[4].section, "E");
  EXPECT_EQ(c.papers[4].links[0].url, "https://arxiv.org/abs/2103.03405");
}

TEST(CatalogueParagraphEntries, LinkLinesAndLinkHeadingsAreEntries) {
  Catalogue c = parse_list_text(
      "# Papers\n\n## Transformers\n\n"
      "[Attention Is All You Need](https://arxiv.org/abs/1706.03762) - Ashish Vaswani, Noam "
      "Shazeer. NeurIPS 2017.\n"
      "[Swin Transformer V2: Scaling Up](https://arxiv.org/abs/2111.09883)\n"
      "Ze Liu, Han Hu\n"
      "CVPR 2022\n\n"
      "[[Bracketed Paragraph Paper Title](https://arxiv.org/abs/2001.00001)] (ICCV 2021)\n\n"
      "### [Deep Residual Learning for Image Recognition](https://arxiv.org/abs/1512.03385)\n"
      "- Kaiming He, Xiangyu Zhang. CVPR 2016\n"
      "- Code: [GitHub](https://github.com/KaimingHe/deep-residual-networks)\n\n"
      "### [Segment Anything](https://arxiv.org/abs/2304.02643)\n"
      "- [MedSAM: Segment Anything in Medical Images](https://arxiv.org/abs/2304.12306)\n",
      "p.md");
  EXPECT_TRUE(c.warnings.empty()) << c.warnings.front().message;
  ASSERT_EQ(titles(c),
            (std::vector<std::string>{
                "Attention Is All You Need", "Swin Transformer V2: Scaling Up",
                "Bracketed Paragraph Paper Title", "Deep Residual Learning for Image Recognition",
                "Segment Anything", "MedSAM: Segment Anything in Medical Images"}));
  EXPECT_EQ(c.papers[0].authors, (Names{"Ashish Vaswani", "Noam Shazeer"}));
  EXPECT_EQ(c.papers[0].year, 2017);
  EXPECT_EQ(c.papers[1].source, (SourceLocation{"p.md", 6}));
  EXPECT_EQ(c.papers[1].authors, (Names{"Ze Liu", "Han Hu"}));
  EXPECT_EQ(c.papers[1].venue, "CVPR");
  EXPECT_EQ(c.papers[1].year, 2022);
  EXPECT_EQ(c.papers[2].venue, "ICCV");
  EXPECT_EQ(c.papers[2].year, 2021);
  // A heading that is a paper: the items under it without a title are its details, and it is
  // in the section above it.
  const Paper& resnet = c.papers[3];
  EXPECT_EQ(resnet.source, (SourceLocation{"p.md", 12}));
  EXPECT_EQ(resnet.authors, (Names{"Kaiming He", "Xiangyu Zhang"}));
  EXPECT_EQ(resnet.year, 2016);
  EXPECT_EQ(resnet.section, "Transformers");
  ASSERT_EQ(resnet.links.size(), 2u);
  EXPECT_EQ(resnet.links[1].kind, LinkKind::kCode);
  EXPECT_EQ(c.papers[4].section, "Transformers");
  // Titled items under it are papers of its section.
  EXPECT_EQ(c.papers[5].section, "Segment Anything");
}

TEST(CatalogueParagraphEntries, NavigationBadgesAndProseAreNotEntries) {
  Catalogue c = parse_list_text(
      "# Awesome Segmentation [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)\n"
      "[![License](https://img.shields.io/badge/license-MIT-green)](LICENSE)\n\n"
      "[English](README.md) | [Chinese Version](README_zh.md)\n\n"
      "[Papers with Code](https://paperswithcode.com) tracks the state of the art.\n\n"
      "[Awesome Self-Supervised Learning](https://github.com/x/awesome-self-supervised)\n\n"
      "[Join our Slack Community](https://join.slack.com/t/x)\n\n"
      "[Back to top](#contents)\n\n"
      "<a href=\"https://star-history.com/#x/y\"><img src=\"https://api.star-history.com/svg\">"
      "</a>\n\n"
      "<p align=\"center\"><img src=\"logo.png\"></p>\n\n"
      "## Contents\n"
      "- [Related Surveys](#related-surveys)\n"
      "### [Listed Sub Heading Title](https://arxiv.org/abs/2001.00009)\n"
      "## [Related Surveys](#related-surveys)\n"
      "<ul>\n<li><a href=\"#intro\">Introduction</a></li>\n</ul>\n"
      "## [CVPR 2023](https://openaccess.thecvf.com/CVPR2023)\n"
      "- [Paper Under A Venue Heading](https://arxiv.org/abs/2001.00001)\n"
      "## [Segmentation](https://paperswithcode.com/task/segmentation)\n"
      "- [Paper Under A Linked Heading](https://arxiv.org/abs/2001.00002)\n",
      "nav.md");
  EXPECT_TRUE(c.warnings.empty()) << c.warnings.front().message;
  ASSERT_EQ(titles(c), (std::vector<std::string>{"Paper Under A Venue Heading",
                                                 "Paper Under A Linked Heading"}));
  EXPECT_EQ(c.papers[0].venue, "CVPR");
  EXPECT_EQ(c.papers[0].year, 2023);
  EXPECT_EQ(c.papers[1].section, "Segmentation");
}

TEST(CatalogueParagraphEntries, AParagraphEntryThatCannotBeReadIsWarned) {
  Catalogue c = parse_list_text(
      "## Papers\n\n"
      "[Local Paragraph Paper](papers/local.pdf) - Ann Lee. CVPR 2020.\n\n"
      "<a href=\"htps://arxiv.org/abs/2001.00007\">Typo Anchor Paper</a>\n\n"
      "### [Heading Paper Without Scheme](arxiv.org/abs/2001.00008)\n"
      "Ann Lee, Bob Ray. ICCV 2021\n",
      "w.md");
  EXPECT_TRUE(c.papers.empty());
  EXPECT_EQ(c.warnings,
            (std::vector<Diagnostic>{
                warning_at("w.md", 3,
                           "entry \"Local Paragraph Paper\" skipped: link \"papers/local.pdf\" is "
                           "a relative path, not an http(s) link; to index local PDFs, give the "
                           "file or its folder to `paper-index build`"),
                warning_at(
                    "w.md", 5,
                    "entry \"Typo Anchor Paper\" skipped: link \"htps://arxiv.org/abs/2001.00007\" "
                    "has the scheme \"htps:\", a typo of \"https:\" (only http(s) links are "
                    "fetched); write https://arxiv.org/abs/2001.00007"),
                warning_at("w.md", 7,
                           "entry \"Heading Paper Without Scheme\" skipped: link "
                           "\"arxiv.org/abs/2001.00008\" has no scheme (only http(s) links are "
                           "fetched); write https://arxiv.org/abs/2001.00008"),
                warning_at("w.md", 0,
                           "no paper entries kept: 3 entries were skipped; fix the entries named "
                           "in the warnings above")}));
}

TEST(CatalogueParagraphEntries, ALinkLineBelongsToTheEntryAboveItWhenThatHasNoLinkYet) {
  Catalogue c = parse_list_text(
      "**Bold Block Paper Title** <br>\n"
      "[Official Paper Link](https://arxiv.org/abs/2001.00001) MIA 2020\n\n"
      "**Second Block Paper Title** \\\n"
      "*Ann Lee, Bob Ray* <br>\n"
      "[MIA, 2021] [[Paper](https://arxiv.org/abs/2001.00002)]\n"
      "[[Supplementary Material Here](https://arxiv.org/abs/2001.00003)]\n"
      "[Project Website Of The Paper](https://example.org/project)\n",
      "block.md");
  EXPECT_TRUE(c.warnings.empty()) << c.warnings.front().message;
  ASSERT_EQ(titles(c),
            (std::vector<std::string>{"Bold Block Paper Title", "Second Block Paper Title"}));
  EXPECT_EQ(c.papers[0].year, 2020);
  EXPECT_EQ(c.papers[0].links[0].url, "https://arxiv.org/abs/2001.00001");
  EXPECT_EQ(c.papers[1].authors, (Names{"Ann Lee", "Bob Ray"}));
  EXPECT_EQ(c.papers[1].links.size(), 3u);
}

// QA lists t-merge.md, t-consec2.md and l4-paragraph-tools.md: a paragraph entry does not take
// the next line's title link, authors and venue because that link is to a host not known to
// serve papers.
TEST(CatalogueParagraphEntries, ConsecutiveLinkLinesAreEachTheirOwnEntry) {
  Catalogue c = parse_list_text(
      "## Papers\n\n"
      "[Sequence to Sequence Learning with Neural Networks](https://arxiv.org/abs/1409.3215)\n"
      "[A Fast Learning Algorithm for Deep Belief Nets](https://direct.mit.edu/neco/article/18/7/"
      "1527/7065/A-Fast-Learning-Algorithm-for-Deep-Belief-Nets) - Geoffrey Hinton, Simon "
      "Osindero. Neural Computation 2006.\n"
      "[Generative Adversarial Nets](https://papers.nips.cc/paper/2014/hash/5ca3e9b1-Abstract.html)"
      " - Ian Goodfellow, Jean Pouget-Abadie. NeurIPS 2014.\n"
      "[Dropout: A Simple Way to Prevent Neural Networks from Overfitting](https://www.jmlr.org/"
      "papers/v15/srivastava14a.html) - Nitish Srivastava, Geoffrey Hinton. JMLR 2014.\n\n"
      "## Libraries\n\n"
      "[NLTK](https://www.nltk.org/) - Natural Language Toolkit, Steven Bird, Ewan Klein, Edward "
      "Loper. 2009.\n"
      "[Stanford CoreNLP](https://stanfordnlp.github.io/CoreNLP/) - Java, Stanford NLP Group, "
      "2010.\n"
      "[AllenNLP](https://allennlp.org) - An open-source NLP research library, built on PyTorch.\n"
      "[fastText](https://fasttext.cc/) - Facebook Research, 2016.\n",
      "merge.md");
  EXPECT_TRUE(c.warnings.empty()) << c.warnings.front().message;
  ASSERT_EQ(titles(c),
            (std::vector<std::string>{
                "Sequence to Sequence Learning with Neural Networks",
                "A Fast Learning Algorithm for Deep Belief Nets", "Generative Adversarial Nets",
                "Dropout: A Simple Way to Prevent Neural Networks from Overfitting"}));
  const Paper& seq = c.papers[0];
  EXPECT_EQ(seq.source, (SourceLocation{"merge.md", 3}));
  EXPECT_TRUE(seq.authors.empty());
  EXPECT_EQ(seq.venue, "");
  EXPECT_EQ(seq.year, std::nullopt);
  ASSERT_EQ(seq.links.size(), 1u);
  EXPECT_EQ(seq.links[0].url, "https://arxiv.org/abs/1409.3215");
  const Paper& dbn = c.papers[1];
  EXPECT_EQ(dbn.source, (SourceLocation{"merge.md", 4}));
  EXPECT_EQ(dbn.authors, (Names{"Geoffrey Hinton", "Simon Osindero"}));
  EXPECT_EQ(dbn.venue, "Neural Computation");
  EXPECT_EQ(dbn.year, 2006);
  ASSERT_EQ(dbn.links.size(), 1u);
  EXPECT_EQ(dbn.links[0].host, "direct.mit.edu");
  EXPECT_EQ(c.papers[2].links.size(), 1u);
  EXPECT_EQ(c.papers[3].source, (SourceLocation{"merge.md", 6}));
  EXPECT_EQ(c.papers[3].venue, "JMLR");
}

TEST(CatalogueParagraphEntries, ALineOfLinksAfterAParagraphEntryIsStillItsLinks) {
  Catalogue c = parse_list_text(
      "[Deep Residual Learning for Image Recognition](https://arxiv.org/abs/1512.03385) - Kaiming "
      "He, Xiangyu Zhang. CVPR 2016.\n"
      "[[Code](https://github.com/KaimingHe/deep-residual-networks)]\n"
      "[Project Page](https://kaiminghe.github.io/resnet)\n"
      "[Official Project Website](https://example.org/resnet)\n"
      "[Long Paper Title As A Link](https://example.org/papers/resnet notes.pdf)\n",
      "links.md");
  ASSERT_EQ(titles(c), (std::vector<std::string>{"Deep Residual Learning for Image Recognition"}));
  EXPECT_EQ(c.papers[0].authors, (Names{"Kaiming He", "Xiangyu Zhang"}));
  ASSERT_EQ(c.papers[0].links.size(), 4u);
  EXPECT_EQ(c.papers[0].links[3].url, "https://example.org/resnet");
  EXPECT_EQ(c.warnings,
            (std::vector<Diagnostic>{warning_at(
                "links.md", 5,
                "entry \"Deep Residual Learning for Image Recognition\": link "
                "\"https://example.org/papers/resnet notes.pdf\" has a space in it, which ends a "
                "Markdown link; write https://example.org/papers/resnet%20notes.pdf")}));
}

// QA lists t-space2.md and l4-paragraph-tools.md:13-14.
TEST(CatalogueParagraphEntries, ASpacedLinkOnTheNextLineIsItsOwnSkippedEntry) {
  Catalogue c = parse_list_text(
      "## Papers\n\n"
      "[Efficient Estimation of Word Representations in Vector Space](https://arxiv.org/abs/"
      "1301.3781) - Tomas Mikolov, Kai Chen. ICLR 2013.\n"
      "[A Paper With Spaces In Its Url](https://example.org/papers/my paper.pdf) - Ann Author. "
      "ACL 2020.\n"
      "[Word2vec Again With Code](https://arxiv.org/abs/1301.3782) [[code](https://github.com/"
      "tmikolov/word2vec)]\n"
      "[Another Spaced Paper Title](https://example.org/papers/other paper.pdf) - Bob Writer. "
      "EMNLP 2021.\n",
      "space.md");
  ASSERT_EQ(titles(c), (std::vector<std::string>{
                           "Efficient Estimation of Word Representations in Vector Space",
                           "Word2vec Again With Code"}));
  EXPECT_EQ(c.papers[0].authors, (Names{"Tomas Mikolov", "Kai Chen"}));
  EXPECT_EQ(c.papers[0].year, 2013);
  EXPECT_EQ(c.papers[0].links.size(), 1u);
  EXPECT_TRUE(c.papers[1].authors.empty());
  EXPECT_EQ(c.papers[1].links.size(), 2u);
  EXPECT_EQ(
      c.warnings,
      (std::vector<Diagnostic>{
          warning_at("space.md", 4,
                     "entry \"A Paper With Spaces In Its Url\" skipped: link "
                     "\"https://example.org/papers/my paper.pdf\" has a space in it, which ends a "
                     "Markdown link; write https://example.org/papers/my%20paper.pdf"),
          warning_at("space.md", 6,
                     "entry \"Another Spaced Paper Title\" skipped: link "
                     "\"https://example.org/papers/other paper.pdf\" has a space in it, which ends "
                     "a Markdown link; write https://example.org/papers/other%20paper.pdf")}));
}

// QA lists l1-awesome-style.md:53, l3-html-style.md:30,34,58, l4-paragraph-tools.md:29-43 and
// l5-nerf-style.md:28-45: a link to a host not known to serve papers is a paper only with a byline.
TEST(CatalogueParagraphEntries, ParagraphsAboutDatasetsCoursesTalksAndListsAreNotPapers) {
  Catalogue c = parse_list_text(
      "## Datasets\n\n"
      "[The Cityscapes Dataset for Semantic Urban Scene Understanding](https://arxiv.org/abs/"
      "1604.01685)\n"
      "[Cityscapes](https://www.cityscapes-dataset.com/) - Urban scene dataset, Marius Cordts et "
      "al. 2016.\n\n"
      "<p><a href=\"https://grand-challenge.org/challenges/\">Grand Challenge Challenges</a> - "
      "Medical imaging challenges, 2012-2024.</p>\n\n"
      "<a href=\"https://www.kaggle.com/c/data-science-bowl-2018\">Data Science Bowl 2018</a> - "
      "Kaggle competition, Booz Allen Hamilton. 2018\n\n"
      "[GLUE Benchmark](https://gluebenchmark.com/) - General Language Understanding Evaluation. "
      "2018\n"
      "[The Pile](https://pile.eleuther.ai/) - An 800GB Dataset of Diverse Text for Language "
      "Modeling. EleutherAI, 2020.\n\n"
      "## Courses and Talks\n\n"
      "[CS224n: Natural Language Processing with Deep Learning](https://web.stanford.edu/class/"
      "cs224n/) - Christopher Manning, Stanford, Winter 2023.\n"
      "[The Illustrated Transformer](https://jalammar.github.io/illustrated-transformer/) - Jay "
      "Alammar, 2018.\n\n"
      "### [NeRF at CVPR 2022 Tutorial](https://www.youtube.com/watch?v=abcdef)\n"
      "Jon Barron, Ben Mildenhall. CVPR 2022.\n\n"
      "### [Neural Radiance Fields Explained In Depth](https://youtu.be/abcdef)\n"
      "Jon Barron, Ben Mildenhall. CVPR 2022.\n\n"
      "### [Nerfstudio](https://docs.nerf.studio/)\n"
      "A collaboration friendly studio for NeRFs. Matthew Tancik, Ethan Weber, 2023.\n\n"
      "## Related\n\n"
      "[Awesome 3D Reconstruction List](https://openmvg.readthedocs.io/en/latest/) - Pierre "
      "Moulon, Pascal Monasse. 2013.\n"
      "[Jane Doe's homepage](https://janedoe.github.io/) - Jane Doe, Stanford University. 2023\n",
      "non.md");
  EXPECT_EQ(
      titles(c),
      (std::vector<std::string>{"The Cityscapes Dataset for Semantic Urban Scene Understanding"}));
  EXPECT_EQ(c.papers[0].links.size(), 1u);
  EXPECT_TRUE(c.warnings.empty()) << c.warnings.front().message;
}

TEST(CatalogueParagraphEntries, APaperAtAnUnknownHostNeedsItsByline) {
  Catalogue c = parse_list_text(
      "### [NeRF: Representing Scenes as Neural Radiance Fields for View Synthesis]"
      "(https://www.matthewtancik.com/nerf)\n"
      "Ben Mildenhall, Pratul P. Srinivasan, Matthew Tancik. ECCV 2020.\n\n"
      "### [Mip-NeRF: A Multiscale Representation for Anti-Aliasing Neural Radiance Fields]"
      "(https://jonbarron.info/mipnerf/) (ICCV 2021)\n\n"
      "[Gensim: Topic Modelling for Humans](https://radimrehurek.com/gensim/) - Radim Rehurek, "
      "Petr Sojka. LREC 2010.\n"
      "[Deep Belief Nets Two](https://www.cs.toronto.edu/~hinton/dbn) - Geoffrey Hinton, Simon "
      "Osindero. 2006.\n\n"
      "### [3D Gaussian Splatting for Real-Time Radiance Field Rendering](https://repo-sam.inria."
      "fr/fungraph/3d-gaussian-splatting/)\n\n"
      "### [Kaolin Wisp](https://kaolin-wisp.readthedocs.io/en/latest/)\n\n"
      "[Single Author Blog Post Title](https://someone.github.io/post) - Jay Alammar, 2018.\n",
      "host.md");
  ASSERT_EQ(titles(c),
            (std::vector<std::string>{
                "NeRF: Representing Scenes as Neural Radiance Fields for View Synthesis",
                "Mip-NeRF: A Multiscale Representation for Anti-Aliasing Neural Radiance Fields",
                "Gensim: Topic Modelling for Humans", "Deep Belief Nets Two"}));
  EXPECT_EQ(c.papers[0].authors,
            (Names{"Ben Mildenhall", "Pratul P. Srinivasan", "Matthew Tancik"}));
  EXPECT_EQ(c.papers[0].year, 2020);
  EXPECT_EQ(c.papers[1].venue, "ICCV");
  EXPECT_EQ(c.papers[1].year, 2021);
  EXPECT_EQ(c.papers[3].year, 2006);
  EXPECT_EQ(c.warnings,
            (std::vector<Diagnostic>{warning_at(
                "host.md", 9,
                "entry \"3D Gaussian Splatting for Real-Time Radiance Field Rendering\" skipped: "
                "its link goes to a page on repo-sam.inria.fr, not to a paper (arXiv, a PDF, a "
                "publisher's page), and no authors, venue or year follow it; add \" - Authors. "
                "Venue Year\" after the link, or a [Paper](url) link to the PDF")}));
}

// QA lists t-italic.md and l1-awesome-style.md:41: the same texts as bullets were read.
TEST(CatalogueParagraphEntries, AnItalicTitleParagraphIsAnEntry) {
  Catalogue c = parse_list_text(
      "## A\n\n"
      "_Pyramid Vision Transformer: A Versatile Backbone for Dense Prediction without "
      "Convolutions_ [[pdf](https://arxiv.org/pdf/2102.12122.pdf)] (2021)\n\n"
      "*Masked Autoencoders Are Scalable Vision Learners*, Kaiming He, Xinlei Chen. CVPR 2022. "
      "[pdf](https://arxiv.org/abs/2111.06377)\n\n"
      "*An italic remark that links to a [project page](https://example.org/page).*\n\n"
      "*Please refer to [this page](https://arxiv.org/abs/2001.00001) for more.*\n\n"
      "**Bold Block Paper Title** \\\n"
      "*Ann Lee, Bob Ray* \\\n"
      "[[Paper](https://arxiv.org/abs/2001.00002)]\n",
      "italic.md");
  EXPECT_TRUE(c.warnings.empty()) << c.warnings.front().message;
  ASSERT_EQ(titles(c),
            (std::vector<std::string>{
                "Pyramid Vision Transformer: A Versatile Backbone for Dense Prediction "
                "without Convolutions",
                "Masked Autoencoders Are Scalable Vision Learners", "Bold Block Paper Title"}));
  EXPECT_EQ(c.papers[0].source, (SourceLocation{"italic.md", 3}));
  EXPECT_EQ(c.papers[0].year, 2021);
  EXPECT_EQ(c.papers[0].links[0].kind, LinkKind::kArxiv);
  const Paper& mae = c.papers[1];
  EXPECT_EQ(mae.source, (SourceLocation{"italic.md", 5}));
  EXPECT_EQ(mae.authors, (Names{"Kaiming He", "Xinlei Chen"}));
  EXPECT_EQ(mae.venue, "CVPR");
  EXPECT_EQ(mae.year, 2022);
  EXPECT_EQ(c.papers[2].authors, (Names{"Ann Lee", "Bob Ray"}));
}

TEST(CatalogueParagraphEntries, BoldTitleLinkOverAnAuthorsLineIsAPaperAtAnyHost) {
  Catalogue c = parse_list_text(
      "## G\n\n"
      "**[Denoising Diffusion Probabilistic Models](https://arxiv.org/abs/2006.11239)**<br>\n"
      "*Jonathan Ho, Ajay Jain*<br>\n"
      "NeurIPS 2020.\n\n"
      "**[DiffusionDB: A Large-scale Prompt Gallery Dataset for Text-to-Image Generative "
      "Models](https://poloclub.github.io/diffusiondb/)**<br>\n"
      "*Zijie J. Wang, Evan Montoya*<br>\n"
      "[[Github](https://github.com/poloclub/diffusiondb)]\n\n"
      "**[Prompt Atlas](https://atlas.example.org/)**<br>\n"
      "*Ann Lee et al.*<br>\n\n"
      "**[Diffusion Explained](https://www.youtube.com/watch?v=abc)**<br>\n"
      "*Ann Lee, Bo Chen*<br>\n",
      "g.md");
  EXPECT_TRUE(c.warnings.empty()) << c.warnings.front().message;
  ASSERT_EQ(titles(c), (std::vector<std::string>{
                           "Denoising Diffusion Probabilistic Models",
                           "DiffusionDB: A Large-scale Prompt Gallery Dataset for Text-to-Image "
                           "Generative Models",
                           "Prompt Atlas"}));
  const Paper& db = c.papers[1];
  EXPECT_EQ(db.source, (SourceLocation{"g.md", 7}));
  EXPECT_EQ(db.authors, (Names{"Zijie J. Wang", "Evan Montoya"}));
  EXPECT_EQ(db.section, "G");
  ASSERT_EQ(db.links.size(), 2u);
  EXPECT_EQ(db.links[0].url, "https://poloclub.github.io/diffusiondb/");
  EXPECT_EQ(db.links[1].kind, LinkKind::kCode);
}

}  // namespace
}  // namespace paper
