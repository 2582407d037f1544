// The practice's mail (app/mail.h) on a SQLite practice with a relay that only records: lessons on
// their days, one per enrolment per day, oldest first after an outage; a claim another run holds is
// left alone until its lease lapses; 4xx backoff and giving up at 24 h to the second; 5xx makes an
// address undeliverable; unsubscribing cancels what is queued; the message's date and headers.
#include "app/mail.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "app/accounts.h"
#include "app/enrolments.h"
#include "store/open.h"

namespace keel {
namespace {

constexpr Instant kDay = 86400;
// 2026-12-01T00:00:00Z.
constexpr Instant kDec1 = 1'796'083'200;

class RecordingRelay final : public MailRelay {
 public:
  RelayAnswer Send(const MailMessage& message) override {
    ++tries;
    if (refuse) return {RelayAnswer::Kind::kPermanent, 550, "550 no such mailbox"};
    if (later) return {RelayAnswer::Kind::kTransient, 451, "451 try again later"};
    sent.push_back(message);
    return {RelayAnswer::Kind::kAccepted, 250, ""};
  }
  std::vector<MailMessage> sent;  // accepted
  int tries = 0;
  bool later = false;
  bool refuse = false;
};

class MailTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("keel-mail-" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    practice_ = OpenPractice((dir_ / "keel.db").string()).value();
    ana_ =
        AddAccount(*practice_, {"Ana@Example.com", "seeker", "", "wintergreen-mud-lamp"}).value();
    settings_.from = "coach@practice.example";
    settings_.public_url = "https://coach.example";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  EnrolmentRecord EnrolAna(Instant at) {
    return Enrol(*practice_, ana_, {std::string(kFreeProgram), "", ""}, UtcDate(at), at).value();
  }
  // The lesson days the relay was given, in order.
  std::vector<int> Days() const {
    std::vector<int> days;
    for (const MailMessage& m : relay_.sent) {
      const size_t at = m.subject.find(", day ");
      if (at != std::string::npos) days.push_back(std::stoi(m.subject.substr(at + 6)));
    }
    return days;
  }
  DeliveryReport Run(Instant now) {
    return DeliverMail(*practice_, relay_, settings_, now).value();
  }

  std::filesystem::path dir_;
  std::unique_ptr<Practice> practice_;
  Account ana_;
  MailSettings settings_;
  RecordingRelay relay_;
};

TEST(MailTimesTest, BackoffIsOneFiveThirtyMinutesThenTwoHours) {
  EXPECT_EQ(MailRetryDelay(1), 60);
  EXPECT_EQ(MailRetryDelay(2), 300);
  EXPECT_EQ(MailRetryDelay(3), 1800);
  EXPECT_EQ(MailRetryDelay(4), 7200);
  EXPECT_EQ(MailRetryDelay(9), 7200);
}

TEST(MailTimesTest, DatesAreRfc5322) {
  EXPECT_EQ(MailDate(0), "Thu, 01 Jan 1970 00:00:00 +0000");
  EXPECT_EQ(MailDate(ParseUtcIso("2026-12-03T07:18:09Z").value()),
            "Thu, 03 Dec 2026 07:18:09 +0000");
  EXPECT_EQ(MailDate(ParseUtcIso("2024-02-29T23:59:59Z").value()),
            "Thu, 29 Feb 2024 23:59:59 +0000");
  EXPECT_EQ(MailDate(ParseUtcIso("2026-11-30T12:00:00Z").value()),
            "Mon, 30 Nov 2026 12:00:00 +0000");
}

TEST(MailTimesTest, ASubjectThatIsNotAsciiIsEncodedInShortWords) {
  EXPECT_EQ(EncodedHeaderText("Day 1: plain"), "Day 1: plain");
  const std::string encoded =
      EncodedHeaderText("Jour 1 : « écrire » un CV qui est lu, vraiment lu");
  EXPECT_TRUE(encoded.starts_with("=?UTF-8?B?")) << encoded;
  EXPECT_NE(encoded.find("\r\n "), std::string::npos) << "folded into more than one word";
  size_t start = 0;
  for (size_t end = encoded.find("\r\n", start);; end = encoded.find("\r\n", start)) {
    const std::string line = encoded.substr(start, end == std::string::npos ? end : end - start);
    EXPECT_LE(line.size(), 76U) << line;
    if (end == std::string::npos) break;
    start = end + 2;
  }
  EXPECT_EQ(EncodedHeaderText("two\r\nlines").find('\n'), std::string::npos);
}

TEST_F(MailTest, EachLessonGoesOnItsDayOnceAndTheMessageSaysHowToStop) {
  EnrolAna(kDec1 + 7 * 3600);
  for (int d = 0; d < 7; ++d) {
    Run(kDec1 + d * kDay + 8 * 3600);
    Run(kDec1 + d * kDay + 20 * 3600);  // a second run that day sends nothing more
  }
  EXPECT_EQ(Days(), (std::vector<int>{1, 2, 3, 4, 5, 6, 7}));
  const MailMessage& first = relay_.sent.front();
  EXPECT_EQ(first.to, "ana@example.com") << "addresses are kept in lower case";
  std::map<std::string, std::string> headers(first.headers.begin(), first.headers.end());
  EXPECT_EQ(headers["Date"], "Tue, 01 Dec 2026 08:00:00 +0000");
  EXPECT_TRUE(headers["Message-ID"].ends_with("@practice.example>")) << headers["Message-ID"];
  EXPECT_TRUE(headers["List-Unsubscribe"].starts_with("<https://coach.example/unsubscribe/"));
  EXPECT_EQ(headers["List-Unsubscribe-Post"], "List-Unsubscribe=One-Click");
  EXPECT_NE(first.text.find("To stop these lessons"), std::string::npos);
  EXPECT_NE(first.html.find("<h1>"), std::string::npos);
  EXPECT_EQ(first.html.find("<img"), std::string::npos);
  // Every message of the enrolment carries the same link.
  std::map<std::string, std::string> last(relay_.sent.back().headers.begin(),
                                          relay_.sent.back().headers.end());
  EXPECT_EQ(last["List-Unsubscribe"], headers["List-Unsubscribe"]);
}

TEST_F(MailTest, AfterAThreeDayOutageTheOldestGoesFirstAndOneADay) {
  EnrolAna(kDec1 + 9 * 3600);
  Run(kDec1 + 10 * 3600);  // day 1
  // No run on the 2nd, 3rd or 4th.
  Run(kDec1 + 4 * kDay + 8 * 3600);
  Run(kDec1 + 4 * kDay + 9 * 3600);
  EXPECT_EQ(Days(), (std::vector<int>{1, 2})) << "never a burst";
  Run(kDec1 + 5 * kDay + 1);
  Run(kDec1 + 6 * kDay + 1);
  EXPECT_EQ(Days(), (std::vector<int>{1, 2, 3, 4}));
}

TEST_F(MailTest, MovingTheScheduleMovesTheLessonsNotYetSent) {
  const EnrolmentRecord e = EnrolAna(kDec1 + 9 * 3600);
  Run(kDec1 + 10 * 3600);
  const Program course = BuiltInPrograms()[1];
  ASSERT_TRUE(MarkDone(*practice_, e, course, 1, UtcDate(kDec1), kDec1 + 11 * 3600).ok());
  // Ana falls behind; on the 5th she catches up: day 2 is due on the 5th, day 3 on the 6th.
  const EnrolmentRecord now = OwnEnrolment(*practice_, ana_, e.id).value();
  ASSERT_TRUE(CatchUp(*practice_, now, course, UtcDate(kDec1 + 4 * kDay)).ok());
  Run(kDec1 + 4 * kDay + 1);
  Run(kDec1 + 4 * kDay + 2);
  EXPECT_EQ(Days(), (std::vector<int>{1, 2}));
  Run(kDec1 + 5 * kDay + 1);
  EXPECT_EQ(Days(), (std::vector<int>{1, 2, 3}));
}

TEST_F(MailTest, AClaimHeldByAnotherRunIsLeftUntilItsLeaseLapses) {
  EnrolAna(kDec1);
  const Instant t = kDec1 + 3600;
  std::unique_ptr<Practice> other = OpenPractice((dir_ / "keel.db").string()).value();
  const std::vector<OutboxMail> mine =
      practice_->ClaimMail(UtcIso(t), "2026-12-01", "run-a", UtcIso(t + kMailClaimLease), 50)
          .value();
  ASSERT_EQ(mine.size(), 1U);
  const std::vector<OutboxMail> none =
      other->ClaimMail(UtcIso(t), "2026-12-01", "run-b", UtcIso(t + 600), 50).value();
  EXPECT_TRUE(none.empty());
  // run-a died; ten minutes on, run-b takes the lesson, and run-a's late word changes nothing.
  const Instant later = t + kMailClaimLease;
  const std::vector<OutboxMail> taken =
      other->ClaimMail(UtcIso(later), "2026-12-01", "run-b", UtcIso(later + 600), 50).value();
  ASSERT_EQ(taken.size(), 1U);
  EXPECT_EQ(taken[0].id, mine[0].id);
  MailOutcome sent{MailOutcome::Kind::kSent, UtcIso(later), "", "<x@y>", ""};
  EXPECT_FALSE(practice_->FinishMail(mine[0].id, "run-a", sent).value());
  EXPECT_TRUE(other->FinishMail(taken[0].id, "run-b", sent).value());
  EXPECT_FALSE(other->FinishMail(taken[0].id, "run-b", sent).value()) << "sent once";
}

TEST_F(MailTest, FourXxIsRetriedWithBackoffAndGivenUpAt24HoursToTheSecond) {
  EnrolAna(kDec1);
  relay_.later = true;
  const Instant t = kDec1 + 3600;
  DeliveryReport r = Run(t);
  EXPECT_EQ(r.retried, 1);
  EXPECT_EQ(Run(t + 59).retried, 0) << "not before a minute";
  EXPECT_EQ(Run(t + 60).retried, 1);
  EXPECT_EQ(Run(t + 60 + 299).retried, 0);
  EXPECT_EQ(Run(t + 360).retried, 1);
  EXPECT_EQ(Run(kDec1 + kDay + 3599).retried, 1) << "a second short of 24 h: still tried";
  r = Run(t + kDay + 7200);
  EXPECT_EQ(r.failed, 1) << "24 h after the first try: given up, and said";
  ASSERT_FALSE(r.problems.empty());
  EXPECT_NE(r.problems[0].find("gave up"), std::string::npos) << r.problems[0];
  relay_.later = false;
  // Day 1 was given up (and day 2 tried at once, since day 1 never arrived): day 2 goes next.
  Run(t + kDay + 7200 + 60);
  EXPECT_EQ(Days(), (std::vector<int>{2}));
}

TEST_F(MailTest, FiveXxMakesTheAddressUndeliverableAndNothingMoreIsTried) {
  EnrolAna(kDec1);
  relay_.refuse = true;
  DeliveryReport r = Run(kDec1 + 3600);
  EXPECT_EQ(r.failed, 1);
  relay_.refuse = false;
  for (int d = 1; d < 7; ++d) Run(kDec1 + d * kDay + 3600);
  EXPECT_EQ(relay_.tries, 1) << "one try, then nothing to that address";
  const std::vector<OutboxMail> box = practice_->Outbox(/*all=*/true, 100).value();
  for (const OutboxMail& m : box) EXPECT_EQ(m.state, "failed") << m.key;
}

TEST_F(MailTest, UnsubscribingCancelsWhatIsQueuedAndStopsWhatWouldCome) {
  EnrolAna(kDec1);
  Run(kDec1 + 3600);
  std::map<std::string, std::string> headers(relay_.sent[0].headers.begin(),
                                             relay_.sent[0].headers.end());
  const std::string link = headers["List-Unsubscribe"];
  const std::string token = link.substr(link.rfind('/') + 1, 64);
  const std::optional<MailList> list = practice_->FindMailList(token).value();
  ASSERT_TRUE(list.has_value());
  EXPECT_EQ(list->account_email, "Ana@Example.com");
  EXPECT_TRUE(list->unsubscribed_at.empty());
  ASSERT_TRUE(practice_->Unsubscribe(token, UtcIso(kDec1 + 7200)).ok());
  for (int d = 1; d < 7; ++d) Run(kDec1 + d * kDay + 3600);
  EXPECT_EQ(Days(), (std::vector<int>{1}));
  int cancelled = 0;
  const std::vector<OutboxMail> box = practice_->Outbox(/*all=*/true, 100).value();
  for (const OutboxMail& m : box) cancelled += m.state == "cancelled";
  EXPECT_EQ(cancelled, 6);
}

}  // namespace
}  // namespace keel
