#include "app/grants.h"

#include <fmt/format.h>

#include "core/text.h"

namespace keel {

std::string_view GrantStateName(GrantState state) {
  switch (state) {
    case GrantState::kActive:
      return "active";
    case GrantState::kExpired:
      return "expired";
    case GrantState::kRevoked:
      return "revoked";
  }
  return "revoked";
}

GrantState StateOf(const GrantRecord& grant, Date today) {
  if (!grant.revoked_at.empty()) return GrantState::kRevoked;
  if (!grant.expires_on.empty() && today.ToIso() > grant.expires_on) return GrantState::kExpired;
  return GrantState::kActive;
}

Result<GrantRecord> GrantAccess(Practice& practice, const Account& seeker,
                                const GrantRequest& request, Date today, Instant now) {
  if (seeker.role != Role::kSeeker || seeker.searches.empty()) {
    return Error{"only a seeker shares a search", ErrorCode::kForbidden};
  }
  if (request.scope != "read" && request.scope != "comment") {
    return Error{"unknown scope; use read or comment", ErrorCode::kInvalid, "scope", "scope"};
  }
  std::string expires_on;
  if (!request.expires_on.empty()) {
    const std::optional<Date> last = ParseIsoDate(request.expires_on);
    if (!last) {
      return Error{fmt::format("'{}' is not a date; give the last day as YYYY-MM-DD",
                               Clip(request.expires_on)),
                   ErrorCode::kInvalid, "expires_on"};
    }
    if (*last < today) {
      return Error{fmt::format("the last day {} is already past; give {} or later", last->ToIso(),
                               today.ToIso()),
                   ErrorCode::kInvalid, "expires_on"};
    }
    expires_on = last->ToIso();
  }
  Result<std::optional<Account>> coach = practice.FindAccount(Trim(request.coach_email));
  if (!coach.ok()) return coach.status();
  if (!*coach || (*coach)->role != Role::kCoach) {
    return Error{fmt::format("there is no coach with the email {}", Clip(request.coach_email)),
                 ErrorCode::kNotFound, "coach_email"};
  }
  Result<std::vector<GrantRecord>> given = practice.Grants(seeker.id, /*as_coach=*/false);
  if (!given.ok()) return given.status();
  for (const GrantRecord& g : *given) {
    if (g.coach_id == (*coach)->id && g.search == seeker.searches.front() &&
        StateOf(g, today) == GrantState::kActive) {
      return Error{fmt::format("{} can already see your search (grant {}); revoke it first to "
                               "change it",
                               g.coach_email, g.id),
                   ErrorCode::kConflict, "coach_email"};
    }
  }
  GrantRecord grant;
  grant.search = seeker.searches.front();
  grant.seeker_id = seeker.id;
  grant.coach_id = (*coach)->id;
  grant.scope = request.scope;
  grant.expires_on = expires_on;
  grant.created_at = UtcIso(now);
  return practice.AddGrant(grant);
}

Result<GrantRecord> RevokeAccess(Practice& practice, const Account& seeker, int64_t id,
                                 Instant now) {
  Result<std::optional<GrantRecord>> found = practice.FindGrant(id);
  if (!found.ok()) return found.status();
  if (!*found || (*found)->seeker_id != seeker.id) {
    return Error{"not found", ErrorCode::kNotFound, "id"};
  }
  KEEL_RETURN_IF_ERROR(practice.RevokeGrant(id, UtcIso(now)));
  Result<std::optional<GrantRecord>> revoked = practice.FindGrant(id);
  if (!revoked.ok()) return revoked.status();
  if (!*revoked) return Error{"not found", ErrorCode::kNotFound, "id"};
  return std::move(**revoked);
}

Result<GrantRecord> ActiveGrantFor(Practice& practice, const Account& coach,
                                   std::string_view search, Date today) {
  if (coach.role == Role::kCoach) {
    Result<std::vector<GrantRecord>> held = practice.Grants(coach.id, /*as_coach=*/true);
    if (!held.ok()) return held.status();
    for (const GrantRecord& g : *held) {
      if (g.search == search && StateOf(g, today) == GrantState::kActive) return g;
    }
  }
  return Error{"not found", ErrorCode::kNotFound};
}

Json GrantJson(const GrantRecord& g, Date today) {
  Json j{{"id", g.id},
         {"search", g.search},
         {"seeker", g.seeker_email},
         {"coach", g.coach_email},
         {"scope", g.scope},
         {"expires_on", g.expires_on.empty() ? Json(nullptr) : Json(g.expires_on)},
         {"created_at", g.created_at},
         {"revoked_at", g.revoked_at.empty() ? Json(nullptr) : Json(g.revoked_at)},
         {"state", std::string(GrantStateName(StateOf(g, today)))}};
  return j;
}

}  // namespace keel
