// Why the agenda is decided this way:
//
// - A follow-up is due when silence has probably become a no, by the person's own no-reply-yet
//   curve (the same one `keel silence` shows): the chance that a reply still comes, after the days
//   waited since the ask, is below one half. Without any reply to learn from, the horizon stands
//   in: due once the wait is past half of it.
// - The ask itself counts as the first contact, and nobody is nudged twice in a week: a follow-up
//   is due at least 7 days after the ask or the last follow-up. Without that floor the rule above
//   would say "follow up today" on the very day of the ask whenever fewer than half of all asks
//   ever get a reply (true of both real logs in tests/data), which is noise, not advice.
// - Only asks still pending within the horizon get follow-ups: past it the ask counts as silent,
//   and an agenda that nags about every old silence forever stops being read.
// - A not-yet ask is due on its until-date, and done once a follow-up is recorded on or after it
//   (`keel follow-up ID` is how a person says "I asked again").
// - A follow-up the seeker scheduled ("remind me on the 3rd": a follow-up dated after the day it
//   was recorded) is their own decision and outranks the curve: the ask gets no derived follow-up
//   while a plan is open, and the plan is listed from the day it is made, as upcoming, then due.
//   Recording the follow-up keeps the plan (app/ledger), which takes it off the list.
// - A closed search (keel close: the seeker accepted an offer) has nothing left to chase: keel
//   suggests no follow-up, no asking again and no posting's deadline. The follow-ups the seeker
//   scheduled stay, as their own plans always do (a thank-you, a polite withdrawal from another
//   process); recording them takes them off, as in an open search.
// - Reading: the curve comes from the tallies, follow-ups from the pending asks within the
//   horizon's window, and not-yet asks due (of any age) through the until_on index
//   (Store::ListNotYetDue): the ledger is never read whole.
// - iCalendar UIDs must not change from one run to the next while the to-do is the same one, or a
//   calendar that re-imports the file shows duplicates. The due date of a follow-up can shift as
//   the curve learns, so its UID names the ask and which follow-up it is (1st, 2nd...) instead;
//   an ask-again names the until-date, which only a new answer changes.
// - Follow-ups the seeker scheduled and interview rounds are events (VEVENT), since many calendars
//   ignore to-dos and these are days and times the seeker chose; what keel derives stays a to-do.
#include "app/agenda.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "app/ledger.h"
#include "app/report_views.h"
#include "app/transaction.h"
#include "io/ics.h"

