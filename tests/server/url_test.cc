#include "server/url.h"

#include <gtest/gtest.h>

namespace keel {
namespace {

TEST(UrlTest, DecodesEscapesInEitherCase) {
  EXPECT_EQ(*PercentDecode("Caf%C3%A9", false, "x"), "Café");
  EXPECT_EQ(*PercentDecode("caf%c3%a9", false, "x"), "café");
  EXPECT_EQ(*PercentDecode("100%25", false, "x"), "100%");
  EXPECT_EQ(*PercentDecode("", false, "x"), "");
}

TEST(UrlTest, PlusIsASpaceOnlyInAQuery) {
  EXPECT_EQ(*PercentDecode("a+b", true, "x"), "a b");
  EXPECT_EQ(*PercentDecode("a+b", false, "x"), "a+b");
  EXPECT_EQ(*PercentDecode("a%2Bb", true, "x"), "a+b");
}

TEST(UrlTest, RefusesMalformedEscapes) {
  for (const char* bad : {"%", "%4", "a%zz", "%g0", "%%41", "ab%"}) {
    Result<std::string> r = PercentDecode(bad, false, "the path");
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.message().find("the path has a '%'"), std::string::npos) << r.message();
    EXPECT_NE(r.message().find("%25"), std::string::npos) << "names the fix: " << r.message();
  }
}

TEST(UrlTest, RefusesTextThatIsNotUtf8) {
  // A lone byte, a broken two-byte sequence, an overlong '/', a surrogate, a raw high byte.
  for (const char* bad : {"/%ff", "/%c3%28", "/%c0%af", "/%ed%a0%80", "/\xff"}) {
    Result<std::string> r = PercentDecode(bad, false, "the path");
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.message().find("not valid UTF-8"), std::string::npos) << r.message();
  }
}

TEST(UrlTest, SplitsPathAndQuery) {
  Result<Target> t = ParseTarget("/api/list?org=Caf%C3%A9&open=1&&note=a+b&flag");
  ASSERT_TRUE(t.ok()) << t.message();
  EXPECT_EQ(t->path, "/api/list");
  ASSERT_EQ(t->query.size(), 4u);
  EXPECT_EQ(t->query[0], (std::pair<std::string, std::string>{"org", "Café"}));
  EXPECT_EQ(t->query[1], (std::pair<std::string, std::string>{"open", "1"}));
  EXPECT_EQ(t->query[2], (std::pair<std::string, std::string>{"note", "a b"}));
  EXPECT_EQ(t->query[3], (std::pair<std::string, std::string>{"flag", ""}));

  Result<Target> bare = ParseTarget("/");
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(bare->path, "/");
  EXPECT_TRUE(bare->query.empty());
  EXPECT_EQ(ParseTarget("/a%2Fb?")->path, "/a/b");
  EXPECT_EQ(ParseTarget("/x?k=a=b")->query[0].second, "a=b");  // only the first '=' splits
}

TEST(UrlTest, RefusesOtherFormsAndBadParts) {
  EXPECT_FALSE(ParseTarget("").ok());
  EXPECT_FALSE(ParseTarget("*").ok());
  EXPECT_FALSE(ParseTarget("http://evil.example/").ok());
  EXPECT_FALSE(ParseTarget("/a#frag").ok());
  Result<Target> query = ParseTarget("/api/list?org=%ff");
  ASSERT_FALSE(query.ok());
  EXPECT_NE(query.message().find("query parameter 'org'"), std::string::npos) << query.message();
  EXPECT_FALSE(ParseTarget("/api/list?%c3%28=1").ok());
  EXPECT_FALSE(ParseTarget("/api/list?org=%2").ok());
}

}  // namespace
}  // namespace keel
