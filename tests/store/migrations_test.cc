#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include "store/sqlite_db.h"
#include "store/sqlite_migrations.h"
#include "store/sqlite_store.h"

namespace keel {
namespace {

namespace fs = std::filesystem;

class MigrationsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           (std::string("keel-migrations-") + std::to_string(::getpid()) + "-" + info->name());
    fs::remove_all(dir_);
    ASSERT_TRUE(fs::create_directories(dir_));
    path_ = (dir_ / "keel.db").string();
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  std::unique_ptr<SqliteDb> OpenDb() {
    Result<std::unique_ptr<SqliteDb>> db = SqliteDb::Open(path_, /*create=*/false);
    EXPECT_TRUE(db.ok()) << db.message();
    return db.ok() ? std::move(db).value() : nullptr;
  }

  // Runs a query that returns one integer.
  static int64_t QueryInt(SqliteDb& db, std::string_view sql) {
    Statement& s = db.Prepare(sql);
    Result<bool> row = s.Step();
    EXPECT_TRUE(row.ok() && *row) << sql;
    const int64_t value = s.Int(0);
    s.Reset();
    return value;
  }

  // The schema_version rows, one per line.
  std::string SchemaVersionRows() {
    std::unique_ptr<SqliteDb> db = OpenDb();
    if (!db) return "";
    Statement& s = db->Prepare("SELECT version, name, applied_at FROM schema_version ORDER BY 1");
    std::string out;
    while (s.Step().value()) {
      out += std::to_string(s.Int(0)) + " " + std::string(s.Text(1)) + " " +
             std::string(s.Text(2)) + "\n";
    }
    s.Reset();
    return out;
  }

  void CreateKeelDatabase() {
    Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(path_);
    ASSERT_TRUE(store.ok()) << store.message();
  }

  // Every file in the folder with its bytes, so that "left unchanged" also notices new files.
  std::string FolderContents() {
    std::string out;
    for (const fs::directory_entry& entry : fs::directory_iterator(dir_)) {
      std::ifstream in(entry.path(), std::ios::binary);
      out += entry.path().filename().string() + ":" +
             std::string(std::istreambuf_iterator<char>(in), {}) + "\n";
    }
    return out;
  }

  void WriteFile(const std::string& bytes) {
    std::ofstream out(path_, std::ios::binary);
    out << bytes;
  }

  fs::path dir_;
  std::string path_;
};

TEST_F(MigrationsTest, FreshFileGetsTheLatestSchemaVersion) {
  ASSERT_GE(LatestSchemaVersion(), 1);
  CreateKeelDatabase();
  std::unique_ptr<SqliteDb> db = OpenDb();
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(QueryInt(*db, "SELECT max(version) FROM schema_version"), LatestSchemaVersion());
  EXPECT_EQ(QueryInt(*db, "SELECT count(*) FROM schema_version"), MigrationCount());
  EXPECT_EQ(QueryInt(*db, "SELECT count(*) FROM sqlite_master WHERE name = 'asks'"), 1);
  EXPECT_EQ(QueryInt(*db, "SELECT count(*) FROM searches"), 1);  // the default search
}

TEST_F(MigrationsTest, InMemoryDatabaseIsMigratedToo) {
  Result<std::unique_ptr<SqliteDb>> db = SqliteDb::Open(":memory:", true);
  ASSERT_TRUE(db.ok()) << db.message();
  ASSERT_TRUE(Migrate(**db).ok());
  EXPECT_EQ(QueryInt(**db, "SELECT max(version) FROM schema_version"), LatestSchemaVersion());
  EXPECT_TRUE(Migrate(**db).ok());  // again: nothing to do
  EXPECT_EQ(QueryInt(**db, "SELECT count(*) FROM schema_version"), MigrationCount());
}

TEST_F(MigrationsTest, ReopeningIsANoOp) {
  {
    Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(path_);
    ASSERT_TRUE(store.ok()) << store.message();
    ASSERT_TRUE((*store)->BeginWrite("add Acme").ok());
    ASSERT_TRUE((*store)->AddOrganization("Acme").ok());
    ASSERT_TRUE((*store)->Commit().ok());
  }
  const std::string versions = SchemaVersionRows();
  ASSERT_FALSE(versions.empty());
  Result<std::unique_ptr<SqliteStore>> again = SqliteStore::Open(path_);
  ASSERT_TRUE(again.ok()) << again.message();
  const std::vector<Named> orgs = (*again)->Organizations().value();
  ASSERT_EQ(orgs.size(), 1u);
  EXPECT_EQ(orgs[0].name, "Acme");
  again->reset();
  EXPECT_EQ(SchemaVersionRows(), versions);
}

TEST_F(MigrationsTest, DatabaseFromANewerKeelIsRefusedAndLeftUnchanged) {
  CreateKeelDatabase();
  {
    std::unique_ptr<SqliteDb> db = OpenDb();
    ASSERT_NE(db, nullptr);
    ASSERT_TRUE(db->Exec("INSERT INTO schema_version (version, name) VALUES (99, 'future')").ok());
  }
  const std::string before = FolderContents();
  const Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(path_);
  ASSERT_FALSE(store.ok());
  EXPECT_PRED_FORMAT2(::testing::IsSubstring, "newer keel", store.message());
  EXPECT_PRED_FORMAT2(::testing::IsSubstring, "schema 99", store.message());
  EXPECT_PRED_FORMAT2(::testing::IsSubstring, path_, store.message());
  EXPECT_EQ(FolderContents(), before);
}

class ForeignDatabaseTest : public MigrationsTest {
 protected:
  // Another program's SQLite database, in SQLite's default (rollback journal) mode.
  void CreateForeignDatabase() {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &raw), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(raw, "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('hi')",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(raw);
  }
};

TEST_F(ForeignDatabaseTest, NonKeelSqliteFileIsRefused) {
  CreateForeignDatabase();
  const Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(path_);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.message(),
            path_ + " is an SQLite database but not a keel one; give another --db");
}

