// Commands that write: ask, yes/no/not-yet/silent/reopen, follow-up, edit, delete, undo. The
// work is app/use_ledger's (the page calls the same); this file words it, or prints its JSON. Each
// write that can move the silence horizon says so.
#include <fmt/format.h>

#include "app/ledger.h"
#include "app/use_ledger.h"
#include "cli/commands.h"
#include "core/json_dump.h"
#include "core/text.h"

namespace keel {
namespace {

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

// A written ask: its JSON, or the human line and the horizon's move; then the notes, warnings
// and hints on stderr.
int PrintAsk(const Result<AskWritten>& written, Context& ctx, const std::string& human) {
  if (ctx.json) {
    Result<Json> j = ThemedJson(ctx, written, AskWrittenJson);
    if (!j.ok()) return Fail(ctx, j.error());
    fmt::print(ctx.out, "{}\n", DumpJson(*j));
  } else {
    fmt::print(ctx.out, "{}\n", human);
    if (written->horizon_moved) fmt::print(ctx.out, "{}\n", *written->horizon_moved);
  }
  const LedgerChange& change = written->change;
  PrintNotices(ctx, change.notices);
  for (const std::string& warning : change.warnings) fmt::print(ctx.err, "warning: {}\n", warning);
  PrintHints(ctx, change.hints);
  return kExitOk;
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
  Result<AskWritten> written = LogAsk(ctx, o);
  if (!written.ok()) return Fail(ctx, written.error());
  return PrintAsk(written, ctx, OneLine(written->change.ask));
}

int RunOutcome(const OutcomeOptions& o, Context& ctx) {
  Result<OutcomeWritten> written = RecordOutcome(ctx, o);
  if (!written.ok()) return Fail(ctx, written.error());
  const Ask& a = written->change.ask;
  if (ctx.json) {
    Result<Json> j = ThemedJson(ctx, written, OutcomeWrittenJson);
    if (!j.ok()) return Fail(ctx, j.error());
    fmt::print(ctx.out, "{}\n", DumpJson(*j));
    return kExitOk;
  }
  std::string human;
  switch (written->outcome) {
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
      human = fmt::format("{} on ask {}, {}.", written->outcome == Outcome::kYes ? "Yes" : "No",
                          Describe(a), a.replied_on->ToIso());
  }
  if (written->change.previous) {
    const std::string line = PreviousAnswerLine(a, *written->change.previous);
    if (!line.empty()) human += "\n" + line;
  }
  fmt::print(ctx.out, "{}\n", human);
  if (written->horizon_moved) fmt::print(ctx.out, "{}\n", written->horizon_moved->line);
  if (const std::optional<Reframe>& reframe = written->reframe) {
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
  // The horizon only counts in the JSON's outcome: the human line needs none.
  Result<FollowUpWritten> done = FollowUp(ctx, o, /*with_horizon=*/ctx.json);
  if (!done.ok()) return Fail(ctx, done.error());
  const Ask& a = done->written.change.ask;
  const std::optional<Date>& on = done->on;
  if (on && *on > ctx.today) {
    return PrintAsk(done->written, ctx,
                    fmt::format("Follow-up on ask {} scheduled for {}; keel agenda lists it, and "
                                "from that day it is due.",
                                Describe(a), on->ToIso()));
  }
  return PrintAsk(done->written, ctx,
                  fmt::format("Follow-up {} on ask {} recorded ({} so far); it is a nudge, not a "
                              "new ask.",
                              on.value_or(ctx.today).ToIso(), Describe(a), a.follow_ups.size()));
}

int RunEdit(const EditOptions& o, Context& ctx) {
  Result<AskWritten> written = EditAsk(ctx, o);
  if (!written.ok()) return Fail(ctx, written.error());
  return PrintAsk(written, ctx, "Edited " + OneLine(written->change.ask));
}

int RunDelete(const DeleteOptions& o, Context& ctx) {
  Result<AskDeleted> deleted = DeleteAsk(ctx, o);
  if (!deleted.ok()) return Fail(ctx, deleted.error());
  if (ctx.json) {
    Result<Json> j = ThemedJson(ctx, deleted, AskDeletedJson);
    if (!j.ok()) return Fail(ctx, j.error());
    fmt::print(ctx.out, "{}\n", DumpJson(*j));
  } else {
    fmt::print(ctx.out, "Deleted ask {}; 'keel undo' brings it back.\n", Describe(deleted->ask));
    if (deleted->horizon_moved) fmt::print(ctx.out, "{}\n", *deleted->horizon_moved);
  }
  return kExitOk;
}

int RunUndoPreview(Context& ctx) {
  Result<std::optional<UndoneChange>> next = UndoPreview(ctx);
  if (!next.ok()) return Fail(ctx, next.error());
  if (ctx.json) {
    fmt::print(ctx.out, "{}\n", DumpJson(UndoPreviewJson(*next)));
  } else if (*next) {
    fmt::print(ctx.out, "keel undo would revert change #{}: {} (made {}).\n", (*next)->change_id,
               (*next)->summary, (*next)->made_at);
  } else {
    fmt::print(ctx.out, "There is nothing to undo.\n");
  }
  return kExitOk;
}

int RunUndo(Context& ctx) {
  Result<Undone> undone = Undo(ctx);
  if (!undone.ok()) return Fail(ctx, undone.error());
  if (ctx.json) {
    fmt::print(ctx.out, "{}\n", DumpJson(UndoneJson(*undone)));
  } else {
    const UndoneChange& u = undone->change;
    fmt::print(ctx.out, "Undid change #{}: {} (made {}).\n", u.change_id, u.summary, u.made_at);
    if (undone->horizon_moved) fmt::print(ctx.out, "{}\n", *undone->horizon_moved);
  }
  return kExitOk;
}

}  // namespace keel
