// SQLite's own messages ("unable to open database file") do not say what to do; ErrorFor maps the
// codes a person can cause (missing folder, read-only file, lock held by another process, a file
// that is not a database, a full or failing disk) to one line with the path and the fix.
#include "store/sqlite_db.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <filesystem>
#include <functional>
#include <unordered_map>

namespace keel {

// Looked up by the caller's string_view (transparent hashing): a statement run for each of a
// million imported rows must not copy its SQL text into a new std::string on every call.
struct SqliteDb::Cache {
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view sql) const { return std::hash<std::string_view>{}(sql); }
  };
  std::unordered_map<std::string, std::unique_ptr<SqliteStatement>, Hash, std::equal_to<>>
      statements;
};

namespace {

// Long enough to wait out another keel command's short transaction, short enough to fail fast
// when a lock is really held.
constexpr int kBusyTimeoutMs = 2000;

// PRAGMA quick_check reads every page: ~27 ms at 10,000 asks (441 pages), four times a write
// command without it (~6 ms), hence only when the file changed (CheckIntact), and ~3 s at a
// million. It stops after this long, having checked
// the tables it reached (in schema order, the asks first); finding nothing by then counts as
// intact.
constexpr std::chrono::milliseconds kQuickCheckBudget{100};

// A stamp of the main database file as it is on disk, never 0 (the header's default), or
// nullopt for an in-memory database or a file that cannot be read.
std::optional<int32_t> FileStamp(const std::string& path) {
  struct stat st {};
  if (path.empty() || path == ":memory:" || ::stat(path.c_str(), &st) != 0) return std::nullopt;
  uint64_t h = 1469598103934665603ULL;  // FNV-1a over the fields
  for (const uint64_t field :
       {static_cast<uint64_t>(st.st_size), static_cast<uint64_t>(st.st_mtim.tv_sec),
        static_cast<uint64_t>(st.st_mtim.tv_nsec), static_cast<uint64_t>(st.st_ino)}) {
    for (int byte = 0; byte < 8; ++byte) {
      h = (h ^ ((field >> (8 * byte)) & 0xff)) * 1099511628211ULL;
    }
  }
  return static_cast<int32_t>((h & 0x3fffffff) | 1);
}

constexpr int kWalCheckpointPages = 256;

// After a commit that left the WAL at 256 pages or more: copy it into the database and empty the
// file. Not SQLite's own automatic checkpoint, which leaves the WAL file whole: what a checkpoint
// copied is recorded only in the shared-memory index, which the next process to open the file
// rebuilds from the WAL as if nothing had been copied. So once the WAL passed 1 MiB every later
// command copied all of it again, rewriting the database file, whose changed stamp then made the
// next write run the integrity check (27 ms at 10k asks, on every write). Never waits for a
// reader (keel serve's other workers): with one reading, the checkpoint copies what it can now and
// the next commit tries again.
int CheckpointAndTruncate(void* self, sqlite3* db, const char* name, int pages) {
  if (pages < kWalCheckpointPages) return SQLITE_OK;
  sqlite3_busy_handler(db, nullptr, nullptr);
  // Data committed is safe whatever this returns: a failed checkpoint is retried next commit.
  const int rc = sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  if (rc == SQLITE_OK) static_cast<SqliteDb*>(self)->NoteOwnCheckpoint();
  return SQLITE_OK;
}

// " RETURNING id" (or "rowid") at the end of a one-row INSERT ... VALUES that updates nothing on
// a conflict: the only RETURNING sqlite3_last_insert_rowid can stand in for.
constexpr std::array<std::string_view, 2> kReturningNewId = {" RETURNING id", " RETURNING rowid"};

bool ReturnsOnlyNewId(std::string_view sql) {
  if (!sql.starts_with("INSERT ") || sql.find(" VALUES (") == std::string_view::npos ||
      sql.find("SELECT") != std::string_view::npos ||
      sql.find("DO UPDATE") != std::string_view::npos) {
    return false;
  }
  return std::any_of(kReturningNewId.begin(), kReturningNewId.end(),
                     [&](std::string_view tail) { return sql.ends_with(tail); });
}

std::string_view WithoutReturning(std::string_view sql) {
  return sql.substr(0, sql.rfind(" RETURNING "));
}

int StopAtDeadline(void* deadline) {
  return std::chrono::steady_clock::now() >
                 *static_cast<std::chrono::steady_clock::time_point*>(deadline)
             ? 1
             : 0;
}

// The CLI's commands for a database it cannot use (errors name none: `keel serve` sends them to the
// page).
constexpr std::string_view kAnotherDbHint = "--db FILE names another";
constexpr std::string_view kExportHint = "keel export --format json saves it";
constexpr std::string_view kBackupHint = "keel backup FILE copies it to another disk";

// What the disk failed to do, from an extended SQLITE_IOERR_* code.
std::string_view IoErrorVerb(int code) {
  switch (code) {
    case SQLITE_IOERR_READ:
    case SQLITE_IOERR_SHORT_READ:
      return "read";
    case SQLITE_IOERR_WRITE:
    case SQLITE_IOERR_FSYNC:
    case SQLITE_IOERR_DIR_FSYNC:
    case SQLITE_IOERR_TRUNCATE:
      return "write to";
    default:
      return "use";
  }
}

// quick_check names a page it could not read "Page 5: unable to get the page. error code=266":
// the code of an I/O error when the disk failed rather than the file (0 when none is named).
int IoErrorIn(std::string_view finding) {
  constexpr std::string_view kCode = "error code=";
  const size_t at = finding.find(kCode);
  if (at == std::string_view::npos) return 0;
  int code = 0;
  for (size_t i = at + kCode.size(); i < finding.size() && finding[i] >= '0' && finding[i] <= '9';
       ++i) {
    code = code * 10 + (finding[i] - '0');
    if (code > 0xffff) return 0;
  }
  return (code & 0xff) == SQLITE_IOERR ? code : 0;
}

}  // namespace

