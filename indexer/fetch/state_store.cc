#include "indexer/fetch/state_store.h"

#include <sqlite3.h>

#include <mutex>
#include <set>

#include "common/error.h"

namespace paper {
namespace {

constexpr int kStoreVersion = 1;
constexpr const char* kApplication = "paper-index state";

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};
using Db = std::unique_ptr<sqlite3, DbCloser>;
using Stmt = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS url_attempts (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  paper_id TEXT NOT NULL,
  url TEXT NOT NULL,
  tried_at INTEGER NOT NULL,
  http_status INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  reason TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  etag TEXT NOT NULL,
  last_modified TEXT NOT NULL,
  bytes INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS url_attempts_by_url ON url_attempts (url, seq);
CREATE INDEX IF NOT EXISTS url_attempts_by_paper ON url_attempts (paper_id, seq);
CREATE TABLE IF NOT EXISTS papers (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  state TEXT NOT NULL,
  url TEXT NOT NULL,
  reason TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
)sql";

std::string column_text(sqlite3_stmt* stmt, int i) {
  const unsigned char* text = sqlite3_column_text(stmt, i);
  return text ? reinterpret_cast<const char*>(text) : "";
}

UrlRecord read_url_record(sqlite3_stmt* stmt) {
  UrlRecord r;
  r.url = column_text(stmt, 0);
  r.tried_at = sqlite3_column_int64(stmt, 1);
  r.http_status = static_cast<long>(sqlite3_column_int64(stmt, 2));
  r.outcome = column_text(stmt, 3);
  r.reason = column_text(stmt, 4);
  r.sha256 = column_text(stmt, 5);
  r.etag = column_text(stmt, 6);
  r.last_modified = column_text(stmt, 7);
  r.bytes = sqlite3_column_int64(stmt, 8);
  return r;
}

PaperRecord read_paper_record(sqlite3_stmt* stmt) {
  PaperRecord r;
  r.id = column_text(stmt, 0);
  r.title = column_text(stmt, 1);
  r.state = column_text(stmt, 2);
  r.url = column_text(stmt, 3);
  r.reason = column_text(stmt, 4);
  r.updated_at = sqlite3_column_int64(stmt, 5);
  return r;
}

constexpr const char* kUrlColumns =
    "url, tried_at, http_status, outcome, reason, sha256, etag, last_modified, bytes";

}  // namespace

class StateStore::Impl {
 public:
  explicit Impl(const std::string& path) : path_(path) {
    sqlite3* raw = nullptr;
    int rc =
        sqlite3_open_v2(path.c_str(), &raw,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    db_.reset(raw);
    if (rc != SQLITE_OK)
      fail("cannot open the state database", "check that its folder exists and is writable");
    sqlite3_busy_timeout(db_.get(), 10000);
    // A file that is not SQLite fails on the first statement (SQLITE_NOTADB).
    exec("PRAGMA journal_mode=WAL", "is not a paper-index state database",
         "move it away or choose another --db folder");
    exec("PRAGMA synchronous=NORMAL", "cannot configure the state database", "");
    exec("PRAGMA foreign_keys=ON", "cannot configure the state database", "");
    check_ours();
    exec("BEGIN IMMEDIATE", "cannot write the state database",
         "check free disk space and permissions");
    exec(kSchema, "cannot create the state database tables",
         "check free disk space and permissions");
    exec(std::string("INSERT OR IGNORE INTO meta VALUES ('application', '") + kApplication +
             "'), ('version', '" + std::to_string(kStoreVersion) + "')",
         "cannot write the state database", "check free disk space and permissions");
    exec("COMMIT", "cannot write the state database", "check free disk space and permissions");
  }

  [[noreturn]] void fail(const std::string& what, const std::string& todo) const {
    std::string detail = db_ ? sqlite3_errmsg(db_.get()) : "out of memory";
    throw Error(path_ + ": " + what + " (" + detail + ")" + (todo.empty() ? "" : "; " + todo));
  }

  void exec(const std::string& sql, const std::string& what, const std::string& todo) {
    char* message = nullptr;
    int rc = sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, &message);
    sqlite3_free(message);
    if (rc != SQLITE_OK) {
      std::string detail = sqlite3_errmsg(db_.get());
      sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
      throw Error(path_ + ": " + what + " (" + detail + ")" + (todo.empty() ? "" : "; " + todo));
    }
  }

