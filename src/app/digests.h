// The opt-in digests by email (PRODUCT.md, "Reminders"): a seeker's morning digest of what is due
// (follow-ups timed from their own no-reply curve, not-yets whose day has come, the follow-ups
// they scheduled) with the week's numbers and the honest streak statement; a coach's morning
// digest of the clients whose roster flags are up. Each is opted into from the page, stopped from
// the page or by the mail's unsubscribe link, and queued by the delivery run once a day each
// (keyed on the account and the date), at the first run from 07:00 UTC.
//
// A seeker's digest is sent on a day when something is due, and on Mondays (the week's numbers)
// even when nothing is; a coach's when at least one client has a flag. A quiet day sends nothing.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "app/session.h"
#include "app/views.h"
#include "core/date.h"
#include "core/instant.h"
#include "core/result.h"
#include "store/practice.h"

namespace keel {

inline constexpr std::string_view kRemindersList = "reminders";
inline constexpr std::string_view kRosterDigestList = "roster-digest";
/// The digests of a day are queued from this hour (UTC) on.
inline constexpr int kDigestHour = 7;

/// Prepares `session` to read `search` (its store and themes); the front end knows how.
using SearchSessions = std::function<void(Session& session, const std::string& search)>;

/// What the delivery run needs to build digests: how to read a search, and what this process has
/// already looked at today ("reminders:12:2026-12-03"), so that a quiet day's digest is weighed
/// once a day rather than at every run.
struct DigestSource {
  SearchSessions sessions;
  std::set<std::string> considered;
};

/// The list `who` may opt into: a seeker's reminders, a coach's roster digest; none for an admin.
std::optional<std::string_view> DigestListOf(const Account& who);

/// Turns `who`'s digest on or off. An admin has none (forbidden).
Status SetDigest(Practice& practice, const Account& who, bool on, Instant now);

/// {"list": "reminders"|"roster-digest", "on": bool} (no list for an admin: {"list": null}).
Result<Json> DigestJson(Practice& practice, const Account& who);

/// Queues the day's digests at `now` for everyone opted in (nothing before kDigestHour, nothing
/// twice a day). How many were queued.
Result<int64_t> QueueDigests(Practice& practice, DigestSource& source, Instant now);

}  // namespace keel
