// The paper record that the catalogue produces and every later stage consumes.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace paper {

// Where something came from: a list file and a 1-based line, or a PDF path (line 0).
struct SourceLocation {
  std::string file;
  int line = 0;

  // "file:line", or "file" when line is 0.
  std::string to_string() const;
  bool operator==(const SourceLocation&) const = default;
};

// What a link points at, decided by its host, never by its label.
enum class LinkKind {
  kArxiv,    // arxiv.org abstract or PDF
  kPdf,      // a URL that serves a PDF directly (path ends in .pdf, CVF papers/, PMLR .pdf, ...)
  kLanding,  // a publisher landing page that may lead to a PDF (IEEE, Springer, OpenReview, ...)
  kCode,     // github.com and other code hosts: never downloaded
  kOther,
};

struct Link {
  std::string label;  // as written in the list: "Paper", "ArXiv", "Github", "code", ...
  std::string url;    // trimmed; www.github.com and trailing '/' normalised for code hosts
  std::string host;   // lower-case host name without port
  LinkKind kind = LinkKind::kOther;
  // Set by the catalogue when the same arXiv id / DOI appears on papers with different titles:
  // the link is probably wrong and is tried last.
  bool suspect = false;
  bool operator==(const Link&) const = default;
};

// A stable identifier: derived from the normalised title (see catalogue), so it survives
// re-ordering, additions and link corrections. Lower-case ASCII, digits and '-'.
using PaperId = std::string;

struct Paper {
  PaperId id;
  std::string title;
  std::vector<std::string> authors;
  std::string venue;
  std::optional<int> year;
  std::string section;
  std::vector<Link> links;
  SourceLocation source;
  bool operator==(const Paper&) const = default;
};

// A per-file or per-entry problem that does not stop the run.
struct Diagnostic {
  SourceLocation source;
  std::string message;
  bool operator==(const Diagnostic&) const = default;
};

const char* to_string(LinkKind kind);

}  // namespace paper
