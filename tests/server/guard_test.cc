#include "server/guard.h"

#include <gtest/gtest.h>

namespace keel {
namespace {

const std::string kToken(64, 'a');

TEST(GuardTest, HostMustNameThisServer) {
  const RequestGuard g("127.0.0.1", 8420, {}, kToken);
  EXPECT_FALSE(g.CheckHost("127.0.0.1:8420"));
  EXPECT_FALSE(g.CheckHost("localhost:8420"));
  EXPECT_FALSE(g.CheckHost("LOCALHOST:8420"));
  EXPECT_FALSE(g.CheckHost("[::1]:8420"));
  // DNS rebinding: an attacker's name resolving to 127.0.0.1.
  EXPECT_TRUE(g.CheckHost("evil.example:8420"));
  EXPECT_TRUE(g.CheckHost("127.0.0.1:8421"));
  EXPECT_TRUE(g.CheckHost("127.0.0.1"));
  EXPECT_TRUE(g.CheckHost(""));
}

TEST(GuardTest, BoundAddressAndAllowedHostsAreAccepted) {
  const RequestGuard g("192.168.1.5", 9000, {"laptop.local"}, kToken);
  EXPECT_FALSE(g.CheckHost("192.168.1.5:9000"));
  EXPECT_FALSE(g.CheckHost("laptop.local:9000"));
  EXPECT_TRUE(g.CheckHost("192.168.1.6:9000"));
  const RequestGuard any("0.0.0.0", 9000, {}, kToken);
  EXPECT_TRUE(any.CheckHost("0.0.0.0:9000"));
  EXPECT_FALSE(any.CheckHost("127.0.0.1:9000"));
}

TEST(GuardTest, WritesNeedTheTokenAndOurOrigin) {
  const RequestGuard g("127.0.0.1", 8420, {}, kToken);
  EXPECT_FALSE(g.CheckWrite(kToken, std::nullopt));
  EXPECT_FALSE(g.CheckWrite(kToken, "http://127.0.0.1:8420"));
  EXPECT_FALSE(g.CheckWrite(kToken, "http://localhost:8420"));
  EXPECT_TRUE(g.CheckWrite("", std::nullopt));
  EXPECT_TRUE(g.CheckWrite(std::string(64, 'b'), std::nullopt));
  EXPECT_TRUE(g.CheckWrite(kToken.substr(1), std::nullopt));
  EXPECT_TRUE(g.CheckWrite(kToken, "http://evil.example"));
  EXPECT_TRUE(g.CheckWrite(kToken, "https://127.0.0.1:8420"));
  EXPECT_TRUE(g.CheckWrite(kToken, "null"));
}

TEST(GuardTest, TokensAreRandomHex) {
  const std::string a = NewToken();
  const std::string b = NewToken();
  EXPECT_EQ(a.size(), 64U);
  EXPECT_NE(a, b);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
}

}  // namespace
}  // namespace keel
