#include "app/use_reports.h"

namespace keel {

Result<StatsReport> Stats(Session& session, const std::string& by) {
  Result<std::shared_ptr<Store>> store = session.OpenStore();
  if (!store.ok()) return store.status();
  return BuildStats(**store, session.today, session.horizon, by);
}

Result<StreakReport> Streak(Session& session) {
  Result<std::shared_ptr<Store>> store = session.OpenStore();
  if (!store.ok()) return store.status();
  return BuildStreak(**store, session.today, session.horizon);
}

Result<ForecastReport> Forecast(Session& session) {
  Result<std::shared_ptr<Store>> store = session.OpenStore();
  if (!store.ok()) return store.status();
  return BuildForecast(**store, session.today, session.horizon);
}

Result<SilenceReport> Silence(Session& session) {
  Result<std::shared_ptr<Store>> store = session.OpenStore();
  if (!store.ok()) return store.status();
  return BuildSilence(**store, session.today, session.horizon);
}

}  // namespace keel
