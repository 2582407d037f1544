#include "app/use_export.h"

#include "app/export.h"

namespace keel {

Result<std::string> ExportText(Session& session, const std::string& format) {
  const bool json = format == "json";
  Result<std::shared_ptr<Store>> store = session.OpenStore(/*with_horizon=*/json);
  if (!store.ok()) return store.status();
  // Loaded for either format, as `keel export` does: a broken themes file fails both.
  Result<const ThemeClassifier*> themes = session.Themes();
  if (!themes.ok()) return themes.status();
  if (!json) return ExportCsv(**store);
  return ExportJson(**store, session.today, session.silence_days, **themes);
}

}  // namespace keel
