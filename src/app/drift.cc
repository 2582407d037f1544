// Why drift is judged this way:
//
// - The question is "have I stopped following the plan I made while calm?", so the measure is the
//   share of asks off the focus, recent against before, not a count: a busy week is not a drift.
// - Two weeks is long enough to hold a handful of asks at a normal pace and short enough to catch
//   the turn while it can still be undone. "Before" is all earlier history, judged by the strategy
//   as it is now: the question is about today's plan, and a plan set late still says what the
//   person meant to do.
// - Two off-focus asks and a rise of 20 points: a single exception is not a trend, and a search
//   that always kept some side bets is not drifting when it keeps them (see the constants).
// - The run of nos before the drift is counted by decision date, because a drift follows the
//   answers a person has heard, not the asks they made. Silence is dated asked_on + H, as in
//   PRODUCT.md's streak definition (keel streak uses the same). Five or more in a row is
//   flagged: that is when people tear up a search that was working, and saying so plainly is the
//   most useful thing keel can do at that moment.
// - Pivots (asks the person logged knowingly, despite a deal-breaker) still count: they are off
//   the focus all the same. They are marked, so the report can say that some of it was chosen.
#include "app/drift.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>

namespace keel {
namespace {

struct Decision {
  Date on;
  Id id = 0;
  bool yes = false;
};

int64_t StreakBefore(const std::vector<Ask>& asks, Date start, Date today, int silence_days) {
  std::vector<Decision> decisions;
  for (const Ask& a : asks) {
    if (a.asked_on > today) continue;
    const Outcome o = a.EffectiveOutcome(today, silence_days);
    if (o == Outcome::kPending || o == Outcome::kWithdrawn) continue;
    const Date on = o == Outcome::kSilent ? a.asked_on + static_cast<int32_t>(silence_days)
                                          : a.replied_on.value_or(a.asked_on);
    if (on < start) decisions.push_back(Decision{on, a.id, o == Outcome::kYes});
  }
  std::sort(decisions.begin(), decisions.end(), [](const Decision& x, const Decision& y) {
    return x.on != y.on ? x.on < y.on : x.id < y.id;
  });
  int64_t streak = 0;
  for (auto it = decisions.rbegin(); it != decisions.rend() && !it->yes; ++it) ++streak;
  return streak;
}

void Finish(DriftWindow& w) {
  if (w.asks > 0) w.share = static_cast<double>(w.off_focus) / static_cast<double>(w.asks);
}

// recent share - before share >= kDriftMinRisePercent / 100, in whole numbers so that a rise of
// exactly 20 points is never lost to rounding.
bool RoseEnough(const DriftWindow& recent, const DriftWindow& before) {
  if (recent.asks == 0) return false;
  if (before.asks == 0) return 100 * recent.off_focus >= kDriftMinRisePercent * recent.asks;
  return 100 * (recent.off_focus * before.asks - before.off_focus * recent.asks) >=
         kDriftMinRisePercent * recent.asks * before.asks;
}

void FocusDates(const Strategy& s, DriftReport& r) {
  std::vector<Date> dates;
  for (const auto* list : {&s.focus, &s.deal_breakers}) {
    for (const StrategyItem& i : *list) dates.push_back(i.since);
  }
  if (s.salary_floor_since) dates.push_back(*s.salary_floor_since);
  if (dates.empty()) return;
  r.focus_set = *std::min_element(dates.begin(), dates.end());
  r.focus_changed = *std::max_element(dates.begin(), dates.end());
}

std::string SharePercent(double share) { return fmt::format("{:.0f}%", 100.0 * share); }

std::string AskCount(int64_t n) { return fmt::format("{} ask{}", n, n == 1 ? "" : "s"); }

// The run counts silences too, and silence is not a no: "5 asks without a yes", never "5 nos".
std::string Nos(int64_t n) { return fmt::format("{} ask{} without a yes", n, n == 1 ? "" : "s"); }

std::string Against(const DriftWindow& before) {
  if (!before.share) return "with no earlier asks to compare";
  return fmt::format("against {} before", SharePercent(*before.share));
}

Json WindowJson(const DriftWindow& w) {
  Json j;
  j["asks"] = w.asks;
  j["off_focus"] = w.off_focus;
  j["unjudged"] = w.unjudged;
  j["share"] = w.share ? Json(*w.share) : Json(nullptr);
  return j;
}

std::string Summary(const DriftReport& r) {
  const DriftWindow& w = r.recent;
  if (w.asks == 0) {
    std::string line =
        fmt::format("No asks in the last {} days, so nothing to judge yet.", kDriftWindowDays);
    if (r.before.share) {
      line += fmt::format(" Before that, {} of {} were off your focus.",
                          SharePercent(*r.before.share), AskCount(r.before.asks));
    }
    return line;
  }
  if (w.off_focus == 0) {
    return w.asks == 1 ? fmt::format("In the last {} days your one ask was on your focus.",
                                     kDriftWindowDays)
                       : fmt::format("In the last {} days all {} were on your focus.",
                                     kDriftWindowDays, AskCount(w.asks));
  }
  std::string line =
      fmt::format("In the last {} days {} of {} ({}) {} off your focus, {}", kDriftWindowDays,
                  w.off_focus, AskCount(w.asks), SharePercent(*w.share),
                  w.off_focus == 1 ? "was" : "were", Against(r.before));
  if (!r.drifting) return line + ": not a drift.";
  line += ". It began on " + r.started->ToIso();
  if (r.after_streak) {
    line += fmt::format(", right after {}: this is the moment people abandon a good search.",
                        Nos(r.streak_before));
  } else if (r.streak_before > 0) {
    line += fmt::format(", after {}.", Nos(r.streak_before));
  } else {
    line += ".";
  }
  if (r.focus_set && r.focus_changed && *r.focus_changed < *r.started) {
    line += *r.focus_changed == *r.focus_set
                ? fmt::format(" Your focus was set on {}, while calm.", r.focus_set->ToIso())
                : fmt::format(" Your focus was set on {} (last changed on {}), while calm.",
                              r.focus_set->ToIso(), r.focus_changed->ToIso());
  } else if (r.focus_set && r.focus_changed) {
    line += fmt::format(" Your focus was set on {} and last changed on {}.", r.focus_set->ToIso(),
                        r.focus_changed->ToIso());
  }
  return line;
}

}  // namespace

DriftReport BuildDrift(const Strategy& s, const std::vector<Ask>& asks,
                       const std::vector<Id>& pivot_ask_ids, Date today, int silence_days) {
  DriftReport r;
  r.today = today;
  r.silence_days = silence_days;
  r.has_strategy = s.has_criteria();
  FocusDates(s, r);
  const Date window_start = today - kDriftWindowDays;  // exclusive
  for (const Ask& a : asks) {
    if (a.asked_on > today) continue;
    const bool recent = a.asked_on > window_start;
    DriftWindow& w = recent ? r.recent : r.before;
    ++w.asks;
    if (!r.has_strategy) continue;
    std::optional<std::string> why = OffFocusReason(s, a);
    if (!why) {
      if (!CanJudgeFocus(s, a)) ++w.unjudged;
      continue;
    }
    ++w.off_focus;
    if (!recent) continue;
    const bool deliberate =
        std::find(pivot_ask_ids.begin(), pivot_ask_ids.end(), a.id) != pivot_ask_ids.end();
    r.off_focus.push_back(DriftAsk{a.id, a.asked_on, a.org, a.role, std::move(*why), deliberate});
    if (!r.started || a.asked_on < *r.started) r.started = a.asked_on;
  }
  Finish(r.recent);
  Finish(r.before);
  r.drifting = r.recent.off_focus >= kDriftMinOffFocus && RoseEnough(r.recent, r.before);
  if (r.started) r.streak_before = StreakBefore(asks, *r.started, today, silence_days);
  r.after_streak = r.streak_before >= kDriftStreakOfNos;
  return r;
}

Json DriftJson(const DriftReport& r) {
  Json j;
  j["today"] = r.today.ToIso();
  j["silence_days"] = r.silence_days;
  j["has_strategy"] = r.has_strategy;
  j["focus_set"] = DateJson(r.focus_set);
  j["focus_changed"] = DateJson(r.focus_changed);
  j["window_days"] = kDriftWindowDays;
  j["recent"] = Json{{"from", (r.today - kDriftWindowDays + 1).ToIso()}, {"to", r.today.ToIso()}};
  j["recent"].update(WindowJson(r.recent));
  j["before"] = Json{{"to", (r.today - kDriftWindowDays).ToIso()}};
  j["before"].update(WindowJson(r.before));
  j["drifting"] = r.drifting;
  j["started"] = DateJson(r.started);
  j["streak_before"] = r.streak_before;
  j["after_streak"] = r.after_streak;
  j["off_focus"] = Json::array();
  for (const DriftAsk& a : r.off_focus) {
    j["off_focus"].push_back(Json{{"id", a.id},
                                  {"asked_on", a.asked_on.ToIso()},
                                  {"org", a.org},
                                  {"role", a.role},
                                  {"why", a.why},
                                  {"deliberate", a.deliberate}});
  }
  // The first line `keel drift` prints, for the page (null without a strategy).
  j["summary"] = r.has_strategy ? Json(Summary(r)) : Json(nullptr);
  return j;
}

std::vector<std::string> DriftLines(const DriftReport& r) {
  if (!r.has_strategy) {
    return {
        "No focus or deal-breakers set yet, so there is nothing to drift from. Set them while "
        "calm: keel strategy focus --role \"data engineer\", keel strategy rule-out --location "
        "relocation."};
  }
  std::vector<std::string> lines{Summary(r)};
  const auto deliberate = std::count_if(r.off_focus.begin(), r.off_focus.end(),
                                        [](const DriftAsk& a) { return a.deliberate; });
  if (deliberate > 0) {
    lines.push_back(deliberate == static_cast<std::ptrdiff_t>(r.off_focus.size())
                        ? std::string("You went ahead with each of them knowingly.")
                        : fmt::format("You went ahead with {} of them knowingly.", deliberate));
  }
  if (r.drifting && deliberate < static_cast<std::ptrdiff_t>(r.off_focus.size())) {
    lines.emplace_back(
        "If this is a change of course you have thought through, update your strategy to say so; "
        "if not, the asks below are the ones to look at again.");
  }
  if (r.recent.unjudged > 0) {
    lines.push_back(fmt::format(
        "{} in the last {} days {} nothing your focus is about, so {} as on focus; record the "
        "role and facets to have them judged.",
        AskCount(r.recent.unjudged), kDriftWindowDays, r.recent.unjudged == 1 ? "says" : "say",
        r.recent.unjudged == 1 ? "it counts" : "they count"));
  }
  for (const DriftAsk& a : r.off_focus) {
    lines.push_back(fmt::format("  #{} {} {}{}: {}{}", a.id, a.asked_on.ToIso(), a.org,
                                a.role.empty() ? "" : ", " + a.role, a.why,
                                a.deliberate ? " (deliberate)" : ""));
  }
  return lines;
}

}  // namespace keel
