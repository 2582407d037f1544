#include "app/key_table.h"

#include <gtest/gtest.h>

#include <string>
#include <unordered_map>

namespace keel {
namespace {

TEST(KeyTableTest, FindsWhatWasInsertedAndKeepsTheFirstValue) {
  KeyTable table;
  EXPECT_FALSE(table.Find("acme"));
  EXPECT_TRUE(table.Insert("acme", 7));
  EXPECT_FALSE(table.Insert("acme", 9));  // the first value stays
  EXPECT_TRUE(table.Insert("", 3));       // the empty key is a key like any other
  EXPECT_EQ(table.Find("acme").value_or(0), 7U);
  EXPECT_EQ(table.Find("").value_or(0), 3U);
  EXPECT_FALSE(table.Find("acm"));
  EXPECT_FALSE(table.Find("acme "));
  EXPECT_EQ(table.size(), 2U);
}

TEST(KeyTableTest, AgreesWithAnUnorderedMapThroughManyDoublings) {
  KeyTable table;
  std::unordered_map<std::string, uint64_t> expected;
  for (uint64_t i = 0; i < 100000; ++i) {
    // Keys that share long prefixes and repeat, as an import's names do.
    const std::string key = "org " + std::to_string(i % 70000) + (i % 3 == 0 ? " co" : "");
    EXPECT_EQ(table.Insert(key, i), expected.emplace(key, i).second) << key;
  }
  EXPECT_EQ(table.size(), expected.size());
  for (const auto& [key, value] : expected) {
    ASSERT_EQ(table.Find(key).value_or(~uint64_t{0}), value) << key;
  }
  EXPECT_FALSE(table.Find("org 70000"));
}

}  // namespace
}  // namespace keel
