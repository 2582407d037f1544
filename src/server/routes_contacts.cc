// Contacts and the weekly goal: GET contacts, contact?name=, goal; POST goal. Each runs the CLI
// command of that name (keel contacts, keel contact NAME, keel goal), so the answer is its --json.
#include "cli/commands.h"
#include "server/routes.h"

namespace keel {

void AddContactRoutes(RouteTable& t) {
  t.Get("contacts", [](const ApiRequest&) { return Plan(RunContacts); });
  t.Get("contact", [](const ApiRequest& r) -> Result<Planned> {
    const std::string name = Query(r, "name").value_or("");
    if (name.empty()) return Error{"give the person's name", ErrorCode::kInvalid, "name"};
    return Plan([name](Context& c) { return RunContact(name, c); });
  });
  t.Get("goal", [](const ApiRequest&) {
    return Plan([](Context& c) { return RunGoal(GoalOptions{}, c); });
  });
  // {asks_per_week: N} sets the goal, {clear: true} removes it.
  t.Post("goal", [](const Body& b) -> Result<Planned> {
    GoalOptions o;
    std::optional<int64_t> asks;
    KEEL_RETURN_IF_ERROR(b.Integer("asks_per_week", &asks));
    KEEL_RETURN_IF_ERROR(b.Flag("clear", &o.clear));
    if (!asks && !o.clear) {
      return Error{"give a number of asks a week, or clear the goal", ErrorCode::kInvalid,
                   "asks_per_week"};
    }
    if (asks) o.asks_per_week = std::to_string(*asks);
    return Plan([o](Context& c) { return RunGoal(o, c); });
  });
}

}  // namespace keel
