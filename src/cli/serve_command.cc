// keel serve: the dashboard on the person's own machine, until Ctrl-C (or SIGTERM).
#include <fmt/format.h>
#include <pthread.h>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <thread>

#include "cli/commands.h"
#include "core/instant.h"
#include "core/text.h"
#include "server/server.h"
#include "store/open.h"

namespace keel {

namespace {

// --public-url: "http(s)://HOST[:PORT]" and nothing after but a "/"; its origin is what browsers
// send (no path, lower case).
Result<std::string> PublicOrigin(const std::string& url) {
  const std::string lower = Lower(url);
  const bool https = lower.starts_with("https://");
  if (!https && !lower.starts_with("http://")) {
    return Error{fmt::format("'{}' is not a URL browsers can reach; give one like "
                             "https://coach.example",
                             Clip(url)),
                 ErrorCode::kInvalid, "public_url"};
  }
  std::string origin = lower;
  if (origin.ends_with("/")) origin.pop_back();
  const size_t host_at = origin.find("://") + 3;
  if (origin.size() == host_at || origin.find('/', host_at) != std::string::npos ||
      origin.find_first_of("?#@ ", host_at) != std::string::npos) {
    return Error{fmt::format("'{}' should name only the scheme and host, like "
                             "https://coach.example",
                             Clip(url)),
                 ErrorCode::kInvalid, "public_url"};
  }
  return origin;
}

}  // namespace

int RunServe(const ServeCliOptions& o, Context& ctx) {
  std::string origin;
  if (!o.public_url.empty()) {
    Result<std::string> parsed = PublicOrigin(o.public_url);
    if (!parsed.ok()) return Fail(ctx, parsed.error());
    origin = *parsed;
  }
  // Open (and migrate) the database once up front, so a bad path is reported before listening.
  Result<std::shared_ptr<Store>> store = ctx.OpenStore(/*with_horizon=*/false);
  if (!store.ok()) return Fail(ctx, store.error());
  store->reset();
  if (o.accounts) {
    Result<std::unique_ptr<Practice>> practice = OpenPractice(ctx.db_path);
    if (!practice.ok()) return Fail(ctx, practice.error());
  }
  Result<ThemeClassifier> themes = ThemeClassifier::ForUser();
  if (!themes.ok()) return Fail(ctx, themes.error());

  ServeOptions options;
  options.bind = o.bind;
  options.port = o.port;
  options.allow_hosts = o.allow_hosts;
  options.threads = o.threads;
  options.public_origin = origin;
  // Behind a proxy the browser's Host is the public one.
  if (!origin.empty()) options.allow_hosts.push_back(origin.substr(origin.find("://") + 3));
  if (o.accounts) {
    AccountsOptions accounts;
    accounts.secure = origin.starts_with("https://");
    accounts.trusted_proxies = o.trusted_proxies;
    if (const char* now = std::getenv("KEEL_NOW"); now && *now) {
      const std::optional<Instant> at = ParseUtcIso(now);
      if (!at) {
        return Fail(ctx, Error{fmt::format("KEEL_NOW: '{}' is not a UTC time like "
                                           "2026-12-02T09:30:00Z",
                                           Clip(now))});
      }
      accounts.now = at;
    }
    options.accounts = std::move(accounts);
  }
  ApiEnv env;
  env.db_path = ctx.db_path;
  env.search = ctx.search;
  env.themes = std::make_shared<ThemeClassifier>(std::move(themes).value());
  if (o.today_given) env.today = ctx.today;
  env.silence_days = ctx.silence_days_given;

  // SIGINT and SIGTERM are taken by one thread with sigwait, so the server stops cleanly (no
  // async-signal-unsafe work in a handler). They are blocked before any worker thread starts.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  Server server(options, env);
  Result<int> port = server.Bind();
  if (!port.ok()) return Fail(ctx, port.error());
  const bool loopback = o.bind == "127.0.0.1" || o.bind == "localhost" || o.bind == "::1";
  if (!loopback && !o.accounts) {
    fmt::print(ctx.err,
               "warning: listening on {}, not only on this machine: anyone who can reach it can "
               "read your search (changes still need the page's token)\n",
               o.bind);
  }
  const std::string host = o.bind == "0.0.0.0" || o.bind == "::" ? "127.0.0.1" : o.bind;
  fmt::print(ctx.out, "keel is running at http://{}:{}\n", host, *port);
  std::fflush(ctx.out);

  std::atomic<bool> done{false};
  std::thread waiter([&server, &done, signals] {
    // Wakes a few times a second to notice a server that stopped by itself.
    const timespec tick{0, 200'000'000};
    while (!done.load()) {
      if (sigtimedwait(&signals, nullptr, &tick) > 0) {
        server.Stop();
        return;
      }
    }
  });
  Status ran = server.Run();
  done.store(true);
  waiter.join();
  if (!ran.ok()) return Fail(ctx, ran.error());
  fmt::print(ctx.err, "keel: stopped\n");
  return kExitOk;
}

}  // namespace keel
