// How many decided asks it takes to see a difference between two yes-rates: the sample size of a
// two-sided two-proportion z-test on Cohen's h, as statsmodels' NormalIndPower solves it.
#pragma once

#include <optional>

namespace keel {

/// The significance level and the power the answer is for: a real difference of the observed size
/// is declared (at 5 %, two-sided) in 80 % of searches that make this many asks per version.
inline constexpr double kPowerAlpha = 0.05;
inline constexpr double kPowerTarget = 0.8;

/// Decided asks per version needed for a two-sided two-proportion z-test at alpha 0.05 to detect,
/// with 80 % power, the difference between yes-rates p_a and p_b: Cohen's
/// h = 2 asin sqrt(p_b) - 2 asin sqrt(p_a), solved exactly as statsmodels'
/// NormalIndPower().solve_power(effect_size=h, alpha=0.05, power=0.8, ratio=1) (both tails of the
/// power function). A real number, not rounded up; it grows as 1/h^2 and is +infinity only for
/// differences near the smallest doubles. nullopt when h == 0 (no difference to see) or when a
/// rate is outside [0, 1] or NaN.
std::optional<double> AsksPerVersionToDetect(double p_a, double p_b);

/// Cohen's h for two proportions, as statsmodels' proportion_effectsize(p_b, p_a).
double CohensH(double p_a, double p_b);

}  // namespace keel
