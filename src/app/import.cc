// Import reads the whole file into one write transaction. Each row is parsed and validated in
// full before anything of it is written, so --skip-bad can drop a row without leaving parts of it
// behind, and a crash (even SIGKILL) leaves the database as it was: SQLite's WAL makes the
// transaction all or nothing.
//
// Speed matters (a coach imports years of clients' logs): names are resolved through in-memory
// maps loaded once, statements are prepared once, and the journal stores inserted rows as ranges.
#include "app/import.h"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <unordered_map>

#include "app/import_duplicates.h"
#include "app/import_material_dates.h"
#include "app/ledger.h"
#include "app/names.h"
#include "app/transaction.h"
#include "app/validate.h"
#include "core/text.h"
#include "io/csv.h"
#include "themes/theme.h"

namespace keel {
namespace {

// The same error with `prefix` ("upload.csv:3: ") before its message; its code, field, subject
// and CLI hint kept.
Error Prefixed(std::string_view prefix, Error error) {
  error.message.insert(0, prefix);
  return error;
}

constexpr std::array<std::string_view, kFieldCount> kKeelHeader = {
    "asked_on", "org",       "person",    "kind",   "channel", "outcome",    "replied_on",
    "reason",   "materials", "role",      "note",   "until",   "follow_ups", "theme",
    "industry", "location",  "seniority", "remote", "salary",  "via"};
// PRODUCT.md's original header is the first 11 fields; keel 0.1 wrote the first 13, and keel
// before contacts (schema 11) the first 19.
constexpr size_t kKeelCoreFields = 11;
constexpr size_t kKeelFieldsBeforeThemes = 13;
constexpr size_t kKeelFieldsBeforeVia = 19;

struct ColumnPlan {
  std::array<int, kFieldCount> column{};  // column index per field, -1 when absent
  bool keel_format = false;
  std::vector<std::string> descriptions;
  std::vector<std::string> ignored;  // header names of the columns read as nothing
};

bool IsKeelHeader(const std::vector<std::string>& header) {
  if (header.size() != kKeelCoreFields && header.size() != kKeelFieldsBeforeThemes &&
      header.size() != kKeelFieldsBeforeVia && header.size() != kKeelHeader.size()) {
    return false;
  }
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] != kKeelHeader[i]) return false;
  }
  return true;
}

Result<ColumnPlan> PlanColumns(const std::vector<std::string>& header, const ImportOptions& opt) {
  ColumnPlan plan;
  plan.column.fill(-1);
  plan.keel_format = IsKeelHeader(header) && opt.maps.empty();
  std::vector<std::optional<Field>> assigned(header.size());
  std::array<bool, kFieldCount> explicit_field{};

  for (const auto& [column, field_name] : opt.maps) {
    const std::optional<Field> field = ParseField(field_name);
    if (!field) {
      // "the reading" is where the CLI says --map.
      return Error{fmt::format("the reading '{}={}': '{}' is not a field; use one of: {}, ignore",
                               column, field_name, field_name, fmt::join(kKeelHeader, ", ")),
                   ErrorCode::kInvalid, "map", "the reading"};
    }
    bool found = false;
    for (size_t i = 0; i < header.size(); ++i) {
      if (header[i] == column || NormalizeHeader(header[i]) == NormalizeHeader(column)) {
        assigned[i] = *field;
        found = true;
      }
    }
    if (!found) {
      return Error{fmt::format("the reading '{}={}': the file has no column '{}'; its columns "
                               "are: {}",
                               column, field_name, column, fmt::join(header, ", ")),
                   ErrorCode::kInvalid, "map", "the reading"};
    }
    if (*field != Field::kIgnore) explicit_field[static_cast<size_t>(*field)] = true;
  }
  for (size_t i = 0; i < header.size(); ++i) {
    if (assigned[i]) continue;
    std::optional<Field> field = FieldForHeader(NormalizeHeader(header[i]));
    // A bare "Via" in another tracker's file may be the channel ("via LinkedIn"): only keel's own
    // header reads it as who introduced you; --map COLUMN=via says so for any other file.
    if (field == Field::kVia && !plan.keel_format && NormalizeHeader(header[i]) == "via") {
      field.reset();
    }
    if (field && !explicit_field[static_cast<size_t>(*field)]) assigned[i] = field;
  }
  for (size_t i = 0; i < header.size(); ++i) {
    if (!assigned[i] || *assigned[i] == Field::kIgnore) continue;
    int& slot = plan.column[static_cast<size_t>(*assigned[i])];
    if (slot >= 0) {
      // No field: the CLI would put its flag before the file's name.
      Error error{
          fmt::format("columns '{}' and '{}' both look like the {}; read one of them as "
                      "the {} and ignore the other",
                      header[static_cast<size_t>(slot)], header[i], FieldName(*assigned[i]),
                      FieldName(*assigned[i]))};
      error.hint = fmt::format("--map '{}'={} --map '{}'=ignore does that", header[i],
                               FieldName(*assigned[i]), header[static_cast<size_t>(slot)]);
      return error;
    }
    slot = static_cast<int>(i);
    plan.descriptions.push_back(fmt::format("{} -> {}", header[i], FieldName(*assigned[i])));
  }
  for (size_t i = 0; i < header.size(); ++i) {
    if (assigned[i] && *assigned[i] != Field::kIgnore) continue;
    plan.ignored.push_back(header[i].empty() ? fmt::format("(column {}, no name)", i + 1)
                                             : header[i]);
  }
  for (Field required : {Field::kOrg, Field::kAskedOn}) {
    if (plan.column[static_cast<size_t>(required)] < 0) {
      Error error{fmt::format(
          "no column for {} (looked for headers like {}); choose the column to read as {}",
          required == Field::kOrg ? "the organization" : "the ask date",
          required == Field::kOrg ? "company, employer, organization"
                                  : "date applied, date sent, submitted",
          FieldName(required))};
      error.hint = fmt::format("--map COLUMN={} names it", FieldName(required));
      return error;
    }
  }
  return plan;
}

