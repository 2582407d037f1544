// The route table through HandleApi, without a socket: methods, the per-route body limits, and
// the edit route's materials (a list replaces them, an empty list clears them).
#include "server/routes.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>

#include "api_fixture.h"  // beside this file
#include "server/api.h"

namespace keel {
namespace {

using Json = nlohmann::json;

class RoutesTest : public ApiFixture {
 protected:
  Json Show(int id) {
    const ApiResponse response = Call("GET", "/api/show", {}, {{"id", std::to_string(id)}});
    EXPECT_EQ(response.status, 200) << response.body;
    return Json::parse(response.body);
  }
};

TEST_F(RoutesTest, AWrongMethodIs405AndAnUnknownRouteIs404) {
  EXPECT_EQ(Call("GET", "/api/ask").status, 405);
  EXPECT_EQ(Call("POST", "/api/stats", Json::object()).status, 405);
  EXPECT_EQ(Call("GET", "/api/nothing").status, 404);
  EXPECT_EQ(Call("POST", "/api/strategy/nothing", Json::object()).status, 404);
  EXPECT_EQ(Call("DELETE", "/api/ask").status, 405);
  EXPECT_EQ(Call("GET", "/api/meta").status, 200);
}

// docs/api.md is the API's reference: a route it does not list is a route nobody can find, and
// tests/server/serve_test.py compares every listed route with the CLI's --json bytes.
TEST_F(RoutesTest, DocsApiListsEveryRoute) {
  std::ifstream in(std::string(KEEL_SOURCE_DIR) + "/docs/api.md");
  ASSERT_TRUE(in) << "cannot read docs/api.md";
  const std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const RouteTable& routes = ApiRoutes();
  for (const auto& names : {routes.GetNames(), routes.PostNames()}) {
    for (const std::string& name : names) {
      // "| `/api/stats`", "| `/api/stats?by=...`", "| `/api/interviews[?all=1]`"
      const std::string row = fmt::format("| `/api/{}", name);
      const bool listed = doc.find(row + "`") != std::string::npos ||
                          doc.find(row + "?") != std::string::npos ||
                          doc.find(row + "[") != std::string::npos;
      EXPECT_TRUE(listed) << "docs/api.md has no row for /api/" << name;
    }
  }
  EXPECT_GT(routes.GetNames().size(), 25U);
  EXPECT_GT(routes.PostNames().size(), 25U);
}

TEST_F(RoutesTest, EveryPostRouteHasItsBodyLimit) {
  const RouteTable& routes = ApiRoutes();
  EXPECT_EQ(routes.MaxBody("import"), kMaxImportBody);
  EXPECT_EQ(routes.MaxBody("material/add"), kMaxMaterialBody);
  EXPECT_EQ(routes.MaxBody("ask"), kMaxBody);
  EXPECT_NE(routes.FindPost("strategy/focus"), nullptr);
  EXPECT_EQ(routes.FindGet("strategy/focus"), nullptr);
}

TEST_F(RoutesTest, EditReplacesAndClearsAnAsksMaterials) {
  ASSERT_EQ(Call("POST", "/api/material/add", {{"name", "resume"}, {"version", "v1"}}).status, 200);
  ASSERT_EQ(Call("POST", "/api/material/add", {{"name", "resume"}, {"version", "v2"}}).status, 200);
  const ApiResponse ask = Call("POST", "/api/ask",
                               {{"org", "Acme"},
                                {"kind", "application"},
                                {"on", "2026-11-02"},
                                {"new_org", true},
                                {"materials", {"resume@v1"}}});
  ASSERT_EQ(ask.status, 200) << ask.body;
  EXPECT_EQ(Show(1)["materials"], Json({"resume@v1"}));

  ApiResponse edit = Call("POST", "/api/edit", {{"id", 1}, {"materials", {"resume@v2"}}});
  ASSERT_EQ(edit.status, 200) << edit.body;
  EXPECT_EQ(Show(1)["materials"], Json({"resume@v2"}));

  edit = Call("POST", "/api/edit", {{"id", 1}, {"note", "sent by post"}});
  ASSERT_EQ(edit.status, 200) << edit.body;
  EXPECT_EQ(Show(1)["materials"], Json({"resume@v2"})) << "absent leaves them";

  edit = Call("POST", "/api/edit", {{"id", 1}, {"materials", Json::array()}});
  ASSERT_EQ(edit.status, 200) << edit.body;
  EXPECT_EQ(Show(1)["materials"], Json::array());

  edit = Call("POST", "/api/edit", {{"id", 1}, {"materials", "resume@v2"}});
  EXPECT_EQ(edit.status, 400);
  EXPECT_EQ(Json::parse(edit.body)["field"], "materials");
}

// The page is told when a write moves the silence horizon, as the CLI says it: among the
// notices of /api/import, /api/ask and /api/edit (the ledger of
// tests/cli/horizon_moves_on_ask_edit_import.test).
TEST_F(RoutesTest, ImportAskAndEditSayWhenTheSilenceHorizonMoved) {
  // Its dates, six days earlier: the fixture's today is six days before the golden test's.
  std::string csv = "asked_on,org,kind,outcome,replied_on\n";
  const auto rows = [&](int n, const char* org, const char* on, const char* outcome,
                        const char* replied) {
    for (int i = 1; i <= n; ++i) {
      csv += fmt::format("{},{}{},application,{},{}\n", on, org, i, outcome, replied);
    }
  };
  rows(10, "Fast", "2026-05-26", "no", "2026-05-28");
  rows(5, "Week", "2026-05-26", "no", "2026-06-04");
  rows(4, "Slow", "2026-05-26", "no", "2026-06-11");
  rows(20, "Wait", "2026-10-11", "pending", "");
  rows(3, "Old", "2026-05-26", "pending", "");
  rows(1, "Reply", "2026-09-25", "no", "2026-10-18");
  const auto notices = [](const ApiResponse& r) {
    EXPECT_EQ(r.status, 200) << r.body;
    return Json::parse(r.body).value("notices", Json::array()).dump();
  };
  const std::string imported =
      notices(Call("POST", "/api/import", {{"content", csv}, {"file_name", "asks.csv"}}));
  EXPECT_NE(imported.find("Your no-reply horizon moved from 21 to"), std::string::npos) << imported;
  EXPECT_NE(imported.find("with 20 replies, keel now learns it"), std::string::npos) << imported;

  ASSERT_EQ(
      Call("POST", "/api/answer", {{"id", 40}, {"outcome", "no"}, {"on", "2026-09-03"}}).status,
      200);
  std::string asked;
  for (int i = 1; i <= 7 && asked.find("horizon moved") == std::string::npos; ++i) {
    asked = notices(Call("POST", "/api/ask",
                         {{"org", fmt::format("Older{}", i)},
                          {"kind", "application"},
                          {"on", "2026-07-26"},
                          {"new_org", true}}));
  }
  EXPECT_NE(asked.find("ask #50 (2026-07-26) is waiting for a reply."), std::string::npos) << asked;
  const std::string edited =
      notices(Call("POST", "/api/edit", {{"id", 40}, {"replied_on", "2026-06-25"}}));
  EXPECT_NE(edited.find("a reply time changed from 100 days to 30 days."), std::string::npos)
      << edited;
}

// "Trojan Source": a bidirectional override or isolate is refused in every text the page sends,
// about its field, in words that name no flag; nothing is stored.
TEST_F(RoutesTest, TextWithABidirectionalControlIsRefusedAboutItsField) {
  ASSERT_EQ(
      Call("POST", "/api/ask", {{"org", "Acme"}, {"kind", "chat"}, {"on", "2026-11-02"}}).status,
      200);
  const struct {
    const char* path;
    Json body;
    const char* field;
  } cases[] = {
      {"/api/ask", {{"org", "Acme\u202Eevil"}, {"kind", "chat"}}, "org"},
      {"/api/ask", {{"org", "Acme"}, {"kind", "chat"}, {"role", "a\u2067b\u2069"}}, "role"},
      {"/api/answer", {{"id", 1}, {"outcome", "no"}, {"reason", "later\u202A"}}, "reason"},
      {"/api/edit", {{"id", 1}, {"note", "\u2066note"}}, "note"},
      {"/api/follow-up", {{"id", 1}, {"note", "ping\u202D"}}, "note"},
  };
  for (const auto& c : cases) {
    const ApiResponse r = Call("POST", c.path, c.body);
    EXPECT_EQ(r.status, 400) << c.path << " " << r.body;
    const Json error = Json::parse(r.body);
    EXPECT_EQ(error["field"], c.field) << r.body;
    const std::string message = error["error"];
    EXPECT_NE(message.find("bidirectional control"), std::string::npos) << message;
    EXPECT_EQ(message.find("--"), std::string::npos) << message;
  }
  EXPECT_EQ(Show(1)["note"], "");
  EXPECT_EQ(Show(1)["outcome"], "pending");
  const Json list = Json::parse(Call("GET", "/api/list").body);
  EXPECT_EQ(list.size(), 1u);
}

}  // namespace
}  // namespace keel
