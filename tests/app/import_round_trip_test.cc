// Export -> import -> export loses nothing, and the two published job-search logs import with
// the counts their authors reported.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/export.h"
#include "app/import.h"
#include "app/ledger.h"
#include "store/sqlite_store.h"
#include "support/dates.h"

namespace keel {
namespace {

using Counts = std::map<std::string, int64_t>;

const Date kRoundTripToday = Day("2026-11-26");

std::unique_ptr<Store> NewRoundTripStore() {
  Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(":memory:");
  EXPECT_TRUE(store.ok()) << store.message();
  return store.ok() ? std::move(store).value() : nullptr;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  return std::string(std::istreambuf_iterator<char>(in), {});
}

Id Log(Store& store, AskInput input) {
  const Result<LedgerChange> change = LogAsk(store, input, kRoundTripToday);
  EXPECT_TRUE(change.ok()) << change.message();
  return change.ok() ? change->ask.id : 0;
}

void Reply(Store& store, Id id, Outcome outcome, const char* on, std::string reason,
           std::optional<Date> until = std::nullopt) {
  OutcomeInput input;
  input.id = id;
  input.outcome = outcome;
  if (on != nullptr) input.on = Day(on);
  input.until = until;
  input.reason = std::move(reason);
  const Result<LedgerChange> change = RecordOutcome(store, input, kRoundTripToday);
  EXPECT_TRUE(change.ok()) << change.message();
}

// Exports `store`, imports that into a fresh store and exports again.
void ExpectByteIdenticalRoundTrip(Store& store, int64_t asks) {
  const Result<std::string> first = ExportCsv(store);
  ASSERT_TRUE(first.ok()) << first.message();
  std::unique_ptr<Store> copy = NewRoundTripStore();
  ImportOptions options;
  options.file_name = "export.csv";
  const Result<ImportReport> report = ImportCsv(*copy, *first, options, kRoundTripToday);
  ASSERT_TRUE(report.ok()) << report.message() << "\n" << *first;
  EXPECT_TRUE(report->keel_format);
  EXPECT_EQ(report->imported, asks);
  const Result<std::string> second = ExportCsv(*copy);
  ASSERT_TRUE(second.ok()) << second.message();
  EXPECT_EQ(*second, *first);
}

TEST(ImportRoundTripTest, AwkwardLedgerSurvivesExportAndImportByteForByte) {
  std::unique_ptr<Store> store = NewRoundTripStore();
  AskInput a;
  a.org = "Smith, \"Jones\" & Co";
  a.person = "Zoë O'Brien, PhD";
  a.kind = Kind::kReferral;
  a.channel = Channel::kLinkedin;
  a.asked_on = Day("2026-09-01");
  a.role = "Analyst, \"Senior\"";
  a.note = "line one\nline two, with a comma\r\nline \"three\"";
  a.materials = {"résumé@v2", "pitch@v1", "cover-letter@2026-09"};
  const Id first = Log(*store, a);
  Reply(*store, first, Outcome::kNo, "2026-09-15", "went with an internal candidate;\nsorry");
  ASSERT_TRUE(FollowUp(*store, first, Day("2026-09-08"), "nudge", kRoundTripToday).ok());
  ASSERT_TRUE(FollowUp(*store, first, Day("2026-09-05"), "", kRoundTripToday).ok());

  AskInput b;
  b.org = "東京 Labs";
  b.kind = Kind::kChat;
  b.channel = Channel::kColdEmail;
  b.asked_on = Day("2026-09-01");  // same day: order by id
  const Id second = Log(*store, b);
  Reply(*store, second, Outcome::kNotYet, "2026-09-10", "hiring freeze until Q1",
        Day("2027-01-15"));  // until in the future

  AskInput c = b;
  c.org = "Zürich Café";
  c.person = "Ana";
  c.asked_on = Day("2026-10-01");
  c.note = "=SUM(A1) and , and \"\"";
  const Id third = Log(*store, c);
  Reply(*store, third, Outcome::kSilent, nullptr, "");

  AskInput d;
  d.org = "smith, \"jones\" & co";  // the same organization, typed in lower case
  d.kind = Kind::kInterview;
  d.asked_on = Day("2026-10-02");
  d.materials = {"Résumé@v2"};
  const Id fourth = Log(*store, d);
  Reply(*store, fourth, Outcome::kYes, "2026-10-02", "");

  AskInput e;
  e.org = "Initech";
  e.asked_on = Day("2026-11-26");
  Log(*store, e);  // pending

  ExpectByteIdenticalRoundTrip(*store, 5);
}

// The writer quotes fields that begin or end with a space so that they survive; the reader must
// keep them too.
TEST(ImportRoundTripTest, TextWithSurroundingWhitespaceSurvives) {
  std::unique_ptr<Store> store = NewRoundTripStore();
  AskInput a;
  a.org = "Acme";
  a.asked_on = Day("2026-09-01");
  a.note = "  indented note, trailing space ";
  const Id id = Log(*store, a);
  Reply(*store, id, Outcome::kNo, "2026-09-02", "ends with a newline\n");
  ExpectByteIdenticalRoundTrip(*store, 1);
}

TEST(ImportRoundTripTest, EmptyLedger) {
  std::unique_ptr<Store> store = NewRoundTripStore();
  ExpectByteIdenticalRoundTrip(*store, 0);
}

TEST(RealLogsTest, JobApplicationStatisticsMerged) {
  std::unique_ptr<Store> store = NewRoundTripStore();
  ImportOptions options;
  options.file_name = "Merged.csv";
  const Result<ImportReport> report =
      ImportCsv(*store, ReadFile(KEEL_TEST_DATA "/real/job-application-statistics/Merged.csv"),
                options, kRoundTripToday);
  ASSERT_TRUE(report.ok()) << report.message();
  EXPECT_FALSE(report->keel_format);
  EXPECT_EQ(report->rows, 177);
  EXPECT_EQ(report->imported, 177);
  EXPECT_EQ(report->not_asks, 0);
  EXPECT_TRUE(report->skipped.empty());
  // "Ghosted" is the seeker's own verdict that no answer came: recorded silent.
  EXPECT_EQ(report->by_outcome, (Counts{{"no", 50}, {"silent", 114}, {"yes", 13}}));
  const Result<LedgerSummary> sum = store->Summarize(kRoundTripToday, kDefaultSilenceDays);
  ASSERT_TRUE(sum.ok());
  EXPECT_EQ(sum->asks, 177);
  EXPECT_EQ(sum->silent, 114);  // every "Ghosted" application is long past the horizon
  EXPECT_EQ(sum->first_ask, Day("2021-11-13"));
}

TEST(RealLogsTest, JobSearchEdaWithMapsAndValues) {
  std::unique_ptr<Store> store = NewRoundTripStore();
  ImportOptions options;
  options.file_name = "jsdata.csv";
  for (const char* map : {"application_status=outcome", "referral=channel"}) {
    options.maps.push_back(ParseMapArgument(map).value());
  }
  options.values.push_back(ParseValueArgument("channel:yes=referral").value());
  const Result<ImportReport> report = ImportCsv(
      *store, ReadFile(KEEL_TEST_DATA "/real/job-search-eda/jsdata.csv"), options, kRoundTripToday);
  ASSERT_TRUE(report.ok()) << report.message();
  EXPECT_EQ(report->rows, 88);
  EXPECT_EQ(report->imported, 55);
  EXPECT_EQ(report->not_asks, 33);
  EXPECT_EQ(report->by_outcome, (Counts{{"no", 18}, {"pending", 35}, {"yes", 2}}));
  EXPECT_TRUE(report->skipped.empty());
  const std::vector<Ask> asks = store->ListAsks().value();
  int64_t referrals = 0;
  for (const Ask& a : asks) referrals += a.channel == Channel::kReferral ? 1 : 0;
  EXPECT_EQ(referrals, 6);
  EXPECT_EQ(asks.front().asked_on, Day("2024-11-19"));
}

}  // namespace
}  // namespace keel
