#include "store/sqlite_store.h"

#include <fmt/format.h>

#include <chrono>
#include <thread>

#include "store/sqlite_migrations.h"

namespace keel {

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path) {
  Result<std::unique_ptr<SqliteDb>> db = SqliteDb::Open(path, /*create=*/true);
  if (!db.ok()) return db.status();
  // Migrate reads the file first: a foreign or damaged file is refused before anything changes.
  Status migrated = Migrate(**db);
  (*db)->ResetAll();  // no statement may keep a read open: it would defeat the busy timeout
  KEEL_RETURN_IF_ERROR(migrated);
  KEEL_RETURN_IF_ERROR((*db)->EnableWal());
  return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(db).value()));
}

SqliteStore::SqliteStore(std::unique_ptr<SqliteDb> db)
    : SqlStore(db.get()), sqlite_(std::move(db)) {}

// SQLite's busy handler retries a BEGIN for up to the busy timeout while another connection
// holds the lock (plain SQLITE_BUSY), so that wait is bounded already. It returns at once for the
// brief states it cannot wait on: a WAL being recovered by another connection
// (SQLITE_BUSY_RECOVERY), a stale read snapshot (SQLITE_BUSY_SNAPSHOT), a shared-cache lock
// (SQLITE_LOCKED). Those clear in moments, so BEGIN is retried a bounded number of times.
//
// A transaction still open on this connection can only be one an earlier failure left behind
// (keel never nests them; every use goes through app/transaction.h's guard): it is rolled back
// first, so that one lost rollback cannot keep a long-lived connection (keel serve's, one per
// worker) holding the write lock and locking every other program out.
Status SqliteStore::Begin(std::string_view sql) {
  if (in_transaction_ || sqlite3_get_autocommit(sqlite_->handle()) == 0) Rollback();
  constexpr int kAttempts = 5;
  for (int attempt = 1;; ++attempt) {
    Status begun = db_->Exec(sql);
    if (begun.ok() || begun.code() != ErrorCode::kBusy || attempt == kAttempts) return begun;
    if (sqlite3_extended_errcode(sqlite_->handle()) == SQLITE_BUSY) return begun;  // waited already
    std::this_thread::sleep_for(std::chrono::milliseconds(10 * attempt));
  }
}

Status SqliteStore::BeginWrite(std::string_view summary) {
  // A damaged file is never written on (the check runs when the file changed since the last).
  KEEL_RETURN_IF_ERROR(sqlite_->CheckIntact());
  // IMMEDIATE takes the write lock now, so a busy database fails before any work is done.
  KEEL_RETURN_IF_ERROR(Begin("BEGIN IMMEDIATE"));
  in_transaction_ = true;
  if (std::optional<int32_t> stamp = sqlite_->TakeStampToRecord()) {
    KEEL_RETURN_IF_ERROR(db_->Exec(fmt::format("PRAGMA user_version = {}", *stamp)));
  }
  journal_.Clear();
  last_added_ask_ = 0;
  change_summary_ = summary;
  return Status();
}

Status SqliteStore::BeginBulkWrite(std::string_view summary) {
  // Foreign-key checks cost a lookup per reference per row; the pragma only takes effect
  // outside a transaction, so it is switched off before BEGIN and back on at the end.
  KEEL_RETURN_IF_ERROR(db_->Exec("PRAGMA foreign_keys = OFF"));
  foreign_keys_off_ = true;
  Status begun = BeginWrite(summary);
  if (!begun.ok()) {
    RestoreForeignKeys();
    return begun;
  }
  // The full-text index is built once for the asks added, at the commit: its trigger cost each
  // inserted ask ~9 us, as FTS5 writes out its pending terms at every statement's savepoint (a
  // million-row import spent over a third of its time there). Dropping the trigger is part of
  // the transaction: a rollback or a crash brings it back with everything else.
  Statement& trigger = db_->Prepare(
      "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'asks_fts_insert'");
  Result<bool> row = trigger.Step();
  if (!row.ok()) return row.status();
  std::string sql = *row ? std::string(trigger.Text(0)) : std::string();
  trigger.Reset();
  if (!sql.empty()) {
    KEEL_RETURN_IF_ERROR(db_->Exec("DROP TRIGGER asks_fts_insert"));
    fts_trigger_sql_ = std::move(sql);
  }
  return Status();
}

void SqliteStore::AskAdded(Id id) {
  if (fts_trigger_sql_.empty()) return;
  if (!unindexed_asks_.empty() && unindexed_asks_.back().second + 1 == id) {
    unindexed_asks_.back().second = id;
  } else {
    unindexed_asks_.emplace_back(id, id);
  }
}

Status SqliteStore::BeforeAskChange() { return IndexBulkAsks(); }

Status SqliteStore::IndexBulkAsks() {
  if (unindexed_asks_.empty()) return Status();
  Statement& s = db_->Prepare(
      "INSERT INTO asks_fts (rowid, reason, note) SELECT id, reason, note FROM asks "
      "WHERE id BETWEEN ? AND ?");
  for (const auto& [first, last] : unindexed_asks_) {
    KEEL_RETURN_IF_ERROR(s.Bind(1, first).Bind(2, last).Run());
  }
  unindexed_asks_.clear();
  return Status();
}

