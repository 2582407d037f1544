// An import indexes its asks' reasons and notes for `keel list --search` once, at its commit
// (SqliteStore::BeginBulkWrite drops the per-row trigger for the transaction): what it imported is
// found, a later ask is indexed as it is written, and a refused import leaves the trigger as it
// was.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "app/import.h"
#include "app/ledger.h"
#include "app/search.h"
#include "store/sqlite_store.h"
#include "support/dates.h"

namespace keel {
namespace {

class ImportSearchIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(":memory:");
    ASSERT_TRUE(store.ok()) << store.message();
    store_ = std::move(store).value();
    options_.file_name = "f.csv";
  }

  size_t Found(std::string_view words) {
    Result<SearchResults> found = SearchLedger(*store_, words);
    EXPECT_TRUE(found.ok()) << found.message();
    return found.ok() ? found->asks.size() : 0;
  }

  void Ask(const std::string& org, const std::string& reason_note) {
    AskInput input;
    input.org = org;
    input.kind = Kind::kChat;
    input.asked_on = Day("2026-11-20");
    input.note = reason_note;
    input.new_org = true;
    Result<LedgerChange> logged = LogAsk(*store_, input, Day("2026-11-26"));
    ASSERT_TRUE(logged.ok()) << logged.message();
  }

  const Date today_ = Day("2026-11-26");
  ImportOptions options_;
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(ImportSearchIndexTest, ImportedTextIsFoundAndLaterAsksAreIndexedAsWritten) {
  Ask("Before", "kubernetes before the import");
  Result<ImportReport> imported = ImportCsv(*store_,
                                            "asked_on,org,kind,channel,outcome,reason,note\n"
                                            "2026-11-01,Acme,chat,linkedin,no,budget freeze,\n"
                                            "2026-11-02,Globex,chat,linkedin,no,,kubernetes team\n"
                                            "2026-11-03,Initech,chat,linkedin,no,budget cut,\n",
                                            options_, today_);
  ASSERT_TRUE(imported.ok()) << imported.message();
  EXPECT_EQ(Found("budget"), 2U);
  EXPECT_EQ(Found("kubernetes"), 2U);
  Ask("After", "kubernetes after the import");
  EXPECT_EQ(Found("kubernetes"), 3U);
}

TEST_F(ImportSearchIndexTest, ARefusedImportLeavesTheIndexAndItsTriggerAsTheyWere) {
  Result<ImportReport> refused = ImportCsv(*store_,
                                           "asked_on,org,kind,channel,outcome,reason\n"
                                           "2026-11-01,Acme,chat,linkedin,no,budget freeze\n"
                                           "not a date,Globex,chat,linkedin,no,budget\n",
                                           options_, today_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(Found("budget"), 0U);
  Ask("After", "budget after the refused import");
  EXPECT_EQ(Found("budget"), 1U);
}

}  // namespace
}  // namespace keel
