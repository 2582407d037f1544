// "Is it about me?": feedback, patterns and actions.
#include <fmt/format.h>

#include <unordered_map>

#include "app/actions.h"
#include "app/feedback.h"
#include "app/ledger.h"
#include "app/patterns.h"
#include "app/reason_theme.h"
#include "app/transaction.h"
#include "app/views.h"
#include "cli/commands.h"
#include "core/json_dump.h"
#include "core/text.h"

namespace keel {
namespace {

// Everything the pattern report reads, from one snapshot.
struct PatternInputs {
  std::vector<ReasonItem> items;
  int64_t silent = 0;
  int64_t no_reason = 0;
};

Result<PatternInputs> GatherReasons(Store& store, Date today, int silence_days, int window_days) {
  Transaction snapshot(store);
  KEEL_RETURN_IF_ERROR(snapshot.BeginRead());
  Result<std::vector<Ask>> asks = store.ListAsks();
  Result<std::vector<FeedbackRecord>> feedback = store.ListFeedback(0);
  snapshot.Rollback();
  if (!asks.ok()) return asks.status();
  if (!feedback.ok()) return feedback.status();
  const Date from = today - (window_days - 1);
  auto in_window = [&](Date d) { return d >= from && d <= today; };
  PatternInputs in;
  std::unordered_map<Id, const Ask*> by_id;
  for (const Ask& a : *asks) {
    by_id.emplace(a.id, &a);
    const Outcome outcome = a.EffectiveOutcome(today, silence_days);
    if (outcome == Outcome::kWithdrawn) continue;  // the seeker's reason, not theirs
    if (!Trim(a.reason).empty()) {
      std::optional<Theme> chosen;
      if (a.reason_theme) {
        if (Result<Theme> t = ParseTheme(*a.reason_theme); t.ok()) chosen = *t;
      }
      in.items.push_back(ReasonItem{a.id, a.replied_on.value_or(a.asked_on), a.org, a.person,
                                    a.reason, chosen, false, a.outcome == Outcome::kYes});
    } else if ((outcome == Outcome::kNo || outcome == Outcome::kNotYet) && a.replied_on &&
               in_window(*a.replied_on)) {
      ++in.no_reason;
    } else if (outcome == Outcome::kSilent && in_window(a.asked_on + silence_days)) {
      ++in.silent;
    }
  }
  for (const FeedbackRecord& f : *feedback) {
    auto it = by_id.find(f.ask_id);
    if (it == by_id.end()) continue;
    std::optional<Theme> chosen;
    if (f.theme) {
      if (Result<Theme> t = ParseTheme(*f.theme); t.ok()) chosen = *t;
    }
    in.items.push_back(ReasonItem{f.ask_id, f.received_on, it->second->org, it->second->person,
                                  f.text, chosen, true});
  }
  return in;
}

}  // namespace

int RunFeedbackAsk(const FeedbackAskOptions& o, Context& ctx) {
  Result<Channel> channel = ParseChannel(o.channel, "channel");
  if (!channel.ok()) return Fail(ctx, InField("channel", channel.error(), "channel"));
  Result<Date> on = ParseUserDate(o.on, ctx.today);
  if (!on.ok()) return Fail(ctx, InField("on", on.error()));
  Result<std::shared_ptr<Store>> store = ctx.OpenStore(ctx.json);
  if (!store.ok()) return Fail(ctx, store.error());
  FeedbackAskInput input{o.person, o.org, *channel, *on, o.note, o.new_org, o.new_person};
  Result<LedgerChange> change = AskForFeedback(**store, input, ctx.today);
  if (!change.ok()) return Fail(ctx, change.error());
  const Ask& a = change->ask;
  if (ctx.json) {
    Result<const ThemeClassifier*> themes = ctx.Themes();
    if (!themes.ok()) return Fail(ctx, themes.error());
    Json j = AskJson(a, ctx.today, ctx.silence_days, **themes);
    AddNotices(j, change->notices);
    fmt::print(ctx.out, "{}\n", DumpJson(j));
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
  FeedbackInput input{o.id, o.text, o.theme, std::nullopt};
  if (o.on) {
    Result<Date> on = ParseUserDate(*o.on, ctx.today);
    if (!on.ok()) return Fail(ctx, InField("on", on.error()));
    input.on = *on;
  }
  Result<const ThemeClassifier*> themes = ctx.Themes();
  if (!themes.ok()) return Fail(ctx, themes.error());
  Result<std::shared_ptr<Store>> store = ctx.OpenStore(/*with_horizon=*/false);
  if (!store.ok()) return Fail(ctx, store.error());
  Result<FeedbackAdded> added = RecordFeedback(**store, input, ctx.today);
  if (!added.ok()) return Fail(ctx, added.error());
  const Json j = FeedbackJson(added->feedback, **themes);
  if (ctx.json) {
    Json out;
    out["feedback"] = j;
    out["answered"] = added->answered;
    fmt::print(ctx.out, "{}\n", DumpJson(out));
    return kExitOk;
  }
  fmt::print(ctx.out, "Feedback on ask {} kept, {}.{}\n", Describe(added->ask),
             added->feedback.received_on.ToIso(),
             added->answered ? " They answered, so the ask is a yes." : "");
  std::optional<ReasonTheme> theme = ThemeOf(added->feedback.text, added->feedback.theme, **themes);
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
  std::optional<Date> on;
  if (o.on) {
    // An action may be planned ahead, so its start takes the future forms too (+1w, tomorrow).
    Result<Date> parsed = ParseFutureDate(*o.on, ctx.today);
    if (!parsed.ok()) return Fail(ctx, InField("on", parsed.error()));
    on = *parsed;
  }
  Result<std::shared_ptr<Store>> store = ctx.OpenStore(/*with_horizon=*/false);
  if (!store.ok()) return Fail(ctx, store.error());
  Result<ActionRow> action = AddAction(**store, o.text, o.theme, on, ctx.today);
  if (!action.ok()) return Fail(ctx, action.error());
  if (ctx.json) {
    fmt::print(ctx.out, "{}\n",
               DumpJson(Json{{"id", action->id},
                             {"text", action->text},
                             {"theme", action->theme},
                             {"on", action->started_on.ToIso()}}));
  } else {
    fmt::print(ctx.out,
               "action #{}: {} ({}), from {}. 'keel actions' compares the yes-rate before and "
               "after.\n",
               action->id, action->text, action->theme, action->started_on.ToIso());
  }
  return kExitOk;
}

int RunActions(Context& ctx) {
  Result<std::shared_ptr<Store>> store = ctx.OpenStore();
  if (!store.ok()) return Fail(ctx, store.error());
  Store& s = **store;
  Transaction snapshot(s);
  if (Status begun = snapshot.BeginRead(); !begun.ok()) return Fail(ctx, begun.error());
  Result<std::vector<ActionRow>> rows = s.ListActions();
  Result<std::vector<Ask>> asks = s.ListAsks();
  snapshot.Rollback();
  if (!rows.ok()) return Fail(ctx, rows.error());
  if (!asks.ok()) return Fail(ctx, asks.error());
  std::vector<ActionRecord> actions;
  for (const ActionRow& r : *rows) {
    Result<Theme> theme = ParseTheme(r.theme);
    if (!theme.ok()) return Fail(ctx, fmt::format("action #{}: {}", r.id, theme.message()));
    actions.push_back(ActionRecord{r.id, r.text, *theme, r.started_on});
  }
  const std::vector<ActionReport> report =
      BuildActions(actions, *asks, ctx.today, ctx.silence_days);
  if (ctx.json) {
    fmt::print(ctx.out, "{}\n", DumpJson(ActionsJson(report)));
    return kExitOk;
  }
  PrintLines(ctx, ActionsLines(report));
  return kExitOk;
}

int RunPatterns(int window_days, Context& ctx) {
  Result<const ThemeClassifier*> themes = ctx.Themes();
  if (!themes.ok()) return Fail(ctx, themes.error());
  Result<std::shared_ptr<Store>> store = ctx.OpenStore();
  if (!store.ok()) return Fail(ctx, store.error());
  Result<PatternInputs> in = GatherReasons(**store, ctx.today, ctx.silence_days, window_days);
  if (!in.ok()) return Fail(ctx, in.error());
  const PatternsReport report =
      BuildPatterns(in->items, in->silent, in->no_reason, ctx.today, window_days, **themes);
  if (ctx.json) {
    fmt::print(ctx.out, "{}\n", DumpJson(PatternsJson(report)));
    return kExitOk;
  }
  PrintLines(ctx, PatternsLines(report));
  return kExitOk;
}

}  // namespace keel
