// Yes-rates with honest uncertainty: the Wilson score interval (as statsmodels computes it) and the
// Beta posterior with a weak prior centred on a published baseline for each kind of ask.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/model.h"

namespace keel {

/// The two-sided 95 % normal quantile, as scipy's norm.isf(0.025).
inline constexpr double kZ95 = 1.959963984540054;

struct Interval {
  double low = 0;
  double high = 0;
};

/// Wilson score interval for yes/n, exactly as
/// statsmodels.stats.proportion.proportion_confint(yes, n, method="wilson"). nullopt when n = 0.
std::optional<Interval> WilsonInterval(int64_t yes, int64_t n, double z = kZ95);

/// A Beta(alpha, beta) distribution over a yes-rate.
struct BetaDist {
  double alpha = 1;
  double beta = 1;
  double Mean() const { return alpha / (alpha + beta); }
};

/// The prior's strength in pseudo-asks: weak, so a person's own history soon dominates.
inline constexpr double kPriorStrength = 10;

/// The documented baseline yes-rate for a kind of ask (docs/statistics.md gives the sources).
double BaselineRate(Kind kind);

/// Beta(alpha0 + yes, beta0 + decided - yes) with alpha0 + beta0 = kPriorStrength centred on
/// `baseline`.
BetaDist Posterior(int64_t yes, int64_t decided, double baseline);

}  // namespace keel
