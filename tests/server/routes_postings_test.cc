// The postings' routes through HandleApi, without a socket: a pasted description up to the 1 MiB
// body, refusals with their field and code, the list, one posting whole, and search.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "api_fixture.h"  // beside this file
#include "server/api.h"
#include "server/routes.h"

namespace keel {
namespace {

using Json = nlohmann::json;

class PostingRoutesTest : public ApiFixture {};

TEST_F(PostingRoutesTest, AddListShowSearchAndRemove) {
  EXPECT_EQ(MaxBodyFor("/api/posting/add"), kMaxMaterialBody);
  EXPECT_EQ(MaxBodyFor("/api/posting/edit"), kMaxMaterialBody);
  EXPECT_EQ(MaxBodyFor("/api/posting/remove"), kMaxBody);

  const std::string description = "Platform work in Zürich.\n" + std::string(100000, 'x');
  ApiResponse added = Call("POST", "/api/posting/add",
                           {{"org", "Initech"},
                            {"role", "Platform Engineer"},
                            {"description", description},
                            {"deadline", "2026-12-01"},
                            {"salary_range", "90000-120000"},
                            {"url", "https://initech.example/7"}});
  ASSERT_EQ(added.status, 200) << added.body;
  const Json a = Json::parse(added.body);
  EXPECT_EQ(a["id"], 1);
  EXPECT_EQ(a["salary_max"], 120000);
  EXPECT_EQ(a["notices"], Json::array({"new organization 'Initech'"}));

  const Json list = Json::parse(Call("GET", "/api/postings").body);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["description"].get<std::string>().size(), 281u);  // 280 characters, one ü
  EXPECT_EQ(list[0]["description_chars"], 100025);
  const Json whole = Json::parse(Call("GET", "/api/posting", {}, {{"id", "1"}}).body);
  EXPECT_EQ(whole["description"], description);

  const Json found = Json::parse(Call("GET", "/api/list", {}, {{"search", "zurich"}}).body);
  ASSERT_EQ(found["postings"].size(), 1u);
  EXPECT_EQ(found["postings"][0]["matched"][0]["field"], "description");
  EXPECT_EQ(found["asks"], Json::array());

  EXPECT_EQ(Call("POST", "/api/posting/remove", {{"id", 1}}).status, 200);
  EXPECT_EQ(Call("GET", "/api/postings").body, "[]\n");
}

TEST_F(PostingRoutesTest, RefusalsNameTheirField) {
  auto refusal = [&](const std::string& path, const Json& body) {
    const ApiResponse r = Call("POST", path, body);
    const Json j = Json::parse(r.body);
    return std::to_string(r.status) + " " + j.value("code", "") + " " + j.value("field", "");
  };
  EXPECT_EQ(refusal("/api/posting/add", {{"role", "SRE"}}), "400 invalid org");
  EXPECT_EQ(refusal("/api/posting/add", {{"org", "Acme"}}), "400 invalid role");
  EXPECT_EQ(refusal("/api/posting/add", {{"org", "Acme"}, {"role", "SRE"}, {"url", "ftp://x"}}),
            "400 invalid url");
  EXPECT_EQ(refusal("/api/posting/add", {{"org", "Acme"}, {"role", "SRE"}, {"salary_range", 5}}),
            "400 invalid salary_range");
  EXPECT_EQ(
      refusal("/api/posting/add", {{"org", "Acme"}, {"role", "SRE"}, {"salary_range", "9-1"}}),
      "400 invalid salary_range");
  EXPECT_EQ(refusal("/api/posting/add", {{"org", "Acme"}, {"role", "SRE"}, {"deadline", "soon"}}),
            "400 invalid deadline");
  EXPECT_EQ(refusal("/api/posting/add",
                    {{"org", "Acme"}, {"role", "SRE"}, {"description", std::string("\x1b[2J")}}),
            "400 invalid description");
  ASSERT_EQ(Call("POST", "/api/posting/add", {{"org", "Acme"}, {"role", "SRE"}}).status, 200);
  EXPECT_EQ(refusal("/api/posting/add", {{"org", "acme"}, {"role", "sre"}}), "409 conflict role");
  EXPECT_EQ(refusal("/api/posting/add", {{"org", "Acme Inc"}, {"role", "Analyst"}}),
            "409 conflict new_org");
  EXPECT_EQ(refusal("/api/posting/edit", {{"id", 9}, {"note", "x"}}), "404 not_found id");
  EXPECT_EQ(refusal("/api/posting/edit", {{"id", 0}}), "400 invalid id");
  EXPECT_EQ(refusal("/api/posting/remove", Json::object()), "400 invalid id");
  const ApiResponse search = Call("GET", "/api/list", {}, {{"search", "\"*\""}});
  EXPECT_EQ(search.status, 400);
  EXPECT_EQ(Json::parse(search.body)["field"], "search");
  EXPECT_EQ(Call("GET", "/api/posting", {}, {{"id", "7"}}).status, 404);
  EXPECT_EQ(Call("GET", "/api/posting/add").status, 405);
}

}  // namespace
}  // namespace keel
