// Numbered schema migrations. The schema version lives in the `schema_version` table, one row per
// migration applied, so the file itself says how and when it was upgraded.
#pragma once

#include "core/result.h"
#include "store/sqlite_db.h"

namespace keel {

/// The schema version this build writes.
int LatestSchemaVersion();
/// How many migrations this build carries (numbers may have gaps, so not LatestSchemaVersion()).
int MigrationCount();

/// Brings the database up to LatestSchemaVersion(), each migration in its own transaction.
/// A database from a newer keel is refused untouched; a file that holds other tables but no
/// keel schema is refused as "not a keel database".
Status Migrate(SqliteDb& db);

/// The same, stopping at schema `version` (tests of a migration start from the schema before it).
Status MigrateTo(SqliteDb& db, int version);

/// Brings a practice's own file (keel.practice.db: accounts, store/practice_store.h) up to the
/// latest practice schema, the same way; a ledger file is refused as not a practice one.
Status MigratePractice(SqliteDb& db);

/// Whether this keel can read `db` as it is: a ledger (or `practice` file) of this schema or an
/// older one. Refuses a newer one, and a file that is not keel's, naming the fix; changes nothing.
Status CheckNotNewer(SqliteDb& db, bool practice);

}  // namespace keel
