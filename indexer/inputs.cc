#include "indexer/inputs.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <map>

#include "common/error.h"
#include "common/sha256.h"
#include "common/text.h"
#include "indexer/catalogue/catalogue.h"

namespace paper {
namespace {

namespace fs = std::filesystem;

bool has_pdf_extension(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return ext == ".pdf";
}

// A paper list's name: Markdown or text (a missing one is "a list that cannot be opened").
bool looks_like_list(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return ext == ".md" || ext == ".markdown" || ext == ".txt";
}

bool starts_with_pdf_magic(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char magic[5] = {};
  in.read(magic, 5);
  return in.gcount() == 5 && std::string(magic, 5) == "%PDF-";
}

std::string slug(const std::string& text) {
  std::string n = normalize_for_match(text);
  std::string out;
  for (char c : n) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += c;
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
    if (out.size() >= 48) break;
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "file" : out;
}

}  // namespace

std::string input_path(const std::string& path) {
  std::error_code ec;
  fs::path abs = fs::absolute(path, ec);
  if (ec) return path;
  // Links resolved: a list or folder named through a symbolic link is the one it points to.
  fs::path real = fs::weakly_canonical(abs, ec);
  std::string out = (ec ? abs.lexically_normal() : real).string();
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

std::string stored_input_path(const std::string& stored) {
  if (stored.empty()) return stored;
  std::error_code ec;
  const std::string path = input_path(stored);
  return fs::exists(path, ec) ? path : stored;
}

bool input_gone(const std::string& path) {
  if (path.empty() || path[0] != '/') return false;
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0 || (errno != ENOENT && errno != ENOTDIR)) return false;
  // Its folder is there, with other things in it: deleted or renamed. A folder that is gone
  // too, or empty, may be a disk that is not mounted now (or its mount point), which is no
  // reason to drop its papers.
  const fs::path parent = fs::path(path).parent_path();
  std::error_code ec;
  return fs::is_directory(parent, ec) && !fs::is_empty(parent, ec) && !ec;
}

namespace {

InputPaper pdf_input(const fs::path& file, const std::string& list, const fs::path& root) {
  InputPaper in;
  in.pdf_path = file.string();
  in.paper.id = pdf_paper_id(in.pdf_path);
  in.paper.title = file.stem().string();  // replaced by the PDF's own title when extracted
  in.paper.source = SourceLocation{in.pdf_path, 0};
  // Lexical: the files come from walking root, and fs::relative would resolve every path.
  fs::path rel = file.parent_path().lexically_relative(root);
  if (!rel.empty() && rel != "." && *rel.begin() != "..") in.paper.section = rel.string();
  in.lists = {list};
  return in;
}

}  // namespace

std::vector<std::string> default_lists(const std::string& data_dir) {
  std::vector<std::string> lists;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(data_dir, ec)) {
    if (e.is_regular_file() && e.path().extension() == ".md") lists.push_back(e.path().string());
  }
  std::sort(lists.begin(), lists.end());
  if (lists.empty()) {
    throw Error("no paper list (*.md) in " + data_dir +
                "/; run paper-index from the project folder or name the lists: "
                "paper-index build LIST.md");
  }
  return lists;
}

PaperId pdf_paper_id(const std::string& path) {
  std::error_code ec;
  fs::path abs = fs::absolute(path, ec);
  std::string key = ec ? path : abs.lexically_normal().string();
  return "pdf-" + slug(fs::path(path).stem().string()) + "-" + sha256_hex(key).substr(0, 8);
}

std::string file_stamp(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return "";
  auto ns = [](const timespec& t) {
    return std::to_string(static_cast<long long>(t.tv_sec) * 1000000000LL + t.tv_nsec);
  };
  // The change time and the inode too, as git does: a file rewritten with its size and
  // modification time kept (`cp -p`, `rsync -t`, `touch -r`) is hashed again, not skipped.
  return std::to_string(static_cast<long long>(st.st_size)) + ":" + ns(st.st_mtim) + ":" +
         ns(st.st_ctim) + ":" + std::to_string(static_cast<unsigned long long>(st.st_ino));
}

std::vector<std::string> distinct_lists(const std::vector<std::string>& given) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const std::string& g : given) {
    if (seen.insert(input_path(g)).second) out.push_back(g);
  }
  return out;
}

