// The 24-hour promise (app/questions.h): the clock at its boundaries (23:59 and 24:01, exactly
// 24 h), pauses (one across the deadline, one still going), the first answer stopping it, the
// report's share and its Kaplan-Meier median; and who may ask, answer and reply.
#include "app/questions.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "app/accounts.h"
#include "app/grants.h"
#include "store/open.h"
#include "support/dates.h"

namespace keel {
namespace {

constexpr Instant kAsked = 1'796'200'000;  // 2026-12-02T...Z, any moment does
constexpr Instant kMinute = 60;
constexpr Instant kHour = 3600;

QuestionRecord Asked() {
  QuestionRecord q;
  q.id = 1;
  q.asked_at = UtcIso(kAsked);
  return q;
}

QuestionEvent Event(const std::string& kind, Instant at, const std::string& by = "coach@x") {
  QuestionEvent e;
  e.question_id = 1;
  e.kind = kind;
  e.author_email = by;
  e.text = kind;
  e.at = UtcIso(at);
  return e;
}

TEST(QuestionClockTest, AnsweredAt2359IsWithinThePromiseAt2401ItIsBreached) {
  const QuestionState in_time =
      ClockOf(Asked(), {Event("answer", kAsked + 23 * kHour + 59 * kMinute)}, kAsked + 30 * kHour);
  EXPECT_FALSE(in_time.open());
  EXPECT_FALSE(in_time.breached);
  EXPECT_EQ(in_time.elapsed, 23 * kHour + 59 * kMinute);
  EXPECT_EQ(in_time.answered_by, "coach@x");

  const QuestionState late =
      ClockOf(Asked(), {Event("answer", kAsked + 24 * kHour + kMinute)}, kAsked + 30 * kHour);
  EXPECT_TRUE(late.breached) << "an answer a minute late is a breach, shown";

  const QuestionState exactly =
      ClockOf(Asked(), {Event("answer", kAsked + 24 * kHour)}, kAsked + 30 * kHour);
  EXPECT_FALSE(exactly.breached) << "24 h to the second is within the promise";
}

TEST(QuestionClockTest, AnOpenQuestionIsBreachedTheSecondAfterItsDueTime) {
  EXPECT_FALSE(ClockOf(Asked(), {}, kAsked + 24 * kHour).breached);
  const QuestionState past = ClockOf(Asked(), {}, kAsked + 24 * kHour + 1);
  EXPECT_TRUE(past.breached);
  EXPECT_TRUE(past.open());
  EXPECT_EQ(past.left(kAsked + 24 * kHour + 1), -1);
}

TEST(QuestionClockTest, APauseAcrossTheDeadlineMovesItByThePause) {
  // The coach asks for more at 20 h; the seeker replies 10 h later (past the first deadline); the
  // answer at 27 h is within the promise: 20 h + 7 h of running clock = 27 - 10 = 17 h.
  const std::vector<QuestionEvent> events = {Event("need-info", kAsked + 20 * kHour),
                                             Event("reply", kAsked + 30 * kHour, "ana@x"),
                                             Event("answer", kAsked + 33 * kHour)};
  const QuestionState s = ClockOf(Asked(), events, kAsked + 40 * kHour);
  EXPECT_EQ(s.paused_seconds, 10 * kHour);
  EXPECT_EQ(s.due, kAsked + 34 * kHour);
  EXPECT_EQ(s.elapsed, 23 * kHour);
  EXPECT_FALSE(s.breached);
  EXPECT_FALSE(s.paused);
}

TEST(QuestionClockTest, WhilePausedTheTimeLeftStandsStill) {
  const std::vector<QuestionEvent> events = {Event("need-info", kAsked + 22 * kHour)};
  const QuestionState at30 = ClockOf(Asked(), events, kAsked + 30 * kHour);
  const QuestionState at50 = ClockOf(Asked(), events, kAsked + 50 * kHour);
  EXPECT_TRUE(at30.paused);
  EXPECT_FALSE(at50.breached) << "a question waiting on the seeker never falls due";
  EXPECT_EQ(at30.left(kAsked + 30 * kHour), 2 * kHour);
  EXPECT_EQ(at50.left(kAsked + 50 * kHour), 2 * kHour);
  EXPECT_EQ(at50.elapsed, 22 * kHour);
}

TEST(QuestionClockTest, OnlyTheFirstAnswerStopsTheClockAndTheFutureIsNotYet) {
  const std::vector<QuestionEvent> events = {Event("answer", kAsked + 2 * kHour, "first@x"),
                                             Event("answer", kAsked + 3 * kHour, "second@x"),
                                             Event("need-info", kAsked + 4 * kHour)};
  const QuestionState s = ClockOf(Asked(), events, kAsked + 5 * kHour);
  EXPECT_EQ(*s.answered_at, kAsked + 2 * kHour);
  EXPECT_EQ(s.answered_by, "first@x");
  EXPECT_FALSE(s.paused) << "asking for more after answering does not reopen the clock";

  EXPECT_TRUE(ClockOf(Asked(), {Event("answer", kAsked + 2 * kHour)}, kAsked + kHour).open())
      << "an answer dated after now has not happened yet";
  // An answer while paused ends the pause.
  const QuestionState answered_paused =
      ClockOf(Asked(), {Event("need-info", kAsked + kHour), Event("answer", kAsked + 3 * kHour)},
              kAsked + 4 * kHour);
  EXPECT_EQ(answered_paused.paused_seconds, 2 * kHour);
  EXPECT_EQ(answered_paused.elapsed, kHour);
}

QuestionState Answered(Instant hours) {
  return ClockOf(Asked(), {Event("answer", kAsked + hours * kHour)}, kAsked + 100 * kHour);
}

TEST(QuestionReportTest, TheShareCountsDecidedQuestionsAndTheMedianCensorsOpenOnes) {
  const QuestionState open_young = ClockOf(Asked(), {}, kAsked + 2 * kHour);
  const QuestionState open_late = ClockOf(Asked(), {}, kAsked + 30 * kHour);
  const QuestionReport r =
      ReportOn({Answered(1), Answered(5), Answered(26), open_young, open_late});
  EXPECT_EQ(r.n, 5);
  EXPECT_EQ(r.answered, 3);
  EXPECT_EQ(r.open, 2);
  EXPECT_EQ(r.breached, 2);
  // Decided: three answered (two in time) and one open past due; the young open one is not yet.
  ASSERT_TRUE(r.within_promise_share.has_value());
  EXPECT_DOUBLE_EQ(*r.within_promise_share, 2.0 / 4.0);
  // KM over minutes: 60 (event), 120 (censored), 300 (event), 1560 (event), 1800 (censored).
  // S: 60 -> 4/5; 300 -> 4/5 * 2/3 = 0.533; 1560 -> 0.533 * 1/2 = 0.267: the median is 26 h.
  ASSERT_TRUE(r.median_hours.has_value());
  EXPECT_DOUBLE_EQ(*r.median_hours, 26.0);

  const QuestionReport none = ReportOn({open_young});
  EXPECT_FALSE(none.within_promise_share.has_value());
  EXPECT_FALSE(none.median_hours.has_value()) << "no answer yet: no median, not zero";
}

// tests/golden/questions_km.json: R's survfit medians (scripts/golden/questions_km.R), including
// a curve exactly at one half (the midpoint to the next drop, or to the last time).
TEST(QuestionReportTest, TheMedianIsRsSurvfitMedian) {
  std::ifstream in(std::string(KEEL_SOURCE_DIR) + "/tests/golden/questions_km.json");
  ASSERT_TRUE(in) << "cannot read tests/golden/questions_km.json";
  const nlohmann::json golden = nlohmann::json::parse(in);
  ASSERT_GE(golden["cases"].size(), 6U);
  for (const nlohmann::json& c : golden["cases"]) {
    std::vector<std::pair<int32_t, bool>> times;
    for (size_t i = 0; i < c["minutes"].size(); ++i) {
      times.emplace_back(c["minutes"][i].get<int32_t>(), c["answered"][i].get<int>() == 1);
    }
    const std::optional<double> median = MedianMinutes(times);
    if (c["median_minutes"].is_null()) {
      EXPECT_FALSE(median.has_value()) << c["name"];
    } else {
      ASSERT_TRUE(median.has_value()) << c["name"];
      EXPECT_DOUBLE_EQ(*median, c["median_minutes"].get<double>()) << c["name"];
    }
  }
}

class QuestionRulesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("keel-questions-" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    practice_ = OpenPractice((dir_ / "keel.db").string()).value();
    ana_ = Add("ana@example.com", "seeker");
    ben_ = Add("ben@example.com", "seeker");
    coach_ = Add("coach@practice.example", "coach");
    other_ = Add("other@practice.example", "coach");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  Account Add(const std::string& email, const std::string& role) {
    return AddAccount(*practice_, {email, role, "", "wintergreen-mud-lamp"}).value();
  }
  std::filesystem::path dir_;
  std::unique_ptr<Practice> practice_;
  Account ana_, ben_, coach_, other_;
};

TEST_F(QuestionRulesTest, WithoutACoachNothingIsAskedOrPromised) {
  const Result<QuestionRecord> q =
      AskQuestion(*practice_, ana_, "Should I follow up with Acme?", Day("2026-12-02"), kAsked);
  ASSERT_FALSE(q.ok());
  EXPECT_EQ(q.code(), ErrorCode::kConflict);
  EXPECT_NE(q.message().find("share your search with your coach first"), std::string::npos);
  EXPECT_TRUE(practice_->Questions(ana_.searches).value().empty());
}

TEST_F(QuestionRulesTest, TheSeekerAsksTheGrantedCoachAnswersNobodyElseSeesIt) {
  ASSERT_TRUE(GrantAccess(*practice_, ana_, {"coach@practice.example", "read", ""},
                          Day("2026-12-02"), kAsked)
                  .ok());
  EXPECT_EQ(AskQuestion(*practice_, ana_, "   ", Day("2026-12-02"), kAsked).code(),
            ErrorCode::kInvalid);
  const QuestionRecord q =
      AskQuestion(*practice_, ana_, " Should I follow up with Acme? ", Day("2026-12-02"), kAsked)
          .value();
  EXPECT_EQ(q.text, "Should I follow up with Acme?");
  EXPECT_EQ(QuestionsFor(*practice_, coach_, Day("2026-12-02")).value().size(), 1U);
  EXPECT_TRUE(QuestionsFor(*practice_, other_, Day("2026-12-02")).value().empty());
  EXPECT_TRUE(QuestionsFor(*practice_, ben_, Day("2026-12-02")).value().empty());
  for (const Account* nobody : {&other_, &ben_}) {
    EXPECT_EQ(QuestionFor(*practice_, *nobody, q.id, Day("2026-12-02")).code(),
              ErrorCode::kNotFound)
        << nobody->email;
  }
  EXPECT_EQ(QuestionFor(*practice_, coach_, q.id + 99, Day("2026-12-02")).code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(AddToQuestion(*practice_, ana_, q, "answer", "yes", kAsked).code(),
            ErrorCode::kForbidden)
      << "the seeker does not answer their own question";
  EXPECT_EQ(AddToQuestion(*practice_, coach_, q, "reply", "hm", kAsked).code(),
            ErrorCode::kForbidden);
  ASSERT_TRUE(
      AddToQuestion(*practice_, coach_, q, "need-info", "Which role?", kAsked + kHour).ok());
  ASSERT_TRUE(
      AddToQuestion(*practice_, ana_, q, "reply", "The analyst one", kAsked + 2 * kHour).ok());
  ASSERT_TRUE(
      AddToQuestion(*practice_, coach_, q, "answer", "Yes, in a week", kAsked + 3 * kHour).ok());
  const std::vector<QuestionEvent> events = practice_->QuestionEvents({q.id}).value();
  ASSERT_EQ(events.size(), 3U);
  const QuestionState s = ClockOf(q, events, kAsked + 4 * kHour);
  EXPECT_EQ(s.elapsed, 2 * kHour);
  EXPECT_EQ(s.answered_by, "coach@practice.example");

  // After the grant ends, the coach no longer sees the question.
  const GrantRecord g = practice_->Grants(ana_.id, false).value().front();
  ASSERT_TRUE(RevokeAccess(*practice_, ana_, g.id, kAsked + 5 * kHour).ok());
  EXPECT_EQ(QuestionFor(*practice_, coach_, q.id, Day("2026-12-02")).code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace keel
