// Interviews as use cases: a round scheduled on an ask, its default round number per role, the
// refusals (each about its field, writing nothing), edits and removal undone exactly, and an ask's
// delete taking its rounds along and undo bringing them back.
#include "app/interviews.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <memory>
#include <string>

#include "app/agenda.h"
#include "app/ledger.h"
#include "app/pipeline.h"
#include "store/sqlite_store.h"
#include "support/dates.h"

namespace keel {
namespace {

class InterviewsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("TZ", "America/New_York", 1);
    tzset();
    store_ = SqliteStore::Open(":memory:").value();
  }
  void TearDown() override {
    unsetenv("TZ");
    tzset();
  }

  Id Ask(const char* org, const char* role, Kind kind = Kind::kInterview) {
    AskInput in;
    in.org = org;
    in.role = role;
    in.kind = kind;
    in.asked_on = Day("2026-11-20");
    in.new_org = true;
    Result<LedgerChange> change = LogAsk(*store_, in, today_);
    EXPECT_TRUE(change.ok()) << change.message();
    return change.ok() ? change->ask.id : 0;
  }

  InterviewInput Input(Id ask, const char* at) {
    InterviewInput in;
    in.ask_id = ask;
    in.at = at;
    return in;
  }

  Id LastChangeId() {
    const std::optional<UndoneChange> last = store_->LastChange().value();
    return last ? last->change_id : 0;
  }

  std::unique_ptr<SqliteStore> store_;
  Date today_ = Day("2026-12-01");
};

TEST_F(InterviewsTest, SchedulesWithPeopleAndNextRoundPerRole) {
  const Id app = Ask("Acme", "Data Engineer", Kind::kApplication);
  const Id iv = Ask("Acme", "Data Engineer");
  const Id other = Ask("Globex", "SRE");
  InterviewInput in = Input(app, "2026-12-03 09:30");
  in.with = {"Ann Lee", "  Bo   Chen "};
  in.prep = "system design; questions about the team";
  Result<InterviewChange> first = ScheduleInterview(*store_, in, today_);
  ASSERT_TRUE(first.ok()) << first.message();
  EXPECT_EQ(first->interview.record.round, 1);
  EXPECT_EQ(UtcIso(first->interview.record.starts_at), "2026-12-03T14:30:00Z");
  EXPECT_EQ(PeopleText(first->interview.record), "Ann Lee, Bo Chen");
  EXPECT_EQ(first->interview.record.minutes, 60);
  EXPECT_EQ(first->interview.record.zone, "America/New_York");
  // The same role, another ask: round 2. Another role starts at 1.
  Result<InterviewChange> second =
      ScheduleInterview(*store_, Input(iv, "2026-12-09 14:00"), today_);
  ASSERT_TRUE(second.ok()) << second.message();
  EXPECT_EQ(second->interview.record.round, 2);
  Result<InterviewChange> third =
      ScheduleInterview(*store_, Input(other, "2026-12-04 11:00"), today_);
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->interview.record.round, 1);

  const std::vector<Interview> ahead = ListInterviews(*store_, today_, false).value();
  ASSERT_EQ(ahead.size(), 3u);
  EXPECT_EQ(ahead[0].ask.org, "Acme");
  EXPECT_EQ(ahead[1].ask.org, "Globex");
  const Json j = InterviewJson(ahead[2], today_);
  EXPECT_EQ(j["local"], "2026-12-09 14:00");
  EXPECT_EQ(j["zone"], "EST");
  EXPECT_EQ(j["ends_at"], "2026-12-09T20:00:00Z");
  // Only rounds from today on; --all has every round.
  EXPECT_EQ(ListInterviews(*store_, Day("2026-12-05"), false)->size(), 1u);
  EXPECT_EQ(ListInterviews(*store_, Day("2026-12-05"), true)->size(), 3u);

  // The agenda carries them; the pipeline shows the next round beside the stage.
  const Agenda agenda = BuildAgenda(*store_, today_, Horizon{}).value();
  ASSERT_EQ(agenda.interviews.size(), 3u);
  const std::string ics = AgendaIcs(agenda);
  EXPECT_NE(ics.find("UID:keel-interview-2@keel\r\nDTSTAMP:20261201T000000Z\r\n"
                     "DTSTART:20261209T190000Z\r\nDTEND:20261209T200000Z\r\n"),
            std::string::npos)
      << ics;
  const PipelineReport pipeline = BuildPipeline(*store_, today_, Horizon{}).value();
  bool seen = false;
  for (const OpportunityStage& role : pipeline.roles) {
    if (role.org != "Acme") continue;
    seen = true;
    EXPECT_EQ(role.rounds_scheduled, 2);
    ASSERT_TRUE(role.next_interview);
    EXPECT_EQ(role.next_interview->round, 1);
  }
  EXPECT_TRUE(seen);
}

