// A small fixed collection of medical-image-segmentation papers for the functional tests: each
// paper carries words that only it has, on known pages.
#pragma once

#include <vector>

#include "tests/query/test_index.h"

namespace paper::testing {

std::vector<PaperSpec> sample_papers();

}  // namespace paper::testing
