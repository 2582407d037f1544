// Copies of SQLite files taken with SQLite's online backup API: a consistent snapshot of each
// file while other connections (keel serve's workers) read and write it, page by page under
// SQLite's own locking, never a copy of a file caught halfway through a write.
#pragma once

#include <string>

#include "core/result.h"

namespace keel {

/// Copies the SQLite database `from` into the new file `to` (beside it, `to` + ".part" while it
/// is written, then renamed into place: `to` is whole or absent). `to` must not exist.
Status BackupSqliteFile(const std::string& from, const std::string& to);

/// Replaces the content of the SQLite database `to` (created if absent) with that of `from`, in
/// one transaction of `to`: readers of `to` see the old database or the new one. The caller has
/// checked that `from` is a keel file this keel can read (RestoreDatabase checks every file first).
Status RestoreSqliteFile(const std::string& from, const std::string& to);

}  // namespace keel
