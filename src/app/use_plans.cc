#include "app/use_plans.h"

#include "app/transaction.h"

namespace keel {

Result<Agenda> TodaysAgenda(Session& session) {
  Result<std::shared_ptr<Store>> store = session.OpenStore();
  if (!store.ok()) return store.status();
  return BuildAgenda(**store, session.today, session.horizon);
}

Result<PipelineReport> Pipeline(Session& session) {
  Result<std::shared_ptr<Store>> store = session.OpenStore();
  if (!store.ok()) return store.status();
  return BuildPipeline(**store, session.today, session.horizon);
}

Result<std::vector<ContactSummary>> Contacts(Session& session) {
  Result<std::shared_ptr<Store>> store = session.OpenStore();
  if (!store.ok()) return store.status();
  return ListContacts(**store, session.today, session.silence_days);
}

Json ContactsJson(const std::vector<ContactSummary>& contacts) {
  Json j = Json::array();
  for (const ContactSummary& c : contacts) j.push_back(ContactSummaryJson(c));
  return j;
}

Result<ContactTimeline> Contact(Session& session, const std::string& name) {
  Result<std::shared_ptr<Store>> store = session.OpenStore();
  if (!store.ok()) return store.status();
  return ContactHistory(**store, name, session.today, session.silence_days);
}

Result<GoalAnswer> Goal(Session& session, const GoalOptions& o) {
  if (o.asks_per_week && o.clear) {
    return Error{"give a number of asks a week, or clear the goal, not both"};
  }
  std::optional<int64_t> asks;
  if (o.asks_per_week) {
    Result<int64_t> parsed = ParseAsksPerWeek(*o.asks_per_week);
    if (!parsed.ok()) return parsed.status();
    asks = *parsed;
  }
  Result<std::shared_ptr<Store>> opened = session.OpenStore(/*with_horizon=*/false);
  if (!opened.ok()) return opened.status();
  Store& store = **opened;
  GoalAnswer answer;
  if (!asks && !o.clear) {
    Result<std::optional<GoalReport>> goal = InSnapshot<std::optional<GoalReport>>(
        store, [&] { return ReadGoal(store, session.today); });
    if (!goal.ok()) return goal.status();
    answer.goal = *goal;
    return answer;
  }
  Result<GoalChange> change = SetGoal(store, asks, session.today);
  if (!change.ok()) return change.status();
  answer.goal = change->report;
  answer.change = std::move(change).value();
  return answer;
}

Json GoalAnswerJson(const GoalAnswer& answer) {
  if (!answer.change) return Json{{"goal", GoalJson(answer.goal)}};
  Json j{{"goal", GoalJson(answer.change->report)}, {"changed", answer.change->changed}};
  AddNotices(j, answer.change->notices);
  return j;
}

Result<InterviewChange> ScheduleInterview(Session& session, const InterviewOptions& o) {
  const InterviewInput input{o.ask_id, o.at, o.round, o.with, o.prep, o.minutes};
  Result<std::shared_ptr<Store>> store = session.OpenStore(/*with_horizon=*/false);
  if (!store.ok()) return store.status();
  return ScheduleInterview(**store, input, session.today);
}

Result<InterviewChange> EditInterview(Session& session, const InterviewEditOptions& o) {
  InterviewEdit edit{o.at, o.round, o.minutes, std::nullopt, o.prep};
  if (o.with_given) edit.with = o.with;
  Result<std::shared_ptr<Store>> store = session.OpenStore(/*with_horizon=*/false);
  if (!store.ok()) return store.status();
  return EditInterview(**store, o.id, edit, session.today);
}

Result<Interview> RemoveInterview(Session& session, Id id) {
  Result<std::shared_ptr<Store>> store = session.OpenStore(/*with_horizon=*/false);
  if (!store.ok()) return store.status();
  return RemoveInterview(**store, id);
}

Result<std::vector<Interview>> Interviews(Session& session, bool all) {
  Result<std::shared_ptr<Store>> store = session.OpenStore(/*with_horizon=*/false);
  if (!store.ok()) return store.status();
  return ListInterviews(**store, session.today, all);
}

Json InterviewChangeJson(const InterviewChange& change, Date today) {
  Json j = InterviewJson(change.interview, today);
  AddNotices(j, change.notices);
  AddNotices(j, change.warnings);
  return j;
}

Json InterviewsJson(const std::vector<Interview>& interviews, Date today) {
  Json j = Json::array();
  for (const Interview& i : interviews) j.push_back(InterviewJson(i, today));
  return j;
}

}  // namespace keel
