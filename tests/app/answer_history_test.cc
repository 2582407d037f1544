// Answer history (RecordOutcome's rules in app/ledger.h): a later answer keeps the one before it,
// a same-day one corrects it, reopen and silent keep a not-yet and take back a yes or no, the
// no-reply curve counts the first answer, and undo restores the previous answer exactly.
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/horizon.h"
#include "app/ledger.h"
#include "store/sqlite_store.h"
#include "support/dates.h"

namespace keel {
namespace {

class AnswerHistoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(":memory:");
    ASSERT_TRUE(store.ok()) << store.message();
    store_ = std::move(store).value();
    AskInput input;
    input.org = "Acme";
    input.kind = Kind::kApplication;
    input.asked_on = Day("2026-03-01");
    Result<LedgerChange> change = LogAsk(*store_, input, today_);
    ASSERT_TRUE(change.ok()) << change.message();
    id_ = change->ask.id;
  }

  Result<LedgerChange> Answer(Outcome outcome, const char* on = nullptr,
                              const char* until = nullptr, const char* reason = nullptr) {
    OutcomeInput input;
    input.id = id_;
    input.outcome = outcome;
    if (on) input.on = Day(on);
    if (until) input.until = Day(until);
    if (reason) input.reason = reason;
    return RecordOutcome(*store_, input, today_);
  }

  std::string History() {
    const Ask ask = FindAsk(*store_, id_).value();
    std::string out;
    for (const AnswerRecord& a : AnswerHistory(ask, store_->EarlierAnswers(id_).value())) {
      if (!out.empty()) out += "; ";
      out += DescribeAnswer(a);
    }
    return out;
  }

  // The reply delays the no-reply curve is built from, as "days x n".
  std::string Delays() {
    std::string out;
    const std::vector<DayCount> delays = store_->ReplyDelays().value();
    for (const DayCount& d : delays) {
      out += std::to_string(d.days) + "x" + std::to_string(d.n) + " ";
    }
    return out;
  }

  std::unique_ptr<SqliteStore> store_;
  Date today_ = Day("2026-05-01");
  Id id_ = 0;
};

TEST_F(AnswerHistoryTest, NotYetThenALaterYesKeepsBothAndTheCurveUsesTheFirst) {
  ASSERT_TRUE(Answer(Outcome::kNotYet, "2026-03-03", "2026-04-01", "ask again in April").ok());
  Result<LedgerChange> yes = Answer(Outcome::kYes, "2026-04-09");
  ASSERT_TRUE(yes.ok()) << yes.message();
  ASSERT_TRUE(yes->previous.has_value());
  EXPECT_TRUE(yes->previous->kept);
  EXPECT_EQ(yes->previous->answer.outcome, Outcome::kNotYet);
  EXPECT_EQ(yes->ask.outcome, Outcome::kYes);  // rates count the latest answer
  EXPECT_EQ(History(),
            "not-yet on 2026-03-03 (ask again 2026-04-01) \"ask again in April\"; "
            "yes on 2026-04-09");
  EXPECT_EQ(Delays(), "2x1 ");  // the first answer, 2 days after the ask; not 39
  const std::vector<SurvivalPoint> curve = ReplyCurve(*store_, today_).value();
  ASSERT_FALSE(curve.empty());
  EXPECT_EQ(curve.front().days, 2);
}

TEST_F(AnswerHistoryTest, ASameDayAnswerCorrectsTheOneBeforeAndSaysWhatItWas) {
  ASSERT_TRUE(Answer(Outcome::kYes, "2026-03-27").ok());
  Result<LedgerChange> no = Answer(Outcome::kNo, "2026-03-27");
  ASSERT_TRUE(no.ok()) << no.message();
  ASSERT_TRUE(no->previous.has_value());
  EXPECT_FALSE(no->previous->kept);
  EXPECT_EQ(no->previous->answer.outcome, Outcome::kYes);
  EXPECT_EQ(no->previous->answer.replied_on, Day("2026-03-27"));
  EXPECT_EQ(History(), "no on 2026-03-27");
  // Undo brings the yes back, exactly.
  ASSERT_TRUE(Undo(*store_).value().has_value());
  EXPECT_EQ(FindAsk(*store_, id_)->outcome, Outcome::kYes);
  EXPECT_EQ(History(), "yes on 2026-03-27");
}

TEST_F(AnswerHistoryTest, ALaterDifferentAnswerKeepsTheFirstAndUndoRestoresIt) {
  ASSERT_TRUE(Answer(Outcome::kYes, "2026-03-27").ok());
  Result<LedgerChange> no = Answer(Outcome::kNo, "2026-04-02", nullptr, "role cancelled");
  ASSERT_TRUE(no.ok()) << no.message();
  ASSERT_TRUE(no->previous.has_value());
  EXPECT_TRUE(no->previous->kept);
  EXPECT_EQ(History(), "yes on 2026-03-27; no on 2026-04-02 \"role cancelled\"");
  ASSERT_TRUE(Undo(*store_).value().has_value());
  EXPECT_EQ(History(), "yes on 2026-03-27");
  EXPECT_TRUE(store_->EarlierAnswers(id_)->empty());
  EXPECT_EQ(Delays(), "26x1 ");
}

