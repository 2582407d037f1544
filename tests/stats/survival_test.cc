#include "stats/survival.h"

#include <fstream>
#include <map>

#include "golden.h"

namespace keel {
namespace {

using testing::LoadGolden;
using testing::Near;

std::vector<ReplyTimeCount> ReadTimes(const std::string& name) {
  std::ifstream in(std::string(KEEL_SOURCE_DIR) + "/tests/golden/inputs/" + name + ".csv");
  std::string line;
  std::getline(in, line);  // header
  std::map<int32_t, ReplyTimeCount> counts;
  while (std::getline(in, line)) {
    const size_t comma = line.find(',');
    const int32_t time = std::stoi(line.substr(0, comma));
    ReplyTimeCount& c = counts[time];
    c.days = time;
    (line.substr(comma + 1) == "1" ? c.replies : c.censored) += 1;
  }
  std::vector<ReplyTimeCount> out;
  for (const auto& [time, c] : counts) out.push_back(c);
  return out;
}

void ExpectOptional(const std::optional<double>& actual, const nlohmann::json& expected,
                    const std::string& what) {
  if (expected.is_null()) {
    EXPECT_FALSE(actual.has_value()) << what;
  } else {
    ASSERT_TRUE(actual.has_value()) << what;
    EXPECT_TRUE(Near(*actual, expected.get<double>())) << what;
  }
}

class KaplanMeierGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(KaplanMeierGolden, MatchesRSurvfit) {
  const auto golden = LoadGolden(GetParam() + ".json");
  const std::vector<SurvivalPoint> curve = KaplanMeier(ReadTimes(GetParam()));
  ASSERT_EQ(curve.size(), golden["rows"].size());
  for (size_t i = 0; i < curve.size(); ++i) {
    const auto& row = golden["rows"][i];
    const SurvivalPoint& p = curve[i];
    const std::string at = GetParam() + " time " + std::to_string(p.days);
    EXPECT_EQ(p.days, row["time"].get<int32_t>()) << at;
    EXPECT_EQ(p.at_risk, row["n_risk"].get<int64_t>()) << at;
    EXPECT_EQ(p.replies, row["n_event"].get<int64_t>()) << at;
    EXPECT_EQ(p.censored, row["n_censor"].get<int64_t>()) << at;
    EXPECT_TRUE(Near(p.survival, row["surv"].get<double>())) << at;
    ExpectOptional(p.std_err, row["std_err"], at + " std_err");
    ExpectOptional(p.low, row["lower"], at + " lower");
    ExpectOptional(p.high, row["upper"], at + " upper");
  }
}

INSTANTIATE_TEST_SUITE_P(Datasets, KaplanMeierGolden,
                         ::testing::Values("km_a_ties", "km_b_last_censored", "km_c_last_event",
                                           "km_d_all_censored", "km_e_single_event",
                                           "km_e_single_censored", "km_f_lcg100k", "km_g_merged",
                                           "km_h_jsdata", "km_i_late_replies"));

// horizon.json (scripts/golden/horizon.R): t*, the chance a reply still comes at every whole day
// and the learned horizon, computed in R from survfit's own curve.
TEST(LearnedHorizonGolden, MatchesRPerDayAndTStar) {
  const auto golden = LoadGolden("horizon.json");
  ASSERT_GE(golden["cases"].size(), 10u);
  for (const auto& c : golden["cases"]) {
    const std::string name = c["name"].get<std::string>();
    const std::vector<SurvivalPoint> curve = KaplanMeier(ReadTimes(name));
    EXPECT_EQ(RepliesIn(curve), c["events"].get<int64_t>()) << name;
    const std::optional<int32_t> tail = TailDay(curve);
    if (c["t_star"].is_null()) {
      EXPECT_FALSE(tail.has_value()) << name;
    } else {
      ASSERT_TRUE(tail.has_value()) << name;
      EXPECT_EQ(*tail, c["t_star"].get<int32_t>()) << name;
      EXPECT_TRUE(Near(SurvivalAt(curve, *tail), c["s_t_star"].get<double>())) << name;
    }
    const std::optional<int32_t> learned = LearnedHorizon(curve);
    if (c["learned_horizon"].is_null()) {
      EXPECT_FALSE(learned.has_value()) << name;
    } else {
      ASSERT_TRUE(learned.has_value()) << name;
      EXPECT_EQ(*learned, c["learned_horizon"].get<int32_t>()) << name;
    }
    for (const auto& point : c["chance"]) {
      const int32_t day = point["day"].get<int32_t>();
      ExpectOptional(ChanceReplyStillComes(curve, day), point["chance"],
                     name + " day " + std::to_string(day));
    }
  }
}

TEST(ChanceReplyStillComesTest, NotKnownBelowTwentyReplies) {
  // 19 replies on day 2, 11 asks waiting 30 days: a clear curve, but too few replies to trust.
  auto curve = KaplanMeier({{2, 19, 0}, {30, 0, 11}});
  EXPECT_FALSE(ChanceReplyStillComes(curve, 0).has_value());
  EXPECT_FALSE(LearnedHorizon(curve).has_value());
  // The 20th reply makes it known: S(t*) = S(30) = 11/31, S(0) = 1.
  curve = KaplanMeier({{2, 20, 0}, {30, 0, 11}});
  EXPECT_NEAR(*ChanceReplyStillComes(curve, 0), 20.0 / 31.0, 1e-12);
  EXPECT_NEAR(*ChanceReplyStillComes(curve, 2), 0.0, 1e-12);
  EXPECT_EQ(LearnedHorizon(curve), 2);
}

TEST(ChanceReplyStillComesTest, RepliesPastTStarDoNotMoveIt) {
  // 20 replies on day 1; 12 asks waiting 10 days; then 1 reply at day 40 with 5 at risk.
  const auto without = KaplanMeier({{1, 20, 0}, {10, 0, 12}, {50, 0, 5}});
  const auto with = KaplanMeier({{1, 20, 0}, {10, 0, 12}, {40, 1, 0}, {50, 0, 4}});
  EXPECT_EQ(TailDay(without), 10);
  EXPECT_EQ(TailDay(with), 10);
  for (int32_t d : {0, 1, 5, 10, 40, 60}) {
    EXPECT_EQ(ChanceReplyStillComes(without, d), ChanceReplyStillComes(with, d)) << d;
  }
  EXPECT_EQ(LearnedHorizon(with), LearnedHorizon(without));
  EXPECT_EQ(LearnedHorizon(with), 1);
  // Past t* the chance is 0, never negative.
  EXPECT_NEAR(*ChanceReplyStillComes(with, 45), 0.0, 1e-15);
}

TEST(LearnedHorizonTest, NoneWithoutReplies) {
  EXPECT_FALSE(LearnedHorizon(KaplanMeier({{5, 0, 3}})).has_value());
}

}  // namespace
}  // namespace keel
