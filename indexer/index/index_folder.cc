#include "indexer/index/index_folder.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>
#include <vector>

#include "common/error.h"
#include "common/schema.h"
#include "common/text.h"
#include "common/version.h"

namespace paper::index_detail {
namespace {

namespace fs = std::filesystem;

constexpr const char* kCurrent = "current";
constexpr const char* kCurrentTmp = "current.tmp";

std::string errno_text() { return std::strerror(errno); }

void fsync_dir(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

struct Unfinished {
  fs::path path;
  std::size_t papers = 0;
};

// The newest generation of dir above the live one (number live_number) that a rebuild of the live
// one wrote (kMetaRebuildOf == rebuild_of: same live generation, same version), in this schema,
// holding papers, and (verify: before a resume) sound by Xapian's consistency check: a rebuild
// some run left unfinished, or finished but did not swap in. Others (an interrupted compaction,
// a first build's copy made for compaction, a damaged database when verified) are passed over,
// and discarded with the other left-overs.
std::optional<Unfinished> unfinished_rebuild(const fs::path& dir, int live_number,
                                             const std::string& rebuild_of, bool verify) {
  std::vector<std::pair<int, std::string>> newer;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (generation_of(name) > live_number) newer.emplace_back(generation_of(name), name);
  }
  std::sort(newer.rbegin(), newer.rend());
  for (const auto& [number, name] : newer) {
    const std::string path = (dir / name).string();
    try {
      Xapian::Database db(path);
      if (db.get_metadata(schema::kMetaSchemaVersion) != std::to_string(schema::kSchemaVersion) ||
          db.get_metadata(schema::kMetaRebuildOf) != rebuild_of || db.get_doccount() == 0) {
        continue;
      }
      const std::size_t papers = db.get_doccount();
      db.close();
      // Reads every block: proportional to what the unfinished rebuild wrote, so only before a
      // resume. A run that gives it up only names it (its marker and count are enough for that).
      if (!verify || Xapian::Database::check(path, 0, nullptr) == 0) {
        return Unfinished{dir / name, papers};
      }
    } catch (const Xapian::Error&) {
      // Not a usable database.
    }
  }
  return std::nullopt;
}

}  // namespace

int generation_of(const std::string& name) {
  if (name.rfind("db-", 0) != 0 || name.size() <= 3) return 0;
  if (name.find_first_not_of("0123456789", 3) != std::string::npos) return 0;
  try {
    return std::stoi(name.substr(3));
  } catch (...) {
    return 0;
  }
}

std::optional<std::string> live_generation_name(const fs::path& dir) {
  std::error_code ec;
  fs::path target = fs::read_symlink(dir / kCurrent, ec);
  if (ec) return std::nullopt;
  std::string name = target.filename().string();
  if (generation_of(name) == 0 || !fs::is_directory(dir / name, ec)) return std::nullopt;
  return name;
}

DirLock::DirLock(const fs::path& dir) {
  std::string path = (dir / "lock").string();
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) {
    throw Error("cannot open " + path + ": " + errno_text() +
                "; check that the index folder is writable");
  }
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    char buf[32] = {};
    ssize_t n = ::pread(fd_, buf, sizeof buf - 1, 0);
    std::string pid = n > 0 ? trim(std::string(buf, static_cast<std::size_t>(n))) : "";
    ::close(fd_);
    fd_ = -1;
    if (pid.empty()) pid = "?";
    throw Error("index is being updated by process " + pid + "; wait for it to finish or stop it");
  }
  std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd_, 0) != 0 || ::pwrite(fd_, pid.data(), pid.size(), 0) < 0) {
    // The lock holds without the pid; a second writer then names process "?".
  }
}

DirLock::~DirLock() {
  if (fd_ >= 0) {
    if (::ftruncate(fd_, 0) != 0) {
    }
    ::close(fd_);
  }
}

fs::path make_index_dir(const fs::path& dir) {
  std::error_code ec;
  // A folder of other things is not taken for one: the index's files would be mixed with
  // them (and a later clean-up of generations could touch them).
  if (fs::is_directory(dir, ec)) {
    bool index_file = false, other = false;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
      const std::string name = e.path().filename().string();
      const bool ours = name.rfind("current", 0) == 0 || name == "lock" || name == "cache" ||
                        name.rfind("state.sqlite", 0) == 0 || name.rfind("db-", 0) == 0 ||
                        name.rfind(".current", 0) == 0 || name == "iamglass";
      (ours ? index_file : other) = true;
    }
    if (other && !index_file) {
      throw Error("the folder " + dir.string() +
                  " is not an index and is not empty; give --db a new or empty folder, or "
                  "the folder of an index");
    }
  }
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir)) {
    throw Error("cannot create the index folder " + dir.string() + ": " + ec.message() +
                "; choose another place with --db");
  }
  return dir;
}