// One row, parsed and validated, not yet written.
struct ParsedRow {
  Date asked_on;
  std::string org, person, role;
  std::string via;  // who introduced or referred
  AskRecord record;
  std::vector<MaterialRef> materials;
  std::vector<Date> follow_ups;
  std::optional<TrackerStage> stage;  // the status word's stage past the application
};

class Importer {
 public:
  Importer(Store& store, const ImportOptions& opt, Date today, ColumnPlan plan)
      : store_(store), opt_(opt), today_(today), plan_(std::move(plan)) {
    report_.keel_format = plan_.keel_format;
    report_.dry_run = opt.dry_run;
    report_.columns = plan_.descriptions;
    report_.ignored_columns = plan_.ignored;
  }

  Status LoadNames();
  /// Reads the key of every ask in the ledger once (unless duplicates are allowed).
  Status LoadLedgerKeys();
  /// True when the row is already in the ledger (counted in the report, not to be written);
  /// notes a row that repeats an earlier row of the file.
  bool AlreadyInLedger(const ParsedRow& row, int line);
  // Parses one record; returns false (with *skip set) for rows that are not asks.
  Result<bool> Parse(const CsvRecord& rec, const std::vector<std::string>& header, ParsedRow* row);
  Status Write(const ParsedRow& row, int line);
  /// The interview or offer ask a stage word implies, for the role of `row_ask`, dated the
  /// row's reply date (else its ask date).
  Status WriteStage(const AskRecord& row_ask, TrackerStage stage);
  ImportReport& report() { return report_; }

 private:
  std::string_view Cell(const CsvRecord& rec, Field field) const;
  std::string_view RawCell(const CsvRecord& rec, Field field) const;
  Result<std::optional<Date>> DateCell(const CsvRecord& rec, Field field,
                                       const std::vector<std::string>& header,
                                       bool may_be_future = false) const;
  std::optional<Date> ParseDate(std::string_view text) const;
  std::string_view DateForms() const;
  Result<Id> Org(const std::string& name, int line);
  Result<Id> Contact(const std::string& name, Id org_id, int line);

  Store& store_;
  const ImportOptions& opt_;
  Date today_;
  ColumnPlan plan_;
  ImportReport report_;
  std::unordered_map<std::string, Id> orgs_, contacts_, opportunities_, versions_;
  // Near matches between names, without the one-slip rule (ResolveOrganization has it).
  NameIndex org_names_{/*typos=*/false}, contact_names_{/*typos=*/false};
  DuplicateCheck duplicates_;
  EarlyMaterialCheck early_materials_;

