// JSON for the statistics reports: what `--json` prints and (later) what /api/<command> returns.
#pragma once

#include "app/reports.h"
#include "app/views.h"

namespace keel {

Json HorizonJson(const Horizon& horizon);
Json GroupJson(const GroupStats& group);
Json StatsJson(const StatsReport& report);
Json StreakJson(const StreakReport& report);
Json ForecastJson(const ForecastReport& report);
Json SilenceJson(const SilenceReport& report, Date today);

}  // namespace keel
