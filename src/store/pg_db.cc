#include "store/pg_db.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <unordered_map>

namespace keel {
namespace {

// int8: integers are sent typed, so `? IS NULL`, `? + 1` and comparisons need no cast; text is
// sent untyped (OID 0) and takes the type of its column (date, text, jsonb) from the SQL.
constexpr Oid kInt8Oid = 20;

// libpq's messages end in a newline and may run to several lines (DETAIL, HINT); a person
// gets the first line, in one line of keel's own.
std::string FirstLine(const char* text) {
  std::string_view s = text ? text : "";
  if (s.starts_with("ERROR:  ")) s.remove_prefix(8);
  if (s.starts_with("FATAL:  ")) s.remove_prefix(8);
  const size_t end = s.find('\n');
  return std::string(s.substr(0, end));
}

std::string DescribeServer(PGconn* conn) {
  const char* host = Pq().PQhost(conn);
  const char* port = Pq().PQport(conn);
  const char* db = Pq().PQdb(conn);
  return fmt::format("{}:{}/{}", host && *host ? host : "localhost", port && *port ? port : "5432",
                     db ? db : "");
}

}  // namespace

struct PgDbCache {
  std::unordered_map<std::string, std::unique_ptr<PgStatement>> statements;
};

Result<std::unique_ptr<PgDb>> PgDb::Open(const std::string& conninfo) {
  if (Result<const LibPq*> loaded = LoadLibPq(); !loaded.ok()) return loaded.error();
  PGconn* conn = Pq().PQconnectdb(conninfo.c_str());
  if (conn == nullptr) return Error{"cannot start a PostgreSQL connection: out of memory"};
  if (Pq().PQstatus(conn) != CONNECTION_OK) {
    const std::string where = DescribeServer(conn);
    Error e{fmt::format("cannot connect to PostgreSQL at {} ({}); check that the server is "
                        "running and that the connection string names the right host, database "
                        "and user",
                        where, FirstLine(Pq().PQerrorMessage(conn))),
            ErrorCode::kBusy};
    Pq().PQfinish(conn);
    return e;
  }
  // The server's notices ("word is too long to be indexed") are not keel's to print: libpq would
  // write them on stderr, between keel's own lines.
  Pq().PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  std::unique_ptr<PgDb> db(new PgDb(conn, DescribeServer(conn)));
  // Session settings on a connection keel owns: the same text for dates and instants from any
  // server, whatever its configuration.
  if (Status s = db->Exec("SET client_encoding = 'UTF8'; SET TimeZone = 'UTC'; "
                          "SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'iso_8601'");
      !s.ok()) {
    return s.error();
  }
  return db;
}

PgDb::PgDb(PGconn* conn, std::string where) : conn_(conn), where_(std::move(where)) {}

PgDb::~PgDb() {
  statements_.reset();
  Pq().PQfinish(conn_);
}

Status PgDb::Exec(std::string_view sql) {
  PgResult r(Pq().PQexec(conn_, std::string(sql).c_str()));
  const ExecStatusType st = r ? Pq().PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY) return Status();
  return ErrorFor(r.get(), "run");
}

Statement& PgDb::Prepare(std::string_view sql) { return PreparePg(sql); }

PgStatement& PgDb::PreparePg(std::string_view sql) {
  if (!statements_) statements_ = std::make_unique<PgDbCache>();
  auto [it, added] = statements_->statements.try_emplace(std::string(sql));
  if (added) {
    it->second = std::make_unique<PgStatement>(this, PgPlaceholders(sql));
  } else {
    it->second->Reset();
  }
  return *it->second;
}

bool PgDb::InTransaction() const {
  const PGTransactionStatusType t = Pq().PQtransactionStatus(conn_);
  return t == PQTRANS_INTRANS || t == PQTRANS_INERROR || t == PQTRANS_ACTIVE;
}

bool PgDb::Alive() const { return Pq().PQstatus(conn_) == CONNECTION_OK; }

