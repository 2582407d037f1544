// keel pipeline: every role by stage, with its dated history, and the funnel of stage-to-stage
// rates. The stages and rates come from app/pipeline; this file only lays them out for a person.
#include <fmt/format.h>

#include "app/pipeline.h"
#include "app/use_plans.h"
#include "cli/commands.h"
#include "cli/table.h"
#include "core/json_dump.h"
#include "io/local_time.h"

namespace keel {
namespace {

std::string HistoryText(const OpportunityStage& role) {
  std::vector<std::string> parts;
  for (const StageStep& s : role.history) {
    parts.push_back(fmt::format("{} {}", StageLabel(s.stage, s.round), s.on.ToIso()));
  }
  if (role.next_interview) {
    parts.push_back(fmt::format("next: round {} on {}", role.next_interview->round,
                                LocalText(role.next_interview->starts_at)));
  }
  return fmt::format("{}", fmt::join(parts, ", "));
}

}  // namespace

int RunPipeline(Context& ctx) {
  Result<PipelineReport> r = Pipeline(ctx);
  if (!r.ok()) return Fail(ctx, r.error());
  if (ctx.json) {
    fmt::print(ctx.out, "{}\n", DumpJson(PipelineJson(*r)));
    return kExitOk;
  }
  if (r->roles.empty()) {
    fmt::print(ctx.out,
               "No roles yet: an ask that names its role starts one (keel ask ORG --kind "
               "application --role ROLE).\n");
    return kExitOk;
  }
  Table t{{"stage", "org", "role", "days", "history"}, {false, false, false, true, false}, {}};
  for (const OpportunityStage& o : r->roles) {
    t.rows.push_back({StageLabel(o.stage, o.round), o.org, o.role,
                      o.since ? std::to_string(ctx.today - *o.since) : "-", HistoryText(o)});
  }
  fmt::print(ctx.out, "{}", RenderTable(t, ctx.color));
  fmt::print(ctx.out,
             "\nFrom stage to stage (each rate counts roles with an answer; 95 % ranges; silence "
             "after {} days):\n",
             r->horizon.days);
  for (const FunnelStep& s : r->funnel) fmt::print(ctx.out, "  {}\n", FunnelLine(s));
  return kExitOk;
}

}  // namespace keel
