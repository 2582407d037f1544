// The weekly goal: how many asks the seeker means to make each week. It measures effort, the
// part of a search the seeker controls, never answers. Weeks are ISO weeks (Monday to Sunday) in
// the seeker's local dates; every ask made in the week counts, whatever its kind (a feedback ask
// is an ask: it expects an answer) or outcome (a withdrawn ask was still made); follow-ups are
// nudges, not asks, and never count.
//
// Which goal judges a week: the latest change (`keel goal`) made on or before the week's last
// day (today, for the week in progress). Weeks that end before the first goal was set are not
// judged, nor weeks under a cleared goal. The week in which a goal is set counts all its asks,
// including those made before the goal that day.
//
// The run ("met 4 weeks running"): consecutive judged weeks whose asks reached their goal,
// counted back from the week in progress. The week in progress joins the run as soon as its
// goal is met; until then it neither adds to nor breaks the run, which then counts the finished
// weeks before it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/views.h"
#include "core/result.h"
#include "store/store.h"

namespace keel {

inline constexpr int64_t kMaxAsksPerWeek = 500;

/// One judged week.
struct GoalWeek {
  Date start;  // its Monday
  int64_t asks = 0;
  int64_t goal = 0;
  bool met = false;
};

struct GoalReport {
  int64_t asks_per_week = 0;  // the goal in force today
  Date set_on;                // when it was set
  Date week_start;            // the week in progress: its Monday ...
  Date week_end;              // ... and its Sunday
  int64_t asks_this_week = 0;
  bool met_this_week = false;
  int64_t weeks_met_in_a_row = 0;  // the run, as the header explains
  std::vector<GoalWeek> weeks;     // the finished judged weeks, newest first, at most 8
  std::string line;                // "this week: 3 of 5 asks · goal met 4 weeks running"
};

/// Parses the number of asks a person typed: a whole number from 1 to kMaxAsksPerWeek, about the
/// field "asks_per_week".
Result<int64_t> ParseAsksPerWeek(std::string_view text);

/// The goal in force today and the progress against it, or nullopt when there is none (never set,
/// or cleared). Reads only: the caller holds the snapshot.
Result<std::optional<GoalReport>> ReadGoal(Store& store, Date today);

/// What a change of the goal did.
struct GoalChange {
  std::optional<GoalReport> report;  // after the change (nullopt: cleared)
  std::optional<int64_t> previous;   // the goal in force before, if any
  bool changed = false;              // false: the goal was already so; nothing was written
  std::vector<std::string> notices;
};

/// Sets the goal to `asks_per_week` from `today` on, or clears it (nullopt), in one journaled
/// transaction. Setting the goal it already is changes nothing; clearing when there is no goal
/// fails (conflict) and changes nothing.
Result<GoalChange> SetGoal(Store& store, std::optional<int64_t> asks_per_week, Date today);

/// The goal block of status's JSON, `keel goal --json` and the API (null when there is none).
Json GoalJson(const std::optional<GoalReport>& report);

}  // namespace keel
