#include "app/sign_in.h"

#include <fmt/format.h>

#include "app/materials.h"
#include "app/password.h"
#include "app/sodium.h"
#include "core/text.h"

namespace keel {
namespace {

constexpr size_t kMaxUserAgent = 200;

Error WrongCredentials() {
  return Error{"the email or the password is not right", ErrorCode::kUnauthenticated};
}

// The hash an unknown email's password is checked against, so that it takes as long as a known
// one's (made once, of a password nobody has).
const std::string& HashOfNothing() {
  static const std::string hash = [] {
    Result<std::string> h = HashPassword(NewSecret());
    return h.ok() ? *h : std::string();
  }();
  return hash;
}

}  // namespace

std::string SessionIdHash(std::string_view session_id) { return Sha256Hex(session_id); }

bool CsrfMatches(const SessionRecord& session, std::string_view token) {
  return SecretsEqual(session.csrf, token);
}

Result<std::optional<int64_t>> SignInWait(Practice& practice, std::string_view email,
                                          std::string_view address, Instant now) {
  Result<SignInFailures> failures =
      practice.CountSignInFailures(Trim(email), address, UtcIso(now - kSignInWindowSeconds));
  if (!failures.ok()) return failures.status();
  // The wait ends when the oldest failure counted leaves the window: then fewer than the limit
  // remain (no failure is recorded while the client waits, since no attempt is heard).
  int64_t wait = 0;
  auto until_oldest_expires = [&](int64_t count, const std::string& first) {
    if (count < kMaxSignInFailures) return;
    const std::optional<Instant> at = ParseUtcIso(first);
    if (at) wait = std::max(wait, *at + kSignInWindowSeconds - now);
  };
  until_oldest_expires(failures->for_email, failures->first_email_at);
  until_oldest_expires(failures->for_address, failures->first_address_at);
  if (wait <= 0) return std::optional<int64_t>();
  return std::optional<int64_t>(wait);
}

Result<SignedIn> SignIn(Practice& practice, const SignInRequest& r) {
  const std::string email(Trim(r.email));
  if (email.empty() || r.password.empty()) {
    return Error{"give the email and the password", ErrorCode::kInvalid,
                 email.empty() ? "email" : "password"};
  }
  if (r.password.size() > kMaxPasswordBytes) return WrongCredentials();
  Result<std::optional<Account>> found = practice.FindAccount(email);
  if (!found.ok()) return found.status();
  const bool known = found->has_value();
  const bool right = VerifyPassword(known ? (*found)->password_hash : HashOfNothing(), r.password);
  if (!known || !right) {
    KEEL_RETURN_IF_ERROR(practice.RecordSignInFailure(email, r.address, UtcIso(r.now),
                                                      UtcIso(r.now - int64_t{24} * 60 * 60)));
    return WrongCredentials();
  }
  Account account = std::move(**found);
  if (NeedsRehash(account.password_hash)) {
    Result<std::string> rehashed = HashPassword(r.password);
    if (rehashed.ok() && practice.SetPasswordHash(account.id, *rehashed).ok()) {
      account.password_hash = *rehashed;
    }
  }
  KEEL_RETURN_IF_ERROR(practice.ClearSignInFailures(email));
  SignedIn in;
  in.session_id = NewSecret();
  in.csrf = NewSecret();
  in.expires_at = r.now + kSessionLifeSeconds;
  SessionRecord session;
  session.id_hash = SessionIdHash(in.session_id);
  session.account_id = account.id;
  session.csrf = in.csrf;
  session.created_at = UtcIso(r.now);
  session.last_seen_at = session.created_at;
  session.address = r.address;
  session.user_agent = Clip(r.user_agent, kMaxUserAgent);
  KEEL_RETURN_IF_ERROR(practice.AddSession(session));
  in.account = std::move(account);
  return in;
}

Result<Authenticated> Authenticate(Practice& practice, std::string_view session_id, Instant now) {
  const Error sign_in{"sign in first", ErrorCode::kUnauthenticated};
  if (session_id.empty()) return sign_in;
  const std::string hash = SessionIdHash(session_id);
  Result<std::optional<SessionRecord>> found = practice.FindSession(hash);
  if (!found.ok()) return found.status();
  if (!*found) return sign_in;
  SessionRecord session = std::move(**found);
  const std::optional<Instant> began = ParseUtcIso(session.created_at);
  const std::optional<Instant> seen = ParseUtcIso(session.last_seen_at);
  const bool ended =
      !began || !seen || now - *began >= kSessionLifeSeconds || now - *seen >= kSessionIdleSeconds;
  if (ended) {
    KEEL_RETURN_IF_ERROR(practice.EndSession(hash));
    return Error{"your session has ended; sign in again", ErrorCode::kUnauthenticated};
  }
  Result<std::optional<Account>> account = practice.FindAccountById(session.account_id);
  if (!account.ok()) return account.status();
  if (!*account) return sign_in;
  // One write a minute at most: the idle clock needs no finer grain.
  if (now - *seen >= 60) {
    session.last_seen_at = UtcIso(now);
    KEEL_RETURN_IF_ERROR(practice.TouchSession(hash, session.last_seen_at));
  }
  return Authenticated{std::move(**account), std::move(session)};
}

Result<int64_t> ChangePassword(Practice& practice, const Authenticated& who,
                               std::string_view current, std::string_view fresh,
                               std::string_view address, Instant now) {
  if (!VerifyPassword(who.account.password_hash, current)) {
    KEEL_RETURN_IF_ERROR(practice.RecordSignInFailure(who.account.email, address, UtcIso(now),
                                                      UtcIso(now - int64_t{24} * 60 * 60)));
    return Error{"the current password is not right", ErrorCode::kInvalid, "current"};
  }
  if (Status ok = CheckNewPassword(fresh, who.account.email); !ok.ok()) {
    Error e = ok.error();
    e.field = "new";
    return e;
  }
  if (SecretsEqual(current, fresh)) {
    return Error{"the new password is the current one; choose another", ErrorCode::kInvalid, "new"};
  }
  Result<std::string> hash = HashPassword(fresh);
  if (!hash.ok()) return hash.status();
  Result<std::vector<SessionRecord>> before = practice.Sessions(who.account.id);
  if (!before.ok()) return before.status();
  KEEL_RETURN_IF_ERROR(practice.SetPasswordHash(who.account.id, *hash));
  KEEL_RETURN_IF_ERROR(practice.EndSessionsExcept(who.account.id, who.session.id_hash));
  return static_cast<int64_t>(before->size()) - 1;
}

Json SessionJson(const SessionRecord& session, bool current) {
  return Json{{"id", session.id_hash.substr(0, 16)},  {"created_at", session.created_at},
              {"last_seen_at", session.last_seen_at}, {"address", session.address},
              {"user_agent", session.user_agent},     {"current", current}};
}

Status EndOwnSession(Practice& practice, int64_t account_id, std::string_view short_id) {
  Result<std::vector<SessionRecord>> sessions = practice.Sessions(account_id);
  if (!sessions.ok()) return sessions.status();
  for (const SessionRecord& s : *sessions) {
    if (short_id.size() == 16 && s.id_hash.starts_with(short_id)) {
      return practice.EndSession(s.id_hash);
    }
  }
  return Error{"not found", ErrorCode::kNotFound, "id"};
}

Status SignOut(Practice& practice, std::string_view session_id) {
  if (session_id.empty()) return Status();
  return practice.EndSession(SessionIdHash(session_id));
}

}  // namespace keel
