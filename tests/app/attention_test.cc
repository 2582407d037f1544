// The coach's needs-attention flags, each at its boundaries, and gathered from a real search.
#include "app/attention.h"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/ledger.h"
#include "app/session.h"
#include "store/sqlite_store.h"
#include "support/dates.h"

namespace keel {
namespace {

const Date kAttentionToday = Day("2026-12-01");

std::vector<std::string> Names(const std::vector<Attention>& flags) {
  std::vector<std::string> out;
  out.reserve(flags.size());
  for (const Attention& a : flags) out.emplace_back(AttentionFlagName(a.flag));
  return out;
}

// `n` asks spread over the days [from, to], both included.
void AddAsks(AttentionFacts& f, int n, Date from, Date to) {
  const int64_t span = to - from + 1;
  for (int i = 0; i < n; ++i) f.ask_dates.push_back(from + static_cast<int32_t>(i % span));
}

AttentionFacts Calm() {
  AttentionFacts f;
  f.today = kAttentionToday;
  AddAsks(f, 6, kAttentionToday - 13, kAttentionToday);  // 6 asks a fortnight, steadily
  AddAsks(f, 24, kAttentionToday - 69, kAttentionToday - 14);
  return f;
}

std::optional<Attention> Find(const std::vector<Attention>& flags, AttentionFlag flag) {
  for (const Attention& a : flags) {
    if (a.flag == flag) return a;
  }
  return std::nullopt;
}

TEST(AttentionTest, AnOrdinarySearchHasNoFlag) { EXPECT_TRUE(NeedsAttention(Calm()).empty()); }

TEST(AttentionTest, IdleCountsTodayAndTheThirteenDaysBefore) {
  AttentionFacts f;
  f.today = kAttentionToday;
  f.ask_dates = {kAttentionToday - 13};
  EXPECT_FALSE(Find(NeedsAttention(f), AttentionFlag::kIdle).has_value())
      << "13 days ago is recent";
  f.ask_dates = {kAttentionToday - 14};
  const std::optional<Attention> idle = Find(NeedsAttention(f), AttentionFlag::kIdle);
  ASSERT_TRUE(idle.has_value());
  EXPECT_EQ(idle->sentence, "no ask in the last 14 days (the last on 2026-11-17)");
  f.ask_dates.clear();
  EXPECT_EQ(Find(NeedsAttention(f), AttentionFlag::kIdle)->sentence, "no ask recorded yet");
}

TEST(AttentionTest, PaceFallingNeedsHalfTheAverageAndEightAsksBefore) {
  AttentionFacts f;
  f.today = kAttentionToday;
  // 56 days before the last 14 hold 44 asks: 11 a fortnight. Under half of that (5.5) is 5.
  AddAsks(f, 44, kAttentionToday - 69, kAttentionToday - 14);
  AddAsks(f, 5, kAttentionToday - 13, kAttentionToday);
  const std::optional<Attention> pace = Find(NeedsAttention(f), AttentionFlag::kPaceFalling);
  ASSERT_TRUE(pace.has_value());
  EXPECT_EQ(pace->sentence, "pace fell from 11 to 5 asks a fortnight");
  AttentionFacts one;
  one.today = kAttentionToday;
  AddAsks(one, 44, kAttentionToday - 69, kAttentionToday - 14);
  AddAsks(one, 1, kAttentionToday - 3, kAttentionToday - 3);
  EXPECT_EQ(Find(NeedsAttention(one), AttentionFlag::kPaceFalling)->sentence,
            "pace fell from 11 to 1 ask a fortnight");
  f.ask_dates.push_back(kAttentionToday);  // 6 is not under 5.5
  EXPECT_FALSE(Find(NeedsAttention(f), AttentionFlag::kPaceFalling).has_value());

  // Exactly half is not under half: 16 asks before (4 a fortnight), 2 now.
  AttentionFacts even;
  even.today = kAttentionToday;
  AddAsks(even, 16, kAttentionToday - 69, kAttentionToday - 14);
  AddAsks(even, 2, kAttentionToday - 13, kAttentionToday);
  EXPECT_FALSE(Find(NeedsAttention(even), AttentionFlag::kPaceFalling).has_value());
  even.ask_dates.pop_back();
  EXPECT_TRUE(Find(NeedsAttention(even), AttentionFlag::kPaceFalling).has_value());

  // Seven asks before are too few to speak of a pace, even with none now; eight are enough.
  AttentionFacts few;
  few.today = kAttentionToday;
  AddAsks(few, 7, kAttentionToday - 69, kAttentionToday - 14);
  EXPECT_FALSE(Find(NeedsAttention(few), AttentionFlag::kPaceFalling).has_value());
  few.ask_dates.push_back(kAttentionToday - 69);
  const std::optional<Attention> eight = Find(NeedsAttention(few), AttentionFlag::kPaceFalling);
  ASSERT_TRUE(eight.has_value());
  EXPECT_EQ(eight->sentence, "pace fell from 2 to 0 asks a fortnight");
  few.ask_dates.push_back(kAttentionToday - 70);  // 70 days ago is before the 56 days
  EXPECT_EQ(Find(NeedsAttention(few), AttentionFlag::kPaceFalling)->sentence,
            "pace fell from 2 to 0 asks a fortnight");
}

StreakReport RunOf(int64_t current, int64_t no, double p, int64_t yes = 3) {
  StreakReport s;
  s.decided = 40;
  s.yes = yes;
  s.current = current;
  s.current_no = no;
  s.current_silent = current - no;
  s.p_current = p;
  return s;
}

TEST(AttentionTest, ALongRunIsAFlagOnlyWhenItIsRareAtTheirRate) {
  AttentionFacts f = Calm();
  f.streak = RunOf(9, 9, 0.35);  // nine nos since the last yes, ordinary at this rate
  EXPECT_TRUE(NeedsAttention(f).empty());
  f.streak = RunOf(9, 9, 0.05);  // 5 % is not under 5 %
  EXPECT_TRUE(NeedsAttention(f).empty());
  f.streak = RunOf(14, 9, 0.0499);
  const std::vector<Attention> flags = NeedsAttention(f);
  ASSERT_EQ(Names(flags), std::vector<std::string>{"streak-unusual"});
  EXPECT_EQ(flags[0].sentence,
            "14 asks since their last yes (9 nos, 5 unanswered): a run this long happens to 5% of "
            "searchers with their rate");
  f.streak = RunOf(2, 2, 0.001);  // a run of two is ordinary whatever its probability
  EXPECT_TRUE(NeedsAttention(f).empty());
  f.streak = RunOf(30, 30, 0.001, 0);
  EXPECT_EQ(NeedsAttention(f)[0].sentence,
            "30 asks and no yes yet (30 nos): a run this long happens to under 1% of searchers "
            "with their rate");
}

ThemeFinding Pattern(Theme theme, std::vector<std::string> orgs) {
  ThemeFinding f;
  f.theme = theme;
  f.about_you = true;
  f.sources = static_cast<int64_t>(orgs.size());
  f.orgs = std::move(orgs);
  return f;
}

TEST(AttentionTest, OnlyAPatternNewInTheLastFourteenDaysIsAFlag) {
  AttentionFacts f = Calm();
  f.patterns_now = {Pattern(Theme::kInterviewPerformance, {"Acme", "Globex"})};
  f.patterns_before = f.patterns_now;
  EXPECT_TRUE(NeedsAttention(f).empty()) << "a pattern already there 14 days ago";
  f.patterns_before.clear();
  const std::vector<Attention> flags = NeedsAttention(f);
  ASSERT_EQ(Names(flags), std::vector<std::string>{"about-you-pattern"});
  EXPECT_EQ(flags[0].sentence,
            "a reason about them became a pattern in the last 14 days: 'interview-performance' "
            "from 2 independent sources (Acme, Globex)");
}

TEST(AttentionTest, AQuestionIsDueUnderFourHoursLeftAndPastItsPromise) {
  AttentionFacts f = Calm();
  f.questions = {{240}};
  EXPECT_TRUE(NeedsAttention(f).empty()) << "exactly 4 h left is not under 4 h";
  f.questions = {{239}, {600}};
  EXPECT_EQ(NeedsAttention(f)[0].sentence, "a question falls due in 3 h 59 min");
  f.questions = {{30}, {-61}};
  EXPECT_EQ(NeedsAttention(f)[0].sentence,
            "2 questions; the first is past its 24-hour promise by 1 h 1 min");
}

TEST(AttentionTest, NotYetsDueAndTheOrderOfUrgency) {
  AttentionFacts f;
  f.today = kAttentionToday;
  AddAsks(f, 40, kAttentionToday - 69,
          kAttentionToday - 14);  // and none since: idle and pace-falling
  f.not_yets_due = {Day("2026-11-28"), Day("2026-11-20")};
  f.streak = RunOf(12, 12, 0.01);
  f.patterns_now = {Pattern(Theme::kExperienceLevel, {"Acme", "Initech"})};
  f.questions = {{-5}};
  const std::vector<Attention> flags = NeedsAttention(f);
  EXPECT_EQ(Names(flags),
            (std::vector<std::string>{"question-due", "streak-unusual", "about-you-pattern", "idle",
                                      "pace-falling", "not-yet-due"}));
  EXPECT_EQ(flags.back().sentence,
            "2 not-yets are due to be asked again (the first since 2026-11-20)");
}

TEST(AttentionTest, GatheredFromASearch) {
  std::shared_ptr<Store> store(SqliteStore::Open(":memory:").value());
  Session session;
  session.today = kAttentionToday;
  session.store_source = [store]() -> Result<std::shared_ptr<Store>> { return store; };
  auto ask = [&](const char* org, Date on) {
    AskInput in;
    in.org = org;
    in.kind = Kind::kApplication;
    in.asked_on = on;
    in.new_org = true;
    return LogAsk(*store, in, kAttentionToday).value().ask.id;
  };
  auto answer = [&](Id id, Outcome outcome, Date on, const char* reason,
                    std::optional<Date> until = std::nullopt) {
    OutcomeInput in;
    in.id = id;
    in.outcome = outcome;
    in.on = on;
    in.until = until;
    in.reason = reason;
    ASSERT_TRUE(RecordOutcome(*store, in, kAttentionToday).ok());
  };
  // Ten asks in the 56 days before, none since: idle, and the pace fell from 2.5 to 0.
  std::vector<Id> ids;
  ids.reserve(10);
  for (int i = 0; i < 10; ++i)
    ids.push_back(ask(("Org " + std::to_string(i)).c_str(), kAttentionToday - 60 + i));
  // Two companies gave the same reason about them: one 20 days ago, one 3 days ago.
  answer(ids[0], Outcome::kNo, kAttentionToday - 20,
         "you interviewed poorly and rambled in your answers");
  answer(ids[1], Outcome::kNo, kAttentionToday - 3,
         "your interview answers rambled and lacked structure");
  // A not-yet that came due yesterday.
  answer(ids[2], Outcome::kNotYet, kAttentionToday - 30, "ask me in a month", kAttentionToday - 1);

  Result<AttentionFacts> facts = GatherAttention(session);
  ASSERT_TRUE(facts.ok()) << facts.message();
  EXPECT_EQ(facts->ask_dates.size(), 10U);
  EXPECT_EQ(facts->not_yets_due, std::vector<Date>{kAttentionToday - 1});
  ASSERT_EQ(facts->patterns_now.size(), 1U);
  EXPECT_EQ(facts->patterns_now[0].theme, Theme::kInterviewPerformance);
  EXPECT_TRUE(facts->patterns_before.empty());
  EXPECT_EQ(Names(NeedsAttention(*facts)),
            (std::vector<std::string>{"about-you-pattern", "idle", "pace-falling", "not-yet-due"}));
}

}  // namespace
}  // namespace keel
