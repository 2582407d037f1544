// Where the PostgreSQL tests find their server: $KEEL_TEST_PG (a libpq connection string), else
// the private cluster of the CTest fixture `pg` (tests/pg/pg_cluster.py writes its connection
// string to $KEEL_PG_STATE/conninfo).
#pragma once

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

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

}  // namespace keel::testing