namespace keel {
namespace {

std::string Days(int32_t n) { return fmt::format("{} day{}", n, n == 1 ? "" : "s"); }

// A chance below one half, worded so that rounding never shows "50%".
std::string ChanceText(double chance) {
  const long rounded = std::lround(100.0 * chance);
  if (rounded == 0 && chance > 0) return "under 1%";
  return fmt::format("{}%", std::min(rounded, 49L));
}

// The longest reply delay seen (0 without replies).
int32_t SlowestReply(const std::vector<SurvivalPoint>& curve) {
  int32_t slowest = 0;
  for (const SurvivalPoint& p : curve) {
    if (p.replies > 0) slowest = p.days;
  }
  return slowest;
}

bool OnAgendaAsAskAgain(const Ask& a, Date today) {
  if (a.outcome != Outcome::kNotYet || !a.until || *a.until > today) return false;
  if (!a.planned_follow_ups.empty()) return false;  // the seeker scheduled when
  return std::none_of(a.follow_ups.begin(), a.follow_ups.end(),
                      [&](Date f) { return f >= *a.until; });
}

std::string FollowUpReason(const Agenda& agenda, int32_t slowest_reply, const AgendaItem& item) {
  std::string reason = "no reply after " + Days(item.waited);
  if (!agenda.from_curve && agenda.replies == 0) {
    reason += fmt::format(", over half the {}-day silence horizon (no replies yet to learn from)",
                          agenda.horizon.days);
  } else if (!agenda.from_curve) {
    reason += fmt::format(
        ", over half the {}-day silence horizon (the chance of a reply is not known yet: {} "
        "repl{} so far, keel learns it from {})",
        agenda.horizon.days, agenda.replies, agenda.replies == 1 ? "y" : "ies",
        kMinRepliesForChance);
  } else if (item.chance.value_or(0) <= 0) {
    reason += fmt::format("; every reply so far came within {}", Days(slowest_reply));
  } else {
    // Below one half: most asks still unanswered after this long never get a reply.
    reason += fmt::format("; most asks unanswered this long never get a reply (chance now {})",
                          ChanceText(*item.chance));
  }
  if (!item.ask.follow_ups.empty()) {
    reason += "; last follow-up on " + item.ask.follow_ups.back().ToIso();
  }
  return reason;
}

std::string Summary(const AgendaItem& item) {
  std::string summary = item.action == AgendaAction::kAskAgain ? "Ask again: " : "Follow up: ";
  summary += item.ask.org;
  if (!item.ask.person.empty()) summary += " (" + item.ask.person + ")";
  return summary;
}

std::string Uid(const AgendaItem& item) {
  if (item.action == AgendaAction::kScheduled) {
    return fmt::format("keel-ask-{}-scheduled-{}@keel", item.ask.id, item.plan);
  }
  if (item.action == AgendaAction::kFollowUp) {
    return fmt::format("keel-ask-{}-follow-up-{}@keel", item.ask.id,
                       item.ask.follow_ups.size() + 1);
  }
  return fmt::format("keel-ask-{}-ask-again-{}@keel", item.ask.id, IcsDate(item.due));
}

Result<Agenda> BuildInSnapshot(Store& store, Date today, const Horizon& horizon) {
  Agenda agenda;
  agenda.today = today;
  agenda.horizon = horizon;
  Result<std::vector<SurvivalPoint>> curve = ReplyCurve(store, today);
  if (!curve.ok()) return curve.status();
  // LearnedHorizon at one half is exactly "the first day the chance falls below one half".
  const std::optional<int32_t> below_half = LearnedHorizon(*curve, kFollowUpBelowChance);
  agenda.from_curve = below_half.has_value();
  agenda.replies = RepliesIn(*curve);
  agenda.follow_up_after =
      std::max(kFollowUpEveryDays, below_half ? *below_half : horizon.days / 2 + 1);
  const int32_t slowest_reply = SlowestReply(*curve);
  Result<std::optional<ClosedSearch>> closed = FindClosedSearch(store);
  if (!closed.ok()) return closed.status();
  agenda.closed = std::move(closed).value();
  const bool suggest = !agenda.closed;

  Result<std::vector<Ask>> pending =
      suggest ? store.ListPendingFrom(today - horizon.days) : std::vector<Ask>();
  if (!pending.ok()) return pending.status();
  for (Ask& a : *pending) {
    if (a.asked_on > today || !a.planned_follow_ups.empty()) continue;
    AgendaItem item;
    item.waited = today - a.asked_on;
    const Date last_contact = a.follow_ups.empty() ? a.asked_on : a.follow_ups.back();
    if (item.waited < agenda.follow_up_after || today - last_contact < kFollowUpEveryDays) {
      continue;
    }
    item.action = AgendaAction::kFollowUp;
    item.due = std::max(a.asked_on + agenda.follow_up_after, last_contact + kFollowUpEveryDays);
    if (agenda.from_curve) item.chance = ChanceReplyStillComes(*curve, item.waited).value_or(0);
    item.ask = std::move(a);
    item.reason = FollowUpReason(agenda, slowest_reply, item);
    agenda.items.push_back(std::move(item));
  }

  // Not-yet asks can be of any age; the store finds the due ones through an index.
  if (suggest) {
    Result<std::vector<Ask>> asks = store.ListNotYetDue(today);
    if (!asks.ok()) return asks.status();
    for (Ask& a : *asks) {
      if (!OnAgendaAsAskAgain(a, today)) continue;
      AgendaItem item;
      item.action = AgendaAction::kAskAgain;
      item.waited = today - a.asked_on;
      item.due = *a.until;
      item.reason = "they said ask again on " + a.until->ToIso();
      item.ask = std::move(a);
      agenda.items.push_back(std::move(item));
    }
  }
  // Scheduled follow-ups, of any ask and any day: there are few, and the seeker chose each.
  {
    Result<std::vector<FollowUpRecord>> plans = store.ListPlannedFollowUps(today + kMaxPlanDays);
    if (!plans.ok()) return plans.status();
    for (const FollowUpRecord& p : *plans) {
      Result<std::optional<Ask>> ask = store.GetAsk(p.ask_id);
      if (!ask.ok()) return ask.status();
      if (!*ask) continue;
      AgendaItem item;
      item.action = AgendaAction::kScheduled;
      item.plan = p.id;
      item.due = p.on;
      item.waited = today - (*ask)->asked_on;
      item.reason =
          fmt::format("you scheduled this follow-up{}", p.note.empty() ? "" : ": " + p.note);
      item.ask = std::move(**ask);
      agenda.items.push_back(std::move(item));
    }
  }
  Result<std::vector<AgendaDeadline>> deadlines =
      suggest ? ListDeadlines(store, today) : std::vector<AgendaDeadline>();
  if (!deadlines.ok()) return deadlines.status();
  agenda.deadlines = std::move(deadlines).value();
  Result<std::vector<Interview>> interviews = UpcomingInterviews(store, today);
  if (!interviews.ok()) return interviews.status();
  agenda.interviews = std::move(interviews).value();
  std::sort(agenda.items.begin(), agenda.items.end(), [](const AgendaItem& x, const AgendaItem& y) {
    if (x.due != y.due) return x.due < y.due;
    return x.ask.id < y.ask.id;
  });
  return agenda;
}

}  // namespace

std::string_view Name(AgendaAction action) {
  switch (action) {
    case AgendaAction::kFollowUp:
      return "follow-up";
    case AgendaAction::kAskAgain:
      return "ask-again";
    case AgendaAction::kScheduled:
      return "scheduled";
  }
  return "follow-up";
}

size_t Agenda::DueCount() const {
  return static_cast<size_t>(std::count_if(items.begin(), items.end(),
                                           [&](const AgendaItem& i) { return i.due <= today; }));
}

Result<Agenda> BuildAgenda(Store& store, Date today, const Horizon& horizon) {
  return InSnapshot<Agenda>(store, [&] { return BuildInSnapshot(store, today, horizon); });
}

Json AgendaJson(const Agenda& agenda) {
  Json j;
  j["today"] = agenda.today.ToIso();
  j["horizon"] = HorizonJson(agenda.horizon);
  j["follow_up_after"] = agenda.follow_up_after;
  j["items"] = Json::array();
  for (const AgendaItem& item : agenda.items) {
    Json i;
    i["id"] = item.ask.id;
    i["org"] = item.ask.org;
    i["person"] = item.ask.person;
    i["kind"] = Name(item.ask.kind);
    i["action"] = Name(item.action);
    i["due"] = item.due.ToIso();
    i["reason"] = item.reason;
    i["asked_on"] = item.ask.asked_on.ToIso();
    i["waited"] = item.waited;
    i["chance"] = item.chance ? Json(*item.chance) : Json(nullptr);
    j["items"].push_back(std::move(i));
  }
  j["deadlines"] = DeadlinesJson(agenda.deadlines);
  j["interviews"] = Json::array();
  for (const Interview& i : agenda.interviews)
    j["interviews"].push_back(InterviewJson(i, agenda.today));
  j["closed"] = ClosedSearchJson(agenda.closed);
  return j;
}

std::string AgendaIcs(const Agenda& agenda) {
  IcsWriter ics("-//keel//agenda//EN", agenda.today);
  AddInterviewEvents(ics, agenda.interviews);
  for (const AgendaItem& item : agenda.items) {
    std::string description = fmt::format("{}\nask #{}: {}, asked {}", item.reason, item.ask.id,
                                          Name(item.ask.kind), item.ask.asked_on.ToIso());
    if (item.action == AgendaAction::kScheduled) {
      // The seeker chose the day: an all-day event, which every calendar shows.
      IcsEvent event;
      event.uid = Uid(item);
      event.all_day = true;
      event.day = item.due;
      event.summary = Summary(item);
      event.description = std::move(description);
      ics.AddEvent(event);
      continue;
    }
    ics.AddTodo(IcsTodo{Uid(item), item.due, Summary(item), std::move(description)});
  }
  AddDeadlineTodos(ics, agenda.deadlines);
  return std::move(ics).Finish();
}

}  // namespace keel
