#include "app/ledger.h"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/views.h"
#include "store/sqlite_store.h"
#include "support/dates.h"
#include "themes/classifier.h"

namespace keel {
namespace {

class LedgerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(":memory:");
    ASSERT_TRUE(store.ok()) << store.message();
    store_ = std::move(store).value();
  }

  // Everything visible in the ledger: asks (as JSON, with ids), organizations and contacts.
  std::string Dump() {
    Json all = Json::object();
    const std::vector<Ask> asks = store_->ListAsks().value();
    for (const Ask& a : asks)
      all["asks"].push_back(AskJson(a, today_, kDefaultSilenceDays, ThemeClassifier::BuiltIn()));
    const std::vector<Named> orgs = store_->Organizations().value();
    for (const Named& o : orgs) all["orgs"].push_back({o.id, o.name});
    const std::vector<Named> contacts = store_->Contacts().value();
    for (const Named& c : contacts) all["contacts"].push_back({c.id, c.name});
    return all.dump(1);
  }

  Ask Log(const std::string& org, const char* on, Kind kind = Kind::kApplication) {
    AskInput input;
    input.org = org;
    input.kind = kind;
    input.asked_on = Day(on);
    Result<LedgerChange> change = LogAsk(*store_, input, today_);
    EXPECT_TRUE(change.ok()) << change.message();
    return change.ok() ? change->ask : Ask();
  }

  Result<LedgerChange> Answer(Id id, Outcome outcome, std::optional<Date> on = std::nullopt,
                              std::optional<Date> until = std::nullopt) {
    OutcomeInput input;
    input.id = id;
    input.outcome = outcome;
    input.on = on;
    input.until = until;
    return RecordOutcome(*store_, input, today_);
  }

  // Checks that a failing call changed nothing and journaled nothing: the next undo still
  // takes back the change made before it.
  void ExpectUnchangedAfterFailure(const std::string& before, const std::string& last_change) {
    EXPECT_EQ(Dump(), before);
    const Result<std::optional<UndoneChange>> undone = Undo(*store_);
    ASSERT_TRUE(undone.ok()) << undone.message();
    ASSERT_TRUE(undone->has_value());
    EXPECT_EQ((*undone)->summary, last_change);
  }

