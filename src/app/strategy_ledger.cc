#include "app/strategy_ledger.h"

#include <fmt/format.h>

#include "app/focus_guard.h"
#include "app/ledger.h"
#include "app/transaction.h"
#include "app/validate.h"

namespace keel {
namespace {

Status CheckStrategyText(const StrategyEdit& edit) {
  for (const auto* items : {&edit.add_focus, &edit.add_deal_breakers, &edit.remove}) {
    for (const auto& [field, text] : *items) {
      KEEL_RETURN_IF_ERROR(
          CheckInputTexts({{text, fmt::format("the {}", field), TextRule::kName, field}}));
    }
  }
  if (edit.brand) KEEL_RETURN_IF_ERROR(CheckInputText(*edit.brand, "the brand", TextRule::kText));
  for (const std::string& story : edit.add_stories) {
    KEEL_RETURN_IF_ERROR(CheckInputText(story, "the story", TextRule::kText));
  }
  if (edit.phase) KEEL_RETURN_IF_ERROR(CheckInputText(*edit.phase, "the phase", TextRule::kName));
  return Status();
}

}  // namespace

Result<StrategySaved> EditStrategy(Store& store, const StrategyEdit& edit, Date on, Date today) {
  KEEL_RETURN_IF_ERROR(CheckNotFuture(on, today, "strategy date", "on"));
  KEEL_RETURN_IF_ERROR(CheckStrategyText(edit));
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
