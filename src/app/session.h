// The Session: what every use case works with, whichever front end called it. One search's store
// (opened on first use), today, the silence horizon resolved for that store, the theme classifier,
// and who is acting. The CLI builds one per run (cli/context.h extends it with its output streams);
// the server builds one per request. Neither front end opens a store itself: each hands the
// Session a source (the factory built in main, or the server's per-worker connections), so app/
// never names a backend.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/horizon.h"
#include "core/date.h"
#include "core/result.h"
#include "store/store.h"
#include "themes/classifier.h"

namespace keel {

class Session {
 public:
  using StoreSource = std::function<Result<std::shared_ptr<Store>>()>;
  using HorizonSource = std::function<Result<Horizon>(Store&, Date, std::optional<int>)>;
  using ThemeSource = std::function<Result<std::shared_ptr<const ThemeClassifier>>()>;

  Date today;
  std::optional<int> silence_days_given;   // --silence-days, ?silence_days=
  Horizon horizon;                         // resolved when the store is opened
  int silence_days = kDefaultSilenceDays;  // horizon.days
  /// Who acts: empty for the seeker at their own keel; an account's name on a shared server.
  std::string actor;

  /// Where the store comes from (required before OpenStore): opened on each call, or a
  /// connection kept by the caller (keel serve's workers).
  StoreSource store_source;
  /// The horizon for a store, possibly cached while the ledger is unchanged; unset = computed.
  HorizonSource horizon_source;
  /// The classifier, loaded on first use (the user's themes.rules); unset = the built-in rules.
  ThemeSource theme_source;

  /// The store, and (with_horizon) the silence horizon resolved for it: given, learned from the
  /// replies so far, or the default. Commands that print no statistics skip that work.
  Result<std::shared_ptr<Store>> OpenStore(bool with_horizon = true);

  /// The theme classifier, loaded once per Session.
  Result<const ThemeClassifier*> Themes();
  void SetThemes(std::shared_ptr<const ThemeClassifier> themes) { themes_ = std::move(themes); }

  /// After a write: when the horizon resolved on opening moved, the line that says so and why
  /// (HorizonAfterWrite); nullopt when it did not. The Session takes the new horizon, so what is
  /// reported after the write counts silence with it.
  std::optional<std::string> HorizonMoveLine(Store& store, const std::string& why,
                                             std::optional<int32_t> reply_before = std::nullopt,
                                             std::optional<int32_t> reply_after = std::nullopt);

  /// Takes `h` as the horizon (after a write that re-resolved it).
  void SetHorizon(const Horizon& h) {
    horizon = h;
    silence_days = h.days;
  }

 private:
  std::shared_ptr<const ThemeClassifier> themes_;
};

}  // namespace keel
