// Opening the live index for reading, and reading through a concurrent update.
// Internal to the query library.
#pragma once

#include <xapian.h>

#include <string>

namespace paper::query {

// The paper-index command that builds the index folder dir, as the errors below suggest it:
// "paper-index build", or "paper-index build --db DIR" when named (the user gave dir), with DIR
// quoted for a POSIX shell when it has characters the shell would take apart.
std::string build_command(const std::string& dir, bool named);

// " --db DIR" (quoted for a shell when needed) for an index folder given by name, else "": what
// the commands a message suggests need to reach the same index.
std::string db_option(const std::string& dir, bool named);

// Resolves the live database of an index folder: DIR/current (a symlink to a generation) resolved
// once, or DIR itself when it is a Xapian database. Throws paper::Error("no index at DIR; run
// `BUILD` first") when there is neither; build is build_command's.
std::string resolve_live_database(const std::string& dir, const std::string& build);

// Opens the database at path (from resolve_live_database); throws paper::Error when it cannot be
// read, or when its kMetaSchemaVersion is not one paper-search reads (schema::kOldestReadableSchema
// to schema::kSchemaVersion: "the index at DIR has schema 1 but paper-search reads schemas 4 to 5;
// rebuild it with `BUILD --rebuild`").
Xapian::Database open_database(const std::string& dir, const std::string& path,
                               const std::string& build);

// Calls read(); when the index was updated under it (Xapian::DatabaseModifiedError), calls
// reopen() and read() once more.
template <typename Read, typename Reopen>
auto read_with_retry(Read&& read, Reopen&& reopen) -> decltype(read()) {
  try {
    return read();
  } catch (const Xapian::DatabaseModifiedError&) {
    reopen();
    return read();
  }
}

// Paper ids in the index closest to id (edit distance, shared prefix), best first, at most n.
std::vector<std::string> close_ids(const Xapian::Database& db, const std::string& id,
                                   std::size_t n);

// The document id of a paper, or 0 when the index has no such paper.
Xapian::docid find_paper(const Xapian::Database& db, const std::string& id);

// The paper error for an unknown id: "no paper with id 'X' in the index; did you mean: a, b?"
// (X without control characters, cut when long). db_option: " --db DIR" when the index was named,
// for the command the message suggests, else "".
[[noreturn]] void throw_unknown_id(const Xapian::Database& db, const std::string& id,
                                   const std::string& db_option);

}  // namespace paper::query
