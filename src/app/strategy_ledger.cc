#include "app/strategy_ledger.h"

#include "app/focus_guard.h"
#include "app/ledger.h"
#include "app/transaction.h"

namespace keel {

Result<StrategySaved> EditStrategy(Store& store, const StrategyEdit& edit, Date on, Date today) {
  KEEL_RETURN_IF_ERROR(CheckNotFuture(on, today, "strategy date"));
  const std::string summary = DescribeEdit(edit);
  return InTransaction<StrategySaved>(store, summary, [&]() -> Result<StrategySaved> {
    Result<std::optional<Strategy>> current = CurrentStrategy(store);
    if (!current.ok()) return current.status();
    const Strategy before = current->value_or(Strategy{});
    Result<Strategy> after = ApplyEdit(before, edit, on);
    if (!after.ok()) return after.status();
    StrategySaved out;
    out.strategy = std::move(after).value();
    const std::string body = StrategyJson(out.strategy).dump();
    if (*current && body == StrategyJson(before).dump()) return out;
    Result<Id> id = store.AddStrategyVersion(StrategyVersion{0, on, "", summary, body});
    if (!id.ok()) return id.status();
    out.changed = true;
    return out;
  });
}

}  // namespace keel
