// A thin RAII layer over libpq, shaped like SqliteDb so that the store's SQL reads the same on both
// backends: statements with `?` or `?N` placeholders and typed binds, rows stepped one at a time,
// and PostgreSQL failures turned into Errors worded for a person (busy, conflict, lost server).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "store/pg_library.h"
#include "store/sql_db.h"

namespace keel {

/// A libpq result, freed on scope exit.
struct PgResultDeleter {
  void operator()(PGresult* r) const { Pq().PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, PgResultDeleter>;

class PgStatement;
struct PgDbCache;

/// One connection to a PostgreSQL server. Not thread-safe; the server keeps a pool of them.
/// Every connection works in UTC with ISO dates, so what it reads back does not depend on the
/// server's or the client's settings.
class PgDb final : public SqlDb {
 public:
  /// Connects with a libpq connection string or URI ("postgresql://user@host/db",
  /// "host=/tmp port=5432 dbname=keel"). Errors name the server (never the password) and the fix.
  static Result<std::unique_ptr<PgDb>> Open(const std::string& conninfo);
  ~PgDb() override;
  const Dialect& dialect() const override {
    static constexpr Dialect kPostgres(Dialect::Engine::kPostgres);
    return kPostgres;
  }
  PgDb(const PgDb&) = delete;
  PgDb& operator=(const PgDb&) = delete;

  /// Runs one or more statements that take no parameters (schema scripts, BEGIN, COMMIT).
  Status Exec(std::string_view sql) override;
  /// A statement to bind and step, cached by its text and reset on every call (as SqliteDb's).
  Statement& Prepare(std::string_view sql) override;
  /// Prepare, for the PostgreSQL-only calls (Changes).
  PgStatement& PreparePg(std::string_view sql);
  /// Whether the connection is inside a transaction block (PQtransactionStatus).
  bool InTransaction() const;
  /// Whether the server can still be reached (a lost connection is reset on the next Open).
  bool Alive() const;
  /// SQL (no parameters) that every statement run outside a transaction is wrapped with: the
  /// statement then runs in BEGIN; `prelude`; statement; COMMIT. PgStore names its search this
  /// way, so a read outside a transaction is still inside the search (row-level security needs
  /// the transaction-local setting).
  void SetAutoTransactionPrelude(std::string prelude) { prelude_ = std::move(prelude); }
  const std::string& auto_transaction_prelude() const { return prelude_; }

  /// Turns a failed result (or, with none, the connection's error) into a message for a person.
  Error ErrorFor(const PGresult* result, std::string_view doing) const;
  /// The SQLSTATE of a failed result ("40001"), or "" without one.
  static std::string_view SqlState(const PGresult* result);

  PGconn* handle() { return conn_; }
  /// A name for the next server-side prepared statement of this connection ("k1", "k2", ...).
  std::string NextStatementName() { return "k" + std::to_string(++statements_named_); }
  /// The server as a person would name it: host (or socket folder), port and database.
  const std::string& where() const { return where_; }

 private:
  PgDb(PGconn* conn, std::string where);
  PGconn* conn_;
  std::string where_;
  std::unique_ptr<PgDbCache> statements_;  // prepared statements by SQL text
  std::string prelude_;
  int statements_named_ = 0;
};

/// Translates SQLite-style placeholders to PostgreSQL's: each `?` becomes the next `$n`, and `?N`
/// becomes `$N`; question marks inside quoted strings and identifiers are left alone.
std::string PgPlaceholders(std::string_view sql);

/// A statement with its binds, run when first stepped (the interface is sql_db.h's Statement).
/// Values travel as text; integers are sent typed (int8), so that `? + 1` and comparisons need no
/// casts in the SQL. The server parses and plans it once per connection: the first run prepares it
/// (PQprepare, one per pattern of typed and untyped parameters, as the types are fixed when it is
/// prepared) and every run executes the prepared statement.
class PgStatement final : public Statement {
 public:
  PgStatement(PgDb* db, std::string sql) : db_(db), sql_(std::move(sql)) {}

  /// Runs the statement on the first call; then steps to the next row: true while there is one.
  Result<bool> Step() override;
  void Reset() override;
  /// Rows the statement changed (INSERT, UPDATE, DELETE), once run.
  int64_t Changes() const;

  bool IsNull(int column) const override;
  /// An integer column; booleans read as 0 and 1, as SQLite stores them.
  int64_t Int(int column) const override;
  double Real(int column) const override;
  std::string_view Text(int column) const override;
  int ColumnCount() const override;
  ColumnKind Kind(int column) const override;
  std::string_view ColumnName(int column) const override;

 private:
  struct Param {
    std::optional<std::string> text;
    bool is_int = false;
  };
  Param& At(int index);
  void BindInteger(int index, int64_t value) override;
  void BindReal(int index, double value) override;
  void BindText(int index, std::string_view value) override;
  void BindNullOf(int index, bool integer) override;

  /// The server-side name of this statement for the parameters' types, prepared on its second
  /// run with them; nullopt on the first, which runs it unprepared. Preparing costs a round trip
  /// of its own, and a one-shot command (keel stats) runs most of its statements once; the server
  /// and an import run theirs many times.
  Result<std::optional<std::string>> PreparedName(const std::vector<Oid>& types);

  PgDb* db_;
  std::string sql_;
  std::vector<Param> params_;
  // Prepared names by parameter types: almost always one entry, so a vector.
  std::vector<std::pair<std::vector<Oid>, std::string>> prepared_;
  std::vector<std::vector<Oid>> run_once_;  // parameter types run once, unprepared
  PgResult result_;
  int row_ = -1;
};

}  // namespace keel
