#include "app/import.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "app/export.h"
#include "app/ledger.h"
#include "store/sqlite_store.h"
#include "support/dates.h"

namespace keel {
namespace {

using Counts = std::map<std::string, int64_t>;

std::unique_ptr<Store> NewImportStore() {
  Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(":memory:");
  EXPECT_TRUE(store.ok()) << store.message();
  return store.ok() ? std::move(store).value() : nullptr;
}

class ImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = NewImportStore();
    ASSERT_NE(store_, nullptr);
    options_.file_name = "f.csv";
  }

  Result<ImportReport> Import(std::string_view text) {
    return ImportCsv(*store_, text, options_, today_);
  }

  std::string Export() { return ExportCsv(*store_).value(); }

  void Map(std::string_view argument) {
    Result<std::pair<std::string, std::string>> map = ParseMapArgument(argument);
    ASSERT_TRUE(map.ok()) << map.message();
    options_.maps.push_back(*map);
  }
  void Value(std::string_view argument) {
    Result<ValueRule> rule = ParseValueArgument(argument);
    ASSERT_TRUE(rule.ok()) << rule.message();
    options_.values.push_back(*rule);
  }

  const Date today_ = Day("2026-11-26");
  ImportOptions options_;
  std::unique_ptr<Store> store_;
};

constexpr std::string_view kKeelHeader11 =
    "asked_on,org,person,kind,channel,outcome,replied_on,reason,materials,role,note\n";

TEST_F(ImportTest, KeelFormatIsReadExactly) {
  const Result<ImportReport> report =
      Import(std::string(kKeelHeader11) +
             "2026-11-02,Globex,Dana Scully,referral,linkedin,no,2026-11-10,\"budget, freeze\","
             "resume@v2;pitch@v1,Analyst,\"said \"\"later\"\"\"\n"
             "2026-11-03,globex,,chat,cold-email,,,,,,\n");
  ASSERT_TRUE(report.ok()) << report.message();
  EXPECT_TRUE(report->keel_format);
  EXPECT_EQ(report->rows, 2);
  EXPECT_EQ(report->imported, 2);
  EXPECT_EQ(report->new_orgs, 1);
  EXPECT_EQ(report->new_contacts, 1);
  EXPECT_EQ(report->by_outcome, (Counts{{"no", 1}, {"pending", 1}}));
  const Ask ask = store_->GetAsk(1).value().value();
  EXPECT_EQ(ask.org, "Globex");
  EXPECT_EQ(ask.person, "Dana Scully");
  EXPECT_EQ(ask.kind, Kind::kReferral);
  EXPECT_EQ(ask.channel, Channel::kLinkedin);
  EXPECT_EQ(ask.replied_on, Day("2026-11-10"));
  EXPECT_EQ(ask.reason, "budget, freeze");
  EXPECT_EQ(ask.materials, (std::vector<std::string>{"pitch@v1", "resume@v2"}));
  EXPECT_EQ(ask.role, "Analyst");
  EXPECT_EQ(ask.note, "said \"later\"");
  EXPECT_EQ(store_->GetAsk(2).value()->org, "Globex");
}

TEST_F(ImportTest, KeelFormatRefusesTrackerWordsAndSlashDates) {
  const std::string header(kKeelHeader11);
  const std::string rejected =
      Import(header + "2026-11-02,Acme,,chat,linkedin,Rejected,,,,,\n").message();
  EXPECT_PRED_FORMAT2(::testing::IsSubstring, "f.csv:2: ", rejected);
  EXPECT_PRED_FORMAT2(::testing::IsSubstring, "column 'outcome'", rejected);
  EXPECT_PRED_FORMAT2(::testing::IsSubstring, "'Rejected'", rejected);
  EXPECT_PRED_FORMAT2(::testing::IsSubstring, "pending, yes, no, not-yet, silent", rejected);
  EXPECT_PRED_FORMAT2(::testing::IsSubstring,
                      "f.csv:2: column 'asked_on': '11/2/2026' is not a date (expected YYYY-MM-DD)",
                      Import(header + "11/2/2026,Acme,,chat,linkedin,yes,,,,,\n").message());
  EXPECT_FALSE(Import(header + "2026-11-02,Acme,,,linkedin,yes,,,,,\n").ok());  // no kind
  EXPECT_FALSE(Import(header + "2026-11-02,Acme,,chat,Website,yes,,,,,\n").ok());
  EXPECT_FALSE(Import(header + "2026-11-02,Acme,,chat,linkedin,pending,2026-11-03,,,,\n").ok());
  EXPECT_FALSE(Import(header + "2026-11-02,Acme,,chat,linkedin,yes,,,resume,,\n").ok());
  EXPECT_EQ(Export(), std::string(KeelCsvHeader()) + "\n");
}

