// Contacts and the weekly goal: GET contacts, contact?name=, goal; POST goal, answering what
// `keel --json contacts`, `keel --json contact NAME` and `keel --json goal` print.
#include "app/use_plans.h"
#include "server/routes.h"

namespace keel {

void AddContactRoutes(RouteTable& t) {
  t.Get("contacts", [](const ApiRequest&) {
    return AnswerJson([](Session& s) { return Then(Contacts(s), ContactsJson); });
  });
  t.Get("contact", [](const ApiRequest& r) -> Result<Planned> {
    const std::string name = Query(r, "name").value_or("");
    if (name.empty()) return Error{"give the person's name", ErrorCode::kInvalid, "name"};
    return AnswerJson([name](Session& s) { return Then(Contact(s, name), ContactTimelineJson); });
  });
  t.Get("goal", [](const ApiRequest&) {
    return AnswerJson([](Session& s) { return Then(Goal(s, GoalOptions{}), GoalAnswerJson); });
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
    return AnswerJson([o](Session& s) { return Then(Goal(s, o), GoalAnswerJson); });
  });
}

}  // namespace keel
