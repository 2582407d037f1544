// Why a full restore rather than a merge: a backup's ids (asks, feedback, actions, strategy
// versions) are part of what it says — pivots and feedback point at ask ids, and `keel show 64`
// must still show ask #64 — and two ledgers' ids collide. Restoring only into an empty ledger
// keeps every id and makes the round trip exact; there is no merge rule that is both safe and
// unsurprising, so a non-empty ledger is refused with the fix.
//
// The reader checks every value before the database sees it, so a bad file is reported by its
// JSON path ("asks[3].replied_on: ...") rather than by an SQLite constraint, and nothing is
// written. Names are restored exactly as written (no near-miss checks: the backup is the truth).
#include "app/import_json.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "app/ledger.h"
#include "app/strategy.h"
#include "app/transaction.h"
#include "app/views.h"
#include "core/text.h"

namespace keel {
namespace {

// The fix for a damaged backup, in words the page can show; the CLI adds its command (kFixHint).
constexpr std::string_view kFix = "fix the file, or export the backup again";
constexpr std::string_view kFixHint = "keel export --format json writes one";

Error FileError(std::string message) {
  Error error{std::move(message)};
  error.hint = std::string(kFixHint);
  return error;
}

// One value of the document and its path, for messages.
struct Node {
  const Json& json;
  std::string path;

  Node At(std::string_view key) const {
    return Node{json.at(std::string(key)),
                path.empty() ? std::string(key) : fmt::format("{}.{}", path, key)};
  }
  Node At(size_t index) const { return Node{json.at(index), fmt::format("{}[{}]", path, index)}; }
  bool Has(std::string_view key) const { return json.is_object() && json.contains(key); }
};

Error Bad(const Node& n, std::string_view what) {
  return FileError(fmt::format("{}: {}; {}", n.path, what, kFix));
}

// The text of a value, shortened for messages.
std::string Quote(const Json& j) {
  std::string text = j.is_string() ? j.get<std::string>() : j.dump();
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return text;
}

Result<Node> Field(const Node& n, std::string_view key) {
  if (!n.json.is_object()) return Bad(n, "is not an object");
  if (!n.json.contains(key)) return Bad(n, fmt::format("has no \"{}\"", key));
  return n.At(key);
}

Result<std::string> String(const Node& n, std::string_view key) {
  Result<Node> f = Field(n, key);
  if (!f.ok()) return f.status();
  if (!f->json.is_string()) return Bad(*f, "is not a string");
  return f->json.get<std::string>();
}

Result<std::optional<std::string>> OptionalString(const Node& n, std::string_view key) {
  Result<Node> f = Field(n, key);
  if (!f.ok()) return f.status();
  if (f->json.is_null()) return std::optional<std::string>();
  if (!f->json.is_string()) return Bad(*f, "is not a string or null");
  return std::optional<std::string>(f->json.get<std::string>());
}

Result<std::optional<Date>> OptionalDate(const Node& n, std::string_view key) {
  Result<Node> f = Field(n, key);
  if (!f.ok()) return f.status();
  if (f->json.is_null()) return std::optional<Date>();
  if (!f->json.is_string()) return Bad(*f, "is not a date (YYYY-MM-DD) or null");
  std::optional<Date> date = ParseIsoDate(f->json.get<std::string>());
  if (!date) return Bad(*f, fmt::format("'{}' is not a date (YYYY-MM-DD)", Quote(f->json)));
  return date;
}

Result<Date> RequiredDate(const Node& n, std::string_view key) {
  Result<std::optional<Date>> date = OptionalDate(n, key);
  if (!date.ok()) return date.status();
  if (!*date) return Bad(n.At(key), "is null; give a date (YYYY-MM-DD)");
  return **date;
}

Result<Id> PositiveId(const Node& n, std::string_view key) {
  Result<Node> f = Field(n, key);
  if (!f.ok()) return f.status();
  if (!f->json.is_number_integer() || f->json.get<int64_t>() <= 0) {
    return Bad(*f, fmt::format("'{}' is not an id (a whole number above 0)", Quote(f->json)));
  }
  return f->json.get<int64_t>();
}

Result<Node> Array(const Node& n, std::string_view key) {
  Result<Node> f = Field(n, key);
  if (!f.ok()) return f.status();
  if (!f->json.is_array()) return Bad(*f, "is not a list");
  return f;
}

// The theme the person chose (theme_by "you"); nullopt when the rules classify the reason.
Result<std::optional<std::string>> ChosenTheme(const Node& n) {
  if (!n.Has("theme_by") || !n.json["theme_by"].is_string() || n.json["theme_by"] != "you") {
    return std::optional<std::string>();
  }
  Result<std::string> theme = String(n, "theme");
  if (!theme.ok()) return theme.status();
  Result<std::string> name = CheckThemeName(*theme);
  if (!name.ok()) return Bad(n.At("theme"), name.message());
  return std::optional<std::string>(*name);
}

// A name as stored: trimmed text, not empty.
Result<std::string> NameText(const Node& n, std::string_view key, bool allow_empty) {
  Result<std::string> text = String(n, key);
  if (!text.ok()) return text;
  if (!allow_empty && Trim(*text).empty()) return Bad(n.At(key), "is empty");
  return text;
}

class Restorer {
 public:
  Restorer(Store& store, BackupReport& report) : store_(store), report_(report) {}

