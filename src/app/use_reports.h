// The statistics a Session reports: each opens the Session's store with its horizon and builds the
// report (app/reports.h). Both front ends call these; the CLI words the result, the page gets its
// JSON (app/report_views.h).
#pragma once

#include <string>

#include "app/reports.h"
#include "app/session.h"

namespace keel {

/// `by`: "" for the whole ledger, or a facet to group by (kind, channel, org, ...).
Result<StatsReport> Stats(Session& session, const std::string& by);
Result<StreakReport> Streak(Session& session);
Result<ForecastReport> Forecast(Session& session);
Result<SilenceReport> Silence(Session& session);

}  // namespace keel
