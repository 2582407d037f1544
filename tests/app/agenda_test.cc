// The agenda's rules, on a real (in-memory) SQLite store filled through the ledger use cases.
// Expected chances are worked out by hand from the Kaplan-Meier product, in the comments.
#include "app/agenda.h"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/ledger.h"
#include "store/sqlite_store.h"
#include "support/dates.h"

namespace keel {
namespace {

class AgendaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(":memory:");
    ASSERT_TRUE(store.ok()) << store.message();
    store_ = std::move(store).value();
  }

  // Logs an ask made `days_ago` days before today and returns its id.
  Id Log(const std::string& org, int32_t days_ago, const std::string& person = "",
         Kind kind = Kind::kApplication) {
    AskInput input;
    input.org = org;
    input.person = person;
    input.kind = kind;
    input.asked_on = today_ - days_ago;
    input.new_org = true;  // test organizations may look alike
    input.new_person = true;
    Result<LedgerChange> change = LogAsk(*store_, input, today_);
    EXPECT_TRUE(change.ok()) << change.message();
    return change.ok() ? change->ask.id : 0;
  }

  void Answer(Id id, Outcome outcome, std::optional<Date> on = std::nullopt,
              std::optional<Date> until = std::nullopt) {
    OutcomeInput input;
    input.id = id;
    input.outcome = outcome;
    input.on = on;
    input.until = until;
    Result<LedgerChange> change = RecordOutcome(*store_, input, today_);
    EXPECT_TRUE(change.ok()) << change.message();
  }

  // An ask answered "no" `delay` days after it was made, `days_ago` days before today.
  void Replied(int32_t days_ago, int32_t delay) {
    Answer(Log("Replied", days_ago), Outcome::kNo, today_ - days_ago + delay);
  }

  void Nudge(Id id, int32_t days_ago) {
    Result<LedgerChange> change = FollowUp(*store_, id, today_ - days_ago, "", today_);
    EXPECT_TRUE(change.ok()) << change.message();
  }

  Agenda Build(std::optional<int> given_horizon = std::nullopt) {
    Result<Horizon> horizon = ResolveHorizon(*store_, today_, given_horizon);
    EXPECT_TRUE(horizon.ok()) << horizon.message();
    Result<Agenda> agenda = BuildAgenda(*store_, today_, *horizon);
    EXPECT_TRUE(agenda.ok()) << agenda.message();
    return agenda.ok() ? std::move(agenda).value() : Agenda();
  }

  static std::vector<Id> Ids(const Agenda& agenda) {
    std::vector<Id> ids;
    for (const AgendaItem& item : agenda.items) ids.push_back(item.ask.id);
    return ids;
  }

