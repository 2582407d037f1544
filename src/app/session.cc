#include "app/session.h"

#include "app/transaction.h"

namespace keel {

Result<std::shared_ptr<Store>> Session::OpenStore(bool with_horizon) {
  if (!store_source) {
    return Error{"internal error: no store to open; please report it", ErrorCode::kInternal};
  }
  Result<std::shared_ptr<Store>> shared = store_source();
  if (!shared.ok()) return shared;
  (*shared)->SetActor(actor);  // a pooled store may have served someone else last
  if (!with_horizon) return shared;
  Store& store = **shared;
  Result<Horizon> resolved = Horizon{};
  if (horizon_source) {
    resolved = horizon_source(store, today, silence_days_given);
  } else {
    resolved = InSnapshot<Horizon>(
        store, [&] { return ResolveHorizon(store, today, silence_days_given); });
  }
  if (!resolved.ok()) return resolved.status();
  SetHorizon(*resolved);
  return shared;
}

Result<const ThemeClassifier*> Session::Themes() {
  if (!themes_) {
    if (theme_source) {
      Result<std::shared_ptr<const ThemeClassifier>> loaded = theme_source();
      if (!loaded.ok()) return loaded.status();
      themes_ = std::move(loaded).value();
    } else {
      // The built-in rules live for the whole program: shared without an owner.
      themes_ = std::shared_ptr<const ThemeClassifier>(std::shared_ptr<void>(),
                                                       &ThemeClassifier::BuiltIn());
    }
  }
  return themes_.get();
}

std::optional<std::string> Session::HorizonMoveLine(Store& store, const std::string& why,
                                                    std::optional<int32_t> reply_before,
                                                    std::optional<int32_t> reply_after) {
  Result<HorizonAfter> after =
      HorizonAfterWrite(store, today, silence_days_given, horizon, why, reply_before, reply_after);
  if (!after.ok()) return std::nullopt;
  SetHorizon(after->horizon);
  if (!after->moved) return std::nullopt;
  return after->moved->line;
}

}  // namespace keel
