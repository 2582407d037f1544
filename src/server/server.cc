// cpp-httplib's defaults are slow for an API (Nagle's algorithm, five requests per connection):
// TOOLCHAIN.md measured 283 req/s with them and ~30k with the settings below. SO_REUSEPORT is on
// by default in 0.11 and would let a second keel silently share the port, so it is replaced by
// plain SO_REUSEADDR.
#include "server/server.h"

#include <fmt/format.h>
#include <httplib.h>
#include <sys/socket.h>

#include <map>
#include <mutex>

#include "server/assets.h"
#include "server/guard.h"
#include "store/sqlite_store.h"

namespace keel {
namespace {

// A worker thread's database connection and what it last derived from it.
struct Connection {
  std::shared_ptr<Store> store;
  std::optional<Horizon> horizon;
  std::pair<int64_t, int64_t> stamp;
  Date today;
  std::optional<int> given;
};

Connection& ThreadConnection(const std::string& path) {
  thread_local std::map<std::string, Connection> connections;
  return connections[path];
}

void Send(httplib::Response& res, const ApiResponse& r) {
  res.status = r.status;
  res.set_content(r.body, r.content_type.c_str());
}

}  // namespace

struct Server::Impl {
  ServeOptions options;
  ApiEnv env;
  httplib::Server http;
  std::optional<RequestGuard> guard;
  std::string index_html;  // with this process's token in it
  int port = 0;
};

Server::Server(ServeOptions options, ApiEnv env) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->env = std::move(env);
  if (!impl_->env.stores) {
    // One connection per worker thread: a Store is not shared between threads, and SQLite's WAL
    // lets readers run beside a writer (the CLI may write while the server runs).
    const std::string path = impl_->env.db_path;
    impl_->env.stores = [path]() -> Result<std::shared_ptr<Store>> {
      Connection& c = ThreadConnection(path);
      if (c.store) return c.store;
      Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(path);
      if (!store.ok()) return store.status();
      c.store = std::shared_ptr<Store>(std::move(store).value());
      return c.store;
    };
    // Learning the horizon reads every reply delay and fits the curve: 70 % of a /api/stats
    // request at 10k asks (callgrind). It only changes when the ledger or the date does, so each
    // connection keeps the last one and checks the ledger's change stamp.
    impl_->env.horizons = [path](Store& store, Date today,
                                 std::optional<int> given) -> Result<Horizon> {
      Connection& c = ThreadConnection(path);
      Result<std::pair<int64_t, int64_t>> stamp = store.ChangeStamp();
      if (!stamp.ok()) return stamp.status();
      if (c.horizon && c.stamp == *stamp && c.today == today && c.given == given) {
        return *c.horizon;
      }
      KEEL_RETURN_IF_ERROR(store.BeginRead());
      Result<Horizon> resolved = ResolveHorizon(store, today, given);
      store.Rollback();
      if (!resolved.ok()) return resolved;
      c.horizon = *resolved;
      c.stamp = *stamp;
      c.today = today;
      c.given = given;
      return resolved;
    };
  }
}

Server::~Server() = default;

const std::string& Server::token() const { return impl_->guard->token(); }

Result<int> Server::Bind() {
  Impl& s = *impl_;
  httplib::Server& http = s.http;
  http.set_tcp_nodelay(true);
  http.set_keep_alive_max_count(100000);
  // An idle keep-alive connection holds a worker until this runs out, and a stop (SIGTERM)
  // waits for every worker: 2 s instead of cpp-httplib's 5 keeps a stop prompt while a browser
  // tab stays open (busy connections are not affected).
  http.set_keep_alive_timeout(2);
  http.set_payload_max_length(s.options.max_body);
  http.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  const size_t threads = static_cast<size_t>(std::max(1, s.options.threads));
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };

  if (s.options.port == 0) {
    s.port = http.bind_to_any_port(s.options.bind);
    if (s.port <= 0) {
      return Error{fmt::format("cannot listen on {}: give an address of this machine with --bind",
                               s.options.bind)};
    }
  } else {
    if (!http.bind_to_port(s.options.bind, s.options.port)) {
      return Error{fmt::format(
          "cannot listen on {}:{}: the port is in use or the address is not this machine's; "
          "try --port {} or --port 0 for any free one",
          s.options.bind, s.options.port, s.options.port + 1)};
    }
    s.port = s.options.port;
  }
  s.guard.emplace(s.options.bind, s.port, s.options.allow_hosts, NewToken());

  for (const Asset& a : WebAssets()) {
    if (a.path == "/") {
      s.index_html = std::string(a.body);
      for (size_t at = s.index_html.find("__KEEL_TOKEN__"); at != std::string::npos;
           at = s.index_html.find("__KEEL_TOKEN__", at)) {
        s.index_html.replace(at, 14, s.guard->token());
      }
    }
  }

  // Every request: the Host check first (DNS rebinding), then the route.
  http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (std::optional<std::string> why = impl_->guard->CheckHost(req.get_header_value("Host"))) {
      Send(res, ApiError(403, *why));
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  http.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                            {"X-Frame-Options", "DENY"},
                            {"Referrer-Policy", "no-referrer"},
                            {"Cache-Control", "no-store"}});

  for (const Asset& a : WebAssets()) {
    const std::string path(a.path);
    http.Get(path, [this, a](const httplib::Request&, httplib::Response& res) {
      // The embedded list holds bare types (a ';' would split CMake's list); all are UTF-8 text.
      const std::string type = std::string(a.content_type) + "; charset=utf-8";
      if (a.path == "/") {
        res.set_header("Content-Security-Policy",
                       "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' "
                       "data:; connect-src 'self'; frame-ancestors 'none'");
        res.set_content(impl_->index_html, type.c_str());
      } else {
        res.set_content(std::string(a.body), type.c_str());
      }
    });
  }
  auto api = [this](const httplib::Request& req, httplib::Response& res) {
    ApiRequest r;
    r.method = req.method;
    r.path = req.path;
    for (const auto& [key, value] : req.params) r.query.emplace(key, value);
    if (req.method == "POST") {
      const std::string origin_header = req.get_header_value("Origin");
      const std::string token = req.get_header_value("X-Keel-Token");
      std::optional<std::string_view> origin;
      if (req.has_header("Origin")) origin = origin_header;
      if (std::optional<std::string> why = impl_->guard->CheckWrite(token, origin)) {
        Send(res, ApiError(403, *why));
        return;
      }
      r.body = req.body;
    }
    Send(res, HandleApi(r, impl_->env));
  };
  http.Get(R"(/api/.*)", api);
  http.Post(R"(/api/.*)", api);
  http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    // httplib calls this for every 4xx/5xx; only those no handler explained get a body here:
    // unknown paths, bodies over the limit.
    if (!res.body.empty()) return;
    if (res.status == 413) {
      Send(res, ApiError(413, "the request body is too large"));
    } else if (res.status == 404 || res.status == 405) {
      Send(res, ApiError(res.status, fmt::format("there is no {} {}", req.method, req.path)));
    } else {
      Send(res, ApiError(res.status, "the request was refused"));
    }
  });
  http.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, const std::exception_ptr& ep) {
        std::string what = "unknown";
        try {
          if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        Send(res, ApiError(500, "internal error: " + what));
      });
  return s.port;
}

Status Server::Run() {
  if (!impl_->guard) return Error{"the server is not bound to an address yet"};
  if (!impl_->http.listen_after_bind()) return Error{"the server stopped with an error"};
  return Status();
}

void Server::Stop() { impl_->http.stop(); }

}  // namespace keel
