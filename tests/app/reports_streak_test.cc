// keel streak orders decisions by the day they were made, then by id: replies that arrive out of
// the order of their asks, several on one day (the lower id first), and (the counting sort's
// other path) decisions years apart.
#include <gtest/gtest.h>

#include <memory>

#include "app/ledger.h"
#include "app/reports.h"
#include "store/sqlite_store.h"
#include "support/dates.h"

namespace keel {
namespace {

class StreakOrderTest : public ::testing::Test {
 protected:
  void SetUp() override { store_ = SqliteStore::Open(":memory:").value(); }

  // An ask on `asked`, answered `outcome` on `replied`, logged as if today were far ahead.
  void Decided(const char* asked, Outcome outcome, const char* replied) {
    AskInput ask;
    ask.org = "Acme";
    ask.kind = Kind::kApplication;
    ask.asked_on = Day(asked);
    Result<LedgerChange> logged = LogAsk(*store_, ask, Day("2030-01-01"));
    ASSERT_TRUE(logged.ok()) << logged.message();
    OutcomeInput answer;
    answer.id = logged->ask.id;
    answer.outcome = outcome;
    answer.on = Day(replied);
    Result<LedgerChange> recorded = RecordOutcome(*store_, answer, Day("2030-01-01"));
    ASSERT_TRUE(recorded.ok()) << recorded.message();
  }

  StreakReport Streak() {
    Result<StreakReport> r = BuildStreak(*store_, Day("2030-01-01"), Horizon{});
    EXPECT_TRUE(r.ok()) << r.message();
    return r.ok() ? *r : StreakReport{};
  }

  std::unique_ptr<SqliteStore> store_;
};

TEST_F(StreakOrderTest, RepliesCountOnTheirOwnDayNotTheAsksOrder) {
  Decided("2026-01-01", Outcome::kYes, "2026-01-20");  // #1: the yes comes third
  Decided("2026-01-02", Outcome::kNo, "2026-01-05");   // #2 and #3: the same day, first
  Decided("2026-01-03", Outcome::kNotYet, "2026-01-05");
  Decided("2026-01-04", Outcome::kNo, "2026-01-25");  // #4: after the yes
  StreakReport r = Streak();
  EXPECT_EQ(r.decided, 4);
  EXPECT_EQ(r.yes, 1);
  EXPECT_EQ(r.longest, 2);  // #2, #3 before the yes; in id order it would be #2..#4, 3
  EXPECT_EQ(r.current, 1);  // #4 alone
  EXPECT_EQ(r.current_no, 1);
  EXPECT_EQ(r.current_not_yet, 0);
}

TEST_F(StreakOrderTest, OnOneDayTheLowerIdComesFirst) {
  Decided("2026-01-01", Outcome::kYes, "2026-01-10");  // #1
  Decided("2026-01-02", Outcome::kNo, "2026-01-10");   // #2, the same day: after the yes
  StreakReport r = Streak();
  EXPECT_EQ(r.current, 1);
  EXPECT_EQ(r.current_no, 1);
  EXPECT_EQ(r.longest, 1);
}

TEST_F(StreakOrderTest, DecisionsYearsApartKeepTheSameOrder) {
  Decided("2001-03-01", Outcome::kNo, "2001-03-02");  // 25 years before the rest
  Decided("2026-01-01", Outcome::kYes, "2026-01-20");
  Decided("2026-01-02", Outcome::kNotYet, "2026-01-05");
  Decided("2026-01-03", Outcome::kNo, "2026-01-05");
  Decided("2026-01-04", Outcome::kNo, "2026-01-25");
  StreakReport r = Streak();
  EXPECT_EQ(r.decided, 5);
  EXPECT_EQ(r.longest, 3);  // 2001's no, then #3 and #4, before the yes
  EXPECT_EQ(r.current, 1);
  EXPECT_EQ(r.current_no, 1);
}

}  // namespace
}  // namespace keel