Inputs collect_inputs(const std::vector<std::string>& paths) {
  Inputs out;
  std::vector<std::string> lists;
  std::set<PaperId> seen;
  for (const std::string& given : paths) {
    out.named.insert(input_path(given));
    std::error_code ec;
    fs::file_status st = fs::status(given, ec);
    // PDFs and their folders are named by absolute paths: "pdfs" and "/home/me/pdfs" are the
    // same input (the same ids, lists and stored paths), and a result's link works from any
    // folder. Lists too (below), but their file:line messages keep the path as given.
    const std::string path =
        fs::is_directory(st) || fs::is_regular_file(st) ? input_path(given) : given;
    if (fs::is_directory(st)) {
      std::vector<fs::path> files;
      // Linked folders are followed (each real folder once: a link back up is no loop); a link
      // to nothing that is named like a PDF is reported.
      std::set<std::pair<dev_t, ino_t>> folders;
      if (struct stat root{}; ::stat(path.c_str(), &root) == 0) {
        folders.insert({root.st_dev, root.st_ino});
      }
      fs::recursive_directory_iterator it(path,
                                          fs::directory_options::skip_permission_denied |
                                              fs::directory_options::follow_directory_symlink,
                                          ec);
      for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        std::error_code entry_ec;
        if (it->is_directory(entry_ec)) {
          struct stat dir {};
          if (::stat(it->path().c_str(), &dir) != 0 ||
              !folders.insert({dir.st_dev, dir.st_ino}).second) {
            it.disable_recursion_pending();
          }
        } else if (it->is_regular_file(entry_ec)) {
          if (has_pdf_extension(it->path())) files.push_back(it->path());
        } else if (it->is_symlink(entry_ec) && has_pdf_extension(it->path())) {
          out.warnings.push_back(Diagnostic{SourceLocation{it->path().string(), 0},
                                            "link to a file that is not there; skipped"});
        }
      }
      if (ec) {
        out.warnings.push_back(Diagnostic{
            SourceLocation{given, 0}, "cannot read the folder completely (" + ec.message() +
                                          "); its PDFs that were not seen are kept as they were"});
        ++out.unreadable;
      } else if (!files.empty()) {
        out.read.insert(path);
      }
      std::sort(files.begin(), files.end());
      if (files.empty() && !ec) {
        // Not "read": the mount point of a disk not mounted is such a folder, and its papers
        // are kept.
        out.warnings.push_back(
            Diagnostic{SourceLocation{given, 0},
                       "folder has no PDF files; nothing to index there (papers indexed from it "
                       "before are kept: `paper-index build --rebuild` drops them)"});
      }
      for (const fs::path& f : files) {
        InputPaper in = pdf_input(f, path, path);
        if (seen.insert(in.paper.id).second) out.papers.push_back(std::move(in));
      }
    } else if (fs::is_regular_file(st) &&
               (has_pdf_extension(path) || starts_with_pdf_magic(path))) {
      InputPaper in = pdf_input(path, path, fs::path(path).parent_path());
      in.paper.section.clear();
      out.read.insert(path);
      if (seen.insert(in.paper.id).second) out.papers.push_back(std::move(in));
    } else if (!fs::exists(st) && !given.empty() && !looks_like_list(given)) {
      // Not a list that is missing: say what it was meant to be.
      const char* what = has_pdf_extension(given) ? "PDF file"
                         : given.back() == '/'    ? "folder"
                                                  : "file or folder";
      out.warnings.push_back(Diagnostic{SourceLocation{given, 0},
                                        std::string("no such ") + what + "; check the path"});
      ++out.unreadable;
    } else {
      lists.push_back(given);
    }
  }
  if (lists.empty()) return out;

  lists = distinct_lists(lists);
  Catalogue cat = parse_lists(lists);
  out.warnings.insert(out.warnings.end(), cat.warnings.begin(), cat.warnings.end());
  out.unreadable += cat.unreadable_lists;
  // A list is known by its absolute path ("data/a.md", "./data/a.md" and "a.md" from data/
  // are one list); its messages keep the path as given.
  std::map<std::string, std::string> list_path;
  for (const std::string& l : lists) {
    list_path[l] = input_path(l);
    std::ifstream probe(l);
    if (probe && fs::is_regular_file(l)) out.read.insert(list_path[l]);
  }
  auto identity = [&](const std::string& given) {
    auto it = list_path.find(given);
    return it != list_path.end() ? it->second : input_path(given);
  };
  for (std::size_t i = 0; i < cat.papers.size(); ++i) {
    InputPaper in;
    in.paper = cat.papers[i];
    if (i < cat.occurrences.size()) {
      for (const SourceLocation& loc : cat.occurrences[i]) {
        const std::string list = identity(loc.file);
        if (std::find(in.lists.begin(), in.lists.end(), list) == in.lists.end()) {
          in.lists.push_back(list);
        }
      }
    }
    if (in.lists.empty()) in.lists.push_back(identity(in.paper.source.file));
    if (seen.insert(in.paper.id).second) out.papers.push_back(std::move(in));
  }
  return out;
}

}  // namespace paper
