// `keel agenda`: what to do today. The decisions are app/agenda's; this file only prints them as a
// table, JSON or an iCalendar, so that the dashboard and a calendar subscription can never list
// different things.
#include <fmt/format.h>

#include <memory>
#include <string>

#include "app/agenda.h"
#include "app/use_plans.h"
#include "cli/commands.h"
#include "cli/table.h"
#include "core/json_dump.h"

namespace keel {

int RunAgenda(bool ics, Context& ctx) {
  if (ics && ctx.json) {
    fmt::print(ctx.err,
               "error: --ics and --json are two formats; give one; see 'keel agenda --help'\n");
    return kExitUsage;
  }
  Result<Agenda> agenda = TodaysAgenda(ctx);
  if (!agenda.ok()) return Fail(ctx, agenda.error());
  if (ics) {
    fmt::print(ctx.out, "{}", AgendaIcs(*agenda));
    return kExitOk;
  }
  if (ctx.json) {
    fmt::print(ctx.out, "{}\n", DumpJson(AgendaJson(*agenda)));
    return kExitOk;
  }
  if (agenda->closed) {
    fmt::print(ctx.out, "{}\nWhile your search is closed, keel suggests no follow-ups{}.\n",
               ClosedLine(*agenda->closed),
               agenda->items.empty() ? "" : "; the ones you scheduled are below");
  }
  const size_t due = agenda->DueCount();
  const size_t ahead = agenda->items.size() - due;
  const std::string later =
      ahead == 0 ? "" : fmt::format("{} scheduled follow-up{} ahead", ahead, ahead == 1 ? "" : "s");
  if (agenda->items.empty()) {
    fmt::print(ctx.out, "Nothing due today.\n");
    PrintDeadlines(ctx, agenda->deadlines);
    PrintInterviews(ctx, agenda->interviews);
    return kExitOk;
  }
  Table t{{"due", "id", "to do", "org", "person", "kind", "why"},
          {false, true, false, false, false, false, false},
          {}};
  for (const AgendaItem& item : agenda->items) {
    t.rows.push_back({item.due.ToIso(), std::to_string(item.ask.id),
                      item.action == AgendaAction::kAskAgain    ? "ask again"
                      : item.action == AgendaAction::kScheduled ? "follow up (scheduled)"
                                                                : "follow up",
                      item.ask.org, item.ask.person, std::string(Name(item.ask.kind)),
                      item.reason});
  }
  if (due == 0) {
    fmt::print(ctx.out, "{}Nothing due today; {}\n", RenderTable(t, ctx.color), later);
    PrintDeadlines(ctx, agenda->deadlines);
    PrintInterviews(ctx, agenda->interviews);
    return kExitOk;
  }
  fmt::print(ctx.out, "{}{} thing{} to do today{}\n", RenderTable(t, ctx.color), due,
             due == 1 ? "" : "s", later.empty() ? "" : "; " + later);
  PrintDeadlines(ctx, agenda->deadlines);
  PrintInterviews(ctx, agenda->interviews);
  return kExitOk;
}

}  // namespace keel
