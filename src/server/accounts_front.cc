#include "server/accounts_front.h"

#include <fmt/format.h>

#include <chrono>
#include <map>
#include <semaphore>

#include "app/accounts.h"
#include "app/sign_in.h"
#include "app/views.h"
#include "core/json_dump.h"
#include "core/text.h"
#include "store/open.h"

namespace keel {
namespace {

HttpResponse FromApi(ApiResponse r) {
  return HttpResponse{r.status, std::move(r.content_type), std::move(r.body), {}};
}

HttpResponse JsonAnswer(const Json& j) {
  return HttpResponse{200, "application/json", DumpJson(j) + "\n", {}};
}

HttpResponse Failed(const Error& e) { return FromApi(ApiError(e)); }

// The text field `key` of a JSON body, or "".
std::string BodyText(const Json& body, const char* key) {
  const auto it = body.find(key);
  return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Each worker thread keeps its own connection to the practice (a Practice is not shared between
// threads).
std::unique_ptr<Practice>& ThreadPractice(const std::string& db) {
  thread_local std::map<std::string, std::unique_ptr<Practice>> practices;
  return practices[db];
}

}  // namespace

std::optional<std::string> CookieValue(const HttpRequest& request, std::string_view name) {
  std::optional<std::string> found;
  for (const auto& [key, value] : request.headers) {
    if (key != "cookie") continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      const size_t end = std::min(rest.find(';'), rest.size());
      const std::string_view pair = Trim(rest.substr(0, end));
      rest.remove_prefix(std::min(end + 1, rest.size()));
      const size_t eq = pair.find('=');
      if (eq == std::string_view::npos || Trim(pair.substr(0, eq)) != name) continue;
      if (found) return std::nullopt;  // twice: a planted cookie beside the real one
      found = std::string(Trim(pair.substr(eq + 1)));
    }
  }
  return found;
}

struct AccountsFront::Impl {
  std::string db;
  std::function<ApiEnv(const std::string&)> search_env;
  AccountsOptions options;
  std::string cookie_name;
  std::counting_semaphore<64> hashing{2};

  explicit Impl(int max_hashing) : hashing(std::clamp(max_hashing, 1, 64)) {}

  Instant Now() const {
    if (options.now) return *options.now;
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }

  // The client's address: the socket's peer, or for a trusted proxy the last address of its
  // X-Forwarded-For (the one the proxy itself added).
  std::string Address(const HttpRequest& request) const {
    const bool proxied = std::find(options.trusted_proxies.begin(), options.trusted_proxies.end(),
                                   request.peer) != options.trusted_proxies.end();
    if (proxied) {
      if (std::optional<std::string_view> forwarded = request.Header("x-forwarded-for")) {
        const size_t comma = forwarded->rfind(',');
        const std::string_view last =
            Trim(comma == std::string_view::npos ? *forwarded : forwarded->substr(comma + 1));
        if (!last.empty()) return std::string(last);
      }
    }
    return request.peer;
  }

  std::string SetCookie(const std::string& value, int64_t max_age) const {
    return fmt::format("{}={}; Path=/; Max-Age={}; HttpOnly; SameSite=Strict{}", cookie_name, value,
                       max_age, options.secure ? "; Secure" : "");
  }

