// The embedded SQLite backend: one file, WAL mode, foreign keys on, every command one transaction.
// The ledger's SQL is SqlStore's; this class opens and migrates the file, runs its transactions
// (waiting out a busy file a bounded time, refusing to write on a damaged one), tells when the file
// changed, and searches the words with FTS5.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "store/sql_store.h"
#include "store/sqlite_db.h"

namespace keel {

class SqliteStore final : public SqlStore {
 public:
  /// Opens the database at `path` (":memory:" for tests), creating and migrating it as needed.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path);

  Status BeginWrite(std::string_view summary) override;
  Status BeginBulkWrite(std::string_view summary) override;
  Status BeginRead() override;
  Status Commit() override;
  void Rollback() override;
  Result<std::pair<int64_t, int64_t>> ChangeStamp() override;
  Result<std::vector<TextMatch>> SearchTexts(const TextQuery& query) override;

 private:
  explicit SqliteStore(std::unique_ptr<SqliteDb> db);
  /// Runs BEGIN (`sql`), retrying the busy states SQLite does not wait on (see the .cc).
  Status Begin(std::string_view sql);
  void RestoreForeignKeys();
  void AskAdded(Id id) override;
  Status BeforeAskChange() override;
  /// Indexes the asks a bulk write added so far in asks_fts, in one statement per run of ids.
  Status IndexBulkAsks();

  std::unique_ptr<SqliteDb> sqlite_;
  bool foreign_keys_off_ = false;
  // During a bulk write: the asks_fts_insert trigger's SQL (dropped until the commit), and the
  // runs of ask ids added [first, last] that asks_fts does not have yet.
  std::string fts_trigger_sql_;
  std::vector<std::pair<Id, Id>> unindexed_asks_;
};

}  // namespace keel
