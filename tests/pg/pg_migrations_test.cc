#include "store/pg_migrations.h"

#include <gtest/gtest.h>

#include <thread>

#include "pg_test_env.h"

namespace keel {
namespace {

std::unique_ptr<PgDb> OpenScratch(const std::string& name) {
  const std::string info = testing::ScratchDatabase(name);
  EXPECT_FALSE(info.empty()) << "no PostgreSQL server: run through ctest (the pg fixture)";
  Result<std::unique_ptr<PgDb>> db = PgDb::Open(info);
  EXPECT_TRUE(db.ok()) << (db.ok() ? "" : db.error().message);
  return db.ok() ? std::move(db).value() : nullptr;
}

TEST(PgMigrationsTest, BringsAnEmptyDatabaseToTheLatestSchemaOnce) {
  std::unique_ptr<PgDb> db = OpenScratch("keel_mig_fresh");
  ASSERT_TRUE(db);
  EXPECT_EQ(PgSchemaVersion(*db).value(), 0);
  Status s = MigratePg(*db);
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(PgSchemaVersion(*db).value(), LatestPgSchemaVersion());
  ASSERT_TRUE(MigratePg(*db).ok());
  Statement& rows = db->Prepare("SELECT count(*) FROM keel_schema");
  ASSERT_TRUE(rows.Step().value());
  EXPECT_EQ(rows.Int(0), LatestPgSchemaVersion()) << "one row per migration, none twice";
}

TEST(PgMigrationsTest, ADatabaseFromANewerKeelIsRefusedUntouched) {
  std::unique_ptr<PgDb> db = OpenScratch("keel_mig_newer");
  ASSERT_TRUE(db);
  ASSERT_TRUE(MigratePg(*db).ok());
  ASSERT_TRUE(db->Exec("INSERT INTO keel_schema (version, name) VALUES (999, '0999_future')").ok());
  Status s = MigratePg(*db);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kConflict);
  EXPECT_NE(s.error().message.find("written by a newer keel (schema 999"), std::string::npos)
      << s.error().message;
  EXPECT_NE(s.error().message.find("upgrade keel"), std::string::npos);
}

TEST(PgMigrationsTest, TwoProcessesStartingAtOnceMigrateOnce) {
  const std::string info = testing::ScratchDatabase("keel_mig_race");
  ASSERT_FALSE(info.empty());
  Status a, b;
  std::thread first([&] { a = MigratePg(*PgDb::Open(info).value()); });
  std::thread second([&] { b = MigratePg(*PgDb::Open(info).value()); });
  first.join();
  second.join();
  ASSERT_TRUE(a.ok()) << a.error().message;
  ASSERT_TRUE(b.ok()) << b.error().message;
  std::unique_ptr<PgDb> db = PgDb::Open(info).value();
  EXPECT_EQ(PgSchemaVersion(*db).value(), LatestPgSchemaVersion());
}

TEST(PgMigrationsTest, ARoleThatMayNotChangeTheSchemaIsToldTheFix) {
  std::unique_ptr<PgDb> db = OpenScratch("keel_mig_role");
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->Exec("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = "
                       "'keel_test_app') THEN CREATE ROLE keel_test_app NOLOGIN; END IF; END $$; "
                       "SET ROLE keel_test_app")
                  .ok());
  Status s = MigratePg(*db);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("needs keel's schema 1"), std::string::npos)
      << s.error().message;
  EXPECT_NE(s.error().message.find("run keel once as the role that owns the tables"),
            std::string::npos);
  ASSERT_TRUE(db->Exec("RESET ROLE").ok());
  EXPECT_EQ(PgSchemaVersion(*db).value(), 0) << "nothing half-made";
}

}  // namespace
}  // namespace keel
