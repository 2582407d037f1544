// Evan Miller, "Formulas for Bayesian A/B Testing" (2015). Terms are summed in log space (lgamma)
// so that hundreds of asks per version neither overflow nor underflow.
#include "stats/ab.h"

#include <cmath>

namespace keel {
namespace {
double LogBeta(double a, double b) { return std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b); }
}  // namespace

double ProbabilityBBeatsA(int64_t yes_a, int64_t n_a, int64_t yes_b, int64_t n_b) {
  const double alpha_a = 1.0 + static_cast<double>(yes_a);
  const double beta_a = 1.0 + static_cast<double>(n_a - yes_a);
  const double beta_b = 1.0 + static_cast<double>(n_b - yes_b);
  const int64_t alpha_b = 1 + yes_b;
  double total = 0.0;
  for (int64_t i = 0; i < alpha_b; ++i) {
    const double id = static_cast<double>(i);
    total += std::exp(LogBeta(alpha_a + id, beta_a + beta_b) - std::log(beta_b + id) -
                      LogBeta(1.0 + id, beta_b) - LogBeta(alpha_a, beta_a));
  }
  return total;
}

}  // namespace keel
