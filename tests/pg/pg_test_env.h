// Where the PostgreSQL tests find their server: $KEEL_TEST_PG (a libpq connection string), else
// the private cluster of the CTest fixture `pg` (tests/pg/pg_cluster.py writes its connection
// string to $KEEL_PG_STATE/conninfo).
#pragma once

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>

#include "store/pg_db.h"
#include "store/pg_store.h"

namespace keel::testing {

inline std::string TestConninfo() {
  if (const char* env = std::getenv("KEEL_TEST_PG"); env && *env) return env;
  const char* state = std::getenv("KEEL_PG_STATE");
  if (!state) return {};
  std::ifstream in(std::string(state) + "/conninfo");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// A new, empty database `name` on the test server (dropped first if an earlier run left it),
/// and the connection string that opens it. Empty when the server cannot be reached.
inline std::string ScratchDatabase(const std::string& name) {
  const std::string info = TestConninfo();
  if (info.empty()) return {};
  Result<std::unique_ptr<PgDb>> admin = PgDb::Open(info);
  if (!admin.ok()) return {};
  if (!(*admin)->Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)").ok()) return {};
  if (!(*admin)->Exec("CREATE DATABASE " + name).ok()) return {};
  return info + " dbname=" + name;  // libpq: the last value of a keyword wins
}

/// A database for the store's tests, shared by every test process and set up as a practice would
/// set it up (docs/scaling.md): tables owned by keel_owner, which migrates them, and the stores
/// connected as keel_app, which owns nothing and is held to row-level security (a superuser
/// would skip it). Each test then opens a search of its own, so the database holds many searches
/// at once, as a practice's does. Returns the connection string for keel_app ("" on failure).
inline std::string StoreDatabase() {
  static const std::string app = [] {
    const std::string info = TestConninfo();
    if (info.empty()) return std::string();
    Result<std::unique_ptr<PgDb>> admin = PgDb::Open(info);
    if (!admin.ok()) return std::string();
    // Test processes start in parallel: each step tolerates another process having done it.
    (void)(*admin)->Exec(
        "DO $$ BEGIN "
        "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'keel_owner') THEN "
        "  CREATE ROLE keel_owner LOGIN NOSUPERUSER NOBYPASSRLS; END IF; "
        "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'keel_app') THEN "
        "  CREATE ROLE keel_app LOGIN NOSUPERUSER NOBYPASSRLS; END IF; "
        "EXCEPTION WHEN unique_violation OR duplicate_object THEN NULL; END $$; "
        "ALTER ROLE keel_owner LOGIN; ALTER ROLE keel_app LOGIN");
    Statement& exists =
        (*admin)->Prepare("SELECT count(*) FROM pg_database WHERE datname = 'keel_store_tests'");
    Result<bool> row = exists.Step();
    if (row.ok() && *row && exists.Int(0) == 0) {
      (void)(*admin)->Exec("CREATE DATABASE keel_store_tests OWNER keel_owner");
    }
    const std::string owner = info + " dbname=keel_store_tests user=keel_owner";
    // Test processes start together on a fresh cluster: the database may be moments from
    // existing, and two GRANTs of one object at once fail ("tuple concurrently updated"), so
    // each step is tried a few times.
    for (int attempt = 0; attempt < 20; ++attempt) {
      if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(100 * attempt));
      if (!PgStore::Open(owner, "setup").ok()) continue;  // migrates, once
      Result<std::unique_ptr<PgDb>> db = PgDb::Open(owner);
      if (db.ok() &&
          (*db)
              ->Exec("GRANT USAGE ON SCHEMA public TO keel_app; "
                     "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "
                     "keel_app; GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO keel_app")
              .ok()) {
        return info + " dbname=keel_store_tests user=keel_app";
      }
    }
    return std::string();
  }();
  return app;
}

/// A chat ask with the organization `org`, on 2026-11-02.
inline AskRecord ChatAsk(Id org) {
  AskRecord a;
  a.asked_on = ParseIsoDate("2026-11-02").value();
  a.org_id = org;
  a.kind = Kind::kChat;
  return a;
}

/// A search name no other test process uses.
inline std::string UniqueSearchName(std::string_view prefix) {
  static std::atomic<int> counter{0};
  return std::string(prefix) + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) +
         "-" + std::to_string(std::random_device{}());
}

}  // namespace keel::testing
