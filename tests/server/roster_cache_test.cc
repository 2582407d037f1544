#include "server/roster_cache.h"

#include <gtest/gtest.h>

namespace keel {
namespace {

using std::chrono::milliseconds;

HttpResponse KeptRoster(std::string body) {
  HttpResponse r;
  r.body = std::move(body);
  return r;
}

TEST(RosterCacheTest, GivesTheAnswerAgainWithinASecondUnderTheSameKeyAndWrites) {
  RosterCache cache;
  const RosterCache::Clock::time_point t0{};
  cache.Keep(7, "2026-12-02\nsearch-a", 3, t0, KeptRoster("roster"));
  ASSERT_TRUE(cache.Find(7, "2026-12-02\nsearch-a", 3, t0 + milliseconds(999)));
  EXPECT_EQ(cache.Find(7, "2026-12-02\nsearch-a", 3, t0 + milliseconds(999))->body, "roster");
  EXPECT_FALSE(cache.Find(7, "2026-12-02\nsearch-a", 3, t0 + milliseconds(1000)));
}

TEST(RosterCacheTest, AnotherCoachAGrantChangedAWriteOrANewDayBuildItAgain) {
  RosterCache cache;
  const RosterCache::Clock::time_point t0{};
  cache.Keep(7, "2026-12-02\nsearch-a", 3, t0, KeptRoster("roster"));
  EXPECT_FALSE(cache.Find(8, "2026-12-02\nsearch-a", 3, t0));
  EXPECT_FALSE(cache.Find(7, "2026-12-02", 3, t0));  // the grant was revoked
  EXPECT_FALSE(cache.Find(7, "2026-12-02\nsearch-a", 4, t0));
  EXPECT_FALSE(cache.Find(7, "2026-12-03\nsearch-a", 3, t0));
}

TEST(RosterCacheTest, AnAnswerBuiltEarlierDoesNotReplaceOneBuiltLater) {
  RosterCache cache;
  const RosterCache::Clock::time_point t0{};
  cache.Keep(7, "k", 3, t0 + milliseconds(500), KeptRoster("later"));
  cache.Keep(7, "k", 3, t0 + milliseconds(100), KeptRoster("earlier"));
  EXPECT_EQ(cache.Find(7, "k", 3, t0 + milliseconds(600))->body, "later");
  // A clock read before the answer was built is not a reason to give it.
  EXPECT_FALSE(cache.Find(7, "k", 3, t0));
}

}  // namespace
}  // namespace keel
