// Grants (app/grants.h): a seeker shares their search with one coach, until a last day or a
// revocation; nobody else reaches it.
#include "app/grants.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "app/accounts.h"
#include "store/open.h"
#include "support/dates.h"

namespace keel {
namespace {

constexpr Instant kNow = 1'796'200'000;

class GrantsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("keel-grants-" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    practice_ = OpenPractice((dir_ / "keel.db").string()).value();
    ana_ = Add("ana@example.com", "seeker");
    ben_ = Add("ben@example.com", "seeker");
    coach_ = Add("coach@practice.example", "coach");
    other_ = Add("other@practice.example", "coach");
    admin_ = Add("admin@practice.example", "admin");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  Account Add(const std::string& email, const std::string& role) {
    return AddAccount(*practice_, {email, role, "", "wintergreen-mud-lamp"}).value();
  }

  std::filesystem::path dir_;
  std::unique_ptr<Practice> practice_;
  Account ana_, ben_, coach_, other_, admin_;
};

TEST_F(GrantsTest, OnlyTheGrantedCoachReadsAndOnlyThroughTheLastDay) {
  const GrantRecord g =
      GrantAccess(*practice_, ana_, {"Coach@Practice.example", "read", "2026-12-10"},
                  Day("2026-12-02"), kNow)
          .value();
  EXPECT_EQ(g.search, ana_.searches.front());
  EXPECT_EQ(g.coach_email, "coach@practice.example");
  EXPECT_TRUE(ActiveGrantFor(*practice_, coach_, ana_.searches.front(), Day("2026-12-10")).ok());
  EXPECT_EQ(ActiveGrantFor(*practice_, coach_, ana_.searches.front(), Day("2026-12-11")).code(),
            ErrorCode::kNotFound);
  for (const Account* nobody : {&other_, &admin_, &ben_}) {
    EXPECT_EQ(ActiveGrantFor(*practice_, *nobody, ana_.searches.front(), Day("2026-12-02")).code(),
              ErrorCode::kNotFound)
        << nobody->email;
  }
  EXPECT_EQ(ActiveGrantFor(*practice_, coach_, ben_.searches.front(), Day("2026-12-02")).code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(GrantJson(g, Day("2026-12-11"))["state"], "expired");
}

TEST_F(GrantsTest, RevokingEndsAccessAtOnceAndOnlyTheSeekerMayRevoke) {
  const GrantRecord g = GrantAccess(*practice_, ana_, {"coach@practice.example", "comment", ""},
                                    Day("2026-12-02"), kNow)
                            .value();
  EXPECT_EQ(RevokeAccess(*practice_, ben_, g.id, 1'796'200'000).code(), ErrorCode::kNotFound)
      << "another seeker's grant is as if it did not exist";
  const GrantRecord revoked = RevokeAccess(*practice_, ana_, g.id, 1'796'200'000).value();
  EXPECT_FALSE(revoked.revoked_at.empty());
  EXPECT_EQ(ActiveGrantFor(*practice_, coach_, ana_.searches.front(), Day("2026-12-02")).code(),
            ErrorCode::kNotFound);
  // Granting again after a revocation is a new grant.
  EXPECT_TRUE(
      GrantAccess(*practice_, ana_, {"coach@practice.example", "read", ""}, Day("2026-12-02"), kNow)
          .ok());
}

TEST_F(GrantsTest, BadGrantsAreRefusedAndNothingIsWritten) {
  const Date today = Day("2026-12-02");
  EXPECT_EQ(
      GrantAccess(*practice_, coach_, {"other@practice.example", "read", ""}, today, kNow).code(),
      ErrorCode::kForbidden);
  EXPECT_EQ(GrantAccess(*practice_, ana_, {"ben@example.com", "read", ""}, today, kNow).code(),
            ErrorCode::kNotFound)
      << "a seeker is not a coach";
  EXPECT_EQ(GrantAccess(*practice_, ana_, {"nobody@example.com", "read", ""}, today, kNow).field(),
            "coach_email");
  EXPECT_EQ(
      GrantAccess(*practice_, ana_, {"coach@practice.example", "write", ""}, today, kNow).field(),
      "scope");
  Result<GrantRecord> past =
      GrantAccess(*practice_, ana_, {"coach@practice.example", "read", "2026-12-01"}, today, kNow);
  EXPECT_EQ(past.field(), "expires_on");
  EXPECT_EQ(past.message(), "the last day 2026-12-01 is already past; give 2026-12-02 or later");
  EXPECT_TRUE(practice_->Grants(ana_.id, false).value().empty());
  ASSERT_TRUE(
      GrantAccess(*practice_, ana_, {"coach@practice.example", "read", ""}, today, kNow).ok());
  EXPECT_EQ(
      GrantAccess(*practice_, ana_, {"coach@practice.example", "comment", ""}, today, kNow).code(),
      ErrorCode::kConflict);
}

TEST_F(GrantsTest, RemovingTheSeekerRemovesTheirGrants) {
  ASSERT_TRUE(
      GrantAccess(*practice_, ana_, {"coach@practice.example", "read", ""}, Day("2026-12-02"), kNow)
          .ok());
  ASSERT_TRUE(practice_->RemoveAccount(ana_.id).ok());
  EXPECT_TRUE(practice_->Grants(coach_.id, true).value().empty());
}

}  // namespace
}  // namespace keel
