#include "server/api.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/json_dump.h"
#include "server/answer_cache.h"
#include "server/routes.h"

namespace keel {
namespace {

// Sorted keys: the bytes the API has always answered (keel::Json, app/views.h, keeps insertion
// order, and is in scope here through routes.h).
using SortedJson = nlohmann::json;

}  // namespace

int HttpStatus(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalid:
      return 400;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kBusy:
      return 503;
    case ErrorCode::kForbidden:
      return 403;
    case ErrorCode::kInternal:
      return 500;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kTooMany:
      return 429;
  }
  return 500;
}

ApiResponse ApiError(const Error& error) {
  SortedJson j{{"error", error.message}, {"code", Name(error.code)}};
  if (!error.field.empty()) j["field"] = error.field;
  return ApiResponse{HttpStatus(error.code), "application/json", DumpJson(j) + "\n"};
}

size_t MaxBodyFor(std::string_view path) {
  constexpr std::string_view kPrefix = "/api/";
  if (path.substr(0, kPrefix.size()) != kPrefix) return kMaxBody;
  return ApiRoutes().MaxBody(std::string(path.substr(kPrefix.size())));
}

ApiResponse ApiError(int status, const std::string& message) {
  // The transport's own refusals (a foreign Host, a body too large, no such route): the code that
  // goes with the status. 405 and 413 keep their status and are invalid requests.
  ErrorCode code = ErrorCode::kInvalid;
  if (status == 404) code = ErrorCode::kNotFound;
  if (status == 403) code = ErrorCode::kForbidden;
  if (status == 409) code = ErrorCode::kConflict;
  if (status == 503) code = ErrorCode::kBusy;
  if (status == 401) code = ErrorCode::kUnauthenticated;
  if (status == 429) code = ErrorCode::kTooMany;
  if (status >= 500 && status != 503) code = ErrorCode::kInternal;
  ApiResponse response = ApiError(Error{message, code});
  response.status = status;
  return response;
}

void PrepareSession(Session& session, const ApiEnv& env) {
  session.store_source = env.stores;
  session.horizon_source = env.horizons;
  if (env.themes) session.SetThemes(env.themes);
  session.today = env.today.value_or(SystemToday());
  session.silence_days_given = env.silence_days;
  session.actor = env.actor;
}

ApiResponse HandleApi(const ApiRequest& r, const ApiEnv& env) {
  constexpr std::string_view kPrefix = "/api/";
  if (r.path.rfind(kPrefix, 0) != 0) return ApiError(404, "not found");
  const std::string name = r.path.substr(kPrefix.size());

  // The request's Session: the worker's own connection to the search, the classifier loaded
  // once, and today (serve --today, ?today=, or the clock).
  Session session;
  PrepareSession(session, env);
  if (std::optional<std::string> today = Query(r, "today")) {
    Result<Date> parsed = ParseUserDate(*today, SystemToday());
    if (!parsed.ok()) return ApiError(InField("today", parsed.error()));
    session.today = *parsed;
  }
  session.silence_days_given = env.silence_days;
  if (Query(r, "silence_days")) {
    Result<int> days = QueryInt(r, "silence_days", 1, 3650, 0);
    if (!days.ok()) return ApiError(days.error());
    session.silence_days_given = *days;
  }

  const RouteTable& routes = ApiRoutes();
  const GetRoute* get = routes.FindGet(name);
  const PostRoute* post = routes.FindPost(name);
  if (!get && !post)
    return ApiError(404, fmt::format("there is no /api/{}; see docs/api.md", name));
  if (r.method == "GET") {
    if (!get) return ApiError(405, fmt::format("use POST for /api/{}", name));
    Result<Planned> planned = (*get)(r);
    if (!planned.ok()) return ApiError(planned.error());
    if (planned->cacheable) {
      std::string key = fmt::format("{}\n{}\n{}", env.db_path, env.search, name);
      for (const auto& [k, v] : r.query) key += fmt::format("\n{}={}", k, v);  // sorted by key
      return CachedAnswer(key, planned->answer, session);
    }
    return Answered(planned->answer, session);
  }
  if (r.method == "POST") {
    if (!post) return ApiError(405, fmt::format("use GET for /api/{}", name));
    const SortedJson body =
        r.body.empty() ? SortedJson::object() : SortedJson::parse(r.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
      return ApiError(400, "the request body must be a JSON object");
    }
    Result<Planned> planned = (*post)(Body(body));
    if (!planned.ok()) return ApiError(planned.error());
    return Answered(planned->answer, session);
  }
  return ApiError(405, "use GET to read and POST to write");
}

}  // namespace keel
