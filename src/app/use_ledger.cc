#include "app/use_ledger.h"

#include <fmt/format.h>

#include <tuple>

#include "app/reason_theme.h"
#include "core/text.h"

namespace keel {
namespace {

// The ask's reply time in days (replied_on - asked_on), nullopt without a reply.
std::optional<int32_t> ReplyDays(const Ask& ask) {
  if (!ask.replied_on) return std::nullopt;
  return *ask.replied_on - ask.asked_on;
}

}  // namespace

Json AskWrittenJson(const AskWritten& written, Date today, int silence_days,
                    const ThemeClassifier& themes) {
  Json j = AskJson(written.change.ask, today, silence_days, themes);
  AddNotices(j, written.change.notices);
  AddNotices(j, written.change.warnings);
  if (written.horizon_moved) AddNotices(j, {*written.horizon_moved});
  return j;
}

Result<AskWritten> LogAsk(Session& session, const AskOptions& o) {
  if (o.kind.empty()) {
    return Error{fmt::format("say what you asked for: one of {}", fmt::join(kKindNames, ", ")),
                 ErrorCode::kInvalid, "kind"};
  }
  Result<Kind> kind = ParseKind(o.kind, "kind");
  if (!kind.ok()) return InField("kind", kind.error(), "kind");
  Result<Channel> channel = ParseChannel(o.channel, "channel");
  if (!channel.ok()) return InField("channel", channel.error(), "channel");
  Result<Date> on = ParseUserDate(o.on, session.today);
  if (!on.ok()) return InField("on", on.error());
  AskInput input;
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
  Result<std::shared_ptr<Store>> store = session.OpenStore(/*with_horizon=*/true);
  if (!store.ok()) return store.status();
  Result<LedgerChange> change = LogAsk(**store, input, session.today);
  if (!change.ok()) return change.status();
  AskWritten written{std::move(change).value(), std::nullopt};
  written.horizon_moved = session.HorizonMoveLine(
      **store, fmt::format("ask #{} ({}) is waiting for a reply", written.change.ask.id,
                           written.change.ask.asked_on.ToIso()));
  return written;
}

Result<AskWritten> EditAsk(Session& session, const EditOptions& o) {
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
    if (!kind.ok()) return InField("kind", kind.error(), "kind");
    edit.kind = *kind;
  }
  if (o.channel) {
    Result<Channel> channel = ParseChannel(*o.channel, "channel");
    if (!channel.ok()) return InField("channel", channel.error(), "channel");
    edit.channel = *channel;
  }
  for (const auto& [text, target, name] :
       {std::tuple(&o.on, &edit.asked_on, "on"),
        std::tuple(&o.replied_on, &edit.replied_on, "replied_on")}) {
    if (!*text) continue;
    Result<Date> date = ParseUserDate(**text, session.today);
    if (!date.ok()) return InField(name, date.error());
    *target = *date;
  }
  if (o.materials) edit.materials = *o.materials;
  if (o.no_materials) edit.materials = std::vector<std::string>();
  // A changed date changes a reply time or how long an ask has waited: the horizon can move.
  Result<std::shared_ptr<Store>> store = session.OpenStore(/*with_horizon=*/true);
  if (!store.ok()) return store.status();
  std::optional<int32_t> reply_before;
  if (Result<Ask> old = FindAsk(**store, o.id); old.ok()) reply_before = ReplyDays(*old);
  Result<LedgerChange> change = EditAsk(**store, o.id, edit, session.today);
  if (!change.ok()) return change.status();
  AskWritten written{std::move(change).value(), std::nullopt};
  written.horizon_moved =
      session.HorizonMoveLine(**store, fmt::format("you edited ask #{}", written.change.ask.id),
                              reply_before, ReplyDays(written.change.ask));
  return written;
}

Result<FollowUpWritten> FollowUp(Session& session, const FollowUpOptions& o, bool with_horizon) {
  std::optional<Date> on;
  if (o.on) {
    Result<Date> parsed = ParseUserDate(*o.on, session.today);
    if (!parsed.ok()) return InField("on", parsed.error());
    on = *parsed;
  }
  Result<std::shared_ptr<Store>> store = session.OpenStore(with_horizon);
  if (!store.ok()) return store.status();
  Result<LedgerChange> change = FollowUp(**store, o.id, on, o.note, session.today);
  if (!change.ok()) return change.status();
  return FollowUpWritten{AskWritten{std::move(change).value(), std::nullopt}, on};
}

