// Why ids are restored as written: pivots, feedback and follow-ups point at ask ids, and `keel
// show 64` must still show ask #64 after a restore. Asks are restored by id, so ids are taken in
// the order they were given; an answer history must end with the ask's own current answer.
#include "app/import_json_restorer.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "app/ledger.h"
#include "core/text.h"

namespace keel::backup {

Status Restorer::Run(const Node& root) {
  KEEL_RETURN_IF_ERROR(ids_.Load());  // the ledger is empty (ImportBackup checked it)
  Result<Node> materials = Array(root, "materials");
  if (!materials.ok()) return materials.status();
  for (size_t i = 0; i < materials->json.size(); ++i) {
    KEEL_RETURN_IF_ERROR(RestoreMaterial(materials->At(i)));
  }
  Result<Node> asks = Array(root, "asks");
  if (!asks.ok()) return asks.status();
  // By id, so that ids are taken in the order they were given.
  std::vector<std::pair<Id, size_t>> order;
  for (size_t i = 0; i < asks->json.size(); ++i) {
    Result<Id> id = PositiveId(asks->At(i), "id");
    if (!id.ok()) return id.status();
    if (!ask_ids_.insert(*id).second) {
      return Bad(asks->At(i).At("id"), fmt::format("ask #{} is listed twice", *id));
    }
    order.emplace_back(*id, i);
  }
  std::sort(order.begin(), order.end());
  for (const auto& [id, index] : order) KEEL_RETURN_IF_ERROR(RestoreAsk(asks->At(index), id));
  if (root.Has("follow_ups")) {
    Result<Node> follow_ups = Array(root, "follow_ups");
    if (!follow_ups.ok()) return follow_ups.status();
    for (size_t i = 0; i < follow_ups->json.size(); ++i) {
      KEEL_RETURN_IF_ERROR(RestoreFollowUp(follow_ups->At(i)));
    }
  } else {
    // An export from before follow-up notes were exported: the dates alone.
    for (const auto& [id, index] : order) {
      Result<Node> dates = Array(asks->At(index), "follow_ups");
      if (!dates.ok()) return dates.status();
      for (size_t i = 0; i < dates->json.size(); ++i) {
        const Node d = dates->At(i);
        std::optional<Date> on =
            d.json.is_string() ? ParseIsoDate(d.json.get<std::string>()) : std::nullopt;
        if (!on) return Bad(d, "is not a date (YYYY-MM-DD)");
        Result<Id> added = store_.AddFollowUp(id, *on, "");
        if (!added.ok()) return added.status();
        ++report_.follow_ups;
      }
    }
  }
  for (std::string_view key : {"feedback", "actions", "strategy_versions", "pivots"}) {
    if (!root.Has(key)) continue;
    Result<Node> list = Array(root, key);
    if (!list.ok()) return list.status();
    for (size_t i = 0; i < list->json.size(); ++i) {
      const Node item = list->At(i);
      KEEL_RETURN_IF_ERROR(key == "feedback"  ? RestoreFeedback(item)
                           : key == "actions" ? RestoreAction(item)
                           : key == "pivots"  ? RestorePivot(item)
                                              : RestoreStrategy(item));
    }
  }
  // An export from before closings were exported has no "closed": the search stays open.
  if (root.Has("closed") && !root.At("closed").json.is_null()) {
    KEEL_RETURN_IF_ERROR(RestoreClosing(root.At("closed")));
  }
  // The weekly goal's changes; absent in exports made before the goal (schema 12).
  if (root.Has("weekly_goals")) {
    Result<Node> goals = Array(root, "weekly_goals");
    if (!goals.ok()) return goals.status();
    for (size_t i = 0; i < goals->json.size(); ++i) {
      KEEL_RETURN_IF_ERROR(RestoreGoal(goals->At(i)));
    }
  }
  // The saved postings; absent in exports made before they were exported (schema 9).
  if (root.Has("postings")) {
    Result<Node> postings = Array(root, "postings");
    if (!postings.ok()) return postings.status();
    for (size_t i = 0; i < postings->json.size(); ++i) {
      KEEL_RETURN_IF_ERROR(RestorePosting(postings->At(i)));
    }
  }
  // The interview rounds; absent in exports made before they were exported (schema 13).
  if (root.Has("interviews")) {
    Result<Node> rounds = Array(root, "interviews");
    if (!rounds.ok()) return rounds.status();
    for (size_t i = 0; i < rounds->json.size(); ++i) {
      KEEL_RETURN_IF_ERROR(RestoreInterview(rounds->At(i)));
    }
  }
  return Status();
}

Status Restorer::RestoreMaterial(const Node& n) {
  Result<std::string> ref_text = String(n, "material");
  if (!ref_text.ok()) return ref_text.status();
  Result<MaterialRef> ref = ParseMaterialRef(*ref_text);
  if (!ref.ok()) return Bad(n.At("material"), ref.message());
  Result<std::optional<Date>> added_on = OptionalDate(n, "added_on");
  if (!added_on.ok()) return added_on.status();
  Result<std::optional<std::string>> hash = OptionalString(n, "sha256");
  if (!hash.ok()) return hash.status();
  Result<std::string> note = String(n, "note");
  if (!note.ok()) return note.status();
  Result<Id> id = ids_.MaterialVersion(*ref);
  if (!id.ok()) return id.status();
  if (*added_on) {
    KEEL_RETURN_IF_ERROR(
        store_.DescribeMaterialVersion(*id, **added_on, hash->value_or(""), *note));
  } else if (*hash || !note->empty()) {
    return Bad(n, "has a sha256 or note but no added_on; give the date it was added");
  }
  ++report_.material_versions;
  return Status();
}

// An answer of the history, as AnswerJson wrote it.
Result<AnswerRecord> Restorer::Answer(const Node& n, Id ask_id, Date asked_on) {
  AnswerRecord a;
  a.ask_id = ask_id;
  Result<std::string> outcome = String(n, "outcome");
  if (!outcome.ok()) return outcome.status();
  Result<Outcome> parsed = ParseOutcome(*outcome);
  if (!parsed.ok() || !IsReply(*parsed)) {
    return Bad(n.At("outcome"),
               fmt::format("'{}' is not an answer (yes, no or not-yet)", Quote(n.json["outcome"])));
  }
  a.outcome = *parsed;
  Result<std::optional<Date>> replied_on = OptionalDate(n, "replied_on");
  if (!replied_on.ok()) return replied_on.status();
  a.replied_on = *replied_on;
  if (a.replied_on && *a.replied_on < asked_on) {
    return Bad(n.At("replied_on"), fmt::format("is before the ask ({})", asked_on.ToIso()));
  }
  Result<std::optional<Date>> until = OptionalDate(n, "until");
  if (!until.ok()) return until.status();
  a.until = *until;
  if (a.until && a.outcome != Outcome::kNotYet) {
    return Bad(n.At("until"), "is set on an answer that is not a not-yet");
  }
  Result<std::string> reason = String(n, "reason");
  if (!reason.ok()) return reason.status();
  a.reason = *reason;
  Result<std::optional<std::string>> theme = OptionalString(n, "reason_theme");
  if (!theme.ok()) return theme.status();
  if (*theme) {
    Result<std::string> name = CheckThemeName(**theme);
    if (!name.ok()) return Bad(n.At("reason_theme"), name.message());
    a.reason_theme = *name;
  }
  return a;
}

Status Restorer::RestoreAsk(const Node& n, Id id) {
  AskRecord r;
  Result<Date> asked_on = RequiredDate(n, "asked_on");
  if (!asked_on.ok()) return asked_on.status();
  r.asked_on = *asked_on;
  Result<std::string> org = NameText(n, "org", false);
  if (!org.ok()) return org.status();
  Result<ImportIds::Found> org_id = ids_.Organization(*org);
  if (!org_id.ok()) return org_id.status();
  r.org_id = org_id->id;
  Result<std::string> person = NameText(n, "person", true);
  if (!person.ok()) return person.status();
  if (!Trim(*person).empty()) {
    Result<ImportIds::Found> contact = ids_.Contact(*person, r.org_id);
    if (!contact.ok()) return contact.status();
    r.contact_id = contact->id;
  }
  // Who introduced or referred; absent in exports made before contacts (schema 11).
  if (n.Has("via")) {
    Result<std::string> via = NameText(n, "via", true);
    if (!via.ok()) return via.status();
    if (!Trim(*via).empty()) {
      Result<ImportIds::Found> contact = ids_.Contact(*via, 0);
      if (!contact.ok()) return contact.status();
      r.via_contact_id = contact->id;
    }
  }
  Result<std::string> role = NameText(n, "role", true);
  if (!role.ok()) return role.status();
  if (!Trim(*role).empty()) {
    Result<Id> opportunity = ids_.Opportunity(r.org_id, *role);
    if (!opportunity.ok()) return opportunity.status();
    r.opportunity_id = *opportunity;
  }
  Result<std::string> kind = String(n, "kind");
  if (!kind.ok()) return kind.status();
  Result<keel::Kind> parsed_kind = ParseKind(*kind);
  if (!parsed_kind.ok()) return Bad(n.At("kind"), parsed_kind.message());
  r.kind = *parsed_kind;
  Result<std::string> channel = String(n, "channel");
  if (!channel.ok()) return channel.status();
  Result<keel::Channel> parsed_channel = ParseChannel(*channel);
  if (!parsed_channel.ok()) return Bad(n.At("channel"), parsed_channel.message());
  r.channel = *parsed_channel;
  Result<std::string> outcome = String(n, "outcome");
  if (!outcome.ok()) return outcome.status();
  Result<keel::Outcome> parsed_outcome = ParseOutcome(*outcome);
  if (!parsed_outcome.ok()) return Bad(n.At("outcome"), parsed_outcome.message());
  r.outcome = *parsed_outcome;
  // Silence past the horizon is a reading of the ledger, not part of it: pending as recorded.
  if (n.Has("silence_inferred") && n.json["silence_inferred"] == true) {
    if (r.outcome != Outcome::kSilent) {
      return Bad(n.At("silence_inferred"), "is true but the outcome is not silent");
    }
    r.outcome = Outcome::kPending;
  }
  Result<std::optional<Date>> replied_on = OptionalDate(n, "replied_on");
  if (!replied_on.ok()) return replied_on.status();
  r.replied_on = *replied_on;
  if (r.replied_on && !IsReply(r.outcome)) {
    return Bad(n.At("replied_on"), fmt::format("is set on a {} ask", keel::Name(r.outcome)));
  }
  if (r.replied_on && *r.replied_on < r.asked_on) {
    return Bad(n.At("replied_on"), fmt::format("is before the ask ({})", r.asked_on.ToIso()));
  }
  Result<std::optional<Date>> until = OptionalDate(n, "until");
  if (!until.ok()) return until.status();
  r.until = *until;
  if (r.until && r.outcome != Outcome::kNotYet) {
    return Bad(n.At("until"), "is set on an ask that is not a not-yet");
  }
  Result<std::string> reason = String(n, "reason");
  if (!reason.ok()) return reason.status();
  r.reason = *reason;
  Result<std::optional<std::string>> theme = ChosenTheme(n);
  if (!theme.ok()) return theme.status();
  r.reason_theme = *theme;
  Result<std::string> note = String(n, "note");
  if (!note.ok()) return note.status();
  r.note = *note;
  if (n.Has("facets")) {
    const Node f = n.At("facets");
    for (auto [key, target] :
         {std::pair{"industry", &r.facets.industry}, std::pair{"location", &r.facets.location},
          std::pair{"seniority", &r.facets.seniority}, std::pair{"remote", &r.facets.remote}}) {
      Result<std::string> text = String(f, key);
      if (!text.ok()) return text.status();
      *target = *text;
    }
    Result<Node> salary = Field(f, "salary");
    if (!salary.ok()) return salary.status();
    if (!salary->json.is_null()) {
      if (!salary->json.is_number_integer()) return Bad(*salary, "is not a whole number");
      r.facets.salary = salary->json.get<int64_t>();
    }
    Status facets = CheckFacets(r.facets);
    if (!facets.ok()) return Bad(f, facets.message());
  }
  KEEL_RETURN_IF_ERROR(store_.AddAskWithId(id, r));
  ++report_.asks;

  Result<Node> materials = Array(n, "materials");
  if (!materials.ok()) return materials.status();
  std::vector<MaterialRef> refs;
  for (size_t i = 0; i < materials->json.size(); ++i) {
    const Node m = materials->At(i);
    if (!m.json.is_string()) return Bad(m, "is not a material (name@version)");
    Result<MaterialRef> ref = ParseMaterialRef(m.json.get<std::string>());
    if (!ref.ok()) return Bad(m, ref.message());
    refs.push_back(std::move(ref).value());
  }
  KEEL_RETURN_IF_ERROR(ids_.SetAskMaterials(id, refs));

  if (!n.Has("answers")) return Status();  // an export from before answer histories
  Result<Node> answers = Array(n, "answers");
  if (!answers.ok()) return answers.status();
  std::vector<AnswerRecord> history;
  for (size_t i = 0; i < answers->json.size(); ++i) {
    Result<AnswerRecord> a = Answer(answers->At(i), id, r.asked_on);
    if (!a.ok()) return a.status();
    history.push_back(std::move(a).value());
  }
  // The last answer of a replied ask is its current one, which the ask's own fields hold.
  if (IsReply(r.outcome)) {
    const AnswerRecord current{0, id, r.outcome, r.replied_on, r.until, r.reason, r.reason_theme};
    if (history.empty() || !(history.back() == current)) {
      return Bad(*answers, fmt::format("does not end with the ask's own answer ({})",
                                       DescribeAnswer(current, false)));
    }
    history.pop_back();
  }
  for (const AnswerRecord& a : history) {
    Result<Id> added = store_.AddEarlierAnswer(id, a);
    if (!added.ok()) return added.status();
    ++report_.earlier_answers;
  }
  return Status();
}

Result<Id> Restorer::AskId(const Node& n) {
  Result<Id> id = PositiveId(n, "ask_id");
  if (!id.ok()) return id;
  if (!ask_ids_.count(*id)) return Bad(n.At("ask_id"), fmt::format("there is no ask #{}", *id));
  return id;
}

Status Restorer::RestoreFollowUp(const Node& n) {
  Result<Id> ask = AskId(n);
  if (!ask.ok()) return ask.status();
  Result<Date> on = RequiredDate(n, "on");
  if (!on.ok()) return on.status();
  Result<std::string> note = String(n, "note");
  if (!note.ok()) return note.status();
  bool planned = false;
  if (n.Has("planned")) {
    if (!n.json.at("planned").is_boolean()) {
      return Bad(n.At("planned"), "must be true or false");
    }
    planned = n.json.at("planned").get<bool>();
  }
  Result<Id> added =
      planned ? store_.AddPlannedFollowUp(*ask, *on, *note) : store_.AddFollowUp(*ask, *on, *note);
  if (!added.ok()) return added.status();
  ++report_.follow_ups;
  return Status();
}

}  // namespace keel::backup
