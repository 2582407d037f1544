#include "app/import_duplicates.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "store/sqlite_store.h"

namespace keel {
namespace {

using Fate = DuplicateCheck::Fate;

class DuplicateCheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = SqliteStore::Open(":memory:").value();
    ASSERT_TRUE(store_->BeginWrite("test").ok());
    const Id org = store_->AddOrganization("Acme").value();
    AskRecord a;
    a.asked_on = ParseIsoDate("2026-10-01").value();
    a.org_id = org;
    a.kind = Kind::kApplication;
    a.outcome = Outcome::kNo;
    a.replied_on = ParseIsoDate("2026-10-05");
    a.reason = "not compared";
    ASSERT_TRUE(store_->AddAsk(a).ok());
    ASSERT_TRUE(store_->AddAsk(a).ok());  // the ledger holds two identical asks
    ASSERT_TRUE(check_.Load(*store_).ok());
  }
  void TearDown() override { store_->Rollback(); }

  std::unique_ptr<SqliteStore> store_;
  DuplicateCheck check_;
};

TEST_F(DuplicateCheckTest, EachLedgerAskAnswersForOneRow) {
  const RowKey row{"2026-10-01", "ACME", "", "", "application", "other", "no", "2026-10-05"};
  EXPECT_EQ(check_.Check(row), Fate::kInLedger);  // names ignore case
  EXPECT_EQ(check_.Check(row), Fate::kInLedger);
  EXPECT_EQ(check_.Check(row), Fate::kNew);            // a third is new ...
  EXPECT_EQ(check_.Check(row), Fate::kRepeatsInFile);  // ... and a fourth repeats it
}

TEST_F(DuplicateCheckTest, AnotherAnswerOrAnotherAskIsTold) {
  EXPECT_EQ(check_.Check({"2026-10-01", "Acme", "", "", "application", "other", "yes", ""}),
            Fate::kAnswerDiffers);
  EXPECT_EQ(
      check_.Check({"2026-10-02", "Acme", "", "", "application", "other", "no", "2026-10-05"}),
      Fate::kNew);
  EXPECT_EQ(
      check_.Check({"2026-10-01", "Acme", "Dana", "", "application", "other", "no", "2026-10-05"}),
      Fate::kNew);
}

TEST_F(DuplicateCheckTest, RowsOfTheFileAreToldApartAcrossTheSetsGrowth) {
  // Enough rows for the set of the file's rows to double many times over.
  for (int pass = 0; pass < 2; ++pass) {
    for (int i = 0; i < 5000; ++i) {
      const std::string org = "Org " + std::to_string(i);
      EXPECT_EQ(check_.Check({"2026-10-03", org, "", "", "application", "other", "no", ""}),
                pass == 0 ? Fate::kNew : Fate::kRepeatsInFile)
          << org;
    }
  }
}

}  // namespace
}  // namespace keel
