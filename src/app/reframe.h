// The reframe: after a no, a not-yet or a silence, a few lines that put the answer in proportion,
// built from the same reports as `keel stats`, `streak` and `forecast`, so every number in them
// can be checked there.
#pragma once

#include <string>
#include <vector>

#include "app/reports.h"

namespace keel {

struct Reframe {
  StatsReport stats;
  StreakReport streak;
  ForecastReport forecast;
  std::vector<std::string> lines;  // worded for a person, one idea per line
};

Result<Reframe> BuildReframe(Store& store, Date today, const Horizon& horizon);

/// "1 yes per 15 (95% range 1 in 4 .. 1 in 60)" and the other worded lines.
std::string RateLine(const GroupStats& total);
std::string StreakLine(const StreakReport& streak);
std::string ForecastLine(const ForecastReport& forecast);

}  // namespace keel
