// Undo is exact: whatever a change did, UndoLast puts back precisely what a person could see
// before it. Part of the Store contract (backends are instantiated in store_contract_test.cc).
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "store/store.h"
#include "store_contract.h"

namespace keel {
namespace {

// Applies one random write to the store, inside the caller's transaction. Every operation
// writes at least one row, so it is always a change that undo can take back.
class RandomWriter {
 public:
  explicit RandomWriter(uint32_t seed) : rng_(seed) {}

  void Apply(Store& s) {
    const std::vector<Ask> asks = s.ListAsks().value();
    const int op = asks.empty() ? 0 : Pick(8);
    switch (op) {
      case 0:
        AddAsk(s);
        break;
      case 1:
        AddOrganization(s);
        break;
      case 2:
        AddContact(s);
        break;
      case 3:
        UpdateAsk(s, Choose(asks).id);
        break;
      case 4:
        SetMaterials(s, Choose(asks).id, /*at_least_one=*/true);
        break;
      case 5:
        ASSERT_TRUE(s.DeleteAsk(Choose(asks).id).ok());
        break;
      case 6:
        AddEarlierAnswer(s, Choose(asks));
        break;
      default: {
        const Ask& ask = Choose(asks);
        ASSERT_TRUE(s.AddFollowUp(ask.id, ask.asked_on + Pick(30), "nudge").ok());
      }
    }
  }

 private:
  int Pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  const Ask& Choose(const std::vector<Ask>& asks) {
    return asks[static_cast<size_t>(Pick(static_cast<int>(asks.size())))];
  }

  Id AnyOrganization(Store& s) {
    const std::vector<Named> orgs = s.Organizations().value();
    if (orgs.empty() || Pick(3) == 0) return AddOrganization(s);
    return orgs[static_cast<size_t>(Pick(static_cast<int>(orgs.size())))].id;
  }
  Id AddOrganization(Store& s) {
    return s.AddOrganization(fmt::format("Org {}", ++names_)).value();
  }
  Id AddContact(Store& s) {
    return s.AddContact(fmt::format("Person {}", ++names_), Pick(2) ? AnyOrganization(s) : 0)
        .value();
  }

  AskRecord RandomRecord(Store& s) {
    AskRecord r;
    r.asked_on = Day("2026-01-01") + Pick(300);
    r.org_id = AnyOrganization(s);
    if (Pick(2)) r.contact_id = AddContact(s);
    if (Pick(2))
      r.opportunity_id = s.EnsureOpportunity(r.org_id, Pick(2) ? "Analyst" : "Lead").value();
    r.kind = static_cast<Kind>(Pick(static_cast<int>(kKindNames.size())));
    r.channel = static_cast<Channel>(Pick(static_cast<int>(kChannelNames.size())));
    r.outcome = static_cast<Outcome>(Pick(static_cast<int>(kOutcomeNames.size())));
    if (IsReply(r.outcome)) r.replied_on = r.asked_on + Pick(40);
    if (r.outcome == Outcome::kNotYet && Pick(2)) r.until = r.asked_on + 60;
    r.reason = Pick(2) ? "" : "budget, \"freeze\"\nuntil Q3";
    r.note = fmt::format("note {}", Pick(1000));
    return r;
  }

  void AddEarlierAnswer(Store& s, const Ask& ask) {
    AnswerRecord answer;
    answer.outcome = Pick(2) ? Outcome::kNotYet : Outcome::kNo;
    if (Pick(4)) answer.replied_on = ask.asked_on + Pick(20);
    if (answer.outcome == Outcome::kNotYet && Pick(2)) answer.until = ask.asked_on + 30;
    answer.reason = Pick(2) ? "" : "busy until \"Q3\"";
    if (!answer.reason.empty() && Pick(2)) answer.reason_theme = "busy";
    ASSERT_TRUE(s.AddEarlierAnswer(ask.id, answer).ok());
  }

  void AddAsk(Store& s) {
    const Id id = s.AddAsk(RandomRecord(s)).value();
    if (Pick(2)) SetMaterials(s, id, /*at_least_one=*/false);
  }
  void UpdateAsk(Store& s, Id id) { ASSERT_TRUE(s.UpdateAsk(id, RandomRecord(s)).ok()); }
  // With at_least_one, the change always writes (setting no materials on an ask without any
  // would change nothing, and there would be no change to undo).
  void SetMaterials(Store& s, Id id, bool at_least_one) {
    std::vector<Id> versions;
    for (const char* name : {"resume", "pitch", "cover-letter"}) {
      if (Pick(2)) {
        versions.push_back(
            s.EnsureMaterialVersion({name, fmt::format("v{}", 1 + Pick(3))}).value());
      }
    }
    if (versions.empty() && at_least_one) {
      versions.push_back(s.EnsureMaterialVersion({"resume", "v1"}).value());
    }
    ASSERT_TRUE(s.SetAskMaterials(id, versions).ok());
  }

