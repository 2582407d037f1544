// "Should I change course?": the strategy set while calm, and drift away from it.
#include <fmt/format.h>

#include "app/use_strategy.h"
#include "cli/commands.h"
#include "core/json_dump.h"

namespace keel {
namespace {

int ShowHistory(Context& ctx) {
  Result<std::vector<StrategyVersion>> versions = StrategyHistory(ctx);
  if (!versions.ok()) return Fail(ctx, versions.error());
  if (ctx.json) {
    fmt::print(ctx.out, "{}\n", DumpJson(StrategyHistoryJson(*versions)));
    return kExitOk;
  }
  if (versions->empty()) {
    fmt::print(ctx.out, "No strategy yet; set it while calm: keel strategy focus --role \"...\"\n");
  }
  for (const StrategyVersion& v : *versions) {
    fmt::print(ctx.out, "v{} {} {}\n", v.id, v.edited_on.ToIso(), v.summary);
  }
  return kExitOk;
}

}  // namespace

int RunStrategy(const StrategyOptions& o, Context& ctx) {
  if (o.action == "history") return ShowHistory(ctx);
  Result<StrategyAnswer> answer = ShowOrEditStrategy(ctx, o);
  if (!answer.ok()) return Fail(ctx, answer.error());
  if (ctx.json) {
    fmt::print(ctx.out, "{}\n", DumpJson(StrategyJson(answer->strategy)));
    return kExitOk;
  }
  if (answer->edit) {
    fmt::print(ctx.out, "{}\n",
               answer->changed ? fmt::format("Saved ({}), dated {}.", DescribeEdit(*answer->edit),
                                             answer->on.ToIso())
                               : std::string("Nothing changed: that is already your strategy."));
  }
  PrintLines(ctx, StrategyLines(answer->strategy));
  return kExitOk;
}

int RunDrift(Context& ctx) {
  Result<DriftReport> report = Drift(ctx);
  if (!report.ok()) return Fail(ctx, report.error());
  if (ctx.json) {
    fmt::print(ctx.out, "{}\n", DumpJson(DriftJson(*report)));
    return kExitOk;
  }
  PrintLines(ctx, DriftLines(*report));
  return kExitOk;
}

}  // namespace keel
