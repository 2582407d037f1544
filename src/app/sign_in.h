// Signing in to a practice's server (keel serve --accounts), and what a session may do: the rules
// of OWASP ASVS level 2 that are keel's to keep (PRODUCT.md, "The coaching practice").
//
// - A session id is 256 random bits, sent to the browser once (the cookie) and kept only as its
//   SHA-256. Every sign-in makes a new one, whatever cookie the browser brought (no fixation).
// - A session ends 30 minutes after it was last used, 12 hours after it began, at sign-out, or
//   when its account goes; an ended session is deleted when it is next seen.
// - Each session has its own CSRF token (256 random bits): every write must carry it.
// - After 10 failed sign-ins for one email, or from one address, within 15 minutes, the next
//   attempt is refused unheard until the oldest of them is 15 minutes old (TooManyFailures).
// - A wrong email and a wrong password get the same answer, after the same work (an unknown
//   email is checked against a hash of nothing), so the answer does not tell which accounts exist.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "app/views.h"
#include "core/instant.h"
#include "core/result.h"
#include "store/practice.h"

namespace keel {

inline constexpr int64_t kSessionIdleSeconds = int64_t{30} * 60;
inline constexpr int64_t kSessionLifeSeconds = int64_t{12} * 60 * 60;
inline constexpr int64_t kSignInWindowSeconds = int64_t{15} * 60;
inline constexpr int64_t kMaxSignInFailures = 10;

struct SignInRequest {
  std::string email;
  std::string password;
  std::string address;     // the client's, for throttling and the sessions list
  std::string user_agent;  // for the sessions list
  Instant now = 0;
};

struct SignedIn {
  Account account;
  std::string session_id;  // the cookie's value: the only copy of it
  std::string csrf;
  Instant expires_at = 0;  // the absolute end, for the cookie's Max-Age
};

/// How long the client must wait before another sign-in for `email` from `address` is heard:
/// nullopt when it may try now.
Result<std::optional<int64_t>> SignInWait(Practice& practice, std::string_view email,
                                          std::string_view address, Instant now);

/// Checks the password and starts a new session. A wrong email or password is one
/// kUnauthenticated error (and a recorded failure); call SignInWait first. A hash made under
/// older limits is replaced now that the password is known.
Result<SignedIn> SignIn(Practice& practice, const SignInRequest& request);

struct Authenticated {
  Account account;
  SessionRecord session;
};

/// The account and session behind a cookie's `session_id`, refreshing its idle clock; an unknown
/// or ended session is kUnauthenticated (and an ended one is deleted).
Result<Authenticated> Authenticate(Practice& practice, std::string_view session_id, Instant now);

/// Changes the signed-in account's password: `current` must be right (a wrong one counts as a
/// failed sign-in), `fresh` must pass CheckNewPassword; every other session of the account ends.
/// Returns how many did.
Result<int64_t> ChangePassword(Practice& practice, const Authenticated& who,
                               std::string_view current, std::string_view fresh,
                               std::string_view address, Instant now);

/// A session as its owner sees it in the list: a short id (the first 16 hex characters of the
/// stored hash: names it, opens nothing), when and where it began, when it was last used.
Json SessionJson(const SessionRecord& session, bool current);

/// Ends the account's session whose short id is `short_id`; not_found for any other.
Status EndOwnSession(Practice& practice, int64_t account_id, std::string_view short_id);

/// Ends the session behind `session_id` on the server (signing out); an unknown one is fine.
Status SignOut(Practice& practice, std::string_view session_id);

/// The SHA-256 (hex) under which a session id is kept.
std::string SessionIdHash(std::string_view session_id);

/// Whether `token` is the session's CSRF token (compared in constant time).
bool CsrfMatches(const SessionRecord& session, std::string_view token);

}  // namespace keel