Result<std::unique_ptr<SqliteDb>> SqliteDb::Open(const std::string& path, bool create) {
  namespace fs = std::filesystem;
  const bool memory = path == ":memory:";
  if (!memory) {
    std::error_code ec;
    const fs::path file(path);
    const fs::path folder = file.has_parent_path() ? file.parent_path() : fs::path(".");
    if (!fs::is_directory(folder, ec)) {
      return Error{
          fmt::format("cannot open the database {}: the folder {} does not exist; create "
                      "it or give another --db",
                      path, folder.string())};
    }
    if (fs::is_directory(file, ec)) {
      return Error{
          fmt::format("cannot open the database {}: it is a folder; give a file path "
                      "with --db",
                      path)};
    }
  }
  // keel uses one connection per thread and never reads SQLite's memory statistics; turning
  // them off spares a mutex on every allocation. Only possible before SQLite initializes, so
  // later calls simply fail, harmlessly.
  static const int kConfigured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)kConfigured;
  sqlite3* raw = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) |
                    SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  std::unique_ptr<SqliteDb> db(new SqliteDb(raw, path));
  if (rc != SQLITE_OK) return db->ErrorFor(rc, "open");
  sqlite3_busy_timeout(raw, kBusyTimeoutMs);
  if (Status s = db->Exec("PRAGMA foreign_keys = ON"); !s.ok()) return s.error();
  // Up to 64 MiB of page cache (allocated only as used): a large import then updates its
  // indexes in memory instead of spilling pages to the WAL and reading them back.
  if (Status s = db->Exec("PRAGMA cache_size = -65536"); !s.ok()) return s.error();
  // Statement journals (what an INSERT ... RETURNING or a trigger may need to undo itself) and
  // sorts in memory, not in temporary files: each such INSERT copied every page it touched to a
  // file, 2.3 million writes in a 200k-row import.
  if (Status s = db->Exec("PRAGMA temp_store = MEMORY"); !s.ok()) return s.error();
  return db;
}