Result<OutcomeWritten> RecordOutcome(Session& session, const OutcomeOptions& o) {
  OutcomeInput input;
  input.id = o.id;
  input.outcome = *ParseOutcome(o.outcome);  // checked by the front end
  if (o.on) {
    Result<Date> on = ParseUserDate(*o.on, session.today);
    if (!on.ok()) return InField("on", on.error());
    input.on = *on;
  }
  if (o.until) {
    // The date to ask again is usually in the future: tomorrow, +3d, +2w, +1m are accepted.
    Result<Date> until = ParseFutureDate(*o.until, session.today);
    if (!until.ok()) return InField("until", until.error());
    input.until = *until;
  }
  input.reason = o.reason;
  input.theme = o.theme;
  Result<const ThemeClassifier*> themes = session.Themes();
  if (!themes.ok()) return themes.status();

  // The horizon before the write (resolved on opening, as every command does) and after it: an
  // answer can move it, and the person is told so and why.
  Result<std::shared_ptr<Store>> opened = session.OpenStore(/*with_horizon=*/true);
  if (!opened.ok()) return opened.status();
  Store& store = **opened;
  const Horizon before = session.horizon;
  std::optional<int32_t> reply_before;
  if (Result<Ask> old = FindAsk(store, input.id); old.ok()) reply_before = ReplyDays(*old);
  Result<LedgerChange> change = RecordOutcome(store, input, session.today);
  if (!change.ok()) return change.status();
  OutcomeWritten written{std::move(change).value(), input.outcome, std::nullopt, std::nullopt};
  const Ask& a = written.change.ask;
  Result<Horizon> after = ResolveHorizon(store, session.today, session.silence_days_given);
  if (!after.ok()) return after.status();
  session.SetHorizon(*after);
  written.horizon_moved = DescribeHorizonMove(before, *after, reply_before, ReplyDays(a));
  // The reframe: after any answer, the numbers that put it in proportion.
  if (input.outcome != Outcome::kPending && input.outcome != Outcome::kWithdrawn) {
    Result<Reframe> built = BuildReframe(store, session.today, session.horizon, a);
    if (built.ok()) {
      written.reframe = std::move(built).value();
      AddReasonTheme(a, **themes, *written.reframe);
    }
  }
  return written;
}

Json OutcomeWrittenJson(const OutcomeWritten& written, Date today, int silence_days,
                        const ThemeClassifier& themes) {
  const std::optional<HorizonMove>& moved = written.horizon_moved;
  Json j;
  j["ask"] = AskJson(written.change.ask, today, silence_days, themes);
  j["reframe"] = nullptr;
  if (written.reframe) j["reframe"] = ReframeJson(*written.reframe);
  j["horizon_moved"] = moved ? Json{{"from", moved->from},
                                    {"to", moved->to},
                                    {"why", moved->why},
                                    {"line", moved->line}}
                             : Json(nullptr);
  j["previous"] = nullptr;
  if (written.change.previous) {
    j["previous"] = AnswerJson(written.change.previous->answer);
    j["previous"]["kept"] = written.change.previous->kept;
  }
  if (moved) AddNotices(j, {moved->line});
  return j;
}

Result<AskDeleted> DeleteAsk(Session& session, const DeleteOptions& o) {
  Result<std::shared_ptr<Store>> store = session.OpenStore(/*with_horizon=*/true);
  if (!store.ok()) return store.status();
  if (!o.yes) {
    Result<Ask> ask = FindAsk(**store, o.id);
    if (!ask.ok()) return ask.status();
    return Error{
        fmt::format("deleting ask {} removes it from every statistic; add --yes to "
                    "confirm (keel undo brings it back)",
                    Describe(*ask))};
  }
  Result<Ask> deleted = DeleteAsk(**store, o.id);
  if (!deleted.ok()) return deleted.status();
  AskDeleted done{std::move(deleted).value(), std::nullopt};
  done.horizon_moved =
      session.HorizonMoveLine(**store, fmt::format("ask #{} was deleted", done.ask.id));
  return done;
}

Json AskDeletedJson(const AskDeleted& deleted, Date today, int silence_days,
                    const ThemeClassifier& themes) {
  Json j = AskJson(deleted.ask, today, silence_days, themes);
  if (deleted.horizon_moved) AddNotices(j, {*deleted.horizon_moved});
  return j;
}

Result<Undone> Undo(Session& session) {
  Result<std::shared_ptr<Store>> store = session.OpenStore(/*with_horizon=*/true);
  if (!store.ok()) return store.status();
  Result<std::optional<UndoneChange>> undone = Undo(**store);
  if (!undone.ok()) return undone.status();
  if (!*undone) return Error{"there is nothing to undo"};
  Undone done{**undone, std::nullopt};
  done.horizon_moved =
      session.HorizonMoveLine(**store, fmt::format("you undid \"{}\"", done.change.summary));
  return done;
}

Json UndoneJson(const Undone& undone) {
  Json j;
  j["undone"] = undone.change.summary;
  j["change"] = undone.change.change_id;
  j["made_at"] = undone.change.made_at;
  if (undone.horizon_moved) AddNotices(j, {*undone.horizon_moved});
  return j;
}

Result<std::optional<UndoneChange>> UndoPreview(Session& session) {
  Result<std::shared_ptr<Store>> store = session.OpenStore(/*with_horizon=*/false);
  if (!store.ok()) return store.status();
  Result<std::optional<UndoneChange>> next = NextUndo(**store);
  // Reported as an invalid input about no one field, as the CLI always has.
  if (!next.ok()) return Error{next.message()};
  return next;
}

Json UndoPreviewJson(const std::optional<UndoneChange>& next) {
  Json j;
  j["undo"] = next ? Json(next->summary) : Json(nullptr);
  j["change"] = next ? Json(next->change_id) : Json(nullptr);
  j["made_at"] = next ? Json(next->made_at) : Json(nullptr);
  return j;
}

}  // namespace keel