void SqliteStore::RestoreForeignKeys() {
  if (foreign_keys_off_) {
    db_->Exec("PRAGMA foreign_keys = ON");
  }
  foreign_keys_off_ = false;
}

Status SqliteStore::BeginRead() {
  KEEL_RETURN_IF_ERROR(Begin("BEGIN"));
  in_transaction_ = true;
  return Status();
}

Status SqliteStore::Commit() {
  if (!fts_trigger_sql_.empty()) {
    KEEL_RETURN_IF_ERROR(IndexBulkAsks());
    KEEL_RETURN_IF_ERROR(db_->Exec(fts_trigger_sql_));
    fts_trigger_sql_.clear();
  }
  KEEL_RETURN_IF_ERROR(tallies_.Flush(search_id_));
  KEEL_RETURN_IF_ERROR(journal_.Flush(search_id_, change_summary_, actor_));
  sqlite_->ResetAll();
  KEEL_RETURN_IF_ERROR(db_->Exec("COMMIT"));
  in_transaction_ = false;
  if (foreign_keys_off_) {
    // A bulk load leaves a WAL as large as the data; fold it into the database now rather than
    // have every later command re-read it (the commit's own checkpoint, CheckpointAndTruncate,
    // has usually done so). A failure here loses nothing: the data is committed.
    if (db_->Exec("PRAGMA wal_checkpoint(TRUNCATE)").ok()) sqlite_->NoteOwnCheckpoint();
  }
  if (std::optional<int32_t> stamp = sqlite_->TakeStampToRecord()) {
    // A checkpoint of ours rewrote the main file: its stamp, in a write of its own (a page of the
    // WAL, which leaves the file as stamped). Best effort: without it the next write checks.
    db_->Exec(fmt::format("PRAGMA user_version = {}", *stamp));
  }
  RestoreForeignKeys();
  return Status();
}

void SqliteStore::Rollback() {
  last_added_ask_ = 0;
  fts_trigger_sql_.clear();  // the rollback restores the trigger
  unindexed_asks_.clear();
  sqlite_->ResetAll();
  if (in_transaction_) db_->Exec("ROLLBACK");
  in_transaction_ = false;
  journal_.Clear();
  tallies_.Clear();
  version_names_.clear();
  RestoreForeignKeys();  // ids of versions created in the abandoned transaction may recur
}

Result<std::pair<int64_t, int64_t>> SqliteStore::ChangeStamp() {
  // data_version moves when another connection commits; total_changes counts this connection's
  // own row changes (data_version does not see those).
  Statement& s = db_->Prepare("PRAGMA data_version");
  Result<bool> row = s.Step();
  if (!row.ok()) return row.status();
  const int64_t version = s.Int(0);
  s.Reset();
  return std::pair<int64_t, int64_t>(version, sqlite3_total_changes64(sqlite_->handle()));
}

// Why the search index needs no code here: asks_fts and postings_fts are FTS5 external-content
// tables kept in step by triggers (0009_postings.sql), so every write, including an import, the
// page's forms and `keel undo` restoring a row image, updates them without this file knowing.
// What is here is reading them: one MATCH per source, with snippet() per column, which both says
// which fields matched (a column without a match has no marker in its snippet) and shows the words
// around the match.
namespace {

// The FTS5 query for `query`: each word a quoted phrase of its tokens (letters and digits only,
// so nothing in it is FTS5 syntax), the last with the prefix operator outside its quotes.
std::string Fts5Query(const TextQuery& query) {
  std::string fts;
  for (size_t w = 0; w < query.words.size(); ++w) {
    if (query.words[w].empty()) continue;
    if (!fts.empty()) fts += ' ';
    fts += fmt::format("\"{}\"", fmt::join(query.words[w], " "));
    if (query.last_is_prefix && w + 1 == query.words.size()) fts += '*';
  }
  return fts;
}

}  // namespace

Result<std::vector<TextMatch>> SqliteStore::SearchTexts(const TextQuery& query) {
  const std::string fts_query = Fts5Query(query);
  if (fts_query.empty()) return std::vector<TextMatch>();
  struct Source {
    TextMatch::Source source;
    const char* table;
    const char* fts;
    const char* columns[2];
  };
  constexpr Source kSources[] = {
      {TextMatch::Source::kAsk, "asks", "asks_fts", {"reason", "note"}},
      {TextMatch::Source::kPosting, "postings", "postings_fts", {"description", "note"}}};
  std::vector<TextMatch> out;
  for (const Source& src : kSources) {
    Statement& s = db_->Prepare(
        fmt::format("SELECT t.id, t.{2}, t.{3} FROM {1} JOIN {0} t ON t.id = {1}.rowid "
                    "WHERE {1} MATCH ? AND t.search_id = ? ORDER BY {1}.rowid",
                    src.table, src.fts, src.columns[0], src.columns[1]));
    s.Bind(1, fts_query).Bind(2, search_id_);
    KEEL_RETURN_IF_ERROR(ReadTextMatches(s, src.source, src.columns, out));
  }
  return out;
}

}  // namespace keel