Status SqliteDb::EnableWal() {
  if (path_ == ":memory:") return Status();
  KEEL_RETURN_IF_ERROR(Exec("PRAGMA journal_mode = WAL"));
  // A command is one short process: keep the WAL file between runs and leave checkpoints to
  // SQLite's automatic one (every 1000 pages) instead of one per exit, which cost a `keel ask`
  // four fsyncs. Committed data is in the WAL either way; `keel backup` copies it consistently.
  int one = 1;
  sqlite3_file_control(db_, "main", SQLITE_FCNTL_PERSIST_WAL, &one);
  sqlite3_db_config(db_, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
  // But every new process re-reads the whole WAL to rebuild its index: keep it small by
  // checkpointing every 256 pages (1 MiB) and truncating the file afterwards.
  sqlite3_wal_hook(db_, CheckpointAndTruncate, this);
  KEEL_RETURN_IF_ERROR(Exec("PRAGMA journal_size_limit = 1048576"));
  // In WAL mode NORMAL is still crash-safe (a power loss may drop the last commit, never
  // corrupt it); it saves an fsync per command.
  return Exec("PRAGMA synchronous = NORMAL");
}

void SqliteDb::ResetAll() {
  for (auto& [sql, statement] : cache_->statements) statement->Reset();
}

SqliteDb::SqliteDb(sqlite3* db, std::string path)
    : db_(db), path_(std::move(path)), cache_(std::make_unique<Cache>()) {}

SqliteDb::~SqliteDb() {
  cache_.reset();  // statements must be finalized before the connection closes
  sqlite3_close_v2(db_);
}

Status SqliteDb::Exec(std::string_view sql) {
  const int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return ErrorFor(rc, "read");
  return Status();
}

Statement& SqliteDb::Prepare(std::string_view sql) {
  if (auto found = cache_->statements.find(sql); found != cache_->statements.end()) {
    found->second->Reset();
    return *found->second;
  }
  // A one-row INSERT ... RETURNING id is run without its RETURNING, and the id read from
  // sqlite3_last_insert_rowid: SQLite runs RETURNING like a trigger, which makes it keep a
  // statement journal, a copy of every page the insert touches (half an import's time went
  // there). The SQL stays what both engines read; PostgreSQL gets it whole.
  const bool returns_id = ReturnsOnlyNewId(sql);
  const std::string_view text = returns_id ? WithoutReturning(sql) : sql;
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(db_, text.data(), static_cast<int>(text.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    // Our SQL is fixed at build time: failing to prepare it is a bug (or a corrupt file,
    // which Open already screened), not a user error.
    throw std::logic_error(fmt::format("SQL error: {} in: {}", sqlite3_errmsg(db_), sql));
  }
  auto statement = std::make_unique<SqliteStatement>(this, stmt, returns_id);
  return *cache_->statements.emplace(std::string(sql), std::move(statement)).first->second;
}

void SqliteDb::NoteOwnCheckpoint() {
  // Only over a file this connection found intact: a write needs that, so a commit had it.
  if (intact_ && intact_->ok()) stamp_to_record_ = FileStamp(path_);
}

Status SqliteDb::CheckIntact() {
  if (intact_) return *intact_;
  const std::optional<int32_t> stamp = FileStamp(path_);
  if (stamp) {
    // Unchanged since a check passed. A damaged page met later still fails with the same
    // advice (ErrorFor's SQLITE_CORRUPT), and the write rolls back.
    sqlite3_stmt* version = nullptr;
    int64_t recorded = 0;
    if (sqlite3_prepare_v2(db_, "PRAGMA user_version", -1, &version, nullptr) == SQLITE_OK &&
        sqlite3_step(version) == SQLITE_ROW) {
      recorded = sqlite3_column_int64(version, 0);
    }
    sqlite3_finalize(version);
    if (recorded == *stamp) return *(intact_ = Status());
  }
  // quick_check(3): the first three problems are enough to name the damage in one line.
  sqlite3_stmt* stmt = nullptr;
  auto deadline = std::chrono::steady_clock::now() + kQuickCheckBudget;
  sqlite3_progress_handler(db_, 1000, StopAtDeadline, &deadline);
  int rc = sqlite3_prepare_v2(db_, "PRAGMA quick_check(3)", -1, &stmt, nullptr);
  std::string found;
  int io_error = 0;  // the disk failed to read a page: that says nothing about the file
  if (rc == SQLITE_OK) rc = sqlite3_step(stmt);
  for (; rc == SQLITE_ROW; rc = sqlite3_step(stmt)) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    // Rows may hold several lines ("*** in database main ***\nPage 5: ..."); keep the findings.
    std::string_view rest = text ? text : "";
    while (!rest.empty()) {
      const size_t end = rest.find('\n');
      const std::string_view line = rest.substr(0, end);
      rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
      if (line.empty() || line == "ok" || line.starts_with("***")) continue;
      if (io_error == 0) io_error = IoErrorIn(line);
      if (!found.empty()) found += "; ";
      found += line;
    }
  }
  // Out of time (SQLITE_INTERRUPT) with nothing found: what was checked is intact.
  if (rc != SQLITE_DONE && rc != SQLITE_INTERRUPT && found.empty()) found = sqlite3_errmsg(db_);
  if ((rc & 0xff) == SQLITE_IOERR) io_error = rc;
  sqlite3_finalize(stmt);
  sqlite3_progress_handler(db_, 0, nullptr, nullptr);
  // Not kept as the answer: the next write checks again, and a disk that recovered passes.
  if (io_error != 0) return ErrorFor(io_error, "read");
  if (found.empty()) {
    intact_ = Status();
    stamp_to_record_ = stamp;
  } else {
    if (found.size() > 200) found = found.substr(0, 200) + "...";
    intact_ = Error{fmt::format("the database at {} is damaged ({}); nothing was written: restore "
                                "a backup, or export what can still be read",
                                path_, found),
                    ErrorCode::kInvalid, "", "", std::string(kExportHint)};
  }
  return *intact_;
}

int64_t SqliteDb::LastInsertRowid() const { return sqlite3_last_insert_rowid(db_); }
int SqliteDb::Changes() const { return sqlite3_changes(db_); }

Error SqliteDb::ErrorFor(int code, std::string_view doing) const {
  const char* detail = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(code);
  switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Error{fmt::format("the database {} is locked by another program; try again when it "
                               "has finished",
                               path_),
                   ErrorCode::kBusy};
    case SQLITE_READONLY:
      return Error{fmt::format("cannot write to the database {}: it is read-only; check its "
                               "permissions or use another database file",
                               path_),
                   ErrorCode::kInternal, "", "", std::string(kAnotherDbHint)};
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      return Error{fmt::format("cannot {} the database {} ({}); check that its folder is "
                               "writable or use another database file",
                               doing == "open" ? "open or create" : doing, path_, detail),
                   ErrorCode::kInternal, "", "", std::string(kAnotherDbHint)};
    case SQLITE_CORRUPT:
      return Error{fmt::format("the database at {} is damaged ({}); restore a backup, or export "
                               "what can still be read",
                               path_, detail),
                   ErrorCode::kInternal, "", "", std::string(kExportHint)};
    case SQLITE_NOTADB:
      return Error{fmt::format("{} is not a keel database or is damaged ({}); use another "
                               "database file, or restore it from a backup",
                               path_, detail),
                   ErrorCode::kInternal, "", "", std::string(kAnotherDbHint)};
    case SQLITE_IOERR:
      return Error{fmt::format("cannot {} the database {}: the disk reported an I/O error; check "
                               "that the disk is connected and healthy, then try again",
                               IoErrorVerb(code), path_),
                   ErrorCode::kInternal, "", "", std::string(kBackupHint)};
    case SQLITE_FULL:
      return Error{fmt::format("the disk holding {} is full; free some space and try again", path_),
                   ErrorCode::kInternal};
    case SQLITE_CONSTRAINT:
      return Error{fmt::format("the change breaks a rule of the ledger ({})", detail)};
    default:
      return Error{fmt::format("database error on {} ({}); try again, or use another database file",
                               path_, detail),
                   ErrorCode::kInternal, "", "", std::string(kAnotherDbHint)};
  }
}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(stmt_); }

