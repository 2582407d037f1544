// The PostgreSQL backend: many searches in one database, each store scoped to one of them. The
// ledger's SQL is SqlStore's; this class connects and migrates, finds or creates its search, and
// runs every transaction inside that search (the search named to row-level security first, and,
// for a write, the search's row locked, so writers of one search take turns while other searches
// never wait). See docs/scaling.md.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "store/pg_db.h"
#include "store/sql_store.h"

namespace keel {

/// A connection as one search's store sees it. Several stores may share the connection (a
/// StorePool's); a statement run outside a transaction is wrapped in one that names this store's
/// search (row-level security reads the transaction-local setting), whichever store ran last.
class PgSearchDb final : public SqlDb {
 public:
  PgSearchDb(std::shared_ptr<PgDb> db, Id search_id);
  const Dialect& dialect() const override { return db_->dialect(); }
  Status Exec(std::string_view sql) override { return db_->Exec(sql); }
  Statement& Prepare(std::string_view sql) override;
  PgDb& pg() { return *db_; }

 private:
  std::shared_ptr<PgDb> db_;
  std::string prelude_;
};

class PgStore final : public SqlStore {
 public:
  /// Opens the search named `search` (created on first use) in the PostgreSQL database that
  /// `conninfo` names (a libpq URI or key=value string), bringing its schema up to date.
  static Result<std::unique_ptr<PgStore>> Open(const std::string& conninfo,
                                               std::string_view search = "default");
  /// Opens the search `search` on a connection other stores may share (a StorePool's, on one
  /// thread), already migrated: every transaction names its own search, so they never cross.
  static Result<std::unique_ptr<PgStore>> Open(std::shared_ptr<PgDb> connection,
                                               std::string_view search);

  /// The search this store reads and writes.
  Id search_id() const { return search_id_; }

  Status BeginWrite(std::string_view summary) override;
  Status BeginBulkWrite(std::string_view summary) override;
  Status BeginRead() override;
  Status Commit() override;
  void Rollback() override;
  Result<std::pair<int64_t, int64_t>> ChangeStamp() override;
  Result<std::vector<TextMatch>> SearchTexts(const TextQuery& query) override;

 private:
  PgStore(std::unique_ptr<PgSearchDb> db, Id search_id);
  /// BEGIN, then the search for row-level security; `lock` also locks the search's row.
  Status Begin(bool lock);

  std::unique_ptr<PgSearchDb> search_db_;
  PgSearchDb* pg_;  // search_db_, for the calls that need no PostgreSQL-only API
};

}  // namespace keel
