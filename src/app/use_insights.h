// "Is it about me?" as a Session does it: ask for feedback and keep the answer, record an action
// about a theme, compare the yes-rate around each action, and read the patterns in the reasons.
// Both front ends call these; the *Json functions are the one JSON shape the CLI's --json prints
// and the page reads.
#pragma once

#include <vector>

#include "app/actions.h"
#include "app/feedback.h"
#include "app/patterns.h"
#include "app/requests.h"
#include "app/session.h"
#include "app/views.h"

namespace keel {

/// Records an ask of kind feedback. `with_horizon`: open the store with the silence horizon, which
/// the JSON's outcome needs (FeedbackAskJson); the human line does not.
Result<LedgerChange> AskForFeedback(Session& session, const FeedbackAskOptions& options,
                                    bool with_horizon);
/// The feedback ask as AskJson words it, with its notices; loads the Session's theme classifier.
Result<Json> FeedbackAskJson(Session& session, const LedgerChange& change);

/// Feedback kept, and the classifier that reads its themes (the Session's, loaded before the
/// write so that a bad rules file writes nothing).
struct FeedbackKept {
  FeedbackAdded added;
  const ThemeClassifier* themes = nullptr;
};
Result<FeedbackKept> AddFeedback(Session& session, const FeedbackAddOptions& options);
Json FeedbackKeptJson(const FeedbackKept& kept);

/// Records an action; its start may lie ahead (+1w, tomorrow).
Result<ActionRow> AddAction(Session& session, const ActionAddOptions& options);
Json ActionRowJson(const ActionRow& action);

/// Each action with the yes-rate before and after it (ActionsJson, ActionsLines).
Result<std::vector<ActionReport>> Actions(Session& session);

/// The themes independent sources agree on over the last `window_days` (PatternsJson,
/// PatternsLines).
Result<PatternsReport> Patterns(Session& session, int window_days);
/// The patterns reports of the windows that end on each day of `as_of` (the reasons dated after
/// it left out), from the search's reasons as they are now, read once.
Result<std::vector<PatternsReport>> PatternsAsOf(Session& session, const std::vector<Date>& as_of,
                                                 int window_days);

}  // namespace keel
