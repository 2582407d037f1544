// In-process micro-benchmarks of the code on keel's hot paths: parsing CSV and dates (import),
// matching names (every `keel ask` with a new organization), reading a reason's theme (every
// answer with a reason, every imported row), and the SQL behind `keel import` and
// `keel status` on an in-memory database (no process start, no file system).
//
// Run: build/bench/bench/keel_micro_bench [--benchmark_min_time=0.1]
#include <benchmark/benchmark.h>

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/import.h"
#include "app/names.h"
#include "core/date.h"
#include "io/csv.h"
#include "store/sqlite_store.h"
#include "themes/classifier.h"

namespace keel {
namespace {

Date Today() { return *ParseIsoDate("2026-11-26"); }

// A keel CSV export of `rows` asks, in the shape bench/gen_history.py writes (quoted reasons with
// commas and quotes, materials, follow-ups), deterministic and without I/O.
std::string KeelCsv(int rows) {
  static const char* const kOrgs[] = {
      "Acme", "Globex", "Initech Labs", "Umbrella Health", "Northwind Analytics", "Blue Harbor"};
  static const char* const kReasons[] = {"", "position filled",
                                         "\"went with another candidate, sorry\"",
                                         "\"They said \"\"overqualified\"\"\""};
  static const char* const kOutcomes[] = {"pending", "no", "silent", "yes"};
  std::string out =
      "asked_on,org,person,kind,channel,outcome,replied_on,reason,materials,role,note,until,"
      "follow_ups\n";
  const Date start = Today() - 740;  // replies come up to 8 days later
  for (int i = 0; i < rows; ++i) {
    const auto u = static_cast<uint32_t>(i);
    const Date asked = start + static_cast<int32_t>(u * 730 / static_cast<uint32_t>(rows));
    const char* outcome = kOutcomes[u % 4];
    const bool replied = (u % 4) == 1 || (u % 4) == 3;
    out += asked.ToIso();
    out += ',';
    // About N/5 organizations; one in six has a comma in its name and is quoted.
    const uint32_t org = u % static_cast<uint32_t>(rows / 5 + 1);
    out += org % 6 == 1 ? "\"" : "";
    out += kOrgs[org % 6];
    out += ' ';
    out += std::to_string(org);
    out += org % 6 == 1 ? ", Inc.\"" : "";
    out += ",,application,job-board,";
    out += outcome;
    out += ',';
    if (replied) out += (asked + static_cast<int32_t>(u % 9)).ToIso();
    out += ',';
    out += replied ? kReasons[u % 4] : "";
    out += ",resume@v";
    out += std::to_string(1 + u % 4);
    out += ",Data Analyst,,,";
    if (u % 8 == 0) out += (asked + 3).ToIso();
    out += '\n';
  }
  return out;
}

void BM_CsvReaderParse(benchmark::State& state) {
  const std::string text = KeelCsv(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    CsvReader reader(text);
    CsvRecord rec;
    int64_t records = 0;
    while (reader.Next(&rec)) ++records;
    if (records != state.range(0) + 1 || !reader.error().empty()) {
      state.SkipWithError(("unexpected CSV parse: " + reader.error()).c_str());
      break;
    }
    benchmark::DoNotOptimize(records);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_CsvReaderParse)->Arg(10000);

void BM_AppendCsvRow(benchmark::State& state) {
  const std::vector<std::string> fields = {"2026-11-26",
                                           "Globex, Inc.",
                                           "",
                                           "application",
                                           "job-board",
                                           "no",
                                           "2026-11-28",
                                           "They said \"overqualified\"",
                                           "resume@v2",
                                           "Data Analyst",
                                           "",
                                           "",
                                           ""};
  std::string out;
  for (auto _ : state) {
    out.clear();
    for (int i = 0; i < 1000; ++i) AppendCsvRow(&out, fields);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * 1000);
}
BENCHMARK(BM_AppendCsvRow);

void BM_ParseIsoDate(benchmark::State& state) {
  std::vector<std::string> dates;
  for (int32_t d = 0; d < 1024; ++d) dates.push_back((Today() - d).ToIso());
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(ParseIsoDate(dates[i++ & 1023]));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseIsoDate);

void BM_DateToIso(benchmark::State& state) {
  int32_t d = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize((Today() - (d++ & 1023)).ToIso());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DateToIso);

// `keel ask` with a new organization compares its name with every existing one.
void BM_NearMissScan(benchmark::State& state) {
  std::vector<std::string> names;
  for (int64_t i = 0; i < state.range(0); ++i) {
    names.push_back("Northwind Analytics " + std::to_string(i) + " Inc");
  }
  for (auto _ : state) {
    int hits = 0;
    for (const std::string& other : names) hits += IsNearMiss("Brand New Org Ltd", other) ? 1 : 0;
    benchmark::DoNotOptimize(hits);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_NearMissScan)->Arg(2000);

// Reading a reason's theme: the built-in rules and model on texts of the shapes people write.
// (This was a timed unit test once; timings belong here, not in the test suite.)
void BM_ClassifyReason(benchmark::State& state) {
  static const char* const kTexts[] = {
      "We decided to go with a candidate who has more Tableau experience",
      "you interviewed well, but you're a bit junior for this one",
      "The position has been filled internally",
      "Thank you for your interest. After careful consideration we will not be moving forward.",
      "We received an overwhelming number of applications",
      "the hiring freeze means we cannot open the role this quarter"};
  const ThemeClassifier& classifier = ThemeClassifier::BuiltIn();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(classifier.Classify(kTexts[i++ % std::size(kTexts)]));
  }
}
BENCHMARK(BM_ClassifyReason);

std::unique_ptr<SqliteStore> MemoryStore() {
  Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(":memory:");
  if (!store.ok()) throw std::runtime_error(store.message());
  return std::move(store).value();
}

// Import into a fresh in-memory database: parsing, validation, name maps and the inserts.
void BM_ImportCsvMemory(benchmark::State& state) {
  const std::string text = KeelCsv(static_cast<int>(state.range(0)));
  ImportOptions opt;
  opt.file_name = "bench.csv";
  for (auto _ : state) {
    state.PauseTiming();
    std::unique_ptr<SqliteStore> store = MemoryStore();
    state.ResumeTiming();
    Result<ImportReport> report = ImportCsv(*store, text, opt, Today());
    if (!report.ok()) {
      state.SkipWithError(report.message().c_str());
      break;
    }
    state.PauseTiming();
    store.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_ImportCsvMemory)->Arg(10000)->Unit(benchmark::kMillisecond);

// The one aggregate query behind `keel status`, over 10k asks.
void BM_SummarizeMemory(benchmark::State& state) {
  const std::string text = KeelCsv(static_cast<int>(state.range(0)));
  std::unique_ptr<SqliteStore> store = MemoryStore();
  ImportOptions opt;
  opt.file_name = "bench.csv";
  if (Result<ImportReport> r = ImportCsv(*store, text, opt, Today()); !r.ok()) {
    state.SkipWithError(r.message().c_str());
    return;
  }
  for (auto _ : state) {
    Result<LedgerSummary> summary = store->Summarize(Today(), 21);
    benchmark::DoNotOptimize(summary);
  }
}
BENCHMARK(BM_SummarizeMemory)->Arg(10000)->Unit(benchmark::kMicrosecond);

// Opening (and checking the schema version of) an already migrated database, as every command
// does first; an in-memory database has to be migrated, so this measures the full migration.
void BM_OpenAndMigrateMemory(benchmark::State& state) {
  for (auto _ : state) {
    std::unique_ptr<SqliteStore> store = MemoryStore();
    benchmark::DoNotOptimize(store.get());
  }
}
BENCHMARK(BM_OpenAndMigrateMemory)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace keel

BENCHMARK_MAIN();
