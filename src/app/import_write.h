// The write phase of a CSV import: a parsed row (app/import_rows.h) becomes an ask, with its
// organization, contact, role, materials and follow-ups found or added, the asks a tracker's
// stage word implies, and the report's counts. Rows already in the ledger are left out here.
#pragma once

#include <string>
#include <unordered_map>

#include "app/import.h"
#include "app/import_duplicates.h"
#include "app/import_ids.h"
#include "app/import_material_dates.h"
#include "app/import_rows.h"
#include "app/names.h"
#include "core/result.h"
#include "store/store.h"
#include "themes/theme.h"

namespace keel {

class RowWriter {
 public:
  /// `opt` and `report` outlive the writer.
  RowWriter(Store& store, const ImportOptions& opt, ImportReport& report)
      : store_(store), opt_(opt), report_(report), ids_(store) {}

  /// Reads the ledger's names, and the key of every ask (unless duplicates are allowed), once.
  Status Load();
  /// True when the row is already in the ledger (counted in the report, not to be written);
  /// notes a row that repeats an earlier row of the file.
  bool AlreadyInLedger(const ParsedRow& row, int line);
  /// Writes the row read on FILE line `line`.
  Status Write(const ParsedRow& row, int line);
  /// Keeps a saved role's row as a posting, unless its role already has one.
  Status WriteSavedPosting(const ParsedRow& row, int line);

 private:
  /// The interview or offer ask a stage word implies, for the role of `row_ask`, dated the
  /// row's reply date (else its ask date).
  Status WriteStage(const AskRecord& row_ask, TrackerStage stage);
  /// The row's organization, found or added (a new one counted, its near matches noted).
  Result<Id> Organization(const std::string& name, int line);
  /// Says, once per new name, that it nearly matches one the ledger or the file already had.
  enum class NameKind { kOrg, kContact };
  void NoteNearMatch(NameKind kind, const std::string& name, int line);

  Store& store_;
  const ImportOptions& opt_;
  ImportReport& report_;
  ImportIds ids_;
  // Near matches between names, without the one-slip rule (ResolveOrganization has it).
  NameIndex org_names_{/*typos=*/false}, contact_names_{/*typos=*/false};
  /// The theme of a reason, classified once per distinct text: a tracker's reasons repeat
  /// ("Position filled"), and the classifier reads every word of each.
  Theme ThemeOf(const std::string& reason);
  std::unordered_map<std::string, Theme> themes_of_reasons_;
  DuplicateCheck duplicates_;
  EarlyMaterialCheck early_materials_;
};

}  // namespace keel
