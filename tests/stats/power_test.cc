#include "stats/power.h"

#include <cmath>
#include <limits>

#include "golden.h"

namespace keel {
namespace {

// power.json: n is the root of statsmodels' NormalIndPower power function solved to full precision
// (and checked in mpmath); n_solve_power is what solve_power itself returns.
TEST(PowerTest, MatchesStatsmodels) {
  const auto golden = testing::LoadGolden("power.json");
  ASSERT_GE(golden["cases"].size(), 12u);
  for (const auto& c : golden["cases"]) {
    const double p_a = c["p_a"].get<double>();
    const double p_b = c["p_b"].get<double>();
    EXPECT_TRUE(testing::Near(CohensH(p_a, p_b), c["h"].get<double>())) << c.dump();
    const std::optional<double> n = AsksPerVersionToDetect(p_a, p_b);
    if (c["n"].is_null()) {
      EXPECT_FALSE(n.has_value()) << c.dump();
      continue;
    }
    ASSERT_TRUE(n.has_value()) << c.dump();
    EXPECT_TRUE(testing::Near(*n, c["n"].get<double>())) << c.dump();
    // solve_power stops its brentq at xtol = 1e-5 asks, so it is only that close to the root
    // (4.5e-8 relative at p = 0 vs 0.1): the tolerance is that xtol on top of the usual 1e-9.
    if (!c["n_solve_power"].is_null()) {
      const double expected = c["n_solve_power"].get<double>();
      EXPECT_LE(std::fabs(*n - expected), 1e-5 + 1e-9 * expected) << c.dump();
    }
  }
}

TEST(PowerTest, NoDifferenceIsNothingToSee) {
  EXPECT_FALSE(AsksPerVersionToDetect(0.08, 0.08).has_value());
  EXPECT_FALSE(AsksPerVersionToDetect(0.0, 0.0).has_value());
  EXPECT_FALSE(AsksPerVersionToDetect(1.0, 1.0).has_value());
}

TEST(PowerTest, SymmetricInTheOrderOfTheVersions) {
  EXPECT_EQ(AsksPerVersionToDetect(0.3, 0.1), AsksPerVersionToDetect(0.1, 0.3));
}

TEST(PowerTest, RatesOutsideZeroToOneGiveNothing) {
  EXPECT_FALSE(AsksPerVersionToDetect(-0.1, 0.2).has_value());
  EXPECT_FALSE(AsksPerVersionToDetect(0.2, 1.5).has_value());
  EXPECT_FALSE(AsksPerVersionToDetect(std::numeric_limits<double>::quiet_NaN(), 0.2).has_value());
}

// n grows as 1/h^2: halving h quadruples the asks, exactly (d* does not depend on h).
TEST(PowerTest, ScalesAsOneOverHSquared) {
  const double n1 = *AsksPerVersionToDetect(0.2, 0.3);
  const double h1 = std::fabs(CohensH(0.2, 0.3));
  const double n2 = *AsksPerVersionToDetect(0.01, 0.03);
  const double h2 = std::fabs(CohensH(0.01, 0.03));
  EXPECT_NEAR(n1 * h1 * h1, n2 * h2 * h2, 1e-12 * n1 * h1 * h1);
}

}  // namespace
}  // namespace keel
