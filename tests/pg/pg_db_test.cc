#include "store/pg_db.h"

#include <gtest/gtest.h>

#include "pg_test_env.h"

namespace keel {
namespace {

class PgDbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string info = testing::TestConninfo();
    ASSERT_FALSE(info.empty()) << "no PostgreSQL server: run through ctest (the pg fixture) or "
                                  "set KEEL_TEST_PG";
    Result<std::unique_ptr<PgDb>> db = PgDb::Open(info);
    ASSERT_TRUE(db.ok()) << db.error().message;
    db_ = std::move(db).value();
    ASSERT_TRUE(db_->Exec("CREATE TEMP TABLE t (id bigint PRIMARY KEY, name text, on_day date, "
                          "flag boolean NOT NULL DEFAULT false)")
                    .ok());
  }
  std::unique_ptr<PgDb> db_;
};

TEST(PgPlaceholdersTest, NumbersPlainMarksAndKeepsNumberedOnes) {
  EXPECT_EQ(PgPlaceholders("SELECT ? + ?, ?7"), "SELECT $1 + $2, $7");
  EXPECT_EQ(PgPlaceholders("UPDATE t SET a = ?2 WHERE id = ?1"),
            "UPDATE t SET a = $2 WHERE id = $1");
  // A plain mark after numbered ones is one past the highest so far, as SQLite numbers it.
  EXPECT_EQ(PgPlaceholders("WHERE s = ?1 AND id = ?"), "WHERE s = $1 AND id = $2");
  EXPECT_EQ(PgPlaceholders("SELECT ?2, ?, ?1, ?"), "SELECT $2, $3, $1, $4");
}

TEST(PgPlaceholdersTest, LeavesQuotesAndCommentsAlone) {
  EXPECT_EQ(PgPlaceholders("SELECT '?', 'it''s ?', \"a?\" -- why?\n, ?"),
            "SELECT '?', 'it''s ?', \"a?\" -- why?\n, $1");
}

TEST(PgDbOpenTest, AnUnreachableServerIsOneLineThatNamesItAndTheFix) {
  Result<std::unique_ptr<PgDb>> db =
      PgDb::Open("host=/nonexistent-keel-socket-dir port=5999 dbname=keel user=keel");
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code, ErrorCode::kBusy);
  EXPECT_NE(db.error().message.find("/nonexistent-keel-socket-dir:5999/keel"), std::string::npos)
      << db.error().message;
  EXPECT_NE(db.error().message.find("check that the server is running"), std::string::npos);
  EXPECT_EQ(db.error().message.find('\n'), std::string::npos) << db.error().message;
}

TEST_F(PgDbTest, BindsAndReadsBackEveryType) {
  ASSERT_TRUE(db_->Prepare("INSERT INTO t (id, name, on_day, flag) VALUES (?, ?, ?, ?)")
                  .Bind(1, int64_t{9007199254740993})
                  .Bind(2, "Zürich; it's \"quoted\"")
                  .Bind(3, "2026-02-28")
                  .Bind(4, "true")
                  .Run()
                  .ok());
  ASSERT_TRUE(db_->Prepare("INSERT INTO t (id, name, on_day) VALUES (?, ?, ?)")
                  .Bind(1, 2)
                  .BindNull(2)
                  .Bind(3, std::optional<std::string>())
                  .Run()
                  .ok());
  Statement& q = db_->Prepare("SELECT id, name, on_day, flag FROM t ORDER BY id");
  std::vector<std::string> rows;
  ASSERT_TRUE(q.ForEachRow([&] {
                 rows.push_back(std::to_string(q.Int(0)) + "|" +
                                (q.IsNull(1) ? "NULL" : std::string(q.Text(1))) + "|" +
                                (q.IsNull(2) ? "NULL" : std::string(q.Text(2))) + "|" +
                                std::to_string(q.Int(3)));
               }).ok());
  EXPECT_EQ(rows, (std::vector<std::string>{
                      "2|NULL|NULL|0", "9007199254740993|Zürich; it's \"quoted\"|2026-02-28|1"}));
}

TEST_F(PgDbTest, NullParametersNeedNoCasts) {
  Statement& q = db_->Prepare("SELECT ? IS NULL, coalesce(?, 'none') = 'none', ? + 1");
  q.Bind(1, std::optional<int64_t>()).BindNull(2).Bind(3, 41);
  Result<bool> row = q.Step();
  ASSERT_TRUE(row.ok()) << row.error().message;
  ASSERT_TRUE(*row);
  EXPECT_EQ(q.Int(0), 1);
  EXPECT_EQ(q.Int(1), 1);
  EXPECT_EQ(q.Int(2), 42);
}

TEST_F(PgDbTest, TellsTheKindOfEachValueAsTheJournalNeedsIt) {
  Statement& q = db_->Prepare("SELECT 1::bigint, 2.5::float8, 'x', NULL::text, true, ?");
  ASSERT_TRUE(q.Bind(1, 0.25).Step().value());
  EXPECT_EQ(q.Kind(0), ColumnKind::kInteger);
  EXPECT_EQ(q.Kind(1), ColumnKind::kReal);
  EXPECT_EQ(q.Kind(2), ColumnKind::kText);
  EXPECT_EQ(q.Kind(3), ColumnKind::kNull);
  EXPECT_EQ(q.Kind(4), ColumnKind::kInteger);
  EXPECT_DOUBLE_EQ(q.Real(1), 2.5);
  EXPECT_EQ(q.Text(5), "0.25");
}

