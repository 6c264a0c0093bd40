// Searcher's state, shared by the files that implement its operations. Internal.
#pragma once

#include <xapian.h>

#include <string>

#include "common/error.h"
#include "query/database.h"
#include "query/searcher.h"

namespace paper::query {

struct Searcher::Impl {
  Impl(const std::string& index_dir, IndexFolder folder)
      : dir(index_dir),
        build(build_command(dir, folder == IndexFolder::kNamed)),
        db_flag(db_option(dir, folder == IndexFolder::kNamed)),
        db(open_database(dir, resolve_live_database(dir, build), build)) {}

  // The index was swapped or updated while reading: open the live generation again.
  void reopen() { db = open_database(dir, resolve_live_database(dir, build), build); }

  // Runs read() with one retry after a concurrent update; any other Xapian failure (which is not
  // a std::exception) becomes the project's error.
  template <typename Read>
  auto guarded(Read&& read) -> decltype(read()) {
    try {
      return read_with_retry(read, [&] { reopen(); });
    } catch (const Xapian::UnimplementedError& e) {
      // Xapian 1.4 cannot evaluate a wildcard (an OR of its expansions) inside NEAR or ADJ: a
      // query the user can change, not a damaged index.
      // (Xapian's own message names its internals: not shown.)
      (void)e;
      throw Error(
          "this query cannot be evaluated: a wildcard cannot be used inside NEAR or ADJ; "
          "spell the words out",
          kExitUsage);
    } catch (const Xapian::Error& e) {
      throw Error("cannot read the index at " + dir + " (" + e.get_description() +
                  "); try again, or rebuild it with `" + build + " --rebuild`");
    }
  }

  SearchResult search(const SearchRequest& request);
  RelatedResult related(const RelatedRequest& request);
  PaperDetails show(const std::string& id);

  std::string dir;
  std::string build;    // the paper-index command that builds dir (build_command)
  std::string db_flag;  // " --db DIR" for the commands messages suggest (db_option), or ""
  Xapian::Database db;
};

// Body stems ("Z" + at least three lower-case letters) that are not a stop word's stem: the terms
// that can be shown as "distinctive", each through a readable word for it.
bool is_display_term(const std::string& term);

}  // namespace paper::query