  const Date today_ = Day("2026-11-26");
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(LedgerTest, LogAskStoresTheAskWithNotices) {
  AskInput input;
  input.org = "  Globex  Corp ";
  input.person = "Dana Scully";
  input.kind = Kind::kReferral;
  input.channel = Channel::kLinkedin;
  input.asked_on = Day("2026-11-02");
  input.role = "Data  Analyst";
  input.note = "met at the meetup";
  input.materials = {"resume@v2", "pitch@v1"};
  const Result<LedgerChange> change = LogAsk(*store_, input, today_);
  ASSERT_TRUE(change.ok()) << change.message();
  const Ask& ask = change->ask;
  EXPECT_EQ(ask.id, 1);
  EXPECT_EQ(ask.org, "Globex Corp");
  EXPECT_EQ(ask.person, "Dana Scully");
  EXPECT_EQ(ask.role, "Data Analyst");
  EXPECT_EQ(ask.kind, Kind::kReferral);
  EXPECT_EQ(ask.channel, Channel::kLinkedin);
  EXPECT_EQ(ask.outcome, Outcome::kPending);
  EXPECT_EQ(ask.note, "met at the meetup");
  EXPECT_EQ(ask.materials, (std::vector<std::string>{"pitch@v1", "resume@v2"}));
  EXPECT_EQ(change->notices, (std::vector<std::string>{"new organization 'Globex Corp'",
                                                       "new contact 'Dana Scully'"}));
  EXPECT_EQ(Describe(ask), "#1 (Globex Corp, referral)");
}

TEST_F(LedgerTest, LogAskRefusesAFutureDate) {
  const std::string before = Dump();
  AskInput input;
  input.org = "Globex";
  input.asked_on = Day("2026-11-27");
  const Result<LedgerChange> change = LogAsk(*store_, input, today_);
  ASSERT_FALSE(change.ok());
  EXPECT_EQ(
      change.message(),
      "the ask date (2026-11-27) is after today (2026-11-26); give a date on or before today");
  EXPECT_EQ(Dump(), before);
}

TEST_F(LedgerTest, FailingLogAskCreatesNoOrganizationAndNoChange) {
  Log("Acme", "2026-11-01");
  const std::string before = Dump();
  AskInput input;
  input.org = "Globex";  // new: created, then taken back
  input.person = "Dana";
  input.asked_on = Day("2026-11-02");
  input.materials = {"resume"};  // no version
  const Result<LedgerChange> change = LogAsk(*store_, input, today_);
  ASSERT_FALSE(change.ok());
  EXPECT_EQ(change.message(), "material 'resume' needs a name and a version, like resume@v2");
  ExpectUnchangedAfterFailure(before, "ask Acme (application)");
}

TEST_F(LedgerTest, LogAskRefusesANearMissOrganization) {
  Log("Globex", "2026-11-01");
  const std::string before = Dump();
  AskInput input;
  input.org = "Glbex";
  input.asked_on = Day("2026-11-02");
  const Result<LedgerChange> change = LogAsk(*store_, input, today_);
  ASSERT_FALSE(change.ok());
  EXPECT_PRED_FORMAT2(::testing::IsSubstring, "looks like the existing organization 'Globex'",
                      change.message());
  ExpectUnchangedAfterFailure(before, "ask Globex (application)");
  input.new_org = true;
  EXPECT_TRUE(LogAsk(*store_, input, today_).ok());
}

TEST_F(LedgerTest, RecordOutcomeStoresTheReply) {
  const Ask ask = Log("Globex", "2026-11-02");
  const Result<LedgerChange> no = Answer(ask.id, Outcome::kNo, Day("2026-11-10"));
  ASSERT_TRUE(no.ok()) << no.message();
  EXPECT_EQ(no->ask.outcome, Outcome::kNo);
  EXPECT_EQ(no->ask.replied_on, Day("2026-11-10"));
  const Result<LedgerChange> yes = Answer(ask.id, Outcome::kYes);  // today by default
  ASSERT_TRUE(yes.ok()) << yes.message();
  EXPECT_EQ(yes->ask.replied_on, today_);
}

TEST_F(LedgerTest, ReplyBeforeTheAskIsRefusedWithTheFix) {
  const Ask ask = Log("Globex", "2026-11-02");
  const std::string before = Dump();
  const Result<LedgerChange> change = Answer(ask.id, Outcome::kNo, Day("2026-10-30"));
  ASSERT_FALSE(change.ok());
  EXPECT_EQ(
      change.message(),
      "the reply (2026-10-30) is before the ask (2026-11-02); give a date of 2026-11-02 or later");
  EXPECT_EQ(change.field(), "on");
  ExpectUnchangedAfterFailure(before, "ask Globex (application)");
}

TEST_F(LedgerTest, ReplyInTheFutureIsRefused) {
  const Ask ask = Log("Globex", "2026-11-02");
  const std::string before = Dump();
  const Result<LedgerChange> change = Answer(ask.id, Outcome::kYes, Day("2026-11-27"));
  ASSERT_FALSE(change.ok());
  EXPECT_EQ(change.message(),
            "the reply date (2026-11-27) is after today (2026-11-26); give a date on or before "
            "today");
  EXPECT_EQ(Dump(), before);
}

TEST_F(LedgerTest, NotYetTakesAnUntilDateEvenInTheFuture) {
  const Ask ask = Log("Globex", "2026-11-02");
  const Result<LedgerChange> change =
      Answer(ask.id, Outcome::kNotYet, Day("2026-11-20"), Day("2027-02-01"));
  ASSERT_TRUE(change.ok()) << change.message();
  EXPECT_EQ(change->ask.until, Day("2027-02-01"));
  const Result<LedgerChange> early =
      Answer(ask.id, Outcome::kNotYet, Day("2026-11-20"), Day("2026-11-19"));
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.message(),
            "the date 2026-11-19 is before the reply (2026-11-20); give a later date");
  EXPECT_EQ(early.field(), "until");
}

