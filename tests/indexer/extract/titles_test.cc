// Tests of the title helpers: footnote marks, junk metadata titles, authors from the metadata
// and the title guessed from the first page.
#include "indexer/extract/titles.h"

#include <gtest/gtest.h>

namespace paper {
namespace {

TEST(ExtractSections, AuthorsFromMetadataAreSplitAndJunkLeftOut) {
  EXPECT_EQ(authors_from_metadata("Olaf Ronneberger, Philipp Fischer and Thomas Brox"),
            (std::vector<std::string>{"Olaf Ronneberger", "Philipp Fischer", "Thomas Brox"}));
  EXPECT_EQ(authors_from_metadata("Ben Frank, ` `%%%`#`&12_`__~~~\xe0\xa5\xb2"),
            (std::vector<std::string>{"Ben Frank"}));
  EXPECT_EQ(authors_from_metadata("J. M\xc3\xbcller; A. O'Neil & Z. Zhou"),
            (std::vector<std::string>{"J. M\xc3\xbcller", "A. O'Neil", "Z. Zhou"}));
  EXPECT_TRUE(authors_from_metadata("Administrator").empty());
  EXPECT_TRUE(authors_from_metadata("  ").empty());
  EXPECT_TRUE(authors_from_metadata("12345").empty());
}

TEST(JunkTitle, RecognisesUselessMetadata) {
  EXPECT_TRUE(is_junk_title(""));
  EXPECT_TRUE(is_junk_title("Microsoft Word - paper_v3.docx"));
  EXPECT_TRUE(is_junk_title("main.dvi"));
  EXPECT_TRUE(is_junk_title("untitled"));
  EXPECT_TRUE(is_junk_title("12"));
  EXPECT_TRUE(is_junk_title("undefined"));
  EXPECT_TRUE(is_junk_title("No Title Given"));
  // Values that LaTeX packages and templates leave in the metadata.
  EXPECT_TRUE(is_junk_title("LaTeX with hyperref"));
  EXPECT_TRUE(is_junk_title("LaTeX with hyperref package"));
  EXPECT_TRUE(is_junk_title("Paper Title (use style: paper title)"));
  EXPECT_TRUE(
      is_junk_title("CVPR 2023 Submission #1234. CONFIDENTIAL REVIEW COPY. DO NOT DISTRIBUTE."));
  EXPECT_TRUE(is_junk_title("Manuscript"));
  EXPECT_TRUE(is_junk_title(" Paper Title "));
  EXPECT_FALSE(is_junk_title("U-Net: Convolutional Networks for Biomedical Image Segmentation"));
  EXPECT_FALSE(is_junk_title("Main Memory Databases"));
  EXPECT_FALSE(is_junk_title("Generating Paper Titles from Abstracts"));
}

TEST(GuessTitle, SkipsHeadersAndShortLines) {
  EXPECT_EQ(guess_title_from_page("arXiv:1505.04597v1 [cs.CV] 18 May 2015\n12\n"
                                  "U-Net: Convolutional Networks for Biomedical Image\n"
                                  "Olaf Ronneberger"),
            "U-Net: Convolutional Networks for Biomedical Image");
  EXPECT_EQ(guess_title_from_page("1\n2\n"), "");
}

TEST(TitleFootnoteMarks, AreDroppedFromTheEndOfATitle) {
  struct Case {
    std::string title, expected;
  };
  const std::vector<Case> cases = {
      {"The gmverse Package*", "The gmverse Package"},
      {"The physconst package\u2217", "The physconst package"},
      {"The ejpecp class\u2217\u2020", "The ejpecp class"},
      {"Extensions to the ltxdoc class \u2217", "Extensions to the ltxdoc class"},
      {"A Title\u2021\u22C6\u00A7\u00B6", "A Title"},
      {"Mathematics\u00B9\u00B2 ", "Mathematics"},
      {"  A Plain Title  ", "A Plain Title"},
      // Not marks: a star after a lone capital names a search algorithm; marks alone stay.
      {"Path Planning With Neural A*", "Path Planning With Neural A*"},
      {"\u2217", "\u2217"},
  };
  for (const Case& c : cases)
    EXPECT_EQ(title_without_footnote_marks(c.title), c.expected) << c.title;
  EXPECT_EQ(without_footnote_marks("v1.3a\u00B9"), "v1.3a");
  EXPECT_EQ(without_footnote_marks("package\u2217"), "package");
  EXPECT_EQ(without_footnote_marks("A*"), "A*");
}

TEST(JunkTitle, FileNamesTexCodeAndAuthorNames) {
  struct Case {
    const char* title;
    const char* author;
    bool junk;
  };
  const std::vector<Case> cases = {
      {"pub__latex__ijmart__ijmart", "", true},
      {"C:/Users/john/paper", "", true},
      {"paper_final_v3", "", true},
      {"blue!50!blackCquThesis\xEF\xBC\x9A\xE9\x87\x8D\xE5\xBA\x86\xE5\xA4\xA7\xE5\xAD\xA6", "",
       true},
      {"\\textbf{Deep} Networks", "", true},
      {"Deep {Networks}", "", true},
      {"Nathaniel J. Smith", "Nathaniel J. Smith", true},
      {"Philipp Fischer", "Olaf Ronneberger, Philipp Fischer and Thomas Brox", true},
      {"philipp  FISCHER\u2217", "Olaf Ronneberger; Philipp Fischer", true},
      // Titles: a package name with a hyphen, an exclamation at the end, an author's name inside.
      {"numerica-tables", "", false},
      {"lexref", "Adrien Vion", false},
      {"Segment Anything!", "", false},
      {"Hello Fischer: A Study of Names", "Philipp Fischer", false},
      {"Nathaniel J. Smith", "", false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(is_junk_title(c.title, c.author), c.junk) << c.title << " / " << c.author;
  }
}

TEST(GuessTitle, ManualTitlePages) {
  struct Case {
    const char* name;
    std::string page;
    std::string author;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"footnote mark after the title", "The physconst package\u2217\nBrian W. Mulligan\n", "",
       "The physconst package"},
      {"the authors' line, known from the metadata",
       "Philipp Fischer and Thomas Brox\nConvolutional Networks for Segmentation\nAbstract",
       "Thomas Brox; Philipp Fischer", "Convolutional Networks for Segmentation"},
      {"the authors' line, authors unknown",
       "Philipp Fischer and Thomas Brox\nConvolutional Networks for Segmentation\nAbstract", "",
       "Philipp Fischer and Thomas Brox"},
      {"letter-spaced small capitals", "2018-19\nFTC 9773\nROBOCRACY\nE NGINEERING N OTEBOOK", "",
       "ENGINEERING NOTEBOOK"},
      {"letter-spaced with a lone A and a link word",
       "A N EW M ETHOD F OR S EGMENTATION\nAnn Author", "", "A NEW METHOD FOR SEGMENTATION"},
      {"capitals that are not letter-spaced", "VITAMIN D DEFICIENCY IN CHILDREN\nAnn Author", "",
       "VITAMIN D DEFICIENCY IN CHILDREN"},
      {"cut at a link word",
       "A LATEX Package for\nthe frontmatter and title page \u2217\u2020\n"
       "Arthur Ogawa \u2021",
       "", "A LATEX Package for the frontmatter and title page"},
      {"at most two more lines", "Learning of\nDeep Models for\nMedical Images of\nthe Brain\nAnn",
       "", "Learning of Deep Models for Medical Images of"},
      {"a lower-case link word goes on, a lone 'by' does not",
       "Manual for Theses and Dissertations formatted\nwith ua-thesis.cls with the draft Option\n"
       "by\nThe Graduate College",
       "",
       "Manual for Theses and Dissertations formatted with ua-thesis.cls with the draft Option"},
      {"an affiliation's 'a' goes not on",
       "Anna Author and Barry Bauthor of the Lab\na Affiliation, Address, City\n", "",
       "Anna Author and Barry Bauthor of the Lab"},
      {"short lines measured whole", "A SAMPLE PAPER:\nA TEMPLATE\u2217\u2020\nBoris Veytsman", "",
       "A SAMPLE PAPER: A TEMPLATE"},
      {"a journal named in a title",
       "LATEX Class for The Israel Journal of\nMathematics \u2217\nBoris Veytsman\u2020\n"
       "2013/06/23, v1.7",
       "", "LATEX Class for The Israel Journal of Mathematics"},
      {"a journal's header",
       "Journal of Machine Learning Research 21 (2020) 1-48\n"
       "Sparse Models for Everything Else\nAnn Author",
       "", "Sparse Models for Everything Else"},
      {"a journal's header without digits goes not on",
       "For submission to The PracTEX Journal\nSparse Models for Everything Else", "",
       "Sparse Models for Everything Else"},
      // A short first line over authors and a version, date or e-mail line.
      {"short title, version line",
       "prooftrees\nVersion v0.7 (SVN Rev: 8642)\nClea F. Rees\u2217\n2019/09/30\nAbstract\n"
       "prooftrees is a LATEX 2\xCE\xB5 package, based on forest, designed to support",
       "", "prooftrees"},
      {"short title, author, e-mail",
       "The apa6e class\u2217\nNathaniel J. Smith\nnjs@pobox.com\nJuly 2, 2011", "",
       "The apa6e class"},
      {"short title, two authors, date",
       "The ejpecp class\u2217\u2020\nK. Burdzy\nD. Chafa\xC3\xAF\nNovember 4, 2021", "",
       "The ejpecp class"},
      {"short first line over a subtitle",
       "eledmac\nTypeset scholarly editions with LATEX\u2217\nMa\xC3\xAF"
       "eul Rouquette\u2020",
       "", "Typeset scholarly editions with LATEX"},
      {"the author's name first", "Grzegorz Murzynowski\nThe gmverse Package*\nSeptember ,", "",
       "The gmverse Package"},
      {"a label first", "Research Article\nDeep Residual Learning\nKaiming He\nkaiming@fb.com", "",
       "Deep Residual Learning"},
      {"short lines only", "Thesis Title\nAuthor Name", "", ""},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(guess_title_from_page(c.page, c.author), c.expected) << c.name;
  }
}

}  // namespace
}  // namespace paper