void swap_current(const fs::path& dir, const std::string& generation) {
  fs::path tmp = dir / kCurrentTmp;
  std::error_code ec;
  fs::remove(tmp, ec);
  if (::symlink(generation.c_str(), tmp.c_str()) != 0 ||
      ::rename(tmp.c_str(), (dir / kCurrent).c_str()) != 0) {
    throw Error("cannot switch " + (dir / kCurrent).string() + " to " + generation + ": " +
                errno_text() + "; check that the index folder is writable");
  }
  fsync_dir(dir);
}

OpenedGeneration open_generation(const fs::path& dir, const IndexOptions& options) {
  OpenedGeneration g;
  std::optional<std::string> live = live_generation_name(dir);
  int max_generation = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    max_generation = std::max(max_generation, generation_of(entry.path().filename().string()));
  }

  bool new_generation = options.rebuild || !live;
  if (live && !new_generation) {
    try {
      Xapian::Database existing((dir / *live).string());
      if (existing.get_metadata(schema::kMetaSchemaVersion) !=
          std::to_string(schema::kSchemaVersion)) {
        new_generation = true;  // another schema: every document must be written again
      }
    } catch (const Xapian::Error&) {
      new_generation = true;
    }
  }
  // A rebuild that a run left unfinished (stopped, killed) is resumed by the next rebuild: what
  // it committed is kept, like any committed work. A run that does not rebuild gives it up, and
  // says so: it compares papers with what the rebuild holds, not with the live generation, so
  // swapped in after this run it would undo what this run changes there (--retry, --refresh).
  std::optional<std::string> resume;
  const std::string rebuild_of = live ? *live + "\t" + kVersion : "";
  if (live) {
    if (auto unfinished =
            unfinished_rebuild(dir, generation_of(*live), rebuild_of, /*verify=*/new_generation)) {
      if (new_generation) {
        resume = unfinished->path.filename().string();
      } else {
        g.given_up = GivenUpRebuild{unfinished->path.string(), unfinished->papers};
      }
    }
  }

  // Other generations than the live one (and the one resumed) are left-overs: an older one
  // replaced by a rebuild (readers had a whole run to move on), an unfinished rebuild that a
  // run which does not rebuild gives up, or an unfinished compaction.
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (generation_of(name) != 0 && name != live && name != resume) {
      std::error_code ec;
      fs::remove_all(entry.path(), ec);
    }
  }
  std::error_code ec;
  fs::remove(dir / kCurrentTmp, ec);

  try {
    g.new_generation = new_generation;
    if (resume) {
      g.name = *resume;
      g.db = Xapian::WritableDatabase((dir / g.name).string(),
                                      Xapian::DB_OPEN | Xapian::DB_BACKEND_GLASS);
      g.resumed = (dir / g.name).string();
      g.swap_at_finish = true;
    } else if (new_generation) {
      g.name = "db-" + std::to_string(max_generation + 1);
      g.db = Xapian::WritableDatabase((dir / g.name).string(),
                                      Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
      g.db.set_metadata(schema::kMetaSchemaVersion, std::to_string(schema::kSchemaVersion));
      if (live) g.db.set_metadata(schema::kMetaRebuildOf, rebuild_of);
      g.db.commit();
      if (live) {
        g.swap_at_finish = true;
      } else {
        swap_current(dir, g.name);  // first build: each committed batch is searchable at once
      }
    } else {
      g.name = *live;
      g.db = Xapian::WritableDatabase((dir / g.name).string(),
                                      Xapian::DB_OPEN | Xapian::DB_BACKEND_GLASS);
    }
  } catch (const Xapian::DatabaseLockError&) {
    throw Error("index " + options.dir +
                " is being updated by another process; wait for it to finish or stop it");
  } catch (const Xapian::Error& e) {
    throw Error("cannot open the index database in " + options.dir + ": " + e.get_msg() +
                "; run `paper-index build --rebuild` to build it again");
  }
  return g;
}

std::optional<std::string> compact_generation(const fs::path& dir, const std::string& generation) {
  int next = generation_of(generation) + 1;
  std::string compacted = "db-" + std::to_string(next);
  std::error_code ec;
  fs::remove_all(dir / compacted, ec);
  try {
    Xapian::Database((dir / generation).string())
        .compact((dir / compacted).string(),
                 Xapian::DBCOMPACT_NO_RENUMBER | Xapian::Compactor::FULL);
    return compacted;
  } catch (const Xapian::Error&) {
    fs::remove_all(dir / compacted, ec);  // the uncompacted generation is as good
    return std::nullopt;
  }
}

}  // namespace paper::index_detail
