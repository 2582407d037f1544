// The worded lines: what a run holds, when a percentage is given, and how a moved horizon is told.
#include "app/reframe.h"

#include <gtest/gtest.h>

namespace keel {
namespace {

StreakReport RunOf(int64_t no, int64_t not_yet, int64_t silent, double p, int64_t yes = 1) {
  StreakReport r;
  r.decided = 100;
  r.yes = yes;
  r.current_no = no;
  r.current_not_yet = not_yet;
  r.current_silent = silent;
  r.current = no + not_yet + silent;
  if (r.current > 0) r.p_current = p;
  return r;
}

TEST(StreakLineTest, SaysWhatTheRunHoldsAndNeverNosInARow) {
  const std::string line = StreakLine(RunOf(9, 1, 12, 0.35));
  EXPECT_EQ(line,
            "22 asks since your last yes (9 nos, 1 not yet, 12 unanswered) \u2014 a run this long "
            "happens to 35% of searchers with your rate (not unusual).");
  EXPECT_EQ(line.find("in a row"), std::string::npos);
}

TEST(StreakLineTest, ShortRunsAreOrdinaryWithoutAPercentage) {
  EXPECT_EQ(StreakLine(RunOf(1, 0, 1, 1.0)),
            "2 asks since your last yes (1 no, 1 unanswered): a run this short is ordinary.");
  EXPECT_EQ(StreakLine(RunOf(0, 1, 0, 1.0)),
            "1 ask since your last yes (1 not yet): a run this short is ordinary.");
  EXPECT_EQ(StreakLine(RunOf(0, 0, 0, 0)), "Your latest answer (by reply date) was a yes.");
}

TEST(StreakLineTest, NeverRoundsToZeroOrAHundredPercent) {
  EXPECT_NE(StreakLine(RunOf(3, 0, 0, 0.999)).find("happens to over 99% of searchers"),
            std::string::npos);
  EXPECT_NE(StreakLine(RunOf(30, 0, 0, 0.001)).find("happens to under 1% of searchers"),
            std::string::npos);
}

TEST(StreakLineTest, WithoutAnyYesAndForOneKind) {
  EXPECT_EQ(StreakLine(RunOf(2, 0, 1, 0.8, 0)),
            "3 asks and no yes yet (2 nos, 1 unanswered) \u2014 a run this long happens to 80% of "
            "searchers with your rate (ordinary).");
  StreakReport kind = RunOf(4, 0, 0, 0.5);
  kind.kind = Kind::kApplication;
  EXPECT_EQ(StreakLine(kind),
            "4 applications since the last one that got a yes (4 nos) \u2014 a run this long "
            "happens to 50% of searchers with your rate for applications (ordinary).");
}

TEST(ForecastLineTest, NoAnswerNoForecast) {
  ForecastReport r;
  EXPECT_EQ(ForecastLine(r), "No forecast yet: it needs at least one answer.");
  r.kind = Kind::kChat;
  EXPECT_EQ(ForecastLine(r), "No forecast for chat requests yet: it needs at least one answer.");
}

TEST(HorizonMoveTest, SaysWhyItMoved) {
  Horizon learned{18, "learned", 30};
  Horizon later{24, "learned", 31};
  EXPECT_FALSE(DescribeHorizonMove(learned, learned, std::nullopt, 5).has_value());
  EXPECT_EQ(DescribeHorizonMove(learned, later, std::nullopt, 23)->line,
            "Your no-reply horizon moved from 18 to 24 days: a reply came after 23 days.");
  EXPECT_EQ(DescribeHorizonMove(later, learned, 23, std::nullopt)->why,
            "the reply after 23 days was taken back");
  EXPECT_EQ(
      DescribeHorizonMove(Horizon{21, "default", 19}, Horizon{16, "learned", 20}, std::nullopt, 23)
          ->why,
      "with 20 replies, keel now learns it from your own reply times");
  EXPECT_EQ(
      DescribeHorizonMove(Horizon{16, "learned", 20}, Horizon{21, "default", 19}, 23, std::nullopt)
          ->why,
      "with 19 replies, fewer than 20, keel is back to the default");
}

}  // namespace
}  // namespace keel
