// Why the stage is derived, never stored: a second record of "where the role stands" would drift
// from the asks the moment an answer is corrected, reopened or undone. So the stage is a fold over
// dated events (asked, yes, no, withdrawn, silence, accepted) and every change to the ledger moves
// it for free, undo included.
//
// The funnel counts roles, not asks, and follows the yes-rate's rules (PRODUCT.md): a role still
// waiting is not decided, silence is decided but worded as silence, and the seeker's own
// withdrawals and declined offers are left out of every rate and named apart.
#include "app/pipeline.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>
#include <tuple>
#include <utility>

#include "app/report_views.h"
#include "app/transaction.h"
#include "io/local_time.h"

namespace keel {

std::string_view Name(Stage stage) { return kStageNames[static_cast<size_t>(stage)]; }

std::string StageLabel(Stage stage, int round) {
  switch (stage) {
    case Stage::kInterview:
      return round > 1 ? fmt::format("interview round {}", round) : "interview";
    case Stage::kDeclined:
      return "declined by you";
    case Stage::kRejected:
      return "closed by them";
    case Stage::kWithdrawn:
      return "withdrawn by you";
    case Stage::kGhosted:
      return "silent";
    default:
      return std::string(Name(stage));
  }
}

bool IsEnding(Stage stage) { return stage >= Stage::kAccepted; }

namespace {

// Where a stage sits on the way to an offer: interview rounds order within the interview stage.
using Position = std::pair<int, int>;
Position PositionOf(Stage stage, int round) {
  return {static_cast<int>(stage), stage == Stage::kInterview ? round : 0};
}

bool MovesStage(Kind kind) {
  return kind == Kind::kApplication || kind == Kind::kInterview || kind == Kind::kOffer;
}

enum class EventType { kProgress, kNo, kWithdrawn, kSilence, kAccepted };

struct Event {
  Date on;
  int order = 0;  // for one ask on one day: asking it (0), its answers (1), the closing (2)
  EventType type = EventType::kProgress;
  Stage stage = Stage::kSaved;  // progress: the stage reached; silence: the ask's own stage
  int round = 0;
  Id ask_id = 0;
  std::string by;
  Position ask_stage;  // the stage of the ask the event is about, to order one day's events
};

// What an ask means for its role: the stage asking it reaches, the stage its yes reaches, and the
// step it stands for (whose silence can end the role).
struct AskStages {
  Stage asked = Stage::kSaved;  // what asking it means (saved: nothing)
  int asked_round = 0;
  Stage yes = Stage::kSaved;
  int yes_round = 0;
  Stage own = Stage::kSaved;  // for silence: the stage this ask is the next step of
  int own_round = 0;
};

AskStages StagesOf(const Ask& ask, int interview_round) {
  switch (ask.kind) {
    case Kind::kApplication:
      return {Stage::kApplied, 0, Stage::kScreen, 0, Stage::kApplied, 0};
    case Kind::kInterview:
      return {Stage::kInterview,   interview_round,   Stage::kInterview,
              interview_round + 1, Stage::kInterview, interview_round};
    default:  // offer: asking moves nothing; its yes is the offer
      return {Stage::kSaved, 0, Stage::kOffer, 0, Stage::kOffer, 0};
  }
}

struct Fold {
  Stage stage = Stage::kSaved;
  int round = 0;
  std::optional<Date> since;
  Stage furthest = Stage::kSaved;
  int furthest_round = 0;
  std::vector<StageStep> history;

