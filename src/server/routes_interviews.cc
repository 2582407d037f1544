// The interviews' routes: GET interviews[?all=1] (keel interviews [--all]), POST interview
// (keel interview ASK_ID), interview/edit and interview/remove. Times travel as the person typed
// them ("YYYY-MM-DD HH:MM", local to the machine keel serve runs on, which is the seeker's).
#include <fmt/format.h>

#include "app/use_plans.h"
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
  return AnswerJson([o](Session& s) {
    return Then(ScheduleInterview(s, o),
                [&](const InterviewChange& c) { return InterviewChangeJson(c, s.today); });
  });
}

Result<Planned> InterviewEditRoute(const Body& b) {
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
  return AnswerJson([o](Session& s) {
    return Then(EditInterview(s, o),
                [&](const InterviewChange& c) { return InterviewChangeJson(c, s.today); });
  });
}

}  // namespace

void AddInterviewRoutes(RouteTable& t) {
  t.Get("interviews", [](const ApiRequest& r) -> Result<Planned> {
    Result<int> all = QueryInt(r, "all", 0, 1, 0);
    if (!all.ok()) return all.error();
    const bool every = *all == 1;
    return AnswerJson([every](Session& s) {
      return Then(Interviews(s, every),
                  [&](const std::vector<Interview>& i) { return InterviewsJson(i, s.today); });
    });
  });
  t.Post("interview", ScheduleRoute);
  t.Post("interview/edit", InterviewEditRoute);
  t.Post("interview/remove", [](const Body& b) -> Result<Planned> {
    int64_t id = 0;
    KEEL_RETURN_IF_ERROR(RequiredId(b, "id", "the interview's id", &id));
    return AnswerJson([id](Session& s) {
      return Then(RemoveInterview(s, id),
                  [&](const Interview& i) { return InterviewJson(i, s.today); });
    });
  });
}

}  // namespace keel
