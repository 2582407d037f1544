// `keel deliver`: sends the practice's mail that is due now (app/mail.h), once, for cron; `keel
// serve --accounts --smtp ...` runs the same every minute (DeliveryLoop). The relay's login comes
// from $KEEL_SMTP_USER and $KEEL_SMTP_PASSWORD, never from the command line (other users of the
// machine can read a process's arguments).
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "app/mail.h"
#include "cli/commands.h"
#include "cli/table.h"
#include "core/json_dump.h"
#include "core/text.h"
#include "store/open.h"

namespace keel {

Result<MailSetup> MailSetupFrom(const MailCliOptions& o) {
  if (o.smtp.empty()) {
    return Error{"mail needs a relay: give --smtp smtp://HOST:PORT (or smtps://)",
                 ErrorCode::kInvalid, "smtp"};
  }
  if (o.mail_from.empty() || o.mail_from.find('@') == std::string::npos ||
      o.mail_from.find_first_of(" <>\r\n") != std::string::npos) {
    return Error{
        "mail needs a sender: give --mail-from with an address like "
        "coach@practice.example",
        ErrorCode::kInvalid, "mail_from"};
  }
  std::string url = o.public_url;
  while (url.ends_with("/")) url.pop_back();
  if (!Lower(url).starts_with("https://") && !Lower(url).starts_with("http://")) {
    return Error{
        "mail's unsubscribe links need the address people open keel at: give "
        "--public-url https://coach.example",
        ErrorCode::kInvalid, "public_url"};
  }
  SmtpSettings smtp;
  smtp.url = o.smtp;
  if (const char* user = std::getenv("KEEL_SMTP_USER")) smtp.username = user;
  if (const char* password = std::getenv("KEEL_SMTP_PASSWORD")) smtp.password = password;
  Result<std::unique_ptr<MailRelay>> relay = SmtpRelay(smtp);
  if (!relay.ok()) return relay.status();
  MailSetup setup;
  setup.relay = std::move(relay).value();
  setup.settings.from = o.mail_from;
  setup.settings.public_url = url;
  return setup;
}

DigestSource DigestSourceFor(const std::string& db) {
  DigestSource source;
  source.sessions = [db](Session& session, const std::string& search) {
    session.store_source = [db, search]() -> Result<std::shared_ptr<Store>> {
      Result<std::unique_ptr<Store>> opened = OpenStore(db, search);
      if (!opened.ok()) return opened.status();
      return std::shared_ptr<Store>(std::move(opened).value());
    };
  };
  return source;
}

std::string DeliverySummary(const DeliveryReport& r) {
  std::string out = fmt::format("sent {} message{}", r.sent, r.sent == 1 ? "" : "s");
  if (r.retried > 0) out += fmt::format("; {} to try again later", r.retried);
  if (r.failed > 0) out += fmt::format("; {} given up", r.failed);
  if (r.digests_queued > 0) {
    out += fmt::format(" ({} digest{} queued)", r.digests_queued, r.digests_queued == 1 ? "" : "s");
  }
  if (r.warnings_queued > 0) {
    out += fmt::format(" ({} warning{} of questions falling due queued)", r.warnings_queued,
                       r.warnings_queued == 1 ? "" : "s");
  }
  return out;
}

int RunOutbox(bool all, int64_t limit, Context& ctx) {
  if (limit < 1) return Fail(ctx, Error{"must be 1 or more", ErrorCode::kInvalid, "limit"});
  Result<std::unique_ptr<Practice>> practice = OpenPractice(ctx.db_path);
  if (!practice.ok()) return Fail(ctx, practice.error());
  Result<std::vector<OutboxMail>> box = (*practice)->Outbox(all, limit);
  if (!box.ok()) return Fail(ctx, box.error());
  if (ctx.json) {
    Json list = Json::array();
    for (const OutboxMail& m : *box) {
      list.push_back(
          Json{{"id", m.id},
               {"kind", m.kind},
               {"to", m.to},
               {"subject", m.subject},
               {"state", m.state},
               {"not_before", m.not_before},
               {"next_attempt_at", m.next_attempt_at},
               {"attempts", m.attempts},
               {"sent_at", m.sent_at.empty() ? Json(nullptr) : Json(m.sent_at)},
               {"last_error", m.last_error.empty() ? Json(nullptr) : Json(m.last_error)}});
    }
    fmt::print(ctx.out, "{}\n", DumpJson(Json{{"outbox", list}}));
    return kExitOk;
  }
  if (box->empty()) {
    fmt::print(ctx.out, "{}\n",
               all ? "The outbox is empty: nothing was ever queued."
                   : "Nothing waits and nothing failed (--all lists what was sent).");
    return kExitOk;
  }
  Table t{{"#", "state", "to", "subject", "when", "tries", "the relay said"}, {}, {}};
  for (const OutboxMail& m : *box) {
    // Queued: when it goes (its day, or its next try); sent: when it went.
    const std::string when = m.state == "sent"        ? m.sent_at
                             : m.state == "queued"    ? std::max(m.not_before, m.next_attempt_at)
                             : m.first_try_at.empty() ? m.not_before
                                                      : m.first_try_at;
    t.rows.push_back({std::to_string(m.id), m.state, m.to, Clip(EscapeControls(m.subject), 48),
                      when, std::to_string(m.attempts), Clip(EscapeControls(m.last_error), 60)});
  }
  fmt::print(ctx.out, "{}", RenderTable(t, ctx.color));
  return kExitOk;
}

int RunDeliver(const MailCliOptions& o, Context& ctx) {
  Result<MailSetup> setup = MailSetupFrom(o);
  if (!setup.ok()) return Fail(ctx, setup.error());
  Result<Instant> now = CommandNow();
  if (!now.ok()) return Fail(ctx, now.error());
  Result<std::unique_ptr<Practice>> practice = OpenPractice(ctx.db_path);
  if (!practice.ok()) return Fail(ctx, practice.error());
  DigestSource digests = DigestSourceFor(ctx.db_path);
  Result<DeliveryReport> report =
      DeliverMail(**practice, *setup->relay, setup->settings, *now, &digests);
  if (!report.ok()) return Fail(ctx, report.error());
  fmt::print(ctx.out, "{}\n", DeliverySummary(*report));
  for (const std::string& line : report->problems) fmt::print(ctx.out, "  {}\n", line);
  return kExitOk;
}

}  // namespace keel
