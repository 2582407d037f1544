#include "core/instant.h"

#include <fmt/format.h>

namespace keel {
namespace {

constexpr int64_t kDaySeconds = 86400;

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

struct Clock {
  Date date;
  int hour, minute, second;
};

Clock Split(Instant t) {
  const int64_t day = FloorDiv(t, kDaySeconds);
  const int64_t rest = t - day * kDaySeconds;
  return Clock{Date::FromDays(static_cast<int32_t>(day)), static_cast<int>(rest / 3600),
               static_cast<int>(rest % 3600 / 60), static_cast<int>(rest % 60)};
}

}  // namespace

std::string UtcIso(Instant t) {
  const Clock c = Split(t);
  return fmt::format("{}T{:02d}:{:02d}:{:02d}Z", c.date.ToIso(), c.hour, c.minute, c.second);
}

std::string IcsUtc(Instant t) {
  const Clock c = Split(t);
  return fmt::format("{:04d}{:02d}{:02d}T{:02d}{:02d}{:02d}Z", c.date.year(), c.date.month(),
                     c.date.day(), c.hour, c.minute, c.second);
}

Date UtcDate(Instant t) { return Split(t).date; }

std::optional<Instant> ParseUtcIso(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SSZ
  if (text.size() != 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      text[19] != 'Z') {
    return std::nullopt;
  }
  const std::optional<Date> date = ParseIsoDate(text.substr(0, 10));
  if (!date) return std::nullopt;
  int64_t parts[3] = {0, 0, 0};
  for (size_t i = 0; i < 3; ++i) {
    const char a = text[11 + 3 * i];
    const char b = text[12 + 3 * i];
    if (a < '0' || a > '9' || b < '0' || b > '9') return std::nullopt;
    parts[i] = (a - '0') * 10 + (b - '0');
  }
  if (parts[0] > 23 || parts[1] > 59 || parts[2] > 59) return std::nullopt;
  return int64_t{date->days()} * kDaySeconds + parts[0] * 3600 + parts[1] * 60 + parts[2];
}

}  // namespace keel
