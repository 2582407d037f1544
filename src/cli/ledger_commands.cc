// Commands that write: ask, yes/no/not-yet/silent/reopen, follow-up, edit, delete, undo. Each
// write that can move the silence horizon says so (HorizonMoveLine).
#include <fmt/format.h>

#include "app/ledger.h"
#include "app/reason_theme.h"
#include "app/reframe.h"
#include "app/report_views.h"
#include "app/status.h"
#include "app/views.h"
#include "cli/commands.h"
#include "core/json_dump.h"
#include "core/text.h"

namespace keel {
namespace {

// Opens the store or reports why not; the caller returns the exit code when null.
std::shared_ptr<Store> Open(Context& ctx, int* exit_code, bool with_horizon = false) {
  Result<std::shared_ptr<Store>> store = ctx.OpenStore(with_horizon);
  if (!store.ok()) {
    *exit_code = Fail(ctx, store.error());
    return nullptr;
  }
  return std::move(store).value();
}

std::string OneLine(const Ask& a) {
  std::string line = fmt::format("ask #{}: {}, {}", a.id, a.org, Name(a.kind));
  if (a.channel != Channel::kOther) line += fmt::format(" via {}", Name(a.channel));
  if (!a.person.empty()) line += fmt::format(", to {}", a.person);
  if (!a.via.empty()) line += fmt::format(", introduced by {}", a.via);
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

// `moved`: the line saying the silence horizon moved (HorizonMoveLine), shown as answers show it.
int PrintAsk(const LedgerChange& change, Context& ctx, const std::string& human,
             const std::optional<std::string>& moved = std::nullopt) {
  if (ctx.json) {
    Result<const ThemeClassifier*> themes = ctx.Themes();
    if (!themes.ok()) return Fail(ctx, themes.error());
    Json j = AskJson(change.ask, ctx.today, ctx.silence_days, **themes);
    AddNotices(j, change.notices);
    AddNotices(j, change.warnings);
    if (moved) AddNotices(j, {*moved});
    fmt::print(ctx.out, "{}\n", DumpJson(j));
  } else {
    fmt::print(ctx.out, "{}\n", human);
    if (moved) fmt::print(ctx.out, "{}\n", *moved);
  }
  PrintNotices(ctx, change.notices);
  for (const std::string& warning : change.warnings) fmt::print(ctx.err, "warning: {}\n", warning);
  PrintHints(ctx, change.hints);
  return kExitOk;
}

// The ask's reply time in days (replied_on - asked_on), nullopt without a reply.
std::optional<int32_t> ReplyDays(const Ask& ask) {
  if (!ask.replied_on) return std::nullopt;
  return *ask.replied_on - ask.asked_on;
}

// What became of the answer the ask had: kept in its history, or replaced (undo brings it back).
std::string PreviousAnswerLine(const Ask& a, const PreviousAnswer& p) {
  const AnswerRecord& old = p.answer;
  const std::string was = DescribeAnswer(old, /*with_reason=*/false);
  if (!IsReply(a.outcome)) {
    if (p.kept) return fmt::format("Its {} stays in its answers (keel show {}).", was, a.id);
    return fmt::format("Its {} is taken back; 'keel undo' brings it back.", was);
  }
  const AnswerRecord now{0, a.id, a.outcome, a.replied_on, a.until, a.reason, a.reason_theme};
  if (p.kept && old.outcome == Outcome::kNotYet) {
    return fmt::format("#{}: {}, then {}; both stay in its answers (keel show {}).", a.id, was,
                       DescribeAnswer(now, false), a.id);
  }
  if (p.kept) {
    return fmt::format(
        "#{} was {}; now {}. Both stay in its answers; 'keel undo' takes the {} back.", a.id, was,
        DescribeAnswer(now, false), Name(a.outcome));
  }
  // A correction: say what it was, with the reason when only the reason changed.
  const bool same_day = old.replied_on == a.replied_on;
  const bool only_text = old.outcome == a.outcome && same_day && old.until == a.until;
  std::string now_text(Name(a.outcome));
  if (!same_day && a.replied_on) now_text += fmt::format(" on {}", a.replied_on->ToIso());
  if (a.until && old.until != a.until) now_text += fmt::format(" (ask again {})", a.until->ToIso());
  if (only_text) {
    return fmt::format("#{} was {}; now {}. 'keel undo' brings the old one back.", a.id,
                       DescribeAnswer(old, true),
                       a.reason.empty() ? now_text + " with no reason"
                                        : fmt::format("{} \"{}\"", now_text, a.reason));
  }
  return fmt::format("#{} was {}; now {}. 'keel undo' brings the {} back.", a.id, was, now_text,
                     Name(old.outcome));
}

}  // namespace

int RunAsk(const AskOptions& o, Context& ctx) {
  AskInput input;
  if (o.kind.empty()) {
    return Fail(ctx,
                Error{fmt::format("say what you asked for: one of {}", fmt::join(kKindNames, ", ")),
                      ErrorCode::kInvalid, "kind"});
  }
  Result<Kind> kind = ParseKind(o.kind, "kind");
  if (!kind.ok()) return Fail(ctx, InField("kind", kind.error(), "kind"));
  Result<Channel> channel = ParseChannel(o.channel, "channel");
  if (!channel.ok()) return Fail(ctx, InField("channel", channel.error(), "channel"));
  Result<Date> on = ParseUserDate(o.on, ctx.today);
  if (!on.ok()) return Fail(ctx, InField("on", on.error()));
  input.org = o.org;
  input.person = o.person;
  input.via = o.via;
  input.new_via = o.new_via;
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

  // A new ask waiting for a reply is a censored observation of the reply curve: dated in the
  // past, it can move the silence horizon, and the person is told so.
  int code = 0;
  std::shared_ptr<Store> store = Open(ctx, &code, /*with_horizon=*/true);
  if (!store) return code;
  Result<LedgerChange> change = LogAsk(*store, input, ctx.today);
  if (!change.ok()) return Fail(ctx, change.error());
  const std::optional<std::string> moved =
      ctx.HorizonMoveLine(*store, fmt::format("ask #{} ({}) is waiting for a reply", change->ask.id,
                                              change->ask.asked_on.ToIso()));
  return PrintAsk(*change, ctx, OneLine(change->ask), moved);
}

int RunOutcome(const OutcomeOptions& o, Context& ctx) {
  OutcomeInput input;
  input.id = o.id;
  input.outcome = *ParseOutcome(o.outcome);
  if (o.on) {
    Result<Date> on = ParseUserDate(*o.on, ctx.today);
    if (!on.ok()) return Fail(ctx, InField("on", on.error()));
    input.on = *on;
  }
  if (o.until) {
    // The date to ask again is usually in the future: tomorrow, +3d, +2w, +1m are accepted.
    Result<Date> until = ParseFutureDate(*o.until, ctx.today);
    if (!until.ok()) return Fail(ctx, InField("until", until.error()));
    input.until = *until;
  }
  input.reason = o.reason;
  input.theme = o.theme;
  Result<const ThemeClassifier*> themes = ctx.Themes();
  if (!themes.ok()) return Fail(ctx, themes.error());

  // The horizon before the write (resolved on opening, as every command does) and after it: an
  // answer can move it, and the person is told so and why.
  int code = 0;
  std::shared_ptr<Store> store = Open(ctx, &code, /*with_horizon=*/true);
  if (!store) return code;
  const Horizon before = ctx.horizon;
  std::optional<int32_t> reply_before;
  if (Result<Ask> old = FindAsk(*store, input.id); old.ok()) reply_before = ReplyDays(*old);
  Result<LedgerChange> change = RecordOutcome(*store, input, ctx.today);
  if (!change.ok()) return Fail(ctx, change.error());
  const Ask& a = change->ask;
  Result<Horizon> after = ResolveHorizon(*store, ctx.today, ctx.silence_days_given);
  if (!after.ok()) return Fail(ctx, after.error());
  ctx.horizon = *after;
  ctx.silence_days = after->days;
  const std::optional<HorizonMove> moved =
      DescribeHorizonMove(before, *after, reply_before, ReplyDays(a));
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
    case Outcome::kWithdrawn:
      human = fmt::format(
          "Withdrew from ask {} on {}: your own decision, so it counts in no yes-rate, streak or "
          "reply curve.",
          Describe(a), a.replied_on->ToIso());
      break;
    case Outcome::kNotYet:
      human = fmt::format("Not yet on ask {}, {}{}.", Describe(a), a.replied_on->ToIso(),
                          a.until ? fmt::format("; ask again on {}", a.until->ToIso()) : "");
      break;
    default:
      human = fmt::format("{} on ask {}, {}.", input.outcome == Outcome::kYes ? "Yes" : "No",
                          Describe(a), a.replied_on->ToIso());
  }
  if (change->previous) {
    const std::string line = PreviousAnswerLine(a, *change->previous);
    if (!line.empty()) human += "\n" + line;
  }
  // The reframe: after any answer, the numbers that put it in proportion.
  std::optional<Reframe> reframe;
  if (input.outcome != Outcome::kPending && input.outcome != Outcome::kWithdrawn) {
    Result<Reframe> built = BuildReframe(*store, ctx.today, ctx.horizon, a);
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
    j["horizon_moved"] = moved ? Json{{"from", moved->from},
                                      {"to", moved->to},
                                      {"why", moved->why},
                                      {"line", moved->line}}
                               : Json(nullptr);
    j["previous"] = nullptr;
    if (change->previous) {
      j["previous"] = AnswerJson(change->previous->answer);
      j["previous"]["kept"] = change->previous->kept;
    }
    if (moved) AddNotices(j, {moved->line});
    fmt::print(ctx.out, "{}\n", DumpJson(j));
    return kExitOk;
  }
  fmt::print(ctx.out, "{}\n", human);
  if (moved) fmt::print(ctx.out, "{}\n", moved->line);
  if (reframe) {
    // The theme line, with the CLI's own pointer to the command that shows patterns.
    const auto print_theme_line = [&] {
      if (!reframe->theme_line) return;
      fmt::print(ctx.out, "{}{}{}\n", *reframe->theme_line, reframe->theme_hint.empty() ? "" : " ",
                 reframe->theme_hint);
    };
    for (size_t i = 0; i < reframe->lines.size(); ++i) {
      if (i == reframe->theme_at) print_theme_line();
      fmt::print(ctx.out, "{}\n", reframe->lines[i]);
    }
    if (reframe->theme_at >= reframe->lines.size()) print_theme_line();
  }
  return kExitOk;
}

int RunFollowUp(const FollowUpOptions& o, Context& ctx) {
  std::optional<Date> on;
  if (o.on) {
    Result<Date> parsed = ParseUserDate(*o.on, ctx.today);
    if (!parsed.ok()) return Fail(ctx, InField("on", parsed.error()));
    on = *parsed;
  }
  int code = 0;
  std::shared_ptr<Store> store = Open(ctx, &code, ctx.json);
  if (!store) return code;
  Result<LedgerChange> change = FollowUp(*store, o.id, on, o.note, ctx.today);
  if (!change.ok()) return Fail(ctx, change.error());
  const size_t n = change->ask.follow_ups.size();
  if (on && *on > ctx.today) {
    return PrintAsk(*change, ctx,
                    fmt::format("Follow-up on ask {} scheduled for {}; keel agenda lists it, and "
                                "from that day it is due.",
                                Describe(change->ask), on->ToIso()));
  }
  return PrintAsk(*change, ctx,
                  fmt::format("Follow-up {} on ask {} recorded ({} so far); it is a nudge, not a "
                              "new ask.",
                              on.value_or(ctx.today).ToIso(), Describe(change->ask), n));
}

int RunEdit(const EditOptions& o, Context& ctx) {
  AskEdit edit;
  edit.org = o.org;
  edit.person = o.person;
  edit.via = o.via;
  edit.new_via = o.new_via;
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
    Result<Kind> kind = ParseKind(*o.kind, "kind");
    if (!kind.ok()) return Fail(ctx, InField("kind", kind.error(), "kind"));
    edit.kind = *kind;
  }
  if (o.channel) {
    Result<Channel> channel = ParseChannel(*o.channel, "channel");
    if (!channel.ok()) return Fail(ctx, InField("channel", channel.error(), "channel"));
    edit.channel = *channel;
  }
  for (const auto& [text, target, name] :
       {std::tuple(&o.on, &edit.asked_on, "on"),
        std::tuple(&o.replied_on, &edit.replied_on, "replied_on")}) {
    if (!*text) continue;
    Result<Date> date = DateOption(*text, ctx);
    if (!date.ok()) return Fail(ctx, InField(name, date.error()));
    *target = *date;
  }
  if (o.materials) edit.materials = *o.materials;
  if (o.no_materials) edit.materials = std::vector<std::string>();
  // A changed date changes a reply time or how long an ask has waited: the horizon can move.
  int code = 0;
  std::shared_ptr<Store> store = Open(ctx, &code, /*with_horizon=*/true);
  if (!store) return code;
  std::optional<int32_t> reply_before;
  if (Result<Ask> old = FindAsk(*store, o.id); old.ok()) reply_before = ReplyDays(*old);
  Result<LedgerChange> change = EditAsk(*store, o.id, edit, ctx.today);
  if (!change.ok()) return Fail(ctx, change.error());
  const std::optional<std::string> moved =
      ctx.HorizonMoveLine(*store, fmt::format("you edited ask #{}", change->ask.id), reply_before,
                          ReplyDays(change->ask));
  return PrintAsk(*change, ctx, "Edited " + OneLine(change->ask), moved);
}

