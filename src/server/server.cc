// keel's routes over the transport (transport.h): the checks every request passes before its body
// is read (one Host, and it is ours; a path and query that decode to UTF-8; for a write, the token
// and our Origin), the embedded page, and /api/ handed to HandleApi on a worker thread. The
// checks run on the header alone, so a refused request costs no body read.
#include "server/server.h"

#include <fmt/format.h>

#include <map>

#include "app/transaction.h"
#include "core/text.h"
#include "server/assets.h"
#include "server/guard.h"
#include "server/transport.h"
#include "server/url.h"
#include "store/open.h"

namespace keel {
namespace {

// What a worker thread last derived from a search's ledger.
struct Connection {
  std::optional<Horizon> horizon;
  std::pair<int64_t, int64_t> stamp;
  Date today;
  std::optional<int> given;
};

Connection& ThreadConnection(const std::string& path) {
  thread_local std::map<std::string, Connection> connections;
  return connections[path];
}

// The env of one search of `base`'s database: each worker thread keeps its own stores (a Store is
// not shared between threads): SQLite's WAL lets readers run beside a writer (the CLI may write
// while the server runs), and on PostgreSQL each worker holds one connection, shared by every
// search it serves (StorePool).
StorePool& WorkerStores() {
  thread_local StorePool pool;
  return pool;
}

ApiEnv SearchEnv(ApiEnv env, const std::string& search) {
  const std::string db = env.db_path;
  const std::string path = db + '\n' + search;
  env.search = search;
  env.stores = [db, search]() -> Result<std::shared_ptr<Store>> {
    return WorkerStores().Get(db, search);
  };
  // Learning the horizon reads every reply delay and fits the curve: 70 % of a /api/stats
  // request at 10k asks (callgrind). It only changes when the ledger or the date does, so each
  // connection keeps the last one and checks the ledger's change stamp.
  env.horizons = [path](Store& store, Date today, std::optional<int> given) -> Result<Horizon> {
    Connection& c = ThreadConnection(path);
    Result<std::pair<int64_t, int64_t>> stamp = store.ChangeStamp();
    if (!stamp.ok()) return stamp.status();
    if (c.horizon && c.stamp == *stamp && c.today == today && c.given == given) {
      return *c.horizon;
    }
    Result<Horizon> resolved =
        InSnapshot<Horizon>(store, [&] { return ResolveHorizon(store, today, given); });
    if (!resolved.ok()) return resolved;
    c.horizon = *resolved;
    c.stamp = *stamp;
    c.today = today;
    c.given = given;
    return resolved;
  };
  return env;
}

HttpResponse FromApi(ApiResponse r) {
  return HttpResponse{r.status, std::move(r.content_type), std::move(r.body), {}};
}

HttpResponse Refuse(int status, const std::string& message) {
  return FromApi(ApiError(status, message));
}

constexpr std::string_view kCsp =
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'";

}  // namespace

struct Server::Impl : HttpApp {
  std::optional<HttpResponse> OnHeader(const HttpRequest& head) override;
  std::optional<size_t> MaxBody(const HttpRequest& head) override {
    Result<Target> target = ParseTarget(head.target);  // passed OnHeader: cannot fail
    if (!target.ok()) return std::nullopt;
    return MaxBodyFor(target->path);
  }
  HttpResponse OnRequest(const HttpRequest& request) override;
  HttpResponse OnError(int status, const std::string& message) override {
    return Refuse(status, message);
  }

