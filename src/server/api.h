// The JSON API behind the dashboard: each route calls the app/ use case the CLI calls and answers
// its JSON, so `GET /api/stats?by=kind` returns the bytes `keel --json stats --by kind` prints. The
// transport (transport.cc, Boost.Beast) and the checks before it (server.cc) live elsewhere; this
// file knows nothing of sockets, so every route is tested without one. The routes themselves are a
// table (routes.h), one file per group (routes_*.cc).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "app/horizon.h"
#include "app/session.h"
#include "core/date.h"
#include "core/result.h"
#include "store/open.h"
#include "store/store.h"
#include "themes/classifier.h"

namespace keel {

struct ApiRequest {
  std::string method;  // GET or POST
  std::string path;    // "/api/stats"
  std::map<std::string, std::string> query;
  std::string body;  // JSON, for POST
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
};

/// What every request shares: where the ledger is and how to reach it.
struct ApiEnv {
  std::string db_path;
  std::string search{kDefaultSearch};  // serve --search
  /// An open store for the calling thread (one SQLite connection per worker).
  std::function<Result<std::shared_ptr<Store>>()> stores;
  /// The silence horizon for a store (cached while the ledger is unchanged); unset = computed.
  std::function<Result<Horizon>(Store&, Date, std::optional<int>)> horizons;
  std::shared_ptr<ThemeClassifier> themes;
  std::optional<Date> today;        // serve --today; otherwise the clock, per request
  std::optional<int> silence_days;  // serve --silence-days
  /// Who acts (a practice's account email), recorded in the search's journal; "" at one's own keel.
  std::string actor;
};

/// Fills `session` from `env`: its store and horizon sources, themes, today, silence days and
/// actor (what HandleApi does before a route runs), for a front that runs app/ itself.
void PrepareSession(Session& session, const ApiEnv& env);

/// Answers one /api request. A failure is {"error": MESSAGE, "code": CODE, "field": FIELD} (field
/// only when the error is about one input) with the status of its code (HttpStatus); never throws.
/// A successful write's object may carry "notices": things the person should know.
ApiResponse HandleApi(const ApiRequest& request, const ApiEnv& env);

/// The HTTP status for an error code: invalid 400, not_found 404, conflict 409, busy 503,
/// forbidden 403, internal 500.
int HttpStatus(ErrorCode code);

/// The error's JSON with the status of its code.
ApiResponse ApiError(const Error& error);
/// Request bodies: 64 KiB for the forms; an import carries a whole CSV file or JSON backup (a
/// year of asks is well under 1 MiB), and pasted material text a whole resume.
inline constexpr size_t kMaxBody = size_t{64} << 10;
inline constexpr size_t kMaxImportBody = size_t{8} << 20;
inline constexpr size_t kMaxMaterialBody = size_t{1} << 20;

/// The largest request body the route at `path` ("/api/import") accepts. The transport must
/// refuse a longer body with 413 before reading it whole (chunked bodies included).
size_t MaxBodyFor(std::string_view path);

/// The transport's refusals: `message` with `status` and the code that goes with it.
ApiResponse ApiError(int status, const std::string& message);

}  // namespace keel
