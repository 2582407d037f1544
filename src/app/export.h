// `keel export`: keel's CSV (what `keel import` reads back byte for byte) and the JSON of every
// ask, named as the CSV names things.
#pragma once

#include <string>

#include "core/result.h"
#include "store/store.h"
#include "themes/classifier.h"

namespace keel {

/// The header keel writes: PRODUCT.md's 11 fields plus `until`, `follow_ups`, the theme, the
/// facets and `via` (who introduced or referred), so that a round trip loses nothing.
std::string_view KeelCsvHeader();

Result<std::string> ExportCsv(Store& store);
/// Everything in the search as one JSON object: asks (with each reason's theme and the ask's
/// answer history), follow-ups with their notes, feedback, actions, material versions, every
/// strategy version and the pivots. `keel import` restores it exactly (app/import_json.h).
Result<std::string> ExportJson(Store& store, Date today, int silence_days,
                               const ThemeClassifier& themes);

}  // namespace keel
