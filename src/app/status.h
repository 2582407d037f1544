// `keel status`: the search at a glance, and what to do next.
#pragma once

#include <optional>
#include <string>

#include "app/goal.h"
#include "app/search_closing.h"
#include "app/views.h"
#include "core/result.h"
#include "store/store.h"

namespace keel {

struct StatusReport {
  Date today;
  int silence_days = kDefaultSilenceDays;
  LedgerSummary counts;
  int64_t decided = 0;                 // yes + no + not-yet + silent
  std::optional<double> yes_rate;      // null without a decided ask
  std::optional<double> nos_per_yes;   // null without a yes
  std::string next_step;               // one suggestion, worded for a person; names no command
  std::string next_command;            // the CLI's command for it (not in the JSON), or empty
  std::optional<ClosedSearch> closed;  // the accepted offer, once the search is closed
  std::optional<GoalReport> goal;      // the weekly goal's progress, when a goal is set
};

Result<StatusReport> BuildStatus(Store& store, Date today, int silence_days);
Json StatusJson(const StatusReport& report);

}  // namespace keel
