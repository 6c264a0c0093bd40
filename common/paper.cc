#include "common/paper.h"

namespace paper {

std::string SourceLocation::to_string() const {
  if (line <= 0) return file;
  return file + ":" + std::to_string(line);
}

const char* to_string(LinkKind kind) {
  switch (kind) {
    case LinkKind::kArxiv:
      return "arxiv";
    case LinkKind::kPdf:
      return "pdf";
    case LinkKind::kLanding:
      return "landing";
    case LinkKind::kCode:
      return "code";
    case LinkKind::kOther:
      return "other";
  }
  return "other";
}

}  // namespace paper
