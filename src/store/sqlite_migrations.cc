#include "store/sqlite_migrations.h"

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
// The practice's own file (keel.practice.db): src/store/practice/NNNN_*.sql. Its versions are
// kept in `practice_schema`, so neither kind of file is ever mistaken for the other: a ledger
// opened as a practice, or a practice as a ledger, is "not a keel database" of that kind.
constexpr Migration kPracticeMigrations[] = {
#include "keel/practice_migrations.inc"
};

// One kind of keel file: its migrations and the table that records which ran.
struct Schema {
  const Migration* begin;
  const Migration* end;
  std::string_view table;  // "schema_version" or "practice_schema"
  std::string_view kind;   // "keel", "keel practice": how a refusal names the file
  int Latest() const { return end[-1].version; }
};

constexpr Schema kLedger{std::begin(kMigrations), std::end(kMigrations), "schema_version", "keel"};
constexpr Schema kPractice{std::begin(kPracticeMigrations), std::end(kPracticeMigrations),
                           "practice_schema", "keel practice"};

// Each statement is reset once read: a statement left mid-step keeps a read open, and a later
// DROP TABLE (migration 5) would fail with "database table is locked".
Result<int> CurrentVersion(SqliteDb& db, const Schema& schema) {
  Statement& has_table =
      db.Prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?");
  Result<bool> row = has_table.Bind(1, schema.table).Step();
  if (!row.ok()) return row.status();
  const int64_t has = has_table.Int(0);
  has_table.Reset();
  if (has == 0) {
    Statement& any = db.Prepare("SELECT count(*) FROM sqlite_master");
    if (Result<bool> r = any.Step(); !r.ok()) return r.status();
    const int64_t tables = any.Int(0);
    any.Reset();
    if (tables > 0) {
      return Error{fmt::format("{} is an SQLite database but not a {} one; give another --db",
                               db.path(), schema.kind)};
    }
    return 0;
  }
  Statement& max =
      db.Prepare(fmt::format("SELECT coalesce(max(version), 0) FROM {}", schema.table));
  if (Result<bool> r = max.Step(); !r.ok()) return r.status();
  const int64_t version = max.Int(0);
  max.Reset();
  return static_cast<int>(version);
}

// A migration that rebuilds a table (SQLite's 12-step procedure) says so with this marker: with
// foreign keys on, its DROP TABLE would delete the table's rows first and cascade to their
// children. The pragma cannot change inside a transaction, so Migrate sets it around one.
bool NeedsForeignKeysOff(const Migration& m) {
  return std::string_view(m.sql).find("-- keel:foreign-keys-off") != std::string_view::npos;
}

// After a rebuild: every reference must still point at a row, or the migration is undone.
Status CheckForeignKeys(SqliteDb& db, const Migration& m) {
  Statement& check = db.Prepare("PRAGMA foreign_key_check");
  Result<bool> row = check.Step();
  if (!row.ok()) return row.status();
  if (*row) {
    const std::string table(check.Text(0));
    check.Reset();
    return Error{fmt::format(
        "upgrading {} to schema {} ({}) would break a reference in table {}; nothing was changed",
        db.path(), m.version, m.name, table)};
  }
  check.Reset();
  return Status();
}

Result<bool> ForeignKeysOn(SqliteDb& db) {
  Statement& s = db.Prepare("PRAGMA foreign_keys");
  Result<bool> row = s.Step();
  if (!row.ok()) return row.status();
  const bool on = *row && s.Int(0) != 0;
  s.Reset();
  return on;
}

// Applies one migration in its own write transaction; a failure rolls it back whole.
Status RunOne(SqliteDb& db, const Schema& schema, const Migration& m, bool check_keys) {
  KEEL_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  Status s = db.Exec(
      fmt::format("CREATE TABLE IF NOT EXISTS {} (version INTEGER PRIMARY KEY, name TEXT NOT "
                  "NULL, applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))",
                  schema.table));
  // Another process may have migrated while we waited for the lock.
  Result<int> now = s.ok() ? CurrentVersion(db, schema) : Result<int>(s);
  if (now.ok() && *now >= m.version) {
    db.Exec("ROLLBACK");
    return Status();
  }
  if (s.ok()) s = now.status();
  if (s.ok()) s = db.Exec(m.sql);
  if (s.ok() && check_keys) s = CheckForeignKeys(db, m);
  if (s.ok()) {
    Statement& record =
        db.Prepare(fmt::format("INSERT INTO {} (version, name) VALUES (?, ?)", schema.table));
    s = record.Bind(1, m.version).Bind(2, m.name).Run();
  }
  if (s.ok()) s = db.Exec("COMMIT");
  if (!s.ok()) {
    db.Exec("ROLLBACK");
    return s;
  }
  return Status();
}

Status MigrateSchemaTo(SqliteDb& db, const Schema& schema, int target) {
  Result<int> current = CurrentVersion(db, schema);
  if (!current.ok()) return current.status();
  if (*current >= target && *current <= schema.Latest()) return Status();
  if (*current > schema.Latest()) {
    return Error{
        fmt::format("{} was written by a newer keel (schema {}, this keel knows up to {}); "
                    "upgrade keel to open it",
                    db.path(), *current, schema.Latest())};
  }
  for (const Migration* it = schema.begin; it != schema.end; ++it) {
    const Migration& m = *it;
    if (m.version <= *current || m.version > target) continue;
    const bool keys_off = NeedsForeignKeysOff(m);
    bool restore_keys = false;
    if (keys_off) {
      Result<bool> on = ForeignKeysOn(db);
      if (!on.ok()) return on.status();
      restore_keys = *on;
      if (restore_keys) KEEL_RETURN_IF_ERROR(db.Exec("PRAGMA foreign_keys = OFF"));
    }
    Status s = RunOne(db, schema, m, keys_off);
    if (restore_keys) {
      Status on = db.Exec("PRAGMA foreign_keys = ON");
      if (s.ok()) s = on;
    }
    KEEL_RETURN_IF_ERROR(s);
  }
  return Status();
}

}  // namespace

int LatestSchemaVersion() { return kLedger.Latest(); }
int MigrationCount() { return static_cast<int>(std::size(kMigrations)); }

Status Migrate(SqliteDb& db) { return MigrateTo(db, LatestSchemaVersion()); }

Status MigrateTo(SqliteDb& db, int target) { return MigrateSchemaTo(db, kLedger, target); }

Status MigratePractice(SqliteDb& db) { return MigrateSchemaTo(db, kPractice, kPractice.Latest()); }

Status CheckNotNewer(SqliteDb& db, bool practice) {
  const Schema& schema = practice ? kPractice : kLedger;
  Result<int> current = CurrentVersion(db, schema);
  if (!current.ok()) return current.status();
  if (*current > schema.Latest()) {
    return Error{
        fmt::format("{} was written by a newer keel (schema {}, this keel knows up to {}); "
                    "upgrade keel to restore it",
                    db.path(), *current, schema.Latest())};
  }
  return Status();
}

}  // namespace keel