TEST_F(LedgerTest, UntilIsOnlyForNotYet) {
  const Ask ask = Log("Globex", "2026-11-02");
  const std::string before = Dump();
  for (Outcome outcome : {Outcome::kYes, Outcome::kNo, Outcome::kSilent, Outcome::kPending}) {
    const Result<LedgerChange> change = Answer(ask.id, outcome, std::nullopt, Day("2027-01-01"));
    ASSERT_FALSE(change.ok()) << Name(outcome);
    EXPECT_EQ(change.message(), "that date is for not-yet (when to ask again); leave it out");
    EXPECT_EQ(change.field(), "until");
  }
  ExpectUnchangedAfterFailure(before, "ask Globex (application)");
}

TEST_F(LedgerTest, SilentAndReopenTakeNoReplyDate) {
  const Ask ask = Log("Globex", "2026-11-02");
  const Result<LedgerChange> silent = Answer(ask.id, Outcome::kSilent, Day("2026-11-20"));
  ASSERT_FALSE(silent.ok());
  EXPECT_EQ(silent.message(), "this date is a reply date, and a silent ask has none; leave it out");
  EXPECT_EQ(silent.field(), "on");
  ASSERT_TRUE(Answer(ask.id, Outcome::kNo, Day("2026-11-20")).ok());
  const Result<LedgerChange> reopened = Answer(ask.id, Outcome::kPending);
  ASSERT_TRUE(reopened.ok()) << reopened.message();
  EXPECT_EQ(reopened->ask.outcome, Outcome::kPending);
  EXPECT_FALSE(reopened->ask.replied_on.has_value());
}

TEST_F(LedgerTest, WithdrawKeepsItsDateAndReasonAndStaysOutOfEveryRate) {
  const Ask a = Log("Acme", "2026-10-01");
  const Ask b = Log("Globex", "2026-10-02");
  const Ask c = Log("Initech", "2026-10-03");
  ASSERT_TRUE(Answer(a.id, Outcome::kYes, Day("2026-10-10")).ok());
  ASSERT_TRUE(Answer(b.id, Outcome::kNo, Day("2026-10-11")).ok());
  OutcomeInput input;
  input.id = c.id;
  input.outcome = Outcome::kWithdrawn;
  input.on = Day("2026-10-20");
  input.reason = "took another offer";
  const Result<LedgerChange> withdrawn = RecordOutcome(*store_, input, today_);
  ASSERT_TRUE(withdrawn.ok()) << withdrawn.message();
  EXPECT_EQ(withdrawn->ask.outcome, Outcome::kWithdrawn);
  EXPECT_EQ(withdrawn->ask.replied_on, Day("2026-10-20"));
  EXPECT_EQ(withdrawn->ask.reason, "took another offer");
  input.on = Day("2026-09-01");
  EXPECT_EQ(RecordOutcome(*store_, input, today_).message(),
            "the withdrawal (2026-09-01) is before the ask (2026-10-03); give a date of 2026-10-03 "
            "or later");
  const LedgerSummary summary = store_->Summarize(today_, 21).value();
  EXPECT_EQ(summary.asks, 3);
  EXPECT_EQ(summary.withdrawn, 1);
  EXPECT_EQ(summary.yes + summary.no + summary.not_yet + summary.silent + summary.pending, 2);
  // The withdrawal is no reply: the no-reply curve's tallies do not hold it.
  const Result<std::vector<DayCount>> delays = store_->ReplyDelays();
  const Result<std::vector<DateCount>> waits = store_->WaitingByDate();
  ASSERT_TRUE(delays.ok() && waits.ok());
  int64_t replies = 0;
  for (const DayCount& d : *delays) replies += d.n;
  int64_t waiting = 0;
  for (const DateCount& w : *waits) waiting += w.n;
  EXPECT_EQ(replies, 2);
  EXPECT_EQ(waiting, 0);
}

TEST_F(LedgerTest, LateReplyReplacesSilence) {
  const Ask ask = Log("Globex", "2026-09-01");
  ASSERT_TRUE(Answer(ask.id, Outcome::kSilent).ok());
  const Result<LedgerChange> yes = Answer(ask.id, Outcome::kYes, Day("2026-11-20"));
  ASSERT_TRUE(yes.ok()) << yes.message();
  EXPECT_EQ(yes->ask.outcome, Outcome::kYes);
}