 public:
  /// Adds a CLI-only hint once.
  void Hint(std::string hint) {
    for (const std::string& h : report_.hints) {
      if (h == hint) return;
    }
    report_.hints.push_back(std::move(hint));
  }

  /// Says how "Declined" was read, once, when any row used it.
  void NoteDeclined() {
    if (declined_ == 0) return;
    report_.notices.insert(
        report_.notices.begin(),
        fmt::format("read '{}' ({} row{}) as their no; if it was you who declined an offer, import "
                    "again reading '{}' as yes",
                    declined_text_, declined_, declined_ == 1 ? "" : "s", declined_text_));
    Hint(fmt::format("import with --value 'outcome:{}=yes'", declined_text_));
  }

 private:
  int64_t declined_ = 0;
  std::string declined_text_;
};

Status Importer::LoadLedgerKeys() {
  return opt_.allow_duplicates ? Status() : duplicates_.Load(store_);
}

bool Importer::AlreadyInLedger(const ParsedRow& row, int line) {
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

Status Importer::LoadNames() {
  Result<std::vector<Named>> orgs = store_.Organizations();
  if (!orgs.ok()) return orgs.status();
  for (const Named& o : *orgs) {
    orgs_.emplace(Lower(o.name), o.id);
    org_names_.Add(o.name);
  }
  Result<std::vector<Named>> contacts = store_.Contacts();
  if (!contacts.ok()) return contacts.status();
  for (const Named& c : *contacts) {
    contacts_.emplace(Lower(c.name), c.id);
    contact_names_.Add(c.name);
  }
  return Status();
}

std::string_view Importer::Cell(const CsvRecord& rec, Field field) const {
  const int column = plan_.column[static_cast<size_t>(field)];
  if (column < 0 || static_cast<size_t>(column) >= rec.fields.size()) return {};
  std::string_view cell = Trim(RawCell(rec, field));
  for (const ValueRule& rule : opt_.values) {
    if (rule.field == field && EqualsIgnoreCase(rule.text, cell)) return rule.value;
  }
  return cell;
}

std::string_view Importer::RawCell(const CsvRecord& rec, Field field) const {
  const int column = plan_.column[static_cast<size_t>(field)];
  if (column < 0 || static_cast<size_t>(column) >= rec.fields.size()) return {};
  // keel's own export guards cells a spreadsheet would run as formulas with a "'" (io/csv.h).
  const std::string_view cell = rec.fields[static_cast<size_t>(column)];
  return plan_.keel_format ? RestoreFormulaGuard(cell) : cell;
}

// The one date reader of every date column (asked_on, replied_on, until, follow_ups): keel's own
// CSV is ISO only; other trackers' files may use any form ParseTrackerDate knows.
std::optional<Date> Importer::ParseDate(std::string_view text) const {
  return plan_.keel_format ? ParseIsoDate(Trim(text)) : ParseTrackerDate(text, opt_.slash_dates);
}

std::string_view Importer::DateForms() const {
  return plan_.keel_format ? "YYYY-MM-DD" : TrackerDateForms(opt_.slash_dates);
}

Result<std::optional<Date>> Importer::DateCell(const CsvRecord& rec, Field field,
                                               const std::vector<std::string>& header,
                                               bool may_be_future) const {
  const std::string_view cell = Cell(rec, field);
  if (cell.empty()) return std::optional<Date>();
  std::optional<Date> date = ParseDate(cell);
  if (!date) {
    const int column = plan_.column[static_cast<size_t>(field)];
    return Error{fmt::format("column '{}': '{}' is not a date (expected {})",
                             header[static_cast<size_t>(column)], Clip(cell), DateForms())};
  }
  if (*date > today_ && !may_be_future) {
    return Error{fmt::format("column '{}': '{}' is after today ({}); correct the date",
                             header[static_cast<size_t>(plan_.column[static_cast<size_t>(field)])],
                             date->ToIso(), today_.ToIso())};
  }
  return date;
}

Result<bool> Importer::Parse(const CsvRecord& rec, const std::vector<std::string>& header,
                             ParsedRow* row) {
  auto column_name = [&](Field f) -> std::string_view {
    const int c = plan_.column[static_cast<size_t>(f)];
    return c < 0 ? FieldName(f) : std::string_view(header[static_cast<size_t>(c)]);
  };
  for (size_t i = header.size(); i < rec.fields.size(); ++i) {
    if (!Trim(rec.fields[i]).empty()) {
      return Error{
          fmt::format("the row has {} fields but the header has {}; quote fields that "
                      "contain commas",
                      rec.fields.size(), header.size())};
    }
  }
  // Every cell read is UTF-8 without control characters (line breaks and tabs aside: names are
  // collapsed to one line below) and at most 4,000 characters, before any message quotes it.
  for (size_t f = 0; f < kFieldCount; ++f) {
    const int c = plan_.column[f];
    if (c < 0 || static_cast<size_t>(c) >= rec.fields.size()) continue;
    KEEL_RETURN_IF_ERROR(CheckCell(rec.fields[static_cast<size_t>(c)],
                                   header[static_cast<size_t>(c)], TextRule::kText));
  }
  // Outcome first: a row that says no ask was made needs no other field.
  const std::string_view outcome_text = Cell(rec, Field::kOutcome);
  if (plan_.keel_format) {
    Result<Outcome> outcome = ParseOutcome(outcome_text.empty() ? "pending" : outcome_text);
    if (!outcome.ok()) {
      return Error{fmt::format("column '{}': {}", column_name(Field::kOutcome), outcome.message())};
    }
    row->record.outcome = *outcome;
  } else {
    std::optional<OutcomeWord> word = InterpretOutcomeWord(outcome_text);
    if (!word) {
      // "a rule" is where the CLI says --value; the page shows the error by its rules' box.
      return Error{
          fmt::format("column '{}': '{}' is not an outcome keel knows; say what it means with a "
                      "rule 'outcome:{}=no' (yes, no, not-yet, silent, withdrawn, pending or skip)",
                      column_name(Field::kOutcome), Clip(outcome_text), Clip(outcome_text)),
          ErrorCode::kInvalid, "value", "a rule"};
    }
    if (word->meaning == OutcomeWord::Meaning::kNotAnAsk) {
      ++report_.not_asks;
      ++report_.not_ask_words[std::string(Trim(
          rec.fields[static_cast<size_t>(plan_.column[static_cast<size_t>(Field::kOutcome)])]))];
      return false;
    }
    row->record.outcome = word->outcome;
    if (opt_.stages) row->stage = InterpretStageWord(outcome_text);
    // "Declined" is their no in most trackers, but in some it means the seeker declined an offer.
    if (NormalizeHeader(outcome_text) == "declined") {
      declined_text_ = std::string(Trim(outcome_text));
      ++declined_;
    }
  }

  Result<std::optional<Date>> asked_on = DateCell(rec, Field::kAskedOn, header);
  if (!asked_on.ok()) return asked_on.status();
  if (!*asked_on) {
    return Error{fmt::format("column '{}': the ask date is empty (expected a date)",
                             column_name(Field::kAskedOn))};
  }
  row->record.asked_on = **asked_on;
  row->org = CollapseSpaces(Cell(rec, Field::kOrg));
  if (row->org.empty()) {
    return Error{fmt::format("column '{}': the organization is empty", column_name(Field::kOrg))};
  }
  row->person = CollapseSpaces(Cell(rec, Field::kPerson));
  row->via = CollapseSpaces(Cell(rec, Field::kVia));
  row->role = CollapseSpaces(Cell(rec, Field::kRole));

  const std::string_view kind = Cell(rec, Field::kKind);
  if (kind.empty() && !plan_.keel_format) {
    row->record.kind = opt_.default_kind;
  } else {
    Result<Kind> parsed = ParseKind(kind);
    if (!parsed.ok()) {
      return Error{fmt::format("column '{}': {}", column_name(Field::kKind), parsed.message())};
    }
    row->record.kind = *parsed;
  }

  const std::string_view channel = Cell(rec, Field::kChannel);
  if (plan_.keel_format) {
    Result<Channel> parsed = ParseChannel(channel);
    if (!parsed.ok()) {
      return Error{fmt::format("column '{}': {}", column_name(Field::kChannel), parsed.message())};
    }
    row->record.channel = *parsed;
  } else if (std::optional<Channel> c = InterpretChannelWord(channel)) {
    row->record.channel = *c;
  } else {
    return Error{fmt::format("column '{}': '{}' is not a channel; map it with a rule "
                             "'channel:{}=job-board' (one of: {})",
                             column_name(Field::kChannel), Clip(channel), Clip(channel),
                             fmt::join(kChannelNames, ", ")),
                 ErrorCode::kInvalid, "value", "a rule"};
  }

  Result<std::optional<Date>> replied = DateCell(rec, Field::kRepliedOn, header);
  if (!replied.ok()) return replied.status();
  if (*replied && HasEndDate(row->record.outcome)) {
    if (**replied < row->record.asked_on) {
      return Error{fmt::format("the reply ({}) is before the ask ({}); correct one of the dates",
                               (*replied)->ToIso(), row->record.asked_on.ToIso())};
    }
    row->record.replied_on = *replied;
  } else if (*replied && plan_.keel_format) {
    return Error{fmt::format("a {} ask has no reply date, but column '{}' gives {}",
                             Name(row->record.outcome), column_name(Field::kRepliedOn),
                             (*replied)->ToIso())};
  }
  // "until" is a date to ask again: it may lie in the future.
  Result<std::optional<Date>> until = DateCell(rec, Field::kUntil, header, true);
  if (!until.ok()) return until.status();
  if (*until) {
    if (row->record.outcome != Outcome::kNotYet) {
      return Error{fmt::format("column '{}': only a not-yet ask has a date to ask again",
                               column_name(Field::kUntil))};
    }
    row->record.until = *until;
  }
  // Free text is kept byte for byte in keel's own format (a round trip must not trim it).
  row->record.reason = plan_.keel_format ? RawCell(rec, Field::kReason) : Cell(rec, Field::kReason);
  row->record.note = plan_.keel_format ? RawCell(rec, Field::kNote) : Cell(rec, Field::kNote);

  if (std::string_view theme = Cell(rec, Field::kTheme); !theme.empty()) {
    Result<Theme> parsed = ParseTheme(theme);
    if (!parsed.ok()) {
      return Error{fmt::format("column '{}': {}", column_name(Field::kTheme), parsed.message())};
    }
    if (row->record.reason.empty()) {
      return Error{fmt::format("column '{}' names a theme but the row gives no reason",
                               column_name(Field::kTheme))};
    }
    row->record.reason_theme = std::string(Name(*parsed));
  }
  row->record.facets.industry = CollapseSpaces(Cell(rec, Field::kIndustry));
  row->record.facets.location = CollapseSpaces(Cell(rec, Field::kLocation));
  row->record.facets.seniority = CollapseSpaces(Cell(rec, Field::kSeniority));
  if (std::string_view remote = Cell(rec, Field::kRemote); !remote.empty()) {
    std::optional<std::string_view> mode = InterpretRemoteWord(remote);
    if (!mode) {
      Error error{fmt::format(
          "column '{}': '{}' is not remote, hybrid or onsite; correct it, or ignore the column",
          column_name(Field::kRemote), Clip(remote))};
      error.hint = fmt::format("--map '{}=ignore' ignores it", column_name(Field::kRemote));
      return error;
    }
    row->record.facets.remote = std::string(*mode);
  }
  if (std::string_view salary = Trim(Cell(rec, Field::kSalary)); !salary.empty()) {
    int64_t value = 0;
    const auto [end, ec] = std::from_chars(salary.data(), salary.data() + salary.size(), value);
    if (ec != std::errc() || end != salary.data() + salary.size()) {
      return Error{fmt::format("column '{}': '{}' is not a whole number (write 95000, not $95k)",
                               column_name(Field::kSalary), Clip(salary))};
    }
    row->record.facets.salary = value;
  }
  for (const auto& [name, field] : {std::pair<std::string_view, Field>{row->org, Field::kOrg},
                                    {row->person, Field::kPerson},
                                    {row->via, Field::kVia},
                                    {row->role, Field::kRole},
                                    {row->record.facets.industry, Field::kIndustry},
                                    {row->record.facets.location, Field::kLocation},
                                    {row->record.facets.seniority, Field::kSeniority}}) {
    KEEL_RETURN_IF_ERROR(CheckCell(name, column_name(field), TextRule::kName));
  }
  if (!row->via.empty() && EqualsIgnoreCase(row->via, row->person)) {
    return Error{
        fmt::format("column '{}': '{}' is the person asked; who introduced you is "
                    "someone else, or leave the cell empty",
                    column_name(Field::kVia), Clip(row->via))};
  }
  if (Status facets = CheckFacets(row->record.facets); !facets.ok()) {
    return Error{fmt::format("column '{}': {}", column_name(Field::kRemote), facets.message())};
  }

  std::string_view materials = Cell(rec, Field::kMaterials);
  while (!materials.empty()) {
    const size_t semi = materials.find(';');
    const std::string_view part = Trim(materials.substr(0, semi));
    materials = semi == std::string_view::npos ? std::string_view() : materials.substr(semi + 1);
    if (part.empty()) continue;
    Result<MaterialRef> ref = ParseMaterialRef(part);
    if (!ref.ok()) {
      return Error{fmt::format("column '{}': {}", column_name(Field::kMaterials), ref.message())};
    }
    row->materials.push_back(std::move(ref).value());
  }
  std::string_view follow_ups = Cell(rec, Field::kFollowUps);
  while (!follow_ups.empty()) {
    const size_t semi = follow_ups.find(';');
    const std::string_view part = Trim(follow_ups.substr(0, semi));
    follow_ups = semi == std::string_view::npos ? std::string_view() : follow_ups.substr(semi + 1);
    std::optional<Date> date = ParseDate(part);
    if (!date || *date < row->record.asked_on || *date > today_) {
      return Error{
          fmt::format("column '{}': '{}' is not a follow-up date between the ask and today "
                      "(expected {})",
                      column_name(Field::kFollowUps), Clip(part), DateForms())};
    }
    row->follow_ups.push_back(*date);
  }
  return true;
}

Status Importer::WriteStage(const AskRecord& row_ask, TrackerStage stage) {
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

Result<Id> Importer::Org(const std::string& name, int line) {
  std::string lower = Lower(name);
  if (auto it = orgs_.find(lower); it != orgs_.end()) return it->second;
  Result<Id> id = store_.AddOrganization(name);
  if (!id.ok()) return id;
  ++report_.new_orgs;
  orgs_.emplace(std::move(lower), *id);
  if (std::optional<std::string> near = org_names_.NearMatch(name)) {
    report_.notices.push_back(fmt::format(
        "{}:{}: '{}' looks like '{}'; kept apart (if they are one, change the organization of "
        "its asks to '{}')",
        opt_.file_name, line, name, *near, *near));
    Hint("keel edit ID --org NAME moves an ask to the organization it belongs to");
  }
  org_names_.Add(name);
  return id;
}

Result<Id> Importer::Contact(const std::string& name, Id org_id, int line) {
  std::string lower = Lower(name);
  auto it = contacts_.find(lower);
  if (it != contacts_.end()) return it->second;
  Result<Id> id = store_.AddContact(name, org_id);
  if (!id.ok()) return id;
  ++report_.new_contacts;
  if (std::optional<std::string> near = contact_names_.NearMatch(name)) {
    report_.notices.push_back(fmt::format(
        "{}:{}: contact '{}' looks like '{}'; kept apart (if they are one, change the person "
        "of its asks to '{}')",
        opt_.file_name, line, name, *near, *near));
    Hint("keel edit ID --to NAME gives an ask the person it was to");
  }
  contact_names_.Add(name);
  contacts_.emplace(std::move(lower), *id);
  return id;
}

Status Importer::Write(const ParsedRow& row, int line) {
  AskRecord record = row.record;
  Result<Id> org = Org(row.org, line);
  if (!org.ok()) return org.status();
  record.org_id = *org;
  if (!row.person.empty()) {
    Result<Id> contact = Contact(row.person, *org, line);
    if (!contact.ok()) return contact.status();
    record.contact_id = *contact;
  }
  if (!row.via.empty()) {
    // Who introduced: a contact at no organization keel knows (they can work anywhere).
    Result<Id> via = Contact(row.via, 0, line);
    if (!via.ok()) return via.status();
    record.via_contact_id = *via;
  }
  if (!row.role.empty()) {
    std::string key = std::to_string(*org) + '\x1f' + Lower(row.role);
    auto it = opportunities_.find(key);
    if (it == opportunities_.end()) {
      Result<Id> id = store_.EnsureOpportunity(*org, row.role);
      if (!id.ok()) return id.status();
      it = opportunities_.emplace(std::move(key), *id).first;
    }
    record.opportunity_id = it->second;
  }
  std::vector<Id> versions;
  for (const MaterialRef& ref : row.materials) {
    std::string key = Lower(ref.name) + '@' + Lower(ref.version);
    auto it = versions_.find(key);
    if (it == versions_.end()) {
      Result<Id> id = store_.EnsureMaterialVersion(ref);
      if (!id.ok()) return id.status();
      it = versions_.emplace(std::move(key), *id).first;
    }
    versions.push_back(it->second);
  }
  Result<Id> ask = store_.AddAsk(record);
  if (!ask.ok()) return ask.status();
  KEEL_RETURN_IF_ERROR(early_materials_.Check(store_, row.materials, *ask, record.asked_on,
                                              opt_.file_name, line, &report_.notices));
  if (!versions.empty()) KEEL_RETURN_IF_ERROR(store_.SetAskMaterials(*ask, versions));
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
      theme = opt_.themes->Classify(record.reason).theme;
    }
    if (theme == Theme::kNone) return Status();  // the words read as a yes
    ++report_.by_theme[std::string(Name(theme))];
    if (IsAboutYou(theme)) ++report_.reasons_about_you;
  }
  return Status();
}