  const Date today_ = Day("2026-11-26");
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(AgendaTest, EmptyLedgerHasNothingDue) {
  const Agenda agenda = Build();
  EXPECT_TRUE(agenda.items.empty());
  EXPECT_EQ(agenda.today, today_);
  EXPECT_FALSE(agenda.from_curve);
  EXPECT_EQ(agenda.follow_up_after, 11);  // past half the default 21 days
}

TEST_F(AgendaTest, WithoutRepliesFollowUpsComePastHalfTheHorizon) {
  Log("Ten", 10);  // 10 <= 21 / 2: not yet
  const Id eleven = Log("Eleven", 11, "Dana Lee");
  const Id edge = Log("Edge", 21);  // the last day it is still pending
  Log("Past", 22);                  // silent by the horizon: no longer on the agenda
  const Agenda agenda = Build();
  EXPECT_EQ(agenda.horizon.days, 21);
  ASSERT_EQ(Ids(agenda), (std::vector<Id>{edge, eleven}));
  const AgendaItem& item = agenda.items[1];
  EXPECT_EQ(item.action, AgendaAction::kFollowUp);
  EXPECT_EQ(item.due, today_);  // asked 11 days ago, due after 11
  EXPECT_EQ(item.waited, 11);
  EXPECT_FALSE(item.chance.has_value());
  EXPECT_EQ(item.ask.person, "Dana Lee");
  EXPECT_EQ(item.reason,
            "no reply after 11 days, over half the 21-day silence horizon (no replies yet to learn "
            "from)");
  EXPECT_EQ(agenda.items[0].due, today_ - 10);
}

TEST_F(AgendaTest, AGivenHorizonMovesTheHalfwayMark) {
  Log("Seven", 7);
  Log("Six", 6);
  Log("Eleven", 11);  // past the given 10 days: silent
  const Agenda agenda = Build(10);
  // Half of 10 is 5, but nobody is nudged within a week of the ask.
  EXPECT_EQ(agenda.follow_up_after, 7);
  ASSERT_EQ(agenda.items.size(), 1u);
  EXPECT_EQ(agenda.items[0].ask.org, "Seven");
  EXPECT_EQ(agenda.items[0].reason,
            "no reply after 7 days, over half the 10-day silence horizon (no replies yet to learn "
            "from)");
}

TEST_F(AgendaTest, FollowUpsWaitAWeekAfterTheLastOne) {
  const Id recent = Log("Recent", 15);
  Nudge(recent, 6);  // within the last 7 days: not due
  const Id week = Log("Week", 16);
  Nudge(week, 12);
  Nudge(week, 7);  // exactly a week ago: due again today
  const Agenda agenda = Build();
  ASSERT_EQ(Ids(agenda), (std::vector<Id>{week}));
  const AgendaItem& item = agenda.items[0];
  EXPECT_EQ(item.due, today_);
  EXPECT_EQ(item.reason,
            "no reply after 16 days, over half the 21-day silence horizon (no replies yet to learn "
            "from); last follow-up on 2026-11-19");
}

// 24 replies: 18 after 2 days, 6 after 10 days; 9 asks marked silent long ago; pending asks that
// have waited 5, 8 and 12 days. Kaplan-Meier, 36 at risk at first:
//   day 2:  36 at risk, 18 replies       S = 1/2
//   day 5 and 8: one censored each
//   day 10: 36 - 18 - 2 = 16 at risk, 6   S = 1/2 * 10/16 = 0.3125
//   day 12: 10 at risk (t*, the last day with at least 10), so S(t*) = 0.3125
// Chance a reply still comes: day 0-1: 1 - 0.3125 = 0.6875 (above one half); days 2-9:
// 1 - 0.3125 / 0.5 = 0.375; from day 10 on: 0. So it falls below one half on day 2, and the
// week's floor makes follow-ups due after 7 days. (The horizon is given: learned, it would be 10
// and the 12-day ask would count as silent.)
TEST_F(AgendaTest, TheCurveDecidesWithAWeekAsTheFloor) {
  for (int i = 0; i < 18; ++i) Replied(100, 2);
  for (int i = 0; i < 6; ++i) Replied(100, 10);
  for (int i = 0; i < 9; ++i) Answer(Log("Silent", 200), Outcome::kSilent);
  Log("Five", 5);  // the chance is 0.375 already, but it is too soon to nudge
  const Id eight = Log("Eight", 8, "Ann");
  const Id twelve = Log("Twelve", 12);
  const Agenda agenda = Build(21);
  EXPECT_TRUE(agenda.from_curve);
  EXPECT_EQ(agenda.follow_up_after, 7);
  ASSERT_EQ(Ids(agenda), (std::vector<Id>{twelve, eight}));
  const AgendaItem& twelve_item = agenda.items[0];
  EXPECT_EQ(twelve_item.due, today_ - 5);
  ASSERT_TRUE(twelve_item.chance.has_value());
  EXPECT_EQ(*twelve_item.chance, 0.0);
  EXPECT_EQ(twelve_item.reason, "no reply after 12 days; every reply so far came within 10 days");
  const AgendaItem& eight_item = agenda.items[1];
  EXPECT_EQ(eight_item.due, today_ - 1);
  ASSERT_TRUE(eight_item.chance.has_value());
  EXPECT_NEAR(*eight_item.chance, 0.375, 1e-12);
  EXPECT_EQ(eight_item.reason,
            "no reply after 8 days; most asks unanswered this long never get a reply (chance now "
            "38%)");
}

// Twenty replies, all after 15 days; 14 asks marked silent long ago; pending asks that have
// waited 8 and 16 days. At day 15: 20 + 14 + 1 = 35 at risk (the 8-day ask left the risk set on
// day 8), 20 replies: S = 15/35 = 3/7 = S(t*) (t* = 200: 14 still at risk). The chance before
// day 15 is 1 - 3/7 = 4/7, above one half. (The horizon is given: learned, it would be 15.)
TEST_F(AgendaTest, AChanceAboveOneHalfKeepsAnAskOff) {
  for (int i = 0; i < 20; ++i) Replied(100, 15);
  for (int i = 0; i < 14; ++i) Answer(Log("Silent", 200), Outcome::kSilent);
  Log("Eight", 8);
  const Id sixteen = Log("Sixteen", 16);
  const Agenda agenda = Build(21);
  EXPECT_EQ(agenda.follow_up_after, 15);
  ASSERT_EQ(Ids(agenda), (std::vector<Id>{sixteen}));
  EXPECT_EQ(agenda.items[0].due, today_ - 1);
  EXPECT_NEAR(*agenda.items[0].chance, 0.0, 1e-12);
}

// The same curve with only 19 replies: the chance is not known yet, so the horizon stands in and
// no chance is given (null, never 0).
TEST_F(AgendaTest, BelowTwentyRepliesTheChanceIsNotKnownYet) {
  for (int i = 0; i < 19; ++i) Replied(100, 15);
  for (int i = 0; i < 14; ++i) Answer(Log("Silent", 200), Outcome::kSilent);
  const Id twelve = Log("Twelve", 12);
  const Agenda agenda = Build();
  EXPECT_FALSE(agenda.from_curve);
  EXPECT_EQ(agenda.replies, 19);
  EXPECT_EQ(agenda.follow_up_after, 11);
  ASSERT_EQ(Ids(agenda), (std::vector<Id>{twelve}));
  EXPECT_FALSE(agenda.items[0].chance.has_value());
  EXPECT_NE(agenda.items[0].reason.find("not known yet: 19 replies so far"), std::string::npos)
      << agenda.items[0].reason;
}

TEST_F(AgendaTest, NotYetAsksComeBackOnTheirDate) {
  const Id due = Log("Acme", 40, "Dana Lee", Kind::kChat);
  Answer(due, Outcome::kNotYet, today_ - 38, today_ - 3);
  const Id today = Log("Globex", 30);
  Answer(today, Outcome::kNotYet, today_ - 29, today_);
  const Id later = Log("Initech", 20);
  Answer(later, Outcome::kNotYet, today_ - 19, today_ + 1);
  const Id asked_again = Log("Hooli", 30);
  Answer(asked_again, Outcome::kNotYet, today_ - 28, today_ - 5);
  Nudge(asked_again, 5);  // a follow-up on or after the date: done
  const Id nudged_early = Log("Umbrella", 30);
  Answer(nudged_early, Outcome::kNotYet, today_ - 28, today_ - 2);
  Nudge(nudged_early, 10);              // before the date: still due
  const Id old = Log("Vandelay", 400);  // far outside the horizon's window
  Answer(old, Outcome::kNotYet, today_ - 399, today_ - 10);
  const Agenda agenda = Build();
  ASSERT_EQ(Ids(agenda), (std::vector<Id>{old, due, nudged_early, today}));
  const AgendaItem& item = agenda.items[1];
  EXPECT_EQ(item.action, AgendaAction::kAskAgain);
  EXPECT_EQ(item.due, today_ - 3);
  EXPECT_EQ(item.reason, "they said ask again on 2026-11-23");
  EXPECT_EQ(item.ask.kind, Kind::kChat);
  EXPECT_FALSE(item.chance.has_value());
}

// A follow-up the seeker scheduled outranks the rule: the ask is listed for the planned day (ahead
// of today too, so a calendar carries it), and the rule's own follow-up stays away meanwhile.
TEST_F(AgendaTest, ScheduledFollowUpsAreListedForTheirDay) {
  const Id planned = Log("Planned", 15);  // the rule would list it today
  ASSERT_TRUE(FollowUp(*store_, planned, today_ + 5, "call Dana", today_).ok());
  const Id due = Log("Due", 3);
  ASSERT_TRUE(FollowUp(*store_, due, today_ + 1, "", today_).ok());
  Agenda agenda = Build();
  ASSERT_EQ(Ids(agenda), (std::vector<Id>{due, planned}));
  EXPECT_EQ(agenda.items[1].action, AgendaAction::kScheduled);
  EXPECT_EQ(agenda.items[1].due, today_ + 5);
  EXPECT_EQ(agenda.items[1].reason, "you scheduled this follow-up: call Dana");
  EXPECT_EQ(agenda.DueCount(), 0u);
  EXPECT_NE(AgendaIcs(agenda).find("UID:keel-ask-1-scheduled-1@keel"), std::string::npos);

  // Made: the plan is kept and leaves the agenda; the rule takes over again a week on.
  Nudge(planned, 0);
  agenda = Build();
  EXPECT_EQ(Ids(agenda), std::vector<Id>{due});
}

TEST_F(AgendaTest, SortedByDueDateThenId) {
  const Id a = Log("A", 12);  // due 1 day ago
  const Id b = Log("B", 20);
  // A reply after 1 day, the only one: too few to know the chance a reply still comes, so
  // follow-ups are due past half the default horizon (11 days); B is due to ask again.
  Answer(b, Outcome::kNotYet, today_ - 19, today_ - 5);
  const Id c = Log("C", 11);  // due today
  const Id d = Log("D", 14);  // due 3 days ago
  const Id e = Log("E", 12);  // due 1 day ago, like A
  const Agenda agenda = Build();
  EXPECT_EQ(agenda.follow_up_after, 11);
  EXPECT_EQ(Ids(agenda), (std::vector<Id>{b, d, a, e, c}));
}

TEST_F(AgendaTest, JsonHasOneObjectPerItem) {
  const Id id = Log("Acme", 12, "Dana Lee", Kind::kChat);
  const Json j = AgendaJson(Build());
  EXPECT_EQ(j["today"], "2026-11-26");
  EXPECT_EQ(j["horizon"]["days"], 21);
  EXPECT_EQ(j["follow_up_after"], 11);
  ASSERT_EQ(j["items"].size(), 1u);
  EXPECT_EQ(j["items"][0].dump(),
            Json({{"id", id},
                  {"org", "Acme"},
                  {"person", "Dana Lee"},
                  {"kind", "chat"},
                  {"action", "follow-up"},
                  {"due", "2026-11-25"},
                  {"reason",
                   "no reply after 12 days, over half the 21-day silence horizon (no replies yet "
                   "to learn from)"},
                  {"asked_on", "2026-11-14"},
                  {"waited", 12},
                  {"chance", nullptr}})
                .dump());
}

TEST_F(AgendaTest, IcsHasOneTodoPerItemWithStableUids) {
  const Id follow = Log("Acme, Inc.", 16, "Dana Lee");
  Nudge(follow, 7);
  const Id again = Log("Globex", 30);
  Answer(again, Outcome::kNotYet, today_ - 29, today_ - 2);
  const std::string ics = AgendaIcs(Build());
  EXPECT_EQ(ics.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//keel//agenda//EN\r\n", 0), 0u);
  EXPECT_NE(ics.find("UID:keel-ask-2-ask-again-20261124@keel\r\n"), std::string::npos) << ics;
  // The second follow-up on ask 1: the first is already recorded.
  EXPECT_NE(ics.find("UID:keel-ask-1-follow-up-2@keel\r\n"), std::string::npos) << ics;
  EXPECT_NE(ics.find("DTSTAMP:20261126T000000Z\r\n"), std::string::npos);
  EXPECT_NE(ics.find("DUE;VALUE=DATE:20261126\r\n"), std::string::npos);
  EXPECT_NE(ics.find("SUMMARY:Follow up: Acme\\, Inc. (Dana Lee)\r\n"), std::string::npos) << ics;
  EXPECT_NE(ics.find("SUMMARY:Ask again: Globex\r\n"), std::string::npos);
  EXPECT_EQ(ics.substr(ics.size() - 15), "END:VCALENDAR\r\n");
  // Same ledger, same day: the same bytes.
  EXPECT_EQ(AgendaIcs(Build()), ics);
}

}  // namespace
}  // namespace keel
