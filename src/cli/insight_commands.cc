// "Is it about me?": feedback, patterns and actions.
#include <fmt/format.h>

#include "app/reason_theme.h"
#include "app/use_insights.h"
#include "cli/commands.h"
#include "core/json_dump.h"

namespace keel {

int RunFeedbackAsk(const FeedbackAskOptions& o, Context& ctx) {
  Result<LedgerChange> change = AskForFeedback(ctx, o, /*with_horizon=*/ctx.json);
  if (!change.ok()) return Fail(ctx, change.error());
  const Ask& a = change->ask;
  if (ctx.json) {
    Result<Json> j = FeedbackAskJson(ctx, *change);
    if (!j.ok()) return Fail(ctx, j.error());
    fmt::print(ctx.out, "{}\n", DumpJson(*j));
  } else {
    fmt::print(ctx.out,
               "ask #{}: feedback from {} at {}, {}. When they answer: keel feedback add {} "
               "\"their words\"\n",
               a.id, a.person, a.org, a.asked_on.ToIso(), a.id);
  }
  if (!change->notices.empty()) {
    fmt::print(ctx.err, "note: {}\n", fmt::join(change->notices, "; "));
  }
  PrintHints(ctx, change->hints);
  return kExitOk;
}

int RunFeedbackAdd(const FeedbackAddOptions& o, Context& ctx) {
  Result<FeedbackKept> kept = AddFeedback(ctx, o);
  if (!kept.ok()) return Fail(ctx, kept.error());
  if (ctx.json) {
    fmt::print(ctx.out, "{}\n", DumpJson(FeedbackKeptJson(*kept)));
    return kExitOk;
  }
  const FeedbackAdded& added = kept->added;
  fmt::print(ctx.out, "Feedback on ask {} kept, {}.{}\n", Describe(added.ask),
             added.feedback.received_on.ToIso(),
             added.answered ? " They answered, so the ask is a yes." : "");
  std::optional<ReasonTheme> theme =
      ThemeOf(added.feedback.text, added.feedback.theme, *kept->themes);
  if (theme && IsNoRejection(*theme)) {
    fmt::print(ctx.out, "Theme: {}; it counts in no pattern.\n", DescribeTheme(*theme));
  } else if (theme) {
    std::vector<std::string> names;
    for (Theme t : theme->classification.themes) names.emplace_back(Name(t));
    fmt::print(ctx.out, "Themes: {}. Main one: {}.\n", fmt::join(names, ", "),
               DescribeTheme(*theme));
    fmt::print(ctx.out,
               "One person is one source; 'keel patterns' shows what independent "
               "sources agree on.\n");
  }
  return kExitOk;
}

int RunActionAdd(const ActionAddOptions& o, Context& ctx) {
  Result<ActionRow> action = AddAction(ctx, o);
  if (!action.ok()) return Fail(ctx, action.error());
  if (ctx.json) {
    fmt::print(ctx.out, "{}\n", DumpJson(ActionRowJson(*action)));
  } else {
    fmt::print(ctx.out,
               "action #{}: {} ({}), from {}. 'keel actions' compares the yes-rate before and "
               "after.\n",
               action->id, action->text, action->theme, action->started_on.ToIso());
  }
  return kExitOk;
}

int RunActions(Context& ctx) {
  Result<std::vector<ActionReport>> report = Actions(ctx);
  if (!report.ok()) return Fail(ctx, report.error());
  if (ctx.json) {
    fmt::print(ctx.out, "{}\n", DumpJson(ActionsJson(*report)));
    return kExitOk;
  }
  PrintLines(ctx, ActionsLines(*report));
  return kExitOk;
}

int RunPatterns(int window_days, Context& ctx) {
  Result<PatternsReport> report = Patterns(ctx, window_days);
  if (!report.ok()) return Fail(ctx, report.error());
  if (ctx.json) {
    fmt::print(ctx.out, "{}\n", DumpJson(PatternsJson(*report)));
    return kExitOk;
  }
  PrintLines(ctx, PatternsLines(*report));
  return kExitOk;
}

}  // namespace keel
