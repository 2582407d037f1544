// "Am I drifting?": whether the last two weeks of asks left the focus the seeker set while calm,
// and whether that began right after a run of nos, the moment people abandon a good search.
// Pure: the caller reads the strategy and the asks; this judges them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/strategy.h"
#include "app/views.h"
#include "core/model.h"

namespace keel {

/// The recent window: asks made in the last 14 days (today - 14 < asked_on <= today).
inline constexpr int32_t kDriftWindowDays = 14;
/// Drifting needs at least this many off-focus asks in the window: one is an exception, not a
/// trend.
inline constexpr int64_t kDriftMinOffFocus = 2;
/// ... and the off-focus share up by at least 20 percentage points on the time before: a search
/// that always mixed in some side bets is not drifting when it keeps doing so.
inline constexpr int64_t kDriftMinRisePercent = 20;
/// A drift that began right after this many non-yes decisions in a row is flagged: five nos in a
/// row is where a seeker's confidence usually breaks and a working search gets torn up.
inline constexpr int64_t kDriftStreakOfNos = 5;

/// One stretch of time: how many asks, how many off the focus.
struct DriftWindow {
  int64_t asks = 0;
  int64_t off_focus = 0;
  int64_t unjudged = 0;         // asks that say nothing the focus is about (counted on focus)
  std::optional<double> share;  // off_focus / asks; null without asks
};

/// A recent ask off the focus.
struct DriftAsk {
  Id id = 0;
  Date asked_on;
  std::string org;
  std::string role;
  std::string why;          // the deal-breaker or the focus it misses, in a few words
  bool deliberate = false;  // a pivot: the person went ahead knowingly (--despite)
};

struct DriftReport {
  Date today;
  int silence_days = kDefaultSilenceDays;
  bool has_strategy = false;          // a focus, a deal-breaker or a salary floor to judge by
  std::optional<Date> focus_set;      // the earliest date of a focus, deal-breaker or floor
  std::optional<Date> focus_changed;  // the latest such date
  DriftWindow recent;                 // today - 14 < asked_on <= today
  DriftWindow before;                 // asked_on <= today - 14
  std::vector<DriftAsk> off_focus;    // the recent off-focus asks, in the order given
  bool drifting = false;
  std::optional<Date> started;  // the first recent off-focus ask's date
  /// Consecutive non-yes decisions (no, not-yet, silent) decided before `started`, most recent
  /// first, stopping at a yes. A reply is decided on replied_on; silence on asked_on +
  /// silence_days + 1, the first day it counts as silent. 0 without a start.
  int64_t streak_before = 0;
  bool after_streak = false;  // streak_before >= kDriftStreakOfNos
};

/// Judges `asks` (ordered by asked_on, then id; asks after today are ignored) against the
/// strategy `s` as it is now, by OffFocusReason. Drifting: at least kDriftMinOffFocus recent asks
/// off focus and a recent share at least kDriftMinRisePercent points above the share before (taken
/// as 0 without earlier asks). Asks in `pivot_ask_ids` still count as off focus but are marked
/// deliberate. Without a strategy to judge by, nothing is off focus and nothing drifts.
DriftReport BuildDrift(const Strategy& s, const std::vector<Ask>& asks,
                       const std::vector<Id>& pivot_ask_ids, Date today, int silence_days);

/// {"today", "silence_days", "has_strategy", "focus_set", "focus_changed", "window_days",
///  "recent": {from, to, asks, off_focus, unjudged, share}, "before": {to, asks, off_focus,
///  unjudged, share}, "drifting", "started", "streak_before", "after_streak",
///  "off_focus": [{id, asked_on, org, role, why, deliberate}]}.
Json DriftJson(const DriftReport& report);

/// The report in a few kind sentences, then one line per recent off-focus ask.
std::vector<std::string> DriftLines(const DriftReport& report);

}  // namespace keel
