// Reading an entry's title from plain text, where no bold span or link text gives it:
// "nnU-Net: a self-configuring method. Isensee et al. Nature Methods 2021. [paper](url)",
// "[Paper](url) - Attention Is All You Need. Ann Lee. CVPR 2020.",
// "[pdf](url) Deep Residual Learning for Image Recognition, Kaiming He. CVPR 2016.".
// Pure functions.
#pragma once

#include <string>
#include <string_view>

namespace paper {

struct PlainTitle {
  std::string title;         // cleaned; "" when byline_only (or when nothing is left of it)
  std::string remainder;     // what follows the title: authors, venue, year (the whole text
                             // when byline_only)
  bool byline_only = false;  // the text is only authors, venue and year: it has no title
};

// Reads a title from the start of text: the text in quotes, else up to the first " - ", ". " or
// " – ", or up to a comma when what follows it reads as authors confirmed by a venue or a year.
// A leading separator ("- ", "– ", ": ") is skipped. A text that is only a byline ("Ann Lee,
// Bob Ray. CVPR 2020") has no title; after_link: the text follows the entry's link ("[Paper](url)
// - ..."), where one name and a venue ("Ann Lee. CVPR 2020") are a byline too (before the link
// they are taken for a title: "Swin Transformer. CVPR 2021"). Linear in the length of text;
// never throws.
PlainTitle read_plain_title(std::string_view text, bool after_link);

// "YOLOv3 (2018)", "Focal Loss (ICCV 2017)": a title that ends with a parenthesised year, with or
// without a venue. Returns the title without it (cleaned) and sets *note to the note with its
// parentheses; returns title unchanged and leaves *note alone otherwise ("Point Clouds (2D)").
std::string split_trailing_year_note(const std::string& title, std::string* note);

// Whether text reads as a venue and/or year and nothing else: "CVPR 2020", "MICCAI'23",
// "IEEE TMI", "2021".
bool reads_as_venue_year(std::string_view text);

}  // namespace paper
