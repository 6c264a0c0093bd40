#include "query/database.h"

#include <signal.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>

#include "common/error.h"
#include "common/schema.h"
#include "common/text.h"

namespace paper::query {

namespace fs = std::filesystem;

namespace {

bool is_xapian_database(const fs::path& p) {
  std::error_code ec;
  return fs::exists(p / "iamglass", ec) || fs::exists(p / "iamchert", ec);
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// The word as a POSIX shell reads it back: as it is when it has only characters the shell leaves
// alone, else in single quotes (a ' inside written '\'').
std::string shell_word(const std::string& word) {
  const bool plain =
      !word.empty() && word.find_first_not_of(
                           "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                           "_-./+,:@%=") == std::string::npos;
  if (plain) return word;
  std::string quoted = "'";
  for (char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// An id as typed, for a message: control characters as '?', and cut after 80 bytes (a pasted
// paragraph is not an id).
std::string shown_id(const std::string& id) {
  constexpr std::size_t kShown = 80;
  std::string out;
  for (std::size_t i = 0; i < id.size() && i < kShown; ++i) {
    const auto c = static_cast<unsigned char>(id[i]);
    out += c < 0x20 || c == 0x7F ? '?' : id[i];
  }
  if (id.size() > kShown) {
    while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
    if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
    out += "...";
  }
  return out;
}

// The process that holds the index folder's lock (paper-index writes its pid into dir/lock while
// it runs and empties the file when it ends), or 0 when none is alive.
long building_process(const std::string& dir) {
  std::ifstream lock(fs::path(dir) / "lock");
  long pid = 0;
  if (!(lock >> pid) || pid <= 0) return 0;
  return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM ? pid : 0;
}

}  // namespace

std::string db_option(const std::string& dir, bool named) {
  return named ? " --db " + shell_word(dir) : "";
}

std::string build_command(const std::string& dir, bool named) {
  return "paper-index build" + db_option(dir, named);
}

std::string resolve_live_database(const std::string& dir, const std::string& build) {
  std::error_code ec;
  fs::path current = fs::path(dir) / "current";
  fs::path real = fs::canonical(current, ec);
  if (!ec && is_xapian_database(real)) return real.string();
  if (is_xapian_database(dir)) return dir;
  if (fs::is_regular_file(dir, ec)) {
    throw Error(dir +
                " is a file, not an index folder; give the folder that `paper-index build "
                "--db DIR` made");
  }
  if (fs::is_symlink(current, ec)) {
    throw Error("the index at " + dir + " is damaged: its `current` link points to " +
                fs::read_symlink(current, ec).string() + ", which is not a database; rebuild it " +
                "with `" + build + " --rebuild`");
  }
  if (const long pid = building_process(dir); pid > 0) {
    throw Error("no index at " + dir + " yet: process " + std::to_string(pid) +
                " is building it; search again once it has committed its first papers");
  }
  throw Error("no index at " + dir + "; run `" + build + "` first");
}

Xapian::Database open_database(const std::string& dir, const std::string& path,
                               const std::string& build) {
  Xapian::Database db;
  std::string version;
  // A damaged table can fail at the first read as well as at the open (a garbled block reads as
  // "modified" too): both are the same advice, never an uncaught exception. A real concurrent
  // update between the open and the first read gets one more try.
  for (int attempt = 0;; ++attempt) {
    try {
      db = Xapian::Database(path);
      version = db.get_metadata(schema::kMetaSchemaVersion);
      break;
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt == 0) continue;
      throw Error("cannot read the index at " + dir + " (" + e.get_msg() + "); rebuild it with `" +
                  build + " --rebuild`");
    } catch (const Xapian::Error& e) {
      throw Error("cannot read the index at " + dir + " (" + e.get_msg() + "); rebuild it with `" +
                  build + " --rebuild`");
    }
  }
  // Another layout (e.g. schema 1 kept page texts in the document data) would give wrong or
  // missing snippets: say so instead.
  bool readable = false;
  for (int v = schema::kOldestReadableSchema; v <= schema::kSchemaVersion; ++v) {
    readable = readable || version == std::to_string(v);
  }
  if (version.empty()) {
    throw Error(
        "the database at " + dir +
        " was not written by paper-index (it has no paper-index schema); give --db the "
        "folder of a paper-index index, or build one with `paper-index build --db NEW_DIR`");
  }
  if (!readable) {
    throw Error("the index at " + dir + " has schema " + version +
                " but paper-search reads schemas " + std::to_string(schema::kOldestReadableSchema) +
                " to " + std::to_string(schema::kSchemaVersion) + "; rebuild it with `" + build +
                " --rebuild`");
  }
  return db;
}

Xapian::docid find_paper(const Xapian::Database& db, const std::string& id) {
  const std::string term = schema::kPrefixId + id;
  Xapian::PostingIterator it = db.postlist_begin(term);
  return it == db.postlist_end(term) ? 0 : *it;
}

std::vector<std::string> close_ids(const Xapian::Database& db, const std::string& id,
                                   std::size_t n) {
  const std::string prefix = schema::kPrefixId;
  std::vector<std::pair<std::size_t, std::string>> scored;
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    std::string candidate = (*it).substr(prefix.size());
    std::size_t d;
    if (!id.empty() && candidate.find(id) != std::string::npos) {
      d = 0;  // the id is a part of this one ("unet" in "u-net-convolutional-...")
    } else {
      d = edit_distance(id, candidate.substr(0, std::min(candidate.size(), id.size() + 4)));
    }
    if (d <= std::max<std::size_t>(2, id.size() / 3)) scored.emplace_back(d, candidate);
  }
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> out;
  for (std::size_t i = 0; i < scored.size() && i < n; ++i) out.push_back(scored[i].second);
  return out;
}

void throw_unknown_id(const Xapian::Database& db, const std::string& id,
                      const std::string& db_option) {
  // Ids are lower case: "UNet-2015" is looked for as "unet-2015" among the suggestions.
  std::vector<std::string> close = close_ids(db, ascii_lower(id), 3);
  std::string message = "no paper with id '" + shown_id(id) + "' in the index";
  if (close.empty()) {
    message += "; find ids with `paper-search" + db_option + " --json QUERY`";
  } else {
    message += "; did you mean: ";
    for (std::size_t i = 0; i < close.size(); ++i) message += (i ? ", " : "") + close[i];
    message += "?";
  }
  throw Error(message);
}

}  // namespace paper::query
