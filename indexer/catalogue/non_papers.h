// Signs that a titled link in a list points at something other than a paper: a video, another
// list, a course, a tutorial, a homepage, a dataset's or a challenge's site. Used for entries
// whose only evidence of being a paper is their text (a link to a host that is not known to
// serve papers). Pure functions.
#pragma once

#include <string_view>

namespace paper {

// youtube.com, youtu.be, vimeo.com, bilibili.com and their subdomains (host lower-case).
bool is_video_host(std::string_view host);

// Whether a link label names a list, a course, a tutorial, a talk, a homepage, a dataset, a
// challenge or a competition rather than a paper: "Awesome 3D Reconstruction List", "CS224n:
// Natural Language Processing", "NeRF at CVPR 2022 Tutorial", "Jane Doe's homepage", "Grand
// Challenge Challenges". A title with a subtitle ("X: A New Dataset") is not judged by its last
// word.
bool names_non_paper(std::string_view label);

// Whether a link label says the link is to a video, a blog post, a website, slides or a talk
// ("Video", "Blog Post", "Website", "Slides", "Talk"), not to a paper or its code.
bool names_non_paper_link(std::string_view label);

// Whether text holds a span of years ("2012-2024", "2019–21"): a period, not a paper's year.
bool has_year_range(std::string_view text);

}  // namespace paper
