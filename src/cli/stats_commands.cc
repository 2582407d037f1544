// The statistics commands: stats, streak, forecast, silence. Numbers come from app/reports; this
// file only words them for a person.
#include <fmt/format.h>

#include "app/report_views.h"
#include "app/reports.h"
#include "cli/commands.h"
#include "cli/table.h"

namespace keel {
namespace {

std::string Pct(double x) { return fmt::format("{:.1f}%", 100.0 * x); }

std::string HorizonLine(const Horizon& h) {
  if (h.source == "given") return fmt::format("silence horizon: {} days (given)", h.days);
  if (h.source == "learned") {
    return fmt::format("silence horizon: {} days, learned from your {} replies", h.days,
                       h.replies);
  }
  return fmt::format("silence horizon: {} days (the default until {} replies; {} so far)",
                     h.days, kMinRepliesToLearn, h.replies);
}

int PrintJson(const Context& ctx, const Json& j) {
  fmt::print(ctx.out, "{}\n", j.dump());
  return kExitOk;
}

}  // namespace

std::string RunWordedStreak(const StreakReport& r) {
  if (r.decided == 0) return "No decided asks yet, so no streak.";
  if (r.current == 0) {
    return fmt::format("Your last decided ask was a yes; the longest run of nos so far is {} in "
                       "{} decided asks.",
                       r.longest, r.decided);
  }
  const double p = r.p_current.value_or(0);
  const char* verdict = p >= 0.5   ? "ordinary"
                        : p >= 0.1 ? "not unusual"
                        : p >= 0.01 ? "uncommon: worth a look at what changed"
                                    : "rare: something may have changed";
  return fmt::format(
      "A run of {} nos like your current one happens to {} of searchers with your rate "
      "({} yes) over {} decided asks: {}.",
      r.current, Pct(p), Pct(1.0 - r.q), r.decided, verdict);
}

std::string RunWordedForecast(const ForecastReport& r) {
  if (!r.asks_to_yes.median) return "The next yes is too far off to forecast.";
  std::string asks = fmt::format("about {} more asks to the next yes (80%: {} .. {})",
                                 *r.asks_to_yes.median, r.asks_to_yes.low80.value_or(1),
                                 r.asks_to_yes.high80 ? std::to_string(*r.asks_to_yes.high80)
                                                      : std::string("many"));
  if (!r.days_median) return "At no recent pace: " + asks + ". Asking is what brings the yes.";
  auto weeks = [](int64_t days) { return (days + 6) / 7; };
  return fmt::format(
      "At your pace ({:.1f} asks a week) the next yes is likely within {} week{} (80%: {} .. {} "
      "weeks); {}.",
      r.asks_per_day * 7.0, weeks(*r.days_median), weeks(*r.days_median) == 1 ? "" : "s",
      weeks(r.days_low80.value_or(1)),
      r.days_high80 ? std::to_string(weeks(*r.days_high80)) : std::string("many"), asks);
}

int RunStats(const std::string& by, Context& ctx) {
  Result<std::unique_ptr<Store>> store = ctx.OpenStore();
  if (!store.ok()) return Fail(ctx, store.message());
  Result<StatsReport> r = BuildStats(**store, ctx.today, ctx.horizon, by);
  if (!r.ok()) return Fail(ctx, r.message());
  if (ctx.json) return PrintJson(ctx, StatsJson(*r));
  Table t{{by.empty() ? "group" : by, "asks", "yes", "no", "not-yet", "silent", "pending",
           "yes-rate", "95% range", "nos/yes"},
          {false, true, true, true, true, true, true, true, true, true},
          {}};
  auto row = [&](const GroupStats& g, const std::string& name) {
    t.rows.push_back({name, std::to_string(g.asks), std::to_string(g.yes), std::to_string(g.no),
                      std::to_string(g.not_yet), std::to_string(g.silent),
                      std::to_string(g.pending), g.yes_rate ? Pct(*g.yes_rate) : "-",
                      g.wilson95 ? Pct(g.wilson95->low) + " .. " + Pct(g.wilson95->high) : "-",
                      g.nos_per_yes ? fmt::format("{:.1f}", *g.nos_per_yes) : "-"});
  };
  for (const GroupStats& g : r->groups) row(g, g.key);
  row(r->total, "all");
  fmt::print(ctx.out, "{}{}\n", RenderTable(t, ctx.color), HorizonLine(r->horizon));
  return kExitOk;
}

int RunStreak(Context& ctx) {
  Result<std::unique_ptr<Store>> store = ctx.OpenStore();
  if (!store.ok()) return Fail(ctx, store.message());
  Result<StreakReport> r = BuildStreak(**store, ctx.today, ctx.horizon);
  if (!r.ok()) return Fail(ctx, r.message());
  if (ctx.json) return PrintJson(ctx, StreakJson(*r));
  fmt::print(ctx.out, "current streak: {} no{}; longest: {}; decided asks: {}\n{}\n", r->current,
             r->current == 1 ? "" : "s", r->longest, r->decided, RunWordedStreak(*r));
  return kExitOk;
}

int RunForecast(Context& ctx) {
  Result<std::unique_ptr<Store>> store = ctx.OpenStore();
  if (!store.ok()) return Fail(ctx, store.message());
  Result<ForecastReport> r = BuildForecast(**store, ctx.today, ctx.horizon);
  if (!r.ok()) return Fail(ctx, r.message());
  if (ctx.json) return PrintJson(ctx, ForecastJson(*r));
  fmt::print(ctx.out, "{}\n", RunWordedForecast(*r));
  return kExitOk;
}

int RunSilence(Context& ctx) {
  Result<std::unique_ptr<Store>> store = ctx.OpenStore();
  if (!store.ok()) return Fail(ctx, store.message());
  Result<SilenceReport> r = BuildSilence(**store, ctx.today, ctx.horizon);
  if (!r.ok()) return Fail(ctx, r.message());
  if (ctx.json) return PrintJson(ctx, SilenceJson(*r, ctx.today));
  if (r->curve.empty()) {
    fmt::print(ctx.out, "No asks yet, so no reply times to learn from.\n");
    return kExitOk;
  }
  Table curve{{"day", "waiting", "replies", "no reply yet", "95% range"},
              {true, true, true, true, true},
              {}};
  for (const SurvivalPoint& p : r->curve) {
    if (p.replies == 0) continue;  // the curve only moves on reply days
    curve.rows.push_back({std::to_string(p.days), std::to_string(p.at_risk),
                          std::to_string(p.replies), Pct(p.survival),
                          p.low ? Pct(*p.low) + " .. " + Pct(*p.high) : "-"});
  }
  fmt::print(ctx.out, "Chance of no reply yet after each day (Kaplan-Meier):\n{}{}\n",
             RenderTable(curve, ctx.color), HorizonLine(r->horizon));
  if (r->open.empty()) return kExitOk;
  Table open{{"id", "org", "asked", "waited", "chance of a reply"}, {true, false, false, true, true},
             {}};
  for (const OpenAskChance& o : r->open) {
    open.rows.push_back({std::to_string(o.ask.id), o.ask.org, o.ask.asked_on.ToIso(),
                         fmt::format("{}d", o.waited), o.chance ? Pct(*o.chance) : "-"});
  }
  fmt::print(ctx.out, "\nOpen asks, most likely reply first:\n{}", RenderTable(open, ctx.color));
  return kExitOk;
}

}  // namespace keel
