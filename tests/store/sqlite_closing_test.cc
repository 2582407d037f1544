// The store's part of closing a search: one closing per search, and both writes journaled.
#include <gtest/gtest.h>

#include <memory>

#include "store/sqlite_store.h"
#include "support/dates.h"

namespace keel {
namespace {

class SqliteClosingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = SqliteStore::Open(":memory:").value();
    ASSERT_TRUE(store_->BeginWrite("ask").ok());
    const Id org = store_->AddOrganization("Acme").value();
    AskRecord ask;
    ask.asked_on = Day("2026-11-10");
    ask.org_id = org;
    ask.kind = Kind::kOffer;
    ask.outcome = Outcome::kYes;
    ask.replied_on = Day("2026-11-18");
    ask_ = store_->AddAsk(ask).value();
    ASSERT_TRUE(store_->Commit().ok());
  }

  std::optional<SearchClosing> Closing() { return store_->Closing().value(); }

  std::unique_ptr<SqliteStore> store_;
  Id ask_ = 0;
};

TEST_F(SqliteClosingTest, OneClosingPerSearchAndUndoRevertsEachWrite) {
  EXPECT_FALSE(Closing().has_value());
  ASSERT_TRUE(store_->BeginWrite("close").ok());
  ASSERT_TRUE(store_->CloseSearch(SearchClosing{ask_, Day("2026-11-20")}).ok());
  ASSERT_TRUE(store_->Commit().ok());
  ASSERT_TRUE(Closing().has_value());
  EXPECT_EQ(Closing()->ask_id, ask_);
  EXPECT_EQ(Closing()->closed_on, Day("2026-11-20"));

  ASSERT_TRUE(store_->BeginWrite("close again").ok());
  EXPECT_FALSE(store_->CloseSearch(SearchClosing{ask_, Day("2026-11-21")}).ok());  // UNIQUE
  store_->Rollback();

  ASSERT_TRUE(store_->BeginWrite("reopen").ok());
  ASSERT_TRUE(store_->ReopenSearch().ok());
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_FALSE(Closing().has_value());

  ASSERT_TRUE(store_->UndoLast().value().has_value());  // the reopening
  ASSERT_TRUE(Closing().has_value());
  EXPECT_EQ(Closing()->closed_on, Day("2026-11-20"));
  ASSERT_TRUE(store_->UndoLast().value().has_value());  // the closing
  EXPECT_FALSE(Closing().has_value());
}

// The closing's ask is protected by a foreign key without ON DELETE (the app refuses first).
TEST_F(SqliteClosingTest, TheClosingsAskCannotBeDeletedUnderIt) {
  ASSERT_TRUE(store_->BeginWrite("close").ok());
  ASSERT_TRUE(store_->CloseSearch(SearchClosing{ask_, Day("2026-11-20")}).ok());
  ASSERT_TRUE(store_->Commit().ok());
  ASSERT_TRUE(store_->BeginWrite("delete").ok());
  EXPECT_FALSE(store_->DeleteAsk(ask_).ok());
  store_->Rollback();
  EXPECT_TRUE(store_->GetAsk(ask_).value().has_value());
}

}  // namespace
}  // namespace keel