TEST_F(ForeignDatabaseTest, NonKeelSqliteFileIsLeftUntouched) {
  CreateForeignDatabase();
  const std::string before = FolderContents();
  ASSERT_FALSE(SqliteStore::Open(path_).ok());
  EXPECT_EQ(FolderContents(), before) << "opening changed another program's database";
}

TEST_F(MigrationsTest, JunkFileIsRefusedAndLeftUntouched) {
  std::string junk;
  while (junk.size() < 8192) junk += "this is a shopping list, not a database\n";
  WriteFile(junk);
  const std::string before = FolderContents();
  const Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(path_);
  ASSERT_FALSE(store.ok());
  EXPECT_PRED_FORMAT2(::testing::IsSubstring, path_ + " is not a keel database or is damaged",
                      store.message());
  EXPECT_EQ(FolderContents(), before);
}

// A ledger from before answer histories (schema 4 or 5) migrates with nothing to copy: each
// answered ask's one answer is its history, and the no-reply curve is what it was.
TEST_F(MigrationsTest, AnswerHistoryMigrationKeepsEachAnswerAndTheCurve) {
  {
    Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(path_);
    ASSERT_TRUE(store.ok()) << store.message();
    SqliteStore& s = **store;
    ASSERT_TRUE(s.BeginWrite("asks").ok());
    AskRecord r;
    r.asked_on = ParseIsoDate("2026-03-01").value();
    r.org_id = s.AddOrganization("Acme").value();
    r.outcome = Outcome::kNotYet;
    r.replied_on = ParseIsoDate("2026-03-04").value();
    ASSERT_TRUE(s.AddAsk(r).ok());
    ASSERT_TRUE(s.Commit().ok());
  }
  {
    // Back to the schema before migration 6 (and the later ones, which then run again).
    std::unique_ptr<SqliteDb> db = OpenDb();
    ASSERT_NE(db, nullptr);
    ASSERT_TRUE(db->Exec("DROP TABLE earlier_answers").ok());
    ASSERT_TRUE(db->Exec("DROP TABLE search_closings").ok());
    ASSERT_TRUE(db->Exec("ALTER TABLE follow_ups DROP COLUMN planned").ok());
    ASSERT_TRUE(db->Exec("DROP TRIGGER asks_fts_insert; DROP TRIGGER asks_fts_delete; "
                         "DROP TRIGGER asks_fts_update; DROP TABLE asks_fts; DROP TABLE postings; "
                         "DROP TABLE postings_fts; DROP INDEX opportunities_by_search")
                    .ok());                                // migration 9
    ASSERT_TRUE(db->Exec("DROP INDEX asks_by_via").ok());  // migration 11
    ASSERT_TRUE(db->Exec("ALTER TABLE asks DROP COLUMN via_contact_id").ok());
    ASSERT_TRUE(db->Exec("DROP TABLE weekly_goals").ok());  // migration 12
    ASSERT_TRUE(db->Exec("DROP TABLE interview_people; DROP TABLE interviews; "
                         "DROP INDEX asks_by_search_id")
                    .ok());                                                 // migration 13
    ASSERT_TRUE(db->Exec("ALTER TABLE changes DROP COLUMN made_by").ok());  // migration 14
    ASSERT_TRUE(db->Exec("DELETE FROM schema_version WHERE version >= 6").ok());
  }
  Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(path_);
  ASSERT_TRUE(store.ok()) << store.message();
  EXPECT_TRUE((*store)->EarlierAnswers(0)->empty());
  const std::vector<DayCount> delays = (*store)->ReplyDelays().value();
  ASSERT_EQ(delays.size(), 1u);
  EXPECT_EQ(delays[0].days, 3);
  // The migrated ledger takes new answers into the history.
  ASSERT_TRUE((*store)->BeginWrite("later").ok());
  AnswerRecord kept;
  kept.outcome = Outcome::kNotYet;
  kept.replied_on = ParseIsoDate("2026-03-04").value();
  ASSERT_TRUE((*store)->AddEarlierAnswer(1, kept).ok());
  ASSERT_TRUE((*store)->Commit().ok());
  std::unique_ptr<SqliteDb> db = OpenDb();
  EXPECT_EQ(QueryInt(*db, "SELECT max(version) FROM schema_version"), LatestSchemaVersion());
}

