// libFuzzer target for the CSV reader and writer. Any input must be read without crashing or
// undefined behaviour; an input that reads cleanly must survive write-then-read unchanged, and
// the rewritten text must itself be a fixed point of read-then-write. With the spreadsheet
// formula guard on (keel's export), reading and restoring each field gives the rows back too.
//
// Built in the asan preset's build and run on fuzz/corpus/csv by scripts/fuzz (make fuzz); by hand:
//   clang++-14 -g -O1 -fsanitize=fuzzer,address,undefined -std=c++20 -Isrc fuzz/csv_fuzz.cc
//       src/io/csv.cc src/core/text.cc -lfmt -o /tmp/csv_fuzz
//   /tmp/csv_fuzz -max_total_time=60
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "io/csv.h"

namespace {

using Rows = std::vector<std::vector<std::string>>;

// Reads every record of text; returns false if the reader reported an error.
bool ReadAll(std::string_view text, Rows* rows) {
  keel::CsvReader reader(text);
  keel::CsvRecord record;
  int last_line = 0;
  while (reader.Next(&record)) {
    if (record.fields.empty() || record.line <= last_line) {
      std::fprintf(stderr, "bad record: %zu fields, line %d after line %d\n", record.fields.size(),
                   record.line, last_line);
      std::abort();
    }
    last_line = record.line;
    rows->push_back(record.fields);
  }
  if (!reader.error().empty() && reader.error().rfind("line ", 0) != 0) {
    std::fprintf(stderr, "error without a line number: %s\n", reader.error().c_str());
    std::abort();
  }
  return reader.error().empty();
}

std::string WriteAll(const Rows& rows, keel::FormulaGuard guard = keel::FormulaGuard::kOff) {
  std::string text;
  for (const std::vector<std::string>& row : rows) keel::AppendCsvRow(&text, row, guard);
  return text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  Rows rows;
  if (!ReadAll(input, &rows)) return 0;

  const std::string written = WriteAll(rows);
  Rows reread;
  if (!ReadAll(written, &reread)) {
    std::fprintf(stderr, "rewritten text does not parse\n");
    std::abort();
  }
  if (reread != rows) {
    std::fprintf(stderr, "round trip changed the fields\n");
    std::abort();
  }
  if (WriteAll(reread) != written) {
    std::fprintf(stderr, "writing is not stable\n");
    std::abort();
  }

  Rows guarded;
  if (!ReadAll(WriteAll(rows, keel::FormulaGuard::kOn), &guarded) ||
      guarded.size() != rows.size()) {
    std::fprintf(stderr, "guarded text does not parse into the same rows\n");
    std::abort();
  }
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t f = 0; f < rows[r].size(); ++f) {
      if (keel::RestoreFormulaGuard(guarded[r].at(f)) != rows[r][f]) {
        std::fprintf(stderr, "the formula guard does not round-trip\n");
        std::abort();
      }
      // What a spreadsheet sees first is never a formula: at most a "'" (shown as text).
      const std::string& cell = guarded[r][f];
      if (keel::NeedsFormulaGuard(cell) && cell.front() != '\'') {
        std::fprintf(stderr, "a guarded field still starts like a formula\n");
        std::abort();
      }
    }
  }
  return 0;
}
