// The reframe: after a no, a not-yet or a silence, a few lines that put the answer in proportion,
// built from the same reports as `keel stats`, `streak` and `forecast`, so every number in them
// can be checked there.
#pragma once

#include <string>
#include <vector>

#include "app/reason_theme.h"
#include "app/reports.h"
#include "app/views.h"

namespace keel {

struct Reframe {
  StatsReport stats;
  StreakReport streak;
  ForecastReport forecast;
  std::vector<std::string> lines;  // worded for a person, one idea per line
  /// The theme of the reason given with the answer, and a line that says what it means.
  std::optional<ReasonTheme> theme;
  std::optional<std::string> theme_line;
};

Result<Reframe> BuildReframe(Store& store, Date today, const Horizon& horizon);

/// Names the theme of the ask's reason, and whether it is about the person, in the reframe.
void AddReasonTheme(const Ask& ask, const ThemeClassifier& themes, Reframe& reframe);
/// "Their reason reads as hiring-freeze ... circumstantial: it is not about you."
std::string ThemeLine(const ReasonTheme& theme);

/// What `--json` prints under "reframe" after an answer.
Json ReframeJson(const Reframe& reframe);

/// "1 yes per 15 (95% range 1 in 4 .. 1 in 60)" and the other worded lines.
std::string RateLine(const GroupStats& total);
std::string StreakLine(const StreakReport& streak);
std::string ForecastLine(const ForecastReport& forecast);

}  // namespace keel
