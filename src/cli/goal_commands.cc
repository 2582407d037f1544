// `keel goal`: shows the weekly goal and this week's progress, sets it (--asks-per-week N) or
// clears it (--clear). The rules (ISO weeks, what counts, the run) live in app/goal.h.
#include <fmt/format.h>

#include <cctype>

#include "app/goal.h"
#include "app/use_plans.h"
#include "cli/commands.h"
#include "cli/table.h"
#include "core/json_dump.h"
#include "core/week.h"

namespace keel {
namespace {

constexpr std::string_view kEffort =
    "It counts asks you make, Monday to Sunday: effort, which you control; answers are not yours "
    "to decide. Follow-ups are nudges, not asks. A week in progress joins the run once it is met.";

void PrintGoal(const Context& ctx, const std::optional<GoalReport>& goal) {
  if (!goal) {
    fmt::print(ctx.out,
               "No weekly goal set. keel goal --asks-per-week N sets one: it counts the asks you "
               "make (effort, which you control), not the answers.\n");
    return;
  }
  const GoalReport& g = *goal;
  fmt::print(ctx.out, "weekly goal: {} ask{} (set {})\n", g.asks_per_week,
             g.asks_per_week == 1 ? "" : "s", g.set_on.ToIso());
  fmt::print(ctx.out, "{} ({}, {} to {})\n", g.line, IsoWeekName(g.week_start),
             g.week_start.ToIso(), g.week_end.ToIso());
  if (!g.weeks.empty()) {
    Table t{{"week", "from", "asks", "goal", "met"}, {false, false, true, true, false}, {}};
    for (const GoalWeek& w : g.weeks) {
      t.rows.push_back({IsoWeekName(w.start), w.start.ToIso(), std::to_string(w.asks),
                        std::to_string(w.goal), w.met ? "yes" : "not this week"});
    }
    fmt::print(ctx.out, "{}", RenderTable(t, ctx.color));
  }
  fmt::print(ctx.out, "{}\n", kEffort);
}

}  // namespace

int RunGoal(const GoalOptions& o, Context& ctx) {
  Result<GoalAnswer> answer = Goal(ctx, o);
  if (!answer.ok()) return Fail(ctx, answer.error());
  if (ctx.json) {
    fmt::print(ctx.out, "{}\n", DumpJson(GoalAnswerJson(*answer)));
    return kExitOk;
  }
  if (!answer->change) {
    PrintGoal(ctx, answer->goal);
    return kExitOk;
  }
  const GoalChange& change = *answer->change;
  for (const std::string& notice : change.notices) {
    fmt::print(ctx.out, "{}{}.\n", static_cast<char>(std::toupper(notice[0])), notice.substr(1));
  }
  if (change.report) fmt::print(ctx.out, "{}\n", change.report->line);
  if (change.changed) fmt::print(ctx.out, "keel undo takes this change back.\n");
  return kExitOk;
}

}  // namespace keel
