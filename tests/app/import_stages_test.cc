// Import of other trackers' stage columns (ImportOptions::stages): each row's role ends at the
// stage the tracker showed, as keel pipeline derives it.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "app/import.h"
#include "app/pipeline.h"
#include "store/sqlite_store.h"
#include "support/dates.h"

namespace keel {
namespace {

TEST(StageWordTest, InterviewAndOfferWordsAreStagesOthersAreOutcomesOnly) {
  EXPECT_EQ(InterpretStageWord("Interviewing"), TrackerStage::kInterview);
  EXPECT_EQ(InterpretStageWord("Interview"), TrackerStage::kInterview);
  EXPECT_EQ(InterpretStageWord("Offer"), TrackerStage::kOffer);
  EXPECT_EQ(InterpretStageWord("Negotiating"), TrackerStage::kOffer);
  EXPECT_EQ(InterpretStageWord("Declined offer"), TrackerStage::kDeclinedOffer);
  for (const char* word :
       {"Applied", "Screen", "Rejected", "Withdrawn", "Ghosted", "Wishlist", "Inter + Rejec", ""}) {
    EXPECT_FALSE(InterpretStageWord(word).has_value()) << word;
  }
}

std::map<std::string, std::string> StagesAfterImport(bool stages) {
  std::unique_ptr<SqliteStore> store = SqliteStore::Open(":memory:").value();
  ImportOptions options;
  options.file_name = "board.csv";
  options.stages = stages;
  const Date today = Day("2026-11-26");
  const Result<ImportReport> r = ImportCsv(*store,
                                           "Company,Job Title,Stage,Date Applied,Response Date\n"
                                           "Stark,Staff Engineer,Wishlist,,\n"
                                           "Hooli,SRE,Applied,2026-11-20,\n"
                                           "Acme,Analyst,Screen,2026-10-01,2026-10-05\n"
                                           "Cyberdyne,ML,Interview,2026-11-01,2026-11-10\n"
                                           "Wayne,Analyst,Offer,2026-09-01,2026-10-08\n"
                                           "Tyrell,Designer,Declined offer,2026-09-05,2026-10-20\n"
                                           "Globex,Engineer,Rejected,2026-10-02,2026-10-20\n"
                                           "Umbrella,QA,Withdrawn,2026-10-01,2026-10-15\n"
                                           "Initech,PM,Ghosted,2026-09-01,\n"
                                           "Nostage,Dev,Interview,2026-11-15,\n",
                                           options, today);
  EXPECT_TRUE(r.ok()) << r.message();
  std::map<std::string, std::string> out;
  if (!r.ok()) return out;
  if (stages) {
    EXPECT_EQ(r->stage_asks.at("interview"), 2);
    EXPECT_EQ(r->stage_asks.at("offer"), 2);
  } else {
    EXPECT_TRUE(r->stage_asks.empty());
  }
  // The asks a stage adds carry no reply time: the no-reply curve counts the file's replies only.
  const Result<std::vector<DayCount>> delays = store->ReplyDelays();
  EXPECT_TRUE(delays.ok());
  int64_t replies = 0;
  for (const DayCount& d : *delays) replies += d.n;
  // The rows' own dated answers (Acme, Cyberdyne, Wayne and Tyrell's yes, Globex's no), with or
  // without the stage asks.
  EXPECT_EQ(replies, 5);
  const Result<PipelineReport> p = BuildPipeline(*store, today, Horizon{});
  EXPECT_TRUE(p.ok()) << p.message();
  for (const OpportunityStage& o : p->roles) out[o.org] = StageLabel(o.stage, o.round);
  return out;
}

TEST(ImportStagesTest, EachRoleEndsAtTheTrackersStage) {
  const std::map<std::string, std::string> stages = StagesAfterImport(true);
  const std::map<std::string, std::string> expected = {
      {"Stark", "saved"},  // the Wishlist row, kept as a posting
      {"Hooli", "applied"},
      {"Acme", "screen"},
      {"Cyberdyne", "interview"},
      {"Wayne", "offer"},
      {"Tyrell", "declined by you"},
      {"Globex", "closed by them"},
      {"Umbrella", "withdrawn by you"},
      {"Initech", "silent"},
      {"Nostage", "interview"}};  // no reply date: the interview is dated the application's day
  EXPECT_EQ(stages, expected);
}

TEST(ImportStagesTest, WithoutStagesAnInterviewRowIsTheApplicationsYes) {
  const std::map<std::string, std::string> stages = StagesAfterImport(false);
  EXPECT_EQ(stages.at("Cyberdyne"), "screen");
  EXPECT_EQ(stages.at("Wayne"), "screen");
  EXPECT_EQ(stages.count("Stark"), 0u);  // a Wishlist row is left out, as before
}

TEST(StageWordTest, SavedWordsAreTheRolesKeptBeforeApplying) {
  for (const char* word : {"Wishlist", "Saved", "bookmarked", "To apply", "Need to apply"}) {
    EXPECT_TRUE(IsSavedStageWord(word)) << word;
  }
  for (const char* word : {"Didn't apply", "Skip", "Applied", "Interview", ""}) {
    EXPECT_FALSE(IsSavedStageWord(word)) << word;
  }
}

TEST(ImportStagesTest, ASavedRowWithARoleIsKeptAsAPostingOnce) {
  std::unique_ptr<SqliteStore> store = SqliteStore::Open(":memory:").value();
  ImportOptions options;
  options.file_name = "board.csv";
  options.stages = true;
  const Date today = Day("2026-11-26");
  constexpr std::string_view kFile =
      "Company,Job Title,Stage,Date Applied,Location,Notes\n"
      "Stark,Staff Engineer,Wishlist,,Berlin,Dana's team\n"
      "Wayne,Analyst,Saved,2026-11-02,,\n"
      "Nobody,,Wishlist,,,\n"              // no role: nothing to keep
      "Tyrell,Designer,Didn't apply,,,\n"  // decided against: not a saved role
      "Hooli,SRE,Applied,2026-11-20,,\n";
  Result<ImportReport> r = ImportCsv(*store, kFile, options, today);
  ASSERT_TRUE(r.ok()) << r.message();
  EXPECT_EQ(r->imported, 1);
  EXPECT_EQ(r->saved_postings, 2);
  EXPECT_EQ(r->not_asks, 2);
  const std::vector<Posting> postings = store->ListPostings(0).value();
  ASSERT_EQ(postings.size(), 2u);
  EXPECT_EQ(postings[0].org, "Stark");
  EXPECT_EQ(postings[0].record.saved_on, today);  // no date: saved today
  EXPECT_EQ(postings[0].record.location, "Berlin");
  EXPECT_EQ(postings[0].record.note, "Dana's team");
  EXPECT_EQ(postings[1].org, "Wayne");
  EXPECT_EQ(postings[1].record.saved_on, Day("2026-11-02"));
  // Again: the roles already have their postings.
  r = ImportCsv(*store, kFile, options, today);
  ASSERT_TRUE(r.ok()) << r.message();
  EXPECT_EQ(r->saved_postings, 0);
  EXPECT_EQ(r->postings_already_kept, 2);
  EXPECT_EQ(store->ListPostings(0)->size(), 2u);
}

}  // namespace
}  // namespace keel
