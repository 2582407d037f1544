#include "store/open.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "store/pg_migrations.h"
#include "store/pg_store.h"
#include "store/sql_practice.h"
#include "store/sqlite_backup.h"
#include "store/sqlite_migrations.h"
#include "store/sqlite_store.h"

namespace keel {

bool IsPostgresUri(std::string_view db) {
  return db.starts_with("postgresql://") || db.starts_with("postgres://");
}

std::string DescribeDb(std::string_view db) {
  if (!IsPostgresUri(db)) return std::string(db);
  // postgresql://user:secret@host/db -> postgresql://user:***@host/db
  const size_t scheme = db.find("://") + 3;
  const size_t at = db.find('@', scheme);
  if (at == std::string_view::npos) return std::string(db);
  const size_t colon = db.find(':', scheme);
  if (colon == std::string_view::npos || colon > at) return std::string(db);
  return fmt::format("{}***{}", db.substr(0, colon + 1), db.substr(at));
}

Status CheckSearchName(std::string_view search) {
  auto allowed = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  };
  const bool ok = !search.empty() && search.size() <= 64 && allowed(search[0]) &&
                  search[0] != '.' && search[0] != '_' && search[0] != '-' &&
                  std::all_of(search.begin(), search.end(), allowed);
  if (ok) return Status();
  return Error{fmt::format("'{}' cannot name a search: use 1 to 64 of a-z, 0-9, '.', '_' and "
                           "'-', starting with a letter or digit",
                           search),
               ErrorCode::kInvalid, "search"};
}

std::string SqliteSearchPath(const std::string& db, std::string_view search) {
  if (search == kDefaultSearch || db == ":memory:") return db;
  std::filesystem::path folder(db);
  folder.replace_extension(".searches");
  return (folder / fmt::format("{}.db", search)).string();
}

Result<std::unique_ptr<Store>> OpenStore(const std::string& db, std::string_view search) {
  KEEL_RETURN_IF_ERROR(CheckSearchName(search));
  if (IsPostgresUri(db)) {
    Result<std::unique_ptr<PgStore>> store = PgStore::Open(db, search);
    if (!store.ok()) return store.status();
    return std::unique_ptr<Store>(std::move(store).value());
  }
  const std::string path = SqliteSearchPath(db, search);
  if (path != db) {
    // The searches' folder is made on first use, beside the main file, which is opened first:
    // its folder must exist, so a typo in --db is still reported rather than given a new tree.
    std::error_code ec;
    if (!std::filesystem::exists(db, ec)) {
      Result<std::unique_ptr<SqliteStore>> main = SqliteStore::Open(db);
      if (!main.ok()) return main.status();
    }
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
    if (ec) {
      return Error{fmt::format("cannot make the folder for search '{}' ({}): {}", search,
                               std::filesystem::path(path).parent_path().string(), ec.message())};
    }
  }
  Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(path);
  if (!store.ok()) return store.status();
  return std::unique_ptr<Store>(std::move(store).value());
}

std::string SqlitePracticePath(const std::string& db) {
  if (db == ":memory:") return db;
  std::filesystem::path file(db);
  file.replace_extension(".practice.db");
  return file.string();
}

Result<std::unique_ptr<Practice>> OpenPractice(const std::string& db) {
  if (IsPostgresUri(db)) {
    Result<std::unique_ptr<PgDb>> pg = PgDb::Open(db);
    if (!pg.ok()) return pg.status();
    KEEL_RETURN_IF_ERROR(MigratePg(**pg));
    return std::unique_ptr<Practice>(std::make_unique<SqlPractice>(std::move(pg).value()));
  }
  const std::string path = SqlitePracticePath(db);
  Result<std::unique_ptr<SqliteDb>> file = SqliteDb::Open(path, /*create=*/true);
  if (!file.ok()) return file.status();
  // It holds password hashes: readable by its owner only (SQLite gives its -wal and -shm files
  // the same permissions). A file owned by another user keeps its own; that is theirs to set.
  if (path != ":memory:") {
    std::error_code ec;
    std::filesystem::permissions(
        path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write, ec);
  }
  Status migrated = MigratePractice(**file);
  (*file)->ResetAll();
  KEEL_RETURN_IF_ERROR(migrated);
  KEEL_RETURN_IF_ERROR((*file)->EnableWal());
  return std::unique_ptr<Practice>(std::make_unique<SqlPractice>(std::move(file).value()));
}

Status DeleteSearch(const std::string& db, std::string_view search) {
  KEEL_RETURN_IF_ERROR(CheckSearchName(search));
  if (search == kDefaultSearch) {
    return Error{"the default search is the ledger's main file and is not deleted this way",
                 ErrorCode::kForbidden, "search"};
  }
  if (IsPostgresUri(db)) {
    Result<std::unique_ptr<PgDb>> pg = PgDb::Open(db);
    if (!pg.ok()) return pg.status();
    // Every search table refers to `searches`, which refers to search_names, ON DELETE CASCADE:
    // one statement removes the search everywhere, in one transaction.
    return (*pg)->Prepare("DELETE FROM search_names WHERE name = ?").Bind(1, search).Run();
  }
  const std::string path = SqliteSearchPath(db, search);
  for (const char* suffix : {"-wal", "-shm", ""}) {
    std::error_code ec;
    std::filesystem::remove(path + suffix, ec);
    if (ec) {
      return Error{fmt::format("cannot delete {}{}: {}", path, suffix, ec.message()),
                   ErrorCode::kInternal};
    }
  }
  return Status();
}