  HttpResponse Login(const HttpRequest& request, const ApiRequest& api, Practice& practice);
  HttpResponse Logout(const HttpRequest& request, Practice& practice);
  HttpResponse Signed(const HttpRequest& request, const ApiRequest& api, Practice& practice);
};

HttpResponse AccountsFront::Impl::Login(const HttpRequest& request, const ApiRequest& api,
                                        Practice& practice) {
  if (api.method != "POST") return FromApi(ApiError(405, "use POST for /api/login"));
  const Json body = Json::parse(api.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return FromApi(ApiError(400, "the request body must be a JSON object"));
  }
  SignInRequest in{BodyText(body, "email"), BodyText(body, "password"), Address(request),
                   std::string(request.Header("user-agent").value_or("")), Now()};
  Result<std::optional<int64_t>> wait = SignInWait(practice, in.email, in.address, in.now);
  if (!wait.ok()) return Failed(wait.error());
  if (*wait) {
    const int64_t minutes = (**wait + 59) / 60;
    HttpResponse r = Failed(
        Error{fmt::format("too many failed sign-ins for this email or from this address; try again "
                          "in {} minute{}",
                          minutes, minutes == 1 ? "" : "s"),
              ErrorCode::kTooMany});
    r.headers.emplace_back("Retry-After", std::to_string(**wait));
    return r;
  }
  hashing.acquire();
  Result<SignedIn> signed_in = SignIn(practice, in);
  hashing.release();
  if (!signed_in.ok()) return Failed(signed_in.error());
  Json j = AccountJson(signed_in->account);
  j.erase("id");
  j.erase("created_at");
  j["csrf"] = signed_in->csrf;
  HttpResponse r = JsonAnswer(j);
  r.headers.emplace_back("Set-Cookie",
                         SetCookie(signed_in->session_id, signed_in->expires_at - in.now));
  return r;
}

HttpResponse AccountsFront::Impl::Logout(const HttpRequest& request, Practice& practice) {
  const std::optional<std::string> id = CookieValue(request, cookie_name);
  Result<Authenticated> who = Authenticate(practice, id.value_or(""), Now());
  if (who.ok()) {
    if (!CsrfMatches(who->session, request.Header("x-keel-token").value_or(""))) {
      return FromApi(ApiError(403, "signing out needs the X-Keel-Token of the session"));
    }
    if (Status out = SignOut(practice, *id); !out.ok()) return Failed(out.error());
  }
  HttpResponse r = JsonAnswer(Json{{"signed_out", true}});
  r.headers.emplace_back("Set-Cookie", SetCookie("", 0));
  return r;
}

HttpResponse AccountsFront::Impl::Signed(const HttpRequest& request, const ApiRequest& api,
                                         Practice& practice) {
  const std::optional<std::string> id = CookieValue(request, cookie_name);
  Result<Authenticated> who = Authenticate(practice, id.value_or(""), Now());
  if (!who.ok()) return Failed(who.error());
  if (api.method == "POST" &&
      !CsrfMatches(who->session, request.Header("x-keel-token").value_or(""))) {
    return FromApi(ApiError(403,
                            "a change needs the session's token in the X-Keel-Token header "
                            "(the answer to signing in carries it)"));
  }
  if (api.path == "/api/me") {
    Json j = AccountJson(who->account);
    j.erase("id");
    j["session"] =
        Json{{"created_at", who->session.created_at}, {"last_seen_at", who->session.last_seen_at}};
    return JsonAnswer(j);
  }
  // The search is chosen from the session, never from the request: a seeker reaches their own.
  if (who->account.role != Role::kSeeker || who->account.searches.empty()) {
    return FromApi(ApiError(404, "not found"));
  }
  return FromApi(HandleApi(api, search_env(who->account.searches.front())));
}

AccountsFront::AccountsFront(std::string db,
                             std::function<ApiEnv(const std::string& search)> search_env,
                             AccountsOptions options)
    : impl_(std::make_unique<Impl>(options.max_hashing)) {
  impl_->db = std::move(db);
  impl_->search_env = std::move(search_env);
  impl_->cookie_name = options.secure ? "__Host-keel_session" : "keel_session";
  impl_->options = std::move(options);
}

AccountsFront::~AccountsFront() = default;

const std::string& AccountsFront::cookie_name() const { return impl_->cookie_name; }

HttpResponse AccountsFront::Handle(const HttpRequest& request, const ApiRequest& api) {
  std::unique_ptr<Practice>& practice = ThreadPractice(impl_->db);
  if (!practice) {
    Result<std::unique_ptr<Practice>> opened = OpenPractice(impl_->db);
    if (!opened.ok()) return Failed(opened.error());
    practice = std::move(opened).value();
  }
  HttpResponse r;
  if (api.path == "/api/login") {
    r = impl_->Login(request, api, *practice);
  } else if (api.path == "/api/logout") {
    r = api.method == "POST" ? impl_->Logout(request, *practice)
                             : FromApi(ApiError(405, "use POST for /api/logout"));
  } else {
    r = impl_->Signed(request, api, *practice);
  }
  // A connection that failed (a restarted database server) is opened again on the next request.
  if (r.status >= 500) practice.reset();
  return r;
}

}  // namespace keel
