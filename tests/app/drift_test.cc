// Drift: the share of recent asks off the focus against the time before, and the run of nos that
// came before it. Expected numbers are counted by hand in the comments.
#include "app/drift.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/dates.h"

namespace keel {
namespace {

const Date kDriftToday =
    Day("2026-12-01");  // recent: 2026-11-18 .. 2026-12-01; before: up to 11-17
constexpr int kSilence = 21;

Ask Make(Id id, const char* on, const char* role, Outcome outcome = Outcome::kPending,
         const char* replied = nullptr, const char* note = "") {
  Ask a;
  a.id = id;
  a.asked_on = Day(on);
  a.org = "Org" + std::to_string(id);
  a.role = role;
  a.outcome = outcome;
  if (replied != nullptr) a.replied_on = Day(replied);
  a.note = note;
  return a;
}

Strategy Focus() {
  Strategy s;
  s.focus = {StrategyItem{"role", "data engineer", Day("2026-10-02")}};
  s.deal_breakers = {StrategyItem{"location", "relocation", Day("2026-10-02")}};
  return s;
}

// Ten asks before the window, one off focus (10%). Decisions before 2026-11-20, by date:
// #1 yes 10-08, #2 no 10-15, #3 no 10-20, #4 no 10-22, #6 not-yet 11-01, #7 no 11-05,
// #5 silent 11-11 (10-20 + 21 + 1), #8 no 11-12: seven non-yes after the yes. #9 and #10 are
// still pending (17 and 21 days: within the horizon).
std::vector<Ask> Before() {
  return {
      Make(1, "2026-10-05", "Data Engineer", Outcome::kYes, "2026-10-08"),
      Make(2, "2026-10-08", "data engineer", Outcome::kNo, "2026-10-15"),
      Make(3, "2026-10-12", "data engineer", Outcome::kNo, "2026-10-20"),
      Make(4, "2026-10-15", "Sales Manager", Outcome::kNo, "2026-10-22"),
      Make(5, "2026-10-20", "data engineer"),
      Make(6, "2026-10-25", "data engineer", Outcome::kNotYet, "2026-11-01"),
      Make(7, "2026-10-29", "data engineer", Outcome::kNo, "2026-11-05"),
      Make(8, "2026-11-02", "data engineer", Outcome::kNo, "2026-11-12"),
      Make(9, "2026-11-10", "data engineer"),
      Make(10, "2026-11-14", "data engineer"),
  };
}

// Six recent asks, four off focus (67%), the first of them on 2026-11-20.
std::vector<Ask> Recent() {
  return {
      Make(11, "2026-11-18", "data engineer"),
      Make(12, "2026-11-20", "Sales Manager"),
      Make(13, "2026-11-22", "Account Executive"),
      Make(14, "2026-11-24", "data engineer", Outcome::kPending, nullptr, "requires relocation"),
      Make(15, "2026-11-27", "data engineer"),
      Make(16, "2026-11-30", "Solutions Consultant"),
  };
}

std::vector<Ask> All() {
  std::vector<Ask> asks = Before();
  for (Ask& a : Recent()) asks.push_back(a);
  return asks;
}

TEST(DriftTest, DriftRightAfterARunOfNos) {
  const DriftReport r = BuildDrift(Focus(), All(), {16}, kDriftToday, kSilence);
  EXPECT_TRUE(r.has_strategy);
  EXPECT_EQ(r.recent.asks, 6);
  EXPECT_EQ(r.recent.off_focus, 4);
  EXPECT_DOUBLE_EQ(r.recent.share.value(), 4.0 / 6.0);
  EXPECT_EQ(r.before.asks, 10);
  EXPECT_EQ(r.before.off_focus, 1);
  EXPECT_DOUBLE_EQ(r.before.share.value(), 0.1);
  EXPECT_TRUE(r.drifting);
  EXPECT_EQ(r.started, Day("2026-11-20"));
  EXPECT_EQ(r.streak_before, 7);
  EXPECT_TRUE(r.after_streak);
  ASSERT_EQ(r.off_focus.size(), 4u);
  EXPECT_EQ(r.off_focus[0].id, 12);
  EXPECT_EQ(r.off_focus[2].why,
            "location 'relocation' (ruled out on 2026-10-02, named in the note)");
  EXPECT_FALSE(r.off_focus[0].deliberate);
  EXPECT_TRUE(r.off_focus[3].deliberate);

  const std::vector<std::string> expected = {
      // NOLINTNEXTLINE(bugprone-suspicious-missing-comma): one sentence split over lines
      "In the last 14 days 4 of 6 asks (67%) were off your focus, against 10% before. It began "
      "on 2026-11-20, right after 7 asks without a yes: this is the moment people abandon a "
      "good search. Your focus was set on 2026-10-02, while calm.",
      "You went ahead with 1 of them knowingly.",
      "If this is a change of course you have thought through, update your strategy to say so; if "
      "not, the asks below are the ones to look at again.",
      "  #12 2026-11-20 Org12, Sales Manager: role 'Sales Manager' is outside your focus ('data "
      "engineer')",
      "  #13 2026-11-22 Org13, Account Executive: role 'Account Executive' is outside your focus "
      "('data engineer')",
      "  #14 2026-11-24 Org14, data engineer: location 'relocation' (ruled out on 2026-10-02, "
      "named in the note)",
      "  #16 2026-11-30 Org16, Solutions Consultant: role 'Solutions Consultant' is outside your "
      "focus ('data engineer') (deliberate)",
  };
  EXPECT_EQ(DriftLines(r), expected);
}

TEST(DriftTest, DriftWithoutALongRunOfNos) {
  std::vector<Ask> asks = All();
  asks[5].outcome = Outcome::kYes;  // #6, decided 11-01: then #7 11-05, #5 11-11, #8 11-12
  const DriftReport r = BuildDrift(Focus(), asks, {}, kDriftToday, kSilence);
  EXPECT_TRUE(r.drifting);
  EXPECT_EQ(r.streak_before, 3);
  EXPECT_FALSE(r.after_streak);
  EXPECT_EQ(DriftLines(r)[0],
            "In the last 14 days 4 of 6 asks (67%) were off your focus, against 10% before. It "
            "began on 2026-11-20, after 3 asks without a yes. Your focus was set on 2026-10-02, "
            "while calm.");
  asks[7].outcome = Outcome::kYes;  // #8, decided 11-12: the last decision before the drift
  EXPECT_EQ(BuildDrift(Focus(), asks, {}, kDriftToday, kSilence).streak_before, 0);
}

TEST(DriftTest, SilenceIsDatedAtTheHorizon) {
  // Drift starts 11-20. An ask of 10-30 left unanswered is dated 10-30 + 21 = 11-20 (PRODUCT.md's
  // streak rule): not before the start. One of 10-29 is dated 11-19: before it.
  const Strategy s = Focus();
  std::vector<Ask> asks = {Make(1, "2026-10-01", "data engineer", Outcome::kYes, "2026-10-02"),
                           Make(2, "2026-10-30", "data engineer"),
                           Make(3, "2026-11-20", "Sales Manager"),
                           Make(4, "2026-11-21", "Sales Manager")};
  EXPECT_EQ(BuildDrift(s, asks, {}, kDriftToday, kSilence).streak_before, 0);
  asks[1].asked_on = Day("2026-10-29");
  EXPECT_EQ(BuildDrift(s, asks, {}, kDriftToday, kSilence).streak_before, 1);
  // Marked silent by hand: decided the same way.
  asks[1].outcome = Outcome::kSilent;
  EXPECT_EQ(BuildDrift(s, asks, {}, kDriftToday, kSilence).streak_before, 1);
}

TEST(DriftTest, ASearchThatAlwaysHadSideBetsIsNotDrifting) {
  std::vector<Ask> asks = All();
  for (Id id : {2, 3, 7, 8}) asks[static_cast<size_t>(id - 1)].role = "Account Manager";
  // Before: 5 of 10 off (50%); recent 67%: up 17 points, under 20.
  const DriftReport r = BuildDrift(Focus(), asks, {}, kDriftToday, kSilence);
  EXPECT_EQ(r.before.off_focus, 5);
  EXPECT_FALSE(r.drifting);
  EXPECT_EQ(DriftLines(r)[0],
            "In the last 14 days 4 of 6 asks (67%) were off your focus, against 50% before: not "
            "a drift.");
}

TEST(DriftTest, ARiseOfExactlyTwentyPointsIsADrift) {
  // Recent 2 of 5 (40%), before 2 of 10 (20%).
  std::vector<Ask> asks;
  for (Id id = 1; id <= 10; ++id) {
    asks.push_back(Make(id, "2026-11-01", id <= 2 ? "Sales Manager" : "data engineer"));
  }
  for (Id id = 11; id <= 15; ++id) {
    asks.push_back(Make(id, "2026-11-25", id <= 12 ? "Sales Manager" : "data engineer"));
  }
  EXPECT_TRUE(BuildDrift(Focus(), asks, {}, kDriftToday, kSilence).drifting);
  asks.pop_back();  // 2 of 4 recent (50%): still a drift
  EXPECT_TRUE(BuildDrift(Focus(), asks, {}, kDriftToday, kSilence).drifting);
  asks[2].role = "Sales Manager";  // before 3 of 10 (30%): up 20 points
  EXPECT_TRUE(BuildDrift(Focus(), asks, {}, kDriftToday, kSilence).drifting);
  asks[3].role = "Sales Manager";  // before 40%: up 10 points
  EXPECT_FALSE(BuildDrift(Focus(), asks, {}, kDriftToday, kSilence).drifting);
}

TEST(DriftTest, OneOffFocusAskIsNotADrift) {
  const std::vector<Ask> asks = {Make(1, "2026-11-25", "Sales Manager")};
  const DriftReport r = BuildDrift(Focus(), asks, {}, kDriftToday, kSilence);
  EXPECT_FALSE(r.drifting) << "no history before: share 100% against 0%, but only one ask";
  EXPECT_EQ(DriftLines(r)[0],
            "In the last 14 days 1 of 1 ask (100%) was off your focus, with no earlier asks to "
            "compare: not a drift.");
}

TEST(DriftTest, WindowEdgesAndFutureAsks) {
  const std::vector<Ask> asks = {Make(1, "2026-11-17", "data engineer"),
                                 Make(2, "2026-11-18", "data engineer"),
                                 Make(3, "2026-12-02", "Sales Manager")};
  const DriftReport r = BuildDrift(Focus(), asks, {}, kDriftToday, kSilence);
  EXPECT_EQ(r.before.asks, 1);
  EXPECT_EQ(r.recent.asks, 1);
  EXPECT_EQ(r.recent.off_focus, 0);
  EXPECT_EQ(DriftLines(r)[0], "In the last 14 days your one ask was on your focus.");
}

TEST(DriftTest, AsksThatSayNothingCountAsOnFocus) {
  const std::vector<Ask> asks = {Make(1, "2026-11-25", ""), Make(2, "2026-11-26", ""),
                                 Make(3, "2026-11-27", "data engineer")};
  const DriftReport r = BuildDrift(Focus(), asks, {}, kDriftToday, kSilence);
  EXPECT_EQ(r.recent.off_focus, 0);
  EXPECT_EQ(r.recent.unjudged, 2);
  const std::vector<std::string> expected = {
      "In the last 14 days all 3 asks were on your focus.",
      "2 asks in the last 14 days say nothing your focus is about, so they count as on focus; "
      "record the role and facets to have them judged.",
  };
  EXPECT_EQ(DriftLines(r), expected);
}

TEST(DriftTest, NoRecentAsks) {
  const DriftReport r = BuildDrift(Focus(), Before(), {}, kDriftToday, kSilence);
  EXPECT_FALSE(r.recent.share);
  EXPECT_FALSE(r.drifting);
  EXPECT_EQ(DriftLines(r),
            std::vector<std::string>{"No asks in the last 14 days, so nothing to judge yet. Before "
                                     "that, 10% of 10 asks were off your focus."});
}

TEST(DriftTest, NoStrategySaysHowToSetIt) {
  Strategy brand_only;
  brand_only.brand = "I turn data into decisions";
  const DriftReport r = BuildDrift(brand_only, All(), {}, kDriftToday, kSilence);
  EXPECT_FALSE(r.has_strategy);
  EXPECT_FALSE(r.drifting);
  EXPECT_EQ(r.recent.asks, 6);
  EXPECT_EQ(r.recent.off_focus, 0);
  EXPECT_TRUE(r.off_focus.empty());
  EXPECT_EQ(DriftLines(r),
            std::vector<std::string>{
                "No focus or deal-breakers set yet, so there is nothing to drift from. Set them "
                "while calm: keel strategy focus --role \"data engineer\", keel strategy rule-out "
                "--location relocation."});
}

TEST(DriftTest, FocusChangedDuringTheDriftIsNotCalledCalm) {
  Strategy s = Focus();
  s.focus.push_back(StrategyItem{"role", "analytics engineer", Day("2026-11-25")});
  const DriftReport r = BuildDrift(s, All(), {}, kDriftToday, kSilence);
  EXPECT_EQ(r.focus_set, Day("2026-10-02"));
  EXPECT_EQ(r.focus_changed, Day("2026-11-25"));
  const std::string line = DriftLines(r)[0];
  EXPECT_NE(line.find("Your focus was set on 2026-10-02 and last changed on 2026-11-25."),
            std::string::npos)
      << line;
}

TEST(DriftTest, AllDeliberate) {
  const DriftReport r = BuildDrift(Focus(), All(), {12, 13, 14, 16}, kDriftToday, kSilence);
  const std::vector<std::string> lines = DriftLines(r);
  ASSERT_GE(lines.size(), 2u);
  EXPECT_EQ(lines[1], "You went ahead with each of them knowingly.");
  EXPECT_EQ(lines[2].substr(0, 5), "  #12") << "no advice to reconsider what was chosen";
}

TEST(DriftTest, JsonShape) {
  const DriftReport r = BuildDrift(Focus(), All(), {16}, kDriftToday, kSilence);
  const Json j = DriftJson(r);
  EXPECT_EQ(j["today"], "2026-12-01");
  EXPECT_EQ(j["window_days"], 14);
  EXPECT_EQ(j["recent"].dump(),
            R"({"from":"2026-11-18","to":"2026-12-01","asks":6,"off_focus":4,"unjudged":0,)"
            R"("share":0.6666666666666666})");
  EXPECT_EQ(j["before"].dump(),
            R"({"to":"2026-11-17","asks":10,"off_focus":1,"unjudged":0,"share":0.1})");
  EXPECT_EQ(j["drifting"], true);
  EXPECT_EQ(j["started"], "2026-11-20");
  EXPECT_EQ(j["streak_before"], 7);
  EXPECT_EQ(j["after_streak"], true);
  EXPECT_EQ(j["focus_set"], "2026-10-02");
  ASSERT_EQ(j["off_focus"].size(), 4u);
  EXPECT_EQ(j["off_focus"][3].dump(),
            R"j({"id":16,"asked_on":"2026-11-30","org":"Org16","role":"Solutions Consultant",)j"
            R"j("why":"role 'Solutions Consultant' is outside your focus ('data engineer')",)j"
            R"j("deliberate":true})j");
  const Json none = DriftJson(BuildDrift(Strategy(), {}, {}, kDriftToday, kSilence));
  EXPECT_TRUE(none["recent"]["share"].is_null());
  EXPECT_TRUE(none["started"].is_null());
  EXPECT_TRUE(none["focus_set"].is_null());
}

}  // namespace
}  // namespace keel
