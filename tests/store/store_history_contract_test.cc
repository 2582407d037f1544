// Answer history and backup restore, part of the Store contract (backends are instantiated in
// store_contract_test.cc): an ask keeps its earlier answers, the no-reply curve counts its first
// answer, undo restores the history exactly, and records can be restored under their own ids.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "store/store.h"
#include "store_contract.h"

namespace keel {
namespace {

AnswerRecord NotYet(const char* on, const char* until, std::string reason = "") {
  AnswerRecord a;
  a.outcome = Outcome::kNotYet;
  a.replied_on = Day(on);
  a.until = Day(until);
  a.reason = std::move(reason);
  return a;
}

TEST_P(StoreContractTest, EarlierAnswersAreKeptInOrderAndTheCurveCountsTheFirst) {
  Id ask = 0;
  Write([&](Store& s) {
    ask = s.AddAsk(Record(AddOrg("Acme"), "2026-03-01")).value();
    // A not-yet on day 2, then, asked again, a yes on day 39.
    AnswerRecord first = NotYet("2026-03-03", "2026-04-01", "ask me in April");
    first.reason_theme = "busy";
    ASSERT_TRUE(s.AddEarlierAnswer(ask, first).ok());
    AskRecord now = s.GetAskRecord(ask).value().value();
    now.outcome = Outcome::kYes;
    now.replied_on = Day("2026-04-09");
    ASSERT_TRUE(s.UpdateAsk(ask, now).ok());
  });
  const std::vector<AnswerRecord> earlier = store_->EarlierAnswers(ask).value();
  ASSERT_EQ(earlier.size(), 1u);
  EXPECT_EQ(earlier[0].ask_id, ask);
  EXPECT_EQ(earlier[0].outcome, Outcome::kNotYet);
  EXPECT_EQ(earlier[0].replied_on, Day("2026-03-03"));
  EXPECT_EQ(earlier[0].until, Day("2026-04-01"));
  EXPECT_EQ(earlier[0].reason, "ask me in April");
  EXPECT_EQ(earlier[0].reason_theme, "busy");
  // The outcome is the latest answer; the reply time is the first one (2 days, not 39).
  EXPECT_EQ(store_->GetAsk(ask).value()->outcome, Outcome::kYes);
  const std::vector<DayCount> delays = store_->ReplyDelays().value();
  ASSERT_EQ(delays.size(), 1u);
  EXPECT_EQ(delays[0].days, 2);
  EXPECT_EQ(delays[0].n, 1);
  EXPECT_TRUE(store_->WaitingByDate()->empty());
  ExpectTalliesMatchAsks();

  // Back to pending (asked once more): it did reply, so it is not waiting on the curve.
  Write([&](Store& s) {
    AskRecord now = s.GetAskRecord(ask).value().value();
    now.outcome = Outcome::kPending;
    now.replied_on.reset();
    ASSERT_TRUE(s.UpdateAsk(ask, now).ok());
  });
  EXPECT_EQ(store_->ReplyDelays()->size(), 1u);
  EXPECT_TRUE(store_->WaitingByDate()->empty());
  ExpectTalliesMatchAsks();
}

TEST_P(StoreContractTest, AnEarlierAnswerWithoutADateMovesTheAskOffTheCurve) {
  Id ask = 0;
  Write([&](Store& s) {
    ask = s.AddAsk(Record(AddOrg("Acme"), "2026-03-01")).value();
    AnswerRecord undated;
    undated.outcome = Outcome::kNo;
    ASSERT_TRUE(s.AddEarlierAnswer(ask, undated).ok());
  });
  EXPECT_TRUE(store_->ReplyDelays()->empty());
  EXPECT_TRUE(store_->WaitingByDate()->empty());
  ExpectTalliesMatchAsks();
}

TEST_P(StoreContractTest, EarlierAnswerMustBeAReplyToAnExistingAsk) {
  ASSERT_TRUE(store_->BeginWrite("bad").ok());
  const Id ask = store_->AddAsk(Record(AddOrg("Acme"), "2026-03-01")).value();
  AnswerRecord silent;
  silent.outcome = Outcome::kSilent;
  EXPECT_FALSE(store_->AddEarlierAnswer(ask, silent).ok());
  EXPECT_FALSE(store_->AddEarlierAnswer(ask + 1, NotYet("2026-03-02", "2026-03-09")).ok());
  store_->Rollback();
}

TEST_P(StoreContractTest, EarlierAnswersOfEveryAskComeByAskThenOldestFirst) {
  Id a = 0, b = 0;
  Write([&](Store& s) {
    const Id org = AddOrg("Acme");
    a = s.AddAsk(Record(org, "2026-03-01")).value();
    b = s.AddAsk(Record(org, "2026-03-02")).value();
    ASSERT_TRUE(s.AddEarlierAnswer(b, NotYet("2026-03-04", "2026-03-10")).ok());
    ASSERT_TRUE(s.AddEarlierAnswer(a, NotYet("2026-03-05", "2026-03-11")).ok());
    ASSERT_TRUE(s.AddEarlierAnswer(a, NotYet("2026-03-12", "2026-03-20")).ok());
  });
  const std::vector<AnswerRecord> all = store_->EarlierAnswers(0).value();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].ask_id, a);
  EXPECT_EQ(all[0].replied_on, Day("2026-03-05"));
  EXPECT_EQ(all[1].ask_id, a);
  EXPECT_EQ(all[1].replied_on, Day("2026-03-12"));
  EXPECT_EQ(all[2].ask_id, b);
  EXPECT_EQ(store_->EarlierAnswers(b)->size(), 1u);
}

