// keel serve: the dashboard on the person's own machine, until Ctrl-C (or SIGTERM).
#include <fmt/format.h>
#include <pthread.h>

#include <atomic>
#include <csignal>
#include <thread>

#include "cli/commands.h"
#include "server/server.h"

namespace keel {

int RunServe(const ServeCliOptions& o, Context& ctx) {
  // Open (and migrate) the database once up front, so a bad path is reported before listening.
  Result<std::shared_ptr<Store>> store = ctx.OpenStore(/*with_horizon=*/false);
  if (!store.ok()) return Fail(ctx, store.error());
  store->reset();
  Result<ThemeClassifier> themes = ThemeClassifier::ForUser();
  if (!themes.ok()) return Fail(ctx, themes.error());

  ServeOptions options;
  options.bind = o.bind;
  options.port = o.port;
  options.allow_hosts = o.allow_hosts;
  options.threads = o.threads;
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
  if (!loopback) {
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
