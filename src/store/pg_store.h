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

class PgStore final : public SqlStore {
 public:
  /// Opens the search named `search` (created on first use) in the PostgreSQL database that
  /// `conninfo` names (a libpq URI or key=value string), bringing its schema up to date.
  static Result<std::unique_ptr<PgStore>> Open(const std::string& conninfo,
                                               std::string_view search = "default");

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
  PgStore(std::unique_ptr<PgDb> db, Id search_id);
  /// BEGIN, then the search for row-level security; `lock` also locks the search's row.
  Status Begin(bool lock);

  std::unique_ptr<PgDb> pg_;
};

}  // namespace keel
