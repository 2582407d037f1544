// PostgreSQL's numbered schema migrations (src/store/pg/migrations/NNNN_name.sql, embedded at
// build time). The applied ones are rows of `keel_schema`; several keel processes starting at once
// take turns on an advisory lock, so each migration runs once.
#pragma once

#include "core/result.h"
#include "store/pg_db.h"

namespace keel {

/// The PostgreSQL schema version this build writes.
int LatestPgSchemaVersion();

/// Brings the database up to LatestPgSchemaVersion(), each migration in its own transaction. A
/// database from a newer keel is refused untouched; a role that may not change the schema (the
/// server's, which owns no tables) gets the fix: migrate once as the owner role.
Status MigratePg(PgDb& db);

/// The version the database is at: 0 when keel's schema is not there yet.
Result<int> PgSchemaVersion(PgDb& db);

}  // namespace keel