TEST_F(InterviewsTest, RefusalsNameTheirFieldAndWriteNothing) {
  const Id ask = Ask("Acme", "Data Engineer");
  const Id before = LastChangeId();
  auto field = [&](const InterviewInput& in) {
    Result<InterviewChange> r = ScheduleInterview(*store_, in, today_);
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(LastChangeId(), before);
    return r.ok() ? std::string("ok") : r.field();
  };
  EXPECT_EQ(field(Input(ask, "next tuesday")), "at");
  EXPECT_EQ(field(Input(ask, "")), "at");
  EXPECT_EQ(field(Input(ask, "2026-03-08 02:30")), "at");  // the skipped hour
  EXPECT_EQ(field(Input(ask, "2028-01-05 10:00")), "at");  // more than a year ahead
  EXPECT_EQ(field(Input(99, "2026-12-09 10:00")), "ask_id");
  InterviewInput round = Input(ask, "2026-12-09 10:00");
  round.round = 0;
  EXPECT_EQ(field(round), "round");
  InterviewInput minutes = Input(ask, "2026-12-09 10:00");
  minutes.minutes = 2;
  EXPECT_EQ(field(minutes), "minutes");
  InterviewInput people = Input(ask, "2026-12-09 10:00");
  people.with = {"Ann", "\x1b[31m"};
  EXPECT_EQ(field(people), "with");
  // Twice at the same moment is a conflict; a past time is kept with a warning.
  ASSERT_TRUE(ScheduleInterview(*store_, Input(ask, "2026-12-09 10:00"), today_).ok());
  Result<InterviewChange> twice =
      ScheduleInterview(*store_, Input(ask, "2026-12-09 10:00"), today_);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.code(), ErrorCode::kConflict);
  Result<InterviewChange> past = ScheduleInterview(*store_, Input(ask, "2026-11-28 10:00"), today_);
  ASSERT_TRUE(past.ok());
  ASSERT_EQ(past->warnings.size(), 1u);
  EXPECT_NE(past->warnings[0].find("has passed"), std::string::npos);
}

TEST_F(InterviewsTest, EditRemoveAndAskDeleteAreUndoneExactly) {
  const Id ask = Ask("Acme", "Data Engineer");
  InterviewInput in = Input(ask, "2026-12-09 10:00");
  in.with = {"Ann Lee"};
  in.prep = "read the posting";
  const InterviewRecord original = ScheduleInterview(*store_, in, today_)->interview.record;

  InterviewEdit edit;
  edit.at = "2026-12-10 15:15";
  edit.with = std::vector<std::string>{"Bo Chen", "Cy Diaz"};
  edit.round = 3;
  Result<InterviewChange> changed = EditInterview(*store_, original.id, edit, today_);
  ASSERT_TRUE(changed.ok()) << changed.message();
  EXPECT_EQ(PeopleText(changed->interview.record), "Bo Chen, Cy Diaz");
  EXPECT_EQ(changed->interview.record.prep, "read the posting");
  EXPECT_EQ(UtcIso(changed->interview.record.starts_at), "2026-12-10T20:15:00Z");
  ASSERT_TRUE(store_->UndoLast().ok());
  EXPECT_EQ(store_->GetInterview(original.id).value(), original);

  ASSERT_TRUE(RemoveInterview(*store_, original.id).ok());
  EXPECT_FALSE(FindInterview(*store_, original.id).ok());
  EXPECT_EQ(FindInterview(*store_, original.id).code(), ErrorCode::kNotFound);
  ASSERT_TRUE(store_->UndoLast().ok());
  EXPECT_EQ(store_->GetInterview(original.id).value(), original);

  ASSERT_TRUE(DeleteAsk(*store_, ask).ok());
  EXPECT_FALSE(store_->GetInterview(original.id).value());
  ASSERT_TRUE(store_->UndoLast().ok());
  EXPECT_EQ(store_->GetInterview(original.id).value(), original);

  // A withdrawn ask takes no new round.
  OutcomeInput out;
  out.id = ask;
  out.outcome = Outcome::kWithdrawn;
  ASSERT_TRUE(RecordOutcome(*store_, out, today_).ok());
  Result<InterviewChange> refused =
      ScheduleInterview(*store_, Input(ask, "2026-12-11 10:00"), today_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.field(), "ask_id");
}

}  // namespace
}  // namespace keel
