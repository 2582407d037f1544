// Reads keel's theme rules format: one `theme [weight]: phrase` per line, documented at the top
// of src/themes/themes.rules and in docs/themes.md. Phrases are stemmed here, once, so that
// classifying a text only compares stems.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "themes/stemmer.h"
#include "themes/theme.h"

namespace keel {

/// What a rule line does: cite a theme, or steer how the others are read (the directives).
enum class RuleKind {
  kTheme,          // `interview-performance: technical round`
  kGeneric,        // `generic: move forward with other candidates` (claims words, scores nothing)
  kNegation,       // `negation: nothing to do with` (cancels a theme phrase that follows)
  kNegationAfter,  // `negation-after: not the issue` (cancels a theme phrase just before)
  kPraise,         // `praise: great` (a negation for about-you phrases only, not for `none`)
  kScopeEnd,       // `scope-end: because` (a negation does not reach past it)
  kContrast,       // `contrast: but` (a scope end that also turns a yes before it into a no
                   // when a reason follows it: "I'd love to help, but I'm swamped")
  kNone,           // `none 3: invite you to` (a yes, not a rejection: claims words, has a weight)
  kCourtesy,       // `courtesy: thank you for your time` (claims words like generic, but is no
                   // sign of a rejection: a yes says it too)
};

/// One position of a phrase: a word that is one of `stems` (or any number), found after at most
/// `gap_before` other words following the previous position.
struct PhraseStep {
  std::vector<std::string> stems;  // stemmed alternatives; empty when any_number
  bool any_number = false;
  int gap_before = 0;
};

struct Rule {
  RuleKind kind = RuleKind::kTheme;
  Theme theme = Theme::kGeneric;   // meaningful for kTheme only (kNone for `none`)
  int weight = 1;                  // 1..9; directives other than `none` keep 1
  std::vector<PhraseStep> phrase;  // never empty; never starts with a gap
  std::string where;               // "themes.rules:12", to name the rule in messages
};

/// Parses a whole rules text. `origin` names it in errors. On failure returns the first error,
/// one line in the form "origin:line: problem; fix", e.g.
/// "themes.rules:3: unknown theme 'intervew'; did you mean 'interview-performance'? ...".
Result<std::vector<Rule>> ParseRules(std::string_view text, std::string_view origin,
                                     Stemmer& stemmer);

}  // namespace keel