struct StorePool::Impl {
  struct Open {
    std::shared_ptr<PgDb> connection;  // null on SQLite
    std::shared_ptr<Store> store;
  };
  std::map<std::string, std::shared_ptr<PgDb>> connections;    // by database
  std::map<std::pair<std::string, std::string>, Open> stores;  // by database and search

  // The open connection to `db` (connected and migrated on first use, or again after it dropped).
  Result<std::shared_ptr<PgDb>> Connection(const std::string& db) {
    std::shared_ptr<PgDb>& connection = connections[db];
    if (connection && !connection->Alive()) {
      Drop(db);
      return Connection(db);
    }
    if (!connection) {
      Result<std::unique_ptr<PgDb>> opened = PgDb::Open(db);
      if (opened.ok()) {
        if (Status migrated = MigratePg(**opened); !migrated.ok()) opened = migrated.error();
      }
      if (!opened.ok()) {
        connections.erase(db);
        return opened.status();
      }
      connection = std::move(opened).value();
    }
    return connection;
  }

  // Forgets a database's connection and every store on it.
  void Drop(const std::string& db) {
    connections.erase(db);
    std::erase_if(stores, [&](const auto& entry) { return entry.first.first == db; });
  }
};

StorePool::StorePool() : impl_(std::make_unique<Impl>()) {}
StorePool::~StorePool() = default;

size_t StorePool::PostgresConnections() const { return impl_->connections.size(); }

Result<std::shared_ptr<Store>> StorePool::Get(const std::string& db, std::string_view search) {
  const auto key = std::make_pair(db, std::string(search));
  if (auto it = impl_->stores.find(key); it != impl_->stores.end()) {
    const Impl::Open& open = it->second;
    if (!open.connection || open.connection->Alive()) return open.store;
    impl_->Drop(db);
  }
  if (!IsPostgresUri(db)) {
    Result<std::unique_ptr<Store>> store = OpenStore(db, search);
    if (!store.ok()) return store.status();
    std::shared_ptr<Store> shared(std::move(store).value());
    impl_->stores[key] = Impl::Open{nullptr, shared};
    return shared;
  }
  KEEL_RETURN_IF_ERROR(CheckSearchName(search));
  Result<std::shared_ptr<PgDb>> connection = impl_->Connection(db);
  if (!connection.ok()) return connection.status();
  Result<std::unique_ptr<PgStore>> store = PgStore::Open(*connection, search);
  if (!store.ok()) return store.status();
  std::shared_ptr<Store> shared(std::move(store).value());
  impl_->stores[key] = Impl::Open{*connection, shared};
  return shared;
}

Result<std::optional<std::map<std::string, std::pair<int64_t, int64_t>>>> StorePool::ChangeStamps(
    const std::string& db, const std::vector<std::string>& searches) {
  using Stamps = std::map<std::string, std::pair<int64_t, int64_t>>;
  if (!IsPostgresUri(db)) return std::optional<Stamps>();
  Stamps stamps;
  if (searches.empty()) return std::optional<Stamps>(std::move(stamps));
  // The names go as one array literal; a search's name is a-z, 0-9, '.', '_' and '-' only
  // (CheckSearchName), so none needs quoting beyond the double quotes.
  std::string names = "{";
  for (const std::string& search : searches) {
    KEEL_RETURN_IF_ERROR(CheckSearchName(search));
    if (names.size() > 1) names += ',';
    names += '"' + search + '"';
  }
  names += '}';
  Result<std::shared_ptr<PgDb>> connection = impl_->Connection(db);
  if (!connection.ok()) return connection.status();
  PgDb& pg = **connection;
  if (pg.InTransaction()) (void)pg.Exec("ROLLBACK");  // a failure's leftover, as PgStore::Begin
  pg.SetAutoTransactionPrelude("");
  Statement& s =
      pg.Prepare("SELECT name, last_change, undone FROM keel_change_stamps(CAST(? AS text[]))");
  s.Bind(1, names);
  for (;;) {
    Result<bool> row = s.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    stamps[std::string(s.Text(0))] = {s.Int(1), s.Int(2)};
  }
  return std::optional<Stamps>(std::move(stamps));
}

