// Interviews: a round scheduled for the role of an ask (`keel interview ASK_ID --at "YYYY-MM-DD
// HH:MM"`), with the people met and notes to prepare. The time is typed and shown in local wall
// time (the system's zone or $TZ) and stored as a UTC instant (io/local_time.h), so the agenda and
// the .ics stay right across a change of clocks.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/views.h"
#include "core/result.h"
#include "io/ics.h"
#include "store/store.h"

namespace keel {

inline constexpr int64_t kMaxInterviewRound = 50;
inline constexpr size_t kMaxInterviewPeople = 20;
inline constexpr int64_t kDefaultInterviewMinutes = 60;
inline constexpr int64_t kMinInterviewMinutes = 5;
inline constexpr int64_t kMaxInterviewMinutes = 720;

/// A round with the ask it belongs to (its organization, role, person and kind).
struct Interview {
  InterviewRecord record;
  Ask ask;
};

struct InterviewInput {
  Id ask_id = 0;
  std::string at;                  // "YYYY-MM-DD HH:MM", local
  std::optional<int64_t> round;    // default: the role's next round
  std::vector<std::string> with;   // the people met, in order
  std::string prep;                // notes to prepare
  std::optional<int64_t> minutes;  // default kDefaultInterviewMinutes
};

/// Fields to change; absent ones stay. `with` replaces the whole list (empty clears it).
struct InterviewEdit {
  std::optional<std::string> at;
  std::optional<int64_t> round, minutes;
  std::optional<std::vector<std::string>> with;
  std::optional<std::string> prep;
};

/// The round as stored now, and what the person should know.
struct InterviewChange {
  Interview interview;
  std::vector<std::string> notices;   // "round 2 follows round 1 on 2026-12-02 for this role"
  std::vector<std::string> warnings;  // "the time has passed; the round is kept as a past one"
};

/// Schedules a round for the ask's role. The ask must exist and not be withdrawn; the time must
/// exist on the local clock and lie at most a year ahead (a past time is kept, with a warning);
/// the round defaults to one after the highest round scheduled for the same role (the same
/// opportunity, or the same ask when it names no role). A second round of the same ask at the same
/// moment is a conflict. One journaled transaction.
Result<InterviewChange> ScheduleInterview(Store& store, const InterviewInput& input, Date today);
Result<InterviewChange> EditInterview(Store& store, Id id, const InterviewEdit& edit, Date today);
/// Deletes the round (the ask stays); returns it as it was.
Result<Interview> RemoveInterview(Store& store, Id id);
/// One round, failing with "there is no interview #N" when it does not exist.
Result<Interview> FindInterview(Store& store, Id id);

/// The rounds starting on `today` (local) or later, soonest first; with `with_past`, every round.
Result<std::vector<Interview>> ListInterviews(Store& store, Date today, bool with_past);
/// The rounds of one ask, by start (an ask's timeline). Reads inside the caller's snapshot.
Result<std::vector<Interview>> InterviewsOfAsk(Store& store, Id ask_id);
/// The same for the agenda: from `today` on, inside the caller's snapshot.
Result<std::vector<Interview>> UpcomingInterviews(Store& store, Date today);

/// "#2 (Acme, Data Engineer, round 2)".
std::string Describe(const Interview& interview);
/// "2026-11-28 10:00 EST": the round's start in local wall time with the zone's abbreviation.
std::string WhenText(const InterviewRecord& record);
/// "round 1, 2026-11-28 10:00 EST (60 min), with Dana Lee": the round itself, without its ask.
std::string RoundText(const Interview& interview);
/// "Ann Lee, Bo Chen", or "".
std::string PeopleText(const InterviewRecord& record);

/// {id, ask_id, org, role, person, kind, round, starts_at (UTC ISO), ends_at, local ("YYYY-MM-DD
/// HH:MM"), date, time, zone (abbreviation), minutes, with: [names], prep, past}.
Json InterviewJson(const Interview& interview, Date today);

/// One VEVENT per round: DTSTART and DTEND in UTC, UID keel-interview-ID@keel (stable while the
/// round exists, whatever is edited), SUMMARY "Interview: ORG, ROLE (round N)", DESCRIPTION with
/// the people and the prep notes.
void AddInterviewEvents(IcsWriter& ics, const std::vector<Interview>& interviews);

}  // namespace keel
