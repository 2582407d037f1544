#include "store/migrations.h"

#include <fmt/format.h>

namespace keel {
namespace {

struct Migration {
  int version;
  const char* name;
  const char* sql;
};

// Generated at build time from src/store/migrations/NNNN_*.sql (cmake/embed_migrations.cmake).
constexpr Migration kMigrations[] = {
#include "keel/migrations.inc"
};

Result<int> CurrentVersion(SqliteDb& db) {
  Statement& has_table = db.Prepare(
      "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'");
  Result<bool> row = has_table.Step();
  if (!row.ok()) return row.status();
  if (has_table.Int(0) == 0) {
    Statement& any = db.Prepare("SELECT count(*) FROM sqlite_master");
    if (Result<bool> r = any.Step(); !r.ok()) return r.status();
    if (any.Int(0) > 0) {
      return Error{
          fmt::format("{} is an SQLite database but not a keel one; give another --db", db.path())};
    }
    return 0;
  }
  Statement& max = db.Prepare("SELECT coalesce(max(version), 0) FROM schema_version");
  if (Result<bool> r = max.Step(); !r.ok()) return r.status();
  return static_cast<int>(max.Int(0));
}

}  // namespace

int LatestSchemaVersion() { return std::end(kMigrations)[-1].version; }
int MigrationCount() { return static_cast<int>(std::size(kMigrations)); }

Status Migrate(SqliteDb& db) {
  Result<int> current = CurrentVersion(db);
  if (!current.ok()) return current.status();
  if (*current == LatestSchemaVersion()) return Status();
  if (*current > LatestSchemaVersion()) {
    return Error{
        fmt::format("{} was written by a newer keel (schema {}, this keel knows up to {}); "
                    "upgrade keel to open it",
                    db.path(), *current, LatestSchemaVersion())};
  }
  for (const Migration& m : kMigrations) {
    if (m.version <= *current) continue;
    KEEL_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
    Status s = db.Exec(
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT "
        "NULL, applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))");
    // Another process may have migrated while we waited for the lock.
    Result<int> now = s.ok() ? CurrentVersion(db) : Result<int>(s);
    if (now.ok() && *now >= m.version) {
      db.Exec("ROLLBACK");
      continue;
    }
    if (s.ok()) s = now.status();
    if (s.ok()) s = db.Exec(m.sql);
    if (s.ok()) {
      Statement& record = db.Prepare("INSERT INTO schema_version (version, name) VALUES (?, ?)");
      s = record.Bind(1, m.version).Bind(2, m.name).Run();
    }
    if (s.ok()) s = db.Exec("COMMIT");
    if (!s.ok()) {
      db.Exec("ROLLBACK");
      return s;
    }
  }
  return Status();
}

}  // namespace keel
