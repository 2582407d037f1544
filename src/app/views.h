// The one JSON shape of each result, shared by every `--json` and (later) the HTTP API, so that
// the CLI and the server can never disagree. Field names follow keel's CSV header.
#pragma once

#include <nlohmann/json.hpp>

#include "core/model.h"
#include "store/store.h"

namespace keel {
class ThemeClassifier;
}

namespace keel {

using Json = nlohmann::ordered_json;

/// One ask: the CSV's fields plus id, until, follow-ups, and the outcome statistics count today
/// (`outcome`; `silence_inferred` is true when a pending ask is past the horizon), and the
/// reason's theme beside its text (`theme`, `about_you`, `theme_words`, `theme_by`).
Json AskJson(const Ask& ask, Date today, int silence_days, const ThemeClassifier& themes);

/// One answer of an ask's history: outcome, replied_on, until, reason and reason_theme (the
/// person's --theme for it, or null when the rules read the reason).
Json AnswerJson(const AnswerRecord& answer);
/// An ask's answers, oldest first (AnswerHistory in app/ledger.h).
Json AnswersJson(const std::vector<AnswerRecord>& answers);

/// A date as "YYYY-MM-DD", or null.
Json DateJson(const std::optional<Date>& date);

/// What the person should know about a write that succeeded ("new organization 'Acme'", "recorded
/// as a pivot: ...", a material used before its date, the silence horizon moving): with --json they
/// go in the written object as "notices" (so `keel serve` hands them to the page); the human
/// output prints them on stderr as today. Nothing is added when `notices` is empty.
void AddNotices(Json& object, const std::vector<std::string>& notices);

}  // namespace keel
