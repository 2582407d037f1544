// The full JSON backup: export -> import into an empty ledger -> export gives the same bytes on
// a ledger that holds every kind of record; bad files and non-empty ledgers are refused with
// one line that says where and what to do, and nothing is written.
#include "app/import_json.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "app/export.h"
#include "app/goal.h"
#include "app/ledger.h"
#include "app/postings.h"
#include "app/strategy.h"
#include "app/views.h"
#include "core/instant.h"
#include "store/sqlite_store.h"
#include "support/dates.h"
#include "themes/classifier.h"

namespace keel {
namespace {

const Date kImportJsonToday = Day("2026-11-26");

std::unique_ptr<Store> NewStore() {
  Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(":memory:");
  EXPECT_TRUE(store.ok()) << store.message();
  return store.ok() ? std::move(store).value() : nullptr;
}

std::string Export(Store& store) {
  Result<std::string> json = ExportJson(store, kImportJsonToday, 21, ThemeClassifier::BuiltIn());
  EXPECT_TRUE(json.ok()) << json.message();
  return json.ok() ? *json : "";
}

Id Log(Store& store, const char* org, const char* person, Kind kind, const char* on,
       std::vector<std::string> materials = {}) {
  AskInput input;
  input.org = org;
  input.person = person;
  input.kind = kind;
  input.asked_on = Day(on);
  input.role = kind == Kind::kApplication ? "Data Analyst" : "";
  input.materials = std::move(materials);
  input.facets.industry = "health";
  input.facets.salary = 72000;
  Result<LedgerChange> change = LogAsk(store, input, kImportJsonToday);
  EXPECT_TRUE(change.ok()) << change.message();
  return change.ok() ? change->ask.id : 0;
}

void Answer(Store& store, Id id, Outcome outcome, const char* on, const char* reason = nullptr,
            const char* until = nullptr, const char* theme = nullptr) {
  OutcomeInput input;
  input.id = id;
  input.outcome = outcome;
  if (on) input.on = Day(on);
  if (reason) input.reason = reason;
  if (until) input.until = Day(until);
  if (theme) input.theme = theme;
  Result<LedgerChange> change = RecordOutcome(store, input, kImportJsonToday);
  ASSERT_TRUE(change.ok()) << change.message();
}

// A ledger with every kind of record: answer histories, a reopened not-yet, a silence, theme
// overrides, follow-ups with notes, feedback, an action, described materials, strategy versions,
// a pivot, a gap in the ask ids (a deleted ask), postings (and a removed one's gap), a goal.
std::unique_ptr<Store> RichLedger() {
  std::unique_ptr<Store> store = NewStore();
  Store& s = *store;
  const Id a1 = Log(s, "Acme", "Dana Lee", Kind::kApplication, "2026-09-01", {"resume@v2"});
  const Id a2 = Log(s, "Globex", "", Kind::kChat, "2026-09-03");
  const Id gone = Log(s, "Initech", "", Kind::kIntro, "2026-09-04");
  const Id a4 = Log(s, "Umbrella", "Sam Roe", Kind::kFeedback, "2026-09-05", {"pitch@v1"});
  const Id a5 = Log(s, "Hooli", "", Kind::kReferral, "2026-09-06");
  const Id a6 = Log(s, "Stark", "", Kind::kApplication, "2026-09-07");
  const Id a7 = Log(s, "Wayne", "", Kind::kInterview, "2026-11-20");
  Answer(s, a1, Outcome::kNotYet, "2026-09-03", "ask me after the holidays", "2026-10-01");
  Answer(s, a1, Outcome::kYes, "2026-10-09", "we'd like to invite you to a phone screen");
  Answer(s, a2, Outcome::kNo, "2026-09-10", "we went with someone more senior", nullptr,
         "experience-level");
  Answer(s, a5, Outcome::kNotYet, "2026-09-08");
  Answer(s, a5, Outcome::kPending, nullptr);  // asked again
  Answer(s, a6, Outcome::kSilent, nullptr);
  EXPECT_TRUE(DeleteAsk(s, gone).ok());
  EXPECT_TRUE(FollowUp(s, a4, Day("2026-09-12"), "nudged on LinkedIn", kImportJsonToday).ok());
  EXPECT_TRUE(FollowUp(s, a7, Day("2026-11-24"), "", kImportJsonToday).ok());
  EXPECT_TRUE(s.BeginWrite("rest").ok());
  EXPECT_TRUE(s.AddFeedback(FeedbackRecord{0, a4, Day("2026-09-20"), "Your pitch is too long",
                                           std::string("materials")})
                  .ok());
  EXPECT_TRUE(s.AddAction(ActionRow{0, "shorter pitch", "materials", Day("2026-09-21")}).ok());
  const Id v = s.EnsureMaterialVersion({"pitch", "v2"}).value();
  EXPECT_TRUE(
      s.DescribeMaterialVersion(v, Day("2026-09-21"), std::string(64, 'a'), "shorter").ok());
  Strategy strategy;
  strategy.brand = "analyst who ships";
  strategy.deal_breakers.push_back(StrategyItem{"industry", "gambling", Day("2026-09-01")});
  EXPECT_TRUE(s.AddStrategyVersion(StrategyVersion{0, Day("2026-09-01"), "", "brand",
                                                   StrategyJson(strategy).dump()})
                  .ok());
  strategy.salary_floor = 60000;
  strategy.salary_floor_since = Day("2026-09-02");
  EXPECT_TRUE(s.AddStrategyVersion(StrategyVersion{0, Day("2026-09-02"), "", "floor",
                                                   StrategyJson(strategy).dump()})
                  .ok());
  EXPECT_TRUE(s.AddPivot(Pivot{0, a6, Day("2026-09-07"), "industry gambling", "a friend"}).ok());
  EXPECT_TRUE(s.Commit().ok());
  // Postings: one for a role with asks, one removed (an id gap), one saved before any ask.
  PostingInput posting;
  posting.org = "Acme";
  posting.role = "Data Analyst";
  posting.url = "https://acme.example/jobs/7";
  posting.deadline = "2026-12-20";
  posting.salary_range = "70000-80000";
  posting.location = "Berlin";
  posting.note = "Dana's team";
  EXPECT_TRUE(AddPosting(s, posting, Day("2026-08-30")).ok());
  PostingInput removed;
  removed.org = "Wayne";
  removed.role = "Analyst";
  EXPECT_TRUE(AddPosting(s, removed, kImportJsonToday).ok());
  PostingInput saved;
  saved.org = "Cyberdyne";
  saved.role = "ML Engineer";
  saved.description = std::string(400, 'x') + "\n\twhole, past any excerpt";
  EXPECT_TRUE(AddPosting(s, saved, Day("2026-11-02")).ok());
  EXPECT_TRUE(RemovePosting(s, 2).ok());  // after #3, so that #2 stays a gap
  EXPECT_TRUE(SetGoal(s, 3, Day("2026-11-09")).ok());
  return store;
}

TEST(ImportJsonTest, ExportImportExportGivesTheSameBytes) {
  std::unique_ptr<Store> original = RichLedger();
  const std::string exported = Export(*original);
  ASSERT_NE(exported.find("\"answers\""), std::string::npos);
  ASSERT_NE(exported.find("nudged on LinkedIn"), std::string::npos);
  std::unique_ptr<Store> restored = NewStore();
  Result<BackupReport> report = ImportBackup(*restored, exported, "backup.json", false);
  ASSERT_TRUE(report.ok()) << report.message();
  EXPECT_EQ(report->asks, 6);
  EXPECT_EQ(report->earlier_answers, 2);  // the not-yets before ask 1's yes and ask 5's reopening
  EXPECT_EQ(report->follow_ups, 2);
  EXPECT_EQ(report->feedback, 1);
  EXPECT_EQ(report->actions, 1);
  EXPECT_EQ(report->strategy_versions, 2);
  EXPECT_EQ(report->pivots, 1);
  EXPECT_EQ(report->postings, 2);
  ASSERT_NE(exported.find("whole, past any excerpt"), std::string::npos);
  ASSERT_NE(exported.find("\"asks_per_week\": 3"), std::string::npos);
  EXPECT_EQ(Export(*restored), exported);
  // The saved role is on the pipeline again, under its posting's id.
  Result<std::optional<Posting>> saved = restored->GetPosting(3);
  ASSERT_TRUE(saved.ok() && saved->has_value());
  EXPECT_EQ((*saved)->org, "Cyberdyne");
  EXPECT_EQ((*saved)->asks, 0);
  // The statistics are fed the same: the first answers and the waiting asks.
  EXPECT_EQ(restored->ReplyDelays()->size(), original->ReplyDelays()->size());
  EXPECT_EQ(restored->EarlierAnswers(0)->size(), original->EarlierAnswers(0)->size());
  // A restore is one change: undo takes it all back.
  ASSERT_TRUE(restored->UndoLast().value().has_value());
  EXPECT_TRUE(restored->ListAsks()->empty());
  EXPECT_TRUE(restored->Organizations()->empty());
}

TEST(ImportJsonTest, AnExportFromBeforeAnswerHistoriesStillRestores) {
  std::unique_ptr<Store> original = RichLedger();
  Json old = Json::parse(Export(*original));
  old.erase("follow_ups");
  for (Json& ask : old["asks"]) ask.erase("answers");
  std::unique_ptr<Store> restored = NewStore();
  Result<BackupReport> report = ImportBackup(*restored, old.dump(2), "old.json", false);
  ASSERT_TRUE(report.ok()) << report.message();
  EXPECT_EQ(report->earlier_answers, 0);
  EXPECT_EQ(report->follow_ups, 2);  // from the asks' dates, without notes
  EXPECT_EQ(restored->ListFollowUps()->at(0).note, "");
  EXPECT_EQ(restored->ListAsks()->size(), original->ListAsks()->size());
}

TEST(ImportJsonTest, DryRunWritesNothing) {
  const std::string exported = Export(*RichLedger());
  std::unique_ptr<Store> restored = NewStore();
  Result<BackupReport> report = ImportBackup(*restored, exported, "backup.json", true);
  ASSERT_TRUE(report.ok()) << report.message();
  EXPECT_EQ(report->asks, 6);
  EXPECT_TRUE(restored->ListAsks()->empty());
  EXPECT_FALSE(restored->UndoLast().value().has_value());
}

TEST(ImportJsonTest, ANonEmptyLedgerIsRefusedWithTheFix) {
  std::unique_ptr<Store> store = RichLedger();
  const std::string exported = Export(*store);
  Result<BackupReport> report = ImportBackup(*store, exported, "backup.json", false);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.message(),
            "this ledger already holds 6 asks; a backup restores a whole ledger, so it goes only "
            "into an empty one");
  EXPECT_EQ(report.error().hint, "keel --db NEW.db import backup.json restores it into a new one");
  EXPECT_EQ(Export(*store), exported);
}

TEST(ImportJsonTest, BadJsonSaysWhereInOneLine) {
  std::unique_ptr<Store> store = NewStore();
  Result<BackupReport> report = ImportBackup(*store, "{\"asks\": [1,]}", "b.json", false);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.message().find('\n'), std::string::npos);
  EXPECT_TRUE(report.message().starts_with("b.json is not valid JSON at byte 13: "))
      << report.message();
  // A huge bad token is not quoted whole.
  const std::string huge = "{\"asks\": [" + std::string(100000, 'x') + "]}";
  report = ImportBackup(*store, huge, "b.json", false);
  ASSERT_FALSE(report.ok());
  EXPECT_LT(report.message().size(), 400u);
  // A number beyond a double's range is valid JSON that the parser cannot hold: a refusal, not an
  // exception (fuzz/json_import_fuzz.cc found it: "666666E604000000000783").
  report = ImportBackup(*store, "{\"asks\": [1E999], \"materials\": []}", "b.json", false);
  ASSERT_FALSE(report.ok());
  EXPECT_TRUE(report.message().starts_with("b.json holds a number too large to read"))
      << report.message();
}