TEST_F(ImportTest, TrackerHeadersAreReadByAlias) {
  const Result<ImportReport> report = Import(
      "Company,Job Title,Date Applied,Status,Source,Notes\n"
      "Acme,Analyst,3/4/2026,Rejected,LinkedIn,first\n"
      "Globex,,2026-03-05,Interview,Company Site,\n"
      "Initech,,3/6/2026,Ghosted,ZipRecruiter,\n");
  ASSERT_TRUE(report.ok()) << report.message();
  EXPECT_FALSE(report->keel_format);
  EXPECT_EQ(report->columns, (std::vector<std::string>{
                                 "Company -> org", "Job Title -> role", "Date Applied -> asked_on",
                                 "Status -> outcome", "Source -> channel", "Notes -> note"}));
  // Ghosted is the seeker's own verdict that no answer came: recorded silent.
  EXPECT_EQ(report->by_outcome, (Counts{{"no", 1}, {"silent", 1}, {"yes", 1}}));
  const std::vector<Ask> asks = store_->ListAsks().value();
  ASSERT_EQ(asks.size(), 3u);
  EXPECT_EQ(asks[0].asked_on, Day("2026-03-04"));
  EXPECT_EQ(asks[0].kind, Kind::kApplication);  // trackers track applications
  EXPECT_EQ(asks[0].channel, Channel::kLinkedin);
  EXPECT_EQ(asks[0].role, "Analyst");
  EXPECT_EQ(asks[1].channel, Channel::kCompanySite);
  EXPECT_EQ(asks[2].channel, Channel::kJobBoard);
}

TEST_F(ImportTest, DayFirstSlashDates) {
  options_.slash_dates = SlashDateOrder::kDayFirst;
  ASSERT_TRUE(Import("Company,Date\nAcme,3/4/2026\n").ok());
  EXPECT_EQ(store_->GetAsk(1).value()->asked_on, Day("2026-04-03"));
}

TEST(ImportArgumentsTest, ParseMapArgument) {
  const auto map = ParseMapArgument("Date sent=asked_on");
  ASSERT_TRUE(map.ok()) << map.message();
  EXPECT_EQ(map->first, "Date sent");
  EXPECT_EQ(map->second, "asked_on");
  EXPECT_EQ(ParseMapArgument("a=b=org")->first, "a=b");
  for (const char* bad : {"Date sent", "=org", "Date sent="}) {
    const auto result = ParseMapArgument(bad);
    ASSERT_FALSE(result.ok()) << bad;
    EXPECT_EQ(result.message(),
              std::string("'") + bad + "' should be COLUMN=FIELD, like 'Date sent=asked_on'");
    EXPECT_EQ(result.field(), "map");  // the CLI puts --map before it
  }
}

