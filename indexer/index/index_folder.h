// The index folder DIR and its database generations (layout: index_writer.h): the lock, the
// `current` symlink, which generation a writer opens (a new one for a rebuild, resuming one a
// stopped rebuild left, or the live one), the left-overs it removes, and the compaction of a
// generation written from scratch. Internal to indexer/index; used by the writer's thread.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <optional>
#include <string>

#include "indexer/index/index_writer.h"

namespace paper::index_detail {

// "db-<N>" -> N, or 0 for other names.
int generation_of(const std::string& name);

// The name ("db-<N>") of the generation DIR/current points to, when it is a folder; else nullopt.
std::optional<std::string> live_generation_name(const std::filesystem::path& dir);

// Creates DIR if needed and returns it. Throws paper::Error for a folder that cannot be made or
// holds other things than an index.
std::filesystem::path make_index_dir(const std::filesystem::path& dir);

// Holds DIR/lock (flock) for its lifetime; the pid inside names the holder. Throws paper::Error
// naming the holder's pid when another process holds it.
class DirLock {
 public:
  explicit DirLock(const std::filesystem::path& dir);
  ~DirLock();
  DirLock(const DirLock&) = delete;
  DirLock& operator=(const DirLock&) = delete;

 private:
  int fd_ = -1;
};

// Points DIR/current at generation atomically (a symlink renamed over it). Throws paper::Error.
void swap_current(const std::filesystem::path& dir, const std::string& generation);

// The generation a writer opened, and what it is to do with it.
struct OpenedGeneration {
  std::string name;  // db-<N>
  Xapian::WritableDatabase db;
  std::string resumed;                     // DIR/db-<N> of a resumed unfinished rebuild, or ""
  std::optional<GivenUpRebuild> given_up;  // the unfinished rebuild discarded, when not rebuilding
  bool new_generation = false;             // written from scratch in this run
  bool swap_at_finish = false;             // to become the live generation at finish()
};

// Opens the generation a writer with these options writes (see IndexWriter in index_writer.h),
// after removing the left-overs of earlier runs. Throws paper::Error for a database that cannot
// be opened (another process's lock, damage).
OpenedGeneration open_generation(const std::filesystem::path& dir, const IndexOptions& options);

// Compacts generation into the next one (db-<N+1>): a generation written from scratch becomes
// about a third smaller. Returns the new name, or nullopt when compaction failed (the
// uncompacted generation is as good).
std::optional<std::string> compact_generation(const std::filesystem::path& dir,
                                              const std::string& generation);

}  // namespace paper::index_detail
