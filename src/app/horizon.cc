#include "app/horizon.h"

#include <fmt/format.h>

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

std::optional<HorizonMove> DescribeHorizonMove(const Horizon& before, const Horizon& after,
                                               std::optional<int32_t> reply_before,
                                               std::optional<int32_t> reply_after) {
  if (before.days == after.days) return std::nullopt;
  auto days = [](int32_t n) { return fmt::format("{} day{}", n, n == 1 ? "" : "s"); };
  HorizonMove m;
  m.from = before.days;
  m.to = after.days;
  if (before.source != "learned" && after.source == "learned") {
    m.why =
        fmt::format("with {} replies, keel now learns it from your own reply times", after.replies);
  } else if (before.source == "learned" && after.source != "learned") {
    m.why = fmt::format("with {} repl{}, fewer than {}, keel is back to the default", after.replies,
                        after.replies == 1 ? "y" : "ies", kMinRepliesToLearn);
  } else if (reply_after && !reply_before) {
    m.why = fmt::format("a reply came after {}", days(*reply_after));
  } else if (reply_after && reply_before && *reply_after != *reply_before) {
    m.why =
        fmt::format("a reply time changed from {} to {}", days(*reply_before), days(*reply_after));
  } else if (reply_before && !reply_after) {
    m.why = fmt::format("the reply after {} was taken back", days(*reply_before));
  } else {
    m.why = "the asks waiting for a reply changed";
  }
  m.line = fmt::format("Your no-reply horizon moved from {} to {} days: {}.", m.from, m.to, m.why);
  return m;
}

std::optional<HorizonMove> DescribeHorizonMove(const Horizon& before, const Horizon& after,
                                               const std::string& why) {
  std::optional<HorizonMove> m = DescribeHorizonMove(before, after, std::nullopt, std::nullopt);
  if (!m) return m;
  // The switch between the default and the learned horizon is the better reason when it applies.
  if (before.source == after.source) {
    m->why = why;
    m->line =
        fmt::format("Your no-reply horizon moved from {} to {} days: {}.", m->from, m->to, why);
  }
  return m;
}

Result<HorizonAfter> HorizonAfterWrite(Store& store, Date today, std::optional<int> given,
                                       const Horizon& before, const std::string& why,
                                       std::optional<int32_t> reply_before,
                                       std::optional<int32_t> reply_after) {
  Result<Horizon> after = ResolveHorizon(store, today, given);
  if (!after.ok()) return after.status();
  HorizonAfter out{*after, std::nullopt};
  out.moved = reply_before != reply_after
                  ? DescribeHorizonMove(before, *after, reply_before, reply_after)
                  : DescribeHorizonMove(before, *after, why);
  return out;
}

}  // namespace keel