  ServeOptions options;
  ApiEnv env;
  std::optional<RequestGuard> guard;
  std::string index_html;  // with this process's token in it
  int port = 0;
  std::unique_ptr<HttpTransport> transport;
  std::unique_ptr<AccountsFront> accounts;  // keel serve --accounts
};

std::optional<HttpResponse> Server::Impl::OnHeader(const HttpRequest& head) {
  // The Host check comes first (DNS rebinding); two Host headers could name two hosts, and a proxy
  // and keel might each believe a different one.
  if (const size_t hosts = head.HeaderCount("host"); hosts > 1) {
    return Refuse(400, fmt::format("the request has {} Host headers; send exactly one", hosts));
  }
  if (std::optional<std::string> why = guard->CheckHost(head.Header("host").value_or(""))) {
    return Refuse(403, *why);
  }
  for (const char* once : {"origin", "x-keel-token"}) {
    if (head.HeaderCount(once) > 1) {
      return Refuse(400, fmt::format("the request has more than one {} header", once));
    }
  }
  const bool read = head.method == "GET" || head.method == "HEAD";
  if (!read && head.method != "POST") {
    return Refuse(405, "use GET to read and POST to write");
  }
  Result<Target> target = ParseTarget(head.target);
  if (!target.ok()) return Refuse(400, target.message());

  // A mail's one-click unsubscribe link (server/unsubscribe_page.h): no session, the token is
  // the secret; a form posted from another site is still refused by its Origin.
  if (accounts && target->path.starts_with("/unsubscribe/")) {
    if (!read) {
      if (std::optional<std::string> why = guard->CheckOrigin(head.Header("origin"))) {
        return Refuse(403, *why);
      }
    }
    return std::nullopt;
  }
  if (target->path.rfind("/api/", 0) == 0) {
    if (!read) {
      // A practice's server checks each session's own token once it knows the session.
      const std::optional<std::string_view> token = head.Header("x-keel-token");
      if (std::optional<std::string> why =
              accounts ? guard->CheckOrigin(head.Header("origin"))
                       : guard->CheckWrite(token.value_or(""), head.Header("origin"))) {
        return Refuse(403, *why);
      }
    }
    return std::nullopt;  // to OnRequest, body and all
  }
  for (const Asset& a : WebAssets()) {
    if (a.path != target->path) continue;
    // The practice's sign-in page exists on a practice's server only.
    if (a.path == "/practice" && !accounts) break;
    if (!read) return Refuse(405, fmt::format("use GET for {}", a.path));
    // The embedded list holds bare types (a ';' would split CMake's list); all are UTF-8 text.
    HttpResponse r{200, std::string(a.content_type) + "; charset=utf-8", std::string(), {}};
    if (a.path == "/" || a.path == "/practice") {
      r.headers.emplace_back("Content-Security-Policy", kCsp);
    }
    r.body = a.path == "/" ? index_html : std::string(a.body);
    return r;
  }
  return Refuse(404, fmt::format("there is no {} {}", head.method, Clip(target->path)));
}

HttpResponse Server::Impl::OnRequest(const HttpRequest& request) {
  Result<Target> target = ParseTarget(request.target);  // passed OnHeader: cannot fail
  if (!target.ok()) return Refuse(400, target.message());
  ApiRequest r;
  r.method = request.method == "HEAD" ? "GET" : request.method;
  r.path = std::move(target->path);
  for (auto& [key, value] : target->query) r.query.emplace(std::move(key), std::move(value));
  if (r.method == "POST") r.body = request.body;
  if (accounts) return accounts->Handle(request, r);
  return FromApi(HandleApi(r, env));
}

Server::Server(ServeOptions options, ApiEnv env) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->env = std::move(env);
  if (!impl_->env.stores) impl_->env = SearchEnv(impl_->env, impl_->env.search);
  if (impl_->options.accounts) {
    ApiEnv base = impl_->env;
    impl_->accounts = std::make_unique<AccountsFront>(
        base.db_path, [base](const std::string& search) { return SearchEnv(base, search); },
        WorkerStores, *impl_->options.accounts);
  }
}

Server::~Server() = default;

const std::string& Server::token() const { return impl_->guard->token(); }

Result<int> Server::Bind() {
  Impl& s = *impl_;
  HttpOptions http;
  http.max_body = s.options.max_body;
  http.workers = std::max(1, s.options.threads);
  http.headers = {{"X-Content-Type-Options", "nosniff"},
                  {"X-Frame-Options", "DENY"},
                  {"Referrer-Policy", "no-referrer"},
                  {"Cache-Control", "no-store"}};
  s.transport = std::make_unique<HttpTransport>(std::move(http), s);
  Result<int> port = s.transport->Listen(s.options.bind, s.options.port);
  if (!port.ok()) {
    if (s.options.port == 0) {
      return Error{fmt::format("cannot listen on {}: give an address of this machine with --bind",
                               s.options.bind)};
    }
    return Error{fmt::format(
        "cannot listen on {}:{}: the port is in use or the address is not this machine's; "
        "try --port {} or --port 0 for any free one",
        s.options.bind, s.options.port, s.options.port + 1)};
  }
  s.port = *port;
  s.guard.emplace(s.options.bind, s.port, s.options.allow_hosts, NewToken());
  if (!s.options.public_origin.empty()) s.guard->AllowOrigin(s.options.public_origin);

  for (const Asset& a : WebAssets()) {
    if (a.path == "/") {
      s.index_html = std::string(a.body);
      for (size_t at = s.index_html.find("__KEEL_TOKEN__"); at != std::string::npos;
           at = s.index_html.find("__KEEL_TOKEN__", at)) {
        // A practice's server has no process-wide token: each session has its own.
        s.index_html.replace(at, 14, s.accounts ? std::string() : s.guard->token());
      }
    }
  }
  return s.port;
}

Status Server::Run() {
  if (!impl_->guard) return Error{"the server is not bound to an address yet"};
  return impl_->transport->Run();
}

void Server::Stop() {
  if (impl_->transport) impl_->transport->Stop();
}

}  // namespace keel
