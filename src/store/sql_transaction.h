// A write transaction on either engine (SQLite takes its write lock at BEGIN IMMEDIATE, so two
// writers never deadlock upgrading a read); the guard rolls back unless committed.
#pragma once

#include "store/sql_db.h"

namespace keel {

class WriteTransaction {
 public:
  explicit WriteTransaction(SqlDb& db) : db_(db) {
    begun_ =
        db_.Exec(db_.dialect().engine() == Dialect::Engine::kSqlite ? "BEGIN IMMEDIATE" : "BEGIN");
  }
  ~WriteTransaction() {
    if (begun_.ok() && !committed_) db_.Exec("ROLLBACK");
  }
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  const Status& begun() const { return begun_; }
  Status Commit() {
    Status s = db_.Exec("COMMIT");
    committed_ = s.ok();
    return s;
  }

 private:
  SqlDb& db_;
  Status begun_;
  bool committed_ = false;
};

}  // namespace keel
