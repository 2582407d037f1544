// Why derived, not stored: a person's history is the asks made to them and through them, their
// answers, the follow-ups and feedback on those asks. Keeping a second copy (a "last contact"
// column, a count of nos) would drift the first time an ask is edited, undone or re-imported, so
// both reports read the ledger in one snapshot and compute. A search holds hundreds of asks, not
// millions per person; reading them once is cheap next to keeping copies right.
//
// Wording: a person's nos are counted as facts beside their yeses, never ranked or flagged. A
// pending ask past the horizon reads "no reply after N days", not "ignored you".
#include "app/contacts.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "app/ledger.h"
#include "app/names.h"
#include "app/transaction.h"
#include "core/text.h"

namespace keel {
namespace {

struct PeopleData {
  std::vector<Ask> asks;
  std::map<Id, std::vector<AnswerRecord>> earlier;  // by ask
  std::map<Id, std::vector<FollowUpRecord>> follow_ups;
  std::map<Id, std::vector<FeedbackRecord>> feedback;
  std::vector<Named> contacts;
};

Result<PeopleData> ReadPeople(Store& store) {
  return InSnapshot<PeopleData>(store, [&]() -> Result<PeopleData> {
    PeopleData d;
    Result<std::vector<Ask>> asks = store.ListAsks();
    if (!asks.ok()) return asks.status();
    d.asks = std::move(asks).value();
    Result<std::vector<AnswerRecord>> earlier = store.EarlierAnswers(0);
    if (!earlier.ok()) return earlier.status();
    for (AnswerRecord& a : *earlier) d.earlier[a.ask_id].push_back(std::move(a));
    Result<std::vector<FollowUpRecord>> follow_ups = store.ListFollowUps();
    if (!follow_ups.ok()) return follow_ups.status();
    for (FollowUpRecord& f : *follow_ups) d.follow_ups[f.ask_id].push_back(std::move(f));
    Result<std::vector<FeedbackRecord>> feedback = store.ListFeedback(0);
    if (!feedback.ok()) return feedback.status();
    for (FeedbackRecord& f : *feedback) d.feedback[f.ask_id].push_back(std::move(f));
    Result<std::vector<Named>> contacts = store.Contacts();
    if (!contacts.ok()) return contacts.status();
    d.contacts = std::move(contacts).value();
    return d;
  });
}

std::vector<AnswerRecord> AnswersOf(const PeopleData& d, const Ask& a) {
  auto it = d.earlier.find(a.id);
  return AnswerHistory(a, it == d.earlier.end() ? std::vector<AnswerRecord>() : it->second);
}

template <typename T>
const std::vector<T>& RowsOf(const std::map<Id, std::vector<T>>& by_ask, Id id) {
  static const std::vector<T> kNone;
  auto it = by_ask.find(id);
  return it == by_ask.end() ? kNone : it->second;
}

void Touch(std::optional<Date>& last, Date on) {
  if (!last || on > *last) last = on;
}

void AddOnce(std::vector<std::string>& names, const std::string& name) {
  if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
}

// Folds every ask into the summaries of the people it names.
std::map<std::string, ContactSummary> Summaries(const PeopleData& d, Date today, int silence_days) {
  std::map<std::string, ContactSummary> by_name;
  auto entry = [&](const std::string& name) -> ContactSummary& {
    ContactSummary& c = by_name[name];
    c.name = name;
    return c;
  };
  for (const Ask& a : d.asks) {  // by asked_on, then id
    if (!a.via.empty()) {
      ContactSummary& via = entry(a.via);
      via.introduced.push_back(a.person.empty() ? a.org : a.person);
    }
    if (a.person.empty()) continue;
    ContactSummary& c = entry(a.person);
    c.org = a.org;  // the latest ask's
    if (!a.via.empty()) AddOnce(c.introduced_by, a.via);
    ++c.counts.asks;
    switch (a.EffectiveOutcome(today, silence_days)) {
      case Outcome::kYes:
        ++c.counts.yes;
        break;
      case Outcome::kNo:
        ++c.counts.no;
        break;
      case Outcome::kNotYet:
        ++c.counts.not_yet;
        break;
      case Outcome::kSilent:
        ++c.counts.silent;
        break;
      case Outcome::kPending:
        ++c.counts.pending;
        break;
      case Outcome::kWithdrawn:
        ++c.counts.withdrawn;
        break;
    }
    Touch(c.last_contact, a.asked_on);
    for (const AnswerRecord& answer : AnswersOf(d, a)) {
      if (answer.replied_on) Touch(c.last_contact, *answer.replied_on);
    }
    for (const FollowUpRecord& f : RowsOf(d.follow_ups, a.id)) {
      if (!f.planned) Touch(c.last_contact, f.on);
    }
    for (const FeedbackRecord& f : RowsOf(d.feedback, a.id)) Touch(c.last_contact, f.received_on);
  }
  return by_name;
}

bool ByFoldedName(const ContactSummary& x, const ContactSummary& y) {
  const std::string fx = FoldName(x.name), fy = FoldName(y.name);
  return fx != fy ? fx < fy : x.name < y.name;
}

// The stored name `wanted` means: the same ignoring case and extra spaces, else the one name
// equal to it ignoring diacritics too.
Result<std::string> FindName(const std::vector<Named>& contacts, std::string_view wanted_text) {
  const std::string wanted = CollapseSpaces(wanted_text);
  if (wanted.empty()) {
    return Error{"the name is empty; give a contact's name (see the list of contacts)",
                 ErrorCode::kInvalid, "name", "", "keel contacts lists them"};
  }
  for (const Named& c : contacts) {
    if (EqualsIgnoreCase(c.name, wanted)) return c.name;
  }
  std::vector<std::string> folded_hits;
  const std::string folded = FoldName(wanted);
  for (const Named& c : contacts) {
    if (FoldName(CollapseSpaces(c.name)) == folded) folded_hits.push_back(c.name);
  }
  if (folded_hits.size() == 1) return folded_hits.front();
  std::string suggestion;
  NameIndex index;
  for (const Named& c : contacts) index.Add(c.name);
  if (std::optional<std::string> near = index.NearMatch(wanted)) {
    suggestion = *near;
  } else {
    std::vector<std::string> lower;
    lower.reserve(contacts.size());
    for (const Named& c : contacts) lower.push_back(FoldName(c.name));
    const std::vector<std::string_view> views(lower.begin(), lower.end());
    const std::string_view guess = ClosestMatch(folded, views);
    for (size_t i = 0; i < views.size() && !guess.empty(); ++i) {
      if (views[i].data() == guess.data()) suggestion = contacts[i].name;
    }
  }
  if (!suggestion.empty()) {
    return Error{
        fmt::format("no contact is named '{}'; did you mean '{}'?", Clip(wanted), suggestion),
        ErrorCode::kNotFound, "name"};
  }
  return Error{
      fmt::format("no contact is named '{}'; give a name from the list of contacts", Clip(wanted)),
      ErrorCode::kNotFound, "name", "", "keel contacts lists them"};
}

std::string AnswerWords(const AnswerRecord& a) {
  std::string out = a.outcome == Outcome::kNotYet ? "not yet" : std::string(Name(a.outcome));
  if (a.until) out += fmt::format(" (ask again {})", a.until->ToIso());
  if (!a.reason.empty()) out += fmt::format(": \"{}\"", a.reason);
  return out;
}

std::string AskWords(const Ask& a) {
  std::string out = fmt::format("ask #{}: {} at {}", a.id, Name(a.kind), a.org);
  if (!a.role.empty()) out += fmt::format(", {}", a.role);
  if (!a.via.empty()) out += fmt::format(", introduced by {}", a.via);
  return out;
}

void AddAskEvents(const PeopleData& d, const Ask& a, Date today, int silence_days,
                  std::vector<TimelineEvent>& events) {
  const Outcome now = a.EffectiveOutcome(today, silence_days);
  TimelineEvent ask{a.asked_on, "ask", a.id, AskWords(a), now, a.note, "", a.org};
  if (now == Outcome::kPending) {
    ask.line += " (no answer yet)";
  } else if (now == Outcome::kSilent && a.outcome == Outcome::kPending) {
    ask.line += fmt::format(
        " (no reply after {} days: counts as silent; a late reply can still "
        "come)",
        today - a.asked_on);
  } else if (now == Outcome::kSilent) {
    ask.line += " (marked silent: no reply)";
  }
  events.push_back(std::move(ask));
  for (const AnswerRecord& answer : AnswersOf(d, a)) {
    if (!answer.replied_on) continue;
    events.push_back(TimelineEvent{*answer.replied_on, "answer", a.id,
                                   fmt::format("answer on #{}: {}", a.id, AnswerWords(answer)),
                                   answer.outcome, answer.reason, "", a.org});
  }
  if (a.outcome == Outcome::kWithdrawn && a.replied_on) {
    std::string line = fmt::format("you withdrew from #{}", a.id);
    if (!a.reason.empty()) line += fmt::format(": \"{}\"", a.reason);
    events.push_back(TimelineEvent{*a.replied_on, "withdrawn", a.id, std::move(line),
                                   Outcome::kWithdrawn, a.reason, "", a.org});
  }
  for (const FollowUpRecord& f : RowsOf(d.follow_ups, a.id)) {
    std::string line =
        fmt::format("{} on #{}", f.planned ? "follow-up planned" : "follow-up", a.id);
    if (!f.note.empty()) line += fmt::format(": {}", f.note);
    events.push_back(TimelineEvent{f.on, f.planned ? "follow-up-planned" : "follow-up", a.id,
                                   std::move(line), std::nullopt, f.note, "", a.org});
  }
  for (const FeedbackRecord& f : RowsOf(d.feedback, a.id)) {
    events.push_back(TimelineEvent{f.received_on, "feedback", a.id,
                                   fmt::format("feedback on #{}: \"{}\"", a.id, f.text),
                                   std::nullopt, f.text, "", a.org});
  }
}

Json CountsJson(const ContactCounts& c) {
  Json j;
  j["asks"] = c.asks;
  j["yes"] = c.yes;
  j["no"] = c.no;
  j["not_yet"] = c.not_yet;
  j["silent"] = c.silent;
  j["pending"] = c.pending;
  j["withdrawn"] = c.withdrawn;
  return j;
}

}  // namespace

Result<std::vector<ContactSummary>> ListContacts(Store& store, Date today, int silence_days) {
  Result<PeopleData> d = ReadPeople(store);
  if (!d.ok()) return d.status();
  std::vector<ContactSummary> out;
  for (auto& [name, summary] : Summaries(*d, today, silence_days)) {
    out.push_back(std::move(summary));
  }
  std::sort(out.begin(), out.end(), ByFoldedName);
  return out;
}

Result<ContactTimeline> ContactHistory(Store& store, std::string_view name, Date today,
                                       int silence_days) {
  Result<PeopleData> d = ReadPeople(store);
  if (!d.ok()) return d.status();
  Result<std::string> found = FindName(d->contacts, name);
  if (!found.ok()) return found.status();
  ContactTimeline t;
  std::map<std::string, ContactSummary> summaries = Summaries(*d, today, silence_days);
  if (auto it = summaries.find(*found); it != summaries.end()) {
    t.contact = std::move(it->second);
  } else {
    t.contact.name = *found;  // a contact no ask names any more
  }
  for (const Ask& a : d->asks) {
    if (a.person == *found) AddAskEvents(*d, a, today, silence_days, t.events);
    if (a.via == *found) {
      const std::string whom = a.person.empty() ? a.org : fmt::format("{} at {}", a.person, a.org);
      t.events.push_back(
          TimelineEvent{a.asked_on, "introduced", a.id,
                        fmt::format("introduced you to {} (#{}, {})", whom, a.id, Name(a.kind)),
                        a.EffectiveOutcome(today, silence_days), "", a.person, a.org});
    }
  }
  std::stable_sort(t.events.begin(), t.events.end(),
                   [](const TimelineEvent& x, const TimelineEvent& y) { return x.on < y.on; });
  return t;
}

Json ContactSummaryJson(const ContactSummary& c) {
  Json j;
  j["name"] = c.name;
  j["org"] = c.org;
  j["counts"] = CountsJson(c.counts);
  j["last_contact"] = DateJson(c.last_contact);
  j["introduced_by"] = c.introduced_by;
  j["introduced"] = c.introduced;
  return j;
}

Json ContactTimelineJson(const ContactTimeline& t) {
  Json j = ContactSummaryJson(t.contact);
  j["timeline"] = Json::array();
  for (const TimelineEvent& e : t.events) {
    Json event;
    event["on"] = e.on.ToIso();
    event["type"] = e.type;
    event["ask_id"] = e.ask_id;
    event["line"] = e.line;
    event["outcome"] = e.outcome ? Json(Name(*e.outcome)) : Json(nullptr);
    event["text"] = e.text;
    event["person"] = e.person;
    event["org"] = e.org;
    j["timeline"].push_back(std::move(event));
  }
  return j;
}

}  // namespace keel
