#include "app/compare.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "stats/ab.h"
#include "stats/power.h"
#include "stats/proportion.h"

namespace keel {
namespace {

VersionEvidence V(std::string ref, int64_t asks, int64_t decided, int64_t yes) {
  return VersionEvidence{std::move(ref), asks, decided, yes};
}

bool Contains(const std::string& line, const std::string& part) {
  return line.find(part) != std::string::npos;
}

TEST(CompareTest, ShortEvidenceSaysSoOnTheFirstLine) {
  const Comparison c = Compare(V("resume@v2", 9, 7, 2), V("resume@v3", 5, 3, 1));
  EXPECT_FALSE(c.enough_evidence);
  const std::vector<std::string> lines = ComparisonLines(c);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0],
            "not enough evidence: resume@v2 has 7 decided asks, resume@v3 has 3; keel needs 20 on "
            "each side before comparing");
  // The numbers still follow the warning.
  EXPECT_EQ(lines[1], "resume@v2: yes-rate 29% (2 yes in 7 decided asks; 95% range 8% .. 64%)");
  EXPECT_EQ(lines[2], "resume@v3: yes-rate 33% (1 yes in 3 decided asks; 95% range 6% .. 79%)");
  EXPECT_TRUE(Contains(lines[3], "P(resume@v3 beats resume@v2) = ")) << lines[3];
}

TEST(CompareTest, ShortOnOneSideIsEnoughToWarn) {
  const Comparison c = Compare(V("cv@a", 40, 30, 3), V("cv@b", 21, 19, 4));
  EXPECT_FALSE(c.enough_evidence);
  EXPECT_EQ(ComparisonLines(c)[0],
            "not enough evidence: cv@a has 30 decided asks, cv@b has 19; keel needs 20 on each "
            "side before comparing");
}

TEST(CompareTest, OneDecidedAskIsSingular) {
  const Comparison c = Compare(V("cv@a", 1, 1, 0), V("cv@b", 0, 0, 0));
  const std::vector<std::string> lines = ComparisonLines(c);
  EXPECT_TRUE(Contains(lines[0], "cv@a has 1 decided ask, cv@b has 0;")) << lines[0];
  EXPECT_EQ(lines[2], "cv@b: no decided asks yet");
  EXPECT_EQ(lines.back(), "no yes-rate for cv@b yet: no difference to see");
}

TEST(CompareTest, EnoughEvidenceGivesRatesProbabilityAndFurtherAsks) {
  const Comparison c = Compare(V("resume@v2", 60, 50, 4), V("resume@v3", 45, 40, 6));
  EXPECT_TRUE(c.enough_evidence);
  ASSERT_TRUE(c.rate_a && c.rate_b);
  EXPECT_DOUBLE_EQ(*c.rate_a, 0.08);
  EXPECT_DOUBLE_EQ(*c.rate_b, 0.15);
  EXPECT_DOUBLE_EQ(c.p_b_beats_a, ProbabilityBBeatsA(4, 50, 6, 40));
  ASSERT_TRUE(c.asks_per_version);
  EXPECT_DOUBLE_EQ(*c.asks_per_version, *AsksPerVersionToDetect(0.08, 0.15));
  const auto target = static_cast<int64_t>(std::ceil(*c.asks_per_version));
  ASSERT_TRUE(c.further_asks);
  EXPECT_EQ(*c.further_asks, (target - 50) + (target - 40));

  const std::vector<std::string> lines = ComparisonLines(c);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0], "resume@v2: yes-rate 8% (4 yes in 50 decided asks; 95% range 3% .. 19%)");
  EXPECT_EQ(lines[1], "resume@v3: yes-rate 15% (6 yes in 40 decided asks; 95% range 7% .. 29%)");
  EXPECT_EQ(lines[2], "P(resume@v3 beats resume@v2) = 85%");
  EXPECT_EQ(target, 319);  // 318.84 per version for 8 % vs 15 %
  EXPECT_EQ(lines[3],
            "a real difference this size would show after about 548 more decided asks (319 on "
            "each version)");
}

