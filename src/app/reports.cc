// Reports read the running tallies (schema 2) rather than the asks, so that a million-ask search
// answers as fast as a small one. Only the asks made within the horizon are read, to tell which
// pending asks are still pending today; everything older is silent by definition.
#include "app/reports.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "app/transaction.h"
#include "stats/streak.h"

namespace keel {
namespace {

constexpr const char* kDimensions[] = {"kind", "channel", "material", "month", "org"};

void Finish(GroupStats& g, double baseline) {
  g.decided = g.yes + g.no + g.not_yet + g.silent;
  g.asks = g.decided + g.pending + g.withdrawn;
  if (g.decided > 0) {
    g.yes_rate = static_cast<double>(g.yes) / static_cast<double>(g.decided);
    g.wilson95 = WilsonInterval(g.yes, g.decided);
  }
  if (g.yes > 0) {
    g.nos_per_yes = static_cast<double>(g.no + g.not_yet + g.silent) / static_cast<double>(g.yes);
  }
  g.posterior = Posterior(g.yes, g.decided, baseline);
}

void Add(GroupStats& g, Outcome outcome, int64_t n) {
  switch (outcome) {
    case Outcome::kYes:
      g.yes += n;
      break;
    case Outcome::kNo:
      g.no += n;
      break;
    case Outcome::kNotYet:
      g.not_yet += n;
      break;
    case Outcome::kSilent:
      g.silent += n;
      break;
    case Outcome::kPending:
      g.pending += n;
      break;
    case Outcome::kWithdrawn:
      g.withdrawn += n;
      break;
  }
}

Result<double> OverallBaseline(Store& store) {
  Result<std::vector<Tally>> kinds = store.Tallies("kind");
  if (!kinds.ok()) return kinds.status();
  double weighted = 0;
  int64_t total = 0;
  for (const Tally& t : *kinds) {
    if (t.outcome == Outcome::kWithdrawn) continue;  // not a decided ask
    Result<Kind> kind = ParseKind(t.key);
    if (!kind.ok()) continue;
    weighted += BaselineRate(*kind) * static_cast<double>(t.n);
    total += t.n;
  }
  return total > 0 ? weighted / static_cast<double>(total) : BaselineRate(Kind::kApplication);
}

Result<StatsReport> Stats(Store& store, Date today, const Horizon& horizon, const std::string& by) {
  StatsReport report;
  report.by = by;
  report.horizon = horizon;
  std::map<std::string, GroupStats> groups;
  GroupStats& total = report.total;

  if (by == "org") {
    // No tally per organization (there may be hundreds of thousands): read the asks.
    Result<std::vector<Ask>> asks = store.ListAsks();
    if (!asks.ok()) return asks.status();
    for (const Ask& a : *asks) {
      const Outcome o = a.EffectiveOutcome(today, horizon.days);
      Add(groups[a.org], o, 1);
      Add(total, o, 1);
    }
  } else {
    Result<std::vector<Tally>> all = store.Tallies("all");
    if (!all.ok()) return all.status();
    for (const Tally& t : *all) Add(total, t.outcome, t.n);
    if (!by.empty()) {
      Result<std::vector<Tally>> tallies = store.Tallies(by);
      if (!tallies.ok()) return tallies.status();
      for (const Tally& t : *tallies) Add(groups[t.key], t.outcome, t.n);
    }
    // Recorded pending asks older than the horizon are silent; only recent ones stay pending.
    // Counted in SQL over the date index: loading those asks whole cost 80 % of `stats`.
    const Date from = today - horizon.days;
    Result<std::vector<std::pair<std::string, int64_t>>> pending_all =
        store.CountPendingFrom(from, "all");
    if (!pending_all.ok()) return pending_all.status();
    const int64_t still_pending = pending_all->empty() ? 0 : pending_all->front().second;
    std::map<std::string, int64_t> still_pending_by_key;
    if (!by.empty()) {
      Result<std::vector<std::pair<std::string, int64_t>>> pending =
          store.CountPendingFrom(from, by);
      if (!pending.ok()) return pending.status();
      for (const auto& [key, n] : *pending) still_pending_by_key[key] = n;
    }
    auto settle = [](GroupStats& g, int64_t pending_now) {
      g.silent += g.pending - pending_now;
      g.pending = pending_now;
    };
    settle(total, still_pending);
    for (auto& [key, g] : groups) settle(g, still_pending_by_key[key]);
  }

  Result<double> baseline = OverallBaseline(store);
  if (!baseline.ok()) return baseline.status();
  Finish(total, *baseline);
  for (auto& [key, g] : groups) {
    g.key = key;
    Result<Kind> kind = ParseKind(key);
    Finish(g, by == "kind" && kind.ok() ? BaselineRate(*kind) : *baseline);
    report.groups.push_back(g);
  }
  return report;
}

// An answered or silent ask, on the day it was decided (for the streak's sequence).
struct StreakDecision {
  Date on;
  Id id;
  Outcome outcome;
};

// The decision `ask` has made by `today`: its reply on the reply's date, or silence H days after
// it was asked; none while it waits, when it was withdrawn, or when it is not of `kind`.
std::optional<StreakDecision> DecisionOf(const OutcomeRow& ask, Date today, const Horizon& horizon,
                                         std::optional<Kind> kind) {
  if (kind && ask.kind != *kind) return std::nullopt;
  Outcome o = ask.outcome;
  if (o == Outcome::kPending && today - ask.asked_on > horizon.days) o = Outcome::kSilent;
  if (o == Outcome::kPending || o == Outcome::kWithdrawn) return std::nullopt;  // not decided
  const Date on =
      o == Outcome::kSilent ? ask.asked_on + horizon.days : ask.replied_on.value_or(ask.asked_on);
  return StreakDecision{on, ask.id, o};
}

// Every decision, in the order they were made: by day, then id. The asks arrive in id order
// (OutcomeRows), and their days span a few years at most, so a counting sort puts each decision
// straight into its place: one vector, no comparisons (std::sort's were 7% of keel streak at 10k
// asks, and a second vector to sort into cost 50 page faults). Days far apart fall back to a
// stable sort on the day, which keeps the ids' order within one.
std::vector<StreakDecision> DecisionsInOrder(const std::vector<OutcomeRow>& asks, Date today,
                                             const Horizon& horizon, std::optional<Kind> kind) {
  size_t count = 0;
  std::optional<Date> first, last;
  for (const OutcomeRow& a : asks) {
    if (std::optional<StreakDecision> d = DecisionOf(a, today, horizon, kind)) {
      ++count;
      first = first ? std::min(*first, d->on) : d->on;
      last = last ? std::max(*last, d->on) : d->on;
    }
  }
  std::vector<StreakDecision> decisions;
  if (count == 0) return decisions;
  const auto span = static_cast<size_t>(*last - *first) + 1;
  if (span > 4 * count + 4096) {  // days far apart: counting would walk empty days
    decisions.reserve(count);
    for (const OutcomeRow& a : asks) {
      if (std::optional<StreakDecision> d = DecisionOf(a, today, horizon, kind)) {
        decisions.push_back(*d);
      }
    }
    std::stable_sort(decisions.begin(), decisions.end(),
                     [](const StreakDecision& x, const StreakDecision& y) { return x.on < y.on; });
    return decisions;
  }
  std::vector<uint32_t> next(span + 1, 0);  // next[d + 1]: decisions on day first + d
  for (const OutcomeRow& a : asks) {
    if (std::optional<StreakDecision> d = DecisionOf(a, today, horizon, kind)) {
      ++next[static_cast<size_t>(d->on - *first) + 1];
    }
  }
  for (size_t day = 1; day <= span; ++day) next[day] += next[day - 1];
  decisions.resize(count);
  for (const OutcomeRow& a : asks) {
    if (std::optional<StreakDecision> d = DecisionOf(a, today, horizon, kind)) {
      decisions[next[static_cast<size_t>(d->on - *first)]++] = *d;
    }
  }
  return decisions;
}

}  // namespace

Status CheckStatsDimension(const std::string& by) {
  for (const char* d : kDimensions) {
    if (by == d) return Status();
  }
  return Error{fmt::format("the grouping '{}' is not one keel knows; use kind, channel, material, "
                           "month or org",
                           by),
               ErrorCode::kInvalid, "by", "the grouping"};
}

Result<BetaDist> OverallPosterior(Store& store, int64_t yes, int64_t decided) {
  Result<double> baseline = OverallBaseline(store);
  if (!baseline.ok()) return baseline.status();
  return Posterior(yes, decided, *baseline);
}

Result<StatsReport> BuildStats(Store& store, Date today, const Horizon& horizon,
                               const std::string& by) {
  if (!by.empty()) KEEL_RETURN_IF_ERROR(CheckStatsDimension(by));
  return InSnapshot<StatsReport>(store, [&] { return Stats(store, today, horizon, by); });
}

Result<StreakReport> BuildStreak(Store& store, Date today, const Horizon& horizon,
                                 std::optional<Kind> kind) {
  return InSnapshot<StreakReport>(store, [&]() -> Result<StreakReport> {
    Result<std::vector<OutcomeRow>> asks = store.OutcomeRows();
    if (!asks.ok()) return asks.status();
    // Decisions in the order they were made: the reply date, or asked_on + H for silence.
    const std::vector<StreakDecision> decisions = DecisionsInOrder(*asks, today, horizon, kind);
    int64_t yes = 0;
    std::vector<bool> sequence;
    sequence.reserve(decisions.size());
    for (const StreakDecision& d : decisions) {
      sequence.push_back(d.outcome == Outcome::kYes);
      yes += sequence.back() ? 1 : 0;
    }
    const Streaks streaks = FindStreaks(sequence);

    StreakReport r;
    r.horizon = horizon;
    r.kind = kind;
    r.decided = static_cast<int64_t>(decisions.size());
    r.yes = yes;
    r.current = streaks.current;
    r.longest = streaks.longest;
    // What the current run is made of: silence is not a no, and the wording says which is which.
    for (size_t i = decisions.size() - static_cast<size_t>(r.current); i < decisions.size(); ++i) {
      switch (decisions[i].outcome) {
        case Outcome::kNo:
          ++r.current_no;
          break;
        case Outcome::kNotYet:
          ++r.current_not_yet;
          break;
        default:
          ++r.current_silent;
      }
    }
    Result<BetaDist> posterior =
        kind ? Result<BetaDist>(Posterior(yes, r.decided, BaselineRate(*kind)))
             : OverallPosterior(store, yes, r.decided);
    if (!posterior.ok()) return posterior.status();
    r.q = 1.0 - posterior->Mean();
    if (r.current > 0) r.p_current = ProbabilityOfRun(r.decided, r.current, r.q);
    if (r.longest > 0) r.p_longest = ProbabilityOfRun(r.decided, r.longest, r.q);
    return r;
  });
}

Result<ForecastReport> BuildForecast(Store& store, Date today, const Horizon& horizon,
                                     std::optional<Kind> kind) {
  return InSnapshot<ForecastReport>(store, [&]() -> Result<ForecastReport> {
    Result<StatsReport> stats = Stats(store, today, horizon, kind ? "kind" : "");
    if (!stats.ok()) return stats.status();
    Result<std::vector<Ask>> recent = store.ListAsksFrom(today - 27);
    if (!recent.ok()) return recent.status();
    ForecastReport r;
    r.horizon = horizon;
    r.kind = kind;
    const GroupStats* group = &stats->total;
    GroupStats none;  // a kind never asked: its prior alone
    if (kind) {
      none.posterior = Posterior(0, 0, BaselineRate(*kind));
      group = &none;
      for (const GroupStats& g : stats->groups) {
        if (g.key == Name(*kind)) group = &g;
      }
    }
    r.decided = group->decided;
    r.posterior = group->posterior;
    for (const Ask& a : *recent) {
      if (kind && a.kind != *kind) continue;
      r.asks_last_28_days += a.asked_on <= today ? 1 : 0;
    }
    r.asks_per_day = static_cast<double>(r.asks_last_28_days) / 28.0;
    // Without a single answer the forecast would be the prior alone: not the person's, so none.
    if (r.decided == 0) return r;
    r.asks_to_yes = ForecastAsks(r.posterior);
    r.days_median = DaysAtPace(r.asks_to_yes.median, r.asks_per_day);
    r.days_low80 = DaysAtPace(r.asks_to_yes.low80, r.asks_per_day);
    r.days_high80 = DaysAtPace(r.asks_to_yes.high80, r.asks_per_day);
    return r;
  });
}

Result<SilenceReport> BuildSilence(Store& store, Date today, const Horizon& horizon) {
  return InSnapshot<SilenceReport>(store, [&]() -> Result<SilenceReport> {
    SilenceReport r;
    r.horizon = horizon;
    Result<std::vector<SurvivalPoint>> curve = ReplyCurve(store, today);
    if (!curve.ok()) return curve.status();
    r.curve = std::move(curve).value();
    r.learned = LearnedHorizon(r.curve);
    // The chance a reply still comes only falls as an ask waits, so the most recent pending
    // asks are the most likely: list those, and count the rest.
    Result<std::vector<Ask>> recent = store.ListRecentPending(today, kOpenAsksShown);
    if (!recent.ok()) return recent.status();
    Result<std::vector<Tally>> all = store.Tallies("all");
    if (!all.ok()) return all.status();
    for (const Tally& t : *all) r.open_total += t.outcome == Outcome::kPending ? t.n : 0;
    for (Ask& a : *recent) {
      OpenAskChance open{std::move(a), 0, std::nullopt};
      open.waited = today - open.ask.asked_on;
      open.chance = ChanceReplyStillComes(r.curve, open.waited);
      r.open.push_back(std::move(open));
    }
    std::stable_sort(r.open.begin(), r.open.end(),
                     [](const OpenAskChance& x, const OpenAskChance& y) {
                       return x.chance.value_or(0) > y.chance.value_or(0);
                     });
    return r;
  });
}

}  // namespace keel
