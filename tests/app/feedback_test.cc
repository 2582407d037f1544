#include "app/feedback.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "store/sqlite_store.h"
#include "support/dates.h"

namespace keel {
namespace {

class FeedbackTest : public ::testing::Test {
 protected:
  void SetUp() override { store_ = SqliteStore::Open(":memory:").value(); }

  Ask Log(Kind kind, const char* person = "") {
    AskInput input;
    input.org = "Acme";
    input.person = person;
    input.kind = kind;
    input.asked_on = Day("2026-11-01");
    Result<LedgerChange> change = LogAsk(*store_, input, today_);
    EXPECT_TRUE(change.ok()) << change.message();
    return change.ok() ? change->ask : Ask();
  }

  Result<FeedbackAdded> Add(Id id) {
    return RecordFeedback(*store_, FeedbackInput{id, "lead with impact", {}, {}}, today_);
  }

  const Date today_ = Day("2026-11-26");
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(FeedbackTest, OnlyFeedbackAndResumeReviewAsksTakeFeedback) {
  for (Kind kind : {Kind::kFeedback, Kind::kResumeReview}) EXPECT_TRUE(AsksForFeedback(kind));
  for (Kind kind : {Kind::kChat, Kind::kReferral, Kind::kIntro, Kind::kApplication,
                    Kind::kInterview, Kind::kOffer, Kind::kOther}) {
    EXPECT_FALSE(AsksForFeedback(kind)) << Name(kind);
  }
}

TEST_F(FeedbackTest, AResumeReviewsAnswerIsKeptAndTheReviewBecomesAYes) {
  const Ask review = Log(Kind::kResumeReview, "Sam Park");
  const Result<FeedbackAdded> added = Add(review.id);
  ASSERT_TRUE(added.ok()) << added.message();
  EXPECT_TRUE(added->answered);
  EXPECT_EQ(added->ask.outcome, Outcome::kYes);
  EXPECT_EQ(store_->ListFeedback(review.id).value().size(), 1u);
}

TEST_F(FeedbackTest, AnOpenApplicationIsRefusedWithWhereTheWordsBelong) {
  const Ask application = Log(Kind::kApplication);
  const Result<FeedbackAdded> refused = Add(application.id);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(
      refused.message(),
      "ask #1 (Acme, application) did not ask for feedback; keep what they said as the reason of "
      "its answer, or ask someone there for feedback first and record it on that ask");
  EXPECT_TRUE(store_->ListFeedback(0).value().empty());
  EXPECT_EQ(store_->GetAsk(application.id).value()->outcome, Outcome::kPending);
}

TEST_F(FeedbackTest, AnAnsweredChatPointsAtEditAndTheContact) {
  const Ask chat = Log(Kind::kChat, "Ana Ruiz");
  OutcomeInput no;
  no.id = chat.id;
  no.outcome = Outcome::kNo;
  no.on = Day("2026-11-05");
  ASSERT_TRUE(RecordOutcome(*store_, no, today_).ok());
  const Result<FeedbackAdded> refused = Add(chat.id);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.message(),
            "ask #1 (Acme, chat) did not ask for feedback; keep what they said as the reason of "
            "its answer, or ask Ana Ruiz for feedback first and record it on that ask");
}

}  // namespace
}  // namespace keel
