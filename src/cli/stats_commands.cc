// The statistics commands: stats, streak, forecast, silence. Numbers come from app/reports; this
// file only words them for a person.
#include <fmt/format.h>

#include "app/reframe.h"
#include "app/report_views.h"
#include "app/reports.h"
#include "app/use_reports.h"
#include "cli/commands.h"
#include "cli/table.h"
#include "core/json_dump.h"

namespace keel {
namespace {

std::string Pct(double x) { return fmt::format("{:.1f}%", 100.0 * x); }

std::string HorizonLine(const Horizon& h) {
  if (h.source == "given") return fmt::format("silence horizon: {} days (given)", h.days);
  if (h.source == "learned") {
    return fmt::format("silence horizon: {} days, learned from your {} replies", h.days, h.replies);
  }
  return fmt::format("silence horizon: {} days (the default until {} replies; {} so far)", h.days,
                     kMinRepliesToLearn, h.replies);
}

int PrintJson(const Context& ctx, const Json& j) {
  fmt::print(ctx.out, "{}\n", DumpJson(j));
  return kExitOk;
}

}  // namespace

int RunStats(const std::string& by, Context& ctx) {
  Result<StatsReport> r = Stats(ctx, by);
  if (!r.ok()) return Fail(ctx, r.error());
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
  if (r->total.withdrawn > 0) {
    // Shown only when there are any: withdrawals are in `asks` and in no rate.
    t.headers.insert(t.headers.begin() + 7, "withdrawn");
    t.right_aligned.insert(t.right_aligned.begin() + 7, true);
    for (size_t i = 0; i < t.rows.size(); ++i) {
      const GroupStats& g = i < r->groups.size() ? r->groups[i] : r->total;
      t.rows[i].insert(t.rows[i].begin() + 7, std::to_string(g.withdrawn));
    }
  }
  fmt::print(ctx.out, "{}{}\n", RenderTable(t, ctx.color), HorizonLine(r->horizon));
  return kExitOk;
}

int RunStreak(Context& ctx) {
  Result<StreakReport> r = Streak(ctx);
  if (!r.ok()) return Fail(ctx, r.error());
  if (ctx.json) return PrintJson(ctx, StreakJson(*r));
  fmt::print(ctx.out, "{}\n", StreakLine(*r));
  if (r->decided > 0) {
    fmt::print(ctx.out, "longest run without a yes: {} ask{}; decided asks: {}\n", r->longest,
               r->longest == 1 ? "" : "s", r->decided);
  }
  return kExitOk;
}

int RunForecast(Context& ctx) {
  Result<ForecastReport> r = Forecast(ctx);
  if (!r.ok()) return Fail(ctx, r.error());
  if (ctx.json) return PrintJson(ctx, ForecastJson(*r));
  fmt::print(ctx.out, "{}\n", ForecastLine(*r));
  if (r->asks_to_yes.median) {
    fmt::print(ctx.out,
               "asks to the next yes: median {} (80%: {} .. {}); pace {} asks in 28 days\n",
               *r->asks_to_yes.median, r->asks_to_yes.low80.value_or(1),
               r->asks_to_yes.high80 ? std::to_string(*r->asks_to_yes.high80) : "many",
               r->asks_last_28_days);
  }
  return kExitOk;
}

int RunSilence(Context& ctx) {
  Result<SilenceReport> r = Silence(ctx);
  if (!r.ok()) return Fail(ctx, r.error());
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
  const int64_t replies = RepliesIn(r->curve);
  if (replies < kMinRepliesForChance) {
    fmt::print(
        ctx.out,
        "The chance a reply still comes is not known yet: it needs {} replies ({} so far).\n",
        kMinRepliesForChance, replies);
  }
  if (r->open.empty()) return kExitOk;
  Table open{
      {"id", "org", "asked", "waited", "chance of a reply"}, {true, false, false, true, true}, {}};
  for (const OpenAskChance& o : r->open) {
    open.rows.push_back({std::to_string(o.ask.id), o.ask.org, o.ask.asked_on.ToIso(),
                         fmt::format("{}d", o.waited),
                         o.chance ? Pct(*o.chance) : "not known yet"});
  }
  fmt::print(ctx.out, "\nOpen asks, most likely reply first:\n{}", RenderTable(open, ctx.color));
  return kExitOk;
}

}  // namespace keel
