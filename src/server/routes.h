// The API's route table: every /api route by name and method, with what it runs. Each group of
// routes lives in its own file (routes_reports.cc, routes_ledger.cc, routes_forms.cc, ...) and
// registers itself through one Add*Routes function listed in routes.cc, so a feature adds its
// routes without touching anyone else's. A route parses its request (query or JSON body) into the
// options of the command it runs, refusing bad fields before any store is opened; the command is
// the CLI's own handler run with --json, so a route answers the bytes `keel --json CMD` prints.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "cli/context.h"
#include "core/result.h"
#include "server/api.h"
#include "server/body.h"

namespace keel {

/// Runs one command against the request's Context, as the CLI's handlers do: 0 is success.
using Handler = std::function<int(Context&)>;

inline constexpr const char* kJsonType = "application/json";

/// What a route will run, and the content type of what it prints.
struct Planned {
  Handler run;
  std::string content_type = kJsonType;
};

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

 private:
  std::map<std::string, GetRoute> gets_;
  std::map<std::string, PostRoute> posts_;
  std::map<std::string, size_t> max_bodies_;
};

/// Every route, built once on first use.
const RouteTable& ApiRoutes();

// The groups (one file each). Register a new group in ApiRoutes (routes.cc).
void AddReportRoutes(RouteTable& t);    // status, stats, streak, forecast, silence, agenda, ...
void AddLedgerRoutes(RouteTable& t);    // ask, answer, follow-up, edit, delete, undo, list, show
void AddFormRoutes(RouteTable& t);      // feedback, actions, strategy, materials, import, close
void AddPipelineRoutes(RouteTable& t);  // pipeline (routes_pipeline.cc)
void AddReportRoutes(RouteTable& t);    // status, stats, streak, forecast, silence, agenda, ...
void AddLedgerRoutes(RouteTable& t);    // ask, answer, follow-up, edit, delete, undo, list, show
void AddFormRoutes(RouteTable& t);      // feedback, actions, strategy, materials, import, close
// contacts, contact, goal (issue 15)
void AddContactRoutes(RouteTable& t);

// postings, posting, posting/add, posting/edit, posting/remove (routes_postings.cc)
void AddPostingRoutes(RouteTable& t);

// interviews, interview, interview/edit, interview/remove (routes_interviews.cc)
void AddInterviewRoutes(RouteTable& t);

/// A route that always runs `handler` (no request fields).
inline Planned Plan(Handler handler) { return Planned{std::move(handler)}; }

}  // namespace keel