TEST(ImportJsonTest, ABadValueNamesItsPathAndWritesNothing) {
  std::string exported = Export(*RichLedger());
  const std::string kind = "\"kind\": \"chat\"";
  const size_t at = exported.find(kind);
  ASSERT_NE(at, std::string::npos);
  exported.replace(at, kind.size(), "\"kind\": \"coffee\"");
  std::unique_ptr<Store> store = NewStore();
  Result<BackupReport> report = ImportBackup(*store, exported, "b.json", false);
  ASSERT_FALSE(report.ok());
  EXPECT_TRUE(report.message().starts_with("b.json: asks[1].kind: ")) << report.message();
  EXPECT_EQ(report.message().find('\n'), std::string::npos);
  EXPECT_TRUE(store->ListAsks()->empty());
  EXPECT_TRUE(store->Organizations()->empty());
}

TEST(ImportJsonTest, ABadPostingNamesItsPathAndWritesNothing) {
  const std::string exported = Export(*RichLedger());
  struct Case {
    std::vector<std::pair<std::string, std::string>> edits;
    std::string path;
  };
  const std::vector<Case> cases = {
      {{{"\"salary_max\": 80000", "\"salary_max\": 100"}}, "postings[0]: "},
      {{{"\"Cyberdyne\"", "\"Acme\""}, {"\"ML Engineer\"", "\"Data Analyst\""}},
       "postings[1]: "},  // a second posting for one role
      {{{"\"url\": \"https://acme", "\"url\": \"ftp://acme"}}, "postings[0].url: "},
      {{{"\"saved_on\": \"2026-11-02\"", "\"saved_on\": null"}}, "postings[1].saved_on: "}};
  for (const Case& c : cases) {
    std::string bad = exported;
    for (const auto& [from, to] : c.edits) {
      const size_t at = bad.find(from);
      ASSERT_NE(at, std::string::npos) << from;
      bad.replace(at, from.size(), to);
    }
    std::unique_ptr<Store> store = NewStore();
    Result<BackupReport> report = ImportBackup(*store, bad, "b.json", false);
    ASSERT_FALSE(report.ok()) << c.path;
    EXPECT_TRUE(report.message().starts_with("b.json: " + c.path)) << report.message();
    EXPECT_TRUE(store->ListAsks()->empty());
    EXPECT_TRUE(store->ListPostings(0)->empty());
  }
}

