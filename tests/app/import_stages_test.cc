// Import of other trackers' stage columns (ImportOptions::stages): each row's role ends at the
// stage the tracker showed, as keel pipeline derives it.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>

#include "app/import.h"
#include "app/pipeline.h"
#include "store/sqlite_store.h"

namespace keel {
namespace {

Date Day(const char* iso) { return ParseIsoDate(iso).value(); }

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
}

}  // namespace
}  // namespace keel