TEST(ImportArgumentsTest, ParseValueArgument) {
  const auto rule = ParseValueArgument("outcome: Ghosted = pending");
  ASSERT_TRUE(rule.ok()) << rule.message();
  EXPECT_EQ(rule->field, Field::kOutcome);
  EXPECT_EQ(rule->text, "Ghosted");
  EXPECT_EQ(rule->value, "pending");
  EXPECT_EQ(ParseValueArgument("channel:yes=referral")->field, Field::kChannel);
  EXPECT_EQ(ParseValueArgument("outcome:Ghosted=pending").ok(), true);
  const auto no_colon = ParseValueArgument("Ghosted=pending");
  ASSERT_FALSE(no_colon.ok());
  EXPECT_EQ(no_colon.message(),
            "'Ghosted=pending' should be FIELD:TEXT=VALUE, like 'outcome:Ghosted=pending'");
  EXPECT_EQ(no_colon.field(), "value");
  EXPECT_FALSE(ParseValueArgument("outcome:Ghosted").ok());
  EXPECT_FALSE(ParseValueArgument("outcome=x:y").ok());
  const auto bad_field = ParseValueArgument("mood:sad=no");
  ASSERT_FALSE(bad_field.ok());
  EXPECT_PRED_FORMAT2(::testing::IsSubstring, "'mood' is not a field", bad_field.message());
  EXPECT_FALSE(ParseValueArgument("ignore:x=y").ok());
}

TEST_F(ImportTest, MapAndValueReadAnyTracker) {
  Map("Firm=org");
  Map("When=asked_on");
  Map("State=outcome");
  Map("Referred=channel");
  Value("outcome:Nope=no");
  Value("channel:yes=referral");
  const Result<ImportReport> report = Import(
      "Firm,When,State,Referred\n"
      "Acme,2026-01-05,Nope,Yes\n"
      "Globex,2026-01-06,,\n");
  ASSERT_TRUE(report.ok()) << report.message();
  const std::vector<Ask> asks = store_->ListAsks().value();
  ASSERT_EQ(asks.size(), 2u);
  EXPECT_EQ(asks[0].org, "Acme");
  EXPECT_EQ(asks[0].outcome, Outcome::kNo);
  EXPECT_EQ(asks[0].channel, Channel::kReferral);
  EXPECT_EQ(asks[1].outcome, Outcome::kPending);
  EXPECT_EQ(asks[1].channel, Channel::kOther);
}

TEST_F(ImportTest, MapErrorsNameTheProblem) {
  Map("Nope=org");
  // In the page's words; "the reading" / "the rule" is where the CLI puts --map / --value.
  Result<ImportReport> r = Import("Company,Date\nAcme,2026-01-05\n");
  EXPECT_EQ(r.message(),
            "f.csv: the reading 'Nope=org': the file has no column 'Nope'; its columns are: "
            "Company, Date");
  EXPECT_EQ(r.error().field, "map");
  EXPECT_EQ(r.error().subject, "the reading");
  options_.maps = {{"Company", "firm"}};
  EXPECT_PRED_FORMAT2(::testing::IsSubstring, "the reading 'Company=firm': 'firm' is not a field",
                      Import("Company,Date\nAcme,2026-01-05\n").message());
  options_.maps.clear();
  Value("channel:yes=referral");
  r = Import("Company,Date\nAcme,2026-01-05\n");
  EXPECT_EQ(r.message(),
            "the rule 'channel:yes=referral': no column is read as channel; choose the column to "
            "read as channel");
  EXPECT_EQ(r.error().subject, "the rule");
  EXPECT_EQ(r.error().hint, "--map COLUMN=channel names it");
}

TEST_F(ImportTest, ConflictingAliasesAreAnErrorWithTheFix) {
  const std::string text = "Company,Employer,Date\nAcme,Acme Inc,2026-01-05\n";
  const Result<ImportReport> both = Import(text);
  EXPECT_EQ(both.message(),
            "f.csv: columns 'Company' and 'Employer' both look like the org; read one of them as "
            "the org and ignore the other");
  EXPECT_EQ(both.error().hint, "--map 'Employer'=org --map 'Company'=ignore does that");
  Map("Employer=org");
  Map("Company=ignore");
  ASSERT_TRUE(Import(text).ok());
  EXPECT_EQ(store_->GetAsk(1).value()->org, "Acme Inc");
}

