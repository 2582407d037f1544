// keel serve: the dashboard on the person's own machine, until Ctrl-C (or SIGTERM).
#include <fmt/format.h>
#include <pthread.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <thread>

#include "app/mail.h"
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
  if (!o.smtp.empty() && !o.accounts) {
    return Fail(ctx, Error{"--smtp sends a practice's mail: add --accounts (or leave out --smtp)",
                           ErrorCode::kInvalid, "smtp"});
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
    Result<std::optional<Instant>> fixed = FixedNow();
    if (!fixed.ok()) return Fail(ctx, fixed.error());
    accounts.now = *fixed;
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

  std::optional<MailSetup> mail;
  if (!o.smtp.empty()) {
    Result<MailSetup> setup = MailSetupFrom(
        {o.smtp, o.mail_from, origin.empty() ? fmt::format("http://{}:{}", host, *port) : origin});
    if (!setup.ok()) return Fail(ctx, setup.error());
    mail = std::move(setup).value();
  }

  std::atomic<bool> done{false};
  std::mutex mail_mutex;
  std::condition_variable mail_wake;
  std::thread mailer;
  if (mail) {
    // The delivery run, every minute from the start, on a connection of its own; a failed run
    // (the database restarting) is said on stderr and tried again the next minute.
    mailer = std::thread([&] {
      std::unique_ptr<Practice> practice;
      DigestSource digests = DigestSourceFor(ctx.db_path);
      std::unique_lock<std::mutex> lock(mail_mutex);
      while (!done.load()) {
        lock.unlock();
        Result<Instant> now = CommandNow();
        if (!practice) {
          Result<std::unique_ptr<Practice>> opened = OpenPractice(ctx.db_path);
          if (opened.ok())
            practice = std::move(opened).value();
          else
            fmt::print(ctx.err, "keel: mail: {}\n", CliMessage(opened.error()));
        }
        if (practice && now.ok()) {
          Result<DeliveryReport> r =
              DeliverMail(*practice, *mail->relay, mail->settings, *now, &digests);
          if (!r.ok()) {
            fmt::print(ctx.err, "keel: mail: {}\n", CliMessage(r.error()));
            practice.reset();
          } else if (r->sent + r->retried + r->failed > 0) {
            fmt::print(ctx.err, "keel: mail: {}\n", DeliverySummary(*r));
            for (const std::string& line : r->problems) fmt::print(ctx.err, "  {}\n", line);
          }
          std::fflush(ctx.err);
        }
        lock.lock();
        mail_wake.wait_for(lock, std::chrono::minutes(1), [&] { return done.load(); });
      }
    });
  }
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
  {
    std::lock_guard<std::mutex> lock(mail_mutex);
    done.store(true);
  }
  mail_wake.notify_all();
  waiter.join();
  if (mailer.joinable()) mailer.join();
  if (!ran.ok()) return Fail(ctx, ran.error());
  fmt::print(ctx.err, "keel: stopped\n");
  return kExitOk;
}

}  // namespace keel
