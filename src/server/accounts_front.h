// keel serve --accounts: one server for a coaching practice (PRODUCT.md, "The coaching
// practice"). Everyone signs in; a seeker's requests reach their own search only; nothing else
// of anyone's is reachable (a coach's view of a client, by grant, comes with grants).
//
// What this front adds before a request reaches HandleApi (api.h), beside the checks every request
// already passed (one Host, and ours; for a write, our Origin):
// - POST /api/login {email, password} -> {email, name, role, searches, csrf} and the session
//   cookie (HttpOnly, SameSite=Strict, Path=/; Secure and the __Host- prefix when browsers reach
//   the server over HTTPS); POST /api/logout; GET /api/me.
// - Every other /api/ request needs a live session (else 401) and, to write, its CSRF token in
//   X-Keel-Token (else 403). The seeker's search is chosen here, from the session, before any
//   store is opened; an account without a search of its own (a coach, an admin) finds nothing
//   there (404, as for anything that is not one's own).
// - Sign-ins are throttled (app/sign_in.h: 429 with Retry-After), and at most `max_hashing`
//   passwords are checked at once (each takes 64 MiB and a core for a moment).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/instant.h"
#include "server/api.h"
#include "server/transport.h"
#include "store/open.h"

namespace keel {

struct AccountsOptions {
  /// Browsers reach the server over HTTPS (a TLS proxy in front: --public-url https://...):
  /// the cookie gets Secure and the __Host- prefix.
  bool secure = false;
  /// Proxies whose X-Forwarded-For names the client (its last address), for throttling by address.
  std::vector<std::string> trusted_proxies;
  /// Passwords checked at once.
  int max_hashing = 2;
  /// The clock, fixed ($KEEL_NOW) for tests; unset: the system's.
  std::optional<Instant> now;
};

class AccountsFront {
 public:
  /// `search_env(search)` is the ApiEnv of one search of the practice's database;
  /// `worker_stores()` the calling worker thread's stores (the roster reads many searches' change
  /// stamps at once through it).
  AccountsFront(std::string db, std::function<ApiEnv(const std::string& search)> search_env,
                std::function<StorePool&()> worker_stores, AccountsOptions options);
  ~AccountsFront();
  AccountsFront(const AccountsFront&) = delete;
  AccountsFront& operator=(const AccountsFront&) = delete;

  /// Answers an /api/ request `api` (parsed from `request`) that passed the server's checks.
  HttpResponse Handle(const HttpRequest& request, const ApiRequest& api);

  /// "keel_session", or "__Host-keel_session" over HTTPS.
  const std::string& cookie_name() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The value of the cookie `name` in a request's Cookie headers; nullopt when it is absent or
/// sent more than once (two values are one too many to trust).
std::optional<std::string> CookieValue(const HttpRequest& request, std::string_view name);

}  // namespace keel
