// Resolution: a paper's links -> an ordered list of candidate PDF URLs, by host rules.
// Owner: indexer/fetch. Pure functions: no network.
#pragma once

#include <ctime>
#include <string>
#include <vector>

#include "common/paper.h"

namespace paper {

struct Candidate {
  std::string url;     // http(s) URL expected to serve the PDF (or a page that leads to it)
  std::string origin;  // plain words: "arXiv link", "CVF page rewritten to its PDF", ...
  bool suspect = false;
};

struct Resolution {
  std::vector<Candidate> candidates;  // best first; suspect links last
  std::vector<std::string> skipped;   // plain reasons for links not tried (code, expired, ...)
};

// now: the current time, for expiry of signed URLs.
Resolution resolve(const Paper& paper, std::time_t now);

}  // namespace paper
