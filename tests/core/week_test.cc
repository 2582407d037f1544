// ISO weeks at their edges. Expected values are Python's datetime.date.isocalendar(), an
// independent implementation of ISO 8601, not numbers keel produced.
#include "core/week.h"

#include <gtest/gtest.h>

#include <string>

#include "support/dates.h"

namespace keel {
namespace {

struct WeekCase {
  const char* date;
  int year, week, weekday;
  const char* monday;
};

TEST(WeekTest, MatchesPythonIsocalendarAtTheEdges) {
  const WeekCase cases[] = {
      // A 53-week year: 2026 begins on a Thursday, so its week 53 runs into 2027.
      {"2026-12-28", 2026, 53, 1, "2026-12-28"},
      {"2027-01-03", 2026, 53, 7, "2026-12-28"},
      {"2027-01-04", 2027, 1, 1, "2027-01-04"},
      {"2021-01-03", 2020, 53, 7, "2020-12-28"},
      {"2021-01-04", 2021, 1, 1, "2021-01-04"},
      {"2015-12-31", 2015, 53, 4, "2015-12-28"},
      {"2016-01-03", 2015, 53, 7, "2015-12-28"},
      // December days in next year's week 1, January days in last year's week 52.
      {"2024-12-29", 2024, 52, 7, "2024-12-23"},
      {"2024-12-30", 2025, 1, 1, "2024-12-30"},
      {"2023-01-01", 2022, 52, 7, "2022-12-26"},
      {"2023-01-02", 2023, 1, 1, "2023-01-02"},
      // Sunday ends a week, Monday begins the next.
      {"2026-11-29", 2026, 48, 7, "2026-11-23"},
      {"2026-11-30", 2026, 49, 1, "2026-11-30"},
      // Before and at the epoch (negative day counts).
      {"1969-12-31", 1970, 1, 3, "1969-12-29"},
      {"1970-01-01", 1970, 1, 4, "1969-12-29"},
  };
  for (const WeekCase& c : cases) {
    const Date d = Day(c.date);
    EXPECT_EQ(IsoWeekday(d), c.weekday) << c.date;
    EXPECT_EQ(IsoWeekOf(d), (IsoWeek{c.year, c.week})) << c.date;
    EXPECT_EQ(WeekStart(d).ToIso(), c.monday) << c.date;
  }
}

TEST(WeekTest, NamesWeeksWithTwoDigits) {
  EXPECT_EQ(IsoWeekName(Day("2027-01-03")), "2026-W53");
  EXPECT_EQ(IsoWeekName(Day("2027-01-04")), "2027-W01");
}

TEST(WeekTest, EveryDayOfAWeekSharesItsMonday) {
  const Date monday = Day("2026-11-23");
  for (int i = 0; i < 7; ++i) {
    EXPECT_EQ(WeekStart(monday + i), monday) << (monday + i).ToIso();
    EXPECT_EQ(IsoWeekday(monday + i), i + 1);
  }
  EXPECT_EQ(WeekStart(monday - 1), monday - 7);
}

}  // namespace
}  // namespace keel
