#include "stats/streak.h"

#include "golden.h"

namespace keel {
namespace {

using testing::LoadGolden;
using testing::Near;

TEST(ProbabilityOfRunTest, MatchesExactMarkovChain) {
  const auto golden = LoadGolden("streak.json");
  ASSERT_GE(golden["cases"].size(), 300u);
  for (const auto& c : golden["cases"]) {
    const double p =
        ProbabilityOfRun(c["n"].get<int64_t>(), c["k"].get<int64_t>(), c["q"].get<double>());
    EXPECT_TRUE(Near(p, c["p"].get<double>())) << c.dump();
  }
}

TEST(ProbabilityOfRunTest, EdgeCases) {
  EXPECT_EQ(ProbabilityOfRun(5, 6, 0.9), 0.0);  // a run longer than the asks
  EXPECT_EQ(ProbabilityOfRun(5, 2, 0.0), 0.0);
  EXPECT_EQ(ProbabilityOfRun(5, 2, 1.0), 1.0);
  EXPECT_DOUBLE_EQ(ProbabilityOfRun(3, 3, 0.5), 0.125);
}

TEST(FindStreaksTest, CurrentAndLongest) {
  const Streaks s = FindStreaks({false, false, false, true, false, false});
  EXPECT_EQ(s.current, 2);
  EXPECT_EQ(s.longest, 3);
  EXPECT_EQ(FindStreaks({}).current, 0);
  EXPECT_EQ(FindStreaks({true}).longest, 0);
}

}  // namespace
}  // namespace keel