  // A database that has tables but not our meta row belongs to someone else: refuse it rather
  // than write into it.
  void check_ours() {
    Stmt count = prepare("SELECT count(*) FROM sqlite_master WHERE type='table'");
    step_row(count.get());
    bool empty = sqlite3_column_int64(count.get(), 0) == 0;
    if (empty) return;
    Stmt meta = prepare("SELECT value FROM meta WHERE key='application'");
    if (!meta)
      throw Error(
          path_ +
          ": is not a paper-index state database; move it away or choose another --db folder");
    std::string app;
    if (sqlite3_step(meta.get()) == SQLITE_ROW) app = column_text(meta.get(), 0);
    if (app != kApplication)
      throw Error(
          path_ +
          ": is not a paper-index state database; move it away or choose another --db folder");
    Stmt version = prepare("SELECT value FROM meta WHERE key='version'");
    if (version && sqlite3_step(version.get()) == SQLITE_ROW &&
        column_text(version.get(), 0) != std::to_string(kStoreVersion))
      throw Error(path_ + ": state database version " + column_text(version.get(), 0) +
                  " is not supported (expected " + std::to_string(kStoreVersion) +
                  "); move it away to start a fresh record");
  }

  // nullptr when the statement does not compile (callers that tolerate it check).
  Stmt prepare(const std::string& sql) const {
    sqlite3_stmt* raw = nullptr;
    sqlite3_prepare_v2(db_.get(), sql.c_str(), -1, &raw, nullptr);
    return Stmt(raw);
  }

  Stmt must_prepare(const std::string& sql) const {
    Stmt stmt = prepare(sql);
    if (!stmt) fail("cannot read the state database", "move it away to start a fresh record");
    return stmt;
  }

  void step_row(sqlite3_stmt* stmt) const {
    if (!stmt || sqlite3_step(stmt) != SQLITE_ROW)
      fail("cannot read the state database", "move it away to start a fresh record");
  }

  void step_done(sqlite3_stmt* stmt) const {
    if (sqlite3_step(stmt) != SQLITE_DONE)
      fail("cannot write the state database", "check free disk space and permissions");
  }

  std::optional<UrlRecord> one_url(const std::string& sql, const std::string& url) const {
    std::lock_guard lock(mutex_);
    Stmt stmt = must_prepare(sql);
    sqlite3_bind_text(stmt.get(), 1, url.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(stmt.get()) != SQLITE_ROW) return std::nullopt;
    return read_url_record(stmt.get());
  }

