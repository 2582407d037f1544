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
  bool chosen = false;    // the person chose it (--theme), so no words decided it
  bool with_yes = false;  // the reason came with a yes: theme none, whatever its words
};

/// nullopt for an empty reason (there is nothing to classify). A text the classifier reads as a
/// yes gets Theme::kNone (see Classification).
std::optional<ReasonTheme> ThemeOf(std::string_view text, const std::optional<std::string>& chosen,
                                   const ThemeClassifier& classifier);

/// The theme of an ask's reason. A reason given with a yes ("we'd like to invite you to a phone
/// screen") is no rejection reason (PRODUCT.md): Theme::kNone, no words, whatever the text or a
/// --theme says. nullopt for an empty reason.
std::optional<ReasonTheme> ThemeOfAsk(const Ask& ask, const ThemeClassifier& classifier);

/// True when the reason is no rejection: it came with a yes or reads as one (Theme::kNone). Such
/// a reason counts in no theme, no pattern and not among the generic replies.
inline bool IsNoRejection(const ReasonTheme& theme) {
  return theme.classification.theme == Theme::kNone;
}

/// Adds "theme", "about_you", "theme_words" and "theme_by" ("you", "rules", "model": keel's
/// trained model, with no words, or "yes": given with a yes) to `j`, all null when there is no
/// reason. A reason that is no rejection has "theme": "none", "about_you": false.
void AddThemeFields(const std::optional<ReasonTheme>& theme, Json& j);

/// One feedback answer with its theme fields.
Json FeedbackJson(const FeedbackRecord& feedback, const ThemeClassifier& classifier);

/// "hiring-freeze (circumstantial: not about you), from the words 'budget freeze'".
std::string DescribeTheme(const ReasonTheme& theme);

}  // namespace keel
