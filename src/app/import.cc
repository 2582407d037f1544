// Import reads the whole file into one write transaction. Each row is parsed and validated in
// full before anything of it is written, so --skip-bad can drop a row without leaving parts of it
// behind, and a crash (even SIGKILL) leaves the database as it was: SQLite's WAL makes the
// transaction all or nothing.
//
// Speed matters (a coach imports years of clients' logs): names are resolved through in-memory
// maps loaded once, statements are prepared once, and the journal stores inserted rows as ranges.
//
// The phases, one file each: which column is which field (import_columns), one row read into an
// ask (import_rows), the ask written (import_write); this file runs them over the file.
#include "app/import.h"

#include <fmt/format.h>

#include <utility>

#include "app/import_columns.h"
#include "app/import_rows.h"
#include "app/import_write.h"
#include "app/transaction.h"
#include "app/validate.h"
#include "core/text.h"
#include "io/csv.h"

namespace keel {
namespace {

// The same error with `prefix` ("upload.csv:3: ") before its message; its code, field, subject
// and CLI hint kept.
Error Prefixed(std::string_view prefix, Error error) {
  error.message.insert(0, prefix);
  return error;
}

// The reader says "line 7: ..."; keel's messages say "FILE:7: ...".
std::string CsvError(const std::string& file, const std::string& error) {
  if (error.rfind("line ", 0) == 0) {
    const size_t colon = error.find(':');
    return fmt::format("{}:{}{}", file, error.substr(5, colon - 5), error.substr(colon));
  }
  return fmt::format("{}: {}", file, error);
}

Result<ImportReport> Run(Store& store, std::string_view text, const ImportOptions& opt,
                         Date today) {
  for (const ValueRule& rule : opt.values) KEEL_RETURN_IF_ERROR(CheckValueRule(rule));
  const char delimiter = SniffCsvDelimiter(text);
  CsvReader reader(text, delimiter);
  CsvRecord header_record;
  if (!reader.Next(&header_record)) {
    if (!reader.error().empty()) {
      return Error{fmt::format("{}; is it a CSV file?", CsvError(opt.file_name, reader.error()))};
    }
    return Error{fmt::format("{} is empty; a CSV file starts with a header line such as {}",
                             opt.file_name, fmt::join(kKeelHeader, ","))};
  }
  std::vector<std::string> header;
  for (const std::string& h : header_record.fields) header.emplace_back(Trim(h));
  for (size_t i = 0; i < header.size(); ++i) {  // every message below may quote a header
    if (Status s = CheckInputText(header[i], "", TextRule::kName); !s.ok()) {
      return Error{fmt::format("{}:{}: the header's column {}{}", opt.file_name, header_record.line,
                               i + 1, s.message())};
    }
  }
  Result<ColumnPlan> plan = PlanColumns(header, opt);
  if (!plan.ok()) return Prefixed(fmt::format("{}: ", opt.file_name), plan.error());
  KEEL_RETURN_IF_ERROR(CheckRulesHaveColumns(*plan, opt));

  ImportReport report;
  report.keel_format = plan->keel_format;
  report.dry_run = opt.dry_run;
  report.columns = plan->descriptions;
  report.ignored_columns = plan->ignored;
  report.delimiter = delimiter;
  RowReader parser(*plan, opt, today, report);
  RowWriter writer(store, opt, report);
  KEEL_RETURN_IF_ERROR(writer.Load());
  CsvRecord rec;
  ParsedRow row;
  while (reader.Next(&rec)) {
    ++report.rows;
    row = ParsedRow{};
    Result<bool> parsed = parser.Parse(rec, header, &row);
    if (!parsed.ok()) {
      Error where = Prefixed(fmt::format("{}:{}: ", opt.file_name, rec.line), parsed.error());
      if (!opt.skip_bad) {
        // The row's own fix (a rule, a column to ignore) stays the CLI's first hint.
        where.message += "; fix the row, or skip bad rows to import the rest";
        where.hint += fmt::format("{}--skip-bad does that", where.hint.empty() ? "" : "; ");
        return where;
      }
      if (where.field == "value") {
        report.AddHint("--value 'FIELD:TEXT=VALUE' says what a cell's text means");
      }
      report.skipped.push_back(std::move(where.message));
      continue;
    }
    if (*parsed && row.saved_posting) {
      KEEL_RETURN_IF_ERROR(writer.WriteSavedPosting(row, rec.line));
    } else if (*parsed && !writer.AlreadyInLedger(row, rec.line)) {
      KEEL_RETURN_IF_ERROR(writer.Write(row, rec.line));
    }
  }
  if (!reader.error().empty()) {
    return Error{fmt::format("{}; nothing was imported", CsvError(opt.file_name, reader.error()))};
  }
  parser.NoteDeclined();
  return report;
}

}  // namespace

Result<std::pair<std::string, std::string>> ParseMapArgument(std::string_view text) {
  const size_t eq = text.rfind('=');
  if (eq == std::string_view::npos || eq == 0 || eq + 1 == text.size()) {
    return Error{fmt::format("'{}' should be COLUMN=FIELD, like 'Date sent=asked_on'", text),
                 ErrorCode::kInvalid, "map"};
  }
  return std::pair(std::string(text.substr(0, eq)), std::string(text.substr(eq + 1)));
}

Result<ValueRule> ParseValueArgument(std::string_view text) {
  const size_t colon = text.find(':');
  const size_t eq = colon == std::string_view::npos ? colon : text.rfind('=');
  if (colon == std::string_view::npos || eq == std::string_view::npos || eq < colon) {
    return Error{
        fmt::format("'{}' should be FIELD:TEXT=VALUE, like 'outcome:Ghosted=pending'", text),
        ErrorCode::kInvalid, "value"};
  }
  const std::optional<Field> field = ParseField(text.substr(0, colon));
  if (!field || *field == Field::kIgnore) {
    return Error{fmt::format("the rule '{}': '{}' is not a field; use one of: {}", text,
                             text.substr(0, colon), fmt::join(kKeelHeader, ", ")),
                 ErrorCode::kInvalid, "value", "the rule"};
  }
  return ValueRule{*field, std::string(Trim(text.substr(colon + 1, eq - colon - 1))),
                   std::string(Trim(text.substr(eq + 1)))};
}

Result<ImportReport> ImportCsv(Store& store, std::string_view text, const ImportOptions& opt,
                               Date today) {
  Transaction transaction(store);
  KEEL_RETURN_IF_ERROR(transaction.BeginBulkWrite(fmt::format("import {}", opt.file_name)));
  return CommitUnlessDryRun(transaction, Run(store, text, opt, today), opt.dry_run);
}

}  // namespace keel
