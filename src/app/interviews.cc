// Why interviews work this way:
//
// - A round belongs to an ask, not to a second list of roles: the ask says which role at which
//   organization (and the pipeline's stage stays derived from asks and answers alone). The round
//   is data about that ask's interview, shown beside the stage, never moving it.
// - Any ask may get a round except a withdrawn one (the seeker pulled out): an application's
//   invitation to a first call is scheduled on the application, a later round on its interview
//   ask.
// - The round number defaults to one past the highest scheduled for the same role (the same
//   opportunity; the same ask when it names no role), so "round 2" needs no counting by hand.
// - The time is local wall time, parsed strictly (io/local_time), and stored as UTC. A time
//   already past is kept with a warning (recording yesterday's round is fine); more than a year
//   ahead is refused as a typo, as a scheduled follow-up is.
// - The people met are linked to contacts of the same name when keel knows them; unknown names
//   are kept as written and create nothing.
#include "app/interviews.h"

#include <fmt/format.h>

#include <algorithm>

#include "app/ledger.h"
#include "app/transaction.h"
#include "app/validate.h"
#include "core/text.h"
#include "io/local_time.h"

namespace keel {
namespace {

constexpr Instant kEver = kEveryInterview;

Instant LocalDayStart(Date day) {
  // Midnight exists in almost every zone; where the clocks skip it, the first minute after does.
  for (const char* clock : {"00:00", "01:00"}) {
    Result<Instant> t = ParseLocalTime(fmt::format("{} {}", day.ToIso(), clock));
    if (t.ok()) return *t;
  }
  return int64_t{day.days()} * 86400;
}

Result<Interview> WithAsk(Store& store, InterviewRecord record) {
  Result<std::optional<Ask>> ask = store.GetAsk(record.ask_id);
  if (!ask.ok()) return ask.status();
  if (!*ask) return Error{"internal error: an interview's ask is missing", ErrorCode::kInternal};
  return Interview{std::move(record), std::move(**ask)};
}

Result<std::vector<Interview>> Load(Store& store, Id ask_id, Instant from) {
  Result<std::vector<InterviewRecord>> rounds = store.ListInterviews(ask_id, from);
  if (!rounds.ok()) return rounds.status();
  std::vector<Interview> out;
  for (InterviewRecord& r : *rounds) {
    Result<Interview> one = WithAsk(store, std::move(r));
    if (!one.ok()) return one.status();
    out.push_back(std::move(one).value());
  }
  return out;
}

Status CheckRound(int64_t round) {
  if (round < 1 || round > kMaxInterviewRound) {
    return Error{fmt::format("round {} is not a round number; give a whole number from 1 to {}",
                             round, kMaxInterviewRound),
                 ErrorCode::kInvalid, "round", "round"};
  }
  return Status();
}

Status CheckMinutes(int64_t minutes) {
  if (minutes < kMinInterviewMinutes || minutes > kMaxInterviewMinutes) {
    return Error{fmt::format("{} minutes is not a length for an interview; give {} to {} minutes",
                             minutes, kMinInterviewMinutes, kMaxInterviewMinutes),
                 ErrorCode::kInvalid, "minutes"};
  }
  return Status();
}

Status CheckTexts(const std::vector<std::string>& with, const std::string& prep) {
  if (with.size() > kMaxInterviewPeople) {
    return Error{fmt::format("{} people is more than a round can list; give at most {}",
                             with.size(), kMaxInterviewPeople),
                 ErrorCode::kInvalid, "with"};
  }
  for (const std::string& name : with) {
    KEEL_RETURN_IF_ERROR(
        CheckInputTexts({{name, "an interviewer's name", TextRule::kName, "with"}}));
    if (CollapseSpaces(name).empty()) {
      return Error{"an interviewer's name is empty; give the person's name, like 'Ann Lee'",
                   ErrorCode::kInvalid, "with"};
    }
  }
  return CheckInputTexts({{prep, "the prep notes", TextRule::kText, "prep"}});
}

// The time typed, checked against today: a year ahead at most; a past time gives a warning.
Result<Instant> ParseAt(const std::string& at, Date today, std::vector<std::string>* warnings) {
  if (Trim(at).empty()) {
    return Error{"say when the interview is, as \"YYYY-MM-DD HH:MM\" in local time",
                 ErrorCode::kInvalid, "at"};
  }
  Result<Instant> t = ParseLocalTime(at);
  if (!t.ok()) return t;
  const Date day = ToLocal(*t).date;
  if (day > today + kMaxPlanDays) {
    return Error{fmt::format("the interview's day ({}) is more than a year ahead; check the year",
                             day.ToIso()),
                 ErrorCode::kInvalid, "at"};
  }
  if (day < today) {
    warnings->push_back(
        fmt::format("{} has passed; the round is kept as a past one", LocalText(*t)));
  }
  return t;
}

std::vector<InterviewPerson> People(Store& store, const std::vector<std::string>& with,
                                    Status* status) {
  std::vector<InterviewPerson> out;
  for (const std::string& raw : with) {
    const std::string name = CollapseSpaces(raw);
    Result<std::optional<Id>> contact = store.FindContact(name);
    if (!contact.ok()) {
      *status = contact.status();
      return {};
    }
    out.push_back(InterviewPerson{name, contact->value_or(0)});
  }
  return out;
}

// The highest round scheduled for the ask's role (its opportunity, or the ask itself), 0 if none.
Result<int64_t> HighestRound(Store& store, const Ask& ask, Id except) {
  Result<std::vector<InterviewRecord>> all = store.ListInterviews(0, kEver);
  if (!all.ok()) return all.status();
  Result<std::optional<AskRecord>> own = store.GetAskRecord(ask.id);
  if (!own.ok()) return own.status();
  const Id opportunity = *own ? (*own)->opportunity_id : 0;
  int64_t highest = 0;
  for (const InterviewRecord& r : *all) {
    if (r.id == except) continue;
    bool same = r.ask_id == ask.id;
    if (!same && opportunity != 0) {
      Result<std::optional<AskRecord>> other = store.GetAskRecord(r.ask_id);
      if (!other.ok()) return other.status();
      same = *other && (*other)->opportunity_id == opportunity;
    }
    if (same) highest = std::max(highest, r.round);
  }
  return highest;
}

Status CheckFreeSlot(Store& store, const InterviewRecord& r) {
  Result<std::vector<InterviewRecord>> same = store.ListInterviews(r.ask_id, r.starts_at);
  if (!same.ok()) return same.status();
  for (const InterviewRecord& other : *same) {
    if (other.id != r.id && other.starts_at == r.starts_at) {
      return Error{fmt::format("interview #{} of ask #{} is already at {}; change that one rather "
                               "than booking the time twice",
                               other.id, r.ask_id, LocalText(r.starts_at)),
                   ErrorCode::kConflict, "at"};
    }
  }
  return Status();
}

Result<Ask> OpenAsk(Store& store, Id ask_id) {
  Result<std::optional<Ask>> ask = store.GetAsk(ask_id);
  if (!ask.ok()) return ask.status();
  if (!*ask) {
    return Error{fmt::format("there is no ask #{}", ask_id), ErrorCode::kNotFound, "ask_id", "",
                 "see 'keel list' for the ids"};
  }
  if ((*ask)->outcome == Outcome::kWithdrawn) {
    return Error{fmt::format("you withdrew from ask #{} ({}); reopen it first if the interview "
                             "is on again",
                             ask_id, (*ask)->org),
                 ErrorCode::kConflict, "ask_id"};
  }
  return std::move(**ask);
}

}  // namespace

std::string Describe(const Interview& i) {
  std::string what = i.ask.org;
  if (!i.ask.role.empty()) what += ", " + i.ask.role;
  return fmt::format("#{} ({}, round {})", i.record.id, what, i.record.round);
}

std::string WhenText(const InterviewRecord& r) {
  const LocalTime l = ToLocal(r.starts_at);
  return fmt::format("{} {:02d}:{:02d} {}", l.date.ToIso(), l.hour, l.minute, l.zone);
}

std::string RoundText(const Interview& i) {
  std::string text =
      fmt::format("round {}, {} ({} min)", i.record.round, WhenText(i.record), i.record.minutes);
  if (!i.record.people.empty()) text += ", with " + PeopleText(i.record);
  return text;
}

std::string PeopleText(const InterviewRecord& r) {
  std::vector<std::string> names;
  names.reserve(r.people.size());
  for (const InterviewPerson& p : r.people) names.push_back(p.name);
  return fmt::format("{}", fmt::join(names, ", "));
}

Result<Interview> FindInterview(Store& store, Id id) {
  Result<std::optional<InterviewRecord>> r = store.GetInterview(id);
  if (!r.ok()) return r.status();
  if (!*r) {
    return Error{fmt::format("there is no interview #{}", id), ErrorCode::kNotFound, "id", "",
                 "see 'keel interviews --all' for the ids"};
  }
  return WithAsk(store, std::move(**r));
}

Result<std::vector<Interview>> InterviewsOfAsk(Store& store, Id ask_id) {
  return Load(store, ask_id, kEver);
}

Result<std::vector<Interview>> UpcomingInterviews(Store& store, Date today) {
  return Load(store, 0, LocalDayStart(today));
}

Result<std::vector<Interview>> ListInterviews(Store& store, Date today, bool with_past) {
  return InSnapshot<std::vector<Interview>>(
      store, [&] { return Load(store, 0, with_past ? kEver : LocalDayStart(today)); });
}

Result<InterviewChange> ScheduleInterview(Store& store, const InterviewInput& in, Date today) {
  InterviewChange change;
  if (in.round) KEEL_RETURN_IF_ERROR(CheckRound(*in.round));
  const int64_t minutes = in.minutes.value_or(kDefaultInterviewMinutes);
  KEEL_RETURN_IF_ERROR(CheckMinutes(minutes));
  KEEL_RETURN_IF_ERROR(CheckTexts(in.with, in.prep));
  Result<Instant> at = ParseAt(in.at, today, &change.warnings);
  if (!at.ok()) return at.status();

  return InTransaction<InterviewChange>(
      store, fmt::format("interview for ask #{}", in.ask_id), [&]() -> Result<InterviewChange> {
        Result<Ask> ask = OpenAsk(store, in.ask_id);
        if (!ask.ok()) return ask.status();
        InterviewRecord r;
        r.ask_id = in.ask_id;
        r.starts_at = *at;
        r.minutes = minutes;
        r.zone = LocalZoneName();
        r.prep = in.prep;
        Status found;
        r.people = People(store, in.with, &found);
        KEEL_RETURN_IF_ERROR(found);
        Result<int64_t> highest = HighestRound(store, *ask, 0);
        if (!highest.ok()) return highest.status();
        r.round = in.round.value_or(std::min(*highest + 1, kMaxInterviewRound));
        KEEL_RETURN_IF_ERROR(CheckFreeSlot(store, r));
        Result<Id> id = store.AddInterview(r);
        if (!id.ok()) return id.status();
        r.id = *id;
        change.interview = Interview{std::move(r), std::move(ask).value()};
        return change;
      });
}

Result<InterviewChange> EditInterview(Store& store, Id id, const InterviewEdit& e, Date today) {
  InterviewChange change;
  if (e.round) KEEL_RETURN_IF_ERROR(CheckRound(*e.round));
  if (e.minutes) KEEL_RETURN_IF_ERROR(CheckMinutes(*e.minutes));
  KEEL_RETURN_IF_ERROR(
      CheckTexts(e.with.value_or(std::vector<std::string>{}), e.prep.value_or("")));
  std::optional<Instant> at;
  if (e.at) {
    Result<Instant> parsed = ParseAt(*e.at, today, &change.warnings);
    if (!parsed.ok()) return parsed.status();
    at = *parsed;
  }
  return InTransaction<InterviewChange>(
      store, fmt::format("edit interview #{}", id), [&]() -> Result<InterviewChange> {
        Result<Interview> old = FindInterview(store, id);
        if (!old.ok()) return old.status();
        InterviewRecord r = old->record;
        if (at) {
          r.starts_at = *at;
          r.zone = LocalZoneName();
        }
        if (e.round) r.round = *e.round;
        if (e.minutes) r.minutes = *e.minutes;
        if (e.prep) r.prep = *e.prep;
        if (e.with) {
          Status found;
          r.people = People(store, *e.with, &found);
          KEEL_RETURN_IF_ERROR(found);
        }
        KEEL_RETURN_IF_ERROR(CheckFreeSlot(store, r));
        KEEL_RETURN_IF_ERROR(store.UpdateInterview(r));
        change.interview = Interview{std::move(r), std::move(old->ask)};
        return change;
      });
}

Result<Interview> RemoveInterview(Store& store, Id id) {
  return InTransaction<Interview>(store, fmt::format("remove interview #{}", id),
                                  [&]() -> Result<Interview> {
                                    Result<Interview> old = FindInterview(store, id);
                                    if (!old.ok()) return old.status();
                                    KEEL_RETURN_IF_ERROR(store.DeleteInterview(id));
                                    return old;
                                  });
}

Json InterviewJson(const Interview& i, Date today) {
  const InterviewRecord& r = i.record;
  const LocalTime local = ToLocal(r.starts_at);
  Json j;
  j["id"] = r.id;
  j["ask_id"] = r.ask_id;
  j["org"] = i.ask.org;
  j["role"] = i.ask.role;
  j["person"] = i.ask.person;
  j["kind"] = Name(i.ask.kind);
  j["round"] = r.round;
  j["starts_at"] = UtcIso(r.starts_at);
  j["ends_at"] = UtcIso(r.starts_at + r.minutes * 60);
  j["local"] = LocalText(r.starts_at);
  j["date"] = local.date.ToIso();
  j["time"] = fmt::format("{:02d}:{:02d}", local.hour, local.minute);
  j["zone"] = local.zone;
  j["minutes"] = r.minutes;
  j["with"] = Json::array();
  for (const InterviewPerson& p : r.people) j["with"].push_back(p.name);
  j["prep"] = r.prep;
  j["past"] = local.date < today;
  return j;
}

void AddInterviewEvents(IcsWriter& ics, const std::vector<Interview>& interviews) {
  for (const Interview& i : interviews) {
    const InterviewRecord& r = i.record;
    std::string summary = "Interview: " + i.ask.org;
    if (!i.ask.role.empty()) summary += ", " + i.ask.role;
    summary += fmt::format(" (round {})", r.round);
    std::string description =
        fmt::format("Round {} for ask #{} ({}).", r.round, r.ask_id, Name(i.ask.kind));
    if (!r.people.empty()) description += "\nWith: " + PeopleText(r);
    if (!r.prep.empty()) description += "\nPrep: " + r.prep;
    IcsEvent event;
    event.uid = fmt::format("keel-interview-{}@keel", r.id);
    event.start = r.starts_at;
    event.end = r.starts_at + r.minutes * 60;
    event.summary = std::move(summary);
    event.description = std::move(description);
    ics.AddEvent(event);
  }
}

}  // namespace keel
