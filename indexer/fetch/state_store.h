// The durable record (SQLite, WAL): per paper and URL what was tried, when, and how it ended.
// Owner: indexer/fetch. Survives kill -9 at any moment (each write is one transaction).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/paper.h"

namespace paper {

struct UrlRecord {
  std::string url;
  std::int64_t tried_at = 0;  // unix seconds
  long http_status = 0;
  std::string outcome;  // "downloaded", "cached", "failed", "skipped"
  std::string reason;
  std::string sha256;
  std::string etag;
  std::string last_modified;
  std::int64_t bytes = 0;
};

// Per paper, as the pipeline last left it; `paper-index status` reads this.
struct PaperRecord {
  PaperId id;
  std::string title;
  std::string state;   // "text", "metadata", "failed", "pending"
  std::string url;     // URL of the PDF used (or last tried)
  std::string reason;  // plain words
  std::int64_t updated_at = 0;
};

// Thread-safe (one connection guarded by a mutex). Throws paper::Error when the file cannot be
// opened or is not a database of ours, and when a write fails (disk full, ...): the message names
// the file. Each write is one transaction (WAL, synchronous=NORMAL: a kill -9 loses nothing that a
// call has returned from). history() is oldest first; papers() is sorted by id.
class StateStore {
 public:
  explicit StateStore(const std::string& path);
  ~StateStore();

  void record_url(const PaperId& id, const UrlRecord& record);
  // The latest record of a URL, whichever paper it was fetched for.
  std::optional<UrlRecord> last_for_url(const std::string& url) const;
  // The latest record of a URL whose outcome is "downloaded" or "cached" (with a sha256): what
  // the fetcher consults before downloading again.
  std::optional<UrlRecord> last_success_for_url(const std::string& url) const;
  std::vector<UrlRecord> history(const PaperId& id) const;

  void set_paper(const PaperRecord& record);
  std::optional<PaperRecord> paper(const PaperId& id) const;
  std::vector<PaperRecord> papers() const;
  // The papers a run marked pending and did not finish (it was stopped).
  std::set<PaperId> pending_papers() const;
  void remove_paper(const PaperId& id);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace paper
