// A moment in time as whole seconds since 1970-01-01T00:00:00Z (UTC), and its ISO text. Pure:
// no time zone, no clock. Local wall time (the system's zone or $TZ) is io/local_time's business.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"

namespace keel {

/// Seconds since the Unix epoch, UTC.
using Instant = int64_t;

/// "2026-12-09T15:00:00Z" (what keel stores and sends).
std::string UtcIso(Instant t);
/// Parses exactly the form UtcIso writes; nullopt for anything else.
std::optional<Instant> ParseUtcIso(std::string_view text);
/// "20261209T150000Z" (iCalendar's UTC DATE-TIME).
std::string IcsUtc(Instant t);
/// The UTC calendar day of `t`.
Date UtcDate(Instant t);

}  // namespace keel
