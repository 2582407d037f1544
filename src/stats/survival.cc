// R's survfit computes, at each distinct time t with n at risk and d events:
//   S(t)    = prod (1 - d/n)
//   std.err = sqrt(sum d / (n (n - d)))            (Greenwood, on the cumulative-hazard scale)
//   lower   = exp(log S - z std.err), upper = min(1, exp(log S + z std.err))   (conf.type "log")
// and keeps censoring-only times as steps too. We do the same, from a histogram of integer days.
#include "stats/survival.h"

#include <algorithm>
#include <cmath>
#include <limits>
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

std::optional<double> MedianTime(const std::vector<SurvivalPoint>& curve) {
  const double toler = std::sqrt(std::numeric_limits<double>::epsilon());
  for (size_t i = 0; i < curve.size(); ++i) {
    if (curve[i].survival > 0.5 + toler) continue;
    if (std::abs(curve[i].survival - 0.5) < toler) {
      // Flat at one half from here: to the next drop, or to the curve's last time (an open
      // question still waiting) when it never drops again.
      double until = static_cast<double>(curve.back().days);
      for (size_t j = i + 1; j < curve.size(); ++j) {
        if (curve[j].survival < curve[i].survival) {
          until = static_cast<double>(curve[j].days);
          break;
        }
      }
      return (static_cast<double>(curve[i].days) + until) / 2.0;
    }
    return static_cast<double>(curve[i].days);
  }
  return std::nullopt;
}

double SurvivalAt(const std::vector<SurvivalPoint>& curve, int32_t days) {
  auto after = std::upper_bound(curve.begin(), curve.end(), days,
                                [](int32_t d, const SurvivalPoint& p) { return d < p.days; });
  return after == curve.begin() ? 1.0 : std::prev(after)->survival;
}

int64_t RepliesIn(const std::vector<SurvivalPoint>& curve) {
  int64_t replies = 0;
  for (const SurvivalPoint& p : curve) replies += p.replies;
  return replies;
}

std::optional<int32_t> TailDay(const std::vector<SurvivalPoint>& curve) {
  // at_risk only falls along the curve, so the last qualifying step is the first from the end.
  for (size_t i = curve.size(); i-- > 0;) {
    if (curve[i].at_risk >= kMinAtRiskForTail) return curve[i].days;
  }
  return std::nullopt;
}

namespace {
// The chance at d given t* and S(t*); nullopt when S(min(d, t*)) = 0.
std::optional<double> Chance(const std::vector<SurvivalPoint>& curve, int32_t tail_day,
                             double tail_survival, int32_t days) {
  const double s = SurvivalAt(curve, std::min(days, tail_day));
  if (s <= 0.0) return std::nullopt;
  return (s - tail_survival) / s;
}
}  // namespace

std::optional<double> ChanceReplyStillComes(const std::vector<SurvivalPoint>& curve, int32_t days) {
  if (RepliesIn(curve) < kMinRepliesForChance) return std::nullopt;
  const std::optional<int32_t> tail = TailDay(curve);
  if (!tail) return std::nullopt;
  return Chance(curve, *tail, SurvivalAt(curve, *tail), days);
}

std::optional<int32_t> LearnedHorizon(const std::vector<SurvivalPoint>& curve, double threshold) {
  if (RepliesIn(curve) < kMinRepliesForChance) return std::nullopt;
  const std::optional<int32_t> tail = TailDay(curve);
  if (!tail) return std::nullopt;
  const double tail_survival = SurvivalAt(curve, *tail);
  // The chance falls only where S does, so day 0 and the reply days up to t* are the candidates.
  auto below = [&](int32_t days) {
    const std::optional<double> chance = Chance(curve, *tail, tail_survival, days);
    return chance && *chance < threshold;
  };
  if (below(0)) return 0;
  for (const SurvivalPoint& p : curve) {
    if (p.days > *tail) break;
    if (p.replies > 0 && below(p.days)) return p.days;
  }
  return *tail + 1;
}

}  // namespace keel