TEST_F(AnswerHistoryTest, TheSameAnswerAgainIsNoChange) {
  ASSERT_TRUE(Answer(Outcome::kNo, "2026-03-27").ok());
  Result<LedgerChange> again = Answer(Outcome::kNo, "2026-03-27");
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->previous.has_value());
  EXPECT_EQ(History(), "no on 2026-03-27");
}

TEST_F(AnswerHistoryTest, AnAnswerBeforeAnEarlierOneIsRefused) {
  ASSERT_TRUE(Answer(Outcome::kNotYet, "2026-03-10").ok());
  ASSERT_TRUE(Answer(Outcome::kNotYet, "2026-03-20").ok());
  Result<LedgerChange> early = Answer(Outcome::kYes, "2026-03-05");
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.message(),
            "ask #1 already had an answer on 2026-03-10 (not-yet); a reply cannot come before "
            "it: give a date of 2026-03-10 or later");
  EXPECT_EQ(History(), "not-yet on 2026-03-10; not-yet on 2026-03-20");
}

TEST_F(AnswerHistoryTest, ReopenKeepsANotYetAndTakesBackAYes) {
  ASSERT_TRUE(Answer(Outcome::kNotYet, "2026-03-03").ok());
  Result<LedgerChange> reopened = Answer(Outcome::kPending);
  ASSERT_TRUE(reopened.ok());
  ASSERT_TRUE(reopened->previous.has_value());
  EXPECT_TRUE(reopened->previous->kept);  // asked again after a "not now"
  EXPECT_EQ(reopened->ask.outcome, Outcome::kPending);
  EXPECT_EQ(History(), "not-yet on 2026-03-03");
  EXPECT_EQ(Delays(), "2x1 ");  // it did reply: not waiting on the curve
  EXPECT_TRUE(store_->WaitingByDate()->empty());

  ASSERT_TRUE(Answer(Outcome::kYes, "2026-04-09").ok());
  Result<LedgerChange> taken_back = Answer(Outcome::kPending);
  ASSERT_TRUE(taken_back.ok());
  ASSERT_TRUE(taken_back->previous.has_value());
  EXPECT_FALSE(taken_back->previous->kept);  // a yes reopened: as if it had not come
  EXPECT_EQ(History(), "not-yet on 2026-03-03");
}

TEST_F(AnswerHistoryTest, SilentKeepsANotYetAndALateReplyReplacesSilence) {
  ASSERT_TRUE(Answer(Outcome::kNotYet, "2026-03-03").ok());
  Result<LedgerChange> silent = Answer(Outcome::kSilent);
  ASSERT_TRUE(silent.ok());
  EXPECT_TRUE(silent->previous->kept);
  Result<LedgerChange> late = Answer(Outcome::kYes, "2026-04-20");
  ASSERT_TRUE(late.ok());
  EXPECT_FALSE(late->previous.has_value());  // silence is no answer: nothing to report
  EXPECT_EQ(History(), "not-yet on 2026-03-03; yes on 2026-04-20");
}

TEST_F(AnswerHistoryTest, EditKeepsTheHistoryInOrder) {
  ASSERT_TRUE(Answer(Outcome::kNotYet, "2026-03-10").ok());
  ASSERT_TRUE(Answer(Outcome::kNo, "2026-03-20").ok());
  AskEdit edit;
  edit.replied_on = Day("2026-03-05");
  Result<LedgerChange> bad = EditAsk(*store_, id_, edit, today_);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.message(),
            "the reply (2026-03-05) would be before the ask's earlier answer (not-yet on "
            "2026-03-10); give a date of 2026-03-10 or later");
  AskEdit later_ask;
  later_ask.asked_on = Day("2026-03-12");
  Result<LedgerChange> bad_ask = EditAsk(*store_, id_, later_ask, today_);
  ASSERT_FALSE(bad_ask.ok());
  EXPECT_EQ(bad_ask.message(),
            "the ask (2026-03-12) would be after its earlier answer (not-yet on 2026-03-10); "
            "give a date of 2026-03-10 or earlier");
}

TEST_F(AnswerHistoryTest, DeletingAndUndoingKeepsTheHistory) {
  ASSERT_TRUE(Answer(Outcome::kNotYet, "2026-03-03").ok());
  ASSERT_TRUE(Answer(Outcome::kYes, "2026-04-09").ok());
  ASSERT_TRUE(DeleteAsk(*store_, id_).ok());
  EXPECT_TRUE(store_->EarlierAnswers(0)->empty());
  EXPECT_EQ(Delays(), "");
  ASSERT_TRUE(Undo(*store_).value().has_value());
  EXPECT_EQ(History(), "not-yet on 2026-03-03; yes on 2026-04-09");
  EXPECT_EQ(Delays(), "2x1 ");
}

}  // namespace
}  // namespace keel
