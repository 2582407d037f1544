// The API's route table: every /api route by name and method, with what it answers. Each group of
// routes lives in its own file (routes_reports.cc, routes_ledger.cc, routes_forms.cc, ...) and
// registers itself through one Add*Routes function listed in routes.cc, so a feature adds its
// routes without touching anyone else's. A route parses its request (query or JSON body) into the
// request struct of app/requests.h, refusing bad fields before any store is opened, then calls the
// same app/ use case the CLI calls and answers its JSON function's bytes: what `keel --json CMD`
// prints.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "app/session.h"
#include "app/views.h"
#include "core/result.h"
#include "server/api.h"
#include "server/body.h"

namespace keel {

inline constexpr const char* kJsonType = "application/json";

/// What a route answers: the body and its content type.
struct Reply {
  std::string body;
  std::string content_type = kJsonType;
};

/// A route's work on the request's Session: it calls app/ and renders through app/views, as the
/// CLI's --json does, so the page gets the bytes `keel --json CMD` prints.
using Answer = std::function<Result<Reply>(Session&)>;

/// What a route will run, and the content type of what it prints.
struct Planned {
  Answer answer;
  /// The answer depends on nothing but the ledger, today, the silence days and the query: a
  /// worker may give the same bytes again while the ledger's change stamp holds (answer_cache.h).
  bool cacheable = false;
};

/// `planned`, marked cacheable.
inline Planned Cacheable(Planned planned) {
  planned.cacheable = true;
  return planned;
}

/// The JSON reply for `j`: the bytes the CLI prints for it (one line, then a newline).
Reply JsonReply(const Json& j);

/// `view(*result)` as the answer's JSON, or the result's error.
template <typename T, typename View>
Result<Json> Then(const Result<T>& result, View view) {
  if (!result.ok()) return result.status();
  return Json(view(*result));
}

/// A route answered by `f(Session&) -> Result<Json>`.
template <typename F>
Planned AnswerJson(F f) {
  Planned planned;
  planned.answer = [f = std::move(f)](Session& s) -> Result<Reply> {
    Result<Json> j = f(s);
    if (!j.ok()) return j.status();
    return JsonReply(*j);
  };
  return planned;
}

using GetRoute = std::function<Result<Planned>(const ApiRequest&)>;
using PostRoute = std::function<Result<Planned>(const Body&)>;

class RouteTable {
 public:
  void Get(const std::string& name, GetRoute route);
  /// `max_body`: the largest body this route reads (kMaxBody for a form).
  void Post(const std::string& name, PostRoute route, size_t max_body = kMaxBody);

  const GetRoute* FindGet(const std::string& name) const;
  const PostRoute* FindPost(const std::string& name) const;
  size_t MaxBody(const std::string& name) const;
  /// Every route's name ("stats", "posting/add"), by method, sorted.
  std::vector<std::string> GetNames() const;
  std::vector<std::string> PostNames() const;

 private:
  std::map<std::string, GetRoute> gets_;
  std::map<std::string, PostRoute> posts_;
  std::map<std::string, size_t> max_bodies_;
};

/// Every route, built once on first use.
const RouteTable& ApiRoutes();

// The groups (one file each). Register a new group in ApiRoutes (routes.cc).
void AddReportRoutes(RouteTable& t);   // stats, streak, forecast, silence, agenda, meta
void AddLedgerRoutes(RouteTable& t);   // status, list, show, export, ask, answer, edit, undo, ...
void AddFormRoutes(RouteTable& t);     // POST feedback, actions, strategy, materials, import, close
void AddInsightRoutes(RouteTable& t);  // GET patterns, actions, drift, strategy, materials, compare
void AddPipelineRoutes(RouteTable& t);  // pipeline (routes_pipeline.cc)
// contacts, contact, goal (issue 15)
void AddContactRoutes(RouteTable& t);

// postings, posting, posting/add, posting/edit, posting/remove (routes_postings.cc)
void AddPostingRoutes(RouteTable& t);

// interviews, interview, interview/edit, interview/remove (routes_interviews.cc)
void AddInterviewRoutes(RouteTable& t);

}  // namespace keel
