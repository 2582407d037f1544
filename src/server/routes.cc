#include "server/routes.h"

#include "core/json_dump.h"

namespace keel {

Reply JsonReply(const Json& j) { return Reply{DumpJson(j) + "\n", kJsonType}; }

void RouteTable::Get(const std::string& name, GetRoute route) { gets_[name] = std::move(route); }

void RouteTable::Post(const std::string& name, PostRoute route, size_t max_body) {
  posts_[name] = std::move(route);
  max_bodies_[name] = max_body;
}

const GetRoute* RouteTable::FindGet(const std::string& name) const {
  const auto it = gets_.find(name);
  return it == gets_.end() ? nullptr : &it->second;
}

const PostRoute* RouteTable::FindPost(const std::string& name) const {
  const auto it = posts_.find(name);
  return it == posts_.end() ? nullptr : &it->second;
}

size_t RouteTable::MaxBody(const std::string& name) const {
  const auto it = max_bodies_.find(name);
  return it == max_bodies_.end() ? kMaxBody : it->second;
}

std::vector<std::string> RouteTable::GetNames() const {
  std::vector<std::string> names;
  for (const auto& [name, route] : gets_) names.push_back(name);
  return names;
}

std::vector<std::string> RouteTable::PostNames() const {
  std::vector<std::string> names;
  for (const auto& [name, route] : posts_) names.push_back(name);
  return names;
}

const RouteTable& ApiRoutes() {
  // Built once, on first use (C++ guarantees one thread builds it); read-only afterwards.
  static const RouteTable table = [] {
    RouteTable t;
    AddReportRoutes(t);
    AddLedgerRoutes(t);
    AddFormRoutes(t);
    AddInsightRoutes(t);
    AddPipelineRoutes(t);
    AddContactRoutes(t);
    AddPostingRoutes(t);
    AddInterviewRoutes(t);
    return t;
  }();
  return table;
}

}  // namespace keel
