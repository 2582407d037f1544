// Commands that write: ask, yes/no/not-yet/silent/reopen, follow-up, edit, delete, undo.
#include <fmt/format.h>

#include "app/ledger.h"
#include "app/reason_theme.h"
#include "app/reframe.h"
#include "app/report_views.h"
#include "app/status.h"
#include "app/views.h"
#include "cli/commands.h"
#include "core/text.h"

namespace keel {
namespace {

// Opens the store or reports why not; the caller returns the exit code when null.
std::shared_ptr<Store> Open(Context& ctx, int* exit_code, bool with_horizon = false) {
  Result<std::shared_ptr<Store>> store = ctx.OpenStore(with_horizon);
  if (!store.ok()) {
    *exit_code = Fail(ctx, store.message());
    return nullptr;
  }
  return std::move(store).value();
}

std::string OneLine(const Ask& a) {
  std::string line = fmt::format("ask #{}: {}, {}", a.id, a.org, Name(a.kind));
  if (a.channel != Channel::kOther) line += fmt::format(" via {}", Name(a.channel));
  if (!a.person.empty()) line += fmt::format(", to {}", a.person);
  if (!a.role.empty()) line += fmt::format(", {}", a.role);
  line += fmt::format(", {}", a.asked_on.ToIso());
  return line;
}

void PrintNotices(const Context& ctx, const std::vector<std::string>& notices) {
  if (!notices.empty()) fmt::print(ctx.err, "note: {}\n", fmt::join(notices, "; "));
}

Result<Date> DateOption(const std::optional<std::string>& text, const Context& ctx) {
  if (!text) return ctx.today;
  return ParseUserDate(*text, ctx.today);
}

int PrintAsk(const LedgerChange& change, Context& ctx, const std::string& human) {
  if (ctx.json) {
    Result<const ThemeClassifier*> themes = ctx.Themes();
    if (!themes.ok()) return Fail(ctx, themes.message());
    fmt::print(ctx.out, "{}\n", AskJson(change.ask, ctx.today, ctx.silence_days, **themes).dump());
  } else {
    fmt::print(ctx.out, "{}\n", human);
  }
  PrintNotices(ctx, change.notices);
  for (const std::string& warning : change.warnings) fmt::print(ctx.err, "warning: {}\n", warning);
  return kExitOk;
}

}  // namespace

int RunAsk(const AskOptions& o, Context& ctx) {
  AskInput input;
  if (o.kind.empty()) {
    return Fail(ctx, fmt::format("say what you asked for with --kind: one of {}",
                                 fmt::join(kKindNames, ", ")));
  }
  Result<Kind> kind = ParseKind(o.kind, "--kind");
  if (!kind.ok()) return Fail(ctx, kind.message());
  Result<Channel> channel = ParseChannel(o.channel, "--channel");
  if (!channel.ok()) return Fail(ctx, channel.message());
  Result<Date> on = ParseUserDate(o.on, ctx.today);
  if (!on.ok()) return Fail(ctx, "--on: " + on.message());
  input.org = o.org;
  input.person = o.person;
  input.kind = *kind;
  input.channel = *channel;
  input.asked_on = *on;
  input.role = o.role;
  input.note = o.note;
  input.materials = o.materials;
  input.new_org = o.new_org;
  input.new_person = o.new_person;
  input.facets = Facets{o.industry, o.location, o.seniority, o.remote, o.salary};
  input.despite = o.despite;

  int code = 0;
  std::shared_ptr<Store> store = Open(ctx, &code, ctx.json);
  if (!store) return code;
  Result<LedgerChange> change = LogAsk(*store, input, ctx.today);
  if (!change.ok()) return Fail(ctx, change.message());
  return PrintAsk(*change, ctx, OneLine(change->ask));
}

int RunOutcome(const OutcomeOptions& o, Context& ctx) {
  OutcomeInput input;
  input.id = o.id;
  input.outcome = *ParseOutcome(o.outcome);
  if (o.on) {
    Result<Date> on = ParseUserDate(*o.on, ctx.today);
    if (!on.ok()) return Fail(ctx, "--on: " + on.message());
    input.on = *on;
  }
  if (o.until) {
    // The date to ask again is usually in the future: tomorrow, +3d, +2w, +1m are accepted.
    Result<Date> until = ParseFutureDate(*o.until, ctx.today);
    if (!until.ok()) return Fail(ctx, "--until: " + until.message());
    input.until = *until;
  }
  input.reason = o.reason;
  input.theme = o.theme;
  Result<const ThemeClassifier*> themes = ctx.Themes();
  if (!themes.ok()) return Fail(ctx, themes.message());

  int code = 0;
  std::shared_ptr<Store> store = Open(ctx, &code, ctx.json);
  if (!store) return code;
  Result<LedgerChange> change = RecordOutcome(*store, input, ctx.today);
  if (!change.ok()) return Fail(ctx, change.message());
  const Ask& a = change->ask;
  std::string human;
  switch (input.outcome) {
    case Outcome::kPending:
      human = fmt::format("Reopened ask {}: pending again.", Describe(a));
      if (a.EffectiveOutcome(ctx.today, ctx.silence_days) == Outcome::kSilent) {
        human += fmt::format(
            " It is {} days old, past the {}-day horizon, so it counts as silent "
            "until a reply is recorded.",
            ctx.today - a.asked_on, ctx.silence_days);
      }
      break;
    case Outcome::kSilent:
      human = fmt::format("Marked ask {} silent: no reply. A late reply can still be recorded.",
                          Describe(a));
      break;
    case Outcome::kNotYet:
      human = fmt::format("Not yet on ask {}, {}{}.", Describe(a), a.replied_on->ToIso(),
                          a.until ? fmt::format("; ask again on {}", a.until->ToIso()) : "");
      break;
    default:
      human = fmt::format("{} on ask {}, {}.", input.outcome == Outcome::kYes ? "Yes" : "No",
                          Describe(a), a.replied_on->ToIso());
  }
  // The reframe: after any answer, the numbers that put it in proportion.
  std::optional<Reframe> reframe;
  if (input.outcome != Outcome::kPending) {
    Result<Horizon> horizon = ResolveHorizon(*store, ctx.today, ctx.silence_days_given);
    Result<Reframe> built = horizon.ok() ? BuildReframe(*store, ctx.today, *horizon)
                                         : Result<Reframe>(horizon.status());
    if (built.ok()) {
      reframe = std::move(built).value();
      AddReasonTheme(a, **themes, *reframe);
    }
  }
  if (ctx.json) {
    Json j;
    j["ask"] = AskJson(a, ctx.today, ctx.silence_days, **themes);
    j["reframe"] = nullptr;
    if (reframe) j["reframe"] = ReframeJson(*reframe);
    fmt::print(ctx.out, "{}\n", j.dump());
    return kExitOk;
  }
  fmt::print(ctx.out, "{}\n", human);
  if (reframe) {
    const bool yes = input.outcome == Outcome::kYes;
    fmt::print(ctx.out, "{}\n", reframe->lines[0]);
    if (reframe->theme_line) fmt::print(ctx.out, "{}\n", *reframe->theme_line);
    if (!yes) fmt::print(ctx.out, "{}\n{}\n", reframe->lines[1], reframe->lines[2]);
  }
  return kExitOk;
}

int RunFollowUp(const FollowUpOptions& o, Context& ctx) {
  std::optional<Date> on;
  if (o.on) {
    Result<Date> parsed = ParseUserDate(*o.on, ctx.today);
    if (!parsed.ok()) return Fail(ctx, "--on: " + parsed.message());
    on = *parsed;
  }
  int code = 0;
  std::shared_ptr<Store> store = Open(ctx, &code, ctx.json);
  if (!store) return code;
  Result<LedgerChange> change = FollowUp(*store, o.id, on, o.note, ctx.today);
  if (!change.ok()) return Fail(ctx, change.message());
  const size_t n = change->ask.follow_ups.size();
  return PrintAsk(*change, ctx,
                  fmt::format("Follow-up {} on ask {} recorded ({} so far); it is a nudge, not a "
                              "new ask.",
                              on.value_or(ctx.today).ToIso(), Describe(change->ask), n));
}

int RunEdit(const EditOptions& o, Context& ctx) {
  AskEdit edit;
  edit.org = o.org;
  edit.person = o.person;
  edit.role = o.role;
  edit.note = o.note;
  edit.reason = o.reason;
  edit.theme = o.theme;
  edit.industry = o.industry;
  edit.location = o.location;
  edit.seniority = o.seniority;
  edit.remote = o.remote;
  edit.salary = o.salary;
  edit.new_org = o.new_org;
  edit.new_person = o.new_person;
  edit.despite = o.despite;
  if (o.kind) {
    Result<Kind> kind = ParseKind(*o.kind, "--kind");
    if (!kind.ok()) return Fail(ctx, kind.message());
    edit.kind = *kind;
  }
  if (o.channel) {
    Result<Channel> channel = ParseChannel(*o.channel, "--channel");
    if (!channel.ok()) return Fail(ctx, channel.message());
    edit.channel = *channel;
  }
  for (const auto& [text, target, name] :
       {std::tuple(&o.on, &edit.asked_on, "--on"),
        std::tuple(&o.replied_on, &edit.replied_on, "--replied-on")}) {
    if (!*text) continue;
    Result<Date> date = DateOption(*text, ctx);
    if (!date.ok()) return Fail(ctx, fmt::format("{}: {}", name, date.message()));
    *target = *date;
  }
  if (o.materials) edit.materials = *o.materials;
  if (o.no_materials) edit.materials = std::vector<std::string>();
  int code = 0;
  std::shared_ptr<Store> store = Open(ctx, &code, ctx.json);
  if (!store) return code;
  Result<LedgerChange> change = EditAsk(*store, o.id, edit, ctx.today);
  if (!change.ok()) return Fail(ctx, change.message());
  return PrintAsk(*change, ctx, "Edited " + OneLine(change->ask));
}

int RunDelete(const DeleteOptions& o, Context& ctx) {
  int code = 0;
  std::shared_ptr<Store> store = Open(ctx, &code, ctx.json);
  if (!store) return code;
  if (!o.yes) {
    Result<Ask> ask = FindAsk(*store, o.id);
    if (!ask.ok()) return Fail(ctx, ask.message());
    return Fail(ctx, fmt::format("deleting ask {} removes it from every statistic; add --yes to "
                                 "confirm (keel undo brings it back)",
                                 Describe(*ask)));
  }
  Result<Ask> deleted = DeleteAsk(*store, o.id);
  if (!deleted.ok()) return Fail(ctx, deleted.message());
  if (ctx.json) {
    Result<const ThemeClassifier*> themes = ctx.Themes();
    if (!themes.ok()) return Fail(ctx, themes.message());
    fmt::print(ctx.out, "{}\n", AskJson(*deleted, ctx.today, ctx.silence_days, **themes).dump());
  } else {
    fmt::print(ctx.out, "Deleted ask {}; 'keel undo' brings it back.\n", Describe(*deleted));
  }
  return kExitOk;
}

int RunUndo(Context& ctx) {
  int code = 0;
  std::shared_ptr<Store> store = Open(ctx, &code, ctx.json);
  if (!store) return code;
  Result<std::optional<UndoneChange>> undone = Undo(*store);
  if (!undone.ok()) return Fail(ctx, undone.message());
  if (!*undone) return Fail(ctx, "there is nothing to undo");
  const UndoneChange& u = **undone;
  if (ctx.json) {
    Json j;
    j["undone"] = u.summary;
    j["change"] = u.change_id;
    j["made_at"] = u.made_at;
    fmt::print(ctx.out, "{}\n", j.dump());
  } else {
    fmt::print(ctx.out, "Undid change #{}: {} (made {}).\n", u.change_id, u.summary, u.made_at);
  }
  return kExitOk;
}

}  // namespace keel
