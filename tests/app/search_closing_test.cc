#include "app/search_closing.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "app/ledger.h"
#include "app/status.h"
#include "store/sqlite_store.h"
#include "support/dates.h"

namespace keel {
namespace {

class SearchClosingTest : public ::testing::Test {
 protected:
  void SetUp() override { store_ = SqliteStore::Open(":memory:").value(); }

  Id Log(const char* org, Kind kind, const char* on) {
    AskInput input;
    input.org = org;
    input.kind = kind;
    input.asked_on = Day(on);
    Result<LedgerChange> change = LogAsk(*store_, input, today_);
    EXPECT_TRUE(change.ok()) << change.message();
    return change.ok() ? change->ask.id : 0;
  }

  void Yes(Id id, const char* on) {
    OutcomeInput input;
    input.id = id;
    input.outcome = Outcome::kYes;
    input.on = Day(on);
    ASSERT_TRUE(RecordOutcome(*store_, input, today_).ok());
  }

  std::optional<ClosedSearch> Closed() {
    EXPECT_TRUE(store_->BeginRead().ok());
    Result<std::optional<ClosedSearch>> closed = FindClosedSearch(*store_);
    store_->Rollback();
    EXPECT_TRUE(closed.ok()) << closed.message();
    return closed.ok() ? *closed : std::nullopt;
  }

