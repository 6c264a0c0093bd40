// paper-index status [--db DIR] [--json]: every paper's state as the last build left it.
#include <xapian.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "common/schema.h"
#include "indexer/commands.h"
#include "indexer/fetch/state_store.h"
#include "indexer/index/index_writer.h"

namespace paper {
namespace {

constexpr const char* kStatusUsage = R"(usage: paper-index status [--db DIR] [--json]

Shows every paper's state as the last build left it: text (indexed with its PDF's text),
metadata (indexed from the list entry only), failed (a PDF whose text could not be extracted),
pending (not processed yet: the build was interrupted), with the URL used and the reason. A
paper that a running or stopped build has yet to index again is shown as the index has it.

  --db DIR   index folder (default: $PAPER_INDEX_DB, else ./index)
  --json     {"papers":[{"id","title","state","url","reason"}]} on stdout
)";

// A paper a build marked pending but has not written yet (running, or stopped: a rebuild marks
// them all) is still searchable as the live index has it: its record says so, not "pending".
void describe_pending_from_live_index(const std::string& db, std::vector<PaperRecord>& papers) {
  if (std::none_of(papers.begin(), papers.end(),
                   [](const PaperRecord& p) { return p.state == "pending"; })) {
    return;
  }
  const std::optional<std::string> live = live_database_path(db);
  if (!live) return;
  try {
    Xapian::Database index(*live);
    for (PaperRecord& p : papers) {
      if (p.state != "pending") continue;
      const std::string id_term = schema::kPrefixId + p.id;
      auto it = index.postlist_begin(id_term);
      if (it == index.postlist_end(id_term)) continue;
      const Xapian::Document doc = index.get_document(*it);
      const schema::StoredPaper stored = schema::decode_document_data(doc.get_data());
      p.state = doc.get_value(schema::kSlotState) == "text" ? "text" : "metadata";
      if (p.url.empty()) p.url = stored.pdf_url;
      p.reason =
          "as the index has it; a build marked it to be indexed again and was stopped "
          "or is still running (the same build command, run again, finishes the work)";
      if (!stored.reason.empty()) p.reason = stored.reason + "; " + p.reason;
    }
  } catch (const Xapian::Error&) {
    // Not readable now (a rebuild swapping it in): the records as they are.
  } catch (const Error&) {
  }
}

int usage_error(std::ostream& err, const std::string& message) {
  err << "paper-index: error: " << message << "; run `paper-index status --help` for the options\n";
  return kExitUsage;
}

}  // namespace

int run_status(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string db;
  if (const char* env = std::getenv("PAPER_INDEX_DB"); env && *env) db = env;
  bool json = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--json") {
      json = true;
    } else if (args[i] == "--db" || args[i].rfind("--db=", 0) == 0) {
      // --db DIR or --db=DIR, as for build.
      const bool joined = args[i].size() > 4;
      if (!joined && i + 1 >= args.size()) return usage_error(err, "--db needs a folder");
      db = joined ? args[i].substr(5) : args[++i];
      if (db.empty()) return usage_error(err, "--db needs a folder");
    } else if (args[i] == "--help" || args[i] == "-h") {
      out << kStatusUsage;
      return kExitOk;
    } else {
      return usage_error(err, "unexpected argument '" + args[i] + "'");
    }
  }
  if (db.empty()) db = "index";
  const std::string path = (std::filesystem::path(db) / "state.sqlite").string();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    throw Error("no index in " + db + "; build one with `paper-index build --db " + db + "`");
  }
  StateStore store(path);
  std::vector<PaperRecord> papers = store.papers();
  describe_pending_from_live_index(db, papers);
  if (json) {
    nlohmann::json list = nlohmann::json::array();
    for (const PaperRecord& p : papers) {
      list.push_back({{"id", p.id},
                      {"title", p.title},
                      {"state", p.state},
                      {"url", p.url},
                      {"reason", p.reason}});
    }
    out << nlohmann::json{{"papers", list}}.dump(2, ' ', false,
                                                 nlohmann::json::error_handler_t::replace)
        << "\n";
    return kExitOk;
  }
  std::map<std::string, int> counts;
  for (const PaperRecord& p : papers) {
    ++counts[p.state];
    out << p.state << std::string(p.state.size() < 9 ? 9 - p.state.size() : 1, ' ') << p.id << "  "
        << p.title << "\n";
    if (!p.url.empty()) out << "         url: " << p.url << "\n";
    if (!p.reason.empty()) out << "         reason: " << p.reason << "\n";
  }
  out << papers.size() << (papers.size() == 1 ? " paper: " : " papers: ") << counts["text"]
      << " text, " << counts["metadata"] << " metadata only, " << counts["failed"] << " failed, "
      << counts["pending"] << " pending\n";
  return kExitOk;
}

}  // namespace paper
