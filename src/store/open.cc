#include "store/open.h"

#include <fmt/format.h>

#include "store/pg_store.h"
#include "store/sqlite_store.h"

namespace keel {

bool IsPostgresUri(std::string_view db) {
  return db.starts_with("postgresql://") || db.starts_with("postgres://");
}

std::string DescribeDb(std::string_view db) {
  if (!IsPostgresUri(db)) return std::string(db);
  // postgresql://user:secret@host/db -> postgresql://user:***@host/db
  const size_t scheme = db.find("://") + 3;
  const size_t at = db.find('@', scheme);
  if (at == std::string_view::npos) return std::string(db);
  const size_t colon = db.find(':', scheme);
  if (colon == std::string_view::npos || colon > at) return std::string(db);
  return fmt::format("{}***{}", db.substr(0, colon + 1), db.substr(at));
}

Result<std::unique_ptr<Store>> OpenStore(const std::string& db, std::string_view search) {
  if (IsPostgresUri(db)) {
    Result<std::unique_ptr<PgStore>> store = PgStore::Open(db, search);
    if (!store.ok()) return store.status();
    return std::unique_ptr<Store>(std::move(store).value());
  }
  if (search != "default") {
    return Error{
        fmt::format("a SQLite file holds one search; '{}' needs a PostgreSQL database "
                    "(a postgresql:// URI)",
                    search)};
  }
  Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(db);
  if (!store.ok()) return store.status();
  return std::unique_ptr<Store>(std::move(store).value());
}

}  // namespace keel