  std::string path_;
  Db db_;
  mutable std::mutex mutex_;
};

StateStore::StateStore(const std::string& path) : impl_(std::make_unique<Impl>(path)) {}
StateStore::~StateStore() = default;

void StateStore::record_url(const PaperId& id, const UrlRecord& r) {
  std::lock_guard lock(impl_->mutex_);
  Stmt stmt = impl_->must_prepare(std::string("INSERT INTO url_attempts (paper_id, ") +
                                  kUrlColumns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  sqlite3_bind_text(stmt.get(), 1, id.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(stmt.get(), 2, r.url.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(stmt.get(), 3, r.tried_at);
  sqlite3_bind_int64(stmt.get(), 4, r.http_status);
  sqlite3_bind_text(stmt.get(), 5, r.outcome.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(stmt.get(), 6, r.reason.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(stmt.get(), 7, r.sha256.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(stmt.get(), 8, r.etag.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(stmt.get(), 9, r.last_modified.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(stmt.get(), 10, r.bytes);
  impl_->step_done(stmt.get());
}

std::optional<UrlRecord> StateStore::last_for_url(const std::string& url) const {
  return impl_->one_url(std::string("SELECT ") + kUrlColumns +
                            " FROM url_attempts WHERE url = ? ORDER BY seq DESC LIMIT 1",
                        url);
}

std::optional<UrlRecord> StateStore::last_success_for_url(const std::string& url) const {
  return impl_->one_url(std::string("SELECT ") + kUrlColumns +
                            " FROM url_attempts WHERE url = ? AND outcome IN ('downloaded', "
                            "'cached') AND sha256 != '' ORDER BY seq DESC LIMIT 1",
                        url);
}

std::vector<UrlRecord> StateStore::history(const PaperId& id) const {
  std::lock_guard lock(impl_->mutex_);
  Stmt stmt = impl_->must_prepare(std::string("SELECT ") + kUrlColumns +
                                  " FROM url_attempts WHERE paper_id = ? ORDER BY seq");
  sqlite3_bind_text(stmt.get(), 1, id.c_str(), -1, SQLITE_TRANSIENT);
  std::vector<UrlRecord> out;
  while (sqlite3_step(stmt.get()) == SQLITE_ROW) out.push_back(read_url_record(stmt.get()));
  return out;
}

void StateStore::set_paper(const PaperRecord& r) {
  std::lock_guard lock(impl_->mutex_);
  Stmt stmt = impl_->must_prepare(
      "INSERT INTO papers (id, title, state, url, reason, updated_at) VALUES (?, ?, ?, ?, ?, ?) "
      "ON CONFLICT(id) DO UPDATE SET title=excluded.title, state=excluded.state, "
      "url=excluded.url, reason=excluded.reason, updated_at=excluded.updated_at");
  sqlite3_bind_text(stmt.get(), 1, r.id.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(stmt.get(), 2, r.title.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(stmt.get(), 3, r.state.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(stmt.get(), 4, r.url.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(stmt.get(), 5, r.reason.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(stmt.get(), 6, r.updated_at);
  impl_->step_done(stmt.get());
}

std::optional<PaperRecord> StateStore::paper(const PaperId& id) const {
  std::lock_guard lock(impl_->mutex_);
  Stmt stmt = impl_->must_prepare(
      "SELECT id, title, state, url, reason, updated_at FROM papers WHERE id = ?");
  sqlite3_bind_text(stmt.get(), 1, id.c_str(), -1, SQLITE_TRANSIENT);
  if (sqlite3_step(stmt.get()) != SQLITE_ROW) return std::nullopt;
  return read_paper_record(stmt.get());
}

std::vector<PaperRecord> StateStore::papers() const {
  std::lock_guard lock(impl_->mutex_);
  Stmt stmt = impl_->must_prepare(
      "SELECT id, title, state, url, reason, updated_at FROM papers ORDER BY id");
  std::vector<PaperRecord> out;
  while (sqlite3_step(stmt.get()) == SQLITE_ROW) out.push_back(read_paper_record(stmt.get()));
  return out;
}

std::set<PaperId> StateStore::pending_papers() const {
  std::lock_guard lock(impl_->mutex_);
  Stmt stmt = impl_->must_prepare("SELECT id FROM papers WHERE state = 'pending'");
  std::set<PaperId> out;
  while (sqlite3_step(stmt.get()) == SQLITE_ROW) {
    out.insert(reinterpret_cast<const char*>(sqlite3_column_text(stmt.get(), 0)));
  }
  return out;
}

void StateStore::remove_paper(const PaperId& id) {
  std::lock_guard lock(impl_->mutex_);
  Stmt stmt = impl_->must_prepare("DELETE FROM papers WHERE id = ?");
  sqlite3_bind_text(stmt.get(), 1, id.c_str(), -1, SQLITE_TRANSIENT);
  impl_->step_done(stmt.get());
}

}  // namespace paper
