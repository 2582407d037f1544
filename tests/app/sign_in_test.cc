// Signing in and sessions (app/sign_in.h) at their boundaries, on a SQLite practice file.
#include "app/sign_in.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <cstring>
#include <filesystem>

#include "app/accounts.h"
#include "app/password.h"
#include "store/open.h"

namespace keel {
namespace {

constexpr Instant kT0 = 1'796'200'000;  // 2026-12-02 (any moment will do)
constexpr const char* kPassword = "wintergreen-mud-lamp";

class SignInTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("keel-sign-in-" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    practice_ = OpenPractice((dir_ / "keel.db").string()).value();
    ana_ = AddAccount(*practice_, {"ana@example.com", "seeker", "Ana", kPassword}).value();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  SignInRequest Request(std::string password, Instant now = kT0,
                        std::string email = "ana@example.com") {
    return {std::move(email), std::move(password), "203.0.113.7", "test-agent", now};
  }

  std::filesystem::path dir_;
  std::unique_ptr<Practice> practice_;
  Account ana_;
};

TEST_F(SignInTest, ASessionIsKeptOnlyAsTheHashOfItsId) {
  const SignedIn in = SignIn(*practice_, Request(kPassword)).value();
  EXPECT_EQ(in.session_id.size(), 64U);
  EXPECT_EQ(in.csrf.size(), 64U);
  EXPECT_NE(in.session_id, in.csrf);
  EXPECT_EQ(in.expires_at, kT0 + kSessionLifeSeconds);
  EXPECT_FALSE(practice_->FindSession(in.session_id).value().has_value());
  const SessionRecord kept = practice_->FindSession(SessionIdHash(in.session_id)).value().value();
  EXPECT_EQ(kept.account_id, ana_.id);
  EXPECT_EQ(kept.address, "203.0.113.7");
  EXPECT_TRUE(CsrfMatches(kept, in.csrf));
  EXPECT_FALSE(CsrfMatches(kept, ""));
  EXPECT_FALSE(CsrfMatches(kept, NewSecret()));
  const SignedIn again = SignIn(*practice_, Request(kPassword)).value();
  EXPECT_NE(again.session_id, in.session_id) << "every sign-in is a new session";
}

TEST_F(SignInTest, AWrongPasswordAndAnUnknownEmailGetTheSameAnswer) {
  Result<SignedIn> wrong = SignIn(*practice_, Request("not the password at all"));
  Result<SignedIn> unknown = SignIn(*practice_, Request(kPassword, kT0, "nobody@example.com"));
  ASSERT_FALSE(wrong.ok());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(wrong.code(), ErrorCode::kUnauthenticated);
  EXPECT_EQ(wrong.message(), unknown.message());
  EXPECT_EQ(wrong.field(), unknown.field());
}

TEST_F(SignInTest, ASessionEndsAfterThirtyIdleMinutes) {
  const SignedIn in = SignIn(*practice_, Request(kPassword)).value();
  EXPECT_TRUE(Authenticate(*practice_, in.session_id, kT0 + kSessionIdleSeconds - 1).ok());
  // That use restarted the idle clock.
  const Instant used = kT0 + kSessionIdleSeconds - 1;
  EXPECT_TRUE(Authenticate(*practice_, in.session_id, used + kSessionIdleSeconds - 1).ok());
  Result<Authenticated> idle =
      Authenticate(*practice_, in.session_id, used + kSessionIdleSeconds - 1 + kSessionIdleSeconds);
  ASSERT_FALSE(idle.ok());
  EXPECT_EQ(idle.message(), "your session has ended; sign in again");
  EXPECT_FALSE(practice_->FindSession(SessionIdHash(in.session_id)).value().has_value())
      << "an ended session is deleted";
}

TEST_F(SignInTest, ASessionEndsTwelveHoursAfterItBeganHoweverBusy) {
  const SignedIn in = SignIn(*practice_, Request(kPassword)).value();
  for (Instant t = kT0; t < kT0 + kSessionLifeSeconds; t += 20 * 60) {
    ASSERT_TRUE(Authenticate(*practice_, in.session_id, t).ok()) << (t - kT0);
  }
  EXPECT_FALSE(Authenticate(*practice_, in.session_id, kT0 + kSessionLifeSeconds).ok());
}

TEST_F(SignInTest, SignOutAndRemovingTheAccountEndSessions) {
  const SignedIn one = SignIn(*practice_, Request(kPassword)).value();
  const SignedIn two = SignIn(*practice_, Request(kPassword)).value();
  ASSERT_TRUE(SignOut(*practice_, one.session_id).ok());
  EXPECT_FALSE(Authenticate(*practice_, one.session_id, kT0).ok());
  EXPECT_TRUE(Authenticate(*practice_, two.session_id, kT0).ok());
  ASSERT_TRUE(practice_->RemoveAccount(ana_.id).ok());
  EXPECT_FALSE(Authenticate(*practice_, two.session_id, kT0).ok());
}

TEST_F(SignInTest, TenFailuresWithinFifteenMinutesMakeTheNextAttemptWait) {
  for (int i = 0; i < kMaxSignInFailures - 1; ++i) {
    ASSERT_FALSE(SignIn(*practice_, Request("wrong password number", kT0 + i)).ok());
  }
  EXPECT_FALSE(
      SignInWait(*practice_, "ana@example.com", "198.51.100.1", kT0 + 60).value().has_value())
      << "nine failures: no wait yet";
  ASSERT_FALSE(SignIn(*practice_, Request("wrong password number", kT0 + 9)).ok());
  // By email (whatever its case), from any address; the first failure was at kT0.
  const std::optional<int64_t> wait =
      SignInWait(*practice_, "ANA@example.com", "198.51.100.1", kT0 + 60).value();
  ASSERT_TRUE(wait.has_value());
  EXPECT_EQ(*wait, kSignInWindowSeconds - 60);
  EXPECT_FALSE(
      SignInWait(*practice_, "ana@example.com", "198.51.100.1", kT0 + kSignInWindowSeconds + 1)
          .value()
          .has_value())
      << "the oldest failure has left the window";
  // And by address, for any email.
  const std::optional<int64_t> by_address =
      SignInWait(*practice_, "ben@example.com", "203.0.113.7", kT0 + 60).value();
  EXPECT_TRUE(by_address.has_value());
  // A success clears the email's failures.
  ASSERT_TRUE(SignIn(*practice_, Request(kPassword, kT0 + kSignInWindowSeconds + 1)).ok());
  EXPECT_EQ(
      practice_->CountSignInFailures("ana@example.com", "none", UtcIso(kT0 - 1)).value().for_email,
      0);
}

TEST_F(SignInTest, AHashUnderOldLimitsIsReplacedAtSignIn) {
  ASSERT_GE(sodium_init(), 0);
  char weak[crypto_pwhash_STRBYTES];
  ASSERT_EQ(crypto_pwhash_str(weak, kPassword, std::strlen(kPassword), crypto_pwhash_OPSLIMIT_MIN,
                              crypto_pwhash_MEMLIMIT_MIN),
            0);
  ASSERT_TRUE(practice_->SetPasswordHash(ana_.id, weak).ok());
  ASSERT_TRUE(SignIn(*practice_, Request(kPassword)).ok());
  const std::string now = practice_->FindAccount("ana@example.com").value()->password_hash;
  EXPECT_NE(now, weak);
  EXPECT_FALSE(NeedsRehash(now));
  EXPECT_TRUE(VerifyPassword(now, kPassword));
}

}  // namespace
}  // namespace keel
