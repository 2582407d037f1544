// The Wilson interval follows statsmodels' proportion_confint line by line (same operations in the
// same order), so the golden values from statsmodels agree to the last few bits.
#include "stats/proportion.h"

#include <cmath>

namespace keel {

std::optional<Interval> WilsonInterval(int64_t yes, int64_t n, double z) {
  if (n <= 0) return std::nullopt;
  const double nobs = static_cast<double>(n);
  const double q = static_cast<double>(yes) / nobs;
  const double crit2 = z * z;
  const double denom = 1.0 + crit2 / nobs;
  const double center = (q + crit2 / (2.0 * nobs)) / denom;
  double dist = z * std::sqrt(q * (1.0 - q) / nobs + crit2 / (4.0 * nobs * nobs));
  dist /= denom;
  return Interval{center - dist, center + dist};
}

double BaselineRate(Kind kind) {
  switch (kind) {
    case Kind::kApplication:
      return 0.08;  // Bertrand & Mullainathan 2004: 392 / 4,870 callbacks
    case Kind::kReferral:
    case Kind::kIntro:
      return 0.30;  // Lever 2016: referrals 1 in 16 hires vs 1 in 152
    case Kind::kChat:
    case Kind::kResumeReview:
    case Kind::kFeedback:
      return 0.25;  // LinkedIn: InMail reply rates of 10-30 %
    case Kind::kInterview:
      return 0.30;  // Jobvite 2015-2017: interview-to-offer 17-28 %
    case Kind::kOffer:
      return 0.20;
    case Kind::kOther:
      return 0.10;
  }
  return 0.10;
}

BetaDist Posterior(int64_t yes, int64_t decided, double baseline) {
  return BetaDist{kPriorStrength * baseline + static_cast<double>(yes),
                  kPriorStrength * (1.0 - baseline) + static_cast<double>(decided - yes)};
}

}  // namespace keel
