// Why a name is kept apart even when it nearly matches: an import cannot ask, and merging two
// organizations by a guess would move asks the person never moved. So a near match is added as
// written, and the report says which name it resembles and how to move its asks (keel edit).
#include "app/import_write.h"

#include <fmt/format.h>

#include <tuple>

#include "core/text.h"
#include "themes/theme.h"

namespace keel {

Result<Id> RowWriter::Organization(const std::string& name, int line) {
  Result<ImportIds::Found> org = ids_.Organization(name);
  if (!org.ok()) return org.status();
  if (org->added) {
    ++report_.new_orgs;
    NoteNearMatch(NameKind::kOrg, name, line);
  }
  return org->id;
}

Status RowWriter::WriteSavedPosting(const ParsedRow& row, int line) {
  Result<Id> org = Organization(row.org, line);
  if (!org.ok()) return org.status();
  Result<Id> opportunity = ids_.Opportunity(*org, row.role);
  if (!opportunity.ok()) return opportunity.status();
  Result<std::vector<Posting>> kept = store_.PostingsOf(*opportunity);
  if (!kept.ok()) return kept.status();
  if (!kept->empty()) {  // one posting per role: an import again, or one saved by hand
    ++report_.postings_already_kept;
    return Status();
  }
  PostingRecord posting;
  posting.opportunity_id = *opportunity;
  posting.saved_on = row.record.asked_on;
  posting.location = row.record.facets.location;
  posting.note = row.record.note;
  Result<Id> added = store_.AddPosting(posting);
  if (!added.ok()) return added.status();
  ++report_.saved_postings;
  return Status();
}

Status RowWriter::Load() {
  KEEL_RETURN_IF_ERROR(ids_.Load(&org_names_, &contact_names_));
  return opt_.allow_duplicates ? Status() : duplicates_.Load(store_);
}

bool RowWriter::AlreadyInLedger(const ParsedRow& row, int line) {
  const AskRecord& r = row.record;
  const std::string asked_on = r.asked_on.ToIso();
  const std::string replied_on = r.replied_on ? r.replied_on->ToIso() : "";
  switch (duplicates_.Check(RowKey{asked_on, row.org, row.person, row.role, Name(r.kind),
                                   Name(r.channel), Name(r.outcome), replied_on})) {
    case DuplicateCheck::Fate::kNew:
      return false;
    case DuplicateCheck::Fate::kRepeatsInFile:
      report_.repeated_in_file.Add(line);
      return false;
    case DuplicateCheck::Fate::kInLedger:
      report_.already_in_ledger.Add(line);
      return true;
    case DuplicateCheck::Fate::kAnswerDiffers:
      report_.answer_differs.Add(line);
      return true;
  }
  return false;
}

void RowWriter::NoteNearMatch(NameKind kind, const std::string& name, int line) {
  const bool org = kind == NameKind::kOrg;
  NameIndex& names = org ? org_names_ : contact_names_;
  if (std::optional<std::string> near = names.NearMatchThenAdd(name)) {
    report_.notices.push_back(
        fmt::format("{}:{}: {}'{}' looks like '{}'; kept apart (if they are one, change the {} "
                    "of its asks to '{}')",
                    opt_.file_name, line, org ? "" : "contact ", name, *near,
                    org ? "organization" : "person", *near));
    report_.AddHint(org ? "keel edit ID --org NAME moves an ask to the organization it belongs to"
                        : "keel edit ID --to NAME gives an ask the person it was to");
  }
}

Status RowWriter::WriteStage(const AskRecord& row_ask, TrackerStage stage) {
  AskRecord step;
  step.org_id = row_ask.org_id;
  step.contact_id = row_ask.contact_id;
  step.opportunity_id = row_ask.opportunity_id;
  step.channel = row_ask.channel;
  step.facets = row_ask.facets;
  step.asked_on = row_ask.replied_on.value_or(row_ask.asked_on);
  if (stage == TrackerStage::kInterview) {
    step.kind = Kind::kInterview;  // a round whose answer is still to come
  } else {
    // The offer's yes carries no reply date: the file says when the stage was reached, not how
    // long a reply took, so the no-reply curve (and the learned horizon) must not count it.
    step.kind = Kind::kOffer;
    step.outcome = Outcome::kYes;
    if (stage == TrackerStage::kDeclinedOffer) {
      step.outcome = Outcome::kWithdrawn;  // the seeker's own choice, dated the row's day
      step.replied_on = step.asked_on;
    }
  }
  Result<Id> id = store_.AddAsk(step);
  if (!id.ok()) return id.status();
  if (stage == TrackerStage::kDeclinedOffer) {
    // The offer was made (its yes kept in the answer history), then the seeker declined it.
    AnswerRecord made;
    made.ask_id = *id;
    made.outcome = Outcome::kYes;  // no reply date, as above
    Result<Id> answer = store_.AddEarlierAnswer(*id, made);
    if (!answer.ok()) return answer.status();
  }
  ++report_.stage_asks[std::string(Name(step.kind))];
  return Status();
}

Theme RowWriter::ThemeOf(const std::string& reason) {
  if (auto known = themes_of_reasons_.find(reason); known != themes_of_reasons_.end()) {
    return known->second;
  }
  const Theme theme = opt_.themes->Classify(reason).theme;
  // Bounded: a file of free-text reasons, each different, must not keep them all.
  constexpr size_t kMaxKept = 4096;
  if (themes_of_reasons_.size() < kMaxKept) themes_of_reasons_.emplace(reason, theme);
  return theme;
}

Status RowWriter::Write(const ParsedRow& row, int line) {
  AskRecord record = row.record;
  Result<Id> org = Organization(row.org, line);
  if (!org.ok()) return org.status();
  record.org_id = *org;
  // Who introduced: a contact at no organization keel knows (they can work anywhere).
  for (const auto& [name, org_id, slot] : {std::tuple{&row.person, *org, &record.contact_id},
                                           std::tuple{&row.via, Id{0}, &record.via_contact_id}}) {
    if (name->empty()) continue;
    Result<ImportIds::Found> contact = ids_.Contact(*name, org_id);
    if (!contact.ok()) return contact.status();
    if (contact->added) {
      ++report_.new_contacts;
      NoteNearMatch(NameKind::kContact, *name, line);
    }
    *slot = contact->id;
  }
  if (!row.role.empty()) {
    Result<Id> opportunity = ids_.Opportunity(*org, row.role);
    if (!opportunity.ok()) return opportunity.status();
    record.opportunity_id = *opportunity;
  }
  Result<Id> ask = store_.AddAsk(record);
  if (!ask.ok()) return ask.status();
  KEEL_RETURN_IF_ERROR(early_materials_.Check(store_, row.materials, *ask, record.asked_on,
                                              opt_.file_name, line, &report_.notices));
  KEEL_RETURN_IF_ERROR(ids_.SetAskMaterials(*ask, row.materials));
  for (Date d : row.follow_ups) {
    Result<Id> f = store_.AddFollowUp(*ask, d, "");
    if (!f.ok()) return f.status();
  }
  ++report_.imported;
  ++report_.by_outcome[std::string(Name(record.outcome))];
  if (row.stage && record.opportunity_id != 0) KEEL_RETURN_IF_ERROR(WriteStage(record, *row.stage));
  // A reason given with a yes is no rejection reason, and a withdrawal's reason is the seeker's
  // own: neither is counted under a theme.
  if (opt_.themes && !Trim(record.reason).empty() && record.outcome != Outcome::kYes &&
      record.outcome != Outcome::kWithdrawn) {
    Theme theme = Theme::kGeneric;
    if (record.reason_theme) {
      theme = ParseTheme(*record.reason_theme).value();
    } else {
      theme = ThemeOf(record.reason);
    }
    if (theme == Theme::kNone) return Status();  // the words read as a yes
    ++report_.by_theme[std::string(Name(theme))];
    if (IsAboutYou(theme)) ++report_.reasons_about_you;
  }
  return Status();
}

}  // namespace keel
