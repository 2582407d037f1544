// Commands that only read: list, show, status. The reading is app/use_reads' (the page calls the
// same); this file prints it as a table, lines or JSON.
#include <fmt/format.h>

#include "app/interviews.h"
#include "app/ledger.h"
#include "app/reason_theme.h"
#include "app/use_ledger.h"
#include "app/use_reads.h"
#include "cli/commands.h"
#include "cli/table.h"
#include "core/json_dump.h"
#include "core/text.h"
#include "store/open.h"

namespace keel {
namespace {

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
  Result<AskList> list = ListAsks(ctx, o);
  if (!list.ok()) return Fail(ctx, list.error());
  const auto shown = static_cast<int64_t>(list->asks.size());
  // What was left out, said where a person reads it: under the table, or on stderr beside JSON.
  const std::string more =
      !list->search && list->matched > shown
          ? fmt::format("Showing the newest {} of {} asks{}; --limit N shows more, --all every one",
                        shown, list->matched,
                        list->since ? fmt::format(" since {}", list->since->ToIso()) : "")
          : "";
  if (ctx.json && !list->search) {
    // Streamed: each ask's JSON printed as it is made, never the whole array held at once.
    Result<const ThemeClassifier*> themes = ctx.Themes();
    if (!themes.ok()) return Fail(ctx, themes.error());
    fmt::print(ctx.out, "[");
    for (size_t i = 0; i < list->asks.size(); ++i) {
      fmt::print(ctx.out, "{}{}", i == 0 ? "" : ",",
                 DumpJson(AskJson(list->asks[i], ctx.today, ctx.silence_days, **themes)));
    }
    fmt::print(ctx.out, "]\n");
    if (!more.empty()) fmt::print(ctx.err, "note: {}\n", more);
    return kExitOk;
  }
  if (ctx.json) {
    Result<Json> j = ThemedJson(ctx, list, AskListJson);
    if (!j.ok()) return Fail(ctx, j.error());
    fmt::print(ctx.out, "{}\n", DumpJson(*j));
    return kExitOk;
  }
  if (list->search) {
    PrintListSearch(ctx, *list->search);
    return kExitOk;
  }
  if (list->asks.empty()) {
    fmt::print(ctx.out, "{}\n",
               list->ledger_empty ? "No asks yet: log one with keel ask ORG --kind KIND"
                                  : "No asks match.");
    return kExitOk;
  }
  Table table{{"id", "asked", "org", "person", "kind", "channel", "outcome", "replied", "role"},
              {true},
              {}};
  table.rows.reserve(list->asks.size());
  bool inferred = false;
  for (const Ask& a : list->asks) {
    const Outcome effective = a.EffectiveOutcome(ctx.today, ctx.silence_days);
    std::string outcome_text(Name(effective));
    if (effective != a.outcome) {
      outcome_text += "*";
      inferred = true;
    }
    if (a.until) outcome_text += " until " + a.until->ToIso();
    table.rows.push_back({std::to_string(a.id), a.asked_on.ToIso(), a.org, a.person,
                          std::string(Name(a.kind)), std::string(Name(a.channel)), outcome_text,
                          a.replied_on ? a.replied_on->ToIso() : "", a.role});
  }
  fmt::print(ctx.out, "{}", RenderTable(table, ctx.color));
  if (inferred) {
    fmt::print(ctx.out, "* no reply in over {} days: counted as silent until a reply comes\n",
               ctx.silence_days);
  }
  if (!more.empty()) fmt::print(ctx.out, "{}\n", more);
  return kExitOk;
}

int RunShow(int64_t id, Context& ctx) {
  Result<AskDetail> detail = ShowAsk(ctx, id);
  if (!detail.ok()) return Fail(ctx, detail.error());
  if (ctx.json) {
    Result<Json> j = ThemedJson(ctx, detail, AskDetailJson);
    if (!j.ok()) return Fail(ctx, j.error());
    fmt::print(ctx.out, "{}\n", DumpJson(*j));
    return kExitOk;
  }
  Result<const ThemeClassifier*> themes = ctx.Themes();  // loaded by ShowAsk
  if (!themes.ok()) return Fail(ctx, themes.error());
  const Ask& a = detail->ask;
  const std::vector<AnswerRecord>& earlier = detail->earlier;
  const std::optional<Pivot>& pivot = detail->pivot;
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
  if (effective != a.outcome && !earlier.empty()) {
    // Asked again after an answer: the silence is since that answer, counted from the ask.
    outcome += fmt::format(" (asked {} days ago, past the {}-day horizon; no answer since its {})",
                           ctx.today - a.asked_on, ctx.silence_days,
                           DescribeAnswer(earlier.back(), /*with_reason=*/false));
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
  if (!earlier.empty()) {
    // Every answer it received, oldest first: the outcome above is the latest.
    std::vector<std::string> parts;
    parts.reserve(detail->answers.size());
    for (const AnswerRecord& answer : detail->answers) parts.push_back(DescribeAnswer(answer));
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
  for (const FeedbackRecord& f : detail->feedback) {
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
  for (const Interview& i : detail->interviews) {
    std::string line = fmt::format("#{} {}", i.record.id, RoundText(i));
    if (!i.record.prep.empty()) line += "; prep: " + i.record.prep;
    t.rows.push_back({"interview", line});
  }
  if (!a.note.empty()) t.rows.push_back({"note", a.note});
  fmt::print(ctx.out, "{}", RenderTable(t, ctx.color));
  return kExitOk;
}

int RunStatus(Context& ctx) {
  Result<StatusReport> report = LedgerStatus(ctx);
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
