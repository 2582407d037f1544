// The theme of one reason as keel reports it: the person's own --theme when they gave one,
// otherwise the classifier's reading, with the words that decided it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "app/views.h"
#include "store/store.h"
#include "themes/classifier.h"

namespace keel {

struct ReasonTheme {
  Classification classification;
  bool chosen = false;  // the person chose it (--theme), so no words decided it
};

/// nullopt for an empty reason (there is nothing to classify).
std::optional<ReasonTheme> ThemeOf(std::string_view text, const std::optional<std::string>& chosen,
                                   const ThemeClassifier& classifier);

/// Adds "theme", "about_you", "theme_words" and "theme_by" ("you" or "rules") to `j`, all null
/// when there is no reason.
void AddThemeFields(const std::optional<ReasonTheme>& theme, Json& j);

/// One feedback answer with its theme fields.
Json FeedbackJson(const FeedbackRecord& feedback, const ThemeClassifier& classifier);

/// "hiring-freeze (circumstantial: not about you), from the words 'budget freeze'".
std::string DescribeTheme(const ReasonTheme& theme);

}  // namespace keel