TEST_F(MigrationsTest, ShortJunkFileIsRefused) {
  WriteFile("hello");
  const Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(path_);
  ASSERT_FALSE(store.ok());
  EXPECT_PRED_FORMAT2(::testing::IsSubstring, "not a keel database or is damaged", store.message());
}

TEST_F(MigrationsTest, MissingFolderIsRefusedAndNotCreated) {
  const fs::path missing = dir_ / "no-such-folder";
  const std::string path = (missing / "keel.db").string();
  const Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.message(), "cannot open the database " + path + ": the folder " +
                                 missing.string() +
                                 " does not exist; create it or give another --db");
  EXPECT_FALSE(fs::exists(missing));
}

TEST_F(MigrationsTest, FolderGivenAsTheDatabaseIsRefused) {
  const Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(dir_.string());
  ASSERT_FALSE(store.ok());
  EXPECT_PRED_FORMAT2(::testing::IsSubstring, "it is a folder", store.message());
}

}  // namespace
}  // namespace keel

namespace keel {
namespace {

// Schema 5 rebuilds asks (SQLite's 12-step procedure) to allow 'withdrawn'. With foreign keys on,
// DROP TABLE asks would delete every ask first and cascade to follow-ups, materials, feedback and
// pivots: this test fills each child table of a schema-4 database and checks that nothing is lost.
TEST(Migration5Test, RebuildsAsksKeepingEveryRowReferenceAndIndex) {
  Result<std::unique_ptr<SqliteDb>> opened = SqliteDb::Open(":memory:", true);
  ASSERT_TRUE(opened.ok()) << opened.message();
  SqliteDb& db = **opened;
  ASSERT_TRUE(MigrateTo(db, 4).ok());
  auto query_int = [&](std::string_view sql) {
    Statement& s = db.Prepare(sql);
    Result<bool> row = s.Step();
    EXPECT_TRUE(row.ok() && *row) << sql;
    const int64_t value = s.Int(0);
    s.Reset();
    return value;
  };
  ASSERT_EQ(query_int("SELECT max(version) FROM schema_version"), 4);
  ASSERT_TRUE(db.Exec(R"sql(
    INSERT INTO organizations (id, search_id, name) VALUES (1, 1, 'Acme');
    INSERT INTO contacts (id, search_id, name, organization_id) VALUES (1, 1, 'Dana', 1);
    INSERT INTO opportunities (id, search_id, organization_id, title) VALUES (1, 1, 1, 'Analyst');
    INSERT INTO materials (id, search_id, name) VALUES (1, 1, 'resume');
    INSERT INTO material_versions (id, material_id, version) VALUES (1, 1, 'v1');
    INSERT INTO asks (id, search_id, asked_on, organization_id, contact_id, opportunity_id, kind,
                      channel, outcome, replied_on, until_on, reason, note, reason_theme,
                      industry, remote, salary)
      VALUES (1, 1, '2026-01-05', 1, 1, 1, 'application', 'linkedin', 'no', '2026-01-20', NULL,
              'went with someone else', 'n', 'filled', 'fintech', 'remote', 90000),
             (2, 1, '2026-02-01', 1, NULL, NULL, 'chat', 'other', 'not-yet', '2026-02-03',
              '2026-03-01', '', '', NULL, '', '', NULL),
             (3, 1, '2026-02-02', 1, NULL, NULL, 'chat', 'other', 'pending', NULL, NULL, '', '',
              NULL, '', '', NULL);
    INSERT INTO ask_materials (ask_id, material_version_id) VALUES (1, 1);
    INSERT INTO follow_ups (id, search_id, ask_id, on_date) VALUES (1, 1, 1, '2026-01-12');
    INSERT INTO feedback (id, search_id, ask_id, received_on, text) VALUES (1, 1, 1, '2026-01-21', 'x');
    INSERT INTO pivots (id, search_id, ask_id, on_date, rule, why) VALUES (1, 1, 1, '2026-01-05', 'r', 'w');
  )sql")
                  .ok());
  // Before: the CHECK refuses 'withdrawn'.
  EXPECT_FALSE(db.Exec("UPDATE asks SET outcome = 'withdrawn' WHERE id = 3").ok());

  ASSERT_TRUE(Migrate(db).ok());
  EXPECT_EQ(query_int("SELECT max(version) FROM schema_version"), LatestSchemaVersion());
  EXPECT_EQ(query_int("SELECT count(*) FROM asks"), 3);
  for (std::string_view child : {"ask_materials", "follow_ups", "feedback", "pivots"}) {
    EXPECT_EQ(query_int(fmt::format("SELECT count(*) FROM {}", child)), 1) << child;
  }
  EXPECT_EQ(query_int("SELECT salary FROM asks WHERE id = 1"), 90000);
  EXPECT_EQ(query_int("SELECT count(*) FROM asks WHERE id = 1 AND reason_theme = 'filled' AND "
                      "remote = 'remote' AND industry = 'fintech' AND until_on IS NULL"),
            1);
  EXPECT_EQ(query_int("SELECT count(*) FROM asks WHERE id = 2 AND until_on = '2026-03-01'"), 1);
  // Foreign keys are on again, and nothing dangles.
  EXPECT_EQ(query_int("PRAGMA foreign_keys"), 1);
  {
    Statement& check = db.Prepare("PRAGMA foreign_key_check");
    EXPECT_FALSE(check.Step().value());
    check.Reset();
  }
  // The children still reference "asks" (not a renamed table), and the indexes are back.
  EXPECT_EQ(query_int("SELECT count(*) FROM sqlite_master WHERE sql LIKE '%new_asks%'"), 0);
  EXPECT_EQ(query_int("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN "
                      "('asks_by_search_date', 'asks_by_until', 'asks_pending_by_date')"),
            3);
  // The new CHECK allows 'withdrawn' and still refuses nonsense and a reply before the ask.
  EXPECT_TRUE(db.Exec("UPDATE asks SET outcome = 'withdrawn', replied_on = '2026-02-10' "
                      "WHERE id = 3")
                  .ok());
  EXPECT_FALSE(db.Exec("UPDATE asks SET outcome = 'maybe' WHERE id = 3").ok());
  EXPECT_FALSE(db.Exec("UPDATE asks SET replied_on = '2025-01-01' WHERE id = 3").ok());
  EXPECT_FALSE(db.Exec("UPDATE asks SET until_on = '2026-05-01' WHERE id = 3").ok());
  // Cascades still work through the rebuilt table.
  ASSERT_TRUE(db.Exec("DELETE FROM asks WHERE id = 1").ok());
  EXPECT_EQ(query_int("SELECT count(*) FROM follow_ups"), 0);
  EXPECT_EQ(query_int("SELECT count(*) FROM pivots"), 0);
  // A reference to a missing organization is refused again (foreign keys on).
  EXPECT_FALSE(db.Exec("INSERT INTO asks (search_id, asked_on, organization_id, kind, channel) "
                       "VALUES (1, '2026-01-01', 99, 'chat', 'other')")
                   .ok());
}

}  // namespace
}  // namespace keel
