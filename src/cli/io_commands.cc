// import and export. Files are read whole (a million rows is ~100 MB; at most kMaxImportBytes)
// and written atomically: `export -o FILE` writes a fresh temporary file beside FILE and renames
// it, so a failed write never leaves half a file and a planted link is never followed (io/file.h).
#include <fmt/format.h>

#include <algorithm>

#include "app/export.h"
#include "app/use_import.h"
#include "cli/commands.h"
#include "core/json_dump.h"
#include "io/file.h"

namespace keel {
namespace {

// A million rows of a tracker's export is ~100 MB; anything past this is not a job-search log.
constexpr size_t kMaxImportBytes = 256 * kMiB;

// What `keel import backup.json` restored, in words.
void PrintRestored(const ImportCliOptions& o, const BackupReport& r,
                   const std::optional<std::string>& moved, Context& ctx) {
  auto n = [](int64_t count, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", count, count == 1 ? one : many);
  };
  fmt::print(ctx.out, "{} {} ({}), {}, {}, {}, {}, {}, {}, {}, {} from {}\n",
             r.dry_run ? "would restore" : "restored", n(r.asks, "ask", "asks"),
             n(r.earlier_answers, "earlier answer", "earlier answers"),
             n(r.follow_ups, "follow-up", "follow-ups"),
             n(r.feedback, "feedback answer", "feedback answers"),
             n(r.actions, "action", "actions"),
             n(r.material_versions, "material version", "material versions"),
             n(r.strategy_versions, "strategy version", "strategy versions"),
             n(r.pivots, "pivot", "pivots"), n(r.postings, "posting", "postings"),
             n(r.interviews, "interview", "interviews"), o.file == "-" ? "stdin" : o.file);
  if (moved) fmt::print(ctx.out, "{}\n", *moved);
  if (r.dry_run) fmt::print(ctx.out, "dry run: nothing was written\n");
}

}  // namespace

int RunImport(const ImportCliOptions& o, Context& ctx) {
  Result<std::string> text = ReadWholeFile(
      o.file, ReadLimit{kMaxImportBytes, "a CSV file", "split it into smaller files"});
  if (!text.ok()) return Fail(ctx, text.error());
  return RunImportText(o, *text, ctx);
}

int RunImportText(const ImportCliOptions& o, const std::string& text, Context& ctx) {
  Result<ImportAnswer> answer = ImportText(ctx, o, text);
  if (!answer.ok()) return Fail(ctx, answer.error());
  const std::optional<std::string>& moved = answer->horizon_moved;
  if (ctx.json) {
    fmt::print(ctx.out, "{}\n", DumpJson(ImportAnswerJson(*answer)));
    return kExitOk;
  }
  if (answer->backup) {
    PrintRestored(o, *answer->backup, moved, ctx);
    return kExitOk;
  }
  const ImportReport& r = *answer->csv;
  if (!r.keel_format) {
    fmt::print(ctx.out, "columns{}: {}\n",
               r.delimiter == ','   ? ""
               : r.delimiter == ';' ? " (;-separated)"
                                    : " (tab-separated)",
               fmt::join(r.columns, ", "));
    if (!r.ignored_columns.empty()) {
      fmt::print(ctx.out, "ignored columns: {}\n", fmt::join(r.ignored_columns, ", "));
    }
  }
  std::vector<std::string> outcomes;
  for (Outcome outcome : {Outcome::kYes, Outcome::kNo, Outcome::kNotYet, Outcome::kSilent,
                          Outcome::kPending, Outcome::kWithdrawn}) {
    auto it = r.by_outcome.find(std::string(Name(outcome)));
    if (it != r.by_outcome.end()) outcomes.push_back(fmt::format("{} {}", it->second, it->first));
  }
  fmt::print(ctx.out, "{} {} ask{} from {} row{}{}{}\n", r.dry_run ? "would import" : "imported",
             r.imported, r.imported == 1 ? "" : "s", r.rows, r.rows == 1 ? "" : "s",
             outcomes.empty() ? "" : ": ", fmt::join(outcomes, ", "));
  if (!r.stage_asks.empty()) {
    std::vector<std::string> added;
    for (const auto& [step, n] : r.stage_asks) {
      added.push_back(fmt::format("{} {} ask{}", n, step, n == 1 ? "" : "s"));
    }
    fmt::print(ctx.out,
               "{} {} for the rows whose stage is past the application, so that keel pipeline "
               "shows each role at its stage\n",
               r.dry_run ? "would add" : "added", fmt::join(added, " and "));
  }
  if (r.saved_postings + r.postings_already_kept > 0) {
    fmt::print(ctx.out, "{} {} (stage saved in keel pipeline){}\n",
               r.dry_run ? "would keep" : "kept",
               r.saved_postings == 1 ? "1 saved role as a posting"
                                     : fmt::format("{} saved roles as postings", r.saved_postings),
               r.postings_already_kept == 0
                   ? ""
                   : fmt::format("; {} already had one", r.postings_already_kept));
  }
  if (!r.by_theme.empty()) {
    int64_t reasons = 0;
    std::vector<std::pair<int64_t, std::string>> themes_seen;
    for (const auto& [theme, n] : r.by_theme) {
      reasons += n;
      themes_seen.emplace_back(-n, theme);
    }
    std::sort(themes_seen.begin(), themes_seen.end());
    std::vector<std::string> parts;
    parts.reserve(themes_seen.size());
    for (const auto& [minus_n, theme] : themes_seen)
      parts.push_back(fmt::format("{} {}", -minus_n, theme));
    fmt::print(
        ctx.out,
        "reasons: {} read, {} about you (keel patterns tells a pattern from one source): {}\n",
        reasons, r.reasons_about_you, fmt::join(parts, ", "));
  }
  auto line_list = [](const RowLines& l) {
    return fmt::format("line{} {}{}", l.count == 1 ? "" : "s", fmt::join(l.lines, ", "),
                       static_cast<size_t>(l.count) > l.lines.size() ? ", ..." : "");
  };
  if (r.already_in_ledger.count > 0) {
    fmt::print(ctx.out,
               "{} row{} already in the ledger, skipped (add --allow-duplicates to import "
               "{} again)\n",
               r.already_in_ledger.count, r.already_in_ledger.count == 1 ? "" : "s",
               r.already_in_ledger.count == 1 ? "it" : "them");
  }
  if (r.answer_differs.count > 0) {
    fmt::print(ctx.out,
               "{} row{} match{} an ask already in the ledger with another answer ({}), "
               "skipped so that no ask counts twice; record the new answer with keel "
               "yes|no|not-yet|withdraw ID\n",
               r.answer_differs.count, r.answer_differs.count == 1 ? "" : "s",
               r.answer_differs.count == 1 ? "es" : "", line_list(r.answer_differs));
  }
  if (r.repeated_in_file.count > 0) {
    fmt::print(ctx.out,
               "{} row{} repeat{} an earlier row of the file ({}); imported, since one may ask "
               "twice on a day (keel delete ID removes a copy)\n",
               r.repeated_in_file.count, r.repeated_in_file.count == 1 ? "" : "s",
               r.repeated_in_file.count == 1 ? "s" : "", line_list(r.repeated_in_file));
  }
  if (!r.skipped.empty()) {
    fmt::print(ctx.out, "skipped {} bad row{} (listed on stderr)\n", r.skipped.size(),
               r.skipped.size() == 1 ? "" : "s");
  }
  if (r.not_asks > 0) {
    std::vector<std::string> words;
    for (const auto& [word, n] : r.not_ask_words) words.push_back(fmt::format("'{}' {}", word, n));
    fmt::print(ctx.out, "left out {} row{} that record{} no ask: {}\n", r.not_asks,
               r.not_asks == 1 ? "" : "s", r.not_asks == 1 ? "s" : "", fmt::join(words, ", "));
  }
  if (r.new_orgs || r.new_contacts) {
    fmt::print(ctx.out, "new: {} organization{}, {} contact{}\n", r.new_orgs,
               r.new_orgs == 1 ? "" : "s", r.new_contacts, r.new_contacts == 1 ? "" : "s");
  }
  if (moved) fmt::print(ctx.out, "{}\n", *moved);
  for (const std::string& s : r.skipped) fmt::print(ctx.err, "skipped {}\n", s);
  constexpr size_t kMaxNotices = 10;
  for (size_t i = 0; i < r.notices.size() && i < kMaxNotices; ++i) {
    fmt::print(ctx.err, "note: {}\n", r.notices[i]);
  }
  if (r.notices.size() > kMaxNotices) {
    fmt::print(ctx.err, "note: and {} more (keel import --json lists them all)\n",
               r.notices.size() - kMaxNotices);
  }
  PrintHints(ctx, r.hints);
  if (r.dry_run) fmt::print(ctx.out, "dry run: nothing was written\n");
  return kExitOk;
}

int RunExport(const ExportOptions& options, Context& ctx) {
  ExportOptions o = options;
  if (o.format.empty()) o.format = ctx.json ? "json" : "csv";
  if (o.format != "csv" && o.format != "json") {
    return Fail(ctx, fmt::format("unknown --format '{}'; use csv or json", o.format));
  }
  Result<std::shared_ptr<Store>> store = ctx.OpenStore(/*with_horizon=*/o.format == "json");
  if (!store.ok()) return Fail(ctx, store.error());
  Result<const ThemeClassifier*> themes = ctx.Themes();
  if (!themes.ok()) return Fail(ctx, themes.error());
  Result<std::string> data = o.format == "csv"
                                 ? ExportCsv(**store)
                                 : ExportJson(**store, ctx.today, ctx.silence_days, **themes);
  if (!data.ok()) return Fail(ctx, data.error());
  if (o.output.empty()) {
    if (std::fwrite(data->data(), 1, data->size(), ctx.out) != data->size() ||
        std::fflush(ctx.out) != 0) {
      return Fail(ctx, "cannot write the export to standard output");
    }
    return kExitOk;
  }
  Status written = WriteFileAtomically(o.output, *data);
  if (!written.ok()) return Fail(ctx, written.error());
  return kExitOk;
}

}  // namespace keel
