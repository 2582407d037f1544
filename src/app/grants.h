// A seeker sharing their search with a coach (PRODUCT.md, "The coaching practice"): the seeker
// grants one coach `read` or `comment` access to their search, with an optional last day, and
// revokes it at once. Nobody else reads a search: no other coach, no admin. The check a coach's
// every read passes (ActiveGrantFor) runs before the search's store is opened.
#pragma once

#include <string>
#include <string_view>

#include "app/views.h"
#include "core/date.h"
#include "core/instant.h"
#include "core/result.h"
#include "store/practice.h"

namespace keel {

enum class GrantState { kActive, kExpired, kRevoked };

/// "active", "expired", "revoked".
std::string_view GrantStateName(GrantState state);

/// A grant's state on `today`: revoked once revoked; expired after its last day.
GrantState StateOf(const GrantRecord& grant, Date today);

struct GrantRequest {
  std::string coach_email;
  std::string scope = "read";  // "read" or "comment"
  std::string expires_on;      // "YYYY-MM-DD", or "" for no end
};

/// `seeker` grants the coach named by email access to their search. Refused: an account that is
/// not a seeker with a search (forbidden), no coach with that email (not_found), an unknown scope
/// or a last day before today (invalid), or a grant to that coach still active (conflict: revoke
/// it first to change it).
Result<GrantRecord> GrantAccess(Practice& practice, const Account& seeker,
                                const GrantRequest& request, Date today, Instant now);

/// `seeker` revokes their grant `id`; one that is not theirs is not_found, as if it did not
/// exist. Revoking a revoked grant changes nothing.
Result<GrantRecord> RevokeAccess(Practice& practice, const Account& seeker, int64_t id,
                                 Instant now);

/// The grant that lets `coach` read `search` today, or not_found ("not found": the same answer
/// as for a search that does not exist).
Result<GrantRecord> ActiveGrantFor(Practice& practice, const Account& coach,
                                   std::string_view search, Date today);

/// {id, search, seeker, coach, scope, expires_on, created_at, revoked_at, state}.
Json GrantJson(const GrantRecord& grant, Date today);

}  // namespace keel
