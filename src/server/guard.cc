#include "server/guard.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "app/password.h"
#include "core/text.h"

namespace keel {

RequestGuard::RequestGuard(const std::string& bind, int port, std::vector<std::string> extra_hosts,
                           std::string token)
    : token_(std::move(token)) {
  std::vector<std::string> names = {"127.0.0.1", "localhost", "[::1]"};
  // A wildcard address is not a name anyone types; the loopback names and --allow-host cover it.
  if (bind != "0.0.0.0" && bind != "::" && bind != "127.0.0.1" && bind != "localhost") {
    names.push_back(bind.find(':') != std::string::npos ? "[" + bind + "]" : bind);
  }
  for (std::string& h : extra_hosts) names.push_back(std::move(h));
  for (const std::string& n : names) hosts_.push_back(Lower(fmt::format("{}:{}", n, port)));
  // Browsers omit the default port; keel never runs on 80, but a proxy in front of it might.
  if (port == 80) {
    for (const std::string& n : names) hosts_.push_back(Lower(n));
  }
}

std::optional<std::string> RequestGuard::CheckHost(std::string_view host) const {
  const std::string wanted = Lower(Trim(host));
  for (const std::string& h : hosts_) {
    if (h == wanted) return std::nullopt;
  }
  return fmt::format("this keel answers to {} only, not to the host '{}'", hosts_.front(), host);
}

std::optional<std::string> RequestGuard::CheckWrite(std::string_view token,
                                                    std::optional<std::string_view> origin) const {
  // Constant-time compare: the token is the only secret between the page and the server.
  if (!SecretsEqual(token, token_)) {
    return std::string(
        "a change needs this server's token in the X-Keel-Token header (the page sends it)");
  }
  return CheckOrigin(origin);
}

std::optional<std::string> RequestGuard::CheckOrigin(std::optional<std::string_view> origin) const {
  if (!origin) return std::nullopt;
  const std::string o = Lower(Trim(*origin));
  bool ours = std::find(origins_.begin(), origins_.end(), o) != origins_.end();
  for (const std::string& h : hosts_) ours = ours || o == "http://" + h;
  if (!ours) return fmt::format("changes are refused from the origin '{}'", *origin);
  return std::nullopt;
}

void RequestGuard::AllowOrigin(const std::string& origin) { origins_.push_back(Lower(origin)); }

std::string NewToken() { return NewSecret(); }

}  // namespace keel