std::string_view PgDb::SqlState(const PGresult* result) {
  const char* state = result ? Pq().PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  return state ? std::string_view(state) : std::string_view();
}

Error PgDb::ErrorFor(const PGresult* result, std::string_view doing) const {
  const std::string detail =
      FirstLine(result ? Pq().PQresultErrorMessage(result) : Pq().PQerrorMessage(conn_));
  const std::string_view state = SqlState(result);
  if (Pq().PQstatus(conn_) != CONNECTION_OK || state.starts_with("08") || state == "57P01" ||
      state == "57P02" || state == "57P03") {
    return Error{fmt::format("lost the connection to PostgreSQL at {} ({}); nothing was written "
                             "by this change; try again when the server is back",
                             where_, detail),
                 ErrorCode::kBusy};
  }
  if (state == "40001" || state == "40P01" || state == "55P03") {
    return Error{fmt::format("another change to this search was being made at the same moment "
                             "({}); nothing was written; try again",
                             detail),
                 ErrorCode::kBusy};
  }
  if (state.starts_with("23")) {
    return Error{fmt::format("the change breaks a rule of the ledger ({})", detail)};
  }
  if (state == "53100") {
    return Error{fmt::format("the disk of the PostgreSQL server at {} is full; free some space "
                             "and try again",
                             where_),
                 ErrorCode::kInternal};
  }
  if (state == "42501") {
    return Error{fmt::format("the database role may not do this on PostgreSQL at {} ({}); grant "
                             "it as docs/scaling.md shows",
                             where_, detail),
                 ErrorCode::kInternal};
  }
  return Error{fmt::format("database error on PostgreSQL at {} while trying to {} ({})", where_,
                           doing, detail),
               ErrorCode::kInternal};
}

std::string PgPlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 8);
  int highest = 0;
  for (size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (c == '\'' || c == '"') {  // a quoted string or identifier, '' or "" escapes included
      const size_t end = sql.find(c, i + 1);
      const size_t stop = end == std::string_view::npos ? sql.size() : end + 1;
      out.append(sql.substr(i, stop - i));
      i = stop - 1;
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {  // a comment, to the line end
      const size_t end = sql.find('\n', i);
      const size_t stop = end == std::string_view::npos ? sql.size() : end;
      out.append(sql.substr(i, stop - i));
      i = stop - 1;
    } else if (c == '?') {
      size_t j = i + 1;
      while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9') ++j;
      if (j > i + 1) {
        out += '$';
        const std::string_view number = sql.substr(i + 1, j - i - 1);
        out.append(number);
        int n = 0;
        std::from_chars(number.data(), number.data() + number.size(), n);
        highest = std::max(highest, n);
        i = j - 1;
      } else {
        out += fmt::format("${}", ++highest);  // as SQLite numbers it: one past the highest yet
      }
    } else {
      out += c;
    }
  }
  return out;
}

PgStatement::Param& PgStatement::At(int index) {
  const auto i = static_cast<size_t>(index - 1);
  if (params_.size() <= i) params_.resize(i + 1);
  return params_[i];
}

void PgStatement::BindInteger(int index, int64_t value) {
  At(index) = Param{std::to_string(value), true};
}

void PgStatement::BindReal(int index, double value) {
  At(index) = Param{fmt::format("{}", value), false};
}

void PgStatement::BindText(int index, std::string_view value) {
  At(index) = Param{std::string(value), false};
}

void PgStatement::BindNullOf(int index, bool integer) { At(index) = Param{std::nullopt, integer}; }

void PgStatement::Reset() {
  params_.clear();
  result_.reset();
  row_ = -1;
}

