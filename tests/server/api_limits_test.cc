#include <gtest/gtest.h>

#include "server/api.h"

namespace keel {
namespace {

// The transport asks the API how long a body each route takes: an import carries a whole file.
TEST(MaxBodyForTest, ImportsAndPastedMaterialsTakeMoreThanForms) {
  EXPECT_EQ(MaxBodyFor("/api/ask"), size_t{64} << 10);
  EXPECT_EQ(MaxBodyFor("/api/nothing"), size_t{64} << 10);
  EXPECT_EQ(MaxBodyFor("/"), size_t{64} << 10);
  EXPECT_EQ(MaxBodyFor("/api/import"), size_t{8} << 20);
  EXPECT_EQ(MaxBodyFor("/api/material/add"), size_t{1} << 20);
  // Only the exact route: a longer path is not an import.
  EXPECT_EQ(MaxBodyFor("/api/import/x"), size_t{64} << 10);
}

}  // namespace
}  // namespace keel
