// The reports that answer "is this normal?" and "has silence become a no?": stats by group,
// streak, forecast and the silence curve. Each reads one snapshot of the store and returns a plain
// struct; the CLI and the HTTP server render the same structs (views in report_views.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/horizon.h"
#include "core/result.h"
#include "stats/forecast.h"
#include "stats/proportion.h"
#include "stats/survival.h"
#include "store/store.h"

namespace keel {

struct GroupStats {
  std::string key;  // "" for the whole search
  int64_t asks = 0, yes = 0, no = 0, not_yet = 0, silent = 0, pending = 0, decided = 0;
  int64_t withdrawn = 0;  // the seeker pulled out: counted in asks, never in decided
  std::optional<double> yes_rate;
  std::optional<Interval> wilson95;
  std::optional<double> nos_per_yes;
  BetaDist posterior;
};

struct StatsReport {
  std::string by;  // "" (whole search), kind, channel, material, month or org
  Horizon horizon;
  GroupStats total;
  std::vector<GroupStats> groups;
};

/// The dimensions `keel stats --by` accepts.
Status CheckStatsDimension(const std::string& by);
Result<StatsReport> BuildStats(Store& store, Date today, const Horizon& horizon,
                               const std::string& by);

struct StreakReport {
  Horizon horizon;
  std::optional<Kind> kind;  // the streak of one kind of ask, or of the whole search
  int64_t decided = 0;
  int64_t yes = 0;      // yes answers among the decided asks
  int64_t current = 0;  // decided asks since the last yes (all of them without one)
  int64_t current_no = 0, current_not_yet = 0, current_silent = 0;  // what the current run holds
  int64_t longest = 0;
  double q = 0;                     // 1 - posterior mean yes-rate
  std::optional<double> p_current;  // P(a run >= current in `decided` asks), null if 0
  std::optional<double> p_longest;
};
/// With `kind`, only asks of that kind count, and q comes from that kind's own prior.
Result<StreakReport> BuildStreak(Store& store, Date today, const Horizon& horizon,
                                 std::optional<Kind> kind = std::nullopt);

struct ForecastReport {
  Horizon horizon;
  std::optional<Kind> kind;  // the forecast for one kind of ask, or for the whole search
  int64_t decided = 0;       // no forecast is given without a decided ask
  BetaDist posterior;
  int64_t asks_last_28_days = 0;
  double asks_per_day = 0;
  AsksToYes asks_to_yes;  // median, 80 % interval; all null without a decided ask
  std::optional<int64_t> days_median, days_low80, days_high80;
};
/// With `kind`: that kind's posterior (its own prior) and the pace of asks of that kind.
Result<ForecastReport> BuildForecast(Store& store, Date today, const Horizon& horizon,
                                     std::optional<Kind> kind = std::nullopt);

struct OpenAskChance {
  Ask ask;
  int32_t waited = 0;
  std::optional<double> chance;  // that a reply still comes
};

struct SilenceReport {
  Horizon horizon;
  std::vector<SurvivalPoint> curve;
  std::optional<int32_t> learned;   // the learned horizon (even when another is in use)
  std::vector<OpenAskChance> open;  // the most recent pending asks, most likely reply first
  int64_t open_total = 0;           // all asks recorded as pending
};

/// How many open asks `silence` lists (the most likely to still get a reply).
inline constexpr int64_t kOpenAsksShown = 50;
Result<SilenceReport> BuildSilence(Store& store, Date today, const Horizon& horizon);

/// The search-wide posterior: the prior centred on the baselines of the kinds asked, weighted by
/// how many asks of each kind there are.
Result<BetaDist> OverallPosterior(Store& store, int64_t yes, int64_t decided);

}  // namespace keel
