#include "store/sqlite_backup.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <thread>

namespace keel {
namespace {

// Runs the backup from `source` to `dest` to the end. The source may be busy with a writer: the
// backup waits and tries again (a step copies pages under a read lock; a write to the source
// between steps restarts the copy, so the result is always one moment of it).
Status CopyAll(sqlite3* dest, sqlite3* source, const std::string& what) {
  sqlite3_backup* backup = sqlite3_backup_init(dest, "main", source, "main");
  if (!backup) return Error{fmt::format("cannot copy {}: {}", what, sqlite3_errmsg(dest))};
  int rc = SQLITE_OK;
  for (int waits = 0;; ++waits) {
    rc = sqlite3_backup_step(backup, -1);
    if (rc == SQLITE_DONE) break;
    if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && waits < 1000) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      continue;
    }
    break;
  }
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) {
    return Error{fmt::format("cannot copy {}: {}", what,
                             rc == SQLITE_BUSY || rc == SQLITE_LOCKED
                                 ? "it stayed busy for 10 seconds; try again"
                                 : sqlite3_errstr(rc))};
  }
  return Status();
}

struct Closer {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Handle = std::unique_ptr<sqlite3, Closer>;

Result<Handle> OpenRaw(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Handle db(raw);
  if (rc != SQLITE_OK) {
    return Error{
        fmt::format("cannot open {}: {}", path, raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc))};
  }
  sqlite3_busy_timeout(raw, 10000);
  return db;
}

}  // namespace

Status BackupSqliteFile(const std::string& from, const std::string& to) {
  std::error_code ec;
  if (std::filesystem::exists(to, ec)) {
    return Error{fmt::format("{} already exists; back up to a new file name", to),
                 ErrorCode::kConflict};
  }
  Result<Handle> source = OpenRaw(from, SQLITE_OPEN_READONLY);
  if (!source.ok()) return source.status();
  const std::string part = to + ".part";
  std::filesystem::remove(part, ec);
  {
    Result<Handle> dest = OpenRaw(part, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!dest.ok()) return dest.status();
    Status copied = CopyAll(dest->get(), source->get(), from);
    if (!copied.ok()) {
      dest->reset();
      std::filesystem::remove(part, ec);
      return copied;
    }
  }
  std::filesystem::rename(part, to, ec);
  if (ec) {
    std::filesystem::remove(part, ec);
    return Error{fmt::format("cannot write {}: {}", to, ec.message())};
  }
  return Status();
}

Status RestoreSqliteFile(const std::string& from, const std::string& to) {
  Result<Handle> source = OpenRaw(from, SQLITE_OPEN_READONLY);
  if (!source.ok()) return source.status();
  Result<Handle> dest = OpenRaw(to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (!dest.ok()) return dest.status();
  return CopyAll(dest->get(), source->get(), from);
}

}  // namespace keel
