// `keel interview ASK_ID --at ...`, `keel interview edit|remove ID` and `keel interviews`. The
// decisions are app/interviews'; this file prints them as a line, a table or JSON, times in local
// wall time with the zone's abbreviation.
#include <fmt/format.h>

#include "app/interviews.h"
#include "app/use_plans.h"
#include "cli/commands.h"
#include "cli/table.h"
#include "core/json_dump.h"
#include "core/text.h"

namespace keel {
namespace {

std::string OneLine(const Interview& i) {
  std::string line = fmt::format("interview #{}: {}", i.record.id, i.ask.org);
  if (!i.ask.role.empty()) line += ", " + i.ask.role;
  return line + ", " + RoundText(i);
}

int PrintChange(const InterviewChange& change, Context& ctx, const std::string& human) {
  if (ctx.json) {
    fmt::print(ctx.out, "{}\n", DumpJson(InterviewChangeJson(change, ctx.today)));
  } else {
    fmt::print(ctx.out, "{}\n", EscapeControls(human));
  }
  if (!change.notices.empty()) fmt::print(ctx.err, "note: {}\n", fmt::join(change.notices, "; "));
  for (const std::string& w : change.warnings) fmt::print(ctx.err, "warning: {}\n", w);
  return kExitOk;
}

Table InterviewTable(const std::vector<Interview>& interviews) {
  Table t{{"id", "when", "round", "org", "role", "ask", "with", "prep"},
          {true, false, true, false, false, true, false, false},
          {}};
  for (const Interview& i : interviews) {
    t.rows.push_back({std::to_string(i.record.id), WhenText(i.record),
                      std::to_string(i.record.round), i.ask.org, i.ask.role,
                      std::to_string(i.ask.id), PeopleText(i.record), Clip(i.record.prep, 40)});
  }
  return t;
}

}  // namespace

int RunInterview(const InterviewOptions& o, Context& ctx) {
  Result<InterviewChange> change = ScheduleInterview(ctx, o);
  if (!change.ok()) return Fail(ctx, change.error());
  return PrintChange(*change, ctx, OneLine(change->interview));
}

int RunInterviewEdit(const InterviewEditOptions& o, Context& ctx) {
  Result<InterviewChange> change = EditInterview(ctx, o);
  if (!change.ok()) return Fail(ctx, change.error());
  return PrintChange(*change, ctx, "changed " + OneLine(change->interview));
}

int RunInterviewRemove(int64_t id, Context& ctx) {
  Result<Interview> removed = RemoveInterview(ctx, id);
  if (!removed.ok()) return Fail(ctx, removed.error());
  if (ctx.json) {
    fmt::print(ctx.out, "{}\n", DumpJson(InterviewJson(*removed, ctx.today)));
    return kExitOk;
  }
  fmt::print(ctx.out, "Removed interview {}; its ask stays. 'keel undo' brings it back.\n",
             EscapeControls(Describe(*removed)));
  return kExitOk;
}

int RunInterviews(bool all, Context& ctx) {
  Result<std::vector<Interview>> interviews = Interviews(ctx, all);
  if (!interviews.ok()) return Fail(ctx, interviews.error());
  if (ctx.json) {
    fmt::print(ctx.out, "{}\n", DumpJson(InterviewsJson(*interviews, ctx.today)));
    return kExitOk;
  }
  if (interviews->empty()) {
    fmt::print(ctx.out, "{}: schedule one with keel interview ASK_ID --at \"YYYY-MM-DD HH:MM\"\n",
               all ? "No interviews yet" : "No interviews ahead");
    return kExitOk;
  }
  fmt::print(ctx.out, "{}", RenderTable(InterviewTable(*interviews), ctx.color));
  return kExitOk;
}

void PrintInterviews(const Context& ctx, const std::vector<Interview>& interviews) {
  if (interviews.empty()) return;
  fmt::print(ctx.out, "\nInterviews ahead:\n");
  fmt::print(ctx.out, "{}", RenderTable(InterviewTable(interviews), ctx.color));
}

}  // namespace keel
