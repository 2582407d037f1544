#include "app/use_import.h"

#include <fmt/format.h>

namespace keel {
namespace {

// The file's name as messages give it.
std::string FileName(const ImportCliOptions& o) { return o.file == "-" ? "stdin" : o.file; }

Json CsvImportJson(const ImportReport& r) {
  Json j;
  j["dry_run"] = r.dry_run;
  j["format"] = r.keel_format ? "keel" : "tracker";
  j["columns"] = r.columns;
  j["rows"] = r.rows;
  j["imported"] = r.imported;
  j["by_outcome"] = Json::object();
  for (const auto& [outcome, n] : r.by_outcome) j["by_outcome"][outcome] = n;
  j["reasons_by_theme"] = Json::object();
  for (const auto& [theme, n] : r.by_theme) j["reasons_by_theme"][theme] = n;
  j["reasons_about_you"] = r.reasons_about_you;
  if (!r.stage_asks.empty()) {  // only with --stages: the asks its stage words added
    j["stage_asks"] = Json::object();
    for (const auto& [step, n] : r.stage_asks) j["stage_asks"][step] = n;
  }
  if (r.saved_postings + r.postings_already_kept > 0) {  // only with --stages
    j["saved_postings"] = r.saved_postings;
    j["postings_already_kept"] = r.postings_already_kept;
  }
  j["not_asks"] = r.not_asks;
  j["new_orgs"] = r.new_orgs;
  j["new_contacts"] = r.new_contacts;
  j["skipped"] = r.skipped;
  j["notices"] = r.notices;
  j["delimiter"] = std::string(1, r.delimiter);
  j["ignored_columns"] = r.ignored_columns;
  auto lines = [](const RowLines& l) { return Json{{"rows", l.count}, {"lines", l.lines}}; };
  j["already_in_ledger"] = lines(r.already_in_ledger);
  j["answer_differs"] = lines(r.answer_differs);
  j["repeated_in_file"] = lines(r.repeated_in_file);
  return j;
}

Json BackupJson(const BackupReport& r) {
  Json j;
  j["dry_run"] = r.dry_run;
  j["format"] = "keel-backup";
  j["asks"] = r.asks;
  j["earlier_answers"] = r.earlier_answers;
  j["follow_ups"] = r.follow_ups;
  j["feedback"] = r.feedback;
  j["actions"] = r.actions;
  j["material_versions"] = r.material_versions;
  j["strategy_versions"] = r.strategy_versions;
  j["pivots"] = r.pivots;
  j["postings"] = r.postings;
  j["interviews"] = r.interviews;
  return j;
}

// `keel import backup.json`: the whole ledger, from keel export --format json.
Result<ImportAnswer> RestoreBackup(Session& session, const ImportCliOptions& o,
                                   const std::string& text, Store& store) {
  if (!o.maps.empty() || !o.values.empty() || o.skip_bad) {
    Error error{
        "keel's own backup (JSON) is restored as it is: reading columns, rules for cell "
        "texts and skipping bad rows are for CSV files"};
    error.hint = "leave out --map, --value and --skip-bad";
    return error;
  }
  Result<BackupReport> restored = ImportBackup(store, text, FileName(o), o.dry_run);
  if (!restored.ok()) return restored.status();
  ImportAnswer answer;
  const BackupReport& r = answer.backup.emplace(std::move(restored).value());
  if (!r.dry_run && r.asks > 0) {
    answer.horizon_moved = session.HorizonMoveLine(
        store, fmt::format("you restored {} ask{}", r.asks, r.asks == 1 ? "" : "s"));
  }
  return answer;
}

}  // namespace

Result<ImportAnswer> ImportText(Session& session, const ImportCliOptions& o,
                                const std::string& text) {
  ImportOptions opt;
  opt.file_name = FileName(o);
  opt.dry_run = o.dry_run;
  opt.skip_bad = o.skip_bad;
  opt.allow_duplicates = o.allow_duplicates;
  opt.stages = o.stages;
  opt.slash_dates = o.day_first ? SlashDateOrder::kDayFirst : SlashDateOrder::kMonthFirst;
  Result<Kind> kind = ParseKind(o.kind, "kind");
  if (!kind.ok()) return InField("kind", kind.error(), "kind");
  opt.default_kind = *kind;
  for (const std::string& m : o.maps) {
    auto parsed = ParseMapArgument(m);
    if (!parsed.ok()) return parsed.status();
    opt.maps.push_back(*parsed);
  }
  for (const std::string& v : o.values) {
    Result<ValueRule> parsed = ParseValueArgument(v);
    if (!parsed.ok()) return parsed.status();
    opt.values.push_back(*parsed);
  }
  Result<const ThemeClassifier*> themes = session.Themes();
  if (!themes.ok()) return themes.status();
  opt.themes = *themes;
  // The horizon before the import, to say whether the imported replies and waiting asks moved it.
  Result<std::shared_ptr<Store>> store = session.OpenStore(/*with_horizon=*/!o.dry_run);
  if (!store.ok()) return store.status();
  if (IsJsonDocument(text, o.file)) return RestoreBackup(session, o, text, **store);
  Result<ImportReport> report = ImportCsv(**store, text, opt, session.today);
  if (!report.ok()) return report.status();
  ImportAnswer answer;
  const ImportReport& r = answer.csv.emplace(std::move(report).value());
  if (!r.dry_run && r.imported > 0) {
    answer.horizon_moved = session.HorizonMoveLine(
        **store, fmt::format("you imported {} ask{}", r.imported, r.imported == 1 ? "" : "s"));
  }
  return answer;
}

Json ImportAnswerJson(const ImportAnswer& answer) {
  if (answer.backup) {
    Json j = BackupJson(*answer.backup);
    if (answer.horizon_moved) AddNotices(j, {*answer.horizon_moved});
    return j;
  }
  Json j = answer.csv ? CsvImportJson(*answer.csv) : Json::object();
  if (answer.horizon_moved) j["notices"].push_back(*answer.horizon_moved);
  return j;
}

}  // namespace keel