TEST_F(LedgerTest, UnknownIdIsRefusedEverywhere) {
  Log("Globex", "2026-11-02");
  const std::string before = Dump();
  const std::string message = "there is no ask #9";
  EXPECT_EQ(Answer(9, Outcome::kNo).message(), message);
  EXPECT_EQ(FollowUp(*store_, 9, std::nullopt, "", today_).message(), message);
  AskEdit edit;
  edit.note = "x";
  EXPECT_EQ(EditAsk(*store_, 9, edit, today_).message(), message);
  EXPECT_EQ(DeleteAsk(*store_, 9).message(), message);
  EXPECT_EQ(FindAsk(*store_, 9).message(), message);
  ExpectUnchangedAfterFailure(before, "ask Globex (application)");
}

TEST_F(LedgerTest, FollowUpIsANudgeNotANewAsk) {
  const Ask ask = Log("Globex", "2026-11-02");
  const Result<LedgerChange> change = FollowUp(*store_, ask.id, Day("2026-11-09"), "ping", today_);
  ASSERT_TRUE(change.ok()) << change.message();
  EXPECT_EQ(change->ask.follow_ups, std::vector<Date>{Day("2026-11-09")});
  EXPECT_EQ(store_->ListAsks()->size(), 1u);
  const std::string before = Dump();
  EXPECT_EQ(FollowUp(*store_, ask.id, Day("2026-11-01"), "", today_).message(),
            "the follow-up (2026-11-01) is before the ask (2026-11-02); give a date of 2026-11-02 "
            "or later");
  EXPECT_EQ(FollowUp(*store_, ask.id, Day("2027-11-28"), "", today_).message(),
            "the follow-up date (2027-11-28) is more than a year ahead; schedule it by 2027-11-27");
  ExpectUnchangedAfterFailure(before, "follow-up on ask #1");
}

// A later date schedules the follow-up: a plan, not a follow-up made, until the follow-up is
// recorded, which keeps the earliest plan (with its note) instead of adding a second row.
TEST_F(LedgerTest, ALaterDateSchedulesTheFollowUpUntilItIsMade) {
  const Ask ask = Log("Globex", "2026-11-02");
  Result<LedgerChange> change = FollowUp(*store_, ask.id, Day("2026-12-03"), "team lead?", today_);
  ASSERT_TRUE(change.ok()) << change.message();
  EXPECT_TRUE(change->ask.follow_ups.empty());
  ASSERT_EQ(change->ask.planned_follow_ups.size(), 1u);
  EXPECT_EQ(change->ask.planned_follow_ups[0].on, Day("2026-12-03"));
  EXPECT_EQ(change->ask.planned_follow_ups[0].note, "team lead?");
  EXPECT_EQ(store_->Summarize(today_, 21)->follow_ups, 0);

  change = FollowUp(*store_, ask.id, std::nullopt, "", today_);
  ASSERT_TRUE(change.ok()) << change.message();
  EXPECT_EQ(change->ask.follow_ups, std::vector<Date>{today_});
  EXPECT_TRUE(change->ask.planned_follow_ups.empty());
  EXPECT_EQ(change->notices,
            std::vector<std::string>{"the follow-up you scheduled for 2026-12-03 is done"});
  const std::vector<FollowUpRecord> rows = store_->ListFollowUps().value();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].note, "team lead?");
  EXPECT_FALSE(rows[0].planned);

  // With no plan left, the next follow-up is a row of its own.
  change = FollowUp(*store_, ask.id, Day("2026-11-20"), "", today_);
  ASSERT_TRUE(change.ok()) << change.message();
  EXPECT_EQ(store_->ListFollowUps()->size(), 2u);
  EXPECT_TRUE(change->notices.empty());
}

