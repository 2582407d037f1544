#include "app/mail.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>

#include "app/attention.h"
#include "app/grants.h"
#include "app/password.h"
#include "app/questions.h"
#include "core/text.h"

namespace keel {
namespace {

// Each message of a list carries a fresh token; the store keeps the list's first, and every
// message of the list is sent with that one.
OutboxMail Addressed(const Account& to, std::string kind, std::string list, Instant now) {
  OutboxMail m;
  m.kind = std::move(kind);
  m.account_id = to.id;
  m.to = Lower(to.email);
  m.list = std::move(list);
  m.list_token = NewSecret();
  m.not_before = UtcIso(now);
  m.created_at = UtcIso(now);
  return m;
}

// A text quoted in Markdown, line by line, so a question's own Markdown stays inside the quote.
std::string Quoted(std::string_view text) {
  std::string out = "> ";
  for (const char c : text) {
    out.push_back(c);
    if (c == '\n') out += "> ";
  }
  return out;
}

// What unsubscribing stops, in the words of the confirmation and the mail's footer.
std::string FooterOf(const OutboxMail& mail, const MailSettings& settings) {
  const std::string page = settings.public_url + "/practice";
  if (mail.kind == "lesson") {
    return fmt::format(
        "You get one lesson a day because you enrolled in this program; every lesson is also on "
        "your page: <{}>. To stop these lessons: <{}/unsubscribe/{}>",
        page, settings.public_url, mail.list_token);
  }
  if (mail.kind == "digest") {
    return fmt::format(
        "You get this digest because you asked for it. Open keel: <{}>. To stop "
        "it: <{}/unsubscribe/{}>",
        page, settings.public_url, mail.list_token);
  }
  return fmt::format("Open keel: <{}>. To stop mail about questions: <{}/unsubscribe/{}>", page,
                     settings.public_url, mail.list_token);
}

// "2026-12-01 at 08:00 UTC", from what UtcIso wrote.
std::string WhenUtc(std::string_view iso) {
  if (iso.size() < 16) return std::string(iso);
  return fmt::format("{} at {} UTC", iso.substr(0, 10), iso.substr(11, 5));
}

Result<Instant> WhenFirstTried(const OutboxMail& mail, Instant now) {
  if (mail.first_try_at.empty()) return now;
  const std::optional<Instant> at = ParseUtcIso(mail.first_try_at);
  if (!at) return Error{"the outbox holds a time keel did not write: " + mail.first_try_at};
  return *at;
}

}  // namespace

Instant MailRetryDelay(int attempts) {
  constexpr std::array<Instant, 4> kDelays = {Instant{60}, Instant{5} * 60, Instant{30} * 60,
                                              Instant{2} * 3600};
  return kDelays[static_cast<size_t>(std::clamp(attempts, 1, 4) - 1)];
}

std::vector<OutboxMail> LessonMail(const Program& program, const Account& seeker, Date start_on,
                                   Instant now) {
  std::vector<OutboxMail> out;
  out.reserve(program.steps.size());
  for (const ProgramStep& step : program.steps) {
    OutboxMail m = Addressed(seeker, "lesson", "enrolment:{enrolment}", now);
    m.key = fmt::format("lesson:{{enrolment}}:{}", step.day);
    m.subject = fmt::format("{}, day {}: {}", program.title, step.day, step.title);
    m.body = fmt::format("# {}\n\n{}\n\n*Day {} of {}.*\n", step.title, step.body, step.day,
                         program.title);
    m.day = step.day;
    m.not_before = (start_on + (step.day - 1)).ToIso() + "T00:00:00Z";
    out.push_back(std::move(m));
  }
  return out;
}

std::vector<OutboxMail> QuestionEventMail(const QuestionRecord& question,
                                          const QuestionEvent& event, Instant now) {
  if (event.kind != "answer" && event.kind != "need-info") return {};
  Account seeker;
  seeker.id = question.seeker_id;
  seeker.email = question.seeker_email;
  OutboxMail m = Addressed(seeker, "question-answered", "questions", now);
  m.key = "answered:{event}";
  const bool answer = event.kind == "answer";
  m.subject = answer ? "Your coach answered your question"
                     : "Your coach needs a little more to answer your question";
  m.body = fmt::format(
      "{} {}:\n\n{}\n\n{}\n\n{}\n", answer ? "Your question was answered by" : "A question from",
      event.author_email, answer ? Quoted(question.text) : "your coach about your question",
      answer ? "The answer:" : Quoted(question.text),
      answer ? Quoted(event.text)
             : Quoted(event.text) +
                   "\n\nReply on your page; the 24-hour clock waits for your reply and runs "
                   "again when you send it.");
  return {std::move(m)};
}

Result<int64_t> QueueDueSoonWarnings(Practice& practice, Date today, Instant now) {
  Result<std::vector<Account>> accounts = practice.Accounts();
  if (!accounts.ok()) return accounts.status();
  std::vector<std::string> searches;
  std::map<std::string, int64_t> owner;  // search -> seeker
  for (const Account& a : *accounts) {
    if (a.role != Role::kSeeker) continue;
    for (const std::string& s : a.searches) {
      searches.push_back(s);
      owner[s] = a.id;
    }
  }
  Result<std::vector<QuestionRecord>> questions = practice.Questions(searches);
  if (!questions.ok()) return questions.status();
  Result<std::vector<QuestionWithClock>> clocks = ClocksOf(practice, *questions, now);
  if (!clocks.ok()) return clocks.status();
  std::vector<OutboxMail> warnings;
  for (const QuestionWithClock& q : *clocks) {
    const QuestionState& st = q.state;
    if (!st.open() || st.paused || st.left(now) > kPromiseWarnSeconds) continue;
    Result<std::vector<GrantRecord>> grants = practice.Grants(owner[q.question.search], false);
    if (!grants.ok()) return grants.status();
    for (const GrantRecord& g : *grants) {
      if (g.search != q.question.search || StateOf(g, today) != GrantState::kActive) continue;
      Account coach;
      coach.id = g.coach_id;
      coach.email = g.coach_email;
      OutboxMail m = Addressed(coach, "question-due-soon", "questions", now);
      m.key = fmt::format("due-soon:{}:{}", q.question.id, g.coach_id);
      const bool late = st.left(now) <= 0;
      m.subject = late ? fmt::format("A question from {} is past the 24-hour promise",
                                     q.question.seeker_email)
                       : fmt::format("A question from {} is due in {}", q.question.seeker_email,
                                     Duration(std::max<Instant>(0, st.left(now)) / 60));
      m.body = fmt::format(
          "{} asked on {}{}:\n\n{}\n\n{}\n", q.question.seeker_email, WhenUtc(q.question.asked_at),
          late ? "" : fmt::format(", and the answer is due on {}", WhenUtc(UtcIso(st.due))),
          Quoted(q.question.text),
          late ? "It is past due; it shows as late on the report, and an answer now still helps."
               : "Answer it from your queue; the first answer from any of their coaches stops "
                 "the clock.");
      warnings.push_back(std::move(m));
    }
  }
  if (warnings.empty()) return int64_t{0};
  return practice.QueueMail(warnings);
}

std::string MailDate(Instant t) {
  constexpr std::array<std::string_view, 7> kDays = {"Thu", "Fri", "Sat", "Sun",
                                                     "Mon", "Tue", "Wed"};  // 1970-01-01: Thu
  constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const Date d = UtcDate(t);
  const Instant s = t - Instant{d.days()} * 86400;
  return fmt::format("{}, {:02} {} {} {:02}:{:02}:{:02} +0000",
                     kDays[static_cast<size_t>(((d.days() % 7) + 7) % 7)], d.day(),
                     kMonths[static_cast<size_t>(d.month() - 1)], d.year(), s / 3600, s / 60 % 60,
                     s % 60);
}

MailMessage ComposeMail(const OutboxMail& mail, const MailSettings& settings, Instant now) {
  MailMessage m;
  m.from = settings.from;
  m.from_name = settings.from_name;
  m.to = mail.to;
  m.subject = mail.subject;
  const std::string footer = FooterOf(mail, settings);
  m.text = mail.body + "\n-- \n" + footer + "\n";
  // The same Markdown as HTML; no images, no tracking, nothing fetched when it is opened.
  m.html = "<!doctype html>\n<html><body>\n" + MarkdownToHtml(mail.body) + "<hr>\n" +
           MarkdownToHtml(footer) + "</body></html>\n";
  const size_t at = settings.from.rfind('@');
  const std::string domain =
      at == std::string::npos ? "keel.invalid" : settings.from.substr(at + 1);
  m.headers.emplace_back("Date", MailDate(now));
  m.headers.emplace_back(
      "Message-ID", fmt::format("<keel.{}.{}@{}>", mail.id, NewSecret().substr(0, 24), domain));
  m.headers.emplace_back("Auto-Submitted", "auto-generated");
  if (!mail.list_token.empty()) {
    m.headers.emplace_back("List-Unsubscribe", fmt::format("<{}/unsubscribe/{}>",
                                                           settings.public_url, mail.list_token));
    m.headers.emplace_back("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
  }
  return m;
}

Result<DeliveryReport> DeliverMail(Practice& practice, MailRelay& relay,
                                   const MailSettings& settings, Instant now,
                                   DigestSource* digests) {
  DeliveryReport report;
  Result<int64_t> warned = QueueDueSoonWarnings(practice, UtcDate(now), now);
  if (!warned.ok()) return warned.status();
  report.warnings_queued = *warned;
  if (digests) {
    Result<int64_t> queued = QueueDigests(practice, *digests, now);
    if (!queued.ok()) return queued.status();
    report.digests_queued = *queued;
  }
  const std::string claimer = "run-" + NewSecret().substr(0, 16);
  for (;;) {
    Result<std::vector<OutboxMail>> claimed = practice.ClaimMail(
        UtcIso(now), UtcDate(now).ToIso(), claimer, UtcIso(now + kMailClaimLease), kMailBatch);
    if (!claimed.ok()) return claimed.status();
    if (claimed->empty()) break;
    for (const OutboxMail& mail : *claimed) {
      const MailMessage message = ComposeMail(mail, settings, now);
      const RelayAnswer answer = relay.Send(message);
      MailOutcome outcome;
      outcome.at = UtcIso(now);
      const std::string who = fmt::format("#{} to {} ({})", mail.id, mail.to, mail.subject);
      if (answer.kind == RelayAnswer::Kind::kAccepted) {
        outcome.kind = MailOutcome::Kind::kSent;
        for (const auto& [name, value] : message.headers) {
          if (name == "Message-ID") outcome.message_id = value;
        }
        ++report.sent;
      } else if (answer.kind == RelayAnswer::Kind::kTransient) {
        Result<Instant> first = WhenFirstTried(mail, now);
        if (!first.ok()) return first.status();
        outcome.error = answer.detail;
        if (now - *first >= kMailGiveUpAfter) {
          outcome.kind = MailOutcome::Kind::kFailed;
          outcome.error = "given up after 24 hours of: " + answer.detail;
          report.problems.push_back(fmt::format("gave up on {}: {}", who, answer.detail));
          ++report.failed;
        } else {
          outcome.kind = MailOutcome::Kind::kRetry;
          outcome.next_attempt_at = UtcIso(now + MailRetryDelay(mail.attempts + 1));
          report.problems.push_back(fmt::format("will try {} again at {}: {}", who,
                                                outcome.next_attempt_at, answer.detail));
          ++report.retried;
        }
      } else {
        outcome.kind = MailOutcome::Kind::kFailed;
        outcome.error = answer.detail;
        report.problems.push_back(
            fmt::format("{} refused {} for good, so no more mail goes to that address: {}",
                        "the relay", who, answer.detail));
        ++report.failed;
      }
      Result<bool> finished = practice.FinishMail(mail.id, claimer, outcome);
      if (!finished.ok()) return finished.status();
      if (answer.kind == RelayAnswer::Kind::kPermanent) {
        KEEL_RETURN_IF_ERROR(practice.MarkUndeliverable(mail.to, outcome.at, answer.detail));
      }
    }
  }
  return report;
}

}  // namespace keel
