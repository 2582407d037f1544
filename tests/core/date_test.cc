#include "core/date.h"

#include <gtest/gtest.h>

#include <string>

namespace keel {
namespace {

Date Ymd(int year, int month, int day) {
  const std::optional<Date> date = Date::FromYmd(year, month, day);
  EXPECT_TRUE(date.has_value()) << year << "-" << month << "-" << day;
  return date.value_or(Date());
}

TEST(DateTest, EpochIsDayZero) {
  EXPECT_EQ(Date().ToIso(), "1970-01-01");
  EXPECT_EQ(Ymd(1970, 1, 1).days(), 0);
  EXPECT_EQ(Date::FromDays(-1).ToIso(), "1969-12-31");
}

TEST(DateTest, YearMonthDayAccessors) {
  const Date date = Ymd(2026, 11, 26);
  EXPECT_EQ(date.year(), 2026);
  EXPECT_EQ(date.month(), 11);
  EXPECT_EQ(date.day(), 26);
  EXPECT_EQ(date.ToIso(), "2026-11-26");
}

TEST(DateTest, FromYmdRejectsImpossibleDates) {
  EXPECT_FALSE(Date::FromYmd(2026, 2, 30));
  EXPECT_FALSE(Date::FromYmd(2026, 13, 1));
  EXPECT_FALSE(Date::FromYmd(2026, 0, 1));
  EXPECT_FALSE(Date::FromYmd(2026, 1, 0));
  EXPECT_FALSE(Date::FromYmd(2026, 4, 31));
}

TEST(ParseIsoDateTest, AcceptsValidDates) {
  EXPECT_EQ(ParseIsoDate("2026-11-26"), Ymd(2026, 11, 26));
  EXPECT_EQ(ParseIsoDate("2026-01-01"), Ymd(2026, 1, 1));
  EXPECT_EQ(ParseIsoDate("2026-12-31"), Ymd(2026, 12, 31));
}

TEST(ParseIsoDateTest, RejectsDaysThatDoNotExist) {
  EXPECT_FALSE(ParseIsoDate("2026-02-30"));
  EXPECT_FALSE(ParseIsoDate("2026-04-31"));
  EXPECT_FALSE(ParseIsoDate("2026-01-32"));
  EXPECT_FALSE(ParseIsoDate("2026-01-00"));
}

TEST(ParseIsoDateTest, RejectsMonthOutOfRange) {
  EXPECT_FALSE(ParseIsoDate("2026-13-01"));
  EXPECT_FALSE(ParseIsoDate("2026-00-01"));
}

TEST(ParseIsoDateTest, RejectsNonStrictForms) {
  EXPECT_FALSE(ParseIsoDate("2026-1-01"));
  EXPECT_FALSE(ParseIsoDate("2026-01-1"));
  EXPECT_FALSE(ParseIsoDate("26-01-01"));
  EXPECT_FALSE(ParseIsoDate("2026/01/01"));
  EXPECT_FALSE(ParseIsoDate("20260101"));
  EXPECT_FALSE(ParseIsoDate(""));
  EXPECT_FALSE(ParseIsoDate("yesterday"));
}

TEST(ParseIsoDateTest, RejectsSignsInsideTheFields) {
  EXPECT_FALSE(ParseIsoDate("2026--1-01"));
  EXPECT_FALSE(ParseIsoDate("2026-01--1"));
  EXPECT_FALSE(ParseIsoDate("+026-01-01"));
  EXPECT_FALSE(ParseIsoDate("-026-01-01"));
}

TEST(ParseIsoDateTest, RejectsTrailingOrLeadingJunk) {
  EXPECT_FALSE(ParseIsoDate("2026-11-26x"));
  EXPECT_FALSE(ParseIsoDate("2026-11-26 "));
  EXPECT_FALSE(ParseIsoDate(" 2026-11-26"));
  EXPECT_FALSE(ParseIsoDate("2026-11-26T10:00"));
  EXPECT_FALSE(ParseIsoDate("2026-11-2x"));
}

TEST(ParseIsoDateTest, LeapYearsFollowTheGregorianRules) {
  EXPECT_TRUE(ParseIsoDate("2024-02-29"));   // divisible by 4
  EXPECT_FALSE(ParseIsoDate("2023-02-29"));  // not divisible by 4
  EXPECT_FALSE(ParseIsoDate("2100-02-29"));  // century, not divisible by 400
  EXPECT_TRUE(ParseIsoDate("2000-02-29"));   // divisible by 400
  EXPECT_FALSE(ParseIsoDate("2024-02-30"));
}

TEST(DateTest, EveryDayFrom1970To2100RoundTripsThroughIso) {
  const int32_t first = Ymd(1970, 1, 1).days();
  const int32_t last = Ymd(2100, 12, 31).days();
  int32_t checked = 0;
  for (int32_t days = first; days <= last; ++days) {
    const Date date = Date::FromDays(days);
    const std::string iso = date.ToIso();
    const std::optional<Date> parsed = ParseIsoDate(iso);
    ASSERT_TRUE(parsed.has_value()) << iso;
    ASSERT_EQ(parsed->days(), days) << iso;
    ASSERT_EQ(Date::FromYmd(date.year(), date.month(), date.day()), date) << iso;
    ++checked;
  }
  EXPECT_EQ(checked, 47847);  // 131 years, 32 of them leap (2100 is not)
}

TEST(DateTest, ConsecutiveDaysHaveIncreasingIso) {
  std::string previous = Date::FromDays(-1).ToIso();
  for (int32_t days = 0; days < 50000; ++days) {
    const std::string iso = Date::FromDays(days).ToIso();
    ASSERT_LT(previous, iso);
    previous = iso;
  }
}

TEST(DateArithmeticTest, AddingDaysCrossesMonthAndYearEnds) {
  EXPECT_EQ((Ymd(2026, 1, 31) + 1).ToIso(), "2026-02-01");
  EXPECT_EQ((Ymd(2026, 2, 28) + 1).ToIso(), "2026-03-01");
  EXPECT_EQ((Ymd(2024, 2, 28) + 1).ToIso(), "2024-02-29");
  EXPECT_EQ((Ymd(2024, 2, 29) + 1).ToIso(), "2024-03-01");
  EXPECT_EQ((Ymd(2025, 12, 31) + 1).ToIso(), "2026-01-01");
  EXPECT_EQ((Ymd(2026, 1, 1) - 1).ToIso(), "2025-12-31");
  EXPECT_EQ((Ymd(2026, 3, 1) - 1).ToIso(), "2026-02-28");
  EXPECT_EQ((Ymd(2026, 11, 26) + 36).ToIso(), "2027-01-01");
}

TEST(DateArithmeticTest, DifferenceCountsCalendarDays) {
  EXPECT_EQ(Ymd(2026, 1, 1) - Ymd(2025, 1, 1), 365);
  EXPECT_EQ(Ymd(2025, 1, 1) - Ymd(2024, 1, 1), 366);
  EXPECT_EQ(Ymd(2026, 11, 26) - Ymd(2026, 11, 2), 24);
  EXPECT_EQ(Ymd(2026, 11, 2) - Ymd(2026, 11, 26), -24);
  EXPECT_EQ(Ymd(2026, 3, 1) - Ymd(2026, 2, 1), 28);
}

TEST(DateArithmeticTest, DatesAreOrdered) {
  EXPECT_LT(Ymd(2025, 12, 31), Ymd(2026, 1, 1));
  EXPECT_EQ(Ymd(2026, 1, 1), Ymd(2025, 12, 31) + 1);
  EXPECT_GT(Ymd(2026, 11, 26), Ymd(2026, 11, 25));
}

class ParseUserDateTest : public ::testing::Test {
 protected:
  const Date today_ = Ymd(2026, 11, 26);
};

TEST_F(ParseUserDateTest, TodayAndYesterday) {
  ASSERT_TRUE(ParseUserDate("today", today_).ok());
  EXPECT_EQ(*ParseUserDate("today", today_), today_);
  ASSERT_TRUE(ParseUserDate("yesterday", today_).ok());
  EXPECT_EQ(ParseUserDate("yesterday", today_)->ToIso(), "2026-11-25");
}

TEST_F(ParseUserDateTest, DaysBeforeToday) {
  ASSERT_TRUE(ParseUserDate("-3d", today_).ok());
  EXPECT_EQ(ParseUserDate("-3d", today_)->ToIso(), "2026-11-23");
  EXPECT_EQ(ParseUserDate("-0d", today_)->ToIso(), "2026-11-26");
  EXPECT_EQ(ParseUserDate("-30d", today_)->ToIso(), "2026-10-27");
  EXPECT_EQ(ParseUserDate("-365d", today_)->ToIso(), "2025-11-26");
}

TEST_F(ParseUserDateTest, IsoDates) {
  ASSERT_TRUE(ParseUserDate("2026-11-02", today_).ok());
  EXPECT_EQ(ParseUserDate("2026-11-02", today_)->ToIso(), "2026-11-02");
}

TEST_F(ParseUserDateTest, BadTextNamesItAndTheAcceptedForms) {
  const Result<Date> bad = ParseUserDate("tomorrow", today_);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.message(), "'tomorrow' is not a date; use YYYY-MM-DD, 'today', 'yesterday' or -Nd");
  EXPECT_FALSE(ParseUserDate("2026-02-30", today_).ok());
  EXPECT_FALSE(ParseUserDate("-d", today_).ok());
  EXPECT_FALSE(ParseUserDate("-xd", today_).ok());
  EXPECT_FALSE(ParseUserDate("-3", today_).ok());
  EXPECT_FALSE(ParseUserDate("3d", today_).ok());
  EXPECT_FALSE(ParseUserDate("", today_).ok());
}

// "-Nd" means N days *before* today; a second minus must not turn it into a future date.
TEST_F(ParseUserDateTest, DoubleMinusIsNotAFutureDate) {
  const Result<Date> date = ParseUserDate("--5d", today_);
  EXPECT_FALSE(date.ok()) << "parsed as " << (date.ok() ? date->ToIso() : "");
}

// The store writes dates as ISO and reads them back with ParseIsoDate, so every date a person
// can type must be one that ParseIsoDate accepts (or be refused when typed).
TEST_F(ParseUserDateTest, AcceptedDatesSurviveTheIsoRoundTrip) {
  for (const char* text : {"-1d", "-9999d", "-99999d"}) {
    const Result<Date> date = ParseUserDate(text, today_);
    if (!date.ok()) continue;
    EXPECT_EQ(ParseIsoDate(date->ToIso()), *date) << text << " gave " << date->ToIso();
  }
}

TEST(ParseSheetDateTest, MonthFirst) {
  const auto date = ParseSheetDate("2/3/2024", SlashDateOrder::kMonthFirst);
  ASSERT_TRUE(date);
  EXPECT_EQ(date->ToIso(), "2024-02-03");
  EXPECT_EQ(ParseSheetDate("11/14/2021", SlashDateOrder::kMonthFirst)->ToIso(), "2021-11-14");
  EXPECT_EQ(ParseSheetDate("02/27/2025", SlashDateOrder::kMonthFirst)->ToIso(), "2025-02-27");
}

TEST(ParseSheetDateTest, DayFirst) {
  const auto date = ParseSheetDate("2/3/2024", SlashDateOrder::kDayFirst);
  ASSERT_TRUE(date);
  EXPECT_EQ(date->ToIso(), "2024-03-02");
  EXPECT_EQ(ParseSheetDate("31/1/2024", SlashDateOrder::kDayFirst)->ToIso(), "2024-01-31");
  EXPECT_FALSE(ParseSheetDate("31/1/2024", SlashDateOrder::kMonthFirst));
}

TEST(ParseSheetDateTest, AcceptsIsoInEitherOrder) {
  EXPECT_EQ(ParseSheetDate("2024-02-03", SlashDateOrder::kMonthFirst)->ToIso(), "2024-02-03");
  EXPECT_EQ(ParseSheetDate("2024-02-03", SlashDateOrder::kDayFirst)->ToIso(), "2024-02-03");
}

TEST(ParseSheetDateTest, RejectsImpossibleAndShortForms) {
  for (SlashDateOrder order : {SlashDateOrder::kMonthFirst, SlashDateOrder::kDayFirst}) {
    EXPECT_FALSE(ParseSheetDate("13/45/2024", order));
    EXPECT_FALSE(ParseSheetDate("1/2/24", order));  // two-digit year is ambiguous
    EXPECT_FALSE(ParseSheetDate("1/2/02024", order));
    EXPECT_FALSE(ParseSheetDate("1/2", order));
    EXPECT_FALSE(ParseSheetDate("1//2024", order));
    EXPECT_FALSE(ParseSheetDate("/1/2024", order));
    EXPECT_FALSE(ParseSheetDate("1/2/2024/", order));
    EXPECT_FALSE(ParseSheetDate("001/2/2024", order));
    EXPECT_FALSE(ParseSheetDate("1/2/2024 18:51:27", order));
    EXPECT_FALSE(ParseSheetDate("", order));
    EXPECT_FALSE(ParseSheetDate("a/b/cdef", order));
  }
  EXPECT_FALSE(ParseSheetDate("2/30/2024", SlashDateOrder::kMonthFirst));
  EXPECT_FALSE(ParseSheetDate("30/2/2024", SlashDateOrder::kDayFirst));
  EXPECT_FALSE(ParseSheetDate("2/29/2023", SlashDateOrder::kMonthFirst));
  EXPECT_TRUE(ParseSheetDate("2/29/2024", SlashDateOrder::kMonthFirst));
}

// --until and an action's start may lie ahead: tomorrow, +Nd, +Nw and +Nm, relative to today.
TEST_F(ParseUserDateTest, FutureFormsCountFromToday) {
  EXPECT_EQ(ParseFutureDate("tomorrow", today_)->ToIso(), "2026-11-27");
  EXPECT_EQ(ParseFutureDate("+3d", today_)->ToIso(), "2026-11-29");
  EXPECT_EQ(ParseFutureDate("+0d", today_)->ToIso(), "2026-11-26");
  EXPECT_EQ(ParseFutureDate("+2w", today_)->ToIso(), "2026-12-10");
  EXPECT_EQ(ParseFutureDate("+1m", today_)->ToIso(), "2026-12-26");
  EXPECT_EQ(ParseFutureDate("+2m", today_)->ToIso(), "2027-01-26");
  EXPECT_EQ(ParseFutureDate("+12m", today_)->ToIso(), "2027-11-26");
}

TEST_F(ParseUserDateTest, FutureParserTakesThePastFormsToo) {
  EXPECT_EQ(ParseFutureDate("today", today_)->ToIso(), "2026-11-26");
  EXPECT_EQ(ParseFutureDate("yesterday", today_)->ToIso(), "2026-11-25");
  EXPECT_EQ(ParseFutureDate("-3d", today_)->ToIso(), "2026-11-23");
  EXPECT_EQ(ParseFutureDate("2027-01-15", today_)->ToIso(), "2027-01-15");
}

// A calendar month keeps the day of the month, or falls back to the month's last day.
TEST_F(ParseUserDateTest, MonthsEndOnTheLastDayOfAShorterMonth) {
  EXPECT_EQ(ParseFutureDate("+1m", Ymd(2026, 1, 31))->ToIso(), "2026-02-28");
  EXPECT_EQ(ParseFutureDate("+1m", Ymd(2024, 1, 31))->ToIso(), "2024-02-29");
  EXPECT_EQ(ParseFutureDate("+1m", Ymd(2026, 3, 31))->ToIso(), "2026-04-30");
  EXPECT_EQ(ParseFutureDate("+2m", Ymd(2026, 12, 31))->ToIso(), "2027-02-28");
  EXPECT_EQ(ParseFutureDate("+1m", Ymd(2026, 2, 28))->ToIso(), "2026-03-28");
  EXPECT_EQ(AddMonths(Ymd(2026, 3, 31), -1)->ToIso(), "2026-02-28");
  EXPECT_FALSE(AddMonths(Ymd(9999, 12, 1), 1).has_value());
}

TEST_F(ParseUserDateTest, FutureNonsenseListsEveryAcceptedForm) {
  const Result<Date> bad = ParseFutureDate("soon", today_);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.message(),
            "'soon' is not a date; use YYYY-MM-DD, 'today', 'tomorrow', 'yesterday', -Nd, or +Nd, "
            "+Nw, +Nm (N days, weeks or calendar months from today)");
  for (const char* text :
       {"+", "+d", "+3", "3w", "+3y", "+-3d", "++3d", "+3dd", "+x1d", "-2w", "+1.5w", "+ 3d", ""}) {
    EXPECT_FALSE(ParseFutureDate(text, today_).ok()) << text;
  }
  EXPECT_FALSE(ParseFutureDate("+999999d", today_).ok());  // six digits
}

TEST_F(ParseUserDateTest, FutureDatesPastTheCalendarAreRefused) {
  const Result<Date> far = ParseFutureDate("+99999m", today_);
  ASSERT_FALSE(far.ok());
  EXPECT_EQ(far.message(), "'+99999m' is after 9999; give a date in YYYY-MM-DD");
  EXPECT_TRUE(ParseFutureDate("+99999w", today_).ok());  // 699,993 days: still before 9999
  EXPECT_TRUE(ParseFutureDate("+99999d", today_).ok());  // 2300-09-..
  EXPECT_EQ(ParseIsoDate(ParseFutureDate("+99999d", today_)->ToIso()),
            *ParseFutureDate("+99999d", today_));
}

// The past-only parser still refuses the future forms (an ask date cannot lie ahead).
TEST_F(ParseUserDateTest, PastParserRefusesFutureForms) {
  EXPECT_FALSE(ParseUserDate("+3d", today_).ok());
  EXPECT_FALSE(ParseUserDate("tomorrow", today_).ok());
}

}  // namespace
}  // namespace keel
