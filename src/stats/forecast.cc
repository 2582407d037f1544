// The survival function S(k) = P(K > k) = prod_{j=0}^{k-1} (b+j)/(a+b+j) is a running product of
// numbers below one: no cancellation, no special functions, exact to rounding for any k.
#include "stats/forecast.h"

#include <cmath>

namespace keel {

double AsksToYesPmf(const BetaDist& r, int64_t k) {
  if (k < 1) return 0.0;
  // P(K=1) = a/(a+b); P(K=k+1)/P(K=k) = (b+k-1)/(a+b+k).
  double p = r.alpha / (r.alpha + r.beta);
  for (int64_t j = 1; j < k; ++j) {
    const double jd = static_cast<double>(j);
    p *= (r.beta + jd - 1.0) / (r.alpha + r.beta + jd);
  }
  return p;
}

double AsksToYesCdf(const BetaDist& r, int64_t k) {
  if (k < 1) return 0.0;
  double survival = 1.0;
  for (int64_t j = 0; j < k; ++j) {
    const double jd = static_cast<double>(j);
    survival *= (r.beta + jd) / (r.alpha + r.beta + jd);
  }
  return 1.0 - survival;
}

std::optional<int64_t> AsksToYesQuantile(const BetaDist& r, double p, int64_t limit) {
  double survival = 1.0;
  for (int64_t k = 1; k <= limit; ++k) {
    const double jd = static_cast<double>(k - 1);
    survival *= (r.beta + jd) / (r.alpha + r.beta + jd);
    if (1.0 - survival >= p) return k;
  }
  return std::nullopt;
}

AsksToYes ForecastAsks(const BetaDist& rate) {
  return AsksToYes{AsksToYesQuantile(rate, 0.5), AsksToYesQuantile(rate, 0.1),
                   AsksToYesQuantile(rate, 0.9)};
}

std::optional<int64_t> DaysAtPace(std::optional<int64_t> asks, double asks_per_day) {
  if (!asks || asks_per_day <= 0.0) return std::nullopt;
  return static_cast<int64_t>(std::ceil(static_cast<double>(*asks) / asks_per_day));
}

}  // namespace keel
