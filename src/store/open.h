// The one place that knows both backends: opens the ledger a `--db` value (or $KEEL_DB) names.
// A PostgreSQL URI (postgresql://… or postgres://…) opens a search in that database; anything
// else is a SQLite file. The front ends call this where they start; nothing else names a backend.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "store/practice.h"
#include "store/store.h"

namespace keel {

/// Whether `db` names a PostgreSQL database rather than a SQLite file.
bool IsPostgresUri(std::string_view db);

/// `db` as keel may print it: a URI's password is replaced by "***".
std::string DescribeDb(std::string_view db);

/// The search keel opens when none is named (--search, $KEEL_SEARCH).
inline constexpr std::string_view kDefaultSearch = "default";

/// Checks a search's name: 1 to 64 of a-z, 0-9, '.', '_' and '-', starting with a letter or digit
/// (it names a file on SQLite, so nothing that could leave the folder or differ only in case).
Status CheckSearchName(std::string_view search);

/// Where a SQLite ledger keeps the search `search`: the `db` file itself for the default search;
/// any other in its own file beside it, `keel.db` -> `keel.searches/NAME.db`. One file per search
/// keeps each search's ids, journal and locks its own, as a PostgreSQL search is by search_id.
std::string SqliteSearchPath(const std::string& db, std::string_view search);

/// Opens (creating and migrating as needed) the search `search` of the ledger `db` names: a
/// search_id in one PostgreSQL database, or a SQLite file (SqliteSearchPath).
Result<std::unique_ptr<Store>> OpenStore(const std::string& db,
                                         std::string_view search = kDefaultSearch);

/// Where a SQLite ledger keeps its practice's accounts (store/practice.h): beside the main
/// file, `keel.db` -> `keel.practice.db`.
std::string SqlitePracticePath(const std::string& db);

/// Opens (creating and migrating as needed) the practice of the ledger `db` names: its own
/// SQLite file (SqlitePracticePath), or the reference tables of the PostgreSQL database.
Result<std::unique_ptr<Practice>> OpenPractice(const std::string& db);

/// Deletes the search `search` of the ledger `db` and everything in it, for good: its file (and
/// the file's write-ahead log) on SQLite, its rows in every table on PostgreSQL. The default
/// search (the main file itself) is never deleted this way. A search that is not there is not
/// an error: a removal that was interrupted can be run again.
Status DeleteSearch(const std::string& db, std::string_view search);

/// The stores a long-running front end keeps open between requests, for one thread (a Store is not
/// shared between threads: the server keeps a pool per worker). PostgreSQL searches of one database
/// share the pool's one connection to it, since each transaction names its search; a worker holds
/// one connection however many searches it serves. A SQLite search is its own file and connection.
/// A connection the server dropped (a restart, a failover) is replaced on the next Get: the
/// request that saw it drop was told to try again, and the next one reconnects.
class StorePool {
 public:
  StorePool();
  ~StorePool();
  StorePool(const StorePool&) = delete;
  StorePool& operator=(const StorePool&) = delete;

  /// The open store of `search` in `db` (as OpenStore), opened on first use.
  Result<std::shared_ptr<Store>> Get(const std::string& db, std::string_view search);
  /// The change stamps (Store::ChangeStamp) of many searches of `db` in one statement, by search;
  /// a name that is no search is left out. Nullopt on SQLite, where each search is its own file:
  /// read each store's. A coach's roster checks every client's stamp on each look.
  Result<std::optional<std::map<std::string, std::pair<int64_t, int64_t>>>> ChangeStamps(
      const std::string& db, const std::vector<std::string>& searches);
  /// How many connections to PostgreSQL the pool holds (one per database once used).
  size_t PostgresConnections() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The files a backup or a restore copied, in the order copied.
struct CopiedFiles {
  std::vector<std::string> files;
};

/// A consistent copy of the SQLite database `db` at the new path `to`, laid out as a database of
/// its own (`keel --db TO` opens it): the ledger, each other search (`keel.searches/`) and the
/// practice's file, each taken with SQLite's online backup API while servers keep writing. Each
/// file is one moment of itself; the files are copied one after another. Nothing is left at
/// `to` when a copy fails. PostgreSQL is refused, naming pg_dump (docs/backup.md).
Result<CopiedFiles> BackupDatabase(const std::string& db, const std::string& to);

/// Puts the backup `from` (a database BackupDatabase wrote) in place of `db`: every file of the
/// backup is checked first (a keel file, of this schema or older), so a refusal changes nothing;
/// then each file is replaced in one transaction of its own. A `db` that exists is replaced only
/// with `replace` (its searches that the backup lacks are deleted).
Result<CopiedFiles> RestoreDatabase(const std::string& from, const std::string& db, bool replace);

}  // namespace keel