TEST_F(LedgerTest, EditAskChangesOnlyTheGivenFields) {
  const Ask ask = Log("Globex", "2026-11-02");
  AskEdit edit;
  edit.org = "Initech";
  edit.kind = Kind::kChat;
  edit.materials = std::vector<std::string>{"cv@v3"};
  const Result<LedgerChange> change = EditAsk(*store_, ask.id, edit, today_);
  ASSERT_TRUE(change.ok()) << change.message();
  EXPECT_EQ(change->ask.org, "Initech");
  EXPECT_EQ(change->ask.kind, Kind::kChat);
  EXPECT_EQ(change->ask.asked_on, Day("2026-11-02"));
  EXPECT_EQ(change->ask.materials, std::vector<std::string>{"cv@v3"});
  EXPECT_EQ(change->notices, std::vector<std::string>{"new organization 'Initech'"});
}

TEST_F(LedgerTest, EditAskWithAnEmptyThemeTakesTheChosenThemeBack) {
  const Ask ask = Log("Globex", "2026-11-02");
  ASSERT_TRUE(Answer(ask.id, Outcome::kNo, Day("2026-11-10")).ok());
  AskEdit chosen;
  chosen.reason = "we hired someone internally";
  chosen.theme = "busy";
  Result<LedgerChange> change = EditAsk(*store_, ask.id, chosen, today_);
  ASSERT_TRUE(change.ok()) << change.message();
  EXPECT_EQ(change->ask.reason_theme, std::optional<std::string>("busy"));
  AskEdit cleared;
  cleared.theme = "";
  change = EditAsk(*store_, ask.id, cleared, today_);
  ASSERT_TRUE(change.ok()) << change.message();
  EXPECT_EQ(change->ask.reason_theme, std::nullopt);
  EXPECT_EQ(change->ask.reason, "we hired someone internally");
}

TEST_F(LedgerTest, EditAskValidatesDates) {
  const Ask ask = Log("Globex", "2026-11-02");
  ASSERT_TRUE(Answer(ask.id, Outcome::kNo, Day("2026-11-10")).ok());
  const std::string before = Dump();
  AskEdit later;
  later.asked_on = Day("2026-11-12");
  const Result<LedgerChange> after_reply = EditAsk(*store_, ask.id, later, today_);
  ASSERT_FALSE(after_reply.ok());
  EXPECT_PRED_FORMAT2(::testing::IsSubstring, "2026-11-12", after_reply.message());
  EXPECT_PRED_FORMAT2(::testing::IsSubstring, "2026-11-10", after_reply.message());
  AskEdit future;
  future.asked_on = Day("2026-12-01");
  EXPECT_EQ(
      EditAsk(*store_, ask.id, future, today_).message(),
      "the ask date (2026-12-01) is after today (2026-11-26); give a date on or before today");
  const Ask pending = Log("Acme", "2026-11-03");
  AskEdit reply;
  reply.replied_on = Day("2026-11-05");
  EXPECT_EQ(EditAsk(*store_, pending.id, reply, today_).message(),
            "ask #2 is pending, which has no reply date; record the reply first (yes, no or "
            "not-yet)");
  EXPECT_EQ(EditAsk(*store_, pending.id, reply, today_).field(), "replied_on");
  Undo(*store_).value();  // the Acme ask
  ExpectUnchangedAfterFailure(before, "no on ask #1");
}

// A follow-up is never before its ask (FollowUp refuses it, and import refuses such a row), so
// moving the ask after its follow-ups would write a ledger that export/import cannot carry.
TEST_F(LedgerTest, EditAskRefusesMovingTheAskAfterItsFollowUps) {
  const Ask ask = Log("Globex", "2026-11-02");
  ASSERT_TRUE(FollowUp(*store_, ask.id, Day("2026-11-05"), "", today_).ok());
  const std::string before = Dump();
  AskEdit edit;
  edit.asked_on = Day("2026-11-08");
  EXPECT_FALSE(EditAsk(*store_, ask.id, edit, today_).ok());
  EXPECT_EQ(Dump(), before);
}

TEST_F(LedgerTest, DeleteAskReturnsItAndUndoBringsItBack) {
  const Ask ask = Log("Globex", "2026-11-02");
  ASSERT_TRUE(FollowUp(*store_, ask.id, Day("2026-11-09"), "", today_).ok());
  const std::string before = Dump();
  const Result<Ask> deleted = DeleteAsk(*store_, ask.id);
  ASSERT_TRUE(deleted.ok()) << deleted.message();
  EXPECT_EQ(deleted->org, "Globex");
  EXPECT_TRUE(store_->ListAsks()->empty());
  const Result<std::optional<UndoneChange>> undone = Undo(*store_);
  ASSERT_TRUE(undone.ok()) << undone.message();
  ASSERT_TRUE(undone->has_value());
  EXPECT_EQ((*undone)->summary, "delete ask #1");
  EXPECT_EQ(Dump(), before);
}

