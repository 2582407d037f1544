// The weekly goal: weekly_goals holds every change of the goal as its own row (schema
// 12), so the goal a past week was judged by never changes after the fact, and an insert is all
// a change writes (journaled: `keel undo` deletes it). AsksByDate counts asks per day over the
// asks_by_search_date index; the goal's weeks are formed from those days in app/goal.cc.
#include <stdexcept>

#include "store/sql_store.h"

namespace keel {

Result<Id> SqlStore::AddGoalSetting(const GoalSetting& setting) {
  Statement& s = db_->Prepare(
      "INSERT INTO weekly_goals (search_id, set_on, asks_per_week) VALUES (?, ?, ?) RETURNING id");
  s.Bind(1, search_id_).Bind(2, setting.set_on.ToIso()).Bind(3, setting.asks_per_week);
  return Insert("weekly_goals", s);
}

Result<std::vector<GoalSetting>> SqlStore::GoalSettings() {
  Statement& s = db_->Prepare(
      "SELECT id, set_on, asks_per_week FROM weekly_goals WHERE search_id = ? "
      "ORDER BY set_on, id");
  s.Bind(1, search_id_);
  std::vector<GoalSetting> out;
  KEEL_RETURN_IF_ERROR(s.ForEachRow([&] {
    std::optional<Date> on = ParseIsoDate(s.Text(1));
    if (!on) throw std::runtime_error("database holds an invalid weekly goal date");
    GoalSetting g{s.Int(0), *on, std::nullopt};
    if (!s.IsNull(2)) g.asks_per_week = s.Int(2);
    out.push_back(g);
  }));
  return out;
}

Result<std::vector<DateCount>> SqlStore::AsksByDate(Date from, Date to) {
  Statement& s = db_->Prepare(
      "SELECT asked_on, count(*) FROM asks WHERE search_id = ? AND asked_on >= ? AND "
      "asked_on <= ? GROUP BY asked_on ORDER BY asked_on");
  s.Bind(1, search_id_).Bind(2, from.ToIso()).Bind(3, to.ToIso());
  std::vector<DateCount> out;
  KEEL_RETURN_IF_ERROR(s.ForEachRow([&] {
    std::optional<Date> on = ParseIsoDate(s.Text(0));
    if (!on) throw std::runtime_error("database holds an invalid ask date");
    out.push_back(DateCount{*on, s.Int(1)});
  }));
  return out;
}

}  // namespace keel
