// R's survfit computes, at each distinct time t with n at risk and d events:
//   S(t)    = prod (1 - d/n)
//   std.err = sqrt(sum d / (n (n - d)))            (Greenwood, on the cumulative-hazard scale)
//   lower   = exp(log S - z std.err), upper = min(1, exp(log S + z std.err))   (conf.type "log")
// and keeps censoring-only times as steps too. We do the same, from a histogram of integer days.
#include "stats/survival.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "stats/proportion.h"

namespace keel {

std::vector<SurvivalPoint> KaplanMeier(const std::vector<ReplyTimeCount>& counts) {
  std::map<int32_t, ReplyTimeCount> by_day;
  int64_t at_risk = 0;
  for (const ReplyTimeCount& c : counts) {
    ReplyTimeCount& merged = by_day[c.days];
    merged.days = c.days;
    merged.replies += c.replies;
    merged.censored += c.censored;
    at_risk += c.replies + c.censored;
  }
  std::vector<SurvivalPoint> curve;
  double survival = 1.0;
  double greenwood = 0.0;
  bool greenwood_defined = true;
  for (const auto& [days, c] : by_day) {
    if (c.replies == 0 && c.censored == 0) continue;
    SurvivalPoint p;
    p.days = days;
    p.at_risk = at_risk;
    p.replies = c.replies;
    p.censored = c.censored;
    if (c.replies > 0) {
      const double n = static_cast<double>(at_risk);
      const double d = static_cast<double>(c.replies);
      survival *= 1.0 - d / n;
      if (c.replies < at_risk) {
        greenwood += d / (n * (n - d));
      } else {
        greenwood_defined = false;
      }
    }
    p.survival = survival;
    if (greenwood_defined && survival > 0.0) {
      const double se = std::sqrt(greenwood);
      p.std_err = se;
      p.low = std::exp(std::log(survival) - kZ95 * se);
      p.high = std::min(1.0, std::exp(std::log(survival) + kZ95 * se));
    }
    curve.push_back(p);
    at_risk -= c.replies + c.censored;
  }
  return curve;
}

double SurvivalAt(const std::vector<SurvivalPoint>& curve, int32_t days) {
  auto after = std::upper_bound(curve.begin(), curve.end(), days,
                                [](int32_t d, const SurvivalPoint& p) { return d < p.days; });
  return after == curve.begin() ? 1.0 : std::prev(after)->survival;
}

namespace {
double SurvivalAtLastReply(const std::vector<SurvivalPoint>& curve) {
  // Newest first. (Index loop: clang-tidy 14 cannot parse libstdc++ 12's reverse_view.)
  for (size_t i = curve.size(); i-- > 0;) {
    if (curve[i].replies > 0) return curve[i].survival;
  }
  return 1.0;
}
}  // namespace

std::optional<double> ChanceReplyStillComes(const std::vector<SurvivalPoint>& curve, int32_t days) {
  const double s = SurvivalAt(curve, days);
  if (s <= 0.0) return std::nullopt;
  return (s - SurvivalAtLastReply(curve)) / s;
}

std::optional<int32_t> LearnedHorizon(const std::vector<SurvivalPoint>& curve, double threshold) {
  // The chance changes only where S does, so day 0 and the reply days are the only candidates.
  const bool any_reply =
      std::any_of(curve.begin(), curve.end(), [](const SurvivalPoint& p) { return p.replies > 0; });
  if (!any_reply) return std::nullopt;
  auto below = [&](int32_t days) {
    const std::optional<double> chance = ChanceReplyStillComes(curve, days);
    return !chance || *chance < threshold;
  };
  if (below(0)) return 0;
  for (const SurvivalPoint& p : curve) {
    if (p.replies > 0 && below(p.days)) return p.days;
  }
  return std::nullopt;
}

}  // namespace keel