TEST(CompareTest, FurtherAsksIsZeroOnceBothHaveEnough) {
  // 5 % vs 50 %: about 12.5 asks per version already suffice.
  const Comparison c = Compare(V("cv@a", 40, 40, 2), V("cv@b", 20, 20, 10));
  ASSERT_TRUE(c.further_asks);
  EXPECT_EQ(*c.further_asks, 0);
  EXPECT_EQ(ComparisonLines(c).back(),
            "a real difference this size should already show: each version has the 13 decided "
            "asks it takes");
}

TEST(CompareTest, FurtherAsksCountsOnlyTheShortSide) {
  const Comparison c = Compare(V("cv@a", 2000, 2000, 160), V("cv@b", 100, 100, 12));
  const auto target = static_cast<int64_t>(std::ceil(*c.asks_per_version));
  ASSERT_GT(target, 100);
  ASSERT_LT(target, 2000);
  EXPECT_EQ(*c.further_asks, target - 100);
}

TEST(CompareTest, EqualRatesHaveNoDifferenceToSee) {
  const Comparison c = Compare(V("cv@a", 30, 25, 5), V("cv@b", 60, 50, 10));
  EXPECT_FALSE(c.asks_per_version);
  EXPECT_FALSE(c.further_asks);
  EXPECT_EQ(ComparisonLines(c).back(), "the two rates are the same so far: no difference to see");
}

TEST(CompareTest, ProbabilityNeverRoundsToCertainty) {
  const Comparison c = Compare(V("cv@a", 200, 200, 2), V("cv@b", 200, 200, 60));
  ASSERT_GT(c.p_b_beats_a, 0.995);
  EXPECT_EQ(ComparisonLines(c)[2], "P(cv@b beats cv@a) > 99%");
  const Comparison d = Compare(V("cv@b", 200, 200, 60), V("cv@a", 200, 200, 2));
  EXPECT_EQ(ComparisonLines(d)[2], "P(cv@a beats cv@b) < 1%");
}

TEST(CompareTest, TinyDifferencesSaturateInsteadOfOverflowing) {
  // 0 of 1 vs 1 yes in 2^62: h is about 1e-9, so about 9e18 asks per version, and the total
  // further asks would pass INT64_MAX. (Few yeses keep ProbabilityBBeatsA's sum short.)
  const int64_t big = int64_t{1} << 62;
  const Comparison c = Compare(V("cv@a", 1, 1, 0), V("cv@b", big, big, 1));
  ASSERT_TRUE(c.asks_per_version);
  EXPECT_GT(*c.asks_per_version, 8e18);
  ASSERT_TRUE(c.further_asks);
  EXPECT_EQ(*c.further_asks, std::numeric_limits<int64_t>::max());
}

TEST(CompareJsonTest, KeysInOrderWithNulls) {
  const Comparison c = Compare(V("resume@v2", 9, 7, 2), V("resume@v3", 2, 0, 0));
  const Json j = ComparisonJson(c);
  std::vector<std::string> keys;
  for (const auto& [key, value] : j.items()) keys.push_back(key);
  EXPECT_EQ(keys,
            (std::vector<std::string>{"a", "b", "enough_evidence", "min_evidence", "p_b_beats_a",
                                      "asks_per_version_to_detect", "further_asks"}));
  std::vector<std::string> version_keys;
  for (const auto& [key, value] : j["a"].items()) version_keys.push_back(key);
  EXPECT_EQ(version_keys, (std::vector<std::string>{"material", "asks", "decided", "yes",
                                                    "yes_rate", "wilson95"}));
  EXPECT_EQ(j["a"]["material"], "resume@v2");
  EXPECT_EQ(j["a"]["asks"], 9);
  EXPECT_EQ(j["a"]["decided"], 7);
  EXPECT_EQ(j["a"]["yes"], 2);
  EXPECT_DOUBLE_EQ(j["a"]["yes_rate"].get<double>(), 2.0 / 7.0);
  const Interval w = *WilsonInterval(2, 7);
  EXPECT_EQ(j["a"]["wilson95"], Json::array({w.low, w.high}));
  EXPECT_TRUE(j["b"]["yes_rate"].is_null());
  EXPECT_TRUE(j["b"]["wilson95"].is_null());
  EXPECT_EQ(j["enough_evidence"], false);
  EXPECT_EQ(j["min_evidence"], 20);
  EXPECT_DOUBLE_EQ(j["p_b_beats_a"].get<double>(), ProbabilityBBeatsA(2, 7, 0, 0));
  EXPECT_TRUE(j["asks_per_version_to_detect"].is_null());
  EXPECT_TRUE(j["further_asks"].is_null());
}