  Status Run(const Node& root) {
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
    return Status();
  }

 private:
  Status RestoreMaterial(const Node& n) {
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
    Result<Id> id = store_.EnsureMaterialVersion(*ref);
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

  Result<Id> Organization(const std::string& name) {
    Result<std::optional<Id>> found = store_.FindOrganization(name);
    if (!found.ok()) return found.status();
    if (*found) return **found;
    return store_.AddOrganization(name);
  }

  Result<Id> Contact(const std::string& name, Id org_id) {
    Result<std::optional<Id>> found = store_.FindContact(name);
    if (!found.ok()) return found.status();
    if (*found) return **found;
    return store_.AddContact(name, org_id);
  }

  // An answer of the history, as AnswerJson wrote it.
  Result<AnswerRecord> Answer(const Node& n, Id ask_id, Date asked_on) {
    AnswerRecord a;
    a.ask_id = ask_id;
    Result<std::string> outcome = String(n, "outcome");
    if (!outcome.ok()) return outcome.status();
    Result<Outcome> parsed = ParseOutcome(*outcome);
    if (!parsed.ok() || !IsReply(*parsed)) {
      return Bad(n.At("outcome"), fmt::format("'{}' is not an answer (yes, no or not-yet)",
                                              Quote(n.json["outcome"])));
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

  Status RestoreAsk(const Node& n, Id id) {
    AskRecord r;
    Result<Date> asked_on = RequiredDate(n, "asked_on");
    if (!asked_on.ok()) return asked_on.status();
    r.asked_on = *asked_on;
    Result<std::string> org = NameText(n, "org", false);
    if (!org.ok()) return org.status();
    Result<Id> org_id = Organization(*org);
    if (!org_id.ok()) return org_id.status();
    r.org_id = *org_id;
    Result<std::string> person = NameText(n, "person", true);
    if (!person.ok()) return person.status();
    if (!Trim(*person).empty()) {
      Result<Id> contact = Contact(*person, r.org_id);
      if (!contact.ok()) return contact.status();
      r.contact_id = *contact;
    }
    Result<std::string> role = NameText(n, "role", true);
    if (!role.ok()) return role.status();
    if (!Trim(*role).empty()) {
      Result<Id> opportunity = store_.EnsureOpportunity(r.org_id, *role);
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
    std::vector<Id> versions;
    for (size_t i = 0; i < materials->json.size(); ++i) {
      const Node m = materials->At(i);
      if (!m.json.is_string()) return Bad(m, "is not a material (name@version)");
      Result<MaterialRef> ref = ParseMaterialRef(m.json.get<std::string>());
      if (!ref.ok()) return Bad(m, ref.message());
      Result<Id> version = store_.EnsureMaterialVersion(*ref);
      if (!version.ok()) return version.status();
      versions.push_back(*version);
    }
    if (!versions.empty()) KEEL_RETURN_IF_ERROR(store_.SetAskMaterials(id, versions));

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

  Result<Id> AskId(const Node& n) {
    Result<Id> id = PositiveId(n, "ask_id");
    if (!id.ok()) return id;
    if (!ask_ids_.count(*id)) return Bad(n.At("ask_id"), fmt::format("there is no ask #{}", *id));
    return id;
  }

  Status RestoreFollowUp(const Node& n) {
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
    Result<Id> added = planned ? store_.AddPlannedFollowUp(*ask, *on, *note)
                               : store_.AddFollowUp(*ask, *on, *note);
    if (!added.ok()) return added.status();
    ++report_.follow_ups;
    return Status();
  }

  Status RestoreFeedback(const Node& n) {
    FeedbackRecord f;
    Result<Id> id = PositiveId(n, "id");
    if (!id.ok()) return id.status();
    f.id = *id;
    Result<Id> ask = AskId(n);
    if (!ask.ok()) return ask.status();
    f.ask_id = *ask;
    Result<Date> on = RequiredDate(n, "received_on");
    if (!on.ok()) return on.status();
    f.received_on = *on;
    Result<std::string> text = NameText(n, "text", false);
    if (!text.ok()) return text.status();
    f.text = *text;
    Result<std::optional<std::string>> theme = ChosenTheme(n);
    if (!theme.ok()) return theme.status();
    f.theme = *theme;
    Result<Id> added = store_.AddFeedback(f);
    if (!added.ok()) return added.status();
    ++report_.feedback;
    return Status();
  }

  Status RestoreAction(const Node& n) {
    ActionRow a;
    Result<Id> id = PositiveId(n, "id");
    if (!id.ok()) return id.status();
    a.id = *id;
    Result<std::string> text = NameText(n, "text", false);
    if (!text.ok()) return text.status();
    a.text = *text;
    Result<std::string> theme = String(n, "theme");
    if (!theme.ok()) return theme.status();
    Result<std::string> name = CheckThemeName(*theme);
    if (!name.ok()) return Bad(n.At("theme"), name.message());
    a.theme = *name;
    Result<Date> on = RequiredDate(n, "on");
    if (!on.ok()) return on.status();
    a.started_on = *on;
    Result<Id> added = store_.AddAction(a);
    if (!added.ok()) return added.status();
    ++report_.actions;
    return Status();
  }

  Status RestoreStrategy(const Node& n) {
    StrategyVersion v;
    Result<Id> id = PositiveId(n, "id");
    if (!id.ok()) return id.status();
    v.id = *id;
    Result<Date> on = RequiredDate(n, "edited_on");
    if (!on.ok()) return on.status();
    v.edited_on = *on;
    Result<std::string> summary = String(n, "summary");
    if (!summary.ok()) return summary.status();
    v.summary = *summary;
    Result<Node> body = Field(n, "strategy");
    if (!body.ok()) return body.status();
    v.body = body->json.dump();
    Result<keel::Strategy> parsed = StrategyFromJson(v.body);
    if (!parsed.ok()) return Bad(*body, parsed.message());
    Result<Id> added = store_.AddStrategyVersion(v);
    if (!added.ok()) return added.status();
    ++report_.strategy_versions;
    return Status();
  }

  Status RestorePivot(const Node& n) {
    Pivot p;
    Result<Id> ask = AskId(n);
    if (!ask.ok()) return ask.status();
    p.ask_id = *ask;
    Result<Date> on = RequiredDate(n, "on");
    if (!on.ok()) return on.status();
    p.on = *on;
    Result<std::string> rule = String(n, "rule");
    if (!rule.ok()) return rule.status();
    p.rule = *rule;
    Result<std::string> why = NameText(n, "why", false);
    if (!why.ok()) return why.status();
    p.why = *why;
    Result<Id> added = store_.AddPivot(p);
    if (!added.ok()) return added.status();
    ++report_.pivots;
    return Status();
  }

  Status RestoreClosing(const Node& n) {
    SearchClosing closing;
    Result<Id> ask = AskId(n);
    if (!ask.ok()) return ask.status();
    closing.ask_id = *ask;
    Result<Date> on = RequiredDate(n, "on");
    if (!on.ok()) return on.status();
    closing.closed_on = *on;
    return store_.CloseSearch(closing);
  }

  Store& store_;
  BackupReport& report_;
  std::set<Id> ask_ids_;
};

// The parser's message without its "[json.exception.parse_error.101] " prefix, and with the
// token it last read cut short (it can be a whole 50 MB string).
std::string ShortParseMessage(const Json::parse_error& e) {
  std::string message = e.what();
  if (size_t end = message.find("] "); message.starts_with("[json.") && end != std::string::npos) {
    message = message.substr(end + 2);
  }
  if (size_t last = message.find("; last read: '"); last != std::string::npos) {
    const size_t start = last + 14;
    if (message.size() - start > 43) message = message.substr(0, start + 40) + "...'";
  }
  if (message.size() > 300) message = message.substr(0, 297) + "...";
  return message;
}

// What the ledger already holds, for the refusal; "" when it is empty.
Result<std::string> Contents(Store& store) {
  auto count = [](auto result, const char* one, const char* many) -> Result<std::string> {
    if (!result.ok()) return result.status();
    const size_t n = result->size();
    if (n == 0) return std::string();
    return fmt::format("{} {}", n, n == 1 ? one : many);
  };
  for (Result<std::string> part :
       {count(store.ListAsks(), "ask", "asks"),
        count(store.Organizations(), "organization", "organizations"),
        count(store.MaterialVersions(), "material version", "material versions"),
        count(store.ListActions(), "action", "actions"),
        count(store.StrategyVersions(), "strategy version", "strategy versions")}) {
    if (!part.ok() || !part->empty()) return part;
  }
  return std::string();
}

}  // namespace

bool IsJsonDocument(std::string_view text, std::string_view file_name) {
  if (Lower(file_name).ends_with(".json")) return true;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  const size_t first = text.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && text[first] == '{';
}

Result<BackupReport> ImportBackup(Store& store, std::string_view text, std::string_view file_name,
                                  bool dry_run) {
  if (text.size() > kMaxBackupBytes) {
    return FileError(fmt::format("{} is larger than {} GB, too large for a keel backup; {}",
                                 file_name, kMaxBackupBytes >> 30, kFix));
  }
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  Json root;
  try {
    root = Json::parse(text.begin(), text.end());
  } catch (const Json::parse_error& e) {
    return FileError(fmt::format("{} is not valid JSON at byte {}: {}; {}", file_name, e.byte,
                                 ShortParseMessage(e), kFix));
  }
  if (!root.is_object() || !root.contains("asks") || !root.contains("materials")) {
    Error error{fmt::format(
        "{} is JSON but not a keel backup (no \"asks\" and \"materials\"); keel imports its own "
        "backup (JSON) or a CSV file",
        file_name)};
    error.hint = "a backup is what keel export --format json writes";
    return error;
  }
  BackupReport report;
  report.dry_run = dry_run;
  Transaction transaction(store);
  KEEL_RETURN_IF_ERROR(transaction.BeginWrite(fmt::format("import backup {}", file_name)));
  Status done = [&]() -> Status {
    Result<std::string> contents = Contents(store);
    if (!contents.ok()) return contents.status();
    if (!contents->empty()) {
      Error error{
          fmt::format("this ledger already holds {}; a backup restores a whole ledger, "
                      "so it goes only into an empty one",
                      *contents)};
      error.hint = fmt::format("keel --db NEW.db import {} restores it into a new one", file_name);
      return error;
    }
    Restorer restorer(store, report);
    Status restored = restorer.Run(Node{root, ""});
    if (!restored.ok()) {
      Error error = restored.error();
      error.message.insert(0, fmt::format("{}: ", file_name));
      return error;
    }
    return Status();
  }();
  if (!done.ok()) return done;  // the guard rolls back
  return CommitUnlessDryRun(transaction, Result<BackupReport>(report), dry_run);
}

}  // namespace keel