TEST_F(LedgerTest, NextUndoNamesWhatUndoWouldRevertAndChangesNothing) {
  Result<std::optional<UndoneChange>> next = NextUndo(*store_);
  ASSERT_TRUE(next.ok()) << next.message();
  EXPECT_FALSE(next->has_value());
  Log("Acme Corp", "2026-11-02", Kind::kInterview);
  const std::string before = Dump();
  next = NextUndo(*store_);
  ASSERT_TRUE(next.ok() && *next) << next.message();
  EXPECT_EQ((*next)->summary, "ask Acme Corp (interview)");
  EXPECT_EQ(Dump(), before);
  const Result<std::optional<UndoneChange>> undone = Undo(*store_);
  ASSERT_TRUE(undone.ok() && *undone);
  EXPECT_EQ((*undone)->change_id, (*next)->change_id);
  EXPECT_FALSE(NextUndo(*store_).value().has_value());
}

TEST_F(LedgerTest, UndoTakesBackEachCommandInTurn) {
  std::vector<std::string> before{Dump()};
  const Ask ask = Log("Globex", "2026-11-02");
  before.push_back(Dump());
  ASSERT_TRUE(FollowUp(*store_, ask.id, Day("2026-11-09"), "", today_).ok());
  before.push_back(Dump());
  ASSERT_TRUE(Answer(ask.id, Outcome::kNotYet, Day("2026-11-12"), Day("2027-01-10")).ok());
  before.push_back(Dump());
  AskEdit edit;
  edit.person = "Dana";
  edit.materials = std::vector<std::string>{"resume@v2"};
  ASSERT_TRUE(EditAsk(*store_, ask.id, edit, today_).ok());
  for (const char* summary :
       {"edit ask #1", "not-yet on ask #1", "follow-up on ask #1", "ask Globex (application)"}) {
    const Result<std::optional<UndoneChange>> undone = Undo(*store_);
    ASSERT_TRUE(undone.ok()) << undone.message();
    ASSERT_TRUE(undone->has_value());
    EXPECT_EQ((*undone)->summary, summary);
    EXPECT_EQ(Dump(), before.back()) << summary;
    before.pop_back();
  }
  EXPECT_FALSE(Undo(*store_)->has_value());
}

// One command that adds a new version of a material already known and a new material.
TEST_F(LedgerTest, UndoOfAnAskWithANewAndAKnownMaterial) {
  AskInput first;
  first.org = "Acme";
  first.asked_on = Day("2026-11-01");
  first.materials = {"resume@v1"};
  ASSERT_TRUE(LogAsk(*store_, first, today_).ok());
  const std::string before = Dump();
  AskInput second = first;
  second.materials = {"resume@v2", "pitch@v1"};
  ASSERT_TRUE(LogAsk(*store_, second, today_).ok());
  const Result<std::optional<UndoneChange>> undone = Undo(*store_);
  ASSERT_TRUE(undone.ok()) << undone.message();
  EXPECT_EQ(Dump(), before);
}

// Each command is one change, also when several run against the same open store.
TEST_F(LedgerTest, EditingMaterialsRightAfterLoggingReplacesThem) {
  AskInput input;
  input.org = "Acme";
  input.asked_on = Day("2026-11-01");
  input.materials = {"resume@v1"};
  const Result<LedgerChange> logged = LogAsk(*store_, input, today_);
  ASSERT_TRUE(logged.ok());
  AskEdit edit;
  edit.materials = std::vector<std::string>{"resume@v2"};
  const Result<LedgerChange> edited = EditAsk(*store_, logged->ask.id, edit, today_);
  ASSERT_TRUE(edited.ok()) << edited.message();
  EXPECT_EQ(edited->ask.materials, std::vector<std::string>{"resume@v2"});
}

}  // namespace
}  // namespace keel
