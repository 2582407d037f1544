#include "app/report_views.h"

#include "app/reframe.h"
#include "themes/classifier.h"

namespace keel {
namespace {
template <typename T>
Json OrNull(const std::optional<T>& value) {
  return value ? Json(*value) : Json(nullptr);
}
}  // namespace

Json HorizonJson(const Horizon& h) {
  Json j;
  j["days"] = h.days;
  j["source"] = h.source;
  j["replies"] = h.replies;
  return j;
}

Json GroupJson(const GroupStats& g) {
  Json j;
  j["key"] = g.key;
  j["asks"] = g.asks;
  j["yes"] = g.yes;
  j["no"] = g.no;
  j["not_yet"] = g.not_yet;
  j["silent"] = g.silent;
  j["pending"] = g.pending;
  j["decided"] = g.decided;
  j["withdrawn"] = g.withdrawn;  // in asks, never in decided
  j["yes_rate"] = OrNull(g.yes_rate);
  j["wilson95"] = g.wilson95 ? Json::array({g.wilson95->low, g.wilson95->high}) : Json(nullptr);
  j["nos_per_yes"] = OrNull(g.nos_per_yes);
  j["posterior"] = Json{{"alpha", g.posterior.alpha}, {"beta", g.posterior.beta}};
  return j;
}

Json StatsJson(const StatsReport& r) {
  Json j;
  j["by"] = r.by.empty() ? Json(nullptr) : Json(r.by);
  j["horizon"] = HorizonJson(r.horizon);
  j["total"] = GroupJson(r.total);
  j["groups"] = Json::array();
  for (const GroupStats& g : r.groups) j["groups"].push_back(GroupJson(g));
  return j;
}

Json StreakJson(const StreakReport& r) {
  Json j;
  j["horizon"] = HorizonJson(r.horizon);
  j["kind"] = r.kind ? Json(Name(*r.kind)) : Json(nullptr);
  j["decided"] = r.decided;
  j["yes"] = r.yes;
  j["current"] = r.current;
  // What the current run holds: unanswered asks are not nos.
  j["run"] =
      Json{{"no", r.current_no}, {"not_yet", r.current_not_yet}, {"silent", r.current_silent}};
  j["longest"] = r.longest;
  j["q"] = r.q;
  j["p_current"] = OrNull(r.p_current);
  j["p_longest"] = OrNull(r.p_longest);
  j["line"] = StreakLine(r);
  return j;
}

Json ForecastJson(const ForecastReport& r) {
  Json j;
  j["horizon"] = HorizonJson(r.horizon);
  j["kind"] = r.kind ? Json(Name(*r.kind)) : Json(nullptr);
  j["decided"] = r.decided;
  j["posterior"] = Json{{"alpha", r.posterior.alpha}, {"beta", r.posterior.beta}};
  j["asks_last_28_days"] = r.asks_last_28_days;
  j["asks_per_day"] = r.asks_per_day;
  j["asks_to_yes"] = Json{{"median", OrNull(r.asks_to_yes.median)},
                          {"low80", OrNull(r.asks_to_yes.low80)},
                          {"high80", OrNull(r.asks_to_yes.high80)}};
  j["days_to_yes"] = Json{{"median", OrNull(r.days_median)},
                          {"low80", OrNull(r.days_low80)},
                          {"high80", OrNull(r.days_high80)}};
  j["line"] = ForecastLine(r);
  return j;
}

Json SilenceJson(const SilenceReport& r, Date today) {
  Json j;
  j["horizon"] = HorizonJson(r.horizon);
  j["learned_horizon"] = OrNull(r.learned);
  // The chance a reply still comes is known only from kMinRepliesForChance replies on; before
  // that every "chance_of_reply" is null ("not known yet"), never 0.
  j["replies"] = RepliesIn(r.curve);
  j["chance_known"] = RepliesIn(r.curve) >= kMinRepliesForChance;
  j["tail_day"] = OrNull(TailDay(r.curve));
  // Key by key, not from an initializer list, which copies every value twice: the curve has a
  // point per day (700 at two years), and building them was a third of `keel silence --json`.
  Json& curve = j["curve"] = Json::array();
  curve.get_ref<Json::array_t&>().reserve(r.curve.size());
  for (const SurvivalPoint& p : r.curve) {
    Json& point = curve.emplace_back(Json::object());
    point["day"] = p.days;
    point["at_risk"] = p.at_risk;
    point["replies"] = p.replies;
    point["censored"] = p.censored;
    point["survival"] = p.survival;
    point["std_err"] = OrNull(p.std_err);
    point["low"] = OrNull(p.low);
    point["high"] = OrNull(p.high);
  }
  j["open_total"] = r.open_total;
  j["open"] = Json::array();
  for (const OpenAskChance& o : r.open) {
    // Open asks rarely carry a reason (an answer brings one), so the built-in rules suffice here.
    Json a = AskJson(o.ask, today, r.horizon.days, ThemeClassifier::BuiltIn());
    a["waited"] = o.waited;
    a["chance_of_reply"] = OrNull(o.chance);
    j["open"].push_back(std::move(a));
  }
  return j;
}

}  // namespace keel