TEST(CompareJsonTest, NumbersWhenBothRatesDiffer) {
  const Comparison c = Compare(V("resume@v2", 60, 50, 4), V("resume@v3", 45, 40, 6));
  const Json j = ComparisonJson(c);
  EXPECT_EQ(j["enough_evidence"], true);
  EXPECT_DOUBLE_EQ(j["asks_per_version_to_detect"].get<double>(), *c.asks_per_version);
  EXPECT_EQ(j["further_asks"].get<int64_t>(), *c.further_asks);
}

GuardInput Guard(int64_t decided, int64_t yes, double baseline = 0.08) {
  return GuardInput{"resume@v2", "application", baseline, decided, yes};
}

TEST(CompareGuardTest, ShownWithFewDecidedAsks) {
  const std::vector<std::string> lines = OverhaulGuardLines(Guard(6, 0));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0],
            "resume@v2 has 0 yes in 6 decided asks: 0% (95% range 0% .. 39%); the usual yes-rate "
            "for application asks (8%) is inside that range.");
  EXPECT_TRUE(Contains(lines[1], "a handful of nos is no evidence against resume@v2")) << lines[1];
  EXPECT_TRUE(Contains(lines[1], "keel needs 20 decided asks")) << lines[1];
  EXPECT_TRUE(Contains(lines[2], "added all the same")) << lines[2];
}

TEST(CompareGuardTest, ShownBelowTwentyEvenWhenTheRangeIsUnderTheBaseline) {
  // 0 of 19 referrals: upper bound 17 % < 30 %, but 19 decided asks are not enough to say so.
  const std::vector<std::string> lines = OverhaulGuardLines(Guard(19, 0, 0.30));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_TRUE(Contains(lines[0], "is above that range")) << lines[0];
  EXPECT_TRUE(Contains(lines[1], "too few to judge")) << lines[1];
}

TEST(CompareGuardTest, ShownWhenTheRangeStillReachesTheBaseline) {
  // 1 yes in 30: Wilson upper bound 16.7 % >= 8 %.
  const std::vector<std::string> lines = OverhaulGuardLines(Guard(30, 1));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_TRUE(Contains(lines[1], "A handful of nos is no evidence against resume@v2")) << lines[1];
}

TEST(CompareGuardTest, ShownWithNoDecidedAsks) {
  const std::vector<std::string> lines = OverhaulGuardLines(Guard(0, 0));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0],
            "resume@v2 has no decided asks yet to hold against the usual yes-rate for application "
            "asks (8%).");
}

TEST(CompareGuardTest, NotShownWhenTheVersionIsShownToDoWorse) {
  // 0 yes in 60: Wilson upper bound 6.0 % < 8 %.
  ASSERT_LT(WilsonInterval(0, 60)->high, 0.08);
  EXPECT_TRUE(OverhaulGuardLines(Guard(60, 0)).empty());
}

TEST(CompareGuardTest, BoundaryAtTwentyDecided) {
  // 0 of 20 against a 30 % baseline: upper bound 16 % < 30 % with exactly 20 decided: no guard.
  EXPECT_TRUE(OverhaulGuardLines(Guard(20, 0, 0.30)).empty());
  EXPECT_FALSE(OverhaulGuardLines(Guard(19, 0, 0.30)).empty());
}

TEST(CompareGuardTest, DoingBetterSaysSo) {
  const std::vector<std::string> lines = OverhaulGuardLines(Guard(40, 12));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_TRUE(Contains(lines[0], "is below that range")) << lines[0];
}

}  // namespace
}  // namespace keel
