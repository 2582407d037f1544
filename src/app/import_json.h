// `keel import backup.json`: restores what `keel export --format json` wrote, whole and exactly
// (ids included), so that export -> import into an empty ledger -> export gives the same bytes.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/result.h"
#include "store/store.h"

namespace keel {

/// Larger files are refused before parsing (a backup of a million asks is about 1 GB).
inline constexpr size_t kMaxBackupBytes = size_t{2} << 30;

/// What a restore wrote (or, in a dry run, would write).
struct BackupReport {
  bool dry_run = false;
  int64_t asks = 0;
  int64_t earlier_answers = 0;  // answers kept in the asks' histories before their current one
  int64_t follow_ups = 0;
  int64_t feedback = 0;
  int64_t actions = 0;
  int64_t material_versions = 0;
  int64_t strategy_versions = 0;
  int64_t pivots = 0;
  int64_t postings = 0;
  int64_t interviews = 0;
};

/// Whether `text` is a JSON document rather than a CSV file: its name ends in ".json", or its
/// first character after white space (and a UTF-8 byte-order mark) is '{'.
bool IsJsonDocument(std::string_view text, std::string_view file_name);

/// Restores a backup into an empty ledger as one change (`keel undo` takes it all back). A ledger
/// that holds anything is refused: merging two ledgers has no safe rule for ids and duplicates.
/// Bad JSON is an Error naming the byte offset, a bad value one naming its path
/// ("asks[3].kind: ..."); either way nothing is written. `file_name` is for messages.
Result<BackupReport> ImportBackup(Store& store, std::string_view text, std::string_view file_name,
                                  bool dry_run);

}  // namespace keel
