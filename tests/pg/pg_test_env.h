// Where the PostgreSQL tests find their server: $KEEL_TEST_PG (a libpq connection string), else
// the private cluster of the CTest fixture `pg` (tests/pg/pg_cluster.py writes its connection
// string to $KEEL_PG_STATE/conninfo).
#pragma once

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "store/pg_db.h"

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

}  // namespace keel::testing
