// Local wall time: what a person types and reads ("2026-12-09 14:30"), in the system's time zone
// or $TZ, converted to and from the UTC instants keel stores (core/instant.h). The C library does
// the zone arithmetic (tzset, mktime, localtime_r): libstdc++ 12 has no C++20 time zones.
#pragma once

#include <string>
#include <string_view>

#include "core/date.h"
#include "core/instant.h"
#include "core/result.h"

namespace keel {

/// A moment as the local clock shows it.
struct LocalTime {
  Date date;
  int hour = 0;
  int minute = 0;
  std::string zone;        // the abbreviation in force then: "EST", "CET"
  int utc_offset_min = 0;  // minutes east of UTC then: -300 for EST
};

/// Parses "YYYY-MM-DD HH:MM" (or with a T between) as a local wall time. Fails, with one line that
/// names the expected form, for anything else, and for a time the clocks skip (the hour lost when
/// daylight saving time begins). A time the clocks show twice (when it ends) is the first of the
/// two. The error's field is "at".
Result<Instant> ParseLocalTime(std::string_view text);

/// The local wall time of `t`.
LocalTime ToLocal(Instant t);

/// "2026-12-09 14:30" in the local zone.
std::string LocalText(Instant t);

/// The zone's name: $TZ when set, else /etc/timezone, else "" (kept with a round, for reference).
std::string LocalZoneName();

}  // namespace keel