TEST(ImportJsonTest, InterviewRoundsAreRestoredAndABadOneNamesItsPath) {
  const std::string exported = Export(*RichLedger());
  const std::string empty = "\"interviews\": []";
  ASSERT_NE(exported.find(empty), std::string::npos);
  const std::string good =
      R"({"id": 4, "ask_id": 1, "round": 2, "starts_at": "2026-12-03T14:30:00Z", )"
      R"("minutes": 45, "zone": "Europe/Berlin", "prep": "the take-home", "people": ["Ana Ortiz"]})";
  auto with = [&](const std::string& rounds) {
    std::string text = exported;
    text.replace(text.find(empty), empty.size(), "\"interviews\": [" + rounds + "]");
    return text;
  };
  std::unique_ptr<Store> store = NewStore();
  Result<BackupReport> report = ImportBackup(*store, with(good), "b.json", false);
  ASSERT_TRUE(report.ok()) << report.message();
  EXPECT_EQ(report->interviews, 1);
  const std::vector<InterviewRecord> rounds = store->ListInterviews(0, kEveryInterview).value();
  ASSERT_EQ(rounds.size(), 1U);
  EXPECT_EQ(rounds[0].id, 4);
  EXPECT_EQ(rounds[0].round, 2);
  EXPECT_EQ(rounds[0].minutes, 45);
  EXPECT_EQ(UtcIso(rounds[0].starts_at), "2026-12-03T14:30:00Z");
  ASSERT_EQ(rounds[0].people.size(), 1U);
  EXPECT_EQ(rounds[0].people[0].name, "Ana Ortiz");

  const std::vector<std::pair<std::string, std::string>> bad = {
      {R"("ask_id": 1)", R"("ask_id": 99)"},
      {R"("starts_at": "2026-12-03T14:30:00Z")", R"("starts_at": "2026-12-03 14:30")"},
      {R"("round": 2)", R"("round": 0)"},
      {R"("people": ["Ana Ortiz"])", R"("people": [""])"}};
  const std::vector<std::string> paths = {"interviews[0].ask_id: ", "interviews[0].starts_at: ",
                                          "interviews[0].round: ", "interviews[0].people[0]: "};
  for (size_t i = 0; i < bad.size(); ++i) {
    std::string round = good;
    round.replace(round.find(bad[i].first), bad[i].first.size(), bad[i].second);
    std::unique_ptr<Store> fresh = NewStore();
    Result<BackupReport> refused = ImportBackup(*fresh, with(round), "b.json", false);
    ASSERT_FALSE(refused.ok()) << paths[i];
    EXPECT_TRUE(refused.message().starts_with("b.json: " + paths[i])) << refused.message();
    EXPECT_TRUE(fresh->ListAsks()->empty());
  }
  std::unique_ptr<Store> twice = NewStore();
  Result<BackupReport> doubled = ImportBackup(*twice, with(good + ", " + good), "b.json", false);
  ASSERT_FALSE(doubled.ok());
  EXPECT_TRUE(doubled.message().starts_with("b.json: interviews[1].id: ")) << doubled.message();
}

TEST(ImportJsonTest, JsonThatIsNotABackupIsRefused) {
  std::unique_ptr<Store> store = NewStore();
  Result<BackupReport> report = ImportBackup(*store, "{\"rows\": []}", "x.json", false);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(
      report.message(),
      "x.json is JSON but not keel's own backup (no \"asks\" and \"materials\"); keel imports "
      "its own backup (JSON) or a CSV file");
  EXPECT_EQ(report.error().hint, "a backup is what keel export --format json writes");
}

TEST(ImportJsonTest, JsonIsToldFromCsvByNameOrFirstCharacter) {
  EXPECT_TRUE(IsJsonDocument("asked_on,org\n", "backup.JSON"));
  EXPECT_TRUE(IsJsonDocument("\xEF\xBB\xBF  \n{\"asks\": []}", "stdin"));
  EXPECT_FALSE(IsJsonDocument("asked_on,org\n", "mine.csv"));
  EXPECT_FALSE(IsJsonDocument("", "mine.csv"));
}

}  // namespace
}  // namespace keel
