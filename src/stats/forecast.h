// "When is the next yes likely?": with the yes-rate uncertain (a Beta posterior), the number of
// asks up to and including the next yes follows the beta-geometric distribution (the
// beta-negative-binomial with one success).
#pragma once

#include <cstdint>
#include <optional>

#include "stats/proportion.h"

namespace keel {

/// P(K = k), K >= 1 the asks up to and including the next yes: B(a+1, b+k-1) / B(a, b).
double AsksToYesPmf(const BetaDist& rate, int64_t k);
/// P(K <= k) = 1 - prod_{j<k} (b+j)/(a+b+j), computed from the product to keep the tail exact.
double AsksToYesCdf(const BetaDist& rate, int64_t k);
/// The smallest k with P(K <= k) >= p, or nullopt beyond `limit` (a heavy tail when a < 1).
std::optional<int64_t> AsksToYesQuantile(const BetaDist& rate, double p,
                                         int64_t limit = 100'000'000);

struct AsksToYes {
  std::optional<int64_t> median, low80, high80;  // quantiles 0.5, 0.1, 0.9
};
AsksToYes ForecastAsks(const BetaDist& rate);

/// Days needed for `asks` asks at `asks_per_day`, rounded up; nullopt without a pace.
std::optional<int64_t> DaysAtPace(std::optional<int64_t> asks, double asks_per_day);

}  // namespace keel