  const Date today_ = Day("2026-11-26");
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(SearchClosingTest, ClosingOnAYesOfferCongratulatesAndStatusCarriesIt) {
  const Id offer = Log("Acme", Kind::kOffer, "2026-11-10");
  Yes(offer, "2026-11-18");
  const Result<ClosedSearch> closed = CloseSearchOnOffer(*store_, offer, Day("2026-11-20"), today_);
  ASSERT_TRUE(closed.ok()) << closed.message();
  EXPECT_EQ(ClosedLine(*closed),
            "You accepted the offer from Acme on 2026-11-20 \u2014 congratulations. Your search is "
            "closed; keel keeps the record.");
  const Result<StatusReport> status = BuildStatus(*store_, today_, kDefaultSilenceDays);
  ASSERT_TRUE(status.ok());
  ASSERT_TRUE(status->closed.has_value());
  EXPECT_EQ(status->closed->offer.id, offer);
  const Json j = StatusJson(*status);
  EXPECT_EQ(j["closed"]["ask"], offer);
  EXPECT_EQ(j["closed"]["closed_on"], "2026-11-20");
  EXPECT_EQ(j["closed"]["offer_is_yes"], true);
}

TEST_F(SearchClosingTest, OnlyAYesOfferApplicationOrInterviewCloses) {
  const Id chat = Log("Acme", Kind::kChat, "2026-11-01");
  Yes(chat, "2026-11-02");
  const Result<ClosedSearch> not_offer = CloseSearchOnOffer(*store_, chat, {}, today_);
  ASSERT_FALSE(not_offer.ok());
  EXPECT_EQ(not_offer.message(),
            "ask #1 (Acme, chat) is not an offer; log the offer itself as an ask of kind offer, "
            "record its yes, then close the search on it");
  EXPECT_EQ(not_offer.error().hint,
            "keel ask \"Acme\" --kind offer, keel yes ID, then keel close --offer ID");
  const Id pending = Log("Acme", Kind::kOffer, "2026-11-01");
  EXPECT_FALSE(CloseSearchOnOffer(*store_, pending, {}, today_).ok());
  const Id application = Log("Acme", Kind::kApplication, "2026-11-01");
  Yes(application, "2026-11-03");
  EXPECT_TRUE(CloseSearchOnOffer(*store_, application, {}, today_).ok());
  EXPECT_EQ(Closed()->closed_on, today_);
}

TEST_F(SearchClosingTest, DatesAreCheckedAndAClosedSearchCannotCloseAgain) {
  const Id offer = Log("Acme", Kind::kOffer, "2026-11-10");
  Yes(offer, "2026-11-18");
  EXPECT_FALSE(CloseSearchOnOffer(*store_, offer, Day("2026-11-17"), today_).ok());
  EXPECT_FALSE(CloseSearchOnOffer(*store_, offer, Day("2026-11-27"), today_).ok());
  ASSERT_TRUE(CloseSearchOnOffer(*store_, offer, Day("2026-11-18"), today_).ok());
  const Result<ClosedSearch> again = CloseSearchOnOffer(*store_, offer, {}, today_);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.message(),
            "your search is already closed: you accepted the offer from Acme (#1) on 2026-11-18; "
            "reopen it first");
  EXPECT_EQ(again.error().hint, "keel close --undo reopens it");
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);  // the API answers 409
}

TEST_F(SearchClosingTest, ReopenAndUndoAreExact) {
  const Id offer = Log("Acme", Kind::kOffer, "2026-11-10");
  Yes(offer, "2026-11-18");
  const Result<ClosedSearch> open = ReopenClosedSearch(*store_);  // open: nothing to take back
  ASSERT_FALSE(open.ok());
  EXPECT_EQ(open.error().code, ErrorCode::kConflict);
  ASSERT_TRUE(CloseSearchOnOffer(*store_, offer, {}, today_).ok());
  ASSERT_TRUE(ReopenClosedSearch(*store_).ok());
  EXPECT_FALSE(Closed().has_value());
  ASSERT_TRUE(Undo(*store_).ok());  // undoes the reopening
  ASSERT_TRUE(Closed().has_value());
  EXPECT_EQ(Closed()->offer.id, offer);
  ASSERT_TRUE(Undo(*store_).ok());  // undoes the closing
  EXPECT_FALSE(Closed().has_value());
}

TEST_F(SearchClosingTest, AsksAfterClosingAreKeptWithANoteAndTheOfferCannotBeDeleted) {
  const Id offer = Log("Acme", Kind::kOffer, "2026-11-10");
  Yes(offer, "2026-11-18");
  ASSERT_TRUE(CloseSearchOnOffer(*store_, offer, Day("2026-11-20"), today_).ok());
  AskInput input;
  input.org = "Acme";
  input.kind = Kind::kChat;
  input.asked_on = today_;
  const Result<LedgerChange> later = LogAsk(*store_, input, today_);
  ASSERT_TRUE(later.ok());
  ASSERT_EQ(later->notices.size(), 1u);
  EXPECT_EQ(later->notices[0],
            "your search is closed (you accepted the offer from Acme on 2026-11-20); the ask is "
            "kept all the same, and you can reopen the search if you are searching again");
  const Result<Ask> deleted = DeleteAsk(*store_, offer);
  ASSERT_FALSE(deleted.ok());
  EXPECT_EQ(deleted.message(),
            "ask #1 (Acme, offer) is the offer that closed your search; reopen the search first");
  EXPECT_TRUE(DeleteAsk(*store_, later->ask.id).ok());
}

TEST_F(SearchClosingTest, AnOfferThatFellThroughIsNotCongratulated) {
  const Id offer = Log("Acme", Kind::kOffer, "2026-11-10");
  Yes(offer, "2026-11-18");
  ASSERT_TRUE(CloseSearchOnOffer(*store_, offer, Day("2026-11-20"), today_).ok());
  OutcomeInput no;
  no.id = offer;
  no.outcome = Outcome::kNo;
  no.on = Day("2026-11-25");
  ASSERT_TRUE(RecordOutcome(*store_, no, today_).ok());
  EXPECT_EQ(ClosedLine(*Closed()),
            "You closed your search on 2026-11-20 with the offer from Acme (#1), but #1 is now "
            "recorded as no; if the offer fell through, reopen the search.");
  EXPECT_EQ(ClosedSearchJson(Closed())["offer_is_yes"], false);
  EXPECT_TRUE(ClosedSearchJson(std::nullopt).is_null());
}

}  // namespace
}  // namespace keel
