// What a Session does for the days ahead and the people in them: the agenda, the pipeline, the
// contacts, the weekly goal and the interviews. Each opens the Session's store and calls the
// domain function; the *Json functions are the one JSON shape the CLI's --json prints and the
// page reads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/agenda.h"
#include "app/contacts.h"
#include "app/goal.h"
#include "app/interviews.h"
#include "app/pipeline.h"
#include "app/requests.h"
#include "app/session.h"
#include "app/views.h"

namespace keel {

Result<Agenda> TodaysAgenda(Session& session);
Result<PipelineReport> Pipeline(Session& session);

Result<std::vector<ContactSummary>> Contacts(Session& session);
Json ContactsJson(const std::vector<ContactSummary>& contacts);
/// One person's timeline; an unknown name fails with the nearest name to suggest.
Result<ContactTimeline> Contact(Session& session, const std::string& name);

/// The weekly goal, or what setting or clearing it changed (GoalOptions says which).
struct GoalAnswer {
  std::optional<GoalReport> goal;
  std::optional<GoalChange> change;  // set when the goal was set or cleared
};
Result<GoalAnswer> Goal(Session& session, const GoalOptions& options);
Json GoalAnswerJson(const GoalAnswer& answer);

Result<InterviewChange> ScheduleInterview(Session& session, const InterviewOptions& options);
Result<InterviewChange> EditInterview(Session& session, const InterviewEditOptions& options);
Result<Interview> RemoveInterview(Session& session, Id id);
/// The rounds from today on (every round with `all`).
Result<std::vector<Interview>> Interviews(Session& session, bool all);
/// A scheduled or edited round, with what the person should know (notices and warnings).
Json InterviewChangeJson(const InterviewChange& change, Date today);
Json InterviewsJson(const std::vector<Interview>& interviews, Date today);

}  // namespace keel
