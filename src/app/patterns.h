// `keel patterns`: which reasons were given, which are about the seeker and which are
// circumstantial, and which are patterns: the same theme from two or more independent sources
// within a window. Pure: the caller reads the reasons from the store and passes them in.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/views.h"
#include "core/model.h"
#include "themes/classifier.h"
#include "themes/theme.h"

namespace keel {

/// The pattern window's default length in days (PRODUCT.md, "pattern").
inline constexpr int kPatternWindowDays = 180;

/// One reason text a source gave: the reason on a no / not-yet, or a feedback answer.
struct ReasonItem {
  Id ask_id = 0;
  Date on;  // the reply / feedback date
  std::string org;
  std::string person;  // "" if none
  std::string text;
  std::optional<Theme> theme_override;  // the person's --theme; nullopt = classify the text
  bool feedback = false;                // an answer to a feedback ask, not a reason for a no
  bool with_yes = false;  // the reason of an ask answered yes: no rejection reason, counted nowhere
};

/// One reason as cited under a theme.
struct Quote {
  Id ask_id = 0;
  Date on;
  std::string org;
  std::string person;
  std::string text;
  /// The words of the text that decided this theme; empty when the person gave the theme or
  /// when the theme is not the text's primary one (the classifier names words for that only).
  std::vector<std::string> words;
  bool feedback = false;
  bool theme_given = false;  // the person chose the theme (theme_override)
};

/// One theme and who cited it in the window.
/// What to do about a theme, worded twice: `text` for the page (and the JSON), which names no CLI
/// command ("..., then record it as an action ('mock interviews weekly') to see your yes-rate
/// before and after"), and `cli_text` for the CLI's own report, which names the command
/// ("..., then `keel action add "mock interviews weekly" --theme interview-performance`").
/// `action` is the suggested action's text, "" when the theme asks nothing of you.
struct Suggestion {
  std::string text;
  std::string cli_text;
  std::string action;
};

struct ThemeFinding {
  Theme theme = Theme::kGeneric;
  bool about_you = false;
  /// Independent sources: the citing reasons grouped so that reasons sharing an organization or
  /// a contact (ignoring case and extra spaces) are one source, transitively.
  int64_t sources = 0;
  int64_t citations = 0;          // reasons citing the theme
  std::vector<std::string> orgs;  // the organizations, as first written, oldest first
  std::vector<Quote> quotes;      // oldest first
  Suggestion suggestion;          // what to do; empty unless the theme is a pattern
};

struct PatternsReport {
  int window_days = kPatternWindowDays;
  Date from;  // the first day in the window: today - window_days + 1
  Date to;    // today
  /// Themes about you at >= 2 sources: most sources first, then the Themes table's order.
  std::vector<ThemeFinding> patterns;
  /// Circumstantial themes at >= 2 sources, in the same order: about the market, not you.
  std::vector<ThemeFinding> market_signals;
  /// Themes (about you or not) at exactly one source, in the Themes table's order.
  std::vector<ThemeFinding> single_source;
  int64_t reasons = 0;  // rejection reasons in the window, generic included
  /// Reasons in the window that are no rejection (given with a yes, or read as one: theme none);
  /// they count in no theme, no pattern and not among the generic replies.
  int64_t not_rejections = 0;
  int64_t generic = 0;    // reasons that say nothing ("move forward with other candidates")
  int64_t silent = 0;     // silences in the window, as the caller counted them
  int64_t no_reason = 0;  // replies in the window without any reason
};

/// Builds the report from every reason the search holds; only those with
/// today - window_days < on <= today count (window_days >= 1; the caller checks it). A text cites
/// every theme the classifier finds in it (Classification::themes), or only its override. `generic`
/// is counted, never a pattern.
PatternsReport BuildPatterns(const std::vector<ReasonItem>& items, int64_t silent_in_window,
                             int64_t replies_without_reason_in_window, Date today, int window_days,
                             const ThemeClassifier& classifier);

/// What to do about a theme: for a theme about you, a concrete step and the action that records
/// it; for a circumstantial one, why nothing needs to change in you. Empty for generic.
Suggestion ThemeSuggestion(Theme theme);

Json PatternsJson(const PatternsReport& report);
/// Worded for a person: patterns with their quotes and suggestion, market signals, single
/// sources, then what carries no information.
std::vector<std::string> PatternsLines(const PatternsReport& report);

}  // namespace keel
