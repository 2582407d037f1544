// One CSV row read into an ask: each cell through the column plan and the --value rules, dates,
// names and words checked, nothing written. The write phase (app/import_write.h) takes it from
// there, so a bad row can be skipped without leaving parts of it behind.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/import.h"
#include "app/import_columns.h"
#include "core/result.h"
#include "io/csv.h"
#include "store/store.h"

namespace keel {

/// One row, parsed and validated, not yet written.
struct ParsedRow {
  Date asked_on;
  std::string org, person, role;
  std::string via;  // who introduced or referred
  AskRecord record;
  std::vector<MaterialRef> materials;
  std::vector<Date> follow_ups;
  std::optional<TrackerStage> stage;  // the status word's stage past the application
  /// With stages: a role saved before applying, to keep as a posting (org, role, note, the
  /// location, saved on `record.asked_on`), not an ask.
  bool saved_posting = false;
};

class RowReader {
 public:
  /// `plan`, `opt` and `report` outlive the reader.
  RowReader(const ColumnPlan& plan, const ImportOptions& opt, Date today, ImportReport& report)
      : plan_(plan), opt_(opt), today_(today), report_(report) {}

  /// Parses one record into *row; false for a row whose status says no ask was made (counted in
  /// the report). An Error's message says which column and what to do.
  Result<bool> Parse(const CsvRecord& rec, const std::vector<std::string>& header, ParsedRow* row);

  /// Says how "Declined" was read, once, when any row used it.
  void NoteDeclined();

 private:
  std::string_view Cell(const CsvRecord& rec, Field field) const;
  std::string_view RawCell(const CsvRecord& rec, Field field) const;
  Result<std::optional<Date>> DateCell(const CsvRecord& rec, Field field,
                                       const std::vector<std::string>& header,
                                       bool may_be_future = false) const;
  std::optional<Date> ParseDate(std::string_view text) const;
  /// Reads a saved role's row (a stage word like Wishlist): false when it names no role.
  Result<bool> ParseSavedRole(const CsvRecord& rec, const std::vector<std::string>& header,
                              ParsedRow* row);
  std::string_view DateForms() const;

  const ColumnPlan& plan_;
  const ImportOptions& opt_;
  Date today_;
  ImportReport& report_;
  int64_t declined_ = 0;
  std::string declined_text_;
};

}  // namespace keel
