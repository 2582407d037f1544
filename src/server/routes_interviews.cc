// The interviews' routes: GET interviews[?all=1] (keel interviews [--all]), POST interview
// (keel interview ASK_ID), interview/edit and interview/remove. Times travel as the person typed
// them ("YYYY-MM-DD HH:MM", local to the machine keel serve runs on, which is the seeker's).
#include <fmt/format.h>

#include "cli/commands.h"
#include "server/routes.h"

namespace keel {
namespace {

// A required whole number from 1: the interview's id, or the ask's.
Status RequiredId(const Body& b, const char* key, const char* what, int64_t* out) {
  std::optional<int64_t> id;
  KEEL_RETURN_IF_ERROR(b.Integer(key, &id));
  if (!id) return Error{fmt::format("give {}", what), ErrorCode::kInvalid, key};
  if (*id < 1) {
    return Error{fmt::format("{} is a whole number from 1", what), ErrorCode::kInvalid, key};
  }
  *out = *id;
  return Status();
}

Result<Planned> ScheduleRoute(const Body& b) {
  InterviewOptions o;
  KEEL_RETURN_IF_ERROR(RequiredId(b, "ask_id", "the ask's id", &o.ask_id));
  KEEL_RETURN_IF_ERROR(b.Text("at", &o.at));
  KEEL_RETURN_IF_ERROR(b.Text("prep", &o.prep));
  KEEL_RETURN_IF_ERROR(b.Integer("round", &o.round));
  KEEL_RETURN_IF_ERROR(b.Integer("minutes", &o.minutes));
  KEEL_RETURN_IF_ERROR(b.TextOrList("with", &o.with));
  return Plan([o](Context& c) { return RunInterview(o, c); });
}

Result<Planned> EditRoute(const Body& b) {
  InterviewEditOptions o;
  KEEL_RETURN_IF_ERROR(RequiredId(b, "id", "the interview's id", &o.id));
  KEEL_RETURN_IF_ERROR(b.Text("at", &o.at));
  KEEL_RETURN_IF_ERROR(b.Text("prep", &o.prep));
  KEEL_RETURN_IF_ERROR(b.Integer("round", &o.round));
  KEEL_RETURN_IF_ERROR(b.Integer("minutes", &o.minutes));
  std::optional<std::vector<std::string>> with;
  KEEL_RETURN_IF_ERROR(b.List("with", &with));
  if (with) {
    o.with = *with;
    o.with_given = true;
  }
  return Plan([o](Context& c) { return RunInterviewEdit(o, c); });
}

}  // namespace

void AddInterviewRoutes(RouteTable& t) {
  t.Get("interviews", [](const ApiRequest& r) -> Result<Planned> {
    Result<int> all = QueryInt(r, "all", 0, 1, 0);
    if (!all.ok()) return all.error();
    const bool every = *all == 1;
    return Plan([every](Context& c) { return RunInterviews(every, c); });
  });
  t.Post("interview", ScheduleRoute);
  t.Post("interview/edit", EditRoute);
  t.Post("interview/remove", [](const Body& b) -> Result<Planned> {
    int64_t id = 0;
    KEEL_RETURN_IF_ERROR(RequiredId(b, "id", "the interview's id", &id));
    return Plan([id](Context& c) { return RunInterviewRemove(id, c); });
  });
}

}  // namespace keel