  std::mt19937 rng_;
  int names_ = 0;
};

TEST_P(StoreContractTest, UndoWithNothingToUndoReturnsNullopt) {
  const Result<std::optional<UndoneChange>> undone = store_->UndoLast();
  ASSERT_TRUE(undone.ok()) << undone.message();
  EXPECT_FALSE(undone->has_value());
}

TEST_P(StoreContractTest, UndoReportsTheChangeItReverted) {
  Write([&](Store&) { AddOrg("Acme"); }, "add Acme");
  const Result<std::optional<UndoneChange>> undone = store_->UndoLast();
  ASSERT_TRUE(undone.ok()) << undone.message();
  ASSERT_TRUE(undone->has_value());
  EXPECT_EQ((*undone)->summary, "add Acme");
  EXPECT_FALSE((*undone)->made_at.empty());
  EXPECT_TRUE(store_->Organizations()->empty());
  EXPECT_FALSE(store_->UndoLast()->has_value());  // an undo is not itself undoable
}

// An organization's id never comes back once given, even after the organization is undone (or
// the one with the largest id deleted): a journal or a page that remembers the id cannot meet a
// different organization under it. On PostgreSQL the mark is raised when a row goes (schema 9).
TEST_P(StoreContractTest, AnIdUndoneIsNeverGivenAgain) {
  Write([&](Store&) { AddOrg("Acme"); }, "add Acme");
  Write([&](Store&) { AddOrg("Globex"); }, "add Globex");
  const Id globex = store_->Organizations()->back().id;
  ASSERT_TRUE(store_->UndoLast().ok());
  Write([&](Store&) { AddOrg("Initech"); }, "add Initech");
  const Id initech = store_->Organizations()->back().id;
  EXPECT_GT(initech, globex);
  // Several in one change, as an import adds them: numbered one after another.
  Write(
      [&](Store&) {
        AddOrg("Hooli");
        AddOrg("Umbrella");
      },
      "add two");
  const std::vector<Named> orgs = store_->Organizations().value();
  ASSERT_EQ(orgs.size(), 4U);
  EXPECT_EQ(orgs[2].id, initech + 1);
  EXPECT_EQ(orgs[3].id, initech + 2);
}

TEST_P(StoreContractTest, EachChangeRecordsWhoMadeIt) {
  Write([&](Store&) { AddOrg("Acme"); }, "add Acme");  // the seeker at their own keel
  store_->SetActor("coach@practice.example");
  Write([&](Store&) { AddOrg("Globex"); }, "add Globex");
  Result<std::optional<UndoneChange>> last = store_->LastChange();
  ASSERT_TRUE(last.ok() && last->has_value()) << last.message();
  EXPECT_EQ((*last)->made_by, "coach@practice.example");
  ASSERT_TRUE(store_->UndoLast().ok());
  store_->SetActor("");
  last = store_->LastChange();
  ASSERT_TRUE(last.ok() && last->has_value()) << last.message();
  EXPECT_EQ((*last)->summary, "add Acme");
  EXPECT_EQ((*last)->made_by, "");
}

TEST_P(StoreContractTest, RolledBackTransactionLeavesNoJournalEntry) {
  Write([&](Store&) { AddOrg("Kept"); }, "add Kept");
  ASSERT_TRUE(store_->BeginWrite("abandoned").ok());
  AddOrg("Abandoned");
  store_->Rollback();
  EXPECT_EQ(store_->Organizations()->size(), 1u);
  const Result<std::optional<UndoneChange>> undone = store_->UndoLast();
  ASSERT_TRUE(undone.ok()) << undone.message();
  ASSERT_TRUE(undone->has_value());
  EXPECT_EQ((*undone)->summary, "add Kept");
  EXPECT_FALSE(store_->UndoLast()->has_value());
}

TEST_P(StoreContractTest, TransactionThatChangedNothingIsNotAChange) {
  Write([&](Store&) { AddOrg("Acme"); }, "add Acme");
  Write([&](Store& s) { EXPECT_EQ(s.ListAsks()->size(), 0u); }, "read only");
  const Result<std::optional<UndoneChange>> undone = store_->UndoLast();
  ASSERT_TRUE(undone.ok());
  ASSERT_TRUE(undone->has_value());
  EXPECT_EQ((*undone)->summary, "add Acme");
}

TEST_P(StoreContractTest, RandomChangesAreEachUndoneExactly) {
  for (uint32_t seed : {1u, 2u, 3u}) {
    SCOPED_TRACE(::testing::Message() << "seed " << seed);
    store_ = GetParam().open();
    RandomWriter writer(seed);
    std::vector<std::string> before;  // the dump before each change still in effect
    for (int step = 0; step < 60; ++step) {
      SCOPED_TRACE(::testing::Message() << "step " << step);
      const std::string snapshot = Dump(*store_);
      // Apply a change, undo it, check, then apply the same change again and keep it.
      RandomWriter replay = writer;
      Write([&](Store& s) { writer.Apply(s); }, fmt::format("step {}", step));
      const Result<std::optional<UndoneChange>> undone = store_->UndoLast();
      ASSERT_TRUE(undone.ok()) << undone.message();
      ASSERT_TRUE(undone->has_value());
      EXPECT_EQ((*undone)->summary, fmt::format("step {}", step));
      ASSERT_EQ(Dump(*store_), snapshot);
      ExpectTalliesMatchAsks();
      Write([&](Store& s) { replay.Apply(s); }, fmt::format("step {}", step));
      ExpectTalliesMatchAsks();
      writer = replay;
      before.push_back(snapshot);
    }
    // Then every kept change, newest first, back to the empty ledger.
    while (!before.empty()) {
      const Result<std::optional<UndoneChange>> undone = store_->UndoLast();
      ASSERT_TRUE(undone.ok()) << undone.message();
      ASSERT_TRUE(undone->has_value());
      ASSERT_EQ(Dump(*store_), before.back()) << "undoing " << (*undone)->summary;
      ExpectTalliesMatchAsks();
      before.pop_back();
    }
    EXPECT_EQ(Dump(*store_), "");
    EXPECT_FALSE(store_->UndoLast()->has_value());
  }
}

TEST_P(StoreContractTest, SeveralChangesUndoInReverseOrderBackToEmpty) {
  std::vector<std::string> before;
  Id ask = 0;
  before.push_back(Dump(*store_));
  Write([&](Store& s) {
    AskRecord r = Record(AddOrg("Acme"), "2026-11-02");
    r.contact_id = s.AddContact("Dana", r.org_id).value();
    ask = s.AddAsk(r).value();
  });
  before.push_back(Dump(*store_));
  Write([&](Store& s) { ASSERT_TRUE(s.AddFollowUp(ask, Day("2026-11-09"), "").ok()); });
  before.push_back(Dump(*store_));
  Write([&](Store& s) {
    ASSERT_TRUE(s.SetAskMaterials(ask, {s.EnsureMaterialVersion({"cv", "v1"}).value()}).ok());
  });
  before.push_back(Dump(*store_));
  Write([&](Store& s) {
    ASSERT_TRUE(s.UpdateAsk(ask, Record(AddOrg("Globex"), "2026-11-03", Outcome::kNo)).ok());
  });
  before.push_back(Dump(*store_));
  Write([&](Store& s) { ASSERT_TRUE(s.DeleteAsk(ask).ok()); });
  ASSERT_EQ(store_->ListAsks()->size(), 0u);
  while (!before.empty()) {
    const Result<std::optional<UndoneChange>> undone = store_->UndoLast();
    ASSERT_TRUE(undone.ok()) << undone.message();
    ASSERT_TRUE(undone->has_value());
    EXPECT_EQ(Dump(*store_), before.back());
    before.pop_back();
  }
  EXPECT_EQ(Dump(*store_), "");
  EXPECT_FALSE(store_->UndoLast()->has_value());
}

// One change that adds an ask to an existing organization, then a new organization and an ask
// there: undo must remove the second ask before the organization it points to.
TEST_P(StoreContractTest, UndoOfInsertsReferencingAParentInsertedLaterInTheSameChange) {
  Id acme = 0;
  Write([&](Store& s) { acme = s.AddAsk(Record(AddOrg("Acme"), "2026-11-01")).value(); });
  const std::string snapshot = Dump(*store_);
  Write([&](Store& s) {
    s.AddAsk(Record(s.FindOrganization("Acme").value().value(), "2026-11-02")).value();
    const Id globex = AddOrg("Globex");
    s.AddAsk(Record(globex, "2026-11-03")).value();
    s.AddContact("Dana", globex).value();
  });
  const Result<std::optional<UndoneChange>> undone = store_->UndoLast();
  ASSERT_TRUE(undone.ok()) << undone.message();
  EXPECT_EQ(Dump(*store_), snapshot);
}

// The same with materials: a new version of a known material, then a new material and its
// version. Undo must remove the second version before the material it belongs to.
TEST_P(StoreContractTest, UndoOfANewVersionOfAKnownMaterialAndANewMaterial) {
  Id ask = 0;
  Write([&](Store& s) {
    ask = s.AddAsk(Record(AddOrg("Acme"), "2026-11-01")).value();
    ASSERT_TRUE(s.SetAskMaterials(ask, {s.EnsureMaterialVersion({"resume", "v1"}).value()}).ok());
  });
  const std::string snapshot = Dump(*store_);
  Write([&](Store& s) {
    const Id resume2 = s.EnsureMaterialVersion({"resume", "v2"}).value();
    const Id pitch1 = s.EnsureMaterialVersion({"pitch", "v1"}).value();
    const Id ask2 =
        s.AddAsk(Record(s.FindOrganization("Acme").value().value(), "2026-11-02")).value();
    ASSERT_TRUE(s.SetAskMaterials(ask2, {resume2, pitch1}).ok());
  });
  const Result<std::optional<UndoneChange>> undone = store_->UndoLast();
  ASSERT_TRUE(undone.ok()) << undone.message();
  EXPECT_EQ(Dump(*store_), snapshot);
}

}  // namespace
}  // namespace keel
