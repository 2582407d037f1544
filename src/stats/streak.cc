#include "stats/streak.h"

#include <algorithm>
#include <cmath>

namespace keel {

double ProbabilityOfRun(int64_t n, int64_t k, double q) {
  if (k <= 0) return 1.0;
  if (n < k || q <= 0.0) return 0.0;
  if (q >= 1.0) return 1.0;
  const double qk = std::pow(q, static_cast<double>(k));
  const double step = qk * (1.0 - q);
  // ring[m % (k + 1)] holds P_m; P_{m-k-1} is the slot about to be overwritten.
  std::vector<double> ring(static_cast<size_t>(k) + 1, 0.0);
  const auto slot = [&](int64_t m) -> double& { return ring[static_cast<size_t>(m % (k + 1))]; };
  slot(k) = qk;
  double previous = qk;
  for (int64_t m = k + 1; m <= n; ++m) {
    const double older = m - k - 1 >= k ? slot(m - k - 1) : 0.0;
    const double current = previous + step * (1.0 - older);
    slot(m) = current;
    previous = current;
  }
  return std::min(previous, 1.0);
}

Streaks FindStreaks(const std::vector<bool>& yes_in_decision_order) {
  Streaks s;
  int64_t run = 0;
  for (bool yes : yes_in_decision_order) {
    run = yes ? 0 : run + 1;
    s.longest = std::max(s.longest, run);
  }
  s.current = run;
  return s;
}

}  // namespace keel
