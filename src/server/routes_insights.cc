// GET routes for "is it about me?" and "should I change course?": patterns, actions, drift, the
// strategy and its history, materials and their comparison.
#include "app/use_insights.h"
#include "app/use_materials.h"
#include "app/use_strategy.h"
#include "server/routes.h"

namespace keel {

void AddInsightRoutes(RouteTable& t) {
  t.Get("patterns", [](const ApiRequest& r) -> Result<Planned> {
    Result<int> window = QueryInt(r, "window", 1, 36500, 180);
    if (!window.ok()) return window.error();
    const int days = *window;
    return AnswerJson([days](Session& s) { return Then(Patterns(s, days), PatternsJson); });
  });
  t.Get("actions", [](const ApiRequest&) {
    return AnswerJson([](Session& s) { return Then(Actions(s), ActionsJson); });
  });
  t.Get("drift", [](const ApiRequest&) {
    return AnswerJson([](Session& s) { return Then(Drift(s), DriftJson); });
  });
  t.Get("strategy", [](const ApiRequest&) {
    return AnswerJson([](Session& s) {
      return Then(ShowOrEditStrategy(s, StrategyOptions{}),
                  [](const StrategyAnswer& a) { return StrategyJson(a.strategy); });
    });
  });
  t.Get("strategy/history", [](const ApiRequest&) {
    return AnswerJson([](Session& s) { return Then(StrategyHistory(s), StrategyHistoryJson); });
  });
  t.Get("materials", [](const ApiRequest&) {
    return AnswerJson([](Session& s) { return Then(Materials(s), MaterialsJson); });
  });
  t.Get("compare", [](const ApiRequest& r) -> Result<Planned> {
    const std::string a = Query(r, "a").value_or("");
    const std::string b = Query(r, "b").value_or("");
    if (a.empty() || b.empty()) {
      return Error{"give the two versions to compare, like resume@v1 and resume@v2",
                   ErrorCode::kInvalid, a.empty() ? "a" : "b"};
    }
    return AnswerJson(
        [a, b](Session& s) { return Then(CompareMaterials(s, a, b), ComparisonJson); });
  });
}

}  // namespace keel
