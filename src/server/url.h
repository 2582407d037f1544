// The request target of an HTTP request ("/api/list?org=Caf%C3%A9&open=1"), decoded strictly.
// Boost 1.74 has no Boost.URL and the transport hands over the raw target, so keel decodes it
// itself: a malformed escape or text that is not UTF-8 is refused (400) rather than guessed at,
// so everything that reaches a handler, a message or JSON is well-formed UTF-8.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace keel {

struct Target {
  std::string path;  // decoded: "/api/list"
  /// Decoded key/value pairs in the order given; a key without '=' has the value "".
  std::vector<std::pair<std::string, std::string>> query;
};

/// Decodes %XX escapes (two hex digits, either case); with `plus_is_space` a '+' is a space (the
/// form encoding of query strings). Fails on a '%' not followed by two hex digits, and on a
/// result that is not well-formed UTF-8. `what` names the part in the message ("the path").
Result<std::string> PercentDecode(std::string_view text, bool plus_is_space, std::string_view what);

/// Splits an origin-form target ("/path?query", as browsers send) into its decoded path and query
/// pairs. Fails on any other form (absolute URLs, "*"), on a fragment, and as PercentDecode does.
Result<Target> ParseTarget(std::string_view target);

}  // namespace keel