  void MoveTo(Stage s, int r, const Event& e) {
    if (s == stage && r == round && !history.empty()) return;
    stage = s;
    round = r;
    since = e.on;
    history.push_back(StageStep{s, r, e.on, e.ask_id, e.by});
  }
};

}  // namespace

OpportunityStage DeriveStage(std::string org, std::string role, std::vector<Ask> asks,
                             const std::vector<AnswerRecord>& earlier,
                             const std::optional<AcceptedOffer>& accepted, Date today,
                             int silence_days, std::optional<Date> saved_on) {
  std::sort(asks.begin(), asks.end(), [](const Ask& a, const Ask& b) {
    return std::tie(a.asked_on, a.id) < std::tie(b.asked_on, b.id);
  });
  OpportunityStage out;
  out.org = std::move(org);
  out.role = std::move(role);
  for (const Ask& a : asks) {
    out.asks.push_back(a.id);
    if (MovesStage(a.kind)) {
      out.latest_step_ask = a.id;
      out.latest_step_kind = a.kind;
      out.latest_step_waiting = a.outcome == Outcome::kPending || a.outcome == Outcome::kSilent;
    }
    if (a.kind == Kind::kApplication) out.application_ask = a.id;
  }

  // Is any of the role's steps still awaited within the horizon? Then no silence ends it.
  bool awaited = false;
  for (const Ask& a : asks) {
    if (MovesStage(a.kind) && a.EffectiveOutcome(today, silence_days) == Outcome::kPending) {
      awaited = true;
    }
  }

  std::vector<Event> events;
  if (saved_on) {
    // A posting kept before applying: the role's first stage, unless its asks came earlier.
    events.push_back(
        Event{*saved_on, 0, EventType::kProgress, Stage::kSaved, 0, 0, "saved", Position{}});
  }
  int interview_round = 0;
  for (const Ask& a : asks) {
    if (!MovesStage(a.kind)) continue;
    if (a.kind == Kind::kInterview) ++interview_round;
    const AskStages st = StagesOf(a, interview_round);
    const size_t first_event = events.size();
    if (st.asked != Stage::kSaved) {
      events.push_back(
          Event{a.asked_on, 0, EventType::kProgress, st.asked, st.asked_round, a.id, "asked", {}});
    }
    std::vector<AnswerRecord> answers;
    for (const AnswerRecord& r : earlier) {
      if (r.ask_id == a.id) answers.push_back(r);
    }
    if (IsReply(a.outcome)) {
      answers.push_back(AnswerRecord{0, a.id, a.outcome, a.replied_on, a.until, "", std::nullopt});
    }
    for (const AnswerRecord& r : answers) {
      const Date on = r.replied_on.value_or(a.asked_on);
      if (r.outcome == Outcome::kYes) {
        events.push_back(Event{on, 1, EventType::kProgress, st.yes, st.yes_round, a.id, "yes", {}});
      } else if (r.outcome == Outcome::kNo) {
        events.push_back(Event{on, 1, EventType::kNo, Stage::kRejected, 0, a.id, "no", {}});
      }
      // not-yet: "not now" moves nothing; the role waits where it is.
    }
    if (a.outcome == Outcome::kWithdrawn) {
      events.push_back(Event{a.replied_on.value_or(a.asked_on),
                             1,
                             EventType::kWithdrawn,
                             Stage::kWithdrawn,
                             0,
                             a.id,
                             "withdrawn",
                             {}});
    } else if (!awaited && a.EffectiveOutcome(today, silence_days) == Outcome::kSilent) {
      const Date on = std::min(a.asked_on + silence_days, today);
      events.push_back(
          Event{on, 1, EventType::kSilence, st.own, st.own_round, a.id, "silence", {}});
    }
    if (accepted && accepted->ask_id == a.id && a.outcome == Outcome::kYes) {
      events.push_back(
          Event{accepted->on, 2, EventType::kAccepted, Stage::kAccepted, 0, a.id, "accepted", {}});
    }
    for (size_t e = first_event; e < events.size(); ++e) {
      // Silence is the lack of any news through its day: it comes after that day's events.
      events[e].ask_stage = events[e].type == EventType::kSilence
                                ? Position{std::numeric_limits<int>::max(), 0}
                                : PositionOf(st.own, st.own_round);
    }
  }
  // On one day, events follow the stages of their asks (ids need not follow them): an
  // application and its yes come before the interview the yes led to; an ask comes before its
  // answers, and the closing last; a silence ends its day.
  std::stable_sort(events.begin(), events.end(), [](const Event& x, const Event& y) {
    return std::tie(x.on, x.ask_stage, x.order) < std::tie(y.on, y.ask_stage, y.order);
  });

  Fold f;
  for (const Event& e : events) {
    if (f.stage == Stage::kAccepted) break;  // the search closed on this role
    switch (e.type) {
      case EventType::kProgress: {
        // A posting saved once the role was under way (even ended) moves nothing: saving is
        // only ever the role's first step, never a reopening.
        if (e.stage == Stage::kSaved && !f.history.empty()) break;
        const Position to = PositionOf(e.stage, e.round);
        if (IsEnding(f.stage) || f.history.empty() || to > PositionOf(f.stage, f.round)) {
          f.MoveTo(e.stage, e.round, e);
        }
        if (to > PositionOf(f.furthest, f.furthest_round)) {
          f.furthest = e.stage;
          f.furthest_round = e.round;
        }
        break;
      }
      case EventType::kNo:
        f.MoveTo(Stage::kRejected, 0, e);
        break;
      case EventType::kWithdrawn:
        f.MoveTo(f.stage == Stage::kOffer ? Stage::kDeclined : Stage::kWithdrawn, 0, e);
        break;
      case EventType::kSilence:
        // Only the role's front step can go silent: an application left unanswered after the
        // interviews began says nothing.
        if (!IsEnding(f.stage) && PositionOf(e.stage, e.round) >= PositionOf(f.stage, f.round)) {
          f.MoveTo(Stage::kGhosted, 0, e);
        }
        break;
      case EventType::kAccepted:
        f.MoveTo(Stage::kAccepted, 0, e);
        f.furthest = Stage::kAccepted;
        f.furthest_round = 0;
        break;
    }
  }
  if (f.history.empty() && !asks.empty()) {
    // Saved: the role is known (through a chat, a referral...) and nothing was sent yet.
    f.history.push_back(
        StageStep{Stage::kSaved, 0, asks.front().asked_on, asks.front().id, "saved"});
    f.since = asks.front().asked_on;
  }
  out.stage = f.stage;
  out.round = f.round;
  out.since = f.since;
  out.furthest = f.furthest;
  out.furthest_round = f.furthest_round;
  out.history = std::move(f.history);
  return out;
}

std::vector<FunnelStep> BuildFunnel(const std::vector<OpportunityStage>& roles) {
  const std::array<std::pair<Stage, Stage>, 4> steps = {
      std::pair{Stage::kApplied, Stage::kScreen}, std::pair{Stage::kScreen, Stage::kInterview},
      std::pair{Stage::kInterview, Stage::kOffer}, std::pair{Stage::kOffer, Stage::kAccepted}};
  std::vector<FunnelStep> out;
  for (const auto& [from, to] : steps) {
    FunnelStep s;
    s.from = from;
    s.to = to;
    for (const OpportunityStage& r : roles) {
      if (r.furthest < from) continue;
      ++s.reached;
      if (r.furthest >= to) {
        ++s.k;
      } else if (r.stage == Stage::kRejected) {
        ++s.closed_by_them;
      } else if (r.stage == Stage::kGhosted) {
        ++s.silent;
      } else if (r.stage == Stage::kWithdrawn || r.stage == Stage::kDeclined) {
        ++s.withdrawn;
      } else {
        ++s.open;
      }
    }
    s.n = s.k + s.closed_by_them + s.silent;
    if (s.n > 0) {
      s.rate = static_cast<double>(s.k) / static_cast<double>(s.n);
      s.wilson95 = WilsonInterval(s.k, s.n);
    }
    out.push_back(s);
  }
  return out;
}

namespace {

// The nouns of a step, one and many: what the roles at `from` are called, and what reaching `to`
// is called.
struct StepWords {
  const char* one;
  const char* many;
  const char* reached_one;
  const char* reached_many;
};
StepWords WordsOf(Stage from) {
  switch (from) {
    case Stage::kApplied:
      return {"application", "applications", "reached a screen", "reached a screen"};
    case Stage::kScreen:
      return {"screen", "screens", "led to an interview", "led to an interview"};
    case Stage::kInterview:
      return {"role you interviewed for", "roles you interviewed for", "led to an offer",
              "led to an offer"};
    default:
      return {"offer", "offers", "accepted", "accepted"};
  }
}

std::string Percent(double x) { return fmt::format("{:.0f} %", 100.0 * x); }

std::string RangeText(const Interval& w) {
  return fmt::format("{:.0f}\u2013{:.0f} %", 100.0 * w.low, 100.0 * w.high);
}

}  // namespace

std::string FunnelLine(const FunnelStep& s) {
  const StepWords w = WordsOf(s.from);
  std::string line;
  if (s.reached == 0) {
    return fmt::format("No {} yet.", w.many);
  }
  if (s.n == 0) {
    line = s.open > 0 ? fmt::format("{} {} still open, none decided yet.", s.open,
                                    s.open == 1 ? w.one : w.many)
                      : fmt::format("No {} decided yet.", w.many);
  } else {
    line = fmt::format("{} of {} {} {} ({}, likely {}{}).", s.k, s.n, s.n == 1 ? w.one : w.many,
                       s.n == 1 ? w.reached_one : w.reached_many, Percent(*s.rate),
                       RangeText(*s.wilson95),
                       s.n < kFewForFunnel ? ": few so far, so the range is wide" : "");
  }
  std::vector<std::string> rest;
  if (s.closed_by_them > 0) rest.push_back(fmt::format("{} closed by them", s.closed_by_them));
  if (s.silent > 0) {
    rest.push_back(fmt::format("{} went silent (no answer, which is not a no)", s.silent));
  }
  if (s.open > 0 && s.n > 0) rest.push_back(fmt::format("{} still open", s.open));
  if (!rest.empty()) line += fmt::format(" Of the others: {}.", fmt::join(rest, ", "));
  if (s.withdrawn > 0) {
    const bool offer = s.from == Stage::kOffer;
    line +=
        fmt::format(" {} {} {}, left out of the rate.", s.withdrawn,
                    s.withdrawn == 1 ? (offer ? "offer" : "role") : (offer ? "offers" : "roles"),
                    offer ? "declined by you" : "withdrawn by you");
  }
  return line;
}

std::string FunnelShort(const FunnelStep& s) {
  if (s.n == 0) return "no answers yet";
  return fmt::format("{} of {} ({}, likely {})", s.k, s.n, Percent(*s.rate),
                     RangeText(*s.wilson95));
}

PipelineReport AssemblePipeline(std::vector<Ask> asks, const std::vector<AnswerRecord>& earlier,
                                const std::optional<SearchClosing>& closing,
                                const std::vector<SavedRole>& saved, Date today,
                                const Horizon& horizon) {
  // An opportunity is a role at an organization; every ask of it carries the same title as
  // stored (opportunities are unique per organization and title), so the pair names it.
  using Key = std::pair<std::string, std::string>;
  std::map<Key, std::vector<Ask>> by_role;
  for (Ask& a : asks) {
    if (a.role.empty()) continue;  // a networking ask for no particular role
    by_role[{a.org, a.role}].push_back(std::move(a));
  }
  std::map<Key, Date> saved_on;
  for (const SavedRole& s : saved) {
    auto [it, added] = saved_on.emplace(Key{s.org, s.role}, s.saved_on);
    if (!added) it->second = std::min(it->second, s.saved_on);
    by_role.try_emplace(Key{s.org, s.role});  // a role saved before any ask
  }
  std::map<Id, std::vector<AnswerRecord>> answers_of;
  for (const AnswerRecord& r : earlier) answers_of[r.ask_id].push_back(r);
  std::optional<AcceptedOffer> accepted;
  if (closing) accepted = AcceptedOffer{closing->ask_id, closing->closed_on};

  PipelineReport report;
  report.horizon = horizon;
  report.today = today;
  for (auto& [key, role_asks] : by_role) {
    std::vector<AnswerRecord> role_answers;
    for (const Ask& a : role_asks) {
      auto it = answers_of.find(a.id);
      if (it != answers_of.end()) {
        role_answers.insert(role_answers.end(), it->second.begin(), it->second.end());
      }
    }
    const auto saved_it = saved_on.find(key);
    report.roles.push_back(DeriveStage(
        key.first, key.second, std::move(role_asks), role_answers, accepted, today, horizon.days,
        saved_it == saved_on.end() ? std::nullopt : std::optional<Date>(saved_it->second)));
  }
  std::stable_sort(
      report.roles.begin(), report.roles.end(),
      [](const OpportunityStage& a, const OpportunityStage& b) { return a.stage < b.stage; });
  report.funnel = BuildFunnel(report.roles);
  return report;
}

namespace {

// The rounds scheduled for each role's asks (rounds come sorted by start).
void AttachInterviews(const std::vector<InterviewRecord>& rounds, Date today,
                      PipelineReport* report) {
  for (OpportunityStage& role : report->roles) {
    for (const InterviewRecord& r : rounds) {  // by start: the first one ahead is the next
      if (std::find(role.asks.begin(), role.asks.end(), r.ask_id) == role.asks.end()) continue;
      ++role.rounds_scheduled;
      if (!role.next_interview && ToLocal(r.starts_at).date >= today) role.next_interview = r;
    }
  }
}

}  // namespace

Result<PipelineReport> BuildPipeline(Store& store, Date today, const Horizon& horizon) {
  Transaction snapshot(store);
  KEEL_RETURN_IF_ERROR(snapshot.BeginRead());
  Result<std::vector<Ask>> asks = store.ListAsks();
  if (!asks.ok()) return asks.status();
  Result<std::vector<AnswerRecord>> earlier = store.EarlierAnswers(0);
  if (!earlier.ok()) return earlier.status();
  Result<std::optional<SearchClosing>> closing = store.Closing();
  if (!closing.ok()) return closing.status();
  // Each posting names its opportunity by the organization and title as stored, which are the
  // names its asks carry, so a posting whose role has asks joins that opportunity.
  Result<std::vector<Posting>> postings = store.ListPostings(0);
  if (!postings.ok()) return postings.status();
  Result<std::vector<InterviewRecord>> rounds = store.ListInterviews(0, kEveryInterview);
  if (!rounds.ok()) return rounds.status();
  snapshot.Rollback();
  std::vector<SavedRole> saved;
  saved.reserve(postings->size());
  for (const Posting& p : *postings) saved.push_back({p.org, p.role, p.record.saved_on});
  PipelineReport report =
      AssemblePipeline(std::move(asks).value(), *earlier, *closing, saved, today, horizon);
  AttachInterviews(*rounds, today, &report);
  return report;
}

namespace {

Json StepJson(const StageStep& s) {
  Json j;
  j["stage"] = Name(s.stage);
  j["round"] = s.round > 0 ? Json(s.round) : Json(nullptr);
  j["on"] = s.on.ToIso();
  j["ask"] = s.ask_id > 0 ? Json(s.ask_id) : Json(nullptr);
  j["by"] = s.by;
  return j;
}

}  // namespace

Json PipelineJson(const PipelineReport& r) {
  Json j;
  j["today"] = r.today.ToIso();
  j["horizon"] = HorizonJson(r.horizon);
  j["stages"] = Json::array();
  for (size_t i = 0; i < kStageNames.size(); ++i) {
    const auto stage = static_cast<Stage>(i);
    j["stages"].push_back(
        Json{{"stage", Name(stage)}, {"label", StageLabel(stage)}, {"ending", IsEnding(stage)}});
  }
  j["roles"] = Json::array();
  for (const OpportunityStage& o : r.roles) {
    Json role;
    role["org"] = o.org;
    role["role"] = o.role;
    role["stage"] = Name(o.stage);
    role["round"] = o.round > 0 ? Json(o.round) : Json(nullptr);
    role["label"] = StageLabel(o.stage, o.round);
    role["since"] = DateJson(o.since);
    role["days_in_stage"] = o.since ? Json(r.today - *o.since) : Json(nullptr);
    role["furthest"] = Name(o.furthest);
    role["asks"] = o.asks;
    role["latest_step_ask"] = o.latest_step_ask > 0 ? Json(o.latest_step_ask) : Json(nullptr);
    role["latest_step_kind"] =
        o.latest_step_ask > 0 ? Json(Name(o.latest_step_kind)) : Json(nullptr);
    role["latest_step_waiting"] = o.latest_step_waiting;
    role["application_ask"] = o.application_ask > 0 ? Json(o.application_ask) : Json(nullptr);
    role["history"] = Json::array();
    for (const StageStep& s : o.history) role["history"].push_back(StepJson(s));
    role["rounds_scheduled"] = o.rounds_scheduled;
    role["next_interview"] = Json(nullptr);
    if (o.next_interview) {
      const InterviewRecord& n = *o.next_interview;
      role["next_interview"] = Json{{"id", n.id},
                                    {"round", n.round},
                                    {"starts_at", UtcIso(n.starts_at)},
                                    {"local", LocalText(n.starts_at)}};
    }
    j["roles"].push_back(std::move(role));
  }
  j["funnel"] = Json::array();
  for (const FunnelStep& s : r.funnel) {
    Json step;
    step["from"] = Name(s.from);
    step["to"] = Name(s.to);
    step["reached"] = s.reached;
    step["k"] = s.k;
    step["n"] = s.n;
    step["closed_by_them"] = s.closed_by_them;
    step["silent"] = s.silent;
    step["withdrawn"] = s.withdrawn;
    step["open"] = s.open;
    step["rate"] = s.rate ? Json(*s.rate) : Json(nullptr);
    step["wilson95"] =
        s.wilson95 ? Json::array({s.wilson95->low, s.wilson95->high}) : Json(nullptr);
    step["short"] = FunnelShort(s);
    step["line"] = FunnelLine(s);
    j["funnel"].push_back(std::move(step));
  }
  return j;
}

}  // namespace keel
