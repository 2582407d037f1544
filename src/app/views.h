// The one JSON shape of each result, shared by every `--json` and (later) the HTTP API, so that
// the CLI and the server can never disagree. Field names follow keel's CSV header.
#pragma once

#include <nlohmann/json.hpp>

#include "core/model.h"

namespace keel {
class ThemeClassifier;
}

namespace keel {

using Json = nlohmann::ordered_json;

/// One ask: the CSV's fields plus id, until, follow-ups, and the outcome statistics count today
/// (`outcome`; `silence_inferred` is true when a pending ask is past the horizon), and the
/// reason's theme beside its text (`theme`, `about_you`, `theme_words`, `theme_by`).
Json AskJson(const Ask& ask, Date today, int silence_days, const ThemeClassifier& themes);

/// A date as "YYYY-MM-DD", or null.
Json DateJson(const std::optional<Date>& date);

}  // namespace keel
