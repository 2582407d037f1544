// The report routes' answers kept per worker (server/answer_cache.h): the same bytes while the
// ledger is unchanged, never a stale answer after a write by this connection or another one.
#include "server/answer_cache.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api_fixture.h"  // beside this file

namespace keel {
namespace {

using Json = nlohmann::json;

class AnswerCacheTest : public ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    // As a server's worker does: one connection kept for every request.
    fresh_ = env_;
    Result<std::unique_ptr<Store>> store = OpenStore(env_.db_path, std::string(kDefaultSearch));
    ASSERT_TRUE(store.ok()) << store.message();
    kept_ = std::shared_ptr<Store>(std::move(store).value());
    env_.stores = [this]() -> Result<std::shared_ptr<Store>> { return kept_; };
  }

  int64_t Asks(std::map<std::string, std::string> query = {}) {
    const ApiResponse r = Call("GET", "/api/stats", {}, std::move(query));
    EXPECT_EQ(r.status, 200) << r.body;
    return Json::parse(r.body)["total"]["asks"].get<int64_t>();
  }

  ApiResponse AskThrough(const ApiEnv& env, const std::string& org) {
    ApiRequest r;
    r.method = "POST";
    r.path = "/api/ask";
    r.body = Json{{"org", org}, {"kind", "chat"}, {"on", "2026-11-02"}, {"new_org", true}}.dump();
    return HandleApi(r, env);
  }

  ApiEnv fresh_;  // a new connection per request: another process, to the kept one
  std::shared_ptr<Store> kept_;
};

TEST_F(AnswerCacheTest, AnAnswerIsKeptUntilTheLedgerChangesByEitherConnection) {
  ASSERT_EQ(AskThrough(env_, "Acme").status, 200);
  EXPECT_EQ(Asks(), 1);
  const ApiResponse first = Call("GET", "/api/stats");
  EXPECT_EQ(Call("GET", "/api/stats").body, first.body);

  // Another connection's write: the kept connection's data_version moves.
  ASSERT_EQ(AskThrough(fresh_, "Globex").status, 200);
  EXPECT_EQ(Asks(), 2);
  // This connection's own write: its change count moves.
  ASSERT_EQ(AskThrough(env_, "Initech").status, 200);
  EXPECT_EQ(Asks(), 3);
  // An undo by another connection takes it back.
  ApiRequest undo;
  undo.method = "POST";
  undo.path = "/api/undo";
  undo.body = "{}";
  ASSERT_EQ(HandleApi(undo, fresh_).status, 200);
  EXPECT_EQ(Asks(), 2);
}

TEST_F(AnswerCacheTest, TheDateTheQueryAndTheHorizonAreEachTheirOwnAnswer) {
  ASSERT_EQ(AskThrough(env_, "Acme").status, 200);
  const Json by_kind = Json::parse(Call("GET", "/api/stats", {}, {{"by", "kind"}}).body);
  EXPECT_TRUE(by_kind.contains("groups")) << by_kind.dump();
  const Json plain = Json::parse(Call("GET", "/api/stats").body);
  EXPECT_NE(plain, by_kind);
  // The ask of 2026-11-02 is pending on the 20th and silent past a 10-day horizon.
  const Json horizon10 = Json::parse(Call("GET", "/api/stats", {}, {{"silence_days", "10"}}).body);
  EXPECT_EQ(horizon10["total"]["silent"], 1) << horizon10.dump();
  EXPECT_EQ(Json::parse(Call("GET", "/api/stats").body)["total"]["silent"], 0);
  env_.today = *ParseIsoDate("2026-12-30");  // past the default 21 days
  EXPECT_EQ(Json::parse(Call("GET", "/api/stats").body)["total"]["silent"], 1);
}

TEST_F(AnswerCacheTest, AnErrorIsNotKept) {
  EXPECT_EQ(Call("GET", "/api/stats", {}, {{"by", "colour"}}).status, 400);
  EXPECT_EQ(Call("GET", "/api/stats", {}, {{"by", "colour"}}).status, 400);
}

}  // namespace
}  // namespace keel
