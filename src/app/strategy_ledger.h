// Saving the strategy: every edit is a new dated version of the whole document, so nothing the
// person wrote while calm is ever lost, and the focus guard can quote it with its date.
#pragma once

#include <optional>

#include "app/strategy.h"
#include "store/store.h"

namespace keel {

struct StrategySaved {
  Strategy strategy;
  bool changed = false;  // false when the edit changed nothing (no version is written)
};

/// Applies the edit to the current strategy (or an empty one) as of `on`, and saves the result
/// as a new version.
Result<StrategySaved> EditStrategy(Store& store, const StrategyEdit& edit, Date on, Date today);

}  // namespace keel