TEST_P(StoreContractTest, UndoOfAnAnswerRestoresThePreviousAnswerAndHistory) {
  Id ask = 0;
  Write([&](Store& s) {
    ask = s.AddAsk(Record(AddOrg("Acme"), "2026-03-01", Outcome::kNotYet)).value();
  });
  const std::string before = Dump(*store_);
  const std::string tallies = StoredTallies(*store_);
  Write([&](Store& s) {
    AskRecord now = s.GetAskRecord(ask).value().value();
    AnswerRecord kept{0, ask, now.outcome, now.replied_on, now.until, now.reason, now.reason_theme};
    ASSERT_TRUE(s.AddEarlierAnswer(ask, kept).ok());
    now.outcome = Outcome::kYes;
    now.replied_on = Day("2026-04-09");
    ASSERT_TRUE(s.UpdateAsk(ask, now).ok());
  });
  EXPECT_NE(Dump(*store_), before);
  ASSERT_TRUE(store_->UndoLast().value().has_value());
  EXPECT_EQ(Dump(*store_), before);
  EXPECT_EQ(StoredTallies(*store_), tallies);
  EXPECT_TRUE(store_->EarlierAnswers(ask)->empty());
}

TEST_P(StoreContractTest, DeletingAnAskTakesItsHistoryAndUndoBringsItBack) {
  Id ask = 0;
  Write([&](Store& s) {
    ask = s.AddAsk(Record(AddOrg("Acme"), "2026-03-01", Outcome::kYes)).value();
    ASSERT_TRUE(s.AddEarlierAnswer(ask, NotYet("2026-03-02", "2026-03-03")).ok());
  });
  const std::string before = Dump(*store_);
  Write([&](Store& s) { ASSERT_TRUE(s.DeleteAsk(ask).ok()); });
  EXPECT_TRUE(store_->EarlierAnswers(0)->empty());
  ExpectTalliesMatchAsks();
  ASSERT_TRUE(store_->UndoLast().value().has_value());
  EXPECT_EQ(Dump(*store_), before);
  ExpectTalliesMatchAsks();
}

TEST_P(StoreContractTest, RecordsCanBeRestoredUnderTheirOwnIds) {
  Write([&](Store& s) {
    const Id org = AddOrg("Acme");
    ASSERT_TRUE(s.AddAskWithId(7, Record(org, "2026-03-01", Outcome::kNo)).ok());
    ASSERT_TRUE(s.AddAskWithId(3, Record(org, "2026-03-02")).ok());
    EXPECT_FALSE(s.AddAskWithId(0, Record(org, "2026-03-02")).ok());
    EXPECT_EQ(s.AddFeedback(FeedbackRecord{5, 7, Day("2026-03-04"), "slow", "busy"}).value(), 5);
    EXPECT_EQ(
        s.AddAction(ActionRow{4, "mock interviews", "interview-performance", Day("2026-03-05")})
            .value(),
        4);
    EXPECT_EQ(s.AddPivot(Pivot{9, 3, Day("2026-03-02"), "no agencies", "a friend asked"}).value(),
              9);
    EXPECT_EQ(s.AddStrategyVersion(
                   StrategyVersion{6, Day("2026-03-01"), "2026-03-01T10:00:00Z", "focus", "{}"})
                  .value(),
              6);
  });
  const std::vector<Ask> asks = store_->ListAsks().value();
  ASSERT_EQ(asks.size(), 2u);
  EXPECT_EQ(asks[0].id, 7);
  EXPECT_EQ(asks[1].id, 3);
  ExpectTalliesMatchAsks();
  EXPECT_EQ(store_->ListFeedback(7)->at(0).id, 5);
  EXPECT_EQ(store_->ListActions()->at(0).id, 4);
  EXPECT_EQ(store_->ListPivots()->at(0).id, 9);
  EXPECT_EQ(store_->StrategyVersions()->at(0).made_at, "2026-03-01T10:00:00Z");
  // A taken id is refused.
  ASSERT_TRUE(store_->BeginWrite("dup").ok());
  EXPECT_FALSE(
      store_->AddAskWithId(7, Record(store_->FindOrganization("Acme")->value(), "2026-03-03"))
          .ok());
  store_->Rollback();
  // Id 0 still takes the next free one.
  Write([&](Store& s) {
    EXPECT_EQ(s.AddAsk(Record(s.FindOrganization("Acme")->value(), "2026-03-04")).value(), 8);
  });
}

TEST_P(StoreContractTest, FollowUpsAreListedWithTheirNotesInTheOrderAdded) {
  Id a = 0, b = 0;
  Write([&](Store& s) {
    const Id org = AddOrg("Acme");
    a = s.AddAsk(Record(org, "2026-03-01")).value();
    b = s.AddAsk(Record(org, "2026-03-02")).value();
    ASSERT_TRUE(s.AddFollowUp(b, Day("2026-03-09"), "ping").ok());
    ASSERT_TRUE(s.AddFollowUp(a, Day("2026-03-08"), "").ok());
  });
  const std::vector<FollowUpRecord> all = store_->ListFollowUps().value();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].ask_id, b);
  EXPECT_EQ(all[0].on, Day("2026-03-09"));
  EXPECT_EQ(all[0].note, "ping");
  EXPECT_EQ(all[1].ask_id, a);
  EXPECT_EQ(all[1].note, "");
}

}  // namespace
}  // namespace keel