namespace {

// Where the SQLite database `db` keeps its searches other than the default (keel.searches/).
std::filesystem::path SearchesFolder(const std::string& db) {
  return std::filesystem::path(SqliteSearchPath(db, "any")).parent_path();
}

// The SQLite files of the database `db`: the ledger, each other search's file, the practice's.
struct DatabaseFiles {
  std::string ledger;
  std::vector<std::string> searches;  // names, sorted
  std::optional<std::string> practice;
};

DatabaseFiles FilesOf(const std::string& db) {
  namespace fs = std::filesystem;
  DatabaseFiles f;
  f.ledger = db;
  std::error_code ec;
  for (fs::directory_iterator it(SearchesFolder(db), ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path p = it->path();
    if (p.extension() == ".db" && CheckSearchName(p.stem().string()).ok()) {
      f.searches.push_back(p.stem().string());
    }
  }
  std::sort(f.searches.begin(), f.searches.end());
  if (fs::exists(SqlitePracticePath(db), ec)) f.practice = SqlitePracticePath(db);
  return f;
}

Status RefusePostgres(const std::string& db, std::string_view what) {
  if (!IsPostgresUri(db)) return Status();
  return Error{fmt::format("{} is for SQLite files; for PostgreSQL use pg_dump and pg_restore "
                           "(docs/backup.md says how)",
                           what),
               ErrorCode::kInvalid, "db"};
}

}  // namespace

Result<CopiedFiles> BackupDatabase(const std::string& db, const std::string& to) {
  namespace fs = std::filesystem;
  KEEL_RETURN_IF_ERROR(RefusePostgres(db, "keel backup"));
  KEEL_RETURN_IF_ERROR(RefusePostgres(to, "keel backup"));
  std::error_code ec;
  if (!fs::exists(db, ec)) {
    return Error{fmt::format("there is no database at {} to back up; give its path with --db", db),
                 ErrorCode::kNotFound, "db"};
  }
  if (fs::exists(to, ec)) {
    return Error{fmt::format("{} already exists; back up to a new file name", to),
                 ErrorCode::kConflict};
  }
  const DatabaseFiles files = FilesOf(db);
  CopiedFiles copied;
  // Undoes a half-made backup: `to` is whole or absent.
  auto undo = [&](const Error& e) -> Result<CopiedFiles> {
    for (const std::string& f : copied.files) fs::remove(f, ec);
    fs::remove(SearchesFolder(to), ec);
    return e;
  };
  // The ledger last: a backup whose ledger exists is complete.
  for (const std::string& search : files.searches) {
    const std::string target = SqliteSearchPath(to, search);
    fs::create_directories(fs::path(target).parent_path(), ec);
    if (Status s = BackupSqliteFile(SqliteSearchPath(db, search), target); !s.ok()) {
      return undo(s.error());
    }
    copied.files.push_back(target);
  }
  if (files.practice) {
    const std::string target = SqlitePracticePath(to);
    if (Status s = BackupSqliteFile(*files.practice, target); !s.ok()) return undo(s.error());
    copied.files.push_back(target);
  }
  if (Status s = BackupSqliteFile(db, to); !s.ok()) return undo(s.error());
  copied.files.push_back(to);
  return copied;
}

Result<CopiedFiles> RestoreDatabase(const std::string& from, const std::string& db, bool replace) {
  namespace fs = std::filesystem;
  KEEL_RETURN_IF_ERROR(RefusePostgres(db, "keel restore"));
  std::error_code ec;
  if (!fs::is_regular_file(from, ec)) {
    return Error{fmt::format("there is no backup at {}", from), ErrorCode::kNotFound};
  }
  if (fs::exists(db, ec) && !replace) {
    return Error{fmt::format("{} already holds a database; add --yes to replace everything in it "
                             "with the backup",
                             db),
                 ErrorCode::kConflict, "db"};
  }
  const DatabaseFiles files = FilesOf(from);
  // Every file is checked before any is touched: a refusal leaves `db` as it was.
  std::vector<std::pair<std::string, bool>> checks{{from, false}};
  for (const std::string& search : files.searches) {
    checks.emplace_back(SqliteSearchPath(from, search), false);
  }
  if (files.practice) checks.emplace_back(*files.practice, true);
  for (const auto& [file, practice] : checks) {
    Result<std::unique_ptr<SqliteDb>> opened = SqliteDb::Open(file, /*create=*/false);
    if (!opened.ok()) return opened.status();
    KEEL_RETURN_IF_ERROR(CheckNotNewer(**opened, practice));
  }
  CopiedFiles copied;
  KEEL_RETURN_IF_ERROR(RestoreSqliteFile(from, db));
  copied.files.push_back(db);
  for (const std::string& search : files.searches) {
    const std::string target = SqliteSearchPath(db, search);
    fs::create_directories(fs::path(target).parent_path(), ec);
    KEEL_RETURN_IF_ERROR(RestoreSqliteFile(SqliteSearchPath(from, search), target));
    copied.files.push_back(target);
  }
  // A search made after the backup is not in it: replaced means gone.
  for (const std::string& search : FilesOf(db).searches) {
    if (!std::binary_search(files.searches.begin(), files.searches.end(), search)) {
      KEEL_RETURN_IF_ERROR(DeleteSearch(db, search));
    }
  }
  if (files.practice) {
    KEEL_RETURN_IF_ERROR(RestoreSqliteFile(*files.practice, SqlitePracticePath(db)));
    copied.files.push_back(SqlitePracticePath(db));
  }
  return copied;
}

}  // namespace keel
