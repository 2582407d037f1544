#include "app/reframe.h"

#include <fmt/format.h>

#include <cmath>

#include "app/report_views.h"

namespace keel {
namespace {
std::string Pct(double x) { return fmt::format("{:.0f}%", 100.0 * x); }
// "1 in N" for a rate, N rounded to a whole ask.
std::string OneIn(double rate) {
  return fmt::format("1 in {}", static_cast<int64_t>(std::llround(1.0 / rate)));
}
}  // namespace

std::string RateLine(const GroupStats& t) {
  if (t.decided == 0) return "No decided asks yet: every answer so far is still to come.";
  if (t.yes == 0) {
    return fmt::format(
        "No yes yet in {} decided ask{}: too few to judge; a yes-rate up to {} is still "
        "consistent with this (95% range).",
        t.decided, t.decided == 1 ? "" : "s", Pct(t.wilson95->high));
  }
  const std::string low = t.wilson95->low > 0 ? OneIn(t.wilson95->low) : "fewer";
  return fmt::format(
      "You have {} yes in {} decided ask{}: about 1 yes per {:.0f} (95% range {} .. {}).", t.yes,
      t.decided, t.decided == 1 ? "" : "s",
      static_cast<double>(t.decided) / static_cast<double>(t.yes), OneIn(t.wilson95->high), low);
}

std::string StreakLine(const StreakReport& r) {
  if (r.current == 0) return "The latest answer (by reply date) was a yes: no current run of nos.";
  const double p = r.p_current.value_or(0);
  const char* verdict = p >= 0.5    ? "ordinary"
                        : p >= 0.1  ? "not unusual"
                        : p >= 0.01 ? "uncommon: worth a look at what changed"
                                    : "rare: something may have changed";
  return fmt::format(
      "A run of {} no{} like your current one happens to {} of searchers with your rate: {}.",
      r.current, r.current == 1 ? "" : "s", Pct(p), verdict);
}

std::string ForecastLine(const ForecastReport& r) {
  if (!r.asks_to_yes.median) return "The next yes is too far off to forecast at this rate.";
  const std::string high = r.asks_to_yes.high80 ? std::to_string(*r.asks_to_yes.high80) : "many";
  if (!r.days_median) {
    return fmt::format("The next yes is likely within about {} more asks (80%: {} .. {}).",
                       *r.asks_to_yes.median, r.asks_to_yes.low80.value_or(1), high);
  }
  auto weeks = [](int64_t days) { return (days + 6) / 7; };
  return fmt::format(
      "At your pace ({:.1f} asks a week) the next yes is likely within {} week{} (80%: {} .. {} "
      "weeks).",
      r.asks_per_day * 7.0, weeks(*r.days_median), weeks(*r.days_median) == 1 ? "" : "s",
      weeks(r.days_low80.value_or(1)),
      r.days_high80 ? std::to_string(weeks(*r.days_high80)) : std::string("many"));
}

Result<Reframe> BuildReframe(Store& store, Date today, const Horizon& horizon) {
  Reframe r;
  Result<StatsReport> stats = BuildStats(store, today, horizon, "");
  if (!stats.ok()) return stats.status();
  Result<StreakReport> streak = BuildStreak(store, today, horizon);
  if (!streak.ok()) return streak.status();
  Result<ForecastReport> forecast = BuildForecast(store, today, horizon);
  if (!forecast.ok()) return forecast.status();
  r.stats = std::move(stats).value();
  r.streak = std::move(streak).value();
  r.forecast = std::move(forecast).value();
  r.lines = {RateLine(r.stats.total), StreakLine(r.streak), ForecastLine(r.forecast)};
  return r;
}

std::string ThemeLine(const ReasonTheme& theme) {
  const Classification& c = theme.classification;
  const std::string why = theme.chosen ? std::string(" (as you filed it)")
                          : c.by_model ? std::string(" (read by keel's trained model)")
                          : c.words.empty()
                              ? std::string()
                              : fmt::format(" (from the words '{}')", fmt::join(c.words, " "));
  if (c.theme == Theme::kNone) {
    return fmt::format("Their words read as a yes{}, not as a rejection: they get no theme.", why);
  }
  if (c.theme == Theme::kGeneric) {
    return "Their reply is a form reply: it says nothing about you, so it carries no information "
           "about you.";
  }
  if (!c.about_you) {
    return fmt::format("Their reason reads as {}{}: circumstantial, it is not about you.",
                       Name(c.theme), why);
  }
  return fmt::format(
      "Their reason reads as {}{}: about you, but one source is not a pattern; 'keel patterns' "
      "shows when independent sources agree.",
      Name(c.theme), why);
}

void AddReasonTheme(const Ask& ask, const ThemeClassifier& themes, Reframe& reframe) {
  reframe.theme = ThemeOfAsk(ask, themes);
  // A reason given with a yes is no rejection reason: it gets no theme line.
  if (reframe.theme && !reframe.theme->with_yes) reframe.theme_line = ThemeLine(*reframe.theme);
}

Json ReframeJson(const Reframe& r) {
  Json j;
  j["lines"] = r.lines;
  Json theme;
  AddThemeFields(r.theme, theme);
  theme["line"] = r.theme_line ? Json(*r.theme_line) : Json(nullptr);
  j["theme"] = std::move(theme);
  j["stats"] = GroupJson(r.stats.total);
  j["streak"] = StreakJson(r.streak);
  j["forecast"] = ForecastJson(r.forecast);
  return j;
}

}  // namespace keel
