// The transaction guard: every exit from a write ends its transaction, so no failure can leave the
// database locked for other connections (keel serve's workers, the CLI next to it).
#include "app/transaction.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include "store/sqlite_store.h"

namespace keel {
namespace {

class TransactionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("keel_transaction_test_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    const std::string path = (dir_ / "keel.db").string();
    Result<std::unique_ptr<SqliteStore>> a = SqliteStore::Open(path);
    ASSERT_TRUE(a.ok()) << a.message();
    a_ = std::move(a).value();
    Result<std::unique_ptr<SqliteStore>> b = SqliteStore::Open(path);
    ASSERT_TRUE(b.ok()) << b.message();
    b_ = std::move(b).value();
  }
  void TearDown() override {
    a_.reset();
    b_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Another connection can take the write lock without waiting out the 2 s busy timeout: nobody
  // holds it. (Not a speed check: only "at once" against "after the timeout".)
  void ExpectUnlocked() {
    const auto start = std::chrono::steady_clock::now();
    Status begun = b_->BeginWrite("probe");
    EXPECT_TRUE(begun.ok()) << begun.message();
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(1500));
    b_->Rollback();
  }

  std::filesystem::path dir_;
  std::unique_ptr<SqliteStore> a_;
  std::unique_ptr<SqliteStore> b_;
};

TEST_F(TransactionTest, BodyThatThrowsRollsBackAndReleasesTheLock) {
  EXPECT_THROW(InTransaction<int>(*a_, "add Acme",
                                  [&]() -> Result<int> {
                                    EXPECT_TRUE(a_->AddOrganization("Acme").ok());
                                    throw std::runtime_error("the journal refused a value");
                                  }),
               std::runtime_error);
  ExpectUnlocked();
  EXPECT_FALSE(b_->FindOrganization("Acme").value().has_value()) << "nothing was committed";
  // The same connection writes again, as a server worker's reused connection must.
  Result<int> again = InTransaction<int>(*a_, "add Globex", [&]() -> Result<int> {
    KEEL_RETURN_IF_ERROR(a_->AddOrganization("Globex"));
    return 1;
  });
  ASSERT_TRUE(again.ok()) << again.message();
  EXPECT_TRUE(b_->FindOrganization("Globex").value().has_value());
}

TEST_F(TransactionTest, BodyThatFailsRollsBackWithItsError) {
  Result<int> failed = InTransaction<int>(*a_, "add Acme", [&]() -> Result<int> {
    KEEL_RETURN_IF_ERROR(a_->AddOrganization("Acme"));
    return Error{"no such thing", ErrorCode::kNotFound, "id"};
  });
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.code(), ErrorCode::kNotFound);
  EXPECT_EQ(failed.field(), "id");
  ExpectUnlocked();
  EXPECT_FALSE(b_->FindOrganization("Acme").value().has_value());
}

TEST_F(TransactionTest, GuardLeftWithoutCommitRollsBack) {
  {
    Transaction transaction(*a_);
    ASSERT_TRUE(transaction.BeginWrite("add Acme").ok());
    ASSERT_TRUE(a_->AddOrganization("Acme").ok());
  }
  ExpectUnlocked();
  EXPECT_FALSE(b_->FindOrganization("Acme").value().has_value());
  {
    Transaction read(*a_);
    ASSERT_TRUE(read.BeginRead().ok());
  }
  ExpectUnlocked();
}

TEST_F(TransactionTest, DryRunTakesTheWorkBack) {
  Transaction transaction(*a_);
  ASSERT_TRUE(transaction.BeginWrite("add Acme").ok());
  ASSERT_TRUE(a_->AddOrganization("Acme").ok());
  EXPECT_TRUE(CommitUnlessDryRun(transaction, Result<int>(1), /*dry_run=*/true).ok());
  ExpectUnlocked();
  EXPECT_FALSE(b_->FindOrganization("Acme").value().has_value());
}

TEST_F(TransactionTest, LockedDatabaseIsABusyError) {
  ASSERT_TRUE(b_->BeginWrite("hold the lock").ok());
  Result<int> blocked = InTransaction<int>(*a_, "add Acme", [&]() -> Result<int> { return 1; });
  b_->Rollback();
  ASSERT_FALSE(blocked.ok());
  EXPECT_EQ(blocked.code(), ErrorCode::kBusy) << blocked.message();
  // and the failed BEGIN left nothing behind
  Result<int> later = InTransaction<int>(*a_, "add Acme", [&]() -> Result<int> {
    KEEL_RETURN_IF_ERROR(a_->AddOrganization("Acme"));
    return 1;
  });
  EXPECT_TRUE(later.ok()) << later.message();
}

}  // namespace
}  // namespace keel
