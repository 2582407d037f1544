// The route table through HandleApi, without a socket: methods, the per-route body limits, and
// the edit route's materials (a list replaces them, an empty list clears them).
#include "server/routes.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace keel