void SqliteStatement::BindInteger(int index, int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
}
void SqliteStatement::BindReal(int index, double value) {
  sqlite3_bind_double(stmt_, index, value);
}
void SqliteStatement::BindText(int index, std::string_view value) {
  sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
}
void SqliteStatement::BindNullOf(int index, bool /*integer: SQLite's NULL has no type*/) {
  sqlite3_bind_null(stmt_, index);
}

Result<bool> SqliteStatement::Step() {
  if (returns_id_ && inserted_id_) return false;  // the one row RETURNING would give was given
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) {
    if (!returns_id_) return false;
    sqlite3* db = sqlite3_db_handle(stmt_);
    if (sqlite3_changes64(db) == 0) return false;  // ON CONFLICT DO NOTHING did nothing
    inserted_id_ = sqlite3_last_insert_rowid(db);
    return true;
  }
  return db_->ErrorFor(rc, "write");
}

void SqliteStatement::Reset() {
  inserted_id_.reset();
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool SqliteStatement::IsNull(int column) const {
  if (inserted_id_) return false;
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}
int64_t SqliteStatement::Int(int column) const {
  if (inserted_id_) return *inserted_id_;
  return sqlite3_column_int64(stmt_, column);
}
double SqliteStatement::Real(int column) const { return sqlite3_column_double(stmt_, column); }
std::string_view SqliteStatement::Text(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  return text ? std::string_view(text, static_cast<size_t>(sqlite3_column_bytes(stmt_, column)))
              : std::string_view();
}
int SqliteStatement::ColumnCount() const { return returns_id_ ? 1 : sqlite3_column_count(stmt_); }
ColumnKind SqliteStatement::Kind(int column) const {
  if (inserted_id_) return ColumnKind::kInteger;
  switch (sqlite3_column_type(stmt_, column)) {
    case SQLITE_NULL:
      return ColumnKind::kNull;
    case SQLITE_INTEGER:
      return ColumnKind::kInteger;
    case SQLITE_FLOAT:
      return ColumnKind::kReal;
    default:
      return ColumnKind::kText;
  }
}
std::string_view SqliteStatement::ColumnName(int column) const {
  return sqlite3_column_name(stmt_, column);
}

}  // namespace keel
