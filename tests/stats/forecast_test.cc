#include "stats/forecast.h"

#include "golden.h"

namespace keel {
namespace {

using testing::LoadGolden;
using testing::Near;

TEST(AsksToYesTest, MatchesNumericalIntegration) {
  const auto golden = LoadGolden("forecast.json");
  ASSERT_GE(golden["cases"].size(), 5u);
  for (const auto& c : golden["cases"]) {
    const BetaDist rate{c["a"].get<double>(), c["b"].get<double>()};
    for (const auto& pmf : c["pmf"]) {
      EXPECT_TRUE(Near(AsksToYesPmf(rate, pmf["k"].get<int64_t>()), pmf["p"].get<double>()))
          << c["a"] << "," << c["b"] << " pmf k=" << pmf["k"];
    }
    for (const auto& cdf : c["cdf"]) {
      EXPECT_TRUE(Near(AsksToYesCdf(rate, cdf["k"].get<int64_t>()), cdf["p"].get<double>()))
          << c["a"] << "," << c["b"] << " cdf k=" << cdf["k"];
    }
    for (const auto& q : c["quantiles"]) {
      const auto k = AsksToYesQuantile(rate, q["p"].get<double>());
      ASSERT_TRUE(k.has_value());
      const int64_t expected = q["k"].get<int64_t>();
      if (q["tie"].get<bool>()) {
        // CDF(k) equals p exactly: k or k + 1 are both right in double arithmetic.
        EXPECT_TRUE(*k == expected || *k == expected + 1) << q.dump();
      } else {
        EXPECT_EQ(*k, expected) << c["a"] << "," << c["b"] << " p=" << q["p"];
      }
    }
  }
}

TEST(AsksToYesTest, DaysAtPaceRoundsUp) {
  EXPECT_EQ(DaysAtPace(10, 0.5), 20);
  EXPECT_EQ(DaysAtPace(3, 2.0), 2);
  EXPECT_FALSE(DaysAtPace(3, 0.0).has_value());
  EXPECT_FALSE(DaysAtPace(std::nullopt, 1.0).has_value());
}

}  // namespace
}  // namespace keel