TEST_F(ImportTest, MissingOrganizationOrDateColumnIsAnError) {
  EXPECT_EQ(Import("Date,Status\n2026-01-05,Rejected\n").message(),
            "f.csv: no column for the organization (looked for headers like company, employer, "
            "organization); choose the column to read as org");
  EXPECT_EQ(Import("Company,Status\nAcme,Rejected\n").message(),
            "f.csv: no column for the ask date (looked for headers like date applied, date sent, "
            "submitted); choose the column to read as asked_on");
  EXPECT_PRED_FORMAT2(::testing::IsSubstring, "f.csv is empty", Import("").message());
}

constexpr std::string_view kBadDateFile =
    "Company,Date sent,Response?\n"
    "Acme,11/14/2021,Rejected\n"
    "Globex,13/45/2021,Ghosted\n"
    "Initech,2026-12-01,Ghosted\n"
    "Umbrella,11/15/2021,Interview\n";

TEST_F(ImportTest, BadDateStopsTheImportWithNothingWritten) {
  const Result<ImportReport> report = Import(kBadDateFile);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.message(),
            "f.csv:3: column 'Date sent': '13/45/2021' is not a date (expected YYYY-MM-DD, "
            "M/D/YYYY, D.M.YYYY or Oct 1, 2026); fix the row, or skip bad rows to import the rest");
  EXPECT_EQ(report.error().hint, "--skip-bad does that");
  EXPECT_TRUE(store_->ListAsks()->empty());
  EXPECT_TRUE(store_->Organizations()->empty());
  EXPECT_FALSE(Undo(*store_)->has_value());
}

TEST_F(ImportTest, SkipBadImportsTheRestAndListsWhatItSkipped) {
  options_.skip_bad = true;
  const Result<ImportReport> report = Import(kBadDateFile);
  ASSERT_TRUE(report.ok()) << report.message();
  EXPECT_EQ(report->rows, 4);
  EXPECT_EQ(report->imported, 2);
  ASSERT_EQ(report->skipped.size(), 2u);
  EXPECT_EQ(report->skipped[0],
            "f.csv:3: column 'Date sent': '13/45/2021' is not a date (expected YYYY-MM-DD, "
            "M/D/YYYY, D.M.YYYY or Oct 1, 2026)");
  EXPECT_PRED_FORMAT2(::testing::IsSubstring, "f.csv:4: column 'Date sent': ", report->skipped[1]);
  EXPECT_PRED_FORMAT2(::testing::IsSubstring, "after today (2026-11-26)", report->skipped[1]);
  EXPECT_EQ(store_->Organizations()->size(), 2u);  // nothing of a skipped row is written
}

TEST_F(ImportTest, DryRunReportsButWritesNothing) {
  options_.dry_run = true;
  const Result<ImportReport> report =
      Import("Company,Date sent,Response?\nAcme,11/14/2021,Rejected\nGlobex,11/15/2021,Offer\n");
  ASSERT_TRUE(report.ok()) << report.message();
  EXPECT_TRUE(report->dry_run);
  EXPECT_EQ(report->imported, 2);
  EXPECT_EQ(report->new_orgs, 2);
  EXPECT_EQ(report->by_outcome, (Counts{{"no", 1}, {"yes", 1}}));
  EXPECT_EQ(Export(), std::string(KeelCsvHeader()) + "\n");
  EXPECT_TRUE(store_->Organizations()->empty());
  EXPECT_FALSE(Undo(*store_)->has_value());
}

TEST_F(ImportTest, RowsThatAreNotAsksAreCountedNotImported) {
  const Result<ImportReport> report = Import(
      "Company,Date submitted,Application status\n"
      "Acme,11/19/2024,No response to application\n"
      "Globex,,Didn't apply\n"
      "Initech,,Need to apply\n"
      "Umbrella,,Didn't apply\n");
  ASSERT_TRUE(report.ok()) << report.message();
  EXPECT_EQ(report->rows, 4);
  EXPECT_EQ(report->imported, 1);
  EXPECT_EQ(report->not_asks, 3);
  EXPECT_EQ(report->not_ask_words, (Counts{{"Didn't apply", 2}, {"Need to apply", 1}}));
  EXPECT_EQ(store_->ListAsks()->size(), 1u);
}

