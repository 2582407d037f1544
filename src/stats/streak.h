// "Is this streak of nos ordinary?": the probability that a run at least this long happens by
// chance at a given rate, by de Moivre's run recurrence.
#pragma once

#include <cstdint>
#include <vector>

namespace keel {

/// P(at least one run of >= k consecutive failures in n independent trials, each failing with
/// probability q), by P_m = P_{m-1} + q^k (1-q) (1 - P_{m-k-1}), P_k = q^k, P_j = 0 for j < k.
/// O(n) time, O(k) memory; numerically stable for n in the millions. k <= 0 gives 1.
double ProbabilityOfRun(int64_t n, int64_t k, double q);

struct Streaks {
  int64_t current = 0;  // consecutive non-yes decisions, most recent first
  int64_t longest = 0;  // the longest such run anywhere
};

/// Streaks of non-yes in decisions ordered oldest first (true = yes).
Streaks FindStreaks(const std::vector<bool>& yes_in_decision_order);

}  // namespace keel
