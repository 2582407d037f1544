// Comparing two versions of a material (resume@v2 vs resume@v3): the probability that B's yes-rate
// beats A's under uniform priors, by Evan Miller's closed form.
#pragma once

#include <cstdint>

namespace keel {

/// P(p_B > p_A) with p_A ~ Beta(1 + yes_a, 1 + n_a - yes_a) and likewise for B:
/// sum_{i=0}^{alpha_B - 1} B(alpha_A + i, beta_A + beta_B) /
///                         ((beta_B + i) B(1 + i, beta_B) B(alpha_A, beta_A)).
double ProbabilityBBeatsA(int64_t yes_a, int64_t n_a, int64_t yes_b, int64_t n_b);

/// Below this many decided asks per version keel says "not enough evidence" before any number.
inline constexpr int64_t kMinEvidence = 20;

}  // namespace keel
