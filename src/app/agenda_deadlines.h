// The deadlines of saved postings on the agenda: a role saved with a deadline and no ask yet is
// something to do by a day, so `keel agenda` (its table, JSON and .ics) lists it from today until
// the day passes. Once an ask is logged for the role, its deadline is no longer the seeker's.
#pragma once

#include <cstdint>
#include <vector>

#include "app/views.h"
#include "core/result.h"
#include "io/ics.h"
#include "store/store.h"

namespace keel {

/// How far ahead the agenda looks for deadlines (the .ics carries them all).
inline constexpr int32_t kDeadlineDaysAhead = 366;

struct AgendaDeadline {
  Posting posting;
  int32_t days_left = 0;  // 0: the deadline is today
};

/// The saved postings (no ask for their role) whose deadline is from `today` to
/// kDeadlineDaysAhead days later, soonest first. Reads inside the caller's snapshot.
Result<std::vector<AgendaDeadline>> ListDeadlines(Store& store, Date today);

/// [{"posting", "org", "role", "deadline", "days_left", "url"}], soonest first.
Json DeadlinesJson(const std::vector<AgendaDeadline>& deadlines);

/// "today", "tomorrow", "in 9 days".
std::string DaysLeftText(int32_t days_left);

/// One VTODO per deadline, DUE on the day (a deadline is a task's due date), with a UID that
/// names the posting and the day, so a moved deadline replaces its to-do.
void AddDeadlineTodos(IcsWriter& ics, const std::vector<AgendaDeadline>& deadlines);

}  // namespace keel
