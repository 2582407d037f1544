// A fixture for route tests through HandleApi, without a socket: a fresh ledger in its own
// folder per test, today fixed at 2026-11-20, and Call() for one request.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "server/api.h"
#include "store/open.h"

namespace keel {

class ApiFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("keel_api_test_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->test_suite_name() + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    env_.db_path = (dir_ / "keel.db").string();
    env_.today = *ParseIsoDate("2026-11-20");
    // HandleApi opens no store itself: the Session opens what the server hands it (a fresh
    // connection per request here).
    env_.stores = [path = env_.db_path]() -> Result<std::shared_ptr<Store>> {
      Result<std::unique_ptr<Store>> store = OpenStore(path, std::string(kDefaultSearch));
      if (!store.ok()) return store.status();
      return std::shared_ptr<Store>(std::move(store).value());
    };
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  /// One request: `body` (when not null) as the JSON body, `query` as the query parameters.
  ApiResponse Call(const std::string& method, const std::string& path,
                   const nlohmann::json& body = {}, std::map<std::string, std::string> query = {}) {
    ApiRequest r;
    r.method = method;
    r.path = path;
    r.query = std::move(query);
    if (!body.is_null()) r.body = body.dump();
    return HandleApi(r, env_);
  }

  std::filesystem::path dir_;
  ApiEnv env_;
};

}  // namespace keel