Result<bool> PgStatement::Step() {
  if (!result_) {
    std::vector<Oid> types;
    std::vector<const char*> values;
    types.reserve(params_.size());
    values.reserve(params_.size());
    for (const Param& p : params_) {
      types.push_back(p.is_int ? kInt8Oid : 0);
      values.push_back(p.text ? p.text->c_str() : nullptr);
    }
    const bool wrap = !db_->auto_transaction_prelude().empty() && !db_->InTransaction();
    if (wrap) {  // one round trip: BEGIN and the prelude as one simple query
      if (Status s = db_->Exec("BEGIN; " + db_->auto_transaction_prelude()); !s.ok()) {
        (void)db_->Exec("ROLLBACK");
        return s.error();
      }
    }
    Result<std::optional<std::string>> name = PreparedName(types);
    if (!name.ok()) {
      if (wrap) (void)db_->Exec("ROLLBACK");
      return name.status();
    }
    const int count = static_cast<int>(params_.size());
    result_.reset(*name ? Pq().PQexecPrepared(db_->handle(), (*name)->c_str(), count, values.data(),
                                              nullptr, nullptr, 0)
                        : Pq().PQexecParams(db_->handle(), sql_.c_str(), count, types.data(),
                                            values.data(), nullptr, nullptr, 0));
    const ExecStatusType st = result_ ? Pq().PQresultStatus(result_.get()) : PGRES_FATAL_ERROR;
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
      Error e = db_->ErrorFor(result_.get(), "read or write");
      result_.reset();
      if (wrap) (void)db_->Exec("ROLLBACK");
      return e;
    }
    if (wrap) KEEL_RETURN_IF_ERROR(db_->Exec("COMMIT"));
  }
  ++row_;
  return row_ < Pq().PQntuples(result_.get());
}

Result<std::optional<std::string>> PgStatement::PreparedName(const std::vector<Oid>& types) {
  for (const auto& [prepared_types, name] : prepared_) {
    if (prepared_types == types) return std::optional<std::string>(name);
  }
  if (std::find(run_once_.begin(), run_once_.end(), types) == run_once_.end()) {
    run_once_.push_back(types);
    return std::optional<std::string>();
  }
  std::string name = db_->NextStatementName();
  const PgResult r(Pq().PQprepare(db_->handle(), name.c_str(), sql_.c_str(),
                                  static_cast<int>(types.size()), types.data()));
  if (!r || Pq().PQresultStatus(r.get()) != PGRES_COMMAND_OK) {
    return db_->ErrorFor(r.get(), "read or write");
  }
  prepared_.emplace_back(types, name);
  return std::optional<std::string>(std::move(name));
}

int64_t PgStatement::Changes() const {
  if (!result_) return 0;
  const char* n = Pq().PQcmdTuples(result_.get());
  int64_t v = 0;
  if (n && *n) std::from_chars(n, n + std::char_traits<char>::length(n), v);
  return v;
}

bool PgStatement::IsNull(int column) const {
  return Pq().PQgetisnull(result_.get(), row_, column) != 0;
}

int64_t PgStatement::Int(int column) const {
  const std::string_view s = Text(column);
  if (s == "t") return 1;
  if (s == "f") return 0;
  int64_t v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

double PgStatement::Real(int column) const {
  return std::strtod(std::string(Text(column)).c_str(), nullptr);
}

std::string_view PgStatement::Text(int column) const {
  if (IsNull(column)) return {};
  return {Pq().PQgetvalue(result_.get(), row_, column),
          static_cast<size_t>(Pq().PQgetlength(result_.get(), row_, column))};
}

ColumnKind PgStatement::Kind(int column) const {
  if (IsNull(column)) return ColumnKind::kNull;
  switch (Pq().PQftype(result_.get(), column)) {
    case 16:  // bool
    case 20:  // int8
    case 21:  // int2
    case 23:  // int4
      return ColumnKind::kInteger;
    case 700:   // float4
    case 701:   // float8
    case 1700:  // numeric
      return ColumnKind::kReal;
    default:
      return ColumnKind::kText;
  }
}

int PgStatement::ColumnCount() const { return result_ ? Pq().PQnfields(result_.get()) : 0; }

std::string_view PgStatement::ColumnName(int column) const {
  return result_ ? Pq().PQfname(result_.get(), column) : "";
}

}  // namespace keel
