#include "app/goal.h"

#include <gtest/gtest.h>

#include <memory>

#include "app/ledger.h"
#include "app/transaction.h"
#include "store/sqlite_store.h"
#include "support/dates.h"

namespace keel {
namespace {

class GoalTest : public ::testing::Test {
 protected:
  void SetUp() override { store_ = SqliteStore::Open(":memory:").value(); }

  // Asks dated `on`, logged as if today were far ahead (LogAsk refuses future dates).
  void Asks(const char* on, int n, Kind kind = Kind::kApplication) {
    for (int i = 0; i < n; ++i) {
      AskInput input;
      input.org = "Acme";
      input.kind = kind;
      input.asked_on = Day(on);
      Result<LedgerChange> change = LogAsk(*store_, input, Day("2030-01-01"));
      ASSERT_TRUE(change.ok()) << change.message();
      last_ask_ = change->ask.id;
    }
  }

  void Set(std::optional<int64_t> n, const char* today) {
    Result<GoalChange> change = SetGoal(*store_, n, Day(today));
    ASSERT_TRUE(change.ok()) << change.message();
  }

  std::optional<GoalReport> Read(const char* today) {
    Result<std::optional<GoalReport>> r = InSnapshot<std::optional<GoalReport>>(
        *store_, [&] { return ReadGoal(*store_, Day(today)); });
    EXPECT_TRUE(r.ok()) << r.message();
    return r.ok() ? *r : std::nullopt;
  }

  std::unique_ptr<SqliteStore> store_;
  Id last_ask_ = 0;
};

TEST_F(GoalTest, NoGoalUntilOneIsSet) {
  Asks("2026-11-23", 4);
  EXPECT_FALSE(Read("2026-11-26"));
}

TEST_F(GoalTest, WeeksBeforeTheGoalAreNotJudgedButItsOwnWeekCountsWhole) {
  Asks("2026-11-16", 9);  // W47, before the goal: not judged
  Asks("2026-11-23", 1);  // Monday of W48, before the goal was set on Wednesday: counts
  Asks("2026-11-24", 1);
  Set(3, "2026-11-25");
  std::optional<GoalReport> r = Read("2026-11-26");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->asks_per_week, 3);
  EXPECT_EQ(r->set_on.ToIso(), "2026-11-25");
  EXPECT_EQ(r->week_start.ToIso(), "2026-11-23");
  EXPECT_EQ(r->week_end.ToIso(), "2026-11-29");
  EXPECT_EQ(r->asks_this_week, 2);
  EXPECT_FALSE(r->met_this_week);
  EXPECT_EQ(r->weeks_met_in_a_row, 0);
  EXPECT_TRUE(r->weeks.empty());
  EXPECT_EQ(r->line, "this week: 2 of 3 asks");
}

TEST_F(GoalTest, TheWeekInProgressJoinsTheRunOnceMetAndNeverBreaksIt) {
  Set(2, "2026-11-02");   // W45
  Asks("2026-11-02", 2);  // W45: met
  Asks("2026-11-10", 1);  // W46: not met
  Asks("2026-11-16", 1);  // W47: met (Monday and Sunday)
  Asks("2026-11-22", 1);
  std::optional<GoalReport> r = Read("2026-11-24");  // W48 under way, no ask yet
  ASSERT_TRUE(r);
  EXPECT_EQ(r->asks_this_week, 0);
  EXPECT_EQ(r->weeks_met_in_a_row, 1);  // W47; W46 ended the run
  ASSERT_EQ(r->weeks.size(), 3u);
  EXPECT_EQ(r->weeks[0].start.ToIso(), "2026-11-16");
  EXPECT_TRUE(r->weeks[0].met);
  EXPECT_EQ(r->weeks[1].asks, 1);
  EXPECT_FALSE(r->weeks[1].met);
  EXPECT_TRUE(r->weeks[2].met);
  EXPECT_EQ(r->line, "this week: 0 of 2 asks · goal met 1 week running");
  Asks("2026-11-24", 2);
  r = Read("2026-11-24");
  EXPECT_TRUE(r->met_this_week);
  EXPECT_EQ(r->weeks_met_in_a_row, 2);
  EXPECT_EQ(r->line, "this week: 2 of 2 asks · goal met 2 weeks running");
}

TEST_F(GoalTest, RaisingTheGoalDoesNotRejudgeEarlierWeeks) {
  Set(2, "2026-11-09");  // W46
  Asks("2026-11-10", 2);
  Asks("2026-11-17", 2);
  Set(5, "2026-11-25");  // W48
  std::optional<GoalReport> r = Read("2026-11-26");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->asks_per_week, 5);
  EXPECT_EQ(r->weeks_met_in_a_row, 2);
  ASSERT_EQ(r->weeks.size(), 2u);
  EXPECT_EQ(r->weeks[0].goal, 2);
}

