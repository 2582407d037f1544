#include "app/use_insights.h"

#include <fmt/format.h>

#include <unordered_map>

#include "app/reason_theme.h"
#include "app/transaction.h"
#include "core/text.h"

namespace keel {
namespace {

// Everything the pattern report reads, from one snapshot.
struct PatternInputs {
  std::vector<ReasonItem> items;
  int64_t silent = 0;
  int64_t no_reason = 0;
};

// Every ask and feedback answer of the search, read in one snapshot.
struct ReasonSources {
  std::vector<Ask> asks;
  std::vector<FeedbackRecord> feedback;
};

Result<ReasonSources> ReadReasonSources(Store& store) {
  Transaction snapshot(store);
  KEEL_RETURN_IF_ERROR(snapshot.BeginRead());
  Result<std::vector<Ask>> asks = store.ListAsks();
  if (!asks.ok()) return asks.status();
  Result<std::vector<FeedbackRecord>> feedback = store.ListFeedback(0);
  if (!feedback.ok()) return feedback.status();
  return ReasonSources{std::move(asks).value(), std::move(feedback).value()};
}

PatternInputs GatherReasons(const ReasonSources& sources, Date today, int silence_days,
                            int window_days) {
  const Date from = today - (window_days - 1);
  auto in_window = [&](Date d) { return d >= from && d <= today; };
  PatternInputs in;
  std::unordered_map<Id, const Ask*> by_id;
  for (const Ask& a : sources.asks) {
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
  for (const FeedbackRecord& f : sources.feedback) {
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

Result<LedgerChange> AskForFeedback(Session& session, const FeedbackAskOptions& o,
                                    bool with_horizon) {
  Result<Channel> channel = ParseChannel(o.channel, "channel");
  if (!channel.ok()) return InField("channel", channel.error(), "channel");
  Result<Date> on = ParseUserDate(o.on, session.today);
  if (!on.ok()) return InField("on", on.error());
  Result<std::shared_ptr<Store>> store = session.OpenStore(with_horizon);
  if (!store.ok()) return store.status();
  const FeedbackAskInput input{o.person, o.org, *channel, *on, o.note, o.new_org, o.new_person};
  return AskForFeedback(**store, input, session.today);
}

Result<Json> FeedbackAskJson(Session& session, const LedgerChange& change) {
  Result<const ThemeClassifier*> themes = session.Themes();
  if (!themes.ok()) return themes.status();
  Json j = AskJson(change.ask, session.today, session.silence_days, **themes);
  AddNotices(j, change.notices);
  return j;
}

Result<FeedbackKept> AddFeedback(Session& session, const FeedbackAddOptions& o) {
  FeedbackInput input{o.id, o.text, o.theme, std::nullopt};
  if (o.on) {
    Result<Date> on = ParseUserDate(*o.on, session.today);
    if (!on.ok()) return InField("on", on.error());
    input.on = *on;
  }
  Result<const ThemeClassifier*> themes = session.Themes();
  if (!themes.ok()) return themes.status();
  Result<std::shared_ptr<Store>> store = session.OpenStore(/*with_horizon=*/false);
  if (!store.ok()) return store.status();
  Result<FeedbackAdded> added = RecordFeedback(**store, input, session.today);
  if (!added.ok()) return added.status();
  return FeedbackKept{std::move(added).value(), *themes};
}

Json FeedbackKeptJson(const FeedbackKept& kept) {
  Json out;
  out["feedback"] = FeedbackJson(kept.added.feedback, *kept.themes);
  out["answered"] = kept.added.answered;
  return out;
}

Result<ActionRow> AddAction(Session& session, const ActionAddOptions& o) {
  std::optional<Date> on;
  if (o.on) {
    // An action may be planned ahead, so its start takes the future forms too (+1w, tomorrow).
    Result<Date> parsed = ParseFutureDate(*o.on, session.today);
    if (!parsed.ok()) return InField("on", parsed.error());
    on = *parsed;
  }
  Result<std::shared_ptr<Store>> store = session.OpenStore(/*with_horizon=*/false);
  if (!store.ok()) return store.status();
  return AddAction(**store, o.text, o.theme, on, session.today);
}

Json ActionRowJson(const ActionRow& action) {
  return Json{{"id", action.id},
              {"text", action.text},
              {"theme", action.theme},
              {"on", action.started_on.ToIso()}};
}

Result<std::vector<ActionReport>> Actions(Session& session) {
  Result<std::shared_ptr<Store>> store = session.OpenStore();
  if (!store.ok()) return store.status();
  Store& s = **store;
  Transaction snapshot(s);
  KEEL_RETURN_IF_ERROR(snapshot.BeginRead());
  Result<std::vector<ActionRow>> rows = s.ListActions();
  Result<std::vector<Ask>> asks = s.ListAsks();
  snapshot.Rollback();
  if (!rows.ok()) return rows.status();
  if (!asks.ok()) return asks.status();
  std::vector<ActionRecord> actions;
  for (const ActionRow& r : *rows) {
    Result<Theme> theme = ParseTheme(r.theme);
    if (!theme.ok()) return Error{fmt::format("action #{}: {}", r.id, theme.message())};
    actions.push_back(ActionRecord{r.id, r.text, *theme, r.started_on});
  }
  return BuildActions(actions, *asks, session.today, session.silence_days);
}

Result<PatternsReport> Patterns(Session& session, int window_days) {
  Result<std::vector<PatternsReport>> reports = PatternsAsOf(session, {session.today}, window_days);
  if (!reports.ok()) return reports.status();
  return std::move(reports->front());
}

Result<std::vector<PatternsReport>> PatternsAsOf(Session& session, const std::vector<Date>& as_of,
                                                 int window_days) {
  Result<const ThemeClassifier*> themes = session.Themes();
  if (!themes.ok()) return themes.status();
  Result<std::shared_ptr<Store>> store = session.OpenStore();
  if (!store.ok()) return store.status();
  Result<ReasonSources> sources = ReadReasonSources(**store);
  if (!sources.ok()) return sources.status();
  std::vector<PatternsReport> reports;
  reports.reserve(as_of.size());
  for (Date day : as_of) {
    const PatternInputs in = GatherReasons(*sources, day, session.silence_days, window_days);
    reports.push_back(BuildPatterns(in.items, in.silent, in.no_reason, day, window_days, **themes));
  }
  return reports;
}

}  // namespace keel
