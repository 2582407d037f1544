#include "app/focus_guard.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "app/ledger.h"
#include "app/strategy_ledger.h"
#include "store/sqlite_store.h"
#include "support/dates.h"

namespace keel {
namespace {

// The deal-breaker guard on edits: EditAsk refuses an edit that makes the ask break a rule, as
// LogAsk does, and keeps a pivot when --despite says why.
class EditGuardTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(":memory:");
    ASSERT_TRUE(store.ok()) << store.message();
    store_ = std::move(store).value();
    StrategyEdit rules;
    rules.add_deal_breakers = {{"role", "sales"}, {"location", "relocation"}};
    rules.salary_floor = 90000;
    ASSERT_TRUE(EditStrategy(*store_, rules, Day("2026-10-02"), today_).ok());
    AskInput input;
    input.org = "Acme";
    input.kind = Kind::kApplication;
    input.role = "Data Engineer";
    input.asked_on = Day("2026-11-20");
    Result<LedgerChange> logged = LogAsk(*store_, input, today_);
    ASSERT_TRUE(logged.ok()) << logged.message();
    id_ = logged->ask.id;
  }

  Result<LedgerChange> Edit(const AskEdit& edit) { return EditAsk(*store_, id_, edit, today_); }

  size_t Pivots() { return store_->ListPivots().value().size(); }

  const Date today_ = Day("2026-11-26");
  std::unique_ptr<SqliteStore> store_;
  Id id_ = 0;
};

TEST_F(EditGuardTest, EditIntoARuledOutRoleIsRefusedWithAsksWords) {
  AskEdit edit;
  edit.role = "Inside Sales Rep";
  const Result<LedgerChange> refused = Edit(edit);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.message(),
            "On 2026-10-02 you ruled out role 'sales'; to go ahead anyway, add a reason \"why\" "
            "(kept as a pivot)");
  EXPECT_EQ(refused.code(), ErrorCode::kConflict);
  EXPECT_EQ(refused.field(), "despite");
  EXPECT_EQ(store_->GetAsk(id_).value()->role, "Data Engineer");
  EXPECT_EQ(Pivots(), 0u);
}

TEST_F(EditGuardTest, EveryFieldTheRulesLookAtIsGuarded) {
  AskEdit location;
  location.location = "relocation to Austin";
  EXPECT_FALSE(Edit(location).ok());
  AskEdit note;
  note.note = "requires relocation";
  EXPECT_FALSE(Edit(note).ok());
  AskEdit salary;
  salary.salary = 75000;
  EXPECT_FALSE(Edit(salary).ok());
  AskEdit fine;
  fine.salary = 95000;
  fine.location = "Berlin";
  EXPECT_TRUE(Edit(fine).ok());
}

TEST_F(EditGuardTest, DespiteGoesAheadAndKeepsAPivotOnTheAsksDate) {
  AskEdit edit;
  edit.salary = 80000;
  edit.despite = "  equity   makes up for it ";
  const Result<LedgerChange> done = Edit(edit);
  ASSERT_TRUE(done.ok()) << done.message();
  EXPECT_EQ(done->ask.facets.salary, 80000);
  ASSERT_EQ(done->notices.size(), 1u);
  EXPECT_EQ(done->notices[0], "recorded as a pivot: equity makes up for it");
  const std::vector<Pivot> pivots = store_->ListPivots().value();
  ASSERT_EQ(pivots.size(), 1u);
  EXPECT_EQ(pivots[0].ask_id, id_);
  EXPECT_EQ(pivots[0].on, Day("2026-11-20"));
  EXPECT_EQ(pivots[0].rule, "On 2026-10-02 you set a salary floor of 90000; this role pays 80000");
  EXPECT_EQ(pivots[0].why, "equity makes up for it");
  // One undo takes back the edit and its pivot.
  ASSERT_TRUE(Undo(*store_).ok());
  EXPECT_EQ(Pivots(), 0u);
  EXPECT_FALSE(store_->GetAsk(id_).value()->facets.salary.has_value());
}

TEST_F(EditGuardTest, ARuleTheAskAlreadyBrokeIsNotAskedAgain) {
  AskEdit below;
  below.salary = 80000;
  below.despite = "equity";
  ASSERT_TRUE(Edit(below).ok());
  AskEdit note;
  note.note = "second round";
  EXPECT_TRUE(Edit(note).ok());
  AskEdit lower;
  lower.salary = 70000;  // still the same rule
  EXPECT_TRUE(Edit(lower).ok());
  AskEdit role;
  role.role = "Sales Engineer";  // a rule it did not break
  EXPECT_FALSE(Edit(role).ok());
  EXPECT_EQ(Pivots(), 1u);
}

TEST_F(EditGuardTest, DespiteWithoutANewBreakIsNotedAndEmptyDespiteRefused) {
  AskEdit edit;
  edit.note = "nice team";
  edit.despite = "just in case";
  const Result<LedgerChange> done = Edit(edit);
  ASSERT_TRUE(done.ok());
  ASSERT_EQ(done->notices.size(), 1u);
  EXPECT_EQ(done->notices[0],
            "the reason to go ahead anyway was not needed: this edit breaks none of your "
            "deal-breakers anew");
  EXPECT_EQ(Pivots(), 0u);
  AskEdit empty;
  empty.salary = 1;
  empty.despite = " ";
  const Result<LedgerChange> refused = Edit(empty);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.message(), "this needs the reason you go ahead anyway, in a few words");
  EXPECT_EQ(refused.field(), "despite");
}

TEST(CheckFocusEditTest, WithoutAStrategyNothingIsRefused) {
  std::unique_ptr<SqliteStore> store = SqliteStore::Open(":memory:").value();
  Ask before;
  Ask after;
  after.role = "Sales";
  const Result<std::optional<std::string>> hit = CheckFocusEdit(*store, before, after, {});
  ASSERT_TRUE(hit.ok());
  EXPECT_FALSE(hit->has_value());
}

}  // namespace
}  // namespace keel
