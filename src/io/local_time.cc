// Why the conversion works this way:
//
// - mktime with tm_isdst = -1 guesses whether daylight saving time is in force, and for a wall
//   time the clocks skip it silently moves the time by an hour. So every candidate is converted
//   back with localtime_r and kept only when it shows the very date, hour and minute typed: a
//   skipped time has no such candidate and is refused, rather than booked an hour off.
// - A wall time shown twice (the hour repeated when daylight saving time ends) has two
//   candidates, tried with tm_isdst 1 and 0; the earlier instant wins, so the same words always
//   give the same moment.
// - tzset() runs before each conversion so that a changed $TZ (tests set it) is read. glibc's
//   mktime and localtime_r take their own lock, so threads of `keel serve` may call these.
#include "io/local_time.h"

#include <fmt/format.h>

#include <cstdlib>
#include <ctime>
#include <fstream>
#include <optional>
#include <vector>

#include "core/text.h"

namespace keel {
namespace {

std::optional<int> Digits(std::string_view text) {
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

Error BadForm(std::string_view text) {
  return Error{fmt::format("'{}' is not a date and time; give it as \"YYYY-MM-DD HH:MM\" in "
                           "24-hour local time, like \"2026-12-09 14:30\"",
                           Clip(text, 40)),
               ErrorCode::kInvalid, "at", "the time"};
}

bool Shows(Instant t, const std::tm& wanted) {
  const std::time_t tt = static_cast<std::time_t>(t);
  std::tm back{};
  if (localtime_r(&tt, &back) == nullptr) return false;
  return back.tm_year == wanted.tm_year && back.tm_mon == wanted.tm_mon &&
         back.tm_mday == wanted.tm_mday && back.tm_hour == wanted.tm_hour &&
         back.tm_min == wanted.tm_min;
}

}  // namespace

Result<Instant> ParseLocalTime(std::string_view text) {
  const std::string_view t = Trim(text);
  if (t.size() != 16 || (t[10] != ' ' && t[10] != 'T') || t[13] != ':') return BadForm(text);
  const std::optional<Date> date = ParseIsoDate(t.substr(0, 10));
  const std::optional<int> hour = Digits(t.substr(11, 2));
  const std::optional<int> minute = Digits(t.substr(14, 2));
  if (!date || !hour || !minute) return BadForm(text);
  if (*hour > 23 || *minute > 59) {
    return Error{fmt::format("{:02d}:{:02d} is not a time of day; give hours 00-23 and minutes "
                             "00-59, like \"{} 14:30\"",
                             *hour, *minute, date->ToIso()),
                 ErrorCode::kInvalid, "at", "the time"};
  }
  std::tm wanted{};
  wanted.tm_year = date->year() - 1900;
  wanted.tm_mon = date->month() - 1;
  wanted.tm_mday = date->day();
  wanted.tm_hour = *hour;
  wanted.tm_min = *minute;
  tzset();
  std::optional<Instant> best;
  for (int dst : {-1, 1, 0}) {
    std::tm tm = wanted;
    tm.tm_isdst = dst;
    const std::time_t found = mktime(&tm);
    if (found == static_cast<std::time_t>(-1)) continue;
    const Instant instant = static_cast<Instant>(found);
    if (!Shows(instant, wanted)) continue;
    if (!best || instant < *best) best = instant;
  }
  if (!best) {
    return Error{fmt::format("{} does not exist on the local clock: the clocks skip it that "
                             "night (daylight saving time); give a time outside the skipped hour",
                             t),
                 ErrorCode::kInvalid, "at", "the time"};
  }
  return *best;
}

LocalTime ToLocal(Instant t) {
  tzset();
  const std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  localtime_r(&tt, &tm);
  LocalTime out;
  out.date = Date::FromYmd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday).value_or(Date());
  out.hour = tm.tm_hour;
  out.minute = tm.tm_min;
  out.zone = tm.tm_zone != nullptr ? tm.tm_zone : "";
  out.utc_offset_min = static_cast<int>(tm.tm_gmtoff / 60);
  return out;
}

std::string LocalText(Instant t) {
  const LocalTime l = ToLocal(t);
  return fmt::format("{} {:02d}:{:02d}", l.date.ToIso(), l.hour, l.minute);
}

std::string LocalZoneName() {
  if (const char* tz = std::getenv("TZ"); tz != nullptr && *tz != '\0') {
    return std::string(tz[0] == ':' ? tz + 1 : tz);
  }
  std::ifstream file("/etc/timezone");
  std::string name;
  if (file && std::getline(file, name)) return std::string(Trim(name));
  return "";
}

}  // namespace keel
