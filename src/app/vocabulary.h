// keel's vocabulary in one JSON document, for the dashboard (`GET /api/meta`) so that the page
// keeps no copy of the names the ledger accepts: if a kind or a theme is added here, every
// <select> on the page follows.
#pragma once

#include <nlohmann/json.hpp>

namespace keel {

/// {"kinds": [...], "channels": [...], "outcomes": [...], "answers": [...], "remote": [...],
///  "themes": [{"name", "about_you", "circumstantial"}], "strategy_fields": [...],
///  "phases": [...], "import_fields": [...]}. Every list is in the order the CLI documents
/// (model.h, theme.h, strategy.h, import_words.h). `outcomes` are the outcomes an ask can have;
/// `answers` the ones POST /api/answer takes (the outcomes, with "reopen" for pending). A theme is
/// about the seeker, or circumstantial, or neither (`generic`: a form reply says nothing about
/// anyone).
nlohmann::ordered_json VocabularyJson();

}  // namespace keel
