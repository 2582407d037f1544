// keel serve: the dashboard and its JSON API over HTTP, on the person's own machine.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "server/accounts_front.h"
#include "server/api.h"

namespace keel {

struct ServeOptions {
  std::string bind = "127.0.0.1";
  int port = 8420;  // 0 = any free port
  std::vector<std::string> allow_hosts;
  // Worker threads that run API requests, each with its own database connection. Connections
  // do not hold a thread (transport.h): this bounds how many requests touch the database at
  // once, not how many clients are served.
  int threads = 8;
  size_t max_body = kMaxBody;
  /// keel serve --accounts: a practice's server, everyone signed in (accounts_front.h); unset:
  /// one seeker's dashboard on their own machine, no sign-in.
  std::optional<AccountsOptions> accounts;
  /// The origin browsers reach the server at when that is not its own address (behind a proxy:
  /// --public-url), accepted for writes like its own.
  std::string public_origin;
};

class Server {
 public:
  Server(ServeOptions options, ApiEnv env);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Binds the address; returns the port (useful with port 0).
  Result<int> Bind();
  /// Serves until Stop(); returns when the server has shut down.
  Status Run();
  /// Safe from any thread.
  void Stop();

  const std::string& token() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace keel
