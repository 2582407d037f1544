// "Has silence become a no?": the no-reply-yet curve S(d) = P(no reply within d days), learned from
// the person's own asks by Kaplan-Meier, with Greenwood's variance and the log-transformed 95 %
// interval, exactly as R's survfit(Surv(time, event) ~ 1) with its defaults.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace keel {

/// How many asks had a reply after exactly `days` days (events) and how many have waited exactly
/// `days` days without one (censored). A histogram: the curve never needs the asks themselves.
struct ReplyTimeCount {
  int32_t days = 0;
  int64_t replies = 0;
  int64_t censored = 0;
};

/// One step of the curve, at a time where something happened (as R's survfit keeps them).
struct SurvivalPoint {
  int32_t days = 0;
  int64_t at_risk = 0;
  int64_t replies = 0;
  int64_t censored = 0;
  double survival = 1;
  std::optional<double> std_err;  // of the cumulative hazard; none once survival reaches 0
  std::optional<double> low, high;
};

/// Kaplan-Meier over a histogram (any order, duplicates merged). Negative days are a bug.
std::vector<SurvivalPoint> KaplanMeier(const std::vector<ReplyTimeCount>& counts);

/// The curve's median as R's survfit reports it (quantile.survfit): the first time the curve is at
/// or below one half; where it is exactly one half (within sqrt(DBL_EPSILON)), the midpoint between
/// that time and the time of the next drop, or the curve's last time when it never drops again.
/// None when the curve stays above one half (tests/golden/questions_km.json holds R's answers).
std::optional<double> MedianTime(const std::vector<SurvivalPoint>& curve);

/// S(d): the curve's value after d days (1 before the first reply).
double SurvivalAt(const std::vector<SurvivalPoint>& curve, int32_t days);

/// Below this many observed replies the chance a reply still comes is not known yet.
inline constexpr int64_t kMinRepliesForChance = 20;
/// The tail of the curve is trusted while at least this many asks are at risk (R's n.risk).
inline constexpr int64_t kMinAtRiskForTail = 10;

/// The observed replies (events) behind the curve.
int64_t RepliesIn(const std::vector<SurvivalPoint>& curve);

/// t*: the last day of the curve with at least kMinAtRiskForTail asks at risk; nullopt when no
/// day has that many. S(t*) stands for S(inf): replies later than t* do not move it.
std::optional<int32_t> TailDay(const std::vector<SurvivalPoint>& curve);

/// The chance a reply still comes after d days of silence: (S(d) - S(t*)) / S(d), with d taken
/// as t* from t* on (so 0 there). nullopt ("not known yet") with fewer than kMinRepliesForChance
/// replies, without a t*, or when S(min(d, t*)) = 0.
std::optional<double> ChanceReplyStillComes(const std::vector<SurvivalPoint>& curve, int32_t days);

/// The smallest whole day d <= t* at which that chance falls below `threshold` (10 %), t* + 1
/// if none; nullopt when the chance is not known (see above).
std::optional<int32_t> LearnedHorizon(const std::vector<SurvivalPoint>& curve,
                                      double threshold = 0.10);

}  // namespace keel
