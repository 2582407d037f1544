// Sending one message through an SMTP relay (libcurl): the practice's mail leaves keel here and
// nowhere else. keel does not sign mail (DKIM) or run a mail server; the relay does that
// (docs/practice.md). STARTTLS is used whenever the relay offers it; an smtps:// URL is TLS from
// the first byte.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"

namespace keel {

/// One message: the envelope (from, to), the header fields keel sets, and the same content as
/// plain text and as HTML (sent as multipart/alternative, each part quoted-printable).
struct MailMessage {
  std::string from;  // the envelope sender and the From address
  std::string from_name;
  std::string to;
  std::string subject;  // UTF-8; encoded (RFC 2047) when it is not ASCII
  /// Further header fields, in order: Date, Message-ID, List-Unsubscribe, ...
  std::vector<std::pair<std::string, std::string>> headers;
  std::string text;
  std::string html;
};

/// What the relay answered.
struct RelayAnswer {
  enum class Kind {
    kAccepted,   // 2xx after the message: it is the relay's now
    kTransient,  // 4xx, no answer, a dropped connection: try again later
    kPermanent,  // 5xx to the sender, the recipient or the message: do not try this address again
  };
  Kind kind = Kind::kAccepted;
  long code = 0;       // the relay's last reply code; 0 when it never answered
  std::string detail;  // one line, for the outbox's last_error
};

class MailRelay {
 public:
  virtual ~MailRelay() = default;
  virtual RelayAnswer Send(const MailMessage& message) = 0;
};

struct SmtpSettings {
  /// smtp://HOST[:PORT] or smtps://HOST[:PORT].
  std::string url;
  /// For a relay that wants a login (from $KEEL_SMTP_USER and $KEEL_SMTP_PASSWORD, never argv).
  std::string username;
  std::string password;
  long timeout_seconds = 60;
};

/// A relay at `settings.url`; an URL that is not smtp:// or smtps:// is refused, naming the fix.
Result<std::unique_ptr<MailRelay>> SmtpRelay(const SmtpSettings& settings);

/// `text` as an RFC 2047 encoded word when it is not printable ASCII; as it is otherwise.
std::string EncodedHeaderText(std::string_view text);

}  // namespace keel
