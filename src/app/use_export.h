// `keel export` for a Session: the whole search as keel's CSV or as JSON, as text. The CLI writes
// it to a file or stdout; GET /api/export answers it.
#pragma once

#include <string>

#include "app/session.h"
#include "core/result.h"

namespace keel {

/// `format`: "csv" or "json" (checked by the caller). The JSON counts silence with the horizon;
/// the CSV needs none, so its store is opened without one.
Result<std::string> ExportText(Session& session, const std::string& format);

}  // namespace keel
