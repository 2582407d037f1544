// The change journal behind `keel undo`: each write command is one change, recorded as the row
// images needed to revert it exactly, whatever it was (an ask, an edit, a delete, an import).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/result.h"
#include "store/sql_db.h"
#include "store/store.h"

namespace keel {

/// Collects the row changes of one write transaction and stores them with the change.
class Journal {
 public:
  explicit Journal(SqlDb* db) : db_(db) {}

  /// Forgets what was collected (a new transaction begins).
  void Clear();
  /// Call after inserting `rowid` into `table`. Consecutive inserts into one table merge into a
  /// range, so a million-row import journals a handful of rows.
  void RecordInsert(std::string_view table, int64_t rowid);
  /// Call before updating or deleting the rows of `table` whose `column` equals `value`:
  /// snapshots them so that undo can restore them.
  Status RecordBefore(std::string_view table, std::string_view op, std::string_view column,
                      int64_t value);
  /// Writes the collected change (nothing when nothing changed), with who made it (`made_by`,
  /// empty for the seeker at their own keel). Inside the transaction.
  Status Flush(Id search_id, std::string_view summary, std::string_view made_by = "");
  /// The change UndoLast would revert, without reverting it; nullopt when there is none.
  Result<std::optional<UndoneChange>> LastChange(Id search_id);
  /// Reverts the newest change of the search that is not undone yet. Inside a transaction.
  Result<std::optional<UndoneChange>> UndoLast(Id search_id);

 private:
  struct Entry {
    std::string table;
    std::string op;  // "insert", "update" or "delete"
    int64_t first_rowid = 0;
    int64_t last_rowid = 0;
    std::string before;  // JSON object of the row, for update and delete
  };
  Status Revert(const Entry& entry);

  SqlDb* db_;
  std::vector<Entry> entries_;
  bool only_inserts_ = true;
};

}  // namespace keel
