// A practice's accounts as the use cases see them (app/accounts.h), on a SQLite practice file.
#include "app/accounts.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "store/open.h"

namespace keel {
namespace {

class AccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("keel-accounts-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = (dir_ / "keel.db").string();
    practice_ = OpenPractice(db_).value();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  AddAccountRequest Request(std::string email, std::string role = "seeker") {
    return {std::move(email), std::move(role), "Ana Díaz", "wintergreen-mud-lamp"};
  }

  std::filesystem::path dir_;
  std::string db_;
  std::unique_ptr<Practice> practice_;
};

TEST_F(AccountsTest, ASeekerGetsASearchAndTheHashNotThePasswordIsKept) {
  const Account a = AddAccount(*practice_, Request("ana@example.com")).value();
  EXPECT_EQ(a.role, Role::kSeeker);
  EXPECT_EQ(a.name, "Ana Díaz");
  ASSERT_EQ(a.searches.size(), 1U);
  EXPECT_EQ(a.searches.front(), SeekerSearchName(a.id));
  EXPECT_EQ(a.password_hash.rfind("$argon2id$", 0), 0U);
  const Json j = AccountJson(a);
  EXPECT_FALSE(j.contains("password_hash"));
  EXPECT_EQ(j.dump().find("argon2"), std::string::npos);
  const Account coach = AddAccount(*practice_, Request("coach@example.com", "coach")).value();
  EXPECT_TRUE(coach.searches.empty()) << "only a seeker owns a search";
}

TEST_F(AccountsTest, BadInputIsRefusedAndNothingIsWritten) {
  struct Case {
    AddAccountRequest request;
    std::string field;
    std::string words;
  };
  const std::vector<Case> cases = {
      {Request("ana"), "email", "exactly one @"},
      {Request("ana@@example.com"), "email", "exactly one @"},
      {Request("ana @example.com"), "email", "spaces"},
      {Request("ana@example."), "email", "a domain"},
      {Request("ana@example.com", "owner"), "role", "seeker, coach or admin"},
      {{"ana@example.com", "seeker", "Ana\x1b[31m", "wintergreen-mud-lamp"}, "name", ""},
      {{"ana@example.com", "seeker", "", "short"}, "password", "at least 12"},
  };
  for (const Case& c : cases) {
    Result<Account> r = AddAccount(*practice_, c.request);
    ASSERT_FALSE(r.ok()) << c.request.email;
    EXPECT_EQ(r.field(), c.field) << r.message();
    EXPECT_NE(r.message().find(c.words), std::string::npos) << r.message();
  }
  EXPECT_TRUE(practice_->Accounts().value().empty());
}

TEST_F(AccountsTest, ThePracticeFileIsReadableByItsOwnerOnly) {
  ASSERT_TRUE(AddAccount(*practice_, Request("ana@example.com")).ok());
  const auto perms = std::filesystem::status(SqlitePracticePath(db_)).permissions();
  EXPECT_EQ(perms & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
}

TEST_F(AccountsTest, AnEmailIsTakenWhateverItsCase) {
  ASSERT_TRUE(AddAccount(*practice_, Request("Ana@Example.com")).ok());
  Result<Account> again = AddAccount(*practice_, Request("ana@example.COM", "coach"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.code(), ErrorCode::kConflict);
  EXPECT_EQ(again.message(), "there is already an account for Ana@Example.com");
  EXPECT_EQ(practice_->FindAccount("ANA@EXAMPLE.COM").value()->email, "Ana@Example.com");
}

TEST_F(AccountsTest, RemovingASeekerNeedsConfirmingAndDeletesTheirSearch) {
  const Account a = AddAccount(*practice_, Request("ana@example.com")).value();
  std::vector<std::string> deleted;
  auto del = [&](const std::string& s) {
    deleted.push_back(s);
    return Status();
  };
  Result<AccountRemoval> refused = RemoveAccount(*practice_, "ana@example.com", false, del);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.message(), "removing seeker ana@example.com also deletes their search (" +
                                   a.searches.front() + ") and everything in it, for good");
  EXPECT_TRUE(deleted.empty());
  EXPECT_TRUE(practice_->FindAccount("ana@example.com").value().has_value());

  const AccountRemoval removed = RemoveAccount(*practice_, "ana@example.com", true, del).value();
  EXPECT_EQ(deleted, a.searches);
  EXPECT_EQ(removed.deleted_searches, a.searches);
  EXPECT_FALSE(practice_->FindAccount("ana@example.com").value().has_value());
  EXPECT_EQ(RemoveAccount(*practice_, "ana@example.com", true, del).code(), ErrorCode::kNotFound);
}

TEST_F(AccountsTest, AFailedSearchDeletionKeepsTheAccountSoItCanBeRunAgain) {
  ASSERT_TRUE(AddAccount(*practice_, Request("ana@example.com")).ok());
  Result<AccountRemoval> failed =
      RemoveAccount(*practice_, "ana@example.com", true, [](const std::string&) {
        return Status(Error{"disk on fire", ErrorCode::kInternal});
      });
  ASSERT_FALSE(failed.ok());
  EXPECT_TRUE(practice_->FindAccount("ana@example.com").value().has_value());
}

TEST_F(AccountsTest, DeleteSearchRemovesTheSeekersFileAndItsLog) {
  const Account a = AddAccount(*practice_, Request("ana@example.com")).value();
  {
    std::unique_ptr<Store> store = OpenStore(db_, a.searches.front()).value();
    ASSERT_TRUE(store->BeginWrite("ask").ok());
    ASSERT_TRUE(store->AddOrganization("Acme").ok());
    ASSERT_TRUE(store->Commit().ok());
  }
  const std::string file = SqliteSearchPath(db_, a.searches.front());
  ASSERT_TRUE(std::filesystem::exists(file));
  ASSERT_TRUE(RemoveAccount(*practice_, a.email, true, [&](const std::string& s) {
                return DeleteSearch(db_, s);
              }).ok());
  EXPECT_FALSE(std::filesystem::exists(file));
  EXPECT_FALSE(std::filesystem::exists(file + "-wal"));
  EXPECT_TRUE(std::filesystem::exists(db_)) << "the main file is never deleted";
  EXPECT_EQ(DeleteSearch(db_, "default").code(), ErrorCode::kForbidden);
}

TEST_F(AccountsTest, APracticeFileAndALedgerFileAreNeverMistakenForEachOther) {
  ASSERT_TRUE(OpenStore(db_).ok());  // keel.db, a ledger
  Result<std::unique_ptr<Store>> as_ledger = OpenStore(SqlitePracticePath(db_));
  ASSERT_FALSE(as_ledger.ok());
  EXPECT_NE(as_ledger.message().find("not a keel one"), std::string::npos) << as_ledger.message();
  const std::string other = (dir_ / "other.db").string();
  ASSERT_TRUE(OpenStore(other).ok());
  std::filesystem::rename(other, (dir_ / "other.practice.db"));
  Result<std::unique_ptr<Practice>> as_practice = OpenPractice(other);
  ASSERT_FALSE(as_practice.ok());
  EXPECT_NE(as_practice.message().find("not a keel practice one"), std::string::npos)
      << as_practice.message();
}

}  // namespace
}  // namespace keel
