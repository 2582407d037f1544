// Conversions follow Howard Hinnant's days_from_civil / civil_from_days algorithms: exact integer
// arithmetic over the proleptic Gregorian calendar, valid far beyond any job search.
#include "core/date.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <ctime>

#include "core/text.h"

namespace keel {
namespace {

constexpr int32_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct Ymd {
  int year, month, day;
};

constexpr Ymd CivilFromDays(int32_t z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = yoe + era * 400;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp < 10 ? mp + 3 : mp - 9;
  return {m <= 2 ? y + 1 : y, m, d};
}

constexpr bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

constexpr int DaysInMonth(int y, int m) {
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Parses an unsigned decimal of 1..max_digits digits spanning the whole of `text`.
std::optional<int> ParseNumber(std::string_view text, size_t max_digits) {
  if (text.empty() || text.size() > max_digits || text.front() < '0' || text.front() > '9') {
    return std::nullopt;
  }
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::optional<Date> Date::FromYmd(int year, int month, int day) {
  if (year < 1900 || year > 9999 || month < 1 || month > 12) return std::nullopt;
  if (day < 1 || day > DaysInMonth(year, month)) return std::nullopt;
  return Date(DaysFromCivil(year, month, day));
}

int Date::year() const { return CivilFromDays(days_).year; }
int Date::month() const { return CivilFromDays(days_).month; }
int Date::day() const { return CivilFromDays(days_).day; }

std::string Date::ToIso() const {
  // Written by hand: imports and exports format millions of dates.
  const Ymd ymd = CivilFromDays(days_);
  std::string out = "0000-00-00";
  auto put = [&out](size_t end, int value, int digits) {
    for (int i = 0; i < digits; ++i, value /= 10) {
      out[end - static_cast<size_t>(i)] = static_cast<char>('0' + value % 10);
    }
  };
  put(3, ymd.year, 4);
  put(6, ymd.month, 2);
  put(9, ymd.day, 2);
  return out;
}

std::optional<Date> ParseIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  // Digit by digit: reports parse two dates of every ask they read.
  int digits[8];
  int n = 0;
  for (const size_t i : {0U, 1U, 2U, 3U, 5U, 6U, 8U, 9U}) {
    const char c = text[i];
    if (c < '0' || c > '9') return std::nullopt;
    digits[n++] = c - '0';
  }
  return Date::FromYmd(digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3],
                       digits[4] * 10 + digits[5], digits[6] * 10 + digits[7]);
}

namespace {

// The forms both parsers take ("today", "yesterday", "-Nd", ISO); nullopt when `text` is none of
// them, an error when it is one of them but out of range.
std::optional<Result<Date>> ParsePastForms(std::string_view text, Date today) {
  if (text == "today") return Result<Date>(today);
  if (text == "yesterday") return Result<Date>(today - 1);
  if (text.size() >= 3 && text.front() == '-' && text.back() == 'd') {
    if (auto n = ParseNumber(text.substr(1, text.size() - 2), 5)) {
      const Date date = today - *n;
      if (Date::FromYmd(date.year(), date.month(), date.day())) return Result<Date>(date);
      return Result<Date>(
          Error{fmt::format("'{}' is before 1900; give a date in YYYY-MM-DD", Clip(text))});
    }
  }
  if (auto date = ParseIsoDate(text)) return Result<Date>(*date);
  return std::nullopt;
}

}  // namespace

Result<Date> ParseUserDate(std::string_view text, Date today) {
  if (std::optional<Result<Date>> date = ParsePastForms(text, today)) return *date;
  return Error{
      fmt::format("'{}' is not a date; use YYYY-MM-DD, 'today', 'yesterday' or -Nd", Clip(text))};
}

std::optional<Date> AddMonths(Date date, int months) {
  const Ymd ymd = CivilFromDays(date.days());
  const int64_t index = int64_t{ymd.year} * 12 + (ymd.month - 1) + months;
  if (index < int64_t{1900} * 12 || index > int64_t{9999} * 12 + 11) return std::nullopt;
  const int year = static_cast<int>(index / 12);
  const int month = static_cast<int>(index % 12) + 1;
  return Date::FromYmd(year, month, std::min(ymd.day, DaysInMonth(year, month)));
}

Result<Date> ParseFutureDate(std::string_view text, Date today) {
  if (text == "tomorrow") return today + 1;
  if (text.size() >= 3 && text.front() == '+') {
    const char unit = text.back();
    if (auto n = ParseNumber(text.substr(1, text.size() - 2), 5)) {
      std::optional<Date> date;
      if (unit == 'd' || unit == 'w') {
        date = today + (unit == 'd' ? *n : *n * 7);
        if (!Date::FromYmd(date->year(), date->month(), date->day())) date.reset();
      } else if (unit == 'm') {
        date = AddMonths(today, *n);
      }
      if (date) return *date;
      if (unit == 'd' || unit == 'w' || unit == 'm') {
        return Error{fmt::format("'{}' is after 9999; give a date in YYYY-MM-DD", text)};
      }
    }
  }
  if (std::optional<Result<Date>> date = ParsePastForms(text, today)) return *date;
  return Error{fmt::format(
      "'{}' is not a date; use YYYY-MM-DD, 'today', 'tomorrow', 'yesterday', -Nd, or +Nd, +Nw, "
      "+Nm (N days, weeks or calendar months from today)",
      text)};
}

std::optional<Date> ParseSheetDate(std::string_view text, SlashDateOrder order) {
  if (auto iso = ParseIsoDate(text)) return iso;
  const size_t first = text.find('/');
  const size_t second = first == std::string_view::npos ? first : text.find('/', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  auto a = ParseNumber(text.substr(0, first), 2);
  auto b = ParseNumber(text.substr(first + 1, second - first - 1), 2);
  auto y = ParseNumber(text.substr(second + 1), 4);
  if (!a || !b || !y || text.size() - second - 1 != 4) return std::nullopt;
  if (order == SlashDateOrder::kDayFirst) std::swap(a, b);
  return Date::FromYmd(*y, *a, *b);
}

Date SystemToday() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return *Date::FromYmd(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
}

}  // namespace keel
