#include "store/pg_migrations.h"

#include <fmt/format.h>

#include <iterator>

namespace keel {
namespace {

struct PgMigration {
  int version;
  const char* name;
  const char* sql;
};

// Generated at build time from src/store/pg/migrations/NNNN_*.sql (cmake/embed_migrations.cmake).
constexpr PgMigration kPgMigrations[] = {
#include "keel/pg_migrations.inc"
};

// One number for keel's schema lock, whatever else uses advisory locks on the server: the bytes
// of "keelschm".
constexpr int64_t kSchemaLock = 0x6b65656c7363686d;

Status RunOne(PgDb& db, const PgMigration& m) {
  KEEL_RETURN_IF_ERROR(db.Exec("BEGIN"));
  Status s = db.Prepare("SELECT pg_advisory_xact_lock(?)").Bind(1, kSchemaLock).Run();
  // Another process may have migrated while we waited for the lock.
  Result<int> now = s.ok() ? PgSchemaVersion(db) : Result<int>(s);
  if (now.ok() && *now >= m.version) return db.Exec("ROLLBACK");
  if (s.ok()) s = now.status();
  if (s.ok()) s = db.Exec(m.sql);
  if (s.ok()) {
    s = db.Prepare("INSERT INTO keel_schema (version, name) VALUES (?, ?)")
            .Bind(1, m.version)
            .Bind(2, m.name)
            .Run();
  }
  if (s.ok()) s = db.Exec("COMMIT");
  if (s.ok()) return Status();
  (void)db.Exec("ROLLBACK");
  if (s.error().message.find("may not do this") != std::string::npos ||
      s.error().message.find("permission denied") != std::string::npos) {
    return Error{fmt::format("the PostgreSQL database at {} needs keel's schema {} ({}), and this "
                             "role may not change the schema; run keel once as the role that "
                             "owns the tables, then again as this one",
                             db.where(), m.version, m.name),
                 ErrorCode::kInternal};
  }
  return s;
}

}  // namespace

int LatestPgSchemaVersion() { return std::end(kPgMigrations)[-1].version; }

Result<int> PgSchemaVersion(PgDb& db) {
  Statement& has = db.Prepare("SELECT to_regclass('keel_schema') IS NOT NULL");
  Result<bool> row = has.Step();
  if (!row.ok()) return row.status();
  if (has.Int(0) == 0) return 0;
  Statement& version = db.Prepare("SELECT coalesce(max(version), 0) FROM keel_schema");
  row = version.Step();
  if (!row.ok()) return row.status();
  return static_cast<int>(version.Int(0));
}

Status MigratePg(PgDb& db) {
  Result<int> current = PgSchemaVersion(db);
  if (!current.ok()) return current.status();
  if (*current > LatestPgSchemaVersion()) {
    return Error{fmt::format("the PostgreSQL database at {} was written by a newer keel (schema "
                             "{}, this keel knows up to {}); upgrade keel to use it",
                             db.where(), *current, LatestPgSchemaVersion()),
                 ErrorCode::kConflict};
  }
  for (const PgMigration& m : kPgMigrations) {
    if (m.version <= *current) continue;
    KEEL_RETURN_IF_ERROR(RunOne(db, m));
  }
  return Status();
}

}  // namespace keel
