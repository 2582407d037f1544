// Why from the day count: Date holds days since 1970-01-01, which was a Thursday, so the weekday
// is a remainder and the ISO year is the calendar year of the week's Thursday; no calendar
// library and no time zone is involved.
#include "core/week.h"

#include <fmt/format.h>

namespace keel {

int IsoWeekday(Date date) {
  // 1970-01-01 was a Thursday (ISO weekday 4).
  const int32_t from_monday = ((date.days() + 3) % 7 + 7) % 7;
  return from_monday + 1;
}

Date WeekStart(Date date) { return date - (IsoWeekday(date) - 1); }

IsoWeek IsoWeekOf(Date date) {
  const Date thursday = WeekStart(date) + 3;
  const int year = thursday.year();
  const Date january_first = *Date::FromYmd(year, 1, 1);
  return IsoWeek{year, (thursday - january_first) / 7 + 1};
}

std::string IsoWeekName(Date date) {
  const IsoWeek w = IsoWeekOf(date);
  return fmt::format("{:04d}-W{:02d}", w.year, w.week);
}

}  // namespace keel