int RunDelete(const DeleteOptions& o, Context& ctx) {
  int code = 0;
  std::shared_ptr<Store> store = Open(ctx, &code, /*with_horizon=*/true);
  if (!store) return code;
  if (!o.yes) {
    Result<Ask> ask = FindAsk(*store, o.id);
    if (!ask.ok()) return Fail(ctx, ask.error());
    return Fail(ctx, fmt::format("deleting ask {} removes it from every statistic; add --yes to "
                                 "confirm (keel undo brings it back)",
                                 Describe(*ask)));
  }
  Result<Ask> deleted = DeleteAsk(*store, o.id);
  if (!deleted.ok()) return Fail(ctx, deleted.error());
  const std::optional<std::string> moved =
      ctx.HorizonMoveLine(*store, fmt::format("ask #{} was deleted", deleted->id));
  if (ctx.json) {
    Result<const ThemeClassifier*> themes = ctx.Themes();
    if (!themes.ok()) return Fail(ctx, themes.error());
    Json j = AskJson(*deleted, ctx.today, ctx.silence_days, **themes);
    if (moved) AddNotices(j, {*moved});
    fmt::print(ctx.out, "{}\n", DumpJson(j));
  } else {
    fmt::print(ctx.out, "Deleted ask {}; 'keel undo' brings it back.\n", Describe(*deleted));
    if (moved) fmt::print(ctx.out, "{}\n", *moved);
  }
  return kExitOk;
}

