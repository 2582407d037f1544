// "Should I change course?": the strategy set while calm, and drift away from it.
#include <fmt/format.h>

#include "app/drift.h"
#include "app/focus_guard.h"
#include "app/strategy_ledger.h"
#include "app/transaction.h"
#include "cli/commands.h"
#include "core/json_dump.h"

namespace keel {
namespace {

// The edit a strategy subcommand asks for.
Result<StrategyEdit> EditFor(const StrategyOptions& o) {
  StrategyEdit edit;
  std::vector<std::pair<std::string, std::string>> fields;
  for (const auto& [field, values] :
       {std::pair<const char*, const std::vector<std::string>*>{"role", &o.roles},
        {"industry", &o.industries},
        {"location", &o.locations},
        {"remote", &o.remotes},
        {"seniority", &o.seniorities}}) {
    for (const std::string& v : *values) fields.emplace_back(field, v);
  }
  if (o.action == "focus" || o.action == "rule-out" || o.action == "drop") {
    if (fields.empty()) {
      Error error{
          fmt::format("say what to {}: a role, an industry, a location, a remote mode or "
                      "a seniority",
                      o.action == "drop"    ? "drop"
                      : o.action == "focus" ? "focus on"
                                            : "rule out")};
      error.hint = "give one with --role, --industry, --location, --remote or --seniority";
      return error;
    }
    (o.action == "focus"      ? edit.add_focus
     : o.action == "rule-out" ? edit.add_deal_breakers
                              : edit.remove) = fields;
  } else if (o.action == "salary-floor") {
    if (o.clear == o.salary_floor.has_value()) {
      Error error{"give the least yearly pay you accept, like 90000, or clear the floor"};
      error.hint = "keel strategy salary-floor 90000, or keel strategy salary-floor --clear";
      return error;
    }
    if (o.salary_floor && *o.salary_floor < 0) {
      return Error{"the salary floor is negative; give a whole number like 90000"};
    }
    edit.salary_floor = o.salary_floor;
    edit.clear_salary_floor = o.clear;
  } else if (o.action == "brand") {
    edit.brand = o.text;
  } else if (o.action == "story") {
    edit.add_stories.push_back(o.text);
  } else if (o.action == "phase") {
    edit.phase = o.text;
  }
  return edit;
}

int ShowHistory(Store& store, Context& ctx) {
  Result<std::vector<StrategyVersion>> versions =
      InSnapshot<std::vector<StrategyVersion>>(store, [&] { return store.StrategyVersions(); });
  if (!versions.ok()) return Fail(ctx, versions.error());
  if (ctx.json) {
    Json out = Json::array();
    for (const StrategyVersion& v : *versions) {
      out.push_back(Json{{"version", v.id},
                         {"edited_on", v.edited_on.ToIso()},
                         {"summary", v.summary},
                         {"strategy", Json::parse(v.body, nullptr, false)}});
    }
    fmt::print(ctx.out, "{}\n", DumpJson(out));
    return kExitOk;
  }
  if (versions->empty()) {
    fmt::print(ctx.out, "No strategy yet; set it while calm: keel strategy focus --role \"...\"\n");
  }
  for (const StrategyVersion& v : *versions) {
    fmt::print(ctx.out, "v{} {} {}\n", v.id, v.edited_on.ToIso(), v.summary);
  }
  return kExitOk;
}

}  // namespace

int RunStrategy(const StrategyOptions& o, Context& ctx) {
  Result<std::shared_ptr<Store>> opened = ctx.OpenStore(/*with_horizon=*/false);
  if (!opened.ok()) return Fail(ctx, opened.error());
  Store& store = **opened;
  if (o.action == "history") return ShowHistory(store, ctx);
  std::optional<Strategy> shown;
  if (o.action.empty()) {
    Result<std::optional<Strategy>> current =
        InSnapshot<std::optional<Strategy>>(store, [&] { return CurrentStrategy(store); });
    if (!current.ok()) return Fail(ctx, current.error());
    shown = current->value_or(Strategy{});
  } else {
    Result<StrategyEdit> edit = EditFor(o);
    if (!edit.ok()) return Fail(ctx, edit.error());
    Date on = ctx.today;
    if (o.on) {
      Result<Date> parsed = ParseUserDate(*o.on, ctx.today);
      if (!parsed.ok()) return Fail(ctx, InField("on", parsed.error()));
      on = *parsed;
    }
    Result<StrategySaved> saved = EditStrategy(store, *edit, on, ctx.today);
    if (!saved.ok()) return Fail(ctx, saved.error());
    if (!ctx.json) {
      fmt::print(ctx.out, "{}\n",
                 saved->changed
                     ? fmt::format("Saved ({}), dated {}.", DescribeEdit(*edit), on.ToIso())
                     : std::string("Nothing changed: that is already your strategy."));
    }
    shown = saved->strategy;
  }
  if (ctx.json) {
    fmt::print(ctx.out, "{}\n", DumpJson(StrategyJson(*shown)));
    return kExitOk;
  }
  PrintLines(ctx, StrategyLines(*shown));
  return kExitOk;
}

int RunDrift(Context& ctx) {
  Result<std::shared_ptr<Store>> opened = ctx.OpenStore();
  if (!opened.ok()) return Fail(ctx, opened.error());
  Store& store = **opened;
  Transaction snapshot(store);
  if (Status begun = snapshot.BeginRead(); !begun.ok()) return Fail(ctx, begun.error());
  Result<std::optional<Strategy>> strategy = CurrentStrategy(store);
  Result<std::vector<Ask>> asks = store.ListAsks();
  Result<std::vector<Pivot>> pivots = store.ListPivots();
  snapshot.Rollback();
  if (!strategy.ok()) return Fail(ctx, strategy.error());
  if (!asks.ok()) return Fail(ctx, asks.error());
  if (!pivots.ok()) return Fail(ctx, pivots.error());
  std::vector<Id> pivot_ids;
  for (const Pivot& p : *pivots) pivot_ids.push_back(p.ask_id);
  const DriftReport report =
      BuildDrift(strategy->value_or(Strategy{}), *asks, pivot_ids, ctx.today, ctx.silence_days);
  if (ctx.json) {
    fmt::print(ctx.out, "{}\n", DumpJson(DriftJson(report)));
    return kExitOk;
  }
  PrintLines(ctx, DriftLines(report));
  return kExitOk;
}

}  // namespace keel
