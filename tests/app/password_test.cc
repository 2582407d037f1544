// What keel accepts as a new password, and the argon2id hash it keeps instead (app/password.h).
#include "app/password.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <string>

namespace keel {
namespace {

constexpr std::string_view kEmail = "ana.diaz@example.com";

std::string Refusal(std::string_view password) {
  Status s = CheckNewPassword(password, kEmail);
  EXPECT_FALSE(s.ok()) << "accepted: " << password;
  if (!s.ok()) {
    EXPECT_EQ(s.field(), "password");
    EXPECT_EQ(s.message().find(std::string(password)), std::string::npos)
        << "a refusal never repeats the password: " << s.message();
  }
  return s.message();
}

TEST(PasswordTest, TwelveCharactersAtTheLeastCountedAsCharactersNotBytes) {
  EXPECT_NE(Refusal("wintergreen").find("has 11 characters; use at least 12"), std::string::npos);
  EXPECT_TRUE(CheckNewPassword("wintergreen-mud", kEmail).ok());
  // 11 characters in 22 bytes is still 11 characters.
  EXPECT_NE(Refusal("ééééééééééé").find("has 11 characters"), std::string::npos);
}

TEST(PasswordTest, TooLongNotUtf8AndControlCharactersAreRefused) {
  EXPECT_NE(Refusal(std::string(1025, 'x') + "Q7").find("longer than 1024 bytes"),
            std::string::npos);
  EXPECT_NE(Refusal("wintergreen\xff-mud").find("not valid UTF-8"), std::string::npos);
  EXPECT_NE(Refusal("wintergreen\tmud-lamp").find("control character"), std::string::npos);
}

TEST(PasswordTest, TheAccountsEmailIsNotAPassword) {
  EXPECT_NE(Refusal("ana.diaz@example.com").find("contains the account's email"),
            std::string::npos);
  EXPECT_NE(Refusal("my-ana.diaz-secret!").find("contains the account's email"), std::string::npos);
}

TEST(PasswordTest, CommonPasswordsDressedUpAreRefused) {
  for (std::string_view p : {"Password123456", "P@ssw0rd2024!!", "passwordpassword",
                             "iloveyou12345", "qwertyuiopasdf", "123456Letmein!"}) {
    EXPECT_NE(Refusal(p).find("built on one of the most used passwords"), std::string::npos) << p;
  }
}

TEST(PasswordTest, CracklibFindsDictionaryWordsAndSystematicRuns) {
  EXPECT_NE(Refusal("Mississippi123").find("easy to guess (it is based on a dictionary word)"),
            std::string::npos);
  EXPECT_NE(Refusal("123456789012").find("easy to guess"), std::string::npos);
  EXPECT_NE(Refusal("aaaaaaaaaaaaaa").find("easy to guess"), std::string::npos);
}

TEST(PasswordTest, LongUnrelatedWordsAreAccepted) {
  EXPECT_TRUE(CheckNewPassword("wintergreen-mud-lamp", kEmail).ok());
  EXPECT_TRUE(CheckNewPassword("copper kettle under rain", kEmail).ok());
}

TEST(PasswordTest, HashIsArgon2idAndVerifiesOnlyTheSamePassword) {
  const std::string hash = HashPassword("wintergreen-mud-lamp").value();
  EXPECT_EQ(hash.rfind("$argon2id$v=19$m=65536,t=2,p=1$", 0), 0U) << hash;
  EXPECT_TRUE(VerifyPassword(hash, "wintergreen-mud-lamp"));
  EXPECT_FALSE(VerifyPassword(hash, "wintergreen-mud-lamP"));
  EXPECT_FALSE(VerifyPassword(hash, ""));
  EXPECT_NE(HashPassword("wintergreen-mud-lamp").value(), hash) << "each hash has its own salt";
  EXPECT_FALSE(VerifyPassword("not a hash", "wintergreen-mud-lamp"));
  EXPECT_FALSE(VerifyPassword("", ""));
  EXPECT_FALSE(NeedsRehash(hash));
}

TEST(PasswordTest, AHashUnderOtherLimitsVerifiesAndAsksToBeRehashed) {
  ASSERT_GE(sodium_init(), 0);
  char weak[crypto_pwhash_STRBYTES];
  const std::string password = "wintergreen-mud-lamp";
  ASSERT_EQ(crypto_pwhash_str(weak, password.data(), password.size(), crypto_pwhash_OPSLIMIT_MIN,
                              crypto_pwhash_MEMLIMIT_MIN),
            0);
  EXPECT_TRUE(VerifyPassword(weak, password));
  EXPECT_TRUE(NeedsRehash(weak));
  EXPECT_TRUE(NeedsRehash("garbage"));
}

}  // namespace
}  // namespace keel
