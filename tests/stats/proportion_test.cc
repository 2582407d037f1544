#include "stats/proportion.h"

#include "golden.h"

namespace keel {
namespace {

using testing::LoadGolden;
using testing::Near;

TEST(WilsonIntervalTest, MatchesStatsmodels) {
  const auto golden = LoadGolden("wilson.json");
  ASSERT_GE(golden["cases"].size(), 10u);
  for (const auto& c : golden["cases"]) {
    const auto interval = WilsonInterval(c["yes"].get<int64_t>(), c["n"].get<int64_t>());
    ASSERT_TRUE(interval.has_value());
    EXPECT_TRUE(Near(interval->low, c["low"].get<double>())) << c.dump();
    EXPECT_TRUE(Near(interval->high, c["high"].get<double>())) << c.dump();
  }
}

TEST(WilsonIntervalTest, NoIntervalWithoutDecidedAsks) {
  EXPECT_FALSE(WilsonInterval(0, 0).has_value());
}

TEST(PosteriorTest, AddsTenPseudoAsksCentredOnTheBaseline) {
  const BetaDist p = Posterior(13, 177, BaselineRate(Kind::kApplication));
  EXPECT_DOUBLE_EQ(p.alpha, 0.8 + 13);
  EXPECT_DOUBLE_EQ(p.beta, 9.2 + 164);
  EXPECT_DOUBLE_EQ(Posterior(0, 0, 0.3).Mean(), 0.3);
}

}  // namespace
}  // namespace keel
