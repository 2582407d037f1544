// Why the goal is judged per week by the goal of that week's end, and why the week in progress
// never breaks the run: the goal is there to keep a steady pace, not to add one more thing to
// fail at. A seeker who raises the goal today keeps the weeks they met under the old one; a
// Tuesday with 1 of 5 asks is a week under way, not a missed week. See goal.h for the rules.
#include "app/goal.h"

#include <fmt/format.h>

#include <charconv>
#include <map>

#include "app/transaction.h"
#include "core/text.h"
#include "core/week.h"

namespace keel {
namespace {

constexpr size_t kWeeksShown = 8;

// The goal in force on `day`: the latest change made on or before it (nullopt: none, or
// cleared).
std::optional<int64_t> GoalOn(const std::vector<GoalSetting>& settings, Date day,
                              Date* set_on = nullptr) {
  std::optional<int64_t> goal;
  for (const GoalSetting& s : settings) {  // by set_on, then id
    if (s.set_on > day) break;
    goal = s.asks_per_week;
    if (set_on) *set_on = s.set_on;
  }
  return goal;
}

std::string Asks(int64_t n) { return n == 1 ? "ask" : "asks"; }

std::string Line(const GoalReport& r) {
  std::string line = fmt::format("this week: {} of {} {}", r.asks_this_week, r.asks_per_week,
                                 Asks(r.asks_per_week));
  if (r.weeks_met_in_a_row > 0) {
    line += fmt::format(" · goal met {} week{} running", r.weeks_met_in_a_row,
                        r.weeks_met_in_a_row == 1 ? "" : "s");
  }
  return line;
}

}  // namespace

Result<int64_t> ParseAsksPerWeek(std::string_view text) {
  const std::string_view t = Trim(text);
  int64_t n = 0;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), n);
  if (t.empty() || ec != std::errc() || end != t.data() + t.size() || n < 1 ||
      n > kMaxAsksPerWeek) {
    return Error{fmt::format("'{}' is not a number of asks a week; give a whole number from 1 to "
                             "{}",
                             Clip(text), kMaxAsksPerWeek),
                 ErrorCode::kInvalid, "asks_per_week"};
  }
  return n;
}

Result<std::optional<GoalReport>> ReadGoal(Store& store, Date today) {
  Result<std::vector<GoalSetting>> settings = store.GoalSettings();
  if (!settings.ok()) return settings.status();
  GoalReport r;
  const std::optional<int64_t> goal = GoalOn(*settings, today, &r.set_on);
  if (!goal) return std::optional<GoalReport>();
  r.asks_per_week = *goal;
  r.week_start = WeekStart(today);
  r.week_end = r.week_start + 6;
  const Date first_week = WeekStart(settings->front().set_on);
  // Up to today: with --today in the past, asks dated after it have not been made yet.
  Result<std::vector<DateCount>> days = store.AsksByDate(first_week, today);
  if (!days.ok()) return days.status();
  std::map<Date, int64_t> by_week;
  for (const DateCount& d : *days) by_week[WeekStart(d.date)] += d.n;
  r.asks_this_week = by_week[r.week_start];
  r.met_this_week = r.asks_this_week >= r.asks_per_week;
  r.weeks_met_in_a_row = r.met_this_week ? 1 : 0;
  bool running = true;
  for (Date week = r.week_start - 7; week >= first_week; week = week - 7) {
    const std::optional<int64_t> judged_by = GoalOn(*settings, week + 6);
    if (!judged_by) break;  // before the first goal, or under a cleared one
    const int64_t asks = by_week[week];
    const bool met = asks >= *judged_by;
    running = running && met;
    if (running) ++r.weeks_met_in_a_row;
    if (r.weeks.size() < kWeeksShown) r.weeks.push_back(GoalWeek{week, asks, *judged_by, met});
    if (!running && r.weeks.size() >= kWeeksShown) break;
  }
  r.line = Line(r);
  return std::optional<GoalReport>(std::move(r));
}

Result<GoalChange> SetGoal(Store& store, std::optional<int64_t> asks_per_week, Date today) {
  if (asks_per_week && (*asks_per_week < 1 || *asks_per_week > kMaxAsksPerWeek)) {
    return ParseAsksPerWeek(std::to_string(*asks_per_week)).status();
  }
  const std::string summary = asks_per_week ? fmt::format("set the weekly goal to {} {}",
                                                          *asks_per_week, Asks(*asks_per_week))
                                            : std::string("clear the weekly goal");
  return InTransaction<GoalChange>(store, summary, [&]() -> Result<GoalChange> {
    Result<std::vector<GoalSetting>> settings = store.GoalSettings();
    if (!settings.ok()) return settings.status();
    GoalChange change;
    change.previous = GoalOn(*settings, today);
    if (!asks_per_week && !change.previous) {
      return Error{"there is no weekly goal to clear", ErrorCode::kConflict, "clear"};
    }
    if (change.previous != asks_per_week) {
      Result<Id> added = store.AddGoalSetting(GoalSetting{0, today, asks_per_week});
      if (!added.ok()) return added.status();
      change.changed = true;
    }
    Result<std::optional<GoalReport>> report = ReadGoal(store, today);
    if (!report.ok()) return report.status();
    change.report = std::move(report).value();
    const std::string week = IsoWeekName(today);
    if (!change.changed) {
      change.notices.emplace_back(fmt::format("the weekly goal is already {} {}; nothing changed",
                                              *asks_per_week, Asks(*asks_per_week)));
    } else if (!asks_per_week) {
      change.notices.emplace_back(
          "weekly goal cleared; the weeks it judged keep their record, and no week is judged "
          "until you set a goal again");
    } else if (change.previous) {
      change.notices.emplace_back(fmt::format(
          "weekly goal changed from {} to {} {} from this week ({}); earlier weeks keep the goal "
          "they had",
          *change.previous, *asks_per_week, Asks(*asks_per_week), week));
    } else {
      change.notices.emplace_back(fmt::format(
          "weekly goal set: {} {} a week from this week ({}); earlier weeks are not judged",
          *asks_per_week, Asks(*asks_per_week), week));
    }
    return change;
  });
}

Json GoalJson(const std::optional<GoalReport>& report) {
  if (!report) return Json(nullptr);
  const GoalReport& r = *report;
  Json j;
  j["asks_per_week"] = r.asks_per_week;
  j["set_on"] = r.set_on.ToIso();
  j["week"] = IsoWeekName(r.week_start);
  j["week_start"] = r.week_start.ToIso();
  j["week_end"] = r.week_end.ToIso();
  j["asks_this_week"] = r.asks_this_week;
  j["met_this_week"] = r.met_this_week;
  j["weeks_met_in_a_row"] = r.weeks_met_in_a_row;
  j["weeks"] = Json::array();
  for (const GoalWeek& w : r.weeks) {
    j["weeks"].push_back(Json{{"week", IsoWeekName(w.start)},
                              {"start", w.start.ToIso()},
                              {"asks", w.asks},
                              {"goal", w.goal},
                              {"met", w.met}});
  }
  j["line"] = r.line;
  return j;
}

}  // namespace keel
