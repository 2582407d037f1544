#include "stats/ab.h"

#include "golden.h"

namespace keel {
namespace {

TEST(ProbabilityBBeatsATest, MatchesNumericalIntegration) {
  const auto golden = testing::LoadGolden("ab.json");
  ASSERT_GE(golden["cases"].size(), 5u);
  for (const auto& c : golden["cases"]) {
    const double p = ProbabilityBBeatsA(c["yes_a"].get<int64_t>(), c["n_a"].get<int64_t>(),
                                        c["yes_b"].get<int64_t>(), c["n_b"].get<int64_t>());
    EXPECT_TRUE(testing::Near(p, c["p"].get<double>())) << c.dump();
  }
}

TEST(ProbabilityBBeatsATest, EqualEvidenceIsAHalf) {
  EXPECT_NEAR(ProbabilityBBeatsA(5, 40, 5, 40), 0.5, 1e-12);
}

}  // namespace
}  // namespace keel
