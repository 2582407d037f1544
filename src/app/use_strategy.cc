#include "app/use_strategy.h"

#include <fmt/format.h>

#include "app/focus_guard.h"
#include "app/strategy_ledger.h"
#include "app/transaction.h"

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

}  // namespace

Result<StrategyAnswer> ShowOrEditStrategy(Session& session, const StrategyOptions& o) {
  Result<std::shared_ptr<Store>> opened = session.OpenStore(/*with_horizon=*/false);
  if (!opened.ok()) return opened.status();
  Store& store = **opened;
  StrategyAnswer answer;
  if (o.action.empty()) {
    Result<std::optional<Strategy>> current =
        InSnapshot<std::optional<Strategy>>(store, [&] { return CurrentStrategy(store); });
    if (!current.ok()) return current.status();
    answer.strategy = current->value_or(Strategy{});
    return answer;
  }
  Result<StrategyEdit> edit = EditFor(o);
  if (!edit.ok()) return edit.status();
  answer.on = session.today;
  if (o.on) {
    Result<Date> parsed = ParseUserDate(*o.on, session.today);
    if (!parsed.ok()) return InField("on", parsed.error());
    answer.on = *parsed;
  }
  Result<StrategySaved> saved = EditStrategy(store, *edit, answer.on, session.today);
  if (!saved.ok()) return saved.status();
  answer.strategy = std::move(saved->strategy);
  answer.changed = saved->changed;
  answer.edit = std::move(edit).value();
  return answer;
}

Result<std::vector<StrategyVersion>> StrategyHistory(Session& session) {
  Result<std::shared_ptr<Store>> opened = session.OpenStore(/*with_horizon=*/false);
  if (!opened.ok()) return opened.status();
  Store& store = **opened;
  return InSnapshot<std::vector<StrategyVersion>>(store, [&] { return store.StrategyVersions(); });
}

Json StrategyHistoryJson(const std::vector<StrategyVersion>& versions) {
  Json out = Json::array();
  for (const StrategyVersion& v : versions) {
    out.push_back(Json{{"version", v.id},
                       {"edited_on", v.edited_on.ToIso()},
                       {"summary", v.summary},
                       {"strategy", Json::parse(v.body, nullptr, false)}});
  }
  return out;
}

Result<DriftReport> Drift(Session& session) {
  Result<std::shared_ptr<Store>> opened = session.OpenStore();
  if (!opened.ok()) return opened.status();
  Store& store = **opened;
  Transaction snapshot(store);
  KEEL_RETURN_IF_ERROR(snapshot.BeginRead());
  Result<std::optional<Strategy>> strategy = CurrentStrategy(store);
  Result<std::vector<Ask>> asks = store.ListAsks();
  Result<std::vector<Pivot>> pivots = store.ListPivots();
  snapshot.Rollback();
  if (!strategy.ok()) return strategy.status();
  if (!asks.ok()) return asks.status();
  if (!pivots.ok()) return pivots.status();
  std::vector<Id> pivot_ids;
  for (const Pivot& p : *pivots) pivot_ids.push_back(p.ask_id);
  return BuildDrift(strategy->value_or(Strategy{}), *asks, pivot_ids, session.today,
                    session.silence_days);
}

Result<CloseAnswer> CloseOrReopenSearch(Session& session, const CloseOptions& o) {
  if (!o.undo && !o.offer) {
    return Error{"choose the offer you accepted: the ask whose yes was the offer",
                 ErrorCode::kInvalid, "offer"};
  }
  std::optional<Date> on;
  if (o.on) {
    Result<Date> parsed = ParseUserDate(*o.on, session.today);
    if (!parsed.ok()) return InField("on", parsed.error());
    on = *parsed;
  }
  Result<std::shared_ptr<Store>> store = session.OpenStore(/*with_horizon=*/false);
  if (!store.ok()) return store.status();
  if (o.undo) {
    Result<ClosedSearch> reopened = ReopenClosedSearch(**store);
    if (!reopened.ok()) return reopened.status();
    return CloseAnswer{std::move(reopened).value(), /*reopened=*/true};
  }
  Result<ClosedSearch> closed = CloseSearchOnOffer(**store, *o.offer, on, session.today);
  if (!closed.ok()) return closed.status();
  return CloseAnswer{std::move(closed).value(), /*reopened=*/false};
}

Json CloseAnswerJson(const CloseAnswer& answer) {
  Json j;
  if (answer.reopened) {
    j["closed"] = nullptr;
    j["reopened"] = ClosedSearchJson(answer.search);
  } else {
    j["closed"] = ClosedSearchJson(answer.search);
  }
  return j;
}

}  // namespace keel
