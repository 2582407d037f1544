// The contract every Store backend must keep; the tests never look behind the interface. Each
// backend instantiates them in its own file: tests/store/sqlite_backend_test.cc (in keel_tests)
// and tests/pg/pg_backend_test.cc (in keel_pg_tests, against the private PostgreSQL server).
#include "store_contract.h"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"

namespace keel {
namespace {

TEST_P(StoreContractTest, NewStoreIsEmpty) {
  EXPECT_TRUE(store_->Organizations()->empty());
  EXPECT_TRUE(store_->Contacts()->empty());
  EXPECT_TRUE(store_->ListAsks()->empty());
  EXPECT_FALSE(store_->GetAsk(1).value().has_value());
  EXPECT_FALSE(store_->GetAskRecord(1).value().has_value());
}

TEST_P(StoreContractTest, OrganizationsAndContactsAreFoundIgnoringCase) {
  Write([&](Store& s) {
    const Id acme = AddOrg("Acme");
    const Id globex = AddOrg("Globex");
    EXPECT_NE(acme, globex);
    EXPECT_EQ(s.FindOrganization("ACME").value(), acme);
    EXPECT_EQ(s.FindOrganization("globex").value(), globex);
    EXPECT_FALSE(s.FindOrganization("Initech").value().has_value());
    const Id dana = s.AddContact("Dana Scully", acme).value();
    const Id free_agent = s.AddContact("Fox Mulder", 0).value();
    EXPECT_EQ(s.FindContact("dana scully").value(), dana);
    EXPECT_EQ(s.FindContact("FOX MULDER").value(), free_agent);
    EXPECT_FALSE(s.FindContact("Walter").value().has_value());
  });
  const std::vector<Named> orgs = store_->Organizations().value();
  ASSERT_EQ(orgs.size(), 2u);
  EXPECT_EQ(orgs[0].name, "Acme");
  EXPECT_EQ(orgs[1].name, "Globex");
  ASSERT_EQ(store_->Contacts()->size(), 2u);
}

TEST_P(StoreContractTest, DuplicateOrganizationNameIsRefused) {
  ASSERT_TRUE(store_->BeginWrite("dup").ok());
  ASSERT_TRUE(store_->AddOrganization("Acme").ok());
  EXPECT_FALSE(store_->AddOrganization("ACME").ok());
  store_->Rollback();
}

TEST_P(StoreContractTest, AddGetAndListAsks) {
  Id late = 0, early = 0, same_day = 0;
  Write([&](Store& s) {
    const Id org = AddOrg("Globex");
    AskRecord record = Record(org, "2026-11-02", Outcome::kNo);
    record.contact_id = s.AddContact("Dana", org).value();
    record.opportunity_id = s.EnsureOpportunity(org, "Data Analyst").value();
    record.reason = "went with an internal candidate";
    record.note = "second try";
    late = s.AddAsk(record).value();
    early = s.AddAsk(Record(org, "2026-10-01")).value();
    same_day = s.AddAsk(Record(org, "2026-11-02")).value();
  });
  const std::optional<Ask> ask = store_->GetAsk(late).value();
  ASSERT_TRUE(ask.has_value());
  EXPECT_EQ(ask->id, late);
  EXPECT_EQ(ask->asked_on.ToIso(), "2026-11-02");
  EXPECT_EQ(ask->org, "Globex");
  EXPECT_EQ(ask->person, "Dana");
  EXPECT_EQ(ask->role, "Data Analyst");
  EXPECT_EQ(ask->kind, Kind::kApplication);
  EXPECT_EQ(ask->channel, Channel::kJobBoard);
  EXPECT_EQ(ask->outcome, Outcome::kNo);
  EXPECT_EQ(OptionalIso(ask->replied_on), "2026-11-05");
  EXPECT_FALSE(ask->until.has_value());
  EXPECT_EQ(ask->reason, "went with an internal candidate");
  EXPECT_EQ(ask->note, "second try");
  const std::optional<AskRecord> record = store_->GetAskRecord(late).value();
  ASSERT_TRUE(record.has_value());
  EXPECT_NE(record->contact_id, 0);
  EXPECT_NE(record->opportunity_id, 0);

  const std::optional<Ask> bare = store_->GetAsk(early).value();
  ASSERT_TRUE(bare.has_value());
  EXPECT_EQ(bare->person, "");
  EXPECT_EQ(bare->role, "");
  EXPECT_EQ(store_->GetAskRecord(early).value()->contact_id, 0);

  std::vector<Id> order;
  const std::vector<Ask> asks = store_->ListAsks().value();
  for (const Ask& a : asks) order.push_back(a.id);
  EXPECT_EQ(order, (std::vector<Id>{early, late, same_day}));  // by asked_on, then id
}

TEST_P(StoreContractTest, EnsureOpportunityReusesTheRolePerOrganization) {
  Write([&](Store& s) {
    const Id acme = AddOrg("Acme");
    const Id globex = AddOrg("Globex");
    const Id role = s.EnsureOpportunity(acme, "Data Analyst").value();
    EXPECT_EQ(s.EnsureOpportunity(acme, "data analyst").value(), role);
    EXPECT_NE(s.EnsureOpportunity(globex, "Data Analyst").value(), role);
  });
}

TEST_P(StoreContractTest, UpdateAskOverwritesEveryField) {
  Id id = 0;
  Write([&](Store& s) { id = s.AddAsk(Record(AddOrg("Acme"), "2026-11-02")).value(); });
  Write([&](Store& s) {
    AskRecord r = Record(AddOrg("Globex"), "2026-11-03", Outcome::kNotYet);
    r.kind = Kind::kChat;
    r.channel = Channel::kLinkedin;
    r.until = Day("2027-01-15");
    r.reason = "hiring freeze";
    r.note = "ask again in January";
    ASSERT_TRUE(s.UpdateAsk(id, r).ok());
  });
  const Ask ask = store_->GetAsk(id).value().value();
  EXPECT_EQ(ask.org, "Globex");
  EXPECT_EQ(ask.asked_on.ToIso(), "2026-11-03");
  EXPECT_EQ(ask.kind, Kind::kChat);
  EXPECT_EQ(ask.channel, Channel::kLinkedin);
  EXPECT_EQ(ask.outcome, Outcome::kNotYet);
  EXPECT_EQ(OptionalIso(ask.replied_on), "2026-11-06");
  EXPECT_EQ(OptionalIso(ask.until), "2027-01-15");
  EXPECT_EQ(ask.reason, "hiring freeze");
  EXPECT_EQ(ask.note, "ask again in January");
}

TEST_P(StoreContractTest, RefusesAReplyBeforeTheAskAndAnUntilOutsideNotYet) {
  ASSERT_TRUE(store_->BeginWrite("bad").ok());
  AskRecord reply_first = Record(AddOrg("Acme"), "2026-11-02", Outcome::kNo);
  reply_first.replied_on = Day("2026-11-01");
  EXPECT_FALSE(store_->AddAsk(reply_first).ok());
  AskRecord until_on_yes = Record(reply_first.org_id, "2026-11-02", Outcome::kYes);
  until_on_yes.until = Day("2026-12-01");
  EXPECT_FALSE(store_->AddAsk(until_on_yes).ok());
  store_->Rollback();
}

TEST_P(StoreContractTest, MaterialsAreVersionedSortedAndReplaced) {
  Id id = 0;
  Write([&](Store& s) {
    const Id resume2 = s.EnsureMaterialVersion({"resume", "v2"}).value();
    EXPECT_EQ(s.EnsureMaterialVersion({"Resume", "V2"}).value(), resume2);
    const Id resume3 = s.EnsureMaterialVersion({"resume", "v3"}).value();
    EXPECT_NE(resume3, resume2);
    const Id pitch = s.EnsureMaterialVersion({"pitch", "v1"}).value();
    id = s.AddAsk(Record(AddOrg("Acme"), "2026-11-02")).value();
    ASSERT_TRUE(s.SetAskMaterials(id, {resume2, pitch}).ok());
  });
  EXPECT_EQ(store_->GetAsk(id).value()->materials,
            (std::vector<std::string>{"pitch@v1", "resume@v2"}));
  Write([&](Store& s) {
    const Id resume3 = s.EnsureMaterialVersion({"resume", "v3"}).value();
    ASSERT_TRUE(s.SetAskMaterials(id, {resume3}).ok());
  });
  EXPECT_EQ(store_->GetAsk(id).value()->materials, std::vector<std::string>{"resume@v3"});
  Write([&](Store& s) { ASSERT_TRUE(s.SetAskMaterials(id, {}).ok()); });
  EXPECT_TRUE(store_->GetAsk(id).value()->materials.empty());
}

TEST_P(StoreContractTest, FollowUpsAreListedOldestFirst) {
  Id id = 0;
  Write([&](Store& s) {
    id = s.AddAsk(Record(AddOrg("Acme"), "2026-11-02")).value();
    ASSERT_TRUE(s.AddFollowUp(id, Day("2026-11-20"), "second nudge").ok());
    ASSERT_TRUE(s.AddFollowUp(id, Day("2026-11-09"), "first nudge").ok());
  });
  const Ask ask = store_->GetAsk(id).value().value();
  ASSERT_EQ(ask.follow_ups.size(), 2u);
  EXPECT_EQ(ask.follow_ups[0].ToIso(), "2026-11-09");
  EXPECT_EQ(ask.follow_ups[1].ToIso(), "2026-11-20");
  EXPECT_EQ(store_->ListAsks()->size(), 1u);  // a follow-up is never a new ask
}

TEST_P(StoreContractTest, DeleteAskCascadesToFollowUpsAndMaterials) {
  Id doomed = 0, kept = 0;
  Write([&](Store& s) {
    const Id org = AddOrg("Acme");
    doomed = s.AddAsk(Record(org, "2026-11-02")).value();
    kept = s.AddAsk(Record(org, "2026-11-03")).value();
    ASSERT_TRUE(s.AddFollowUp(doomed, Day("2026-11-10"), "").ok());
    ASSERT_TRUE(s.AddFollowUp(kept, Day("2026-11-11"), "").ok());
    ASSERT_TRUE(s.SetAskMaterials(doomed, {s.EnsureMaterialVersion({"cv", "v1"}).value()}).ok());
  });
  Write([&](Store& s) { ASSERT_TRUE(s.DeleteAsk(doomed).ok()); });
  EXPECT_FALSE(store_->GetAsk(doomed).value().has_value());
  EXPECT_FALSE(store_->GetAskRecord(doomed).value().has_value());
  ASSERT_EQ(store_->ListAsks()->size(), 1u);
  EXPECT_EQ(store_->Summarize(Day("2026-11-26"), 21)->follow_ups, 1);
  EXPECT_EQ(store_->GetAsk(kept).value()->follow_ups.size(), 1u);
}

TEST_P(StoreContractTest, SummarizeCountsOutcomesWithTheSilenceHorizon) {
  const Date today = Day("2026-11-26");
  Write([&](Store& s) {
    const Id org = AddOrg("Acme");
    s.AddAsk(Record(org, "2026-11-26")).value();                    // pending, today
    s.AddAsk(Record(org, "2026-11-05")).value();                    // pending, exactly 21 days
    s.AddAsk(Record(org, "2026-11-04")).value();                    // 22 days: silent
    s.AddAsk(Record(org, "2026-10-01", Outcome::kSilent)).value();  // marked by hand
    s.AddAsk(Record(org, "2026-10-02", Outcome::kYes)).value();
    s.AddAsk(Record(org, "2026-10-03", Outcome::kNo)).value();
    const Id no = s.AddAsk(Record(org, "2026-01-01", Outcome::kNo)).value();
    AskRecord due = Record(org, "2026-10-29", Outcome::kNotYet);  // 28 days ago
    due.until = today;
    s.AddAsk(due).value();
    AskRecord later = Record(org, "2026-10-30", Outcome::kNotYet);  // 27 days ago
    later.until = today + 1;
    s.AddAsk(later).value();
    s.AddFollowUp(no, Day("2026-01-10"), "").value();
    s.AddFollowUp(no, Day("2026-01-20"), "").value();
  });
  const LedgerSummary sum = store_->Summarize(today, 21).value();
  EXPECT_EQ(sum.asks, 9);
  EXPECT_EQ(sum.pending, 2);
  EXPECT_EQ(sum.silent, 2);
  EXPECT_EQ(sum.yes, 1);
  EXPECT_EQ(sum.no, 2);
  EXPECT_EQ(sum.not_yet, 2);
  EXPECT_EQ(sum.not_yet_due, 1);
  EXPECT_EQ(sum.follow_ups, 2);
  EXPECT_EQ(sum.asks_last_28_days, 4);  // 11-26, 11-05, 11-04 and 10-30; not 10-29
  EXPECT_EQ(OptionalIso(sum.first_ask), "2026-01-01");
  EXPECT_EQ(OptionalIso(sum.last_ask), "2026-11-26");

  const LedgerSummary longer = store_->Summarize(today, 22).value();
  EXPECT_EQ(longer.pending, 3);
  EXPECT_EQ(longer.silent, 1);
}

TEST_P(StoreContractTest, TalliesFollowEveryWrite) {
  EXPECT_EQ(StoredTallies(*store_), "");
  Id first = 0;
  Write([&](Store& s) {
    const Id org = AddOrg("Acme");
    first = s.AddAsk(Record(org, "2026-10-30")).value();
    s.AddAsk(Record(org, "2026-11-02", Outcome::kNo)).value();
    ASSERT_TRUE(s.SetAskMaterials(first, {s.EnsureMaterialVersion({"resume", "v2"}).value()}).ok());
  });
  EXPECT_EQ(StoredTallies(*store_),
            "delay 3 1\n"
            "tally all  no 1\n"
            "tally all  pending 1\n"
            "tally channel job-board no 1\n"
            "tally channel job-board pending 1\n"
            "tally kind application no 1\n"
            "tally kind application pending 1\n"
            "tally material resume@v2 pending 1\n"
            "tally month 2026-10 pending 1\n"
            "tally month 2026-11 no 1\n"
            "waiting 2026-10-30 1");
  Write([&](Store& s) {
    ASSERT_TRUE(s.UpdateAsk(first, Record(s.FindOrganization("Acme").value().value(), "2026-10-30",
                                          Outcome::kYes))
                    .ok());
  });
  ExpectTalliesMatchAsks();
  Write([&](Store& s) { ASSERT_TRUE(s.SetAskMaterials(first, {}).ok()); });
  ExpectTalliesMatchAsks();
  Write([&](Store& s) { ASSERT_TRUE(s.DeleteAsk(first).ok()); });
  ExpectTalliesMatchAsks();
  ASSERT_TRUE(store_->UndoLast().ok());
  ExpectTalliesMatchAsks();
}

TEST_P(StoreContractTest, SummarizeOfAnEmptyLedgerIsAllZero) {
  const LedgerSummary sum = store_->Summarize(Day("2026-11-26"), 21).value();
  EXPECT_EQ(sum.asks, 0);
  EXPECT_EQ(sum.pending + sum.yes + sum.no + sum.not_yet + sum.silent, 0);
  EXPECT_EQ(sum.follow_ups, 0);
  EXPECT_FALSE(sum.first_ask.has_value());
  EXPECT_FALSE(sum.last_ask.has_value());
}

}  // namespace
}  // namespace keel
