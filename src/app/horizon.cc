#include "app/horizon.h"

namespace keel {

Result<std::vector<SurvivalPoint>> ReplyCurve(Store& store, Date today) {
  Result<std::vector<DayCount>> delays = store.ReplyDelays();
  if (!delays.ok()) return delays.status();
  Result<std::vector<DateCount>> waiting = store.WaitingByDate();
  if (!waiting.ok()) return waiting.status();
  std::vector<ReplyTimeCount> counts;
  counts.reserve(delays->size() + waiting->size());
  for (const DayCount& d : *delays) counts.push_back(ReplyTimeCount{d.days, d.n, 0});
  for (const DateCount& w : *waiting) {
    const int32_t waited = today - w.date;
    if (waited >= 0) counts.push_back(ReplyTimeCount{waited, 0, w.n});
  }
  return KaplanMeier(counts);
}

Result<Horizon> ResolveHorizon(Store& store, Date today, std::optional<int> given) {
  Horizon h;
  if (given) {
    h.days = *given;
    h.source = "given";
    return h;
  }
  Result<std::vector<SurvivalPoint>> curve = ReplyCurve(store, today);
  if (!curve.ok()) return curve.status();
  for (const SurvivalPoint& p : *curve) h.replies += p.replies;
  if (h.replies >= kMinRepliesToLearn) {
    if (std::optional<int32_t> learned = LearnedHorizon(*curve)) {
      h.days = *learned;
      h.source = "learned";
    }
  }
  return h;
}

}  // namespace keel