TEST_F(PgDbTest, TheDialectsFragmentsRunAsSqlitesDo) {
  ASSERT_TRUE(db_->Exec("INSERT INTO t (id, name, on_day) VALUES (1, 'acme', '2026-02-03'), "
                        "(2, 'Beta', '2026-02-04'), (3, 'École', '2026-03-01')")
                  .ok());
  const Dialect& d = db_->dialect();
  Statement& find = db_->Prepare("SELECT id FROM t WHERE " + d.NoCaseEquals("name"));
  ASSERT_TRUE(find.Bind(1, "ACME").Step().value());
  EXPECT_EQ(find.Int(0), 1);
  Statement& accented = db_->Prepare("SELECT count(*) FROM t WHERE " + d.NoCaseEquals("name"));
  ASSERT_TRUE(accented.Bind(1, "éCOLE").Step().value());
  EXPECT_EQ(accented.Int(0), 0) << "NOCASE folds ASCII only";
  Statement& order = db_->Prepare("SELECT string_agg(name, ',' ORDER BY " + d.NoCaseOrder("name") +
                                  "), string_agg(DISTINCT " + d.Month("on_day") + ", ',') FROM t");
  ASSERT_TRUE(order.Step().value());
  EXPECT_EQ(order.Text(0), "acme,Beta,École");
  EXPECT_EQ(order.Text(1), "2026-02,2026-03");
  Statement& now = db_->Prepare(std::string("SELECT ") + std::string(d.NowUtc()));
  ASSERT_TRUE(now.Step().value());
  EXPECT_EQ(now.Text(0).size(), 20U);
  EXPECT_EQ(now.Text(0).back(), 'Z');
  EXPECT_EQ(now.Text(0)[10], 'T');
}

TEST_F(PgDbTest, CountsTheRowsAWriteChanged) {
  ASSERT_TRUE(db_->Exec("INSERT INTO t (id) VALUES (1), (2), (3)").ok());
  PgStatement& u = db_->PreparePg("UPDATE t SET name = 'x' WHERE id >= ?");
  ASSERT_TRUE(u.Bind(1, 2).Run().ok());
  EXPECT_EQ(u.Changes(), 2);
}

TEST_F(PgDbTest, TwoStatementsCanBeSteppedAtOnce) {
  ASSERT_TRUE(db_->Exec("INSERT INTO t (id, name) VALUES (1, 'a'), (2, 'b')").ok());
  Statement& outer = db_->Prepare("SELECT id FROM t ORDER BY id");
  std::vector<std::string> names;
  ASSERT_TRUE(outer
                  .ForEachRow([&] {
                    Statement& inner = db_->Prepare("SELECT name FROM t WHERE id = ?");
                    ASSERT_TRUE(inner.Bind(1, outer.Int(0)).Step().value());
                    names.emplace_back(inner.Text(0));
                  })
                  .ok());
  EXPECT_EQ(names, (std::vector<std::string>{"a", "b"}));
}

TEST_F(PgDbTest, DatesAndInstantsReadTheSameOnEveryServer) {
  Statement& q = db_->Prepare(
      "SELECT DATE '2026-12-02', TIMESTAMPTZ '2026-12-02 10:00:00+05', "
      "current_setting('TimeZone')");
  ASSERT_TRUE(q.Step().value());
  EXPECT_EQ(q.Text(0), "2026-12-02");
  EXPECT_EQ(q.Text(1), "2026-12-02 05:00:00+00");
  EXPECT_EQ(q.Text(2), "UTC");
}

TEST_F(PgDbTest, ABrokenRuleIsAnInvalidChangeNotAnInternalError) {
  ASSERT_TRUE(db_->Exec("INSERT INTO t (id) VALUES (1)").ok());
  Status s = db_->Prepare("INSERT INTO t (id) VALUES (?)").Bind(1, 1).Run();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kInvalid);
  EXPECT_NE(s.error().message.find("breaks a rule of the ledger"), std::string::npos)
      << s.error().message;
  EXPECT_EQ(s.error().message.find('\n'), std::string::npos);
}

TEST_F(PgDbTest, ARowLockedByAnotherWriterIsBusyNotBroken) {
  Result<std::unique_ptr<PgDb>> other = PgDb::Open(testing::TestConninfo());
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE(db_->Exec("CREATE TABLE IF NOT EXISTS keel_lock_probe (id int PRIMARY KEY); "
                        "INSERT INTO keel_lock_probe VALUES (1) ON CONFLICT DO NOTHING")
                  .ok());
  ASSERT_TRUE((*other)->Exec("BEGIN; SELECT * FROM keel_lock_probe WHERE id = 1 FOR UPDATE").ok());
  ASSERT_TRUE(db_->Exec("BEGIN").ok());
  EXPECT_TRUE(db_->InTransaction());
  Status s = db_->Exec("SELECT * FROM keel_lock_probe WHERE id = 1 FOR UPDATE NOWAIT");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kBusy) << s.error().message;
  EXPECT_NE(s.error().message.find("try again"), std::string::npos);
  ASSERT_TRUE(db_->Exec("ROLLBACK").ok());
  ASSERT_TRUE((*other)->Exec("ROLLBACK").ok());
}

TEST_F(PgDbTest, ALostServerIsBusyAndSaysNothingWasWritten) {
  Result<std::unique_ptr<PgDb>> killer = PgDb::Open(testing::TestConninfo());
  ASSERT_TRUE(killer.ok());
  Statement& pid = db_->Prepare("SELECT pg_backend_pid()");
  ASSERT_TRUE(pid.Step().value());
  const int64_t backend = pid.Int(0);
  ASSERT_TRUE(
      (*killer)->Prepare("SELECT pg_terminate_backend(?::int)").Bind(1, backend).Run().ok());
  Status s = db_->Exec("SELECT 1");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kBusy) << s.error().message;
  EXPECT_NE(s.error().message.find("lost the connection"), std::string::npos) << s.error().message;
  EXPECT_FALSE(db_->Alive());
}

}  // namespace
}  // namespace keel
