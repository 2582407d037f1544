// GET routes for "is it about me?" and "should I change course?": patterns, actions, drift, the
// strategy and its history, materials and their comparison.
#include "cli/commands.h"
#include "server/routes.h"

namespace keel {

void AddInsightRoutes(RouteTable& t) {
  t.Get("patterns", [](const ApiRequest& r) -> Result<Planned> {
    Result<int> window = QueryInt(r, "window", 1, 36500, 180);
    if (!window.ok()) return window.error();
    const int days = *window;
    return Plan([days](Context& c) { return RunPatterns(days, c); });
  });
  t.Get("actions", [](const ApiRequest&) { return Plan(RunActions); });
  t.Get("drift", [](const ApiRequest&) { return Plan(RunDrift); });
  t.Get("strategy",
        [](const ApiRequest&) { return Plan([](Context& c) { return RunStrategy({}, c); }); });
  t.Get("strategy/history", [](const ApiRequest&) {
    return Plan([](Context& c) {
      StrategyOptions o;
      o.action = "history";
      return RunStrategy(o, c);
    });
  });
  t.Get("materials", [](const ApiRequest&) { return Plan(RunMaterials); });
  t.Get("compare", [](const ApiRequest& r) -> Result<Planned> {
    const std::string a = Query(r, "a").value_or("");
    const std::string b = Query(r, "b").value_or("");
    if (a.empty() || b.empty()) {
      return Error{"give the two versions to compare, like resume@v1 and resume@v2",
                   ErrorCode::kInvalid, a.empty() ? "a" : "b"};
    }
    return Plan([a, b](Context& c) { return RunCompare(a, b, c); });
  });
}

}  // namespace keel
