#include "app/contacts.h"

#include <gtest/gtest.h>

#include <memory>

#include "app/ledger.h"
#include "store/sqlite_store.h"
#include "support/dates.h"

namespace keel {
namespace {

const Date kContactsToday = Day("2026-11-26");

class ContactsTest : public ::testing::Test {
 protected:
  void SetUp() override { store_ = SqliteStore::Open(":memory:").value(); }

  Result<LedgerChange> Ask(const char* org, const char* person, const char* via, const char* on,
                           bool new_via = false) {
    AskInput input;
    input.org = org;
    input.person = person;
    input.via = via;
    input.kind = Kind::kReferral;
    input.asked_on = Day(on);
    input.new_via = new_via;
    return LogAsk(*store_, input, kContactsToday);
  }

  std::unique_ptr<SqliteStore> store_;
};

TEST_F(ContactsTest, ANearMissOfAnIntroducerIsRefusedAboutNewVia) {
  ASSERT_TRUE(Ask("Acme", "Zoë Müller", "", "2026-11-01").ok());
  Result<LedgerChange> near = Ask("Globex", "Ana", "Zoe Muller", "2026-11-02");
  ASSERT_FALSE(near.ok());
  EXPECT_EQ(near.error().code, ErrorCode::kConflict);
  EXPECT_EQ(near.error().field, "new_via");
  EXPECT_TRUE(Ask("Globex", "Ana", "Zoe Muller", "2026-11-02", /*new_via=*/true).ok());
}

TEST_F(ContactsTest, TheIntroducerIsNotThePersonAsked) {
  Result<LedgerChange> same = Ask("Acme", "Ana", "ana", "2026-11-01");
  ASSERT_FALSE(same.ok());
  EXPECT_EQ(same.error().field, "via");
  EXPECT_TRUE(ListContacts(*store_, kContactsToday, 21)->empty());  // nothing was written
}

TEST_F(ContactsTest, NamesAreFoundIgnoringCaseSpacesAndDiacritics) {
  ASSERT_TRUE(Ask("Acme", "Zoë Müller", "Bo Lind", "2026-11-01").ok());
  Result<ContactTimeline> t = ContactHistory(*store_, "  zoe   MULLER ", kContactsToday, 21);
  ASSERT_TRUE(t.ok()) << t.message();
  EXPECT_EQ(t->contact.name, "Zoë Müller");
  EXPECT_EQ(t->contact.introduced_by, std::vector<std::string>{"Bo Lind"});
  Result<ContactTimeline> missing = ContactHistory(*store_, "Bo Lend", kContactsToday, 21);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(missing.error().field, "name");
  EXPECT_NE(missing.message().find("did you mean 'Bo Lind'?"), std::string::npos);
}

TEST_F(ContactsTest, AContactNoAskNamesIsLeftOutOfTheList) {
  Result<LedgerChange> ask = Ask("Acme", "Rboert", "", "2026-11-01");
  ASSERT_TRUE(ask.ok());
  AskEdit edit;
  edit.person = "Robert";
  edit.new_person = true;
  ASSERT_TRUE(EditAsk(*store_, ask->ask.id, edit, kContactsToday).ok());
  Result<std::vector<ContactSummary>> people = ListContacts(*store_, kContactsToday, 21);
  ASSERT_TRUE(people.ok());
  ASSERT_EQ(people->size(), 1u);
  EXPECT_EQ((*people)[0].name, "Robert");
  EXPECT_TRUE(ContactHistory(*store_, "Rboert", kContactsToday, 21)->events.empty());
}

TEST_F(ContactsTest, LastContactIsTheLatestAskAnswerFollowUpMadeOrFeedbackNotAPlan) {
  Result<LedgerChange> ask = Ask("Acme", "Ana", "", "2026-11-01");
  ASSERT_TRUE(ask.ok());
  ASSERT_TRUE(FollowUp(*store_, ask->ask.id, Day("2026-11-10"), "", kContactsToday).ok());
  ASSERT_TRUE(
      FollowUp(*store_, ask->ask.id, Day("2026-12-10"), "", kContactsToday).ok());  // a plan
  Result<std::vector<ContactSummary>> people = ListContacts(*store_, kContactsToday, 21);
  ASSERT_TRUE(people.ok());
  EXPECT_EQ((*people)[0].last_contact->ToIso(), "2026-11-10");
  EXPECT_EQ((*people)[0].counts.silent, 1);  // 25 days without a reply, past 21
}

}  // namespace
}  // namespace keel
