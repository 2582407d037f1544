// Which column of a CSV file holds which keel field: keel's own header, other trackers' headers
// by their aliases (app/import_words.h), and the person's --map and --value readings.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "app/import.h"
#include "app/import_words.h"
#include "core/result.h"

namespace keel {

/// keel's own CSV header, every field in order.
inline constexpr std::array<std::string_view, kFieldCount> kKeelHeader = {
    "asked_on", "org",       "person",    "kind",   "channel", "outcome",    "replied_on",
    "reason",   "materials", "role",      "note",   "until",   "follow_ups", "theme",
    "industry", "location",  "seniority", "remote", "salary",  "via"};

/// How the columns of one file are read.
struct ColumnPlan {
  std::array<int, kFieldCount> column{};  // column index per field, -1 when absent
  bool keel_format = false;               // keel's own header (read exactly), and no --map
  std::vector<std::string> descriptions;  // "Company -> org", in file order
  std::vector<std::string> ignored;       // header names of the columns read as nothing
};

/// Assigns each header (trimmed) to a field: the person's maps first, then the aliases. Fails,
/// naming the fix, on a map naming no column or no field, two columns read as one field, and a
/// file without an organization or an ask date.
Result<ColumnPlan> PlanColumns(const std::vector<std::string>& header, const ImportOptions& opt);

/// Checks a --value rule's VALUE before any row is read, so a typo is blamed on the option.
Status CheckValueRule(const ValueRule& rule);

/// Fails when a --value rule names a field no column is read as.
Status CheckRulesHaveColumns(const ColumnPlan& plan, const ImportOptions& opt);

}  // namespace keel
