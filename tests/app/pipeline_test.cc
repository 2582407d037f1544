#include "app/pipeline.h"

#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/ledger.h"
#include "app/postings.h"
#include "app/search_closing.h"
#include "store/sqlite_store.h"
#include "support/dates.h"

namespace keel {
namespace {

constexpr int kH = 21;
const Date kPipelineToday = Day("2026-11-26");

Ask MakeAsk(Id id, Kind kind, const char* on, Outcome outcome = Outcome::kPending,
            const char* replied = nullptr) {
  Ask a;
  a.id = id;
  a.kind = kind;
  a.asked_on = Day(on);
  a.org = "Acme";
  a.role = "Analyst";
  a.outcome = outcome;
  if (replied) a.replied_on = Day(replied);
  return a;
}

AnswerRecord Earlier(Id ask, Outcome outcome, const char* on) {
  AnswerRecord r;
  r.ask_id = ask;
  r.outcome = outcome;
  r.replied_on = Day(on);
  return r;
}

OpportunityStage Derive(std::vector<Ask> asks, std::vector<AnswerRecord> earlier = {},
                        std::optional<AcceptedOffer> accepted = std::nullopt) {
  return DeriveStage("Acme", "Analyst", std::move(asks), earlier, accepted, kPipelineToday, kH);
}

// "applied 2026-11-01 #1 asked, screen ..." for compact expectations.
std::string Steps(const OpportunityStage& o) {
  std::string out;
  for (const StageStep& s : o.history) {
    if (!out.empty()) out += ", ";
    out += StageLabel(s.stage, s.round) + " " + s.on.ToIso() + " #" + std::to_string(s.ask_id) +
           " " + s.by;
  }
  return out;
}

TEST(DeriveStageTest, ARoleWithoutAnApplicationIsSavedSinceItsFirstAsk) {
  const OpportunityStage o =
      Derive({MakeAsk(4, Kind::kChat, "2026-11-01", Outcome::kYes, "2026-11-02")});
  EXPECT_EQ(o.stage, Stage::kSaved);
  EXPECT_EQ(o.since, Day("2026-11-01"));
  EXPECT_EQ(Steps(o), "saved 2026-11-01 #4 saved");
  EXPECT_EQ(o.latest_step_ask, 0);
}

TEST(DeriveStageTest, AnApplicationIsAppliedAndItsYesIsTheScreen) {
  EXPECT_EQ(Derive({MakeAsk(1, Kind::kApplication, "2026-11-20")}).stage, Stage::kApplied);
  const OpportunityStage o =
      Derive({MakeAsk(1, Kind::kApplication, "2026-11-01", Outcome::kYes, "2026-11-09")});
  EXPECT_EQ(o.stage, Stage::kScreen);
  EXPECT_EQ(o.since, Day("2026-11-09"));
  EXPECT_EQ(Steps(o), "applied 2026-11-01 #1 asked, screen 2026-11-09 #1 yes");
  EXPECT_EQ(o.application_ask, 1);
  EXPECT_EQ(o.latest_step_ask, 1);
}

TEST(DeriveStageTest, EachInterviewIsARoundAndItsYesTheNextRound) {
  const OpportunityStage o =
      Derive({MakeAsk(1, Kind::kApplication, "2026-11-01", Outcome::kYes, "2026-11-03"),
              MakeAsk(2, Kind::kInterview, "2026-11-05", Outcome::kYes, "2026-11-06"),
              MakeAsk(3, Kind::kInterview, "2026-11-10", Outcome::kYes, "2026-11-12")});
  EXPECT_EQ(o.stage, Stage::kInterview);
  EXPECT_EQ(o.round, 3);
  EXPECT_EQ(Steps(o),
            "applied 2026-11-01 #1 asked, screen 2026-11-03 #1 yes, interview 2026-11-05 #2 "
            "asked, interview round 2 2026-11-06 #2 yes, interview round 3 2026-11-12 #3 yes");
  EXPECT_EQ(o.latest_step_ask, 3);
}

TEST(DeriveStageTest, AnOfferAsksYesIsTheOfferAndTheClosingAcceptsIt) {
  std::vector<Ask> asks = {
      MakeAsk(1, Kind::kApplication, "2026-11-01", Outcome::kYes, "2026-11-03"),
      MakeAsk(2, Kind::kInterview, "2026-11-05", Outcome::kYes, "2026-11-06"),
      MakeAsk(3, Kind::kOffer, "2026-11-10", Outcome::kYes, "2026-11-14")};
  const OpportunityStage offer = Derive(asks);
  EXPECT_EQ(offer.stage, Stage::kOffer);
  EXPECT_EQ(offer.history.back().by, "yes");
  const OpportunityStage accepted = Derive(asks, {}, AcceptedOffer{3, Day("2026-11-16")});
  EXPECT_EQ(accepted.stage, Stage::kAccepted);
  EXPECT_EQ(accepted.furthest, Stage::kAccepted);
  EXPECT_EQ(accepted.since, Day("2026-11-16"));
  // The search closed on another role's offer: this one keeps its offer.
  EXPECT_EQ(Derive(asks, {}, AcceptedOffer{99, Day("2026-11-16")}).stage, Stage::kOffer);
}

TEST(DeriveStageTest, AClosingOnAnAskNoLongerYesAcceptsNothing) {
  const OpportunityStage o =
      Derive({MakeAsk(3, Kind::kOffer, "2026-11-10", Outcome::kNo, "2026-11-14")}, {},
             AcceptedOffer{3, Day("2026-11-16")});
  EXPECT_EQ(o.stage, Stage::kRejected);
}

TEST(DeriveStageTest, WithdrawingIsTheSeekersOwnAndAfterAnOfferItIsDeclining) {
  const OpportunityStage withdrawn =
      Derive({MakeAsk(1, Kind::kApplication, "2026-11-01", Outcome::kWithdrawn, "2026-11-04")});
  EXPECT_EQ(withdrawn.stage, Stage::kWithdrawn);
  EXPECT_EQ(withdrawn.since, Day("2026-11-04"));
  EXPECT_EQ(withdrawn.furthest, Stage::kApplied);
  // An offer was made (its yes kept as an earlier answer), then the seeker withdrew: declined.
  const OpportunityStage declined =
      Derive({MakeAsk(3, Kind::kOffer, "2026-11-10", Outcome::kWithdrawn, "2026-11-20")},
             {Earlier(3, Outcome::kYes, "2026-11-14")});
  EXPECT_EQ(declined.stage, Stage::kDeclined);
  EXPECT_EQ(declined.furthest, Stage::kOffer);
}

TEST(DeriveStageTest, ANoIsClosedByThemAndANoAfterAYesKeepsTheStageReached) {
  const OpportunityStage no =
      Derive({MakeAsk(1, Kind::kApplication, "2026-11-01", Outcome::kNo, "2026-11-04")});
  EXPECT_EQ(no.stage, Stage::kRejected);
  EXPECT_EQ(StageLabel(no.stage), "closed by them");
  // A yes (now an earlier answer), then a no on the same ask.
  const OpportunityStage later_no =
      Derive({MakeAsk(1, Kind::kApplication, "2026-11-01", Outcome::kNo, "2026-11-12")},
             {Earlier(1, Outcome::kYes, "2026-11-05")});
  EXPECT_EQ(later_no.stage, Stage::kRejected);
  EXPECT_EQ(later_no.furthest, Stage::kScreen);
  EXPECT_EQ(
      Steps(later_no),
      "applied 2026-11-01 #1 asked, screen 2026-11-05 #1 yes, closed by them 2026-11-12 #1 no");
}

TEST(DeriveStageTest, SilencePastTheHorizonIsGhostedAndALateReplyReopensIt) {
  const OpportunityStage ghosted = Derive({MakeAsk(1, Kind::kApplication, "2026-10-01")});
  EXPECT_EQ(ghosted.stage, Stage::kGhosted);
  EXPECT_EQ(StageLabel(ghosted.stage), "silent");
  EXPECT_EQ(ghosted.since, Day("2026-10-22"));  // asked_on + H
  // Within the horizon it is still applied.
  EXPECT_EQ(Derive({MakeAsk(1, Kind::kApplication, "2026-11-05")}).stage, Stage::kApplied);
  // A hand-marked silence inside the horizon is dated today at the latest.
  EXPECT_EQ(Derive({MakeAsk(1, Kind::kApplication, "2026-11-20", Outcome::kSilent)}).since,
            kPipelineToday);
  // A reply after 40 days: the silence was not the end.
  const OpportunityStage late =
      Derive({MakeAsk(1, Kind::kApplication, "2026-10-01", Outcome::kYes, "2026-11-10")});
  EXPECT_EQ(late.stage, Stage::kScreen);
}

TEST(DeriveStageTest, OnlyTheFrontStepGoesSilent) {
  // The application was never answered, but the interview came: the application's silence says
  // nothing, and the interview is still awaited within the horizon.
  const OpportunityStage o = Derive(
      {MakeAsk(1, Kind::kApplication, "2026-09-01"), MakeAsk(2, Kind::kInterview, "2026-11-20")});
  EXPECT_EQ(o.stage, Stage::kInterview);
  // The interview too went silent: now the role is.
  const OpportunityStage both = Derive(
      {MakeAsk(1, Kind::kApplication, "2026-09-01"), MakeAsk(2, Kind::kInterview, "2026-09-10")});
  EXPECT_EQ(both.stage, Stage::kGhosted);
  EXPECT_EQ(both.since, Day("2026-10-01"));
  // Past the screen, the application's own silence is behind the role.
  const OpportunityStage past =
      Derive({MakeAsk(1, Kind::kApplication, "2026-09-01"),
              MakeAsk(2, Kind::kInterview, "2026-09-03", Outcome::kYes, "2026-09-05")});
  EXPECT_EQ(past.stage, Stage::kInterview);
  EXPECT_EQ(past.round, 2);
}

TEST(DeriveStageTest, AnInterviewRecordedBeforeTheApplicationDoesNotMoveBack) {
  const OpportunityStage o =
      Derive({MakeAsk(5, Kind::kInterview, "2026-11-10"),
              MakeAsk(6, Kind::kApplication, "2026-11-12", Outcome::kYes, "2026-11-14")});
  EXPECT_EQ(o.stage, Stage::kInterview);
  EXPECT_EQ(o.since, Day("2026-11-10"));
  EXPECT_EQ(o.furthest, Stage::kInterview);
  EXPECT_EQ(Steps(o), "interview 2026-11-10 #5 asked");
}

TEST(DeriveStageTest, OneDaysEventsFollowTheStagesOfTheirAsks) {
  // Ids out of date order, asked and answered on one day.
  const OpportunityStage o =
      Derive({MakeAsk(9, Kind::kApplication, "2026-11-10", Outcome::kYes, "2026-11-10"),
              MakeAsk(2, Kind::kInterview, "2026-11-10")});
  EXPECT_EQ(o.stage, Stage::kInterview);
  EXPECT_EQ(Steps(o),
            "applied 2026-11-10 #9 asked, screen 2026-11-10 #9 yes, interview 2026-11-10 #2 asked");
  // The application went silent on the day the interview was asked: the interview wins the day.
  const OpportunityStage silent_day =
      Derive({MakeAsk(1, Kind::kApplication, "2026-09-10"),
              MakeAsk(2, Kind::kInterview, "2026-10-01", Outcome::kYes, "2026-10-03")});
  EXPECT_EQ(Steps(silent_day),
            "applied 2026-09-10 #1 asked, interview 2026-10-01 #2 asked, interview round 2 "
            "2026-10-03 #2 yes");
}

TEST(DeriveStageTest, NotYetMovesNothing) {
  const OpportunityStage o =
      Derive({MakeAsk(1, Kind::kApplication, "2026-11-01", Outcome::kNotYet, "2026-11-03")});
  EXPECT_EQ(o.stage, Stage::kApplied);
  EXPECT_EQ(o.history.size(), 1u);
}

TEST(DeriveStageTest, ANewApplicationAfterANoStartsAgainAndTheFurthestStays) {
  const OpportunityStage o =
      Derive({MakeAsk(1, Kind::kApplication, "2026-09-01", Outcome::kNo, "2026-09-20"),
              MakeAsk(2, Kind::kApplication, "2026-11-15")},
             {Earlier(1, Outcome::kYes, "2026-09-05")});
  EXPECT_EQ(o.stage, Stage::kApplied);
  EXPECT_EQ(o.since, Day("2026-11-15"));
  EXPECT_EQ(o.furthest, Stage::kScreen);
}

TEST(DeriveStageTest, OtherRolesAnswersAreNotThisOnes) {
  const OpportunityStage o = Derive({MakeAsk(1, Kind::kApplication, "2026-11-20")},
                                    {Earlier(7, Outcome::kYes, "2026-11-21")});
  EXPECT_EQ(o.stage, Stage::kApplied);
}

TEST(AssemblePipelineTest, APostingWithoutAnAskIsSavedAndItsDayStartsTheHistory) {
  Ask applied = MakeAsk(1, Kind::kApplication, "2026-11-20");
  Ask chat = MakeAsk(2, Kind::kChat, "2026-11-02");
  chat.role = "";  // no role: in no pipeline
  const std::vector<SavedRole> saved = {{"Acme", "Analyst", Day("2026-11-10")},
                                        {"Globex", "Engineer", Day("2026-11-15")}};
  const PipelineReport r =
      AssemblePipeline({applied, chat}, {}, std::nullopt, saved, kPipelineToday, Horizon{});
  ASSERT_EQ(r.roles.size(), 2u);
  EXPECT_EQ(r.roles[0].org, "Globex");
  EXPECT_EQ(r.roles[0].stage, Stage::kSaved);
  EXPECT_EQ(r.roles[0].since, Day("2026-11-15"));
  EXPECT_TRUE(r.roles[0].asks.empty());
  EXPECT_EQ(Steps(r.roles[0]), "saved 2026-11-15 #0 saved");
  EXPECT_EQ(r.roles[1].org, "Acme");
  EXPECT_EQ(Steps(r.roles[1]), "saved 2026-11-10 #0 saved, applied 2026-11-20 #1 asked");
  EXPECT_EQ(r.funnel[0].reached, 1);  // a saved role reached no step
}

TEST(DeriveStageTest, APostingSavedAfterTheApplicationAddsNoStep) {
  const OpportunityStage o =
      DeriveStage("Acme", "Analyst", {MakeAsk(1, Kind::kApplication, "2026-11-20")}, {},
                  std::nullopt, kPipelineToday, kH, Day("2026-11-22"));
  EXPECT_EQ(Steps(o), "applied 2026-11-20 #1 asked");
}

TEST(DeriveStageTest, APostingSavedAfterARoleEndedDoesNotReopenIt) {
  // An application that went silent, then the role's posting kept (an import of a tracker's
  // Wishlist row, today): the role stays silent, and in the funnel.
  const OpportunityStage o =
      DeriveStage("Acme", "Analyst", {MakeAsk(1, Kind::kApplication, "2026-09-01")}, {},
                  std::nullopt, kPipelineToday, kH, kPipelineToday);
  EXPECT_EQ(o.stage, Stage::kGhosted);
  EXPECT_EQ(o.history.size(), 2u);
}

OpportunityStage RoleAt(Stage stage, Stage furthest) {
  OpportunityStage o;
  o.stage = stage;
  o.furthest = furthest;
  return o;
}

TEST(FunnelTest, CountsRolesWithAnAnswerAndKeepsWithdrawalsAndSilenceApart) {
  std::vector<OpportunityStage> roles;
  for (int i = 0; i < 3; ++i) roles.push_back(RoleAt(Stage::kScreen, Stage::kScreen));
  for (int i = 0; i < 12; ++i) roles.push_back(RoleAt(Stage::kRejected, Stage::kApplied));
  for (int i = 0; i < 5; ++i) roles.push_back(RoleAt(Stage::kGhosted, Stage::kApplied));
  for (int i = 0; i < 4; ++i) roles.push_back(RoleAt(Stage::kApplied, Stage::kApplied));
  roles.push_back(RoleAt(Stage::kWithdrawn, Stage::kApplied));
  roles.push_back(RoleAt(Stage::kSaved, Stage::kSaved));
  const std::vector<FunnelStep> f = BuildFunnel(roles);
  ASSERT_EQ(f.size(), 4u);
  EXPECT_EQ(f[0].reached, 25);
  EXPECT_EQ(f[0].k, 3);
  EXPECT_EQ(f[0].n, 20);
  EXPECT_EQ(f[0].closed_by_them, 12);
  EXPECT_EQ(f[0].silent, 5);
  EXPECT_EQ(f[0].open, 4);
  EXPECT_EQ(f[0].withdrawn, 1);
  EXPECT_EQ(FunnelLine(f[0]),
            "3 of 20 applications reached a screen (15 %, likely 5\u201336 %). Of the others: 12 "
            "closed by them, 5 went silent (no answer, which is not a no), 4 still open. 1 role "
            "withdrawn by you, left out of the rate.");
  EXPECT_EQ(FunnelShort(f[0]), "3 of 20 (15 %, likely 5\u201336 %)");
  EXPECT_EQ(f[1].reached, 3);
  EXPECT_EQ(f[1].n, 0);
  EXPECT_EQ(FunnelLine(f[1]), "3 screens still open, none decided yet.");
  EXPECT_EQ(FunnelShort(f[1]), "no answers yet");
  EXPECT_EQ(FunnelLine(f[3]), "No offers yet.");
}

TEST(FunnelTest, SmallNumbersSayTheRangeIsWideAndDeclinedOffersAreLeftOut) {
  std::vector<OpportunityStage> roles = {RoleAt(Stage::kAccepted, Stage::kAccepted),
                                         RoleAt(Stage::kDeclined, Stage::kOffer),
                                         RoleAt(Stage::kDeclined, Stage::kOffer)};
  const std::vector<FunnelStep> f = BuildFunnel(roles);
  EXPECT_EQ(f[3].k, 1);
  EXPECT_EQ(f[3].n, 1);
  EXPECT_EQ(f[3].withdrawn, 2);
  EXPECT_EQ(FunnelLine(f[3]),
            "1 of 1 offer accepted (100 %, likely 21\u2013100 %: few so far, so the range is "
            "wide). 2 offers declined by you, left out of the rate.");
}

// The funnel's intervals against statsmodels (tests/golden/wilson.json, written by
// scripts/golden/reference.py): every case there, as roles reaching the screen or not.
TEST(FunnelTest, IntervalsMatchStatsmodels) {
  std::ifstream in(KEEL_SOURCE_DIR "/tests/golden/wilson.json");
  ASSERT_TRUE(in.good());
  const nlohmann::json golden = nlohmann::json::parse(in);
  int checked = 0;
  for (const auto& c : golden["cases"]) {
    const int64_t yes = c["yes"].get<int64_t>(), n = c["n"].get<int64_t>();
    if (n > 500) continue;  // roles, not a hundred thousand of them
    std::vector<OpportunityStage> roles;
    for (int64_t i = 0; i < n; ++i) {
      roles.push_back(i < yes
                          ? RoleAt(Stage::kScreen, Stage::kScreen)
                          : RoleAt(i % 2 ? Stage::kRejected : Stage::kGhosted, Stage::kApplied));
    }
    const FunnelStep s = BuildFunnel(roles)[0];
    ASSERT_TRUE(s.wilson95.has_value());
    EXPECT_NEAR(s.wilson95->low, c["low"].get<double>(), 1e-12) << c.dump();
    EXPECT_NEAR(s.wilson95->high, c["high"].get<double>(), 1e-12) << c.dump();
    ++checked;
  }
  EXPECT_GE(checked, 10);
}

class PipelineStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { store_ = SqliteStore::Open(":memory:").value(); }