// The reader says "line 7: ..."; keel's messages say "FILE:7: ...".
std::string CsvError(const std::string& file, const std::string& error) {
  if (error.rfind("line ", 0) == 0) {
    const size_t colon = error.find(':');
    return fmt::format("{}:{}{}", file, error.substr(5, colon - 5), error.substr(colon));
  }
  return fmt::format("{}: {}", file, error);
}

// Checks a --value rule's VALUE before any row is read, so a typo is blamed on the option.
Status CheckValueRule(const ValueRule& rule) {
  // "the rule" is where the CLI says --value.
  const auto bad = [&](const std::string& why) {
    return Error{
        fmt::format("the rule '{}:{}={}': {}", FieldName(rule.field), rule.text, rule.value, why),
        ErrorCode::kInvalid, "value", "the rule"};
  };
  switch (rule.field) {
    case Field::kKind:
      if (Result<Kind> k = ParseKind(rule.value); !k.ok()) return bad(k.message());
      break;
    case Field::kChannel:
      if (!InterpretChannelWord(rule.value)) return bad(ParseChannel(rule.value).message());
      break;
    case Field::kOutcome:
      if (!InterpretOutcomeWord(rule.value)) {
        return bad(fmt::format("{} (or skip)", ParseOutcome(rule.value).message()));
      }
      break;
    default:
      break;
  }
  return Status();
}

