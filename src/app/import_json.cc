// Why a full restore rather than a merge: a backup's ids (asks, feedback, actions, strategy
// versions) are part of what it says — pivots and feedback point at ask ids, and `keel show 64`
// must still show ask #64 — and two ledgers' ids collide. Restoring only into an empty ledger
// keeps every id and makes the round trip exact; there is no merge rule that is both safe and
// unsurprising, so a non-empty ledger is refused with the fix.
//
// The reader checks every value before the database sees it, so a bad file is reported by its
// JSON path ("asks[3].replied_on: ...") rather than by an SQLite constraint, and nothing is
// written. Names are restored exactly as written (no near-miss checks: the backup is the truth).
#include "app/import_json.h"

#include <fmt/format.h>

#include "app/import_json_restorer.h"
#include "app/import_json_values.h"
#include "app/transaction.h"
#include "core/text.h"

namespace keel {
namespace {

using backup::FileError;
using backup::kFix;

// The parser's message without its "[json.exception.parse_error.101] " prefix, and with the
// token it last read cut short (it can be a whole 50 MB string).
std::string ShortParseMessage(const Json::parse_error& e) {
  std::string message = e.what();
  if (size_t end = message.find("] "); message.starts_with("[json.") && end != std::string::npos) {
    message = message.substr(end + 2);
  }
  if (size_t last = message.find("; last read: '"); last != std::string::npos) {
    const size_t start = last + 14;
    if (message.size() - start > 43) message = message.substr(0, start + 40) + "...'";
  }
  if (message.size() > 300) message = message.substr(0, 297) + "...";
  return message;
}

// What the ledger already holds, for the refusal; "" when it is empty.
Result<std::string> Contents(Store& store) {
  auto count = [](auto result, const char* one, const char* many) -> Result<std::string> {
    if (!result.ok()) return result.status();
    const size_t n = result->size();
    if (n == 0) return std::string();
    return fmt::format("{} {}", n, n == 1 ? one : many);
  };
  for (Result<std::string> part :
       {count(store.ListAsks(), "ask", "asks"),
        count(store.Organizations(), "organization", "organizations"),
        count(store.MaterialVersions(), "material version", "material versions"),
        count(store.ListActions(), "action", "actions"),
        count(store.StrategyVersions(), "strategy version", "strategy versions")}) {
    if (!part.ok() || !part->empty()) return part;
  }
  return std::string();
}

}  // namespace

bool IsJsonDocument(std::string_view text, std::string_view file_name) {
  if (Lower(file_name).ends_with(".json")) return true;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  const size_t first = text.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && text[first] == '{';
}

Result<BackupReport> ImportBackup(Store& store, std::string_view text, std::string_view file_name,
                                  bool dry_run) {
  if (text.size() > kMaxBackupBytes) {
    return FileError(fmt::format("{} is larger than {} GB, too large for a backup keel wrote; {}",
                                 file_name, kMaxBackupBytes >> 30, kFix));
  }
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  Json root;
  try {
    root = Json::parse(text.begin(), text.end());
  } catch (const Json::parse_error& e) {
    return FileError(fmt::format("{} is not valid JSON at byte {}: {}; {}", file_name, e.byte,
                                 ShortParseMessage(e), kFix));
  } catch (const Json::out_of_range&) {
    // A number beyond a double's range ("1E999"): valid JSON, but no backup keel wrote holds one
    // (found by fuzz/json_import_fuzz.cc).
    return FileError(fmt::format(
        "{} holds a number too large to read (more than about 1.8e308); {}", file_name, kFix));
  }
  if (!root.is_object() || !root.contains("asks") || !root.contains("materials")) {
    Error error{
        fmt::format("{} is JSON but not keel's own backup (no \"asks\" and \"materials\"); keel "
                    "imports its own "
                    "backup (JSON) or a CSV file",
                    file_name)};
    error.hint = "a backup is what keel export --format json writes";
    return error;
  }
  BackupReport report;
  report.dry_run = dry_run;
  Transaction transaction(store);
  KEEL_RETURN_IF_ERROR(transaction.BeginWrite(fmt::format("import backup {}", file_name)));
  Status done = [&]() -> Status {
    Result<std::string> contents = Contents(store);
    if (!contents.ok()) return contents.status();
    if (!contents->empty()) {
      Error error{
          fmt::format("this ledger already holds {}; a backup restores a whole ledger, "
                      "so it goes only into an empty one",
                      *contents)};
      error.hint = fmt::format("keel --db NEW.db import {} restores it into a new one", file_name);
      return error;
    }
    backup::Restorer restorer(store, report);
    Status restored = restorer.Run(backup::Node{root, ""});
    if (!restored.ok()) {
      Error error = restored.error();
      error.message.insert(0, fmt::format("{}: ", file_name));
      return error;
    }
    return Status();
  }();
  if (!done.ok()) return done;  // the guard rolls back
  return CommitUnlessDryRun(transaction, Result<BackupReport>(report), dry_run);
}

}  // namespace keel