int RunUndoPreview(Context& ctx) {
  int code = 0;
  std::shared_ptr<Store> store = Open(ctx, &code, /*with_horizon=*/false);
  if (!store) return code;
  Result<std::optional<UndoneChange>> next = NextUndo(*store);
  if (!next.ok()) return Fail(ctx, next.message());
  if (ctx.json) {
    Json j;
    j["undo"] = *next ? Json((*next)->summary) : Json(nullptr);
    j["change"] = *next ? Json((*next)->change_id) : Json(nullptr);
    j["made_at"] = *next ? Json((*next)->made_at) : Json(nullptr);
    fmt::print(ctx.out, "{}\n", DumpJson(j));
  } else if (*next) {
    fmt::print(ctx.out, "keel undo would revert change #{}: {} (made {}).\n", (*next)->change_id,
               (*next)->summary, (*next)->made_at);
  } else {
    fmt::print(ctx.out, "There is nothing to undo.\n");
  }
  return kExitOk;
}

int RunUndo(Context& ctx) {
  int code = 0;
  std::shared_ptr<Store> store = Open(ctx, &code, /*with_horizon=*/true);
  if (!store) return code;
  Result<std::optional<UndoneChange>> undone = Undo(*store);
  if (!undone.ok()) return Fail(ctx, undone.error());
  if (!*undone) return Fail(ctx, "there is nothing to undo");
  const UndoneChange& u = **undone;
  const std::optional<std::string> moved =
      ctx.HorizonMoveLine(*store, fmt::format("you undid \"{}\"", u.summary));
  if (ctx.json) {
    Json j;
    j["undone"] = u.summary;
    j["change"] = u.change_id;
    j["made_at"] = u.made_at;
    if (moved) AddNotices(j, {*moved});
    fmt::print(ctx.out, "{}\n", DumpJson(j));
  } else {
    fmt::print(ctx.out, "Undid change #{}: {} (made {}).\n", u.change_id, u.summary, u.made_at);
    if (moved) fmt::print(ctx.out, "{}\n", *moved);
  }
  return kExitOk;
}

}  // namespace keel
