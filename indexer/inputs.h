// What `paper-index build` is given: paper lists, PDF files and folders of PDFs -> the papers to
// index and the inputs that were read (for removals). No network, no printing.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "common/paper.h"

namespace paper {

// One paper of the run: from a list entry, or a PDF on disk (then pdf_path is set and the title
// comes from the PDF itself at extraction time).
struct InputPaper {
  Paper paper;
  std::vector<std::string> lists;  // the lists, PDF folders or files that name it (absolute)
  std::string pdf_path;            // local PDF; empty for list entries
};

struct Inputs {
  std::vector<InputPaper> papers;
  std::vector<Diagnostic> warnings;
  // Lists and folders read completely in this run (absolute paths): a paper indexed earlier whose
  // lists are all in here, or gone from the disk, and that none of them names any more is
  // removed.
  std::set<std::string> read;
  // Every input given this run (absolute paths), read or not: an input named but unreadable
  // keeps its papers, even when it is gone.
  std::set<std::string> named;
  int unreadable = 0;  // lists or paths that could not be read
};

// The default inputs when no PATH is given: the Markdown lists in data_dir ("data"), sorted.
// Throws paper::Error when there is none.
std::vector<std::string> default_lists(const std::string& data_dir);

// Expands PATHs: a folder -> every *.pdf below it (recursively, sorted); a *.pdf file (or a file
// starting with "%PDF") -> that PDF; anything else -> a Markdown list. Never throws for bad input:
// problems become warnings.
Inputs collect_inputs(const std::vector<std::string>& paths);

// The id of a PDF on disk: "pdf-" + a slug of its file name + "-" + 8 hex of its absolute path's
// hash (stable across runs, distinct for equal names in different folders).
PaperId pdf_paper_id(const std::string& path);

// An input's identity: path made absolute, its symbolic links resolved, lexically normal and
// without a trailing separator ("pdfs/" -> "/work/pdfs"); as given if that fails.
std::string input_path(const std::string& path);

// The lists given, each once: "a.md ./a.md" is one list (by input_path), read once; the first
// spelling is kept for its file:line messages.
std::vector<std::string> distinct_lists(const std::vector<std::string>& given);

// A list or folder as an index stored it, as this run names it (input_path) when it is there:
// indexes made before lists were known by their absolute path kept them as given ("data/a.md",
// taken from this folder), and a path through a link is the path it points to now. Left as it
// is when it names nothing.
std::string stored_input_path(const std::string& stored);

// True when the input at an absolute path is no longer there (deleted, or renamed) while its
// folder is, not empty: the papers only it named are removed. False for a relative path (its
// folder is unknown), when its folder is gone too or empty (a disk not mounted, its mount point)
// and for a path that cannot be checked for another reason (a permission): those keep their
// papers.
bool input_gone(const std::string& path);

// "<size>:<mtime in ns>:<ctime in ns>:<inode>" of a file, or "" when it cannot be read: a file
// whose stamp is unchanged is taken as unchanged without reading it.
std::string file_stamp(const std::string& path);

}  // namespace paper
