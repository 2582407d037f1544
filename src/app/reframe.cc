// Why the reframe is worded this way (PRODUCT.md, "Statistics — exact definitions"):
//
// - A run of answers without a yes is called what it is: "22 asks since your last yes (9 nos,
//   1 not yet, 12 unanswered)". Silence is not a no, so a run that holds unanswered asks is never
//   "N nos in a row".
// - A run of 0-2 is ordinary at any rate a search can have; a percentage there ("happens to 100%
//   of searchers") only looks like a verdict, so none is given.
// - Percentages are rounded, but never to "0%" or "100%" when the number is neither.
// - After an answer, the ask's own kind leads (its rate with that kind's prior), the whole search
//   follows; a line for the whole search is left out when it would repeat the kind's.
// - After a yes: congratulations and one count, nothing about runs of nos.
#include "app/reframe.h"

#include <fmt/format.h>

#include <cmath>

#include "app/report_views.h"

namespace keel {
namespace {

// "1 in N" for a rate, N rounded to a whole ask.
std::string OneIn(double rate) {
  return fmt::format("1 in {}", static_cast<int64_t>(std::llround(1.0 / rate)));
}

std::string Count(int64_t n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

// The asks a group counts: "asks" for the whole search, "applications" for one kind.
std::string Nouns(std::optional<Kind> kind, int64_t n) {
  return kind ? KindNoun(*kind, n) : std::string(n == 1 ? "ask" : "asks");
}

std::string Who(const Ask& a) {
  return a.person.empty() ? a.org : fmt::format("{} ({})", a.person, a.org);
}

std::string Congratulations(const Ask& a) {
  const std::string who = Who(a);
  switch (a.kind) {
    case Kind::kApplication:
      return fmt::format("Congratulations on the callback from {}.", who);
    case Kind::kInterview:
      return fmt::format("Congratulations: you advanced to the next round with {}.", who);
    case Kind::kOffer:
      return fmt::format("Congratulations on the offer from {}.", who);
    case Kind::kChat:
      return fmt::format("Congratulations: {} agreed to a chat.", who);
    case Kind::kResumeReview:
      return fmt::format("Congratulations: {} agreed to review your resume.", who);
    case Kind::kReferral:
      return fmt::format("Congratulations: {} agreed to refer you.", who);
    case Kind::kIntro:
      return fmt::format("Congratulations: {} agreed to introduce you.", who);
    case Kind::kFeedback:
      return fmt::format("Congratulations: {} agreed to give you feedback.", who);
    default:
      return fmt::format("Congratulations on the yes from {}.", who);
  }
}

}  // namespace

std::string PercentWords(double x) {
  const double rounded = std::round(100.0 * x);
  if (rounded <= 0 && x > 0) return "under 1%";
  if (rounded >= 100 && x < 1) return "over 99%";
  return fmt::format("{:.0f}%", rounded);
}

std::string KindNoun(Kind kind, int64_t n) {
  const bool one = n == 1;
  switch (kind) {
    case Kind::kApplication:
      return one ? "application" : "applications";
    case Kind::kInterview:
      return one ? "interview round" : "interview rounds";
    case Kind::kOffer:
      return one ? "offer stage" : "offer stages";
    case Kind::kChat:
      return one ? "chat request" : "chat requests";
    case Kind::kResumeReview:
      return one ? "resume-review request" : "resume-review requests";
    case Kind::kReferral:
      return one ? "referral request" : "referral requests";
    case Kind::kIntro:
      return one ? "intro request" : "intro requests";
    case Kind::kFeedback:
      return one ? "feedback request" : "feedback requests";
    default:
      return one ? "other ask" : "other asks";
  }
}

std::string RateLine(const GroupStats& t, std::optional<Kind> kind) {
  if (t.decided == 0) {
    return kind ? fmt::format("No answered {} yet: every answer so far is still to come.",
                              KindNoun(*kind, 2))
                : "No decided asks yet: every answer so far is still to come.";
  }
  const std::string what = fmt::format("{} decided {}", t.decided, Nouns(kind, t.decided));
  if (t.yes == 0) {
    // "Too few" is true of a handful; after many answers the upper bound speaks for itself.
    return fmt::format(
        "No yes yet in {}: {}a yes-rate up to {} is still consistent with this (95% range).", what,
        t.decided < 20 ? "too few to judge; " : "", PercentWords(t.wilson95->high));
  }
  const std::string low = t.wilson95->low > 0 ? OneIn(t.wilson95->low) : "fewer";
  return fmt::format("You have {} yes in {}: about 1 yes per {:.0f} (95% range {} .. {}).", t.yes,
                     what, static_cast<double>(t.decided) / static_cast<double>(t.yes),
                     OneIn(t.wilson95->high), low);
}

std::string RunBreakdown(const StreakReport& r) {
  std::vector<std::string> parts;
  if (r.current_no > 0) parts.push_back(Count(r.current_no, "no", "nos"));
  if (r.current_not_yet > 0) parts.push_back(fmt::format("{} not yet", r.current_not_yet));
  if (r.current_silent > 0) parts.push_back(fmt::format("{} unanswered", r.current_silent));
  return fmt::format("{}", fmt::join(parts, ", "));
}

std::string StreakLine(const StreakReport& r) {
  if (r.decided == 0) {
    return r.kind ? fmt::format("No answered {} yet, so no run to judge.", KindNoun(*r.kind, 2))
                  : "No answers yet, so no run to judge.";
  }
  if (r.current == 0) {
    return r.kind ? fmt::format("The latest answer to your {} (by reply date) was a yes.",
                                KindNoun(*r.kind, 2))
                  : "Your latest answer (by reply date) was a yes.";
  }
  const std::string asks = fmt::format("{} {}", r.current, Nouns(r.kind, r.current));
  const std::string run = r.yes == 0 ? fmt::format("{} and no yes yet", asks)
                          : r.kind   ? fmt::format("{} since the last one that got a yes", asks)
                                     : fmt::format("{} since your last yes", asks);
  const std::string head = fmt::format("{} ({})", run, RunBreakdown(r));
  if (r.current <= 2) return head + ": a run this short is ordinary.";
  const double p = r.p_current.value_or(0);
  const char* verdict = p >= 0.5    ? "ordinary"
                        : p >= 0.1  ? "not unusual"
                        : p >= 0.01 ? "uncommon; worth a look at what changed"
                                    : "rare; something may have changed";
  const std::string rate =
      r.kind ? fmt::format("your rate for {}", KindNoun(*r.kind, 2)) : std::string("your rate");
  return fmt::format("{} \u2014 a run this long happens to {} of searchers with {} ({}).", head,
                     PercentWords(p), rate, verdict);
}

std::string ForecastLine(const ForecastReport& r) {
  if (r.decided == 0) {
    return r.kind ? fmt::format("No forecast for {} yet: it needs at least one answer.",
                                KindNoun(*r.kind, 2))
                  : "No forecast yet: it needs at least one answer.";
  }
  const std::string next =
      r.kind ? fmt::format("the next yes to your {}", KindNoun(*r.kind, 2)) : "the next yes";
  if (!r.asks_to_yes.median) {
    return fmt::format("{}{} is too far off to forecast at this rate.",
                       static_cast<char>(std::toupper(next[0])), next.substr(1));
  }
  const std::string high = r.asks_to_yes.high80 ? std::to_string(*r.asks_to_yes.high80) : "many";
  if (!r.days_median) {
    return fmt::format("{}{} is likely within about {} more {} (80%: {} .. {}).",
                       static_cast<char>(std::toupper(next[0])), next.substr(1),
                       *r.asks_to_yes.median, Nouns(r.kind, *r.asks_to_yes.median),
                       r.asks_to_yes.low80.value_or(1), high);
  }
  auto weeks = [](int64_t days) { return (days + 6) / 7; };
  const std::string pace =
      r.kind ? fmt::format("{:.1f} {} a week", r.asks_per_day * 7.0, KindNoun(*r.kind, 2))
             : fmt::format("{:.1f} asks a week", r.asks_per_day * 7.0);
  return fmt::format("At your pace ({}) {} is likely within {} week{} (80%: {} .. {} weeks).", pace,
                     next, weeks(*r.days_median), weeks(*r.days_median) == 1 ? "" : "s",
                     weeks(r.days_low80.value_or(1)),
                     r.days_high80 ? std::to_string(weeks(*r.days_high80)) : std::string("many"));
}

Result<Reframe> BuildReframe(Store& store, Date today, const Horizon& horizon, const Ask& ask) {
  Reframe r;
  r.outcome = ask.outcome;
  r.kind = ask.kind;
  Result<StatsReport> by_kind = BuildStats(store, today, horizon, "kind");
  if (!by_kind.ok()) return by_kind.status();
  Result<StreakReport> streak = BuildStreak(store, today, horizon);
  if (!streak.ok()) return streak.status();
  Result<StreakReport> kind_streak = BuildStreak(store, today, horizon, ask.kind);
  if (!kind_streak.ok()) return kind_streak.status();
  Result<ForecastReport> forecast = BuildForecast(store, today, horizon);
  if (!forecast.ok()) return forecast.status();
  Result<ForecastReport> kind_forecast = BuildForecast(store, today, horizon, ask.kind);
  if (!kind_forecast.ok()) return kind_forecast.status();
  r.stats = std::move(by_kind).value();
  r.kind_stats.key = std::string(Name(ask.kind));
  r.kind_stats.posterior = Posterior(0, 0, BaselineRate(ask.kind));
  for (const GroupStats& g : r.stats.groups) {
    if (g.key == Name(ask.kind)) r.kind_stats = g;
  }
  r.streak = std::move(streak).value();
  r.kind_streak = std::move(kind_streak).value();
  r.forecast = std::move(forecast).value();
  r.kind_forecast = std::move(kind_forecast).value();

  const GroupStats& k = r.kind_stats;
  if (ask.outcome == Outcome::kYes) {
    r.lines = {Congratulations(ask), fmt::format("That makes {} yes in {} decided {}.", k.yes,
                                                 k.decided, KindNoun(ask.kind, k.decided))};
    r.theme_at = r.lines.size();
    return r;
  }
  // Whole-search lines only when other kinds make them say something the kind's lines do not.
  const bool other_kinds = r.stats.total.decided != k.decided;
  r.lines.push_back(RateLine(k, ask.kind));
  if (other_kinds) {
    const GroupStats& t = r.stats.total;
    std::string line;
    if (t.yes > 0) {
      line = fmt::format(
          "Across your whole search: {} yes in {} decided asks, about 1 yes per {:.0f}.", t.yes,
          t.decided, static_cast<double>(t.decided) / static_cast<double>(t.yes));
    } else {
      line = fmt::format("Across your whole search: no yes yet in {} decided asks.", t.decided);
    }
    r.lines.push_back(line);
  }
  r.theme_at = r.lines.size();
  r.lines.push_back(StreakLine(r.kind_streak));
  if (other_kinds)
    r.lines.push_back("Across your whole search: " + [&] {
      std::string s = StreakLine(r.streak);
      s[0] = static_cast<char>(std::tolower(s[0]));
      return s;
    }());
  r.lines.push_back(ForecastLine(r.kind_forecast));
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
      "Their reason reads as {}{}: about you, but one source is not a pattern; a pattern is "
      "independent sources saying the same.",
      Name(c.theme), why);
}

void AddReasonTheme(const Ask& ask, const ThemeClassifier& themes, Reframe& reframe) {
  reframe.theme = ThemeOfAsk(ask, themes);
  // A reason given with a yes is no rejection reason: it gets no theme line.
  if (reframe.theme && !reframe.theme->with_yes) {
    reframe.theme_line = ThemeLine(*reframe.theme);
    const Classification& c = reframe.theme->classification;
    if (c.about_you && c.theme != Theme::kNone && c.theme != Theme::kGeneric) {
      reframe.theme_hint = "'keel patterns' shows when they do.";
    }
  }
}

Json ReframeJson(const Reframe& r) {
  Json j;
  j["outcome"] = Name(r.outcome);
  j["lines"] = r.lines;
  Json theme;
  AddThemeFields(r.theme, theme);
  theme["line"] = r.theme_line ? Json(*r.theme_line) : Json(nullptr);
  j["theme"] = std::move(theme);
  j["kind"] = Json{{"kind", Name(r.kind)},
                   {"stats", GroupJson(r.kind_stats)},
                   {"streak", StreakJson(r.kind_streak)},
                   {"forecast", ForecastJson(r.kind_forecast)}};
  j["stats"] = GroupJson(r.stats.total);
  j["streak"] = StreakJson(r.streak);
  j["forecast"] = ForecastJson(r.forecast);
  return j;
}

}  // namespace keel
