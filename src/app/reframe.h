// The reframe: after an answer, a few lines that put it in proportion, built from the same reports
// as `keel stats`, `streak` and `forecast`, so every number in them can be checked there.
//
// After a no, a not-yet or a silence, the ask's own kind comes first (its rate, with that kind's
// prior; its run; its forecast), then the whole search: an application's no is put against
// applications, not against coffee chats that were mostly yes. After a yes, the reframe
// congratulates and gives one honest count; it does not run the "your streak" lines of a no.
#pragma once

#include <string>
#include <vector>

#include "app/reason_theme.h"
#include "app/reports.h"
#include "app/views.h"

namespace keel {

struct Reframe {
  Outcome outcome = Outcome::kNo;  // the answer just recorded
  Kind kind = Kind::kOther;        // the ask's kind
  // The whole search.
  StatsReport stats;
  StreakReport streak;
  ForecastReport forecast;
  // The ask's own kind (its prior, its asks only).
  GroupStats kind_stats;
  StreakReport kind_streak;
  ForecastReport kind_forecast;
  std::vector<std::string> lines;  // worded for a person, one idea per line
  size_t theme_at = 0;             // the theme line, if any, is shown before lines[theme_at]
  /// The theme of the reason given with the answer, and a line that says what it means. A yes
  /// gets no theme line: it is not a rejection.
  std::optional<ReasonTheme> theme;
  std::optional<std::string> theme_line;
  /// For the CLI only: the command that goes with theme_line ("'keel patterns' shows when they
  /// do."), which the CLI prints after it on the same line; the JSON does not carry it (the
  /// page has its own section for patterns). Empty when the line needs none.
  std::string theme_hint;
};

/// The reframe after `ask` received its answer (ask.outcome, not pending).
Result<Reframe> BuildReframe(Store& store, Date today, const Horizon& horizon, const Ask& ask);

/// Names the theme of the ask's reason, and whether it is about the person, in the reframe
/// (nothing after a yes).
void AddReasonTheme(const Ask& ask, const ThemeClassifier& themes, Reframe& reframe);
/// "Their reason reads as hiring-freeze ... circumstantial: it is not about you."
std::string ThemeLine(const ReasonTheme& theme);

/// What `--json` prints under "reframe" after an answer.
Json ReframeJson(const Reframe& reframe);

/// "You have 2 yes in 31 decided applications: about 1 yes per 16 (95% range 1 in 5 .. 1 in 60)"
/// for one kind, or "... decided asks ..." for the whole search (kind = nullopt).
std::string RateLine(const GroupStats& group, std::optional<Kind> kind = std::nullopt);
/// "22 asks since your last yes (9 nos, 1 not yet, 12 unanswered) — a run this long happens to
/// 35% of searchers with your rate: not unusual." Runs of 0-2 are called ordinary, no percentage.
std::string StreakLine(const StreakReport& streak);
/// "At your pace (0.8 asks a week) the next yes is likely within 4 weeks (80%: 2 .. 15 weeks)."
std::string ForecastLine(const ForecastReport& forecast);
/// A probability as a whole percentage a person reads: "35%", "under 1%", "over 99%" (never a
/// rounded 0% or 100% for what is neither).
std::string PercentWords(double x);
/// "9 nos, 1 not yet, 12 unanswered": what the current run holds (no zero parts).
std::string RunBreakdown(const StreakReport& streak);

/// "application" / "applications", "chat request" / "chat requests", ...
std::string KindNoun(Kind kind, int64_t n);

}  // namespace keel
