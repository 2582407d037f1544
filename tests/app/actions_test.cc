// The before/after comparison of an action on hand-made asks: which asks fall on which side, what
// counts as decided, the evidence rule, and that the probability is the materials A/B's.
#include "app/actions.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "stats/ab.h"
#include "support/dates.h"

namespace keel {
namespace {

const Date kActionsToday = Day("2026-11-26");
const Date kStart = Day("2026-09-01");
constexpr int kSilenceDays = 21;

Ask MakeAsk(Kind kind, Date asked_on, Outcome outcome) {
  static Id next_id = 1;
  Ask ask;
  ask.id = next_id++;
  ask.org = "Org " + std::to_string(ask.id);
  ask.kind = kind;
  ask.asked_on = asked_on;
  ask.outcome = outcome;
  if (IsReply(outcome)) ask.replied_on = asked_on + 3;
  return ask;
}

// `yes` yes and `no` no asks of `kind`, all on `on`.
void Add(std::vector<Ask>& asks, Kind kind, Date on, int yes, int no) {
  for (int i = 0; i < yes; ++i) asks.push_back(MakeAsk(kind, on, Outcome::kYes));
  for (int i = 0; i < no; ++i) asks.push_back(MakeAsk(kind, on, Outcome::kNo));
}

ActionRecord MockInterviews() {
  return {7, "mock interviews weekly", Theme::kInterviewPerformance, kStart};
}

TEST(ActionsTest, KindsConcernedFollowTheTable) {
  using V = std::vector<Kind>;
  const V all = {Kind::kChat,  Kind::kResumeReview, Kind::kReferral,
                 Kind::kIntro, Kind::kApplication,  Kind::kInterview,
                 Kind::kOffer, Kind::kFeedback,     Kind::kOther};
  EXPECT_EQ(KindsConcerned(Theme::kInterviewPerformance), V{Kind::kInterview});
  EXPECT_EQ(KindsConcerned(Theme::kQualificationsGap), (V{Kind::kApplication, Kind::kInterview}));
  EXPECT_EQ(KindsConcerned(Theme::kExperienceLevel), (V{Kind::kApplication, Kind::kInterview}));
  EXPECT_EQ(KindsConcerned(Theme::kMaterials), (V{Kind::kResumeReview, Kind::kApplication}));
  EXPECT_EQ(KindsConcerned(Theme::kFollowThrough), all);
  EXPECT_EQ(KindsConcerned(Theme::kFocusUnclear),
            (V{Kind::kChat, Kind::kReferral, Kind::kIntro, Kind::kApplication}));
  EXPECT_EQ(KindsConcerned(Theme::kCompensation), (V{Kind::kInterview, Kind::kOffer}));
  for (Theme t : {Theme::kFilled, Theme::kHiringFreeze, Theme::kNoOpenings, Theme::kBusy,
                  Theme::kRoleChanged, Theme::kVolume, Theme::kGeneric}) {
    EXPECT_EQ(KindsConcerned(t), all) << Name(t);
  }
}

TEST(ActionsTest, SplitsAtTheActionDateAndCountsOnlyItsKinds) {
  std::vector<Ask> asks;
  Add(asks, Kind::kInterview, kStart - 1, 1, 2);     // before
  Add(asks, Kind::kInterview, kStart, 2, 1);         // on the day: after
  Add(asks, Kind::kApplication, kStart - 30, 5, 5);  // another kind: ignored
  Add(asks, Kind::kApplication, kStart + 30, 5, 5);
  asks.push_back(MakeAsk(Kind::kInterview, kActionsToday - 5, Outcome::kPending));  // still pending
  asks.push_back(
      MakeAsk(Kind::kInterview, kActionsToday - 40, Outcome::kPending));  // silent by now
  asks.push_back(MakeAsk(Kind::kInterview, kStart - 10, Outcome::kNotYet));

  const std::vector<ActionReport> reports =
      BuildActions({MockInterviews()}, asks, kActionsToday, kSilenceDays);
  ASSERT_EQ(reports.size(), 1u);
  const ActionReport& r = reports[0];
  EXPECT_EQ(r.kinds, std::vector<Kind>{Kind::kInterview});
  EXPECT_EQ(r.before.asks, 4);
  EXPECT_EQ(r.before.decided, 4);
  EXPECT_EQ(r.before.yes, 1);
  EXPECT_EQ(r.after.asks, 5);
  EXPECT_EQ(r.after.decided, 4);  // the pending one within the horizon is not decided
  EXPECT_EQ(r.after.yes, 2);
  ASSERT_TRUE(r.after.rate.has_value());
  EXPECT_DOUBLE_EQ(*r.after.rate, 0.5);
  ASSERT_TRUE(r.after.wilson95.has_value());
  EXPECT_DOUBLE_EQ(r.after.wilson95->low, WilsonInterval(2, 4)->low);
}

TEST(ActionsTest, NotEnoughEvidenceComesBeforeAnyNumber) {
  std::vector<Ask> asks;
  Add(asks, Kind::kInterview, kStart - 20, 3, 37);  // 40 decided before
  Add(asks, Kind::kInterview, kStart + 10, 1, 4);   // only 5 after
  const ActionReport r = BuildActions({MockInterviews()}, asks, kActionsToday, kSilenceDays)[0];
  EXPECT_FALSE(r.enough_evidence);
  ASSERT_EQ(r.lines.size(), 2u);
  EXPECT_EQ(r.lines[0].rfind("Action #7 \"mock interviews weekly\" (interview-performance) since "
                             "2026-09-01, on interview asks",
                             0),
            0u)
      << r.lines[0];
  EXPECT_EQ(r.lines[1].rfind("not enough evidence yet: 40 decided asks before and 5 after", 0), 0u)
      << r.lines[1];
  EXPECT_NE(r.lines[1].find("15 more after"), std::string::npos) << r.lines[1];
  EXPECT_NE(r.lines[1].find("So far the yes-rate is before 8% (n=40), after 20% (n=5)."),
            std::string::npos)
      << r.lines[1];
  EXPECT_EQ(r.lines[1].find("P(after beats before)"), std::string::npos) << r.lines[1];
  EXPECT_EQ(ActionsJson({r})[0]["enough_evidence"], false);
}

TEST(ActionsTest, NothingDecidedYetIsNotEnoughEvidence) {
  const ActionReport r = BuildActions({MockInterviews()}, {}, kActionsToday, kSilenceDays)[0];
  EXPECT_FALSE(r.enough_evidence);
  EXPECT_FALSE(r.before.rate.has_value());
  EXPECT_EQ(r.lines[1].rfind("not enough evidence yet: 0 decided asks before and 0 after", 0), 0u)
      << r.lines[1];
  EXPECT_EQ(r.lines[1].find("So far"), std::string::npos) << r.lines[1];
  const Json j = ActionsJson({r});
  EXPECT_EQ(j[0]["before"]["rate"], nullptr);
  EXPECT_EQ(j[0]["before"]["wilson95"], nullptr);
}

TEST(ActionsTest, EnoughEvidenceGivesRatesAndTheABProbability) {
  std::vector<Ask> asks;
  Add(asks, Kind::kInterview, kStart - 20, 3, 37);  // 8% of 40
  Add(asks, Kind::kInterview, kStart + 10, 3, 19);  // 14% of 22
  const ActionReport r = BuildActions({MockInterviews()}, asks, kActionsToday, kSilenceDays)[0];
  EXPECT_TRUE(r.enough_evidence);
  EXPECT_DOUBLE_EQ(r.p_after_beats_before, ProbabilityBBeatsA(3, 40, 3, 22));
  const int pct = static_cast<int>(std::lround(100.0 * ProbabilityBBeatsA(3, 40, 3, 22)));
  EXPECT_EQ(r.lines[1], "yes-rate before 8% (n=40), after 14% (n=22); P(after beats before) = " +
                            std::to_string(pct) + "%");

  const Json j = ActionsJson({r});
  EXPECT_EQ(j[0]["id"], 7);
  EXPECT_EQ(j[0]["theme"], "interview-performance");
  EXPECT_EQ(j[0]["on"], "2026-09-01");
  EXPECT_EQ(j[0]["kinds"], Json::array({"interview"}));
  EXPECT_EQ(j[0]["before"]["decided"], 40);
  EXPECT_EQ(j[0]["after"]["yes"], 3);
  EXPECT_EQ(j[0]["enough_evidence"], true);
  EXPECT_DOUBLE_EQ(j[0]["p_after_beats_before"].get<double>(), ProbabilityBBeatsA(3, 40, 3, 22));
}

TEST(ActionsTest, ExactlyTwentyOnEachSideIsEnough) {
  std::vector<Ask> asks;
  Add(asks, Kind::kApplication, kStart - 1, 1, 19);
  Add(asks, Kind::kResumeReview, kStart, 10, 10);
  const ActionRecord rewrite{1, "resume rewrite", Theme::kMaterials, kStart};
  const ActionReport r = BuildActions({rewrite}, asks, kActionsToday, kSilenceDays)[0];
  EXPECT_TRUE(r.enough_evidence);
  EXPECT_GT(r.p_after_beats_before, 0.99);
  EXPECT_NE(r.lines[1].find("P(after beats before) = > 99%"), std::string::npos) << r.lines[1];
  EXPECT_NE(r.lines[2].find("very likely higher"), std::string::npos) << r.lines[2];
}

TEST(ActionsTest, LinesFollowTheActionsInOrder) {
  const std::vector<ActionRecord> actions = {
      MockInterviews(), {8, "reply within 24 hours", Theme::kFollowThrough, kStart + 5}};
  const std::vector<ActionReport> reports = BuildActions(actions, {}, kActionsToday, kSilenceDays);
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_EQ(reports[1].kinds.size(), 9u);
  const std::vector<std::string> lines = ActionsLines(reports);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[2].rfind("Action #8 \"reply within 24 hours\"", 0), 0u);
  EXPECT_NE(lines[2].find("asks of every kind"), std::string::npos);
  EXPECT_EQ(ActionsLines({}).size(), 1u);
}

}  // namespace
}  // namespace keel
