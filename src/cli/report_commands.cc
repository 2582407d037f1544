// Commands that only read: list, show, status.
#include <fmt/format.h>

#include "app/ledger.h"
#include "app/names.h"
#include "app/reason_theme.h"
#include "app/status.h"
#include "app/views.h"
#include "cli/commands.h"
#include "cli/table.h"
#include "core/json_dump.h"
#include "core/text.h"
#include "store/open.h"

namespace keel {
namespace {

struct ReadSession {
  std::shared_ptr<Store> store;
  int exit_code = kExitOk;
};

ReadSession OpenForRead(Context& ctx) {
  ReadSession session;
  Result<std::shared_ptr<Store>> store = ctx.OpenStore();
  if (!store.ok()) {
    session.exit_code = Fail(ctx, store.error());
    return session;
  }
  session.store = std::move(store).value();
  return session;
}

// What the weekly goal's line measures, said wherever it is shown.
constexpr std::string_view kGoalMeaning =
    "(the weekly goal counts asks you make, Monday to Sunday: effort, which you control; a week "
    "in progress joins the run once it is met)";

std::string Percent(double fraction) { return fmt::format("{:.1f}%", 100.0 * fraction); }

// The status's next step with the command that does it: "keep going: record each answer as it
// comes: keel yes|no|not-yet ID".
std::string NextLine(const StatusReport& r) {
  if (r.next_command.empty()) return r.next_step;
  return fmt::format("{}: {}", r.next_step, r.next_command);
}

}  // namespace

int RunList(const ListOptions& o, Context& ctx) {
  std::optional<Kind> kind;
  std::optional<Channel> channel;
  std::optional<Outcome> outcome;
  if (o.kind) {
    Result<Kind> k = ParseKind(*o.kind, "kind");
    if (!k.ok()) return Fail(ctx, InField("kind", k.error(), "kind"));
    kind = *k;
  }
  if (o.channel) {
    Result<Channel> c = ParseChannel(*o.channel, "channel");
    if (!c.ok()) return Fail(ctx, InField("channel", c.error(), "channel"));
    channel = *c;
  }
  if (o.outcome) {
    Result<Outcome> out = ParseOutcome(*o.outcome, "outcome");
    if (!out.ok()) return Fail(ctx, InField("outcome", out.error(), "outcome"));
    outcome = *out;
  }
  ReadSession session = OpenForRead(ctx);
  if (!session.store) return session.exit_code;
  std::string org;
  if (o.org) {
    Result<std::vector<Named>> orgs = session.store->Organizations();
    if (!orgs.ok()) return Fail(ctx, orgs.error());
    const OrgMatch match = MatchOrganization(*orgs, *o.org);
    if (match.names.size() > 1) {
      return Fail(ctx, Error{fmt::format("the name '{}' could be any of {} organizations: {}; give "
                                         "more of the name",
                                         *o.org, match.names.size(), fmt::join(match.names, ", ")),
                             ErrorCode::kInvalid, "org", "the name"});
    }
    if (match.names.empty()) {
      Error error{match.did_you_mean.empty()
                      ? fmt::format("no organization is called '{}'", *o.org)
                      : fmt::format("no organization is called '{}'; did you mean '{}'?", *o.org,
                                    match.did_you_mean),
                  ErrorCode::kInvalid, "org"};
      if (match.did_you_mean.empty())
        error.hint = "keel list shows every ask with its organization";
      return Fail(ctx, std::move(error));
    }
    org = match.names.front();
  }
  auto keep = [&](const Ask& a) {
    const Outcome effective = a.EffectiveOutcome(ctx.today, ctx.silence_days);
    if (o.open && effective != Outcome::kPending && effective != Outcome::kNotYet) return false;
    if (kind && a.kind != *kind) return false;
    if (channel && a.channel != *channel) return false;
    if (outcome && effective != *outcome) return false;
    return !o.org || a.org == org;
  };
  if (o.search) {
    return RunListSearch(o, ctx, *session.store, keep,
                         o.org ? std::optional<std::string>(org) : std::nullopt);
  }
  Result<std::vector<Ask>> asks = session.store->ListAsks();
  if (!asks.ok()) return Fail(ctx, asks.error());

  std::vector<const Ask*> shown;
  for (const Ask& a : *asks) {
    if (keep(a)) shown.push_back(&a);
  }
  if (ctx.json) {
    Result<const ThemeClassifier*> themes = ctx.Themes();
    if (!themes.ok()) return Fail(ctx, themes.error());
    Json j = Json::array();
    for (const Ask* a : shown) j.push_back(AskJson(*a, ctx.today, ctx.silence_days, **themes));
    fmt::print(ctx.out, "{}\n", DumpJson(j));
    return kExitOk;
  }
  if (shown.empty()) {
    fmt::print(
        ctx.out, "{}\n",
        asks->empty() ? "No asks yet: log one with keel ask ORG --kind KIND" : "No asks match.");
    return kExitOk;
  }
  Table table{{"id", "asked", "org", "person", "kind", "channel", "outcome", "replied", "role"},
              {true},
              {}};
  bool inferred = false;
  for (const Ask* a : shown) {
    const Outcome effective = a->EffectiveOutcome(ctx.today, ctx.silence_days);
    std::string outcome_text(Name(effective));
    if (effective != a->outcome) {
      outcome_text += "*";
      inferred = true;
    }
    if (a->until) outcome_text += " until " + a->until->ToIso();
    table.rows.push_back({std::to_string(a->id), a->asked_on.ToIso(), a->org, a->person,
                          std::string(Name(a->kind)), std::string(Name(a->channel)), outcome_text,
                          a->replied_on ? a->replied_on->ToIso() : "", a->role});
  }
  fmt::print(ctx.out, "{}", RenderTable(table, ctx.color));
  if (inferred) {
    fmt::print(ctx.out, "* no reply in over {} days: counted as silent until a reply comes\n",
               ctx.silence_days);
  }
  return kExitOk;
}

int RunShow(int64_t id, Context& ctx) {
  ReadSession session = OpenForRead(ctx);
  if (!session.store) return session.exit_code;
  Result<Ask> ask = FindAsk(*session.store, id);
  if (!ask.ok()) return Fail(ctx, ask.error());
  const Ask& a = *ask;
  Result<const ThemeClassifier*> themes = ctx.Themes();
  if (!themes.ok()) return Fail(ctx, themes.error());
  Result<std::vector<FeedbackRecord>> feedback = session.store->ListFeedback(a.id);
  if (!feedback.ok()) return Fail(ctx, feedback.error());
  Result<std::vector<Pivot>> pivots = session.store->ListPivots();
  if (!pivots.ok()) return Fail(ctx, pivots.error());
  const Pivot* pivot = nullptr;
  for (const Pivot& p : *pivots) {
    if (p.ask_id == a.id) pivot = &p;
  }
  Result<std::vector<AnswerRecord>> earlier = session.store->EarlierAnswers(a.id);
  if (!earlier.ok()) return Fail(ctx, earlier.error());
  const std::vector<AnswerRecord> answers = AnswerHistory(a, *earlier);
  Result<std::vector<FollowUpRecord>> all_follow_ups = session.store->ListFollowUps();
  if (!all_follow_ups.ok()) return Fail(ctx, all_follow_ups.message());
  std::vector<FollowUpRecord> follow_ups;
  for (const FollowUpRecord& f : *all_follow_ups) {
    if (f.ask_id == a.id) follow_ups.push_back(f);
  }
  std::stable_sort(follow_ups.begin(), follow_ups.end(),
                   [](const FollowUpRecord& x, const FollowUpRecord& y) { return x.on < y.on; });
  if (ctx.json) {
    Json j = AskJson(a, ctx.today, ctx.silence_days, **themes);
    j["answers"] = AnswersJson(answers);
    j["feedback"] = Json::array();
    for (const FeedbackRecord& f : *feedback) j["feedback"].push_back(FeedbackJson(f, **themes));
    j["pivot"] = pivot ? Json{{"on", pivot->on.ToIso()}, {"rule", pivot->rule}, {"why", pivot->why}}
                       : Json(nullptr);
    // Every follow-up with its note, made or scheduled, by date (the page's timeline).
    j["follow_up_log"] = Json::array();
    for (const FollowUpRecord& f : follow_ups) {
      j["follow_up_log"].push_back(
          Json{{"on", f.on.ToIso()}, {"note", f.note}, {"scheduled", f.planned}});
    }
    fmt::print(ctx.out, "{}\n", DumpJson(j));
    return kExitOk;
  }
  const Outcome effective = a.EffectiveOutcome(ctx.today, ctx.silence_days);
  Table t{{"ask", fmt::format("#{}", a.id)}, {}, {}};
  t.rows.push_back({"asked on", a.asked_on.ToIso()});
  t.rows.push_back({"org", a.org});
  if (!a.person.empty()) t.rows.push_back({"person", a.person});
  if (!a.via.empty()) t.rows.push_back({"introduced by", a.via});
  if (!a.role.empty()) t.rows.push_back({"role", a.role});
  t.rows.push_back({"kind", std::string(Name(a.kind))});
  t.rows.push_back({"channel", std::string(Name(a.channel))});
  std::string outcome(Name(effective));
  if (effective != a.outcome && !earlier->empty()) {
    // Asked again after an answer: the silence is since that answer, counted from the ask.
    outcome += fmt::format(" (asked {} days ago, past the {}-day horizon; no answer since its {})",
                           ctx.today - a.asked_on, ctx.silence_days,
                           DescribeAnswer(earlier->back(), /*with_reason=*/false));
  } else if (effective != a.outcome) {
    outcome += fmt::format(" (no reply in {} days, past the {}-day horizon)",
                           ctx.today - a.asked_on, ctx.silence_days);
  }
  t.rows.push_back({"outcome", outcome});
  if (a.replied_on) {
    t.rows.push_back({a.outcome == Outcome::kWithdrawn ? "withdrawn on" : "replied on",
                      fmt::format("{} ({} days after the ask)", a.replied_on->ToIso(),
                                  *a.replied_on - a.asked_on)});
  }
  if (a.until) t.rows.push_back({"ask again on", a.until->ToIso()});
  if (!earlier->empty()) {
    // Every answer it received, oldest first: the outcome above is the latest.
    std::vector<std::string> parts;
    parts.reserve(answers.size());
    for (const AnswerRecord& answer : answers) parts.push_back(DescribeAnswer(answer));
    t.rows.push_back({"answers", fmt::format("{}", fmt::join(parts, "; "))});
  }
  if (!a.reason.empty()) {
    t.rows.push_back({"reason", a.reason});
    if (a.outcome == Outcome::kWithdrawn) {
      t.rows.back()[0] = "why withdrawn";
    } else if (std::optional<ReasonTheme> theme = ThemeOfAsk(a, **themes)) {
      t.rows.push_back({"theme", DescribeTheme(*theme)});
    }
  }
  for (const FeedbackRecord& f : *feedback) {
    std::string line = fmt::format("{}: {}", f.received_on.ToIso(), f.text);
    if (std::optional<ReasonTheme> theme = ThemeOf(f.text, f.theme, **themes)) {
      line += fmt::format(" [{}]", DescribeTheme(*theme));
    }
    t.rows.push_back({"feedback", line});
  }
  if (!a.facets.industry.empty()) t.rows.push_back({"industry", a.facets.industry});
  if (!a.facets.location.empty()) t.rows.push_back({"location", a.facets.location});
  if (!a.facets.seniority.empty()) t.rows.push_back({"seniority", a.facets.seniority});
  if (!a.facets.remote.empty()) t.rows.push_back({"remote", a.facets.remote});
  if (a.facets.salary) t.rows.push_back({"salary", std::to_string(*a.facets.salary)});
  if (pivot) {
    t.rows.push_back({"pivot", fmt::format("{}: despite \"{}\": {}", pivot->on.ToIso(), pivot->rule,
                                           pivot->why)});
  }
  if (!a.materials.empty())
    t.rows.push_back({"materials", fmt::format("{}", fmt::join(a.materials, ", "))});
  if (!a.follow_ups.empty()) {
    std::vector<std::string> dates;
    for (Date d : a.follow_ups) dates.push_back(d.ToIso());
    t.rows.push_back({"follow-ups", fmt::format("{}", fmt::join(dates, ", "))});
  }
  for (const PlannedFollowUp& p : a.planned_follow_ups) {
    t.rows.push_back({"scheduled", p.note.empty()
                                       ? fmt::format("follow up on {}", p.on.ToIso())
                                       : fmt::format("follow up on {}: {}", p.on.ToIso(), p.note)});
  }
  if (!a.note.empty()) t.rows.push_back({"note", a.note});
  fmt::print(ctx.out, "{}", RenderTable(t, ctx.color));
  return kExitOk;
}

int RunStatus(Context& ctx) {
  ReadSession session = OpenForRead(ctx);
  if (!session.store) return session.exit_code;
  Result<StatusReport> report = BuildStatus(*session.store, ctx.today, ctx.silence_days);
  if (!report.ok()) return Fail(ctx, report.error());
  if (ctx.json) {
    fmt::print(ctx.out, "{}\n", DumpJson(StatusJson(*report)));
    return kExitOk;
  }
  const StatusReport& r = *report;
  const LedgerSummary& c = r.counts;
  if (c.asks == 0) {
    fmt::print(ctx.out, "keel: no asks yet in {}\n", DescribeDb(ctx.db_path));
    if (r.goal) fmt::print(ctx.out, "{}\n{}\n", r.goal->line, kGoalMeaning);
    fmt::print(ctx.out, "next: {}\n", NextLine(r));
    return kExitOk;
  }
  if (r.closed) fmt::print(ctx.out, "{}\n", ClosedLine(*r.closed));
  fmt::print(ctx.out, "keel: {} ask{} from {} to {}, {} in the last 28 days\n", c.asks,
             c.asks == 1 ? "" : "s", c.first_ask->ToIso(), c.last_ask->ToIso(),
             c.asks_last_28_days);
  Table t{{"yes", "no", "not-yet", "silent", "pending", "decided", "follow-ups"},
          {true, true, true, true, true, true, true},
          {{std::to_string(c.yes), std::to_string(c.no), std::to_string(c.not_yet),
            std::to_string(c.silent), std::to_string(c.pending), std::to_string(r.decided),
            std::to_string(c.follow_ups)}}};
  if (c.withdrawn > 0) {
    // Shown only when there are any: the seeker's own withdrawals, in no rate.
    t.headers.insert(t.headers.begin() + 5, "withdrawn");
    t.right_aligned.insert(t.right_aligned.begin() + 5, true);
    t.rows[0].insert(t.rows[0].begin() + 5, std::to_string(c.withdrawn));
  }
  fmt::print(ctx.out, "{}", RenderTable(t, ctx.color));
  if (r.yes_rate) {
    fmt::print(ctx.out, "yes-rate {} of decided asks", Percent(*r.yes_rate));
    if (r.nos_per_yes) {
      fmt::print(ctx.out, "; {:.1f} nos per yes", *r.nos_per_yes);
    } else {
      fmt::print(ctx.out, "; no yes yet");
    }
    fmt::print(ctx.out, " (silent = no reply in over {} days)\n", r.silence_days);
  }
  if (r.goal) {
    fmt::print(ctx.out, "{}\n{}\n", r.goal->line, kGoalMeaning);
  }
  fmt::print(ctx.out, "next: {}\n", NextLine(r));
  return kExitOk;
}

}  // namespace keel
