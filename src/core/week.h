// ISO 8601 weeks: Monday to Sunday, numbered within the ISO year that holds their Thursday, so
// 2026-12-28 (a Monday) begins 2026-W53 and 2027-01-03 (a Sunday) still belongs to it. The weekly
// goal counts asks by these weeks, in the seeker's local dates (keel's dates have no time zone).
#pragma once

#include <string>

#include "core/date.h"

namespace keel {

/// 1 for Monday ... 7 for Sunday.
int IsoWeekday(Date date);

/// The Monday that begins the ISO week holding `date`.
Date WeekStart(Date date);

struct IsoWeek {
  int year = 0;  // the ISO week-numbering year (the year of the week's Thursday)
  int week = 0;  // 1 to 52 or 53
  friend bool operator==(const IsoWeek&, const IsoWeek&) = default;
};

/// The ISO year and week number of `date`.
IsoWeek IsoWeekOf(Date date);

/// "2026-W48".
std::string IsoWeekName(Date date);

}  // namespace keel
