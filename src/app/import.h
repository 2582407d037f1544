// `keel import`: keel's own CSV (exact, round-trips byte for byte) and other trackers' exports
// (by header aliases, --map and --value). The whole file is one transaction: a bad row stops the
// import with nothing written, unless skip_bad is set.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/import_words.h"
#include "core/date.h"
#include "core/result.h"
#include "store/store.h"
#include "themes/classifier.h"

namespace keel {

/// A --value rule: in `field`, the cell text `text` (case-insensitive) means `value`.
struct ValueRule {
  Field field = Field::kIgnore;
  std::string text;
  std::string value;
};

struct ImportOptions {
  std::string file_name;                                  // for messages: FILE:LINE
  std::vector<std::pair<std::string, std::string>> maps;  // --map COLUMN=FIELD
  std::vector<ValueRule> values;                          // --value FIELD:TEXT=VALUE
  bool dry_run = false;
  bool skip_bad = false;
  /// Import rows even when the same ask is already in the ledger (see ImportReport).
  bool allow_duplicates = false;
  SlashDateOrder slash_dates = SlashDateOrder::kMonthFirst;
  Kind default_kind = Kind::kApplication;  // trackers track applications
  /// Add the interview or offer ask a row's stage word implies (InterpretStageWord), so that
  /// keel pipeline shows each role at the tracker's stage.
  bool stages = false;
  /// When set, the reasons read are classified and counted by theme in the report.
  const ThemeClassifier* themes = nullptr;
};

/// Parses "--map COLUMN=FIELD" and "--value FIELD:TEXT=VALUE" arguments.
Result<std::pair<std::string, std::string>> ParseMapArgument(std::string_view text);
Result<ValueRule> ParseValueArgument(std::string_view text);

/// Row numbers (FILE lines) of a kind of row, with how many there were in all.
struct RowLines {
  int64_t count = 0;
  std::vector<int> lines;  // the first few
  void Add(int line) {
    if (lines.size() < 10) lines.push_back(line);
    ++count;
  }
};

/// A row is "already in the ledger" when an ask has the same asked_on, organization, person,
/// role (names compared ignoring case and extra spaces), kind, channel, outcome and reply date.
/// Reasons, notes, materials and facets are not compared: a re-exported file whose notes were
/// edited still matches. Each ledger ask matches one row at most, so a ledger holding two
/// identical asks skips two identical rows, and imports a third.
struct ImportReport {
  bool keel_format = false;
  bool dry_run = false;
  char delimiter = ',';
  std::vector<std::string> columns;          // "Company -> org", in file order
  std::vector<std::string> ignored_columns;  // header names read as nothing, in file order
  int64_t rows = 0;                          // data records read
  int64_t imported = 0;
  int64_t not_asks = 0;  // rows whose status says no ask was made ("Didn't apply")
  std::map<std::string, int64_t> not_ask_words;
  std::map<std::string, int64_t> by_outcome;  // recorded outcome -> count
  /// Asks added for rows whose stage is past the application ("interview" -> 3, "offer" -> 1);
  /// not in `imported`, which counts one ask per row.
  std::map<std::string, int64_t> stage_asks;
  /// With stages: rows of a role saved before applying (Wishlist, Saved) kept as postings, and
  /// those whose role already had one. Neither is an ask nor in `not_asks`.
  int64_t saved_postings = 0;
  int64_t postings_already_kept = 0;
  std::map<std::string, int64_t> by_theme;  // theme of each reason read -> count
  int64_t reasons_about_you = 0;
  int64_t new_orgs = 0;
  int64_t new_contacts = 0;
  std::vector<std::string> skipped;  // with skip_bad: "FILE:LINE: ..." per bad row
  std::vector<std::string> notices;  // near misses between organization names
  /// For the CLI only: the commands that act on the notices (the JSON does not carry them).
  std::vector<std::string> hints;
  /// Adds a hint once.
  void AddHint(std::string hint) {
    for (const std::string& h : hints) {
      if (h == hint) return;
    }
    hints.push_back(std::move(hint));
  }
  RowLines already_in_ledger;  // skipped: the same ask is in the ledger
  RowLines answer_differs;     // skipped: the same ask is in the ledger with another answer
  RowLines repeated_in_file;   // imported: the row repeats an earlier row of the same file
};

Result<ImportReport> ImportCsv(Store& store, std::string_view text, const ImportOptions& options,
                               Date today);

}  // namespace keel
