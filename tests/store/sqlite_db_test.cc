#include "store/sqlite_db.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "store/sqlite_store.h"

namespace keel {
namespace {

namespace fs = std::filesystem;

// A damaged page is found before the first write, which is refused; reads go on.
// The same fragments as tests/pg/pg_db_test.cc's TheDialectsFragmentsRunAsSqlitesDo, on SQLite.
TEST(SqliteDbTest, TheDialectsFragmentsMeanWhatTheySay) {
  std::unique_ptr<SqliteDb> db = SqliteDb::Open(":memory:", true).value();
  ASSERT_TRUE(db->Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, on_day TEXT); "
                       "INSERT INTO t VALUES (1, 'acme', '2026-02-03'), (2, 'Beta', '2026-02-04'), "
                       "(3, 'École', '2026-03-01')")
                  .ok());
  const Dialect& d = db->dialect();
  Statement& find = db->Prepare("SELECT id FROM t WHERE " + d.NoCaseEquals("name"));
  ASSERT_TRUE(find.Bind(1, "ACME").Step().value());
  EXPECT_EQ(find.Int(0), 1);
  Statement& accented = db->Prepare("SELECT count(*) FROM t WHERE " + d.NoCaseEquals("name"));
  ASSERT_TRUE(accented.Bind(1, "éCOLE").Step().value());
  EXPECT_EQ(accented.Int(0), 0) << "NOCASE folds ASCII only";
  Statement& order = db->Prepare("SELECT name FROM t ORDER BY " + d.NoCaseOrder("name"));
  std::string names;
  ASSERT_TRUE(order.ForEachRow([&] { names += std::string(order.Text(0)) + ","; }).ok());
  EXPECT_EQ(names, "acme,Beta,École,");
  Statement& month = db->Prepare("SELECT " + d.Month("on_day") + " FROM t WHERE id = 3");
  ASSERT_TRUE(month.Step().value());
  EXPECT_EQ(month.Text(0), "2026-03");
  Statement& now = db->Prepare(std::string("SELECT ") + std::string(d.NowUtc()));
  ASSERT_TRUE(now.Step().value());
  EXPECT_EQ(now.Text(0).size(), 20U);
  EXPECT_EQ(now.Text(0)[10], 'T');
  EXPECT_EQ(d.RowKey(), "rowid");
}

TEST(SqliteDbTest, QuickCheckRefusesWritesOnADamagedFile) {
  const fs::path dir = fs::temp_directory_path() / ("keel_db_test_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string path = (dir / "keel.db").string();
  {
    std::unique_ptr<SqliteStore> store = SqliteStore::Open(path).value();
    ASSERT_TRUE(store->BeginWrite("orgs").ok());
    for (int i = 0; i < 50; ++i)
      ASSERT_TRUE(store->AddOrganization("Org " + std::to_string(i)).ok());
    ASSERT_TRUE(store->Commit().ok());
  }
  int64_t page_size = 0;
  int64_t root = 0;
  {
    std::unique_ptr<SqliteDb> db = SqliteDb::Open(path, false).value();
    ASSERT_TRUE(db->Exec("PRAGMA wal_checkpoint(TRUNCATE)").ok());
    Statement& size = db->Prepare("PRAGMA page_size");
    ASSERT_TRUE(*size.Step());
    page_size = size.Int(0);
    size.Reset();
    Statement& index =
        db->Prepare("SELECT rootpage FROM sqlite_master WHERE name = 'asks_by_until'");
    ASSERT_TRUE(*index.Step());
    root = index.Int(0);
    index.Reset();
    EXPECT_TRUE(db->CheckIntact().ok());
  }
  {
    std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp((root - 1) * page_size);
    const std::vector<char> junk(static_cast<size_t>(page_size), '\xff');
    file.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  std::unique_ptr<SqliteStore> store = SqliteStore::Open(path).value();
  const Status write = store->BeginWrite("ask");
  ASSERT_FALSE(write.ok());
  EXPECT_EQ(write.message().find("the database at " + path + " is damaged ("), 0u)
      << write.message();
  EXPECT_NE(write.message().find("restore a backup, or export what can still be read"),
            std::string::npos);
  EXPECT_EQ(write.error().hint, "keel export --format json saves it");  // the CLI's command
  ASSERT_TRUE(store->BeginRead().ok());
  EXPECT_EQ(store->Organizations().value().size(), 50u);
  store->Rollback();
  fs::remove_all(dir);
}

// The full check runs when the file changed since the last check that passed: a stamp of the
// file goes into its user_version with the write, and a second write on the unchanged file finds
// it there (the check is skipped; it costs ~27 ms at 10,000 asks).
TEST(SqliteDbTest, QuickCheckRunsOnlyWhenTheFileChanged) {
  const fs::path dir =
      fs::temp_directory_path() / ("keel_stamp_test_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string path = (dir / "keel.db").string();
  auto user_version = [&path] {
    std::unique_ptr<SqliteDb> db = SqliteDb::Open(path, false).value();
    EXPECT_TRUE(db->EnableWal().ok());  // as keel opens it: no checkpoint when it closes
    Statement& v = db->Prepare("PRAGMA user_version");
    EXPECT_TRUE(*v.Step());
    const int64_t value = v.Int(0);
    v.Reset();
    return value;
  };
  auto write = [&path](const std::string& org) {
    std::unique_ptr<SqliteStore> store = SqliteStore::Open(path).value();
    ASSERT_TRUE(store->BeginWrite("org").ok());
    ASSERT_TRUE(store->AddOrganization(org).ok());
    ASSERT_TRUE(store->Commit().ok());
  };
  write("Acme");
  const int64_t first = user_version();
  EXPECT_NE(first, 0);
  write("Globex");  // the main file is unchanged (the write went to the WAL): no new check
  EXPECT_EQ(user_version(), first);
  {
    std::unique_ptr<SqliteDb> db = SqliteDb::Open(path, false).value();
    ASSERT_TRUE(db->Exec("PRAGMA wal_checkpoint(TRUNCATE)").ok());
  }
  write("Initech");  // the checkpoint changed the main file: checked again, a new stamp
  EXPECT_NE(user_version(), first);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace keel
