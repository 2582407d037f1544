// The one-click unsubscribe of the practice's mail (RFC 8058; PRODUCT.md, "Delivery"): a mail's
// List-Unsubscribe link is /unsubscribe/<token>. Only a POST unsubscribes (what a mail program's
// "Unsubscribe" button sends, with the body List-Unsubscribe=One-Click); a GET, which link
// scanners follow on their own, shows what the link would stop and a button that POSTs. No
// session is needed: the token is the secret, and an unknown one is the same 404 as a mistyped
// one.
#pragma once

#include "core/instant.h"
#include "server/transport.h"
#include "store/practice.h"

namespace keel {

/// The page or the unsubscribing for `path` ("/unsubscribe/<token>") by `method` (GET or POST).
HttpResponse UnsubscribeRoute(std::string_view method, std::string_view path, Practice& practice,
                              Instant now);

}  // namespace keel
