// statsmodels' NormalIndPower with ratio = 1 and ddof = 0 tests on an effective sample of
// nobs = 1 / (1/n + 1/n) = n/2 per version, and its two-sided power is
//   power(n) = Phi(d - c) + Phi(-d - c),   d = |h| sqrt(n/2),   c = z_{1 - alpha/2}
// (normal_power in statsmodels/stats/power.py: sf(c - d) + cdf(-c - d)). The power depends on n
// and h only through d and rises with d (its derivative phi(d - c) - phi(d + c) is positive for
// d > 0), so there is one root d* of power = 0.8, the same for every h, and n = 2 (d* / |h|)^2.
// Solving for d rather than n needs no bracket that depends on h: power(0) = alpha < 0.8 and
// power(c + 1) >= Phi(1) > 0.84, and bisection on [0, c + 1] runs to the last bit of d*. So the
// result is accurate to a few ulps of n, for h of any size, where statsmodels' own solve_power
// stops its brentq at 1e-5 asks and fails outright below 2 asks (h near pi).
#include "stats/power.h"

#include <cmath>
#include <numbers>

#include "stats/proportion.h"

namespace keel {
namespace {

// Phi by erfc, accurate in both tails (1 + erf would lose the lower one).
double NormalCdf(double x) { return 0.5 * std::erfc(-x / std::numbers::sqrt2); }

// statsmodels' two-sided power at standardized distance d. kZ95 = scipy's norm.isf(0.025), the
// crit statsmodels computes for alpha = 0.05 (ppf(0.025) is its negative).
double TwoSidedPower(double d) { return NormalCdf(d - kZ95) + NormalCdf(-d - kZ95); }

// d* with TwoSidedPower(d*) = kPowerTarget, by bisection until the bracket is two adjacent doubles.
double RequiredDistance() {
  static_assert(kPowerAlpha == 0.05, "kZ95 is the crit for alpha = 0.05 only");
  double low = 0.0;
  double high = kZ95 + 1.0;
  for (;;) {
    const double mid = low + 0.5 * (high - low);
    if (mid <= low || mid >= high) break;
    if (TwoSidedPower(mid) < kPowerTarget) {
      low = mid;
    } else {
      high = mid;
    }
  }
  return low;
}

}  // namespace

double CohensH(double p_a, double p_b) {
  // Same operations in the same order as statsmodels: 2 * arcsin(sqrt(p1)) - 2 * arcsin(sqrt(p2)).
  return 2.0 * std::asin(std::sqrt(p_b)) - 2.0 * std::asin(std::sqrt(p_a));
}

std::optional<double> AsksPerVersionToDetect(double p_a, double p_b) {
  const double h = std::fabs(CohensH(p_a, p_b));
  if (!(h > 0.0)) return std::nullopt;  // h == 0, or NaN from a rate outside [0, 1]
  const double ratio = RequiredDistance() / h;
  return 2.0 * ratio * ratio;
}

}  // namespace keel
