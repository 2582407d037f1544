// Validation lives here, not in the CLI, so that every front end (CLI, HTTP, import) refuses the
// same bad input with the same words. Each use case wraps its work in one write transaction and
// rolls back on the first error.
#include "app/ledger.h"

#include <fmt/format.h>

#include <algorithm>

#include "app/focus_guard.h"
#include "app/materials.h"
#include "app/names.h"
#include "app/search_closing.h"
#include "app/transaction.h"
#include "app/validate.h"
#include "core/text.h"
#include "themes/theme.h"

namespace keel {
Status CheckNotFuture(Date date, Date today, std::string_view what, std::string_view field) {
  if (date > today) {
    return Error{fmt::format("the {} ({}) is after today ({}); give a date on or before today",
                             what, date.ToIso(), today.ToIso()),
                 ErrorCode::kInvalid, std::string(field)};
  }
  return Status();
}

namespace {

Status CheckReplyAfterAsk(Date replied_on, Date asked_on) {
  if (replied_on < asked_on) {
    return Error{fmt::format("the reply ({}) is before the ask ({}); give a date of {} or later",
                             replied_on.ToIso(), asked_on.ToIso(), asked_on.ToIso()),
                 ErrorCode::kInvalid, "on", "a date of"};
  }
  return Status();
}

Result<std::vector<Id>> ResolveMaterials(Store& store, const std::vector<std::string>& refs) {
  std::vector<Id> ids;
  for (const std::string& text : refs) {
    Result<MaterialRef> ref = ParseMaterialRef(text);
    if (!ref.ok()) return ref.status();
    Result<Id> id = store.EnsureMaterialVersion(*ref);
    if (!id.ok()) return id.status();
    ids.push_back(*id);
  }
  return ids;
}

// Resolves the names of an ask into ids, creating what is new.
Status ResolveParties(Store& store, const std::string& org, const std::string& person,
                      const std::string& role, bool new_org, bool new_person, AskRecord* record,
                      std::vector<std::string>* notices) {
  Result<Id> org_id = ResolveOrganization(store, org, new_org, notices);
  if (!org_id.ok()) return org_id.status();
  record->org_id = *org_id;
  record->contact_id = 0;
  if (!Trim(person).empty()) {
    Result<Id> contact = ResolveContact(store, person, *org_id, new_person, notices);
    if (!contact.ok()) return contact.status();
    record->contact_id = *contact;
  }
  record->opportunity_id = 0;
  if (const std::string title = CollapseSpaces(role); !title.empty()) {
    Result<Id> opportunity = store.EnsureOpportunity(*org_id, title);
    if (!opportunity.ok()) return opportunity.status();
    record->opportunity_id = *opportunity;
  }
  return Status();
}

// Resolves who introduced or referred ("" = nobody) into record->via_contact_id. The person who
// introduced you is not the person you asked: that would say nothing, so it is refused.
Status ResolveIntroducer(Store& store, const std::string& via, bool new_via, AskRecord* record,
                         std::vector<std::string>* notices) {
  record->via_contact_id = 0;
  if (Trim(via).empty()) return Status();
  Result<Id> contact = ResolveVia(store, via, new_via, notices);
  if (!contact.ok()) return contact.status();
  if (record->contact_id != 0 && *contact == record->contact_id) {
    return Error{fmt::format("'{}' is the person you asked; who introduced you is someone else, "
                             "or leave it out",
                             CollapseSpaces(via)),
                 ErrorCode::kInvalid, "via"};
  }
  record->via_contact_id = *contact;
  return Status();
}

// An edit keeps the answer history in order: the ask before its earlier answers, and its
// current reply after them.
Status CheckEarlierAnswers(Store& store, Id id, const AskRecord& record) {
  Result<std::vector<AnswerRecord>> earlier = store.EarlierAnswers(id);
  if (!earlier.ok()) return earlier.status();
  for (const AnswerRecord& a : *earlier) {
    if (!a.replied_on) continue;
    if (*a.replied_on < record.asked_on) {
      return Error{fmt::format("the ask ({}) would be after its earlier answer ({} on {}); give a "
                               "date of {} or earlier",
                               record.asked_on.ToIso(), Name(a.outcome), a.replied_on->ToIso(),
                               a.replied_on->ToIso()),
                   ErrorCode::kInvalid, "on", "a date of"};
    }
    if (record.replied_on && *record.replied_on < *a.replied_on) {
      return Error{
          fmt::format("the reply ({}) would be before the ask's earlier answer ({} on {}); give "
                      "a date of {} or later",
                      record.replied_on->ToIso(), Name(a.outcome), a.replied_on->ToIso(),
                      a.replied_on->ToIso()),
          ErrorCode::kInvalid, "replied_on", "a date of"};
    }
  }
  return Status();
}

// Warns about each material version the ask used that was added after the ask's date.
Status WarnEarlyMaterials(Store& store, LedgerChange* change) {
  if (change->ask.materials.empty()) return Status();
  Result<std::vector<MaterialVersionInfo>> versions = store.MaterialVersions();
  if (!versions.ok()) return versions.status();
  change->warnings = EarlyUseWarnings(change->ask, *versions);
  if (!change->warnings.empty()) {
    change->hints.push_back(
        fmt::format("keel edit {} --material VERSION corrects it", change->ask.id));
  }
  return Status();
}

Result<LedgerChange> Reload(Store& store, Id id, std::vector<std::string> notices) {
  Result<Ask> ask = FindAsk(store, id);
  if (!ask.ok()) return ask.status();
  return LedgerChange{std::move(ask).value(), std::move(notices), std::nullopt, {}, {}};
}

}  // namespace

Result<std::string> CheckThemeName(const std::string& theme) {
  Result<Theme> parsed = ParseTheme(theme, "theme");
  if (!parsed.ok()) return InField("theme", parsed.error(), "theme");
  return std::string(Name(*parsed));
}

Facets NormalizedFacets(const Facets& facets) {
  Facets out = facets;
  out.industry = CollapseSpaces(facets.industry);
  out.location = CollapseSpaces(facets.location);
  out.seniority = CollapseSpaces(facets.seniority);
  out.remote = Lower(Trim(facets.remote));
  return out;
}

Status CheckFacets(const Facets& facets) {
  if (!facets.remote.empty() &&
      std::find(kRemoteNames.begin(), kRemoteNames.end(), facets.remote) == kRemoteNames.end()) {
    return Error{fmt::format("unknown remote setting '{}'; use remote, hybrid or onsite",
                             Clip(facets.remote)),
                 ErrorCode::kInvalid, "remote", "remote setting"};
  }
  if (facets.salary && *facets.salary < 0) {
    return Error{fmt::format("the salary {} is negative; give the yearly pay as a whole number",
                             *facets.salary),
                 ErrorCode::kInvalid, "salary", "the salary"};
  }
  return Status();
}

std::string Describe(const Ask& ask) {
  return fmt::format("#{} ({}, {})", ask.id, ask.org, Name(ask.kind));
}

Result<Ask> FindAsk(Store& store, Id id) {
  Result<std::optional<Ask>> ask = store.GetAsk(id);
  if (!ask.ok()) return ask.status();
  if (!*ask) {
    return Error{fmt::format("there is no ask #{}", id), ErrorCode::kNotFound, "id", "",
                 "see 'keel list' for the ids"};
  }
  return std::move(**ask);
}

Result<LedgerChange> LogAsk(Store& store, const AskInput& input, Date today) {
  KEEL_RETURN_IF_ERROR(CheckAskText(input));
  KEEL_RETURN_IF_ERROR(CheckNotFuture(input.asked_on, today, "ask date", "on"));
  const Facets facets = NormalizedFacets(input.facets);
  KEEL_RETURN_IF_ERROR(CheckFacets(facets));
  const std::string summary =
      fmt::format("ask {} ({})", CollapseSpaces(input.org), Name(input.kind));
  return InTransaction<LedgerChange>(store, summary, [&]() -> Result<LedgerChange> {
    std::vector<std::string> notices;
    AskRecord record;
    record.asked_on = input.asked_on;
    record.kind = input.kind;
    record.channel = input.channel;
    record.note = input.note;
    record.facets = facets;
    // The focus guard reads the strategy inside the same transaction, so what it checks is what
    // the ask is written against.
    Ask draft;
    draft.org = CollapseSpaces(input.org);
    draft.person = input.person;
    draft.kind = input.kind;
    draft.role = CollapseSpaces(input.role);
    draft.note = input.note;
    draft.facets = facets;
    Result<std::optional<std::string>> pivot = CheckFocus(store, draft, input.despite);
    if (!pivot.ok()) return pivot.status();
    KEEL_RETURN_IF_ERROR(ResolveParties(store, input.org, input.person, input.role, input.new_org,
                                        input.new_person, &record, &notices));
    KEEL_RETURN_IF_ERROR(ResolveIntroducer(store, input.via, input.new_via, &record, &notices));
    Result<std::vector<Id>> materials = ResolveMaterials(store, input.materials);
    if (!materials.ok()) return materials.status();
    Result<Id> id = store.AddAsk(record);
    if (!id.ok()) return id.status();
    if (!materials->empty()) KEEL_RETURN_IF_ERROR(store.SetAskMaterials(*id, *materials));
    if (*pivot) {
      Result<Id> added =
          store.AddPivot(Pivot{0, *id, input.asked_on, **pivot, CollapseSpaces(*input.despite)});
      if (!added.ok()) return added.status();
      notices.push_back(fmt::format("recorded as a pivot: {}", CollapseSpaces(*input.despite)));
    } else if (input.despite) {
      notices.emplace_back(
          "the reason to go ahead anyway was not needed: this ask breaks none of your "
          "deal-breakers");
    }
    Result<std::optional<ClosedSearch>> closed = FindClosedSearch(store);
    if (!closed.ok()) return closed.status();
    if (*closed) notices.push_back(ClosedNotice(**closed));
    Result<LedgerChange> change = Reload(store, *id, std::move(notices));
    if (change.ok() && *closed) change->hints.emplace_back(kReopenHint);
    if (change.ok()) KEEL_RETURN_IF_ERROR(WarnEarlyMaterials(store, &*change));
    return change;
  });
}

namespace {

AnswerRecord CurrentAnswer(Id id, const AskRecord& r) {
  return AnswerRecord{0, id, r.outcome, r.replied_on, r.until, r.reason, r.reason_theme};
}

// Whether the answer `current` stays in the history when `next` replaces it on the ask
// (RecordOutcome's rules, in ledger.h).
bool KeepsCurrentAnswer(const AskRecord& current, const AskRecord& next) {
  if (!IsReply(current.outcome)) return false;  // pending or silent: no answer to keep
  if (IsReply(next.outcome)) {
    // A later reply is a new answer; one on the same day or before corrects the current one.
    if (!current.replied_on) return true;
    return next.replied_on && *next.replied_on > *current.replied_on;
  }
  if (next.outcome == Outcome::kPending || next.outcome == Outcome::kSilent) {
    return current.outcome == Outcome::kNotYet;  // asked again after a "not now"
  }
  return true;  // any other outcome that is not theirs (the seeker's own) follows their answer
}

}  // namespace

Result<LedgerChange> RecordOutcome(Store& store, const OutcomeInput& input, Date today) {
  KEEL_RETURN_IF_ERROR(
      CheckInputTexts({{input.reason.value_or(""), "the reason", TextRule::kText, "reason"},
                       {input.theme.value_or(""), "the theme", TextRule::kName, "theme"}}));
  const std::string summary = input.outcome == Outcome::kPending
                                  ? fmt::format("reopen ask #{}", input.id)
                                  : fmt::format("{} on ask #{}", Name(input.outcome), input.id);
  return InTransaction<LedgerChange>(store, summary, [&]() -> Result<LedgerChange> {
    Result<std::optional<AskRecord>> found = store.GetAskRecord(input.id);
    if (!found.ok()) return found.status();
    if (!*found) return FindAsk(store, input.id).status();
    const AskRecord before = **found;
    AskRecord record = before;
    record.outcome = input.outcome;
    record.until.reset();
    record.replied_on.reset();
    record.reason = input.reason.value_or("");
    record.reason_theme.reset();
    if (input.theme) {
      if (Trim(record.reason).empty()) {
        return Error{"a theme names the theme of a reason; give the reason too",
                     ErrorCode::kInvalid, "theme", "a theme"};
      }
      Result<std::string> theme = CheckThemeName(*input.theme);
      if (!theme.ok()) return theme.status();
      record.reason_theme = *theme;
    }
    if (input.outcome == Outcome::kWithdrawn) {
      // The day the seeker pulled out, kept where a reply date would be: the day the ask ended.
      const Date on = input.on.value_or(today);
      KEEL_RETURN_IF_ERROR(CheckNotFuture(on, today, "withdrawal date", "on"));
      if (on < record.asked_on) {
        return Error{
            fmt::format("the withdrawal ({}) is before the ask ({}); give a date of {} or later",
                        on.ToIso(), record.asked_on.ToIso(), record.asked_on.ToIso()),
            ErrorCode::kInvalid, "on", "a date of"};
      }
      record.replied_on = on;
    } else if (IsReply(input.outcome)) {
      const Date on = input.on.value_or(today);
      KEEL_RETURN_IF_ERROR(CheckNotFuture(on, today, "reply date", "on"));
      KEEL_RETURN_IF_ERROR(CheckReplyAfterAsk(on, record.asked_on));
      record.replied_on = on;
    } else if (input.on) {
      return Error{fmt::format("this date is a reply date, and a {} ask has none; leave it out",
                               Name(input.outcome)),
                   ErrorCode::kInvalid, "on", "this date"};
    }
    if (input.until) {
      if (input.outcome != Outcome::kNotYet) {
        return Error{"that date is for not-yet (when to ask again); leave it out",
                     ErrorCode::kInvalid, "until", "that date"};
      }
      if (*input.until < *record.replied_on) {
        return Error{fmt::format("the date {} is before the reply ({}); give a later date",
                                 input.until->ToIso(), record.replied_on->ToIso()),
                     ErrorCode::kInvalid, "until", "the date"};
      }
      record.until = input.until;
    }
    const bool keep = KeepsCurrentAnswer(before, record);
    if (record.replied_on) {
      // The history stays in order: no answer before one the ask already had.
      Result<std::vector<AnswerRecord>> earlier = store.EarlierAnswers(input.id);
      if (!earlier.ok()) return earlier.status();
      std::optional<AnswerRecord> latest;
      if (keep) latest = CurrentAnswer(input.id, before);
      if (!latest && !earlier->empty()) latest = earlier->back();
      if (latest && latest->replied_on && *record.replied_on < *latest->replied_on) {
        return Error{
            fmt::format(
                "ask #{} already had an answer on {} ({}); a reply cannot come before it: give "
                "a date of {} or later",
                input.id, latest->replied_on->ToIso(), Name(latest->outcome),
                latest->replied_on->ToIso()),
            ErrorCode::kInvalid, "on", "a date of"};
      }
    }
    std::optional<PreviousAnswer> previous;
    const AnswerRecord old_answer = CurrentAnswer(input.id, before);
    if (keep) {
      Result<Id> kept = store.AddEarlierAnswer(input.id, old_answer);
      if (!kept.ok()) return kept.status();
      previous = PreviousAnswer{old_answer, true};
    } else if (IsReply(before.outcome) && !(old_answer == CurrentAnswer(input.id, record))) {
      // A correction, or a yes or no taken back. (A late reply replacing a silence is the
      // ordinary case: silence is no answer, and nothing is lost.)
      previous = PreviousAnswer{old_answer, false};
    }
    KEEL_RETURN_IF_ERROR(store.UpdateAsk(input.id, record));
    Result<LedgerChange> change = Reload(store, input.id, {});
    if (change.ok()) change->previous = std::move(previous);
    return change;
  });
}

std::vector<AnswerRecord> AnswerHistory(const Ask& ask, std::vector<AnswerRecord> earlier) {
  if (IsReply(ask.outcome)) {
    earlier.push_back(AnswerRecord{0, ask.id, ask.outcome, ask.replied_on, ask.until, ask.reason,
                                   ask.reason_theme});
  }
  return earlier;
}

std::string DescribeAnswer(const AnswerRecord& a, bool with_reason) {
  std::string out(Name(a.outcome));
  if (a.replied_on) out += fmt::format(" on {}", a.replied_on->ToIso());
  if (a.until) out += fmt::format(" (ask again {})", a.until->ToIso());
  if (with_reason && !a.reason.empty()) out += fmt::format(" \"{}\"", a.reason);
  return out;
}

Result<LedgerChange> FollowUp(Store& store, Id id, std::optional<Date> on, std::string note,
                              Date today) {
  KEEL_RETURN_IF_ERROR(CheckInputTexts({{note, "the note", TextRule::kText, "note"}}));
  return InTransaction<LedgerChange>(
      store, fmt::format("follow-up on ask #{}", id), [&]() -> Result<LedgerChange> {
        Result<Ask> ask = FindAsk(store, id);
        if (!ask.ok()) return ask.status();
        const Date date = on.value_or(today);
        if (date < ask->asked_on) {
          return Error{
              fmt::format("the follow-up ({}) is before the ask ({}); give a date of {} or later",
                          date.ToIso(), ask->asked_on.ToIso(), ask->asked_on.ToIso()),
              ErrorCode::kInvalid, "on", "a date of"};
        }
        if (date > today) {
          if (date - today > kMaxPlanDays) {
            return Error{
                fmt::format("the follow-up date ({}) is more than a year ahead; schedule it by {}",
                            date.ToIso(), (today + kMaxPlanDays).ToIso()),
                ErrorCode::kInvalid, "on"};
          }
          Result<Id> planned = store.AddPlannedFollowUp(id, date, note);
          if (!planned.ok()) return planned.status();
          return Reload(store, id, {});
        }
        std::vector<std::string> notices;
        if (!ask->planned_follow_ups.empty()) {
          const PlannedFollowUp& plan = ask->planned_follow_ups.front();
          KEEL_RETURN_IF_ERROR(
              store.KeepPlannedFollowUp(plan.id, date, note.empty() ? plan.note : note));
          notices.push_back(
              fmt::format("the follow-up you scheduled for {} is done", plan.on.ToIso()));
        } else {
          Result<Id> added = store.AddFollowUp(id, date, note);
          if (!added.ok()) return added.status();
        }
        return Reload(store, id, std::move(notices));
      });
}

Result<LedgerChange> EditAsk(Store& store, Id id, const AskEdit& edit, Date today) {
  KEEL_RETURN_IF_ERROR(CheckAskText(edit));
  return InTransaction<LedgerChange>(
      store, fmt::format("edit ask #{}", id), [&]() -> Result<LedgerChange> {
        Result<Ask> current = FindAsk(store, id);
        if (!current.ok()) return current.status();
        Result<std::optional<AskRecord>> stored = store.GetAskRecord(id);
        if (!stored.ok()) return stored.status();
        AskRecord record = **stored;
        std::vector<std::string> notices;
        if (edit.org || edit.person || edit.role) {
          KEEL_RETURN_IF_ERROR(ResolveParties(
              store, edit.org.value_or(current->org), edit.person.value_or(current->person),
              edit.role.value_or(current->role), edit.new_org, edit.new_person, &record, &notices));
        }
        if (edit.via || (edit.person && record.via_contact_id != 0)) {
          KEEL_RETURN_IF_ERROR(ResolveIntroducer(store, edit.via.value_or(current->via),
                                                 edit.new_via, &record, &notices));
        }
        if (edit.kind) record.kind = *edit.kind;
        if (edit.channel) record.channel = *edit.channel;
        if (edit.note) record.note = *edit.note;
        if (edit.reason) record.reason = *edit.reason;
        if (edit.theme && Trim(*edit.theme).empty()) {
          record.reason_theme.reset();  // "" takes the chosen theme back: the rules read it again
        } else if (edit.theme) {
          if (Trim(record.reason).empty()) {
            return Error{
                fmt::format("ask #{} has no reason to give a theme to; add one with the reason",
                            id),
                ErrorCode::kInvalid, "reason", "the reason"};
          }
          Result<std::string> theme = CheckThemeName(*edit.theme);
          if (!theme.ok()) return theme.status();
          record.reason_theme = *theme;
        }
        if (Trim(record.reason).empty()) record.reason_theme.reset();
        if (edit.industry) record.facets.industry = CollapseSpaces(*edit.industry);
        if (edit.location) record.facets.location = CollapseSpaces(*edit.location);
        if (edit.seniority) record.facets.seniority = CollapseSpaces(*edit.seniority);
        if (edit.remote) record.facets.remote = Lower(Trim(*edit.remote));
        if (edit.salary) record.facets.salary = *edit.salary;
        KEEL_RETURN_IF_ERROR(CheckFacets(record.facets));
        if (edit.asked_on) {
          KEEL_RETURN_IF_ERROR(CheckNotFuture(*edit.asked_on, today, "ask date", "on"));
          if (!current->follow_ups.empty() && current->follow_ups.front() < *edit.asked_on) {
            const std::string first = current->follow_ups.front().ToIso();
            return Error{
                fmt::format("the ask ({}) would be after its follow-up ({}); give a date of {} or "
                            "earlier",
                            edit.asked_on->ToIso(), first, first),
                ErrorCode::kInvalid, "on", "a date of"};
          }
          record.asked_on = *edit.asked_on;
        }
        if (edit.replied_on) {
          if (!HasEndDate(record.outcome)) {
            return Error{
                fmt::format("ask #{} is {}, which has no reply date; record the reply first "
                            "(yes, no or not-yet)",
                            id, Name(record.outcome)),
                ErrorCode::kInvalid, "replied_on"};
          }
          KEEL_RETURN_IF_ERROR(CheckNotFuture(*edit.replied_on, today, "reply date", "replied_on"));
          record.replied_on = edit.replied_on;
        }
        if (record.replied_on && *record.replied_on < record.asked_on) {
          if (edit.replied_on) {
            return Error{
                fmt::format("the reply ({}) is before the ask ({}); give a date of {} or later",
                            record.replied_on->ToIso(), record.asked_on.ToIso(),
                            record.asked_on.ToIso()),
                ErrorCode::kInvalid, "replied_on", "a date of"};
          }
          return Error{
              fmt::format(
                  "the ask ({}) would be after its reply ({}); give a date of {} or earlier",
                  record.asked_on.ToIso(), record.replied_on->ToIso(), record.replied_on->ToIso()),
              ErrorCode::kInvalid, "on", "a date of"};
        }
        KEEL_RETURN_IF_ERROR(CheckEarlierAnswers(store, id, record));
        // The guard sees the ask as the edit leaves it, against the rules it did not break before.
        Ask edited = *current;
        edited.org = edit.org ? CollapseSpaces(*edit.org) : current->org;
        edited.role = edit.role ? CollapseSpaces(*edit.role) : current->role;
        edited.kind = record.kind;
        edited.note = record.note;
        edited.facets = record.facets;
        Result<std::optional<std::string>> pivot =
            CheckFocusEdit(store, *current, edited, edit.despite);
        if (!pivot.ok()) return pivot.status();
        KEEL_RETURN_IF_ERROR(store.UpdateAsk(id, record));
        if (edit.materials) {
          Result<std::vector<Id>> materials = ResolveMaterials(store, *edit.materials);
          if (!materials.ok()) return materials.status();
          KEEL_RETURN_IF_ERROR(store.SetAskMaterials(id, *materials));
        }
        if (*pivot) {
          const std::string why = CollapseSpaces(*edit.despite);
          Result<Id> added = store.AddPivot(Pivot{0, id, record.asked_on, **pivot, why});
          if (!added.ok()) return added.status();
          notices.push_back(fmt::format("recorded as a pivot: {}", why));
        } else if (edit.despite) {
          notices.emplace_back(
              "the reason to go ahead anyway was not needed: this edit breaks none of your "
              "deal-breakers anew");
        }
        Result<LedgerChange> change = Reload(store, id, std::move(notices));
        if (change.ok() && (edit.materials || edit.asked_on)) {
          KEEL_RETURN_IF_ERROR(WarnEarlyMaterials(store, &*change));
        }
        return change;
      });
}

Result<Ask> DeleteAsk(Store& store, Id id) {
  return InTransaction<Ask>(store, fmt::format("delete ask #{}", id), [&]() -> Result<Ask> {
    Result<Ask> ask = FindAsk(store, id);
    if (!ask.ok()) return ask;
    Result<std::optional<ClosedSearch>> closed = FindClosedSearch(store);
    if (!closed.ok()) return closed.status();
    if (*closed && (*closed)->offer.id == id) {
      return Error{fmt::format("ask {} is the offer that closed your search; reopen the search "
                               "first",
                               Describe(*ask)),
                   ErrorCode::kConflict, "id", "", kReopenHint};
    }
    KEEL_RETURN_IF_ERROR(store.DeleteAsk(id));
    return ask;
  });
}

Result<std::optional<UndoneChange>> Undo(Store& store) { return store.UndoLast(); }

Result<std::optional<UndoneChange>> NextUndo(Store& store) { return store.LastChange(); }

}  // namespace keel
