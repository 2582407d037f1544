// The safety of a server on the person's own machine. Any web page they visit can make their
// browser send requests to 127.0.0.1, so:
// - a request whose Host header is not this server's own name is refused: that defeats DNS
//   rebinding, where an attacker's domain is made to resolve to 127.0.0.1;
// - a request that changes anything must carry this process's token (only a page this server
//   served can read it) and, when the browser sends an Origin, come from this server's origin:
//   that defeats cross-site request forgery.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace keel {

class RequestGuard {
 public:
  /// `bind` is the address the server listens on; `extra_hosts` are further names it may be
  /// reached by (keel serve --allow-host).
  RequestGuard(const std::string& bind, int port, std::vector<std::string> extra_hosts,
               std::string token);

  /// nullopt when the Host header names this server; otherwise why not.
  std::optional<std::string> CheckHost(std::string_view host) const;
  /// For a request that writes: nullopt when the token matches and the Origin, if any, is ours.
  std::optional<std::string> CheckWrite(std::string_view token,
                                        std::optional<std::string_view> origin) const;
  /// nullopt when the Origin, if the browser sent one, is this server's (the token is checked
  /// elsewhere: a practice's server has one per session).
  std::optional<std::string> CheckOrigin(std::optional<std::string_view> origin) const;
  /// Another origin this server is reached at ("https://coach.example": --public-url).
  void AllowOrigin(const std::string& origin);

  const std::string& token() const { return token_; }

 private:
  std::vector<std::string> hosts_;    // "127.0.0.1:8420", "localhost:8420", ...
  std::vector<std::string> origins_;  // beyond http://HOST for each of hosts_
  std::string token_;
};

/// 32 random bytes (app/password.h NewSecret), as 64 hex characters.
std::string NewToken();

}  // namespace keel
