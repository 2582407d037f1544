// "What do I do today?": the follow-ups whose time has come and the not-yet asks whose date to ask
// again has arrived, each with a one-line reason. Built from the same no-reply-yet curve as
// `keel silence`, rendered as a table, JSON or an iCalendar of to-dos.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/agenda_deadlines.h"
#include "app/horizon.h"
#include "app/interviews.h"
#include "app/search_closing.h"
#include "app/views.h"
#include "core/result.h"
#include "store/store.h"

namespace keel {

/// A pending ask is due for a follow-up once the chance that a reply still comes falls below this.
inline constexpr double kFollowUpBelowChance = 0.5;
/// ... and no sooner than this many days after the last follow-up.
inline constexpr int32_t kFollowUpEveryDays = 7;

/// kScheduled: a follow-up the seeker scheduled (keel follow-up ID --on A-LATER-DAY).
enum class AgendaAction { kFollowUp, kAskAgain, kScheduled };

/// "follow-up", "ask-again" or "scheduled" (JSON, iCalendar UIDs).
std::string_view Name(AgendaAction action);

/// One thing to do today.
struct AgendaItem {
  AgendaAction action = AgendaAction::kFollowUp;
  Ask ask;
  Date due;                      // when it became due; after today only for kScheduled
  Id plan = 0;                   // kScheduled: the plan's follow_ups row (its iCalendar UID)
  std::string reason;            // one line, for a person
  int32_t waited = 0;            // days since the ask
  std::optional<double> chance;  // follow-ups judged by the curve: the chance a reply still comes
};

struct Agenda {
  Date today;
  Horizon horizon;
  /// The number of days of silence after which a follow-up is due: where the chance of a reply
  /// falls below one half, or past half the horizon while there are no replies to learn from;
  /// never sooner than kFollowUpEveryDays after the ask.
  int32_t follow_up_after = 0;
  bool from_curve = false;        // follow_up_after comes from the curve (false: from the horizon)
  int64_t replies = 0;            // behind the curve; below 20 the chance is not known yet
  std::vector<AgendaItem> items;  // by due date, then ask id
  /// Saved postings' deadlines from today on (app/agenda_deadlines.h), soonest first.
  std::vector<AgendaDeadline> deadlines;
  /// Interview rounds from today (local) on, soonest first (app/interviews.h).
  std::vector<Interview> interviews;
  /// Set when the search is closed (keel close): keel then suggests nothing (no follow-ups, no
  /// asking again, no deadlines to apply by); only the follow-ups the seeker scheduled stay.
  std::optional<ClosedSearch> closed;
  /// How many items are due today or earlier (the rest are scheduled follow-ups still ahead).
  size_t DueCount() const;
};

/// Reads one snapshot of the store. Follow-ups: asks still pending within the horizon, silent
/// for at least `follow_up_after` days, with no follow-up in the last 7 days and none scheduled.
/// Ask-again: not-yet asks whose until-date has come and that have no follow-up on or after that
/// date. Scheduled: every follow-up the seeker scheduled and has not made yet, due on its day
/// (those ahead of today are listed too, so the .ics carries them). In a closed search only the
/// scheduled ones.
Result<Agenda> BuildAgenda(Store& store, Date today, const Horizon& horizon);

/// {"today", "horizon", "follow_up_after", "items": [{id, org, person, kind, action, due, reason,
/// asked_on, waited, chance}], "deadlines": DeadlinesJson, "interviews": [InterviewJson],
/// "closed": ClosedSearchJson}; a
/// scheduled item's `due` may be after `today`.
Json AgendaJson(const Agenda& agenda);

/// The agenda as an RFC 5545 VCALENDAR, UIDs stable across runs: one VEVENT per interview round
/// (timed, in UTC) and per follow-up the seeker scheduled (all day: calendars import events, many
/// ignore to-dos), one VTODO per follow-up or ask-again keel derived and per deadline.
std::string AgendaIcs(const Agenda& agenda);

}  // namespace keel