Result<ImportReport> Run(Store& store, std::string_view text, const ImportOptions& opt,
                         Date today) {
  for (const ValueRule& rule : opt.values) KEEL_RETURN_IF_ERROR(CheckValueRule(rule));
  const char delimiter = SniffCsvDelimiter(text);
  CsvReader reader(text, delimiter);
  CsvRecord header_record;
  if (!reader.Next(&header_record)) {
    if (!reader.error().empty()) {
      return Error{fmt::format("{}; is it a CSV file?", CsvError(opt.file_name, reader.error()))};
    }
    return Error{fmt::format("{} is empty; a CSV file starts with a header line such as {}",
                             opt.file_name, fmt::join(kKeelHeader, ","))};
  }
  std::vector<std::string> header;
  for (const std::string& h : header_record.fields) header.emplace_back(Trim(h));
  for (size_t i = 0; i < header.size(); ++i) {  // every message below may quote a header
    if (Status s = CheckInputText(header[i], "", TextRule::kName); !s.ok()) {
      return Error{fmt::format("{}:{}: the header's column {}{}", opt.file_name, header_record.line,
                               i + 1, s.message())};
    }
  }
  Result<ColumnPlan> plan = PlanColumns(header, opt);
  if (!plan.ok()) return Prefixed(fmt::format("{}: ", opt.file_name), plan.error());
  for (const ValueRule& rule : opt.values) {
    if (plan->column[static_cast<size_t>(rule.field)] < 0) {
      Error error{fmt::format("the rule '{}:{}={}': no column is read as {}; choose the column "
                              "to read as {}",
                              FieldName(rule.field), rule.text, rule.value, FieldName(rule.field),
                              FieldName(rule.field)),
                  ErrorCode::kInvalid, "value", "the rule"};
      error.hint = fmt::format("--map COLUMN={} names it", FieldName(rule.field));
      return error;
    }
  }

  Importer importer(store, opt, today, std::move(plan).value());
  importer.report().delimiter = delimiter;
  KEEL_RETURN_IF_ERROR(importer.LoadNames());
  KEEL_RETURN_IF_ERROR(importer.LoadLedgerKeys());
  CsvRecord rec;
  ParsedRow row;
  while (reader.Next(&rec)) {
    ++importer.report().rows;
    row = ParsedRow{};
    Result<bool> parsed = importer.Parse(rec, header, &row);
    if (!parsed.ok()) {
      Error where = Prefixed(fmt::format("{}:{}: ", opt.file_name, rec.line), parsed.error());
      if (!opt.skip_bad) {
        // The row's own fix (a rule, a column to ignore) stays the CLI's first hint.
        where.message += "; fix the row, or skip bad rows to import the rest";
        where.hint += fmt::format("{}--skip-bad does that", where.hint.empty() ? "" : "; ");
        return where;
      }
      if (where.field == "value") {
        importer.Hint("--value 'FIELD:TEXT=VALUE' says what a cell's text means");
      }
      importer.report().skipped.push_back(std::move(where.message));
      continue;
    }
    if (*parsed && !importer.AlreadyInLedger(row, rec.line)) {
      KEEL_RETURN_IF_ERROR(importer.Write(row, rec.line));
    }
  }
  if (!reader.error().empty()) {
    return Error{fmt::format("{}; nothing was imported", CsvError(opt.file_name, reader.error()))};
  }
  importer.NoteDeclined();
  return std::move(importer.report());
}

}  // namespace

