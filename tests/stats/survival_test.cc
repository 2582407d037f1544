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
                                           "km_h_jsdata"));

TEST(ChanceReplyStillComesTest, FallsToZeroAfterTheSlowestReply) {
  // Replies after 1, 2 and 10 days; two asks still waiting at 20 days.
  const auto curve = KaplanMeier({{1, 1, 0}, {2, 1, 0}, {10, 1, 0}, {20, 0, 2}});
  // S(0) = 1, S(inf) = S(10) = 0.4: a 60 % chance of a reply at the start.
  EXPECT_NEAR(*ChanceReplyStillComes(curve, 0), 0.6, 1e-12);
  EXPECT_NEAR(*ChanceReplyStillComes(curve, 2), (0.6 - 0.4) / 0.6, 1e-12);
  EXPECT_NEAR(*ChanceReplyStillComes(curve, 10), 0.0, 1e-12);
  EXPECT_EQ(LearnedHorizon(curve), 10);
}

TEST(LearnedHorizonTest, NoneWithoutReplies) {
  EXPECT_FALSE(LearnedHorizon(KaplanMeier({{5, 0, 3}})).has_value());
}

}  // namespace
}  // namespace keel
