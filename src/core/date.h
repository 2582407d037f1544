// Calendar days without time zones or floating point: every statistic in keel is whole days.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace keel {

/// A calendar date, stored as days since 1970-01-01 (proleptic Gregorian).
class Date {
 public:
  constexpr Date() = default;
  static constexpr Date FromDays(int32_t days) { return Date(days); }
  /// Returns the date for a valid year/month/day, or nullopt (e.g. 2026-02-30).
  static std::optional<Date> FromYmd(int year, int month, int day);

  constexpr int32_t days() const { return days_; }
  int year() const;
  int month() const;
  int day() const;
  /// "YYYY-MM-DD".
  std::string ToIso() const;

  friend constexpr int32_t operator-(Date a, Date b) { return a.days_ - b.days_; }
  friend constexpr Date operator+(Date a, int32_t n) { return Date(a.days_ + n); }
  friend constexpr Date operator-(Date a, int32_t n) { return Date(a.days_ - n); }
  // clang-tidy 14 mistakes the defaulted <=> for a literal 0 compared with a pointer.
  friend constexpr auto operator<=>(Date a, Date b) = default;  // NOLINT(modernize-use-nullptr)

 private:
  constexpr explicit Date(int32_t days) : days_(days) {}
  int32_t days_ = 0;
};

/// Parses strict ISO "YYYY-MM-DD" only (what keel stores and exports).
std::optional<Date> ParseIsoDate(std::string_view text);

/// Parses what a person types: ISO, "today", "yesterday", "-Nd" (N days before today).
/// On failure the error names the text and the accepted forms.
Result<Date> ParseUserDate(std::string_view text, Date today);

/// Parses a date that may lie ahead (`--until`, an action's start): everything ParseUserDate
/// takes, plus "tomorrow", "+Nd" (N days after today), "+Nw" (N weeks) and "+Nm" (N calendar
/// months: the same day of the month, or that month's last day when it is shorter, so 2026-01-31
/// +1m is 2026-02-28 and 2024-01-31 +1m is 2024-02-29). N has at most 5 digits. On failure the
/// error names the text and lists every accepted form in one line.
Result<Date> ParseFutureDate(std::string_view text, Date today);

/// `date` moved by `months` calendar months (negative: back), on the same day of the month or the
/// target month's last day when it is shorter; nullopt outside the years 1900..9999.
std::optional<Date> AddMonths(Date date, int months);

/// How slash dates in other trackers' CSV files are read.
enum class SlashDateOrder { kMonthFirst, kDayFirst };

/// Parses ISO or a slash date "M/D/YYYY" (or "D/M/YYYY"), as spreadsheet exports write them.
std::optional<Date> ParseSheetDate(std::string_view text, SlashDateOrder order);

/// Today's date in the local time zone, from the system clock.
Date SystemToday();

}  // namespace keel
