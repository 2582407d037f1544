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

/// An open connection. Not thread-safe: one per command, or per server worker.
class SqlDb {
 public:
  virtual ~SqlDb() = default;
  /// Runs one or more statements that take no parameters.
  virtual Status Exec(std::string_view sql) = 0;
  /// A statement, prepared once per connection and text, reset and unbound on every call.
  virtual Statement& Prepare(std::string_view sql) = 0;
};

}  // namespace keel
