// "Should I change course?" as a Session does it: the strategy set while calm (shown, edited, its
// history), drift away from it, and the search's end (closed with the offer accepted, or
// reopened). Both front ends call these; the *Json functions are the one JSON shape the CLI's
// --json prints and the page reads.
#pragma once

#include <optional>
#include <vector>

#include "app/drift.h"
#include "app/requests.h"
#include "app/search_closing.h"
#include "app/session.h"
#include "app/strategy.h"
#include "app/views.h"

namespace keel {

/// The strategy as it stands after a StrategyOptions: shown as it is (no action) or after the
/// edit its action asks for (focus, rule-out, drop, salary-floor, brand, story, phase).
struct StrategyAnswer {
  Strategy strategy;
  std::optional<StrategyEdit> edit;  // set when an edit was asked for
  bool changed = false;              // the edit saved a new version
  Date on;                           // the edit's date
};
/// The history is StrategyHistory's: `options.action` is not "history".
Result<StrategyAnswer> ShowOrEditStrategy(Session& session, const StrategyOptions& options);

/// Every saved version of the strategy, oldest first.
Result<std::vector<StrategyVersion>> StrategyHistory(Session& session);
Json StrategyHistoryJson(const std::vector<StrategyVersion>& versions);

/// How the asks drifted from the current strategy (DriftJson, DriftLines).
Result<DriftReport> Drift(Session& session);

/// The search closed with an offer, or (undo) the closing taken back.
struct CloseAnswer {
  ClosedSearch search;
  bool reopened = false;
};
/// `options` as checked by the front end: undo alone, or an offer and maybe its date.
Result<CloseAnswer> CloseOrReopenSearch(Session& session, const CloseOptions& options);
Json CloseAnswerJson(const CloseAnswer& answer);

}  // namespace keel
