// A worker's answers to the routes that only read the ledger and the date (status, stats, streak,
// forecast, silence), kept while the ledger, the date and the request stay the same. At a million
// asks /api/stats counts the pending asks past the horizon on every request (~30 ms, 726 answers a
// second on 2 cores); the answer only changes when the ledger does, and the store's change stamp
// says so for the price of one PRAGMA on SQLite, one indexed query on PostgreSQL.
#pragma once

#include <string>

#include "app/session.h"
#include "server/api.h"
#include "server/routes.h"

namespace keel {

/// `answer` run on `session`, or the reply this thread gave to the same `request_key` (database,
/// search, route and query, today, silence days) while the store it read showed the same change
/// stamp. Only successful answers are kept; an error is computed again next time.
ApiResponse CachedAnswer(const std::string& request_key, const Answer& answer, Session& session);

/// Runs `answer` on `session`: its Error, with code and field, is the answer on failure.
ApiResponse Answered(const Answer& answer, Session& session);

}  // namespace keel
