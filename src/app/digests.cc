#include "app/digests.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "app/agenda.h"
#include "app/attention.h"
#include "app/grants.h"
#include "app/password.h"
#include "app/questions.h"
#include "app/reframe.h"
#include "app/reports.h"
#include "core/text.h"

namespace keel {
namespace {

OutboxMail Digest(const MailList& to, std::string_view list, Date today, Instant now) {
  OutboxMail m;
  m.kind = "digest";
  m.account_id = to.account_id;
  m.to = Lower(to.account_email);
  m.list = std::string(list);
  m.list_token = to.token;
  m.key = fmt::format("{}:{}:{}", list, to.account_id, today.ToIso());
  m.not_before = UtcIso(now);
  m.created_at = UtcIso(now);
  return m;
}

// The seeker's digest, or none on a quiet day that is not a Monday.
Result<std::optional<OutboxMail>> SeekerDigest(const MailList& to, const std::string& search,
                                               const SearchSessions& sessions, Date today,
                                               Instant now) {
  Session session;
  sessions(session, search);
  session.today = today;
  Result<std::shared_ptr<Store>> store = session.OpenStore();
  if (!store.ok()) return store.status();
  Result<Agenda> agenda = BuildAgenda(**store, today, session.horizon);
  if (!agenda.ok()) return agenda.status();
  std::vector<const AgendaItem*> due;
  for (const AgendaItem& item : agenda->items) {
    if (item.due <= today) due.push_back(&item);
  }
  const bool monday = (today.days() + 3) % 7 == 0;  // 1970-01-05 was a Monday
  if (due.empty() && !monday) return std::optional<OutboxMail>();

  std::string body;
  if (due.empty()) {
    body += "Nothing is due today.\n\n";
  } else {
    body += fmt::format("## Due today ({})\n\n", due.size());
    for (const AgendaItem* item : due) {
      const std::string who =
          item->ask.person.empty() ? item->ask.org : item->ask.person + " at " + item->ask.org;
      const char* what = item->action == AgendaAction::kFollowUp   ? "follow up"
                         : item->action == AgendaAction::kAskAgain ? "ask again"
                                                                   : "the follow-up you planned";
      body += fmt::format("- **{}**, {}: {}\n", EscapeControls(who), what,
                          EscapeControls(item->reason));
    }
    body += "\n";
  }
  // The week's numbers, and whether the current run of answers is ordinary.
  Result<std::vector<Ask>> asks = (*store)->ListAsks();
  if (!asks.ok()) return asks.status();
  const Date week_from = today - 6;
  int64_t made = 0, heard = 0, yes = 0;
  for (const Ask& a : *asks) {
    if (a.asked_on >= week_from && a.asked_on <= today) ++made;
    if (a.replied_on && *a.replied_on >= week_from && *a.replied_on <= today) {
      ++heard;
      if (a.outcome == Outcome::kYes) ++yes;
    }
  }
  Result<StreakReport> streak = BuildStreak(**store, today, session.horizon);
  if (!streak.ok()) return streak.status();
  const std::string asked = made == 0 ? "made no asks" : "made " + Plural(made, "ask", "asks");
  const std::string answers =
      heard == 0 ? "heard no answers"
                 : fmt::format("heard {}, {} of them yes", Plural(heard, "answer", "answers"), yes);
  body += fmt::format("## Your week\n\nIn the last 7 days you {} and {}.\n\n{}\n", asked, answers,
                      StreakLine(*streak));
  OutboxMail m = Digest(to, kRemindersList, today, now);
  m.subject = due.empty()
                  ? "Your week in keel"
                  : fmt::format("keel: {} due today",
                                Plural(static_cast<int64_t>(due.size()), "thing", "things"));
  m.body = std::move(body);
  return std::optional<OutboxMail>(std::move(m));
}

// The coach's digest: each client with a flag up, the most urgent first; none when no flag is.
Result<std::optional<OutboxMail>> CoachDigest(Practice& practice, const MailList& to,
                                              const SearchSessions& sessions, Date today,
                                              Instant now) {
  Result<std::vector<GrantRecord>> held = practice.Grants(to.account_id, /*as_coach=*/true);
  if (!held.ok()) return held.status();
  std::vector<std::string> searches;
  std::map<std::string, std::string> seeker;
  for (const GrantRecord& g : *held) {
    if (StateOf(g, today) != GrantState::kActive || seeker.count(g.search) > 0) continue;
    searches.push_back(g.search);
    seeker[g.search] = g.seeker_email;
  }
  Result<std::vector<QuestionRecord>> questions = practice.Questions(searches);
  if (!questions.ok()) return questions.status();
  Result<std::vector<QuestionWithClock>> clocked = ClocksOf(practice, *questions, now);
  if (!clocked.ok()) return clocked.status();
  std::map<std::string, std::vector<QuestionClock>> clocks;
  for (const QuestionWithClock& q : *clocked) {
    if (q.state.open() && !q.state.paused) {
      clocks[q.question.search].push_back({q.state.MinutesLeft(now)});
    }
  }
  struct Client {
    std::string seeker;
    std::vector<Attention> flags;
  };
  std::vector<Client> flagged;
  std::vector<AuditRead> reads;
  for (const std::string& search : searches) {
    Session session;
    sessions(session, search);
    session.today = today;
    Result<AttentionFacts> facts = GatherAttention(session, clocks[search]);
    if (!facts.ok()) return facts.status();
    // The digest read the client's search: the seeker sees it in the audit, as a roster look.
    reads.push_back({search, to.account_email, "digest", UtcIso(now)});
    std::vector<Attention> flags = NeedsAttention(*facts);
    if (!flags.empty()) flagged.push_back({seeker[search], std::move(flags)});
  }
  KEEL_RETURN_IF_ERROR(practice.RecordReads(reads));
  if (flagged.empty()) return std::optional<OutboxMail>();
  std::stable_sort(flagged.begin(), flagged.end(), [](const Client& a, const Client& b) {
    return a.flags.front().flag < b.flags.front().flag;
  });
  std::string body =
      searches.size() == 1
          ? std::string("Your client needs a look today:\n\n")
          : fmt::format("{} of your {} clients need{} a look today:\n\n", flagged.size(),
                        searches.size(), flagged.size() == 1 ? "s" : "");
  for (const Client& c : flagged) {
    body += fmt::format("- **{}**\n", c.seeker);
    for (const Attention& a : c.flags) {
      body += fmt::format("  - {}: {}\n", AttentionFlagName(a.flag), a.sentence);
    }
  }
  body +=
      "\nA long run of nos is not on this list unless it is unusual at the client's own rate.\n";
  OutboxMail m = Digest(to, kRosterDigestList, today, now);
  m.subject = fmt::format("Your roster: {} to look at today",
                          Plural(static_cast<int64_t>(flagged.size()), "client", "clients"));
  m.body = std::move(body);
  return std::optional<OutboxMail>(std::move(m));
}

}  // namespace

std::optional<std::string_view> DigestListOf(const Account& who) {
  if (who.role == Role::kSeeker && !who.searches.empty()) return kRemindersList;
  if (who.role == Role::kCoach) return kRosterDigestList;
  return std::nullopt;
}

Status SetDigest(Practice& practice, const Account& who, bool on, Instant now) {
  const std::optional<std::string_view> list = DigestListOf(who);
  if (!list) return Error{"an admin has no digest", ErrorCode::kForbidden};
  return practice.SetListSubscription(who.id, *list, NewSecret(), on, UtcIso(now));
}

Result<Json> DigestJson(Practice& practice, const Account& who) {
  const std::optional<std::string_view> list = DigestListOf(who);
  if (!list) return Json{{"list", nullptr}, {"on", false}};
  Result<std::optional<MailList>> found = practice.FindAccountList(who.id, *list);
  if (!found.ok()) return found.status();
  return Json{{"list", *list}, {"on", *found && (*found)->unsubscribed_at.empty()}};
}

Result<int64_t> QueueDigests(Practice& practice, DigestSource& source, Instant now) {
  const Date today = UtcDate(now);
  if (now - Instant{today.days()} * 86400 < Instant{kDigestHour} * 3600) return int64_t{0};
  std::vector<OutboxMail> digests;
  for (const std::string_view list : {kRemindersList, kRosterDigestList}) {
    Result<std::vector<MailList>> subscribers = practice.Subscribers(list);
    if (!subscribers.ok()) return subscribers.status();
    for (const MailList& to : *subscribers) {
      // Weighed once a day: a digest this process looked at today, or one queued today (by
      // another process), is not built again.
      const std::string key = fmt::format("{}:{}:{}", list, to.account_id, today.ToIso());
      if (source.considered.count(key) > 0) continue;
      Result<bool> queued = practice.MailQueued(key);
      if (!queued.ok()) return queued.status();
      if (*queued) {
        source.considered.insert(key);
        continue;
      }
      Result<std::optional<Account>> account = practice.FindAccountById(to.account_id);
      if (!account.ok()) return account.status();
      if (!*account || DigestListOf(**account) != list) continue;
      Result<std::optional<OutboxMail>> digest =
          list == kRemindersList
              ? SeekerDigest(to, (*account)->searches.front(), source.sessions, today, now)
              : CoachDigest(practice, to, source.sessions, today, now);
      if (!digest.ok()) return digest.status();
      source.considered.insert(key);
      if (*digest) digests.push_back(std::move(**digest));
    }
  }
  if (digests.empty()) return int64_t{0};
  return practice.QueueMail(digests);
}

}  // namespace keel
