#include "indexer/catalogue/catalogue.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>
#include <map>

#include "common/text.h"
#include "common/text_cleanup.h"
#include "indexer/catalogue/entries.h"
#include "indexer/catalogue/list_lines.h"
#include "indexer/catalogue/merge.h"

namespace paper {
namespace {

// A warning about a whole file (line 0). Built member by member: GCC 12 at -O3 takes a nested
// aggregate temporary here for a read of uninitialised memory (-Wmaybe-uninitialized).
Diagnostic file_warning(const std::string& file, std::string message) {
  Diagnostic d;
  d.source.file = file;
  d.message = std::move(message);
  return d;
}

struct FileParse {
  std::vector<Paper> entries;
  std::vector<Diagnostic> warnings;
  bool unreadable = false;
};

FileParse parse_file_text(std::string_view text, const std::string& file_name) {
  FileParse out;
  ListLines lines = read_list_lines(text, file_name);
  out.warnings = std::move(lines.warnings);
  if (lines.unreadable) {
    out.unreadable = true;
    return out;
  }
  if (lines.empty) {
    out.warnings.push_back(
        file_warning(file_name, "list is empty; add paper entries or leave it out"));
    return out;
  }
  ParsedEntries parsed = parse_entries(lines.lines, file_name);
  for (auto& w : parsed.warnings) out.warnings.push_back(std::move(w));
  out.entries = std::move(parsed.entries);
  if (out.entries.empty() && parsed.skipped > 0) {
    out.warnings.push_back(
        file_warning(file_name, "no paper entries kept: " + std::to_string(parsed.skipped) +
                                    (parsed.skipped == 1 ? " entry was" : " entries were") +
                                    " skipped; fix the entries named in the warnings above"));
  } else if (out.entries.empty()) {
    out.warnings.push_back(file_warning(
        file_name,
        "no paper entries found; write entries as \"**Title**\" lines with [Paper](url) links, "
        "\"- [Title](url)\" bullets or a table with a Title column"));
  }
  return out;
}

// Closes a file descriptor when it goes out of scope.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

// Reads a whole list; on failure returns false and sets message.
bool read_file(const std::string& path, std::string* text, std::string* message) {
  Fd file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (file.fd < 0) {
    int err = errno;
    *message = std::string("cannot open list: ") + std::strerror(err) +
               (err == EACCES ? "; check the file's permissions" : "; check the path");
    return false;
  }
  struct stat st {};
  if (::fstat(file.fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    *message = "is a directory, not a list; name the Markdown list files inside it";
    return false;
  }
  if (S_ISREG(st.st_mode) && static_cast<std::size_t>(st.st_size) > kMaxListBytes) {
    *message = "list is " + std::to_string(st.st_size) + " bytes, over the " +
               std::to_string(kMaxListBytes / (1024 * 1024)) + " MiB limit; split it";
    return false;
  }
  text->clear();
  char buffer[1 << 16];
  for (;;) {
    ssize_t n = ::read(file.fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      *message = std::string("cannot read list: ") + std::strerror(errno) + "; check the file";
      return false;
    }
    if (n == 0) break;
    text->append(buffer, static_cast<std::size_t>(n));
    if (text->size() > kMaxListBytes) {
      *message = "list is over the " + std::to_string(kMaxListBytes / (1024 * 1024)) +
                 " MiB limit; split it";
      return false;
    }
  }
  return true;
}

// Orders warnings by list (in the order given) and line, keeping equal ones in order.
void sort_warnings(std::vector<Diagnostic>& warnings, const std::vector<std::string>& files) {
  std::map<std::string, std::size_t> rank;
  for (std::size_t i = 0; i < files.size(); ++i) rank.emplace(files[i], i);
  std::stable_sort(warnings.begin(), warnings.end(), [&](const Diagnostic& a, const Diagnostic& b) {
    std::size_t ra = rank.count(a.source.file) ? rank[a.source.file] : files.size();
    std::size_t rb = rank.count(b.source.file) ? rank[b.source.file] : files.size();
    if (ra != rb) return ra < rb;
    // Whole-list warnings (line 0) come after the ones naming a line.
    int la = a.source.line > 0 ? a.source.line : std::numeric_limits<int>::max();
    int lb = b.source.line > 0 ? b.source.line : std::numeric_limits<int>::max();
    return la < lb;
  });
}

// A list's text as the pages' is (clean_line): no control or directional formatting characters,
// ligatures expanded, Arabic presentation forms as letters, accents composed; so it is printed
// safely and searched as a query is.
void clean_fields(Paper& paper) {
  paper.title = clean_line(paper.title);
  std::vector<std::string> authors;
  for (const std::string& a : paper.authors) {
    if (std::string name = clean_line(a); !name.empty()) authors.push_back(std::move(name));
  }
  paper.authors = std::move(authors);
  paper.venue = clean_line(paper.venue);
  paper.section = clean_line(paper.section);
}

Catalogue assemble(std::vector<FileParse> files, const std::vector<std::string>& names) {
  Catalogue out;
  std::vector<Paper> entries;
  for (auto& f : files) {
    for (auto& w : f.warnings) out.warnings.push_back(std::move(w));
    for (auto& e : f.entries) {
      clean_fields(e);
      if (normalize_for_match(e.title).empty()) {
        // Only invisible or invalid characters made it look like one ("<" and a stray byte).
        out.warnings.push_back(Diagnostic{
            e.source, "entry skipped: its title has no letters or digits; write the title"});
        continue;
      }
      entries.push_back(std::move(e));
    }
    out.unreadable_lists += f.unreadable ? 1 : 0;
  }
  MergedPapers merged = merge_entries(std::move(entries));
  out.papers = std::move(merged.papers);
  out.occurrences = std::move(merged.occurrences);
  for (auto& w : merged.warnings) out.warnings.push_back(std::move(w));
  sort_warnings(out.warnings, names);
  return out;
}

}  // namespace

Catalogue parse_list_text(std::string_view text, const std::string& file_name) {
  std::vector<FileParse> files;
  files.push_back(parse_file_text(text, file_name));
  return assemble(std::move(files), {file_name});
}

Catalogue parse_lists(const std::vector<std::string>& paths) {
  std::vector<FileParse> files;
  for (const auto& path : paths) {
    std::string text, message;
    if (!read_file(path, &text, &message)) {
      FileParse failed;
      failed.unreadable = true;
      failed.warnings.push_back(file_warning(path, message));
      files.push_back(std::move(failed));
      continue;
    }
    files.push_back(parse_file_text(text, path));
  }
  return assemble(std::move(files), paths);
}

}  // namespace paper