TEST_F(ImportTest, SameCompanyWrittenTwoWaysIsKeptApartWithANotice) {
  const Result<ImportReport> report = Import(
      "Company,Date\nAcme Corp,2026-01-05\nacme corp,2026-01-06\n\"ACME, Inc\",2026-01-07\n");
  ASSERT_TRUE(report.ok()) << report.message();
  EXPECT_EQ(report->new_orgs, 2);  // "acme corp" is "Acme Corp"; "ACME, Inc" is kept apart
  ASSERT_EQ(report->notices.size(), 1u);
  EXPECT_PRED_FORMAT2(::testing::IsSubstring, "f.csv:4: 'ACME, Inc' looks like 'Acme Corp'",
                      report->notices[0]);
}

TEST_F(ImportTest, UndoTakesBackAWholeImport) {
  AskInput input;
  input.org = "Acme";
  input.asked_on = Day("2026-01-01");
  ASSERT_TRUE(LogAsk(*store_, input, today_).ok());
  const std::string before = Export();
  // Rows for a known organization and for new ones, interleaved.
  ASSERT_TRUE(Import("Company,Date,Contact\n"
                     "Acme,2026-01-02,Dana\n"
                     "Globex,2026-01-03,Fox\n"
                     "Acme,2026-01-04,\n")
                  .ok());
  const Result<std::optional<UndoneChange>> undone = Undo(*store_);
  ASSERT_TRUE(undone.ok()) << undone.message();
  ASSERT_TRUE(undone->has_value());
  EXPECT_EQ((*undone)->summary, "import f.csv");
  EXPECT_EQ(Export(), before);
  EXPECT_EQ(store_->Organizations()->size(), 1u);
}

TEST_F(ImportTest, TheSameFileTwiceAddsNothingTheSecondTime) {
  const std::string_view file =
      "Company,Title,Status,Date Applied,Response Date,Notes\n"
      "Acme,Analyst,Rejected,2026-10-01,2026-10-05,a\n"
      "Globex,Engineer,Applied,2026-10-02,,\n"
      "Globex,Engineer,Applied,2026-10-02,,\n";
  Result<ImportReport> first = Import(file);
  ASSERT_TRUE(first.ok()) << first.message();
  EXPECT_EQ(first->imported, 3);
  EXPECT_EQ(first->repeated_in_file.count, 1);
  EXPECT_EQ(first->repeated_in_file.lines, std::vector<int>{4});
  Result<ImportReport> second = Import(file);
  ASSERT_TRUE(second.ok()) << second.message();
  EXPECT_EQ(second->imported, 0);
  EXPECT_EQ(second->already_in_ledger.count, 3);
  EXPECT_EQ(second->repeated_in_file.count, 0);
  EXPECT_EQ(store_->ListAsks().value().size(), 3u);
  // A third identical row finds no unmatched ask left: it is new.
  Result<ImportReport> third = Import(
      "Company,Title,Status,Date Applied\nGlobex,Engineer,Applied,2026-10-02\n"
      "Globex,Engineer,Applied,2026-10-02\nGlobex,Engineer,Applied,2026-10-02\n");
  ASSERT_TRUE(third.ok()) << third.message();
  EXPECT_EQ(third->already_in_ledger.count, 2);
  EXPECT_EQ(third->imported, 1);
}

TEST_F(ImportTest, AChangedAnswerIsNotASecondAsk) {
  ASSERT_TRUE(Import("Company,Status,Date Applied\nAcme,Applied,2026-10-01\n").ok());
  Result<ImportReport> later = Import("Company,Status,Date Applied\nacme ,Rejected,2026-10-01\n");
  ASSERT_TRUE(later.ok()) << later.message();
  EXPECT_EQ(later->imported, 0);
  EXPECT_EQ(later->answer_differs.count, 1);
  EXPECT_EQ(store_->ListAsks().value().size(), 1u);
}

