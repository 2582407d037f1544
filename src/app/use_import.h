// `keel import` as a Session does it, from the file's text (the CLI reads the file, the page sends
// it): a CSV file (keel's own or a tracker's export) is imported, a keel backup (JSON) restored.
// Both front ends call ImportText; ImportAnswerJson is the one JSON shape the CLI's --json prints
// and the page reads.
#pragma once

#include <optional>
#include <string>

#include "app/import.h"
#include "app/import_json.h"
#include "app/requests.h"
#include "app/session.h"
#include "app/views.h"

namespace keel {

/// What an import did (or, in a dry run, would do): one of the two reports.
struct ImportAnswer {
  std::optional<ImportReport> csv;     // a CSV file
  std::optional<BackupReport> backup;  // a keel backup, restored whole
  /// The line that says the silence horizon moved with the asks written; nullopt when it did not.
  std::optional<std::string> horizon_moved;
};

/// Imports `text`, the content of `options.file` ("-" is stdin).
Result<ImportAnswer> ImportText(Session& session, const ImportCliOptions& options,
                                const std::string& text);
Json ImportAnswerJson(const ImportAnswer& answer);

}  // namespace keel
