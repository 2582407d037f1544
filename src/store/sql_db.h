// What the store needs of a SQL database, whichever engine holds it: a connection that prepares
// statements, and statements that take typed binds and step through rows. SQLite (sqlite_db.h)
// and PostgreSQL (pg_db.h) implement it, so the store's SQL is written once; the few places where
// the two dialects differ ask the connection's Dialect.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "core/result.h"

namespace keel {

/// The storage class of a column's value in the current row.
enum class ColumnKind { kNull, kInteger, kReal, kText };

/// A prepared statement. Bind indexes are 1-based; column indexes are 0-based. Placeholders are
/// `?` or `?N` on every engine.
class Statement {
 public:
  virtual ~Statement() = default;

  Statement& Bind(int index, int64_t value) {
    BindInteger(index, value);
    return *this;
  }
  Statement& Bind(int index, int value) { return Bind(index, static_cast<int64_t>(value)); }
  Statement& Bind(int index, double value) {
    BindReal(index, value);
    return *this;
  }
  Statement& Bind(int index, std::string_view value) {
    BindText(index, value);
    return *this;
  }
  Statement& Bind(int index, const char* value) { return Bind(index, std::string_view(value)); }
  Statement& Bind(int index, const std::string& value) {
    return Bind(index, std::string_view(value));
  }
  /// A NULL. PostgreSQL infers an untyped NULL's type from the SQL around it; a lone `? IS NULL`
  /// needs a type, which Bind(index, std::optional<integer>) gives.
  Statement& BindNull(int index) {
    BindNullOf(index, /*integer=*/false);
    return *this;
  }
  template <typename T>
  Statement& Bind(int index, const std::optional<T>& value) {
    if (value) return Bind(index, *value);
    BindNullOf(index, std::is_integral_v<T>);
    return *this;
  }

  /// Steps once: a row (true), done (false), or an error.
  virtual Result<bool> Step() = 0;
  /// Steps to completion, for statements that return no rows.
  Status Run() {
    for (;;) {
      Result<bool> row = Step();
      if (!row.ok()) return row.status();
      if (!*row) return Status();
    }
  }
  /// Steps through every row, calling fn() on each (read the columns from this statement).
  template <typename Fn>
  Status ForEachRow(Fn fn) {
    for (;;) {
      Result<bool> row = Step();
      if (!row.ok()) return row.status();
      if (!*row) return Status();
      fn();
    }
  }
  /// Forgets the binds and ends any read in progress (Prepare does this on every call).
  virtual void Reset() = 0;

  virtual bool IsNull(int column) const = 0;
  virtual int64_t Int(int column) const = 0;
  virtual double Real(int column) const = 0;
  /// Valid until the next Step or Reset.
  virtual std::string_view Text(int column) const = 0;
  virtual int ColumnCount() const = 0;
  virtual ColumnKind Kind(int column) const = 0;
  virtual std::string_view ColumnName(int column) const = 0;

 protected:
  virtual void BindInteger(int index, int64_t value) = 0;
  virtual void BindReal(int index, double value) = 0;
  virtual void BindText(int index, std::string_view value) = 0;
  virtual void BindNullOf(int index, bool integer) = 0;
};

/// Where SQLite's and PostgreSQL's SQL differ, as fragments the store writes into its statements.
/// Everything else keel writes is SQL both accept (`INSERT ... ON CONFLICT DO NOTHING`,
/// `RETURNING`, `CAST(? AS INTEGER)`).
class Dialect {
 public:
  enum class Engine { kSqlite, kPostgres };
  explicit constexpr Dialect(Engine engine) : engine_(engine) {}
  Engine engine() const { return engine_; }

  /// " AND T.search_id = keel_current_search()" on PostgreSQL, for every table a statement
  /// reaches by an id or a join: one database holds many searches, ids are numbered per search,
  /// and a role that bypasses row-level security (a superuser) would otherwise reach every
  /// search's row with that id. Nothing on SQLite, where a file holds one search (and some
  /// tables have no search_id). `table` is the table's name or its alias in the statement.
  std::string AndInSearch(std::string_view table) const {
    if (engine_ == Engine::kSqlite) return "";
    return " AND " + std::string(table) + ".search_id = keel_current_search()";
  }
  /// The condition of a statement that reads every ask of the search (its one parameter) in id
  /// order. A SQLite file holds one search, the default one (1): its condition is on the
  /// parameter alone, which SQLite tests once, before reading the table in rowid order with no
  /// column to test per row (10k asks in half the time of a lookup of each row through the
  /// (search_id, id) index, and 4% fewer instructions than testing "+search_id = ?" on each).
  /// PostgreSQL's tables hold every search: "search_id = ?", on its index.
  std::string_view WholeSearch() const {
    return engine_ == Engine::kSqlite ? "? = 1" : "search_id = ?";
  }
  /// The column that numbers a table's rows: SQLite's rowid; PostgreSQL's tables have an `id`.
  std::string_view RowKey() const { return engine_ == Engine::kSqlite ? "rowid" : "id"; }
  /// An expression for the current instant as "2026-12-02T09:30:00Z" (UTC, whole seconds).
  std::string_view NowUtc() const {
    return engine_ == Engine::kSqlite
               ? "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
               : R"(to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))";
  }
  /// `column = ?` ignoring case in ASCII only (SQLite's NOCASE; on PostgreSQL the expression
  /// its unique indexes are built on, so the index serves the lookup).
  std::string NoCaseEquals(std::string_view column) const {
    if (engine_ == Engine::kSqlite) return std::string(column) + " = ? COLLATE NOCASE";
    return "lower(" + std::string(column) +
           " COLLATE \"C\") = lower(CAST(? AS TEXT) COLLATE \"C\")";
  }
  /// An ORDER BY term sorting `column` ignoring ASCII case, as NOCASE sorts.
  std::string NoCaseOrder(std::string_view column) const {
    if (engine_ == Engine::kSqlite) return std::string(column) + " COLLATE NOCASE";
    return "lower(" + std::string(column) + " COLLATE \"C\")";
  }
  /// The "YYYY-MM" of a date column.
  std::string Month(std::string_view date_column) const {
    if (engine_ == Engine::kSqlite) return "substr(" + std::string(date_column) + ", 1, 7)";
    return "to_char(" + std::string(date_column) + ", 'YYYY-MM')";
  }

 private:
  Engine engine_;
};

/// An open connection. Not thread-safe: one per command, or per server worker.
class SqlDb {
 public:
  virtual ~SqlDb() = default;
  /// The engine's SQL fragments.
  virtual const Dialect& dialect() const = 0;
  /// Runs one or more statements that take no parameters.
  virtual Status Exec(std::string_view sql) = 0;
  /// A statement, prepared once per connection and text, reset and unbound on every call.
  virtual Statement& Prepare(std::string_view sql) = 0;
};

}  // namespace keel