Result<std::pair<std::string, std::string>> ParseMapArgument(std::string_view text) {
  const size_t eq = text.rfind('=');
  if (eq == std::string_view::npos || eq == 0 || eq + 1 == text.size()) {
    return Error{fmt::format("'{}' should be COLUMN=FIELD, like 'Date sent=asked_on'", text),
                 ErrorCode::kInvalid, "map"};
  }
  return std::pair(std::string(text.substr(0, eq)), std::string(text.substr(eq + 1)));
}

Result<ValueRule> ParseValueArgument(std::string_view text) {
  const size_t colon = text.find(':');
  const size_t eq = colon == std::string_view::npos ? colon : text.rfind('=');
  if (colon == std::string_view::npos || eq == std::string_view::npos || eq < colon) {
    return Error{
        fmt::format("'{}' should be FIELD:TEXT=VALUE, like 'outcome:Ghosted=pending'", text),
        ErrorCode::kInvalid, "value"};
  }
  const std::optional<Field> field = ParseField(text.substr(0, colon));
  if (!field || *field == Field::kIgnore) {
    return Error{fmt::format("the rule '{}': '{}' is not a field; use one of: {}", text,
                             text.substr(0, colon), fmt::join(kKeelHeader, ", ")),
                 ErrorCode::kInvalid, "value", "the rule"};
  }
  return ValueRule{*field, std::string(Trim(text.substr(colon + 1, eq - colon - 1))),
                   std::string(Trim(text.substr(eq + 1)))};
}

Result<ImportReport> ImportCsv(Store& store, std::string_view text, const ImportOptions& opt,
                               Date today) {
  Transaction transaction(store);
  KEEL_RETURN_IF_ERROR(transaction.BeginBulkWrite(fmt::format("import {}", opt.file_name)));
  return CommitUnlessDryRun(transaction, Run(store, text, opt, today), opt.dry_run);
}

}  // namespace keel
