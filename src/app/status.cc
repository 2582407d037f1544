#include "app/status.h"

#include <fmt/format.h>

#include "app/transaction.h"

namespace keel {

Result<StatusReport> BuildStatus(Store& store, Date today, int silence_days) {
  Transaction snapshot(store);
  KEEL_RETURN_IF_ERROR(snapshot.BeginRead());
  Result<LedgerSummary> counts = store.Summarize(today, silence_days);
  Result<std::optional<ClosedSearch>> closed =
      counts.ok() ? FindClosedSearch(store) : Result<std::optional<ClosedSearch>>(std::nullopt);
  Result<std::optional<GoalReport>> goal =
      closed.ok() ? ReadGoal(store, today) : Result<std::optional<GoalReport>>(std::nullopt);
  snapshot.Rollback();
  if (!counts.ok()) return counts.status();
  if (!closed.ok()) return closed.status();
  if (!goal.ok()) return goal.status();

  StatusReport r;
  r.today = today;
  r.silence_days = silence_days;
  r.counts = *counts;
  const LedgerSummary& c = r.counts;
  r.decided = c.yes + c.no + c.not_yet + c.silent;
  if (r.decided > 0) r.yes_rate = static_cast<double>(c.yes) / static_cast<double>(r.decided);
  if (c.yes > 0) {
    r.nos_per_yes = static_cast<double>(c.no + c.not_yet + c.silent) / static_cast<double>(c.yes);
  }
  r.closed = std::move(closed).value();
  r.goal = std::move(goal).value();
  if (r.closed) {
    r.next_step = r.closed->offer.outcome == Outcome::kYes
                      ? "nothing to chase; if you search again, reopen this search"
                      : "if the offer fell through, reopen this search";
    r.next_command = "keel close --undo";
  } else if (c.asks == 0) {
    r.next_step = "log your first ask, or import the tracker you kept so far";
    r.next_command = "keel ask ORG --kind chat --to \"NAME\", or keel import FILE.csv --dry-run";
  } else if (c.not_yet_due > 0) {
    r.next_step = fmt::format("{} not-yet ask{} reached the date to ask again (see Today)",
                              c.not_yet_due, c.not_yet_due == 1 ? "" : "s");
    r.next_command = "keel list --open";
  } else if (c.asks_last_28_days == 0) {
    r.next_step = "no asks in the last 28 days; a steady pace matters more than any single answer";
  } else {
    r.next_step = "keep going: record each answer as it comes";
    r.next_command = "keel yes|no|not-yet ID";
  }
  return r;
}

Json StatusJson(const StatusReport& r) {
  const LedgerSummary& c = r.counts;
  Json j;
  j["today"] = r.today.ToIso();
  j["silence_days"] = r.silence_days;
  j["asks"] = c.asks;
  j["yes"] = c.yes;
  j["no"] = c.no;
  j["not_yet"] = c.not_yet;
  j["silent"] = c.silent;
  j["pending"] = c.pending;
  j["decided"] = r.decided;
  j["withdrawn"] = c.withdrawn;  // in asks, never in decided
  j["yes_rate"] = r.yes_rate ? Json(*r.yes_rate) : Json(nullptr);
  j["nos_per_yes"] = r.nos_per_yes ? Json(*r.nos_per_yes) : Json(nullptr);
  j["follow_ups"] = c.follow_ups;
  j["asks_last_28_days"] = c.asks_last_28_days;
  j["not_yet_due"] = c.not_yet_due;
  j["first_ask"] = DateJson(c.first_ask);
  j["last_ask"] = DateJson(c.last_ask);
  j["next_step"] = r.next_step;
  j["closed"] = ClosedSearchJson(r.closed);
  j["goal"] = GoalJson(r.goal);  // null when no weekly goal is set
  return j;
}

}  // namespace keel