TEST_F(GoalTest, AWeekUnderAClearedGoalIsNotJudgedAndEndsTheRun) {
  Set(1, "2026-11-02");
  Asks("2026-11-03", 1);            // W45 met
  Asks("2026-11-10", 1);            // W46 met
  Set(std::nullopt, "2026-11-18");  // W47: cleared
  EXPECT_FALSE(Read("2026-11-19"));
  Asks("2026-11-18", 1);
  Set(1, "2026-11-25");  // W48
  std::optional<GoalReport> r = Read("2026-11-26");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->weeks_met_in_a_row, 0);
  EXPECT_TRUE(r->weeks.empty());
}

TEST_F(GoalTest, FollowUpsAreNotAsksButFeedbackAndWithdrawnAsksAre) {
  Set(3, "2026-11-23");
  Asks("2026-11-23", 1, Kind::kFeedback);
  Asks("2026-11-23", 1);
  ASSERT_TRUE(FollowUp(*store_, last_ask_, Day("2026-11-24"), "", Day("2026-11-26")).ok());
  ASSERT_TRUE(FollowUp(*store_, last_ask_, Day("2026-11-25"), "", Day("2026-11-26")).ok());
  OutcomeInput withdraw;
  withdraw.id = last_ask_;
  withdraw.outcome = Outcome::kWithdrawn;
  withdraw.on = Day("2026-11-25");
  ASSERT_TRUE(RecordOutcome(*store_, withdraw, Day("2026-11-26")).ok());
  std::optional<GoalReport> r = Read("2026-11-26");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->asks_this_week, 2);
}

TEST_F(GoalTest, Week53RunsIntoJanuaryAndSundayStillBelongsToIt) {
  Set(2, "2026-12-28");  // Monday of 2026-W53
  Asks("2027-01-02", 1);
  Asks("2027-01-03", 1);  // Sunday: still W53
  std::optional<GoalReport> r = Read("2027-01-03");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->week_start.ToIso(), "2026-12-28");
  EXPECT_EQ(r->asks_this_week, 2);
  EXPECT_EQ(r->weeks_met_in_a_row, 1);
  r = Read("2027-01-04");  // Monday: 2027-W01 begins with no ask, the run stays
  EXPECT_EQ(r->week_start.ToIso(), "2027-01-04");
  EXPECT_EQ(r->asks_this_week, 0);
  EXPECT_EQ(r->weeks_met_in_a_row, 1);
  EXPECT_EQ(GoalJson(r)["weeks"][0]["week"], "2026-W53");
}

TEST_F(GoalTest, ChangesAreJournaledAndUndoable) {
  Set(3, "2026-11-20");
  Set(5, "2026-11-25");
  Result<std::optional<UndoneChange>> undone = Undo(*store_);
  ASSERT_TRUE(undone.ok() && *undone);
  EXPECT_EQ((*undone)->summary, "set the weekly goal to 5 asks");
  EXPECT_EQ(Read("2026-11-26")->asks_per_week, 3);
}

TEST_F(GoalTest, SettingTheSameGoalWritesNothing) {
  Set(3, "2026-11-20");
  Result<GoalChange> again = SetGoal(*store_, 3, Day("2026-11-25"));
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->changed);
  Result<std::optional<UndoneChange>> next = NextUndo(*store_);
  ASSERT_TRUE(next.ok() && *next);
  EXPECT_EQ((*next)->summary, "set the weekly goal to 3 asks");
  EXPECT_EQ(Read("2026-11-26")->set_on.ToIso(), "2026-11-20");
}

TEST_F(GoalTest, ClearingWithoutAGoalIsRefusedAndWritesNothing) {
  Result<GoalChange> cleared = SetGoal(*store_, std::nullopt, Day("2026-11-25"));
  ASSERT_FALSE(cleared.ok());
  EXPECT_EQ(cleared.error().code, ErrorCode::kConflict);
  Result<std::optional<UndoneChange>> next = NextUndo(*store_);
  ASSERT_TRUE(next.ok());
  EXPECT_FALSE(*next);
}

TEST_F(GoalTest, ParsesOnlyAWholeNumberInRange) {
  EXPECT_EQ(ParseAsksPerWeek("5").value(), 5);
  EXPECT_EQ(ParseAsksPerWeek(" 500 ").value(), 500);
  for (const char* bad : {"0", "-1", "501", "5.5", "five", "", "99999999999999999999"}) {
    Result<int64_t> parsed = ParseAsksPerWeek(bad);
    EXPECT_FALSE(parsed.ok()) << bad;
    if (!parsed.ok()) {
      EXPECT_EQ(parsed.error().field, "asks_per_week");
    }
  }
}

}  // namespace
}  // namespace keel
