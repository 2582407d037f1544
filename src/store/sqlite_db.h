// A thin RAII layer over the SQLite C API: a connection, prepared statements with typed binds,
// and SQLite failures turned into Errors worded for a person.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/result.h"
#include "store/sql_db.h"

namespace keel {

/// An open SQLite connection. Not thread-safe; one per command or per server worker.
class SqliteDb final : public SqlDb {
 public:
  /// Opens (creating if `create`) the database file at `path` (":memory:" for tests), with
  /// foreign keys on, WAL journaling and a busy timeout. Errors name the path and the fix.
  static Result<std::unique_ptr<SqliteDb>> Open(const std::string& path, bool create);
  ~SqliteDb() override;
  const Dialect& dialect() const override {
    static constexpr Dialect kSqlite(Dialect::Engine::kSqlite);
    return kSqlite;
  }
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  /// Switches the file to WAL journaling (readers never block the writer). Called only once the
  /// file is known to be a keel database, so that a foreign file is left byte for byte as it was.
  Status EnableWal();
  /// Resets every cached statement, ending any read they hold open.
  void ResetAll();
  /// Runs one or more statements that return no rows.
  Status Exec(std::string_view sql) override;
  /// Prepares (and caches) a statement; the Statement is reset and unbound on every call.
  Statement& Prepare(std::string_view sql) override;
  int64_t LastInsertRowid() const;
  int Changes() const;
  sqlite3* handle() { return db_; }
  const std::string& path() const { return path_; }

  /// Runs SQLite's `PRAGMA quick_check` once per connection (later calls return the first
  /// answer): a damaged file fails with one line naming the path, what SQLite found, and the
  /// fix (restore a backup, or `keel export` what can still be read). Called before the first
  /// write, so a damaged ledger is never written on; ~O(pages) (see docs/schema.md for the cost).
  /// The full check is skipped while the file is as keel last checked it: a stamp of the main
  /// file (size, modification time, inode) is kept in its `user_version` header field after a
  /// check passes. keel's own writes go to the WAL and leave the main file alone until a
  /// checkpoint, after which keel records the new stamp (NoteOwnCheckpoint), so the check runs
  /// again after anything else touched the file.
  Status CheckIntact();
  /// The stamp to record, once, after a check that passed: the caller writes it in its own write
  /// transaction (`PRAGMA user_version`), so a write that rolls back leaves the file unchecked.
  std::optional<int32_t> TakeStampToRecord() {
    return std::exchange(stamp_to_record_, std::nullopt);
  }

  /// After this connection's own checkpoint copied the WAL into the main file (a change keel made,
  /// of pages it had written): the file's new stamp is to be recorded, so that the next write does
  /// not take keel's checkpoint for someone else's change and read every page again.
  void NoteOwnCheckpoint();

  /// Turns the connection's last error into a message for a person.
  Error ErrorFor(int code, std::string_view doing) const;

 private:
  SqliteDb(sqlite3* db, std::string path);
  struct Cache;
  sqlite3* db_;
  std::string path_;
  std::unique_ptr<Cache> cache_;
  std::optional<Status> intact_;  // CheckIntact's answer, once asked
  std::optional<int32_t> stamp_to_record_;
};

/// A prepared SQLite statement (the interface is sql_db.h's Statement).
class SqliteStatement final : public Statement {
 public:
  /// `returns_id`: the statement is a one-row INSERT whose "RETURNING id" was left out when it
  /// was prepared (SqliteDb::Prepare): Step gives the new row's id as column 0, as RETURNING would.
  SqliteStatement(SqliteDb* db, sqlite3_stmt* stmt, bool returns_id = false)
      : db_(db), stmt_(stmt), returns_id_(returns_id) {}
  ~SqliteStatement() override;
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  Result<bool> Step() override;
  void Reset() override;
  bool IsNull(int column) const override;
  int64_t Int(int column) const override;
  double Real(int column) const override;
  std::string_view Text(int column) const override;
  int ColumnCount() const override;
  ColumnKind Kind(int column) const override;
  std::string_view ColumnName(int column) const override;

 private:
  void BindInteger(int index, int64_t value) override;
  void BindReal(int index, double value) override;
  void BindText(int index, std::string_view value) override;
  void BindNullOf(int index, bool integer) override;

  SqliteDb* db_;
  sqlite3_stmt* stmt_;
  bool returns_id_ = false;
  std::optional<int64_t> inserted_id_;  // returns_id_: the row Step gave, until Reset
};

}  // namespace keel
