// GET routes for the reports: each the CLI command of the same name, with its query parameters.
#include <fmt/format.h>

#include "app/vocabulary.h"
#include "cli/commands.h"
#include "core/json_dump.h"
#include "server/routes.h"

namespace keel {

void AddReportRoutes(RouteTable& t) {
  t.Get("status", [](const ApiRequest&) { return Plan(RunStatus); });
  t.Get("stats", [](const ApiRequest& r) {
    const std::string by = Query(r, "by").value_or("");
    return Plan([by](Context& c) { return RunStats(by, c); });
  });
  t.Get("streak", [](const ApiRequest&) { return Plan(RunStreak); });
  t.Get("forecast", [](const ApiRequest&) { return Plan(RunForecast); });
  t.Get("silence", [](const ApiRequest&) { return Plan(RunSilence); });
  t.Get("agenda",
        [](const ApiRequest&) { return Plan([](Context& c) { return RunAgenda(false, c); }); });
  t.Get("agenda.ics", [](const ApiRequest&) -> Result<Planned> {
    return Planned{[](Context& c) {
                     c.json = false;
                     return RunAgenda(true, c);
                   },
                   "text/calendar; charset=utf-8"};
  });
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
  // The enums the page builds its forms from; no store is opened.
  t.Get("meta", [](const ApiRequest&) {
    return Plan([](Context& c) {
      const std::string text = DumpJson(VocabularyJson()) + "\n";
      std::fwrite(text.data(), 1, text.size(), c.out);
      return 0;
    });
  });
}

}  // namespace keel
