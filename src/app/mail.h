// What the practice sends by mail, and the delivery run (PRODUCT.md, "Delivery"). Mail is an
// outbox: each message is a row written in the same transaction as the change that causes it (an
// enrolment queues its lessons; a coach's answer queues the seeker's notice), or, for what time
// alone causes (a question four hours from due), by the delivery run itself under a key that
// queues it once. The run claims what is due, sends it through a relay (io/smtp.h) and records
// what the relay said: 2xx sent; 4xx or no answer tried again after 1 min, 5 min, 30 min, then
// every 2 h, and given up (failed, and said so) 24 h after the first try; 5xx failed, and the
// address undeliverable. A lesson goes out on its day, one per enrolment per day, oldest first.
//
// A relay that accepted a message just before the run lost its database would see the message
// again when the claim lapses (15 minutes): delivery is at least once in that moment, exactly
// once otherwise.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/digests.h"
#include "app/programs.h"
#include "core/date.h"
#include "core/instant.h"
#include "core/result.h"
#include "io/smtp.h"
#include "store/practice.h"

namespace keel {

struct MailSettings {
  std::string from;  // --mail-from: the envelope sender and From address
  std::string from_name = "keel";
  std::string public_url;  // --public-url: the unsubscribe links and the page, no slash
};

/// Messages claimed at once. With the relay's 60-second timeout a batch takes at most ~10 min to
/// send, within the lease, so a slow relay never lets a second run take a message still being
/// sent.
inline constexpr int kMailBatch = 10;
/// How long a run's claim holds: a run that died leaves its messages to the next after this.
inline constexpr Instant kMailClaimLease = Instant{15} * 60;
/// A message the relay kept refusing for a while (4xx) is given up this long after its first try.
inline constexpr Instant kMailGiveUpAfter = Instant{24} * 3600;

/// The wait before trying again a message that has failed `attempts` times (this one included):
/// 1 min, 5 min, 30 min, then 2 h.
Instant MailRetryDelay(int attempts);

/// An enrolment's lessons, one per step, each not before 00:00 UTC of its day (start + day - 1).
/// Their keys and list carry "{enrolment}" for the store to fill in (Practice::AddEnrolment).
std::vector<OutboxMail> LessonMail(const Program& program, const Account& seeker, Date start_on,
                                   Instant now);

/// The seeker's notice of a coach's answer or request for more information; none for the
/// seeker's own reply. Its key carries "{event}" (Practice::AddQuestionEvent).
std::vector<OutboxMail> QuestionEventMail(const QuestionRecord& question,
                                          const QuestionEvent& event, Instant now);

/// Queues a warning to every coach with an active grant, for each open question that is not
/// paused and has under 4 h left (or is past due), once per question and coach. How many.
Result<int64_t> QueueDueSoonWarnings(Practice& practice, Date today, Instant now);

/// The message of an outbox row at `now`: the Markdown body as the plain-text part and as HTML,
/// with Date, Message-ID, and List-Unsubscribe (one-click, RFC 8058) when it has a list.
MailMessage ComposeMail(const OutboxMail& mail, const MailSettings& settings, Instant now);

/// "Thu, 03 Dec 2026 07:18:09 +0000" (RFC 5322's date-time).
std::string MailDate(Instant t);

struct DeliveryReport {
  int64_t warnings_queued = 0;
  int64_t digests_queued = 0;
  int sent = 0;
  int retried = 0;                    // the relay said "later"; tried again after a backoff
  int failed = 0;                     // given up: 24 h of "later", or refused for good
  std::vector<std::string> problems;  // one line per message retried or failed
};

/// One delivery run at `now`: queues the due-soon warnings and (given `digests`) the day's
/// digests, then claims and sends what is due until nothing is left. Safe beside another run: a
/// message is claimed by one run at a time.
Result<DeliveryReport> DeliverMail(Practice& practice, MailRelay& relay,
                                   const MailSettings& settings, Instant now,
                                   DigestSource* digests = nullptr);

}  // namespace keel
