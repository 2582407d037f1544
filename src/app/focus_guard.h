// The focus guard: the deal-breakers a seeker set while calm stop an ask that breaks them, unless
// the person says why they go ahead anyway (a pivot, recorded and shown by `keel drift`).
#pragma once

#include <optional>
#include <string>

#include "app/strategy.h"
#include "core/model.h"
#include "core/result.h"
#include "store/store.h"

namespace keel {

/// The strategy as last saved, or nullopt when none was ever set.
Result<std::optional<Strategy>> CurrentStrategy(Store& store);

/// Checks a draft ask against the deal-breakers. Returns nullopt when it breaks none; the rule it
/// breaks (to record as a pivot) when `despite` gives a reason; and otherwise an error that quotes
/// the person's words and date and says how to go ahead anyway.
Result<std::optional<std::string>> CheckFocus(Store& store, const Ask& draft,
                                              const std::optional<std::string>& despite);

/// The guard for an edit: checks the ask as edited (`after`) against the deal-breakers the ask as
/// it was (`before`) did not already break, so an ask logged despite a rule, or before the rule was
/// set, is not refused again for it. Otherwise as CheckFocus: nullopt when the edit breaks nothing
/// new, the rule to record as a pivot when `despite` gives a reason, else the same error as `ask`.
Result<std::optional<std::string>> CheckFocusEdit(Store& store, const Ask& before, const Ask& after,
                                                  const std::optional<std::string>& despite);

}  // namespace keel
