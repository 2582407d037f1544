// The interviews' routes through HandleApi, without a socket: a round scheduled from the page's
// fields, listed, in the agenda's JSON and .ics, edited and removed; refusals with their field,
// code and status.
#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <nlohmann/json.hpp>
#include <string>

#include "api_fixture.h"  // beside this file
#include "server/api.h"
#include "server/routes.h"

namespace keel {
namespace {

using Json = nlohmann::json;

class InterviewRoutesTest : public ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    setenv("TZ", "Europe/Berlin", 1);
    tzset();
    ASSERT_EQ(Call("POST", "/api/ask",
                   {{"org", "Acme"}, {"kind", "interview"}, {"role", "SRE"}, {"on", "2026-11-18"}})
                  .status,
              200);
  }
  void TearDown() override {
    unsetenv("TZ");
    tzset();
    ApiFixture::TearDown();
  }
  std::string Refusal(const std::string& path, const Json& body) {
    const ApiResponse r = Call("POST", path, body);
    const Json j = Json::parse(r.body);
    return std::to_string(r.status) + " " + j.value("code", "") + " " + j.value("field", "");
  }
};

TEST_F(InterviewRoutesTest, ScheduleListAgendaEditRemove) {
  const ApiResponse added = Call("POST", "/api/interview",
                                 {{"ask_id", 1},
                                  {"at", "2026-12-09 14:30"},
                                  {"with", {"Ann Lee", "Bo Chen"}},
                                  {"prep", "the on-call story"}});
  ASSERT_EQ(added.status, 200) << added.body;
  const Json a = Json::parse(added.body);
  EXPECT_EQ(a["round"], 1);
  EXPECT_EQ(a["starts_at"], "2026-12-09T13:30:00Z");
  EXPECT_EQ(a["zone"], "CET");
  EXPECT_EQ(a["with"], Json::array({"Ann Lee", "Bo Chen"}));

  const Json list = Json::parse(Call("GET", "/api/interviews").body);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["local"], "2026-12-09 14:30");
  const Json agenda = Json::parse(Call("GET", "/api/agenda").body);
  ASSERT_EQ(agenda["interviews"].size(), 1u);
  const ApiResponse ics = Call("GET", "/api/agenda.ics");
  EXPECT_NE(ics.body.find("UID:keel-interview-1@keel"), std::string::npos) << ics.body;
  EXPECT_NE(ics.body.find("DTSTART:20261209T133000Z"), std::string::npos) << ics.body;

  const ApiResponse edited = Call("POST", "/api/interview/edit",
                                  {{"id", 1}, {"at", "2026-12-10 09:00"}, {"with", Json::array()}});
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(Json::parse(edited.body)["with"], Json::array());
  EXPECT_EQ(Json::parse(edited.body)["prep"], "the on-call story");
  EXPECT_EQ(Json::parse(edited.body)["starts_at"], "2026-12-10T08:00:00Z");

  EXPECT_EQ(Call("POST", "/api/interview/remove", {{"id", 1}}).status, 200);
  EXPECT_EQ(Call("GET", "/api/interviews", {}, {{"all", "1"}}).body, "[]\n");
}

TEST_F(InterviewRoutesTest, RefusalsNameTheirField) {
  EXPECT_EQ(Refusal("/api/interview", {{"at", "2026-12-09 10:00"}}), "400 invalid ask_id");
  EXPECT_EQ(Refusal("/api/interview", {{"ask_id", 9}, {"at", "2026-12-09 10:00"}}),
            "404 not_found ask_id");
  EXPECT_EQ(Refusal("/api/interview", {{"ask_id", 1}}), "400 invalid at");
  EXPECT_EQ(Refusal("/api/interview", {{"ask_id", 1}, {"at", "9 Dec 10am"}}), "400 invalid at");
  EXPECT_EQ(Refusal("/api/interview", {{"ask_id", 1}, {"at", "2026-03-29 02:30"}}),
            "400 invalid at");
  EXPECT_EQ(Refusal("/api/interview", {{"ask_id", 1}, {"at", "2026-12-09 10:00"}, {"round", 0}}),
            "400 invalid round");
  EXPECT_EQ(Refusal("/api/interview", {{"ask_id", 1}, {"at", "2026-12-09 10:00"}, {"round", "2"}}),
            "400 invalid round");
  ASSERT_EQ(Call("POST", "/api/interview", {{"ask_id", 1}, {"at", "2026-12-09 10:00"}}).status,
            200);
  EXPECT_EQ(Refusal("/api/interview", {{"ask_id", 1}, {"at", "2026-12-09 10:00"}}),
            "409 conflict at");
  EXPECT_EQ(Refusal("/api/interview/edit", {{"id", 7}, {"round", 2}}), "404 not_found id");
  EXPECT_EQ(Refusal("/api/interview/remove", Json::object()), "400 invalid id");
  // Every message names a form's words, never a flag.
  const Json j = Json::parse(Call("POST", "/api/interview", {{"ask_id", 1}, {"at", "soon"}}).body);
  EXPECT_EQ(j["error"].get<std::string>().find("--"), std::string::npos) << j.dump();
}

}  // namespace
}  // namespace keel