  Id Log(const char* org, const char* role, Kind kind, const char* on) {
    AskInput input;
    input.org = org;
    input.role = role;
    input.kind = kind;
    input.asked_on = Day(on);
    Result<LedgerChange> change = LogAsk(*store_, input, kPipelineToday);
    EXPECT_TRUE(change.ok()) << change.message();
    return change.ok() ? change->ask.id : 0;
  }

  void Answer(Id id, Outcome outcome, const char* on) {
    OutcomeInput input;
    input.id = id;
    input.outcome = outcome;
    if (on) input.on = Day(on);
    const Result<LedgerChange> r = RecordOutcome(*store_, input, kPipelineToday);
    ASSERT_TRUE(r.ok()) << r.message();
  }

  PipelineReport Build() {
    Result<PipelineReport> r = BuildPipeline(*store_, kPipelineToday, Horizon{});
    EXPECT_TRUE(r.ok()) << r.message();
    return r.ok() ? *r : PipelineReport{};
  }

  std::unique_ptr<SqliteStore> store_;
};

TEST_F(PipelineStoreTest, GroupsAsksByRoleAndReadsTheAnswerHistory) {
  const Id app = Log("Acme", "Analyst", Kind::kApplication, "2026-11-01");
  Answer(app, Outcome::kNotYet, "2026-11-03");
  Answer(app, Outcome::kYes, "2026-11-09");  // a later answer: the not-yet stays in history
  Log("Acme", "Engineer", Kind::kApplication, "2026-11-20");
  Log("Globex", "", Kind::kChat, "2026-11-20");  // no role: in no pipeline
  const PipelineReport r = Build();
  ASSERT_EQ(r.roles.size(), 2u);
  EXPECT_EQ(r.roles[0].role, "Engineer");
  EXPECT_EQ(r.roles[0].stage, Stage::kApplied);
  EXPECT_EQ(r.roles[1].role, "Analyst");
  EXPECT_EQ(r.roles[1].stage, Stage::kScreen);
  EXPECT_EQ(r.roles[1].since, Day("2026-11-09"));
}

TEST_F(PipelineStoreTest, AReopenedAnswerTakesItsStageBack) {
  const Id app = Log("Acme", "Analyst", Kind::kApplication, "2026-11-10");
  Answer(app, Outcome::kYes, "2026-11-12");
  EXPECT_EQ(Build().roles[0].stage, Stage::kScreen);
  Answer(app, Outcome::kPending, nullptr);  // reopen: the yes is taken back
  const PipelineReport r = Build();
  EXPECT_EQ(r.roles[0].stage, Stage::kApplied);
  EXPECT_EQ(r.roles[0].furthest, Stage::kApplied);
  EXPECT_EQ(r.roles[0].history.size(), 1u);
}

TEST_F(PipelineStoreTest, TheClosedSearchsOfferIsAccepted) {
  const Id offer = Log("Acme", "Analyst", Kind::kOffer, "2026-11-10");
  Answer(offer, Outcome::kYes, "2026-11-18");
  ASSERT_TRUE(CloseSearchOnOffer(*store_, offer, Day("2026-11-20"), kPipelineToday).ok());
  const PipelineReport r = Build();
  EXPECT_EQ(r.roles[0].stage, Stage::kAccepted);
  EXPECT_EQ(r.funnel[3].k, 1);
}

TEST_F(PipelineStoreTest, ASavedPostingIsASavedRoleAndJoinsItsRolesAsks) {
  PostingInput posting;
  posting.org = "Acme";
  posting.role = "Analyst";
  ASSERT_TRUE(AddPosting(*store_, posting, Day("2026-11-05")).ok());
  posting.org = "Globex";
  posting.role = "Engineer";
  ASSERT_TRUE(AddPosting(*store_, posting, Day("2026-11-06")).ok());
  PipelineReport r = Build();
  ASSERT_EQ(r.roles.size(), 2u);
  EXPECT_EQ(r.roles[0].org, "Acme");
  EXPECT_EQ(r.roles[0].stage, Stage::kSaved);
  EXPECT_EQ(r.roles[0].since, Day("2026-11-05"));
  ASSERT_EQ(r.roles[0].history.size(), 1u);
  EXPECT_EQ(r.roles[0].history[0].by, "saved");
  EXPECT_EQ(r.funnel[0].reached, 0);  // saving a role is no step of the funnel
  // Applying for it (named with other case) moves the same card.
  Log("acme", "analyst", Kind::kApplication, "2026-11-10");
  r = Build();
  ASSERT_EQ(r.roles.size(), 2u);
  EXPECT_EQ(r.roles[0].org, "Globex");
  EXPECT_EQ(r.roles[0].stage, Stage::kSaved);
  EXPECT_EQ(r.roles[1].org, "Acme");
  EXPECT_EQ(r.roles[1].stage, Stage::kApplied);
  ASSERT_EQ(r.roles[1].history.size(), 2u);
  EXPECT_EQ(r.roles[1].history[0].stage, Stage::kSaved);
  EXPECT_EQ(r.roles[1].history[0].on, Day("2026-11-05"));
  EXPECT_EQ(r.funnel[0].reached, 1);
}

TEST_F(PipelineStoreTest, JsonCarriesStagesRolesAndFunnel) {
  Log("Acme", "Analyst", Kind::kApplication, "2026-11-10");
  const Json j = PipelineJson(Build());
  EXPECT_EQ(j["stages"].size(), kStageNames.size());
  EXPECT_EQ(j["roles"][0]["stage"], "applied");
  EXPECT_EQ(j["roles"][0]["days_in_stage"], 16);
  EXPECT_EQ(j["roles"][0]["latest_step_ask"], 1);
  EXPECT_EQ(j["funnel"][0]["short"], "no answers yet");
}

}  // namespace
}  // namespace keel