TEST_F(ImportTest, AllowDuplicatesImportsAnyway) {
  const std::string_view file = "Company,Date Applied\nAcme,2026-10-01\n";
  ASSERT_TRUE(Import(file).ok());
  options_.allow_duplicates = true;
  Result<ImportReport> again = Import(file);
  ASSERT_TRUE(again.ok()) << again.message();
  EXPECT_EQ(again->imported, 1);
  EXPECT_EQ(again->already_in_ledger.count, 0);
  EXPECT_EQ(store_->ListAsks().value().size(), 2u);
}

TEST_F(ImportTest, KeelsOwnExportReimportedAddsNothing) {
  ASSERT_TRUE(Import("Company,Contact,Title,Status,Date Applied,Response Date,Source\n"
                     "Acme,Dana,Analyst,Rejected,2026-10-01,2026-10-05,LinkedIn\n"
                     "Globex,,Engineer,Withdrawn,2026-10-02,2026-10-09,\n")
                  .ok());
  Result<ImportReport> again = Import(Export());
  ASSERT_TRUE(again.ok()) << again.message();
  EXPECT_EQ(again->imported, 0);
  EXPECT_EQ(again->already_in_ledger.count, 2);
}

TEST_F(ImportTest, SemicolonFileWithIgnoredColumnsAndWithdrawal) {
  Result<ImportReport> r = Import(
      "Company;Stage;Date Applied;URL;;Salary\n"
      "Acme;I Withdrew;5 Oct 2026;https://a;;\n"
      "Globex;Interviewing;2026-10-06T10:00:00Z;;;\n");
  ASSERT_TRUE(r.ok()) << r.message();
  EXPECT_EQ(r->delimiter, ';');
  EXPECT_EQ(r->ignored_columns, (std::vector<std::string>{"URL", "(column 5, no name)"}));
  EXPECT_EQ(r->by_outcome, (Counts{{"withdrawn", 1}, {"yes", 1}}));
  const std::vector<Ask> asks = store_->ListAsks().value();
  ASSERT_EQ(asks.size(), 2u);
  EXPECT_EQ(asks[0].asked_on, Day("2026-10-05"));
  EXPECT_EQ(asks[0].outcome, Outcome::kWithdrawn);
  EXPECT_EQ(asks[1].asked_on, Day("2026-10-06"));
}

TEST_F(ImportTest, AnUnknownOutcomeIsAnErrorNamingItNeverPending) {
  Result<ImportReport> r = Import("Company,Status,Date Applied\nAcme,Archived,2026-10-01\n");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.message().find("'Archived' is not an outcome"), std::string::npos) << r.message();
  EXPECT_NE(r.message().find("with a rule 'outcome:Archived=no'"), std::string::npos);
  // The page shows it by the rules' box; the CLI says --value where the message says "a rule".
  EXPECT_EQ(r.error().field, "value");
  EXPECT_EQ(r.error().subject, "a rule");
  EXPECT_TRUE(store_->ListAsks().value().empty());
}

TEST_F(ImportTest, EveryDateColumnReadsTheSameForms) {
  Result<ImportReport> r = Import(
      "Company,Status,Date Applied,Response Date,Until,Follow Ups\n"
      "Acme,Not yet,Oct 1 2026,10/05/2026,Dec 24 2026,2026/10/03\n");
  ASSERT_TRUE(r.ok()) << r.message();
  const Ask a = store_->ListAsks().value().at(0);
  EXPECT_EQ(a.asked_on, Day("2026-10-01"));
  EXPECT_EQ(a.replied_on, Day("2026-10-05"));
  EXPECT_EQ(a.until, Day("2026-12-24"));
  EXPECT_EQ(a.follow_ups, std::vector<Date>{Day("2026-10-03")});
}

}  // namespace
}  // namespace keel
