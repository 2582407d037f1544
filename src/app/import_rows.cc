// Why every cell is checked before any is used: messages quote cells, so a cell is known to be
// UTF-8 without control characters and of bounded length before a message can carry it; and a
// row is whole before anything of it is written, so --skip-bad drops it cleanly.
//
// keel's own CSV is read exactly (ISO dates, outcome and channel names, free text byte for byte,
// so a round trip gives the same bytes); other trackers' files by their words (app/import_words.h).
#include "app/import_rows.h"

#include <fmt/format.h>

#include <charconv>
#include <utility>

#include "app/ledger.h"
#include "app/validate.h"
#include "core/text.h"
#include "themes/theme.h"

namespace keel {
namespace {

// Most cells are short printable ASCII, which passes every check of CheckCell: no invalid
// UTF-8, no control character, and no more bytes (so characters) than a name may have. Those
// are let through without the full check, which costs a tenth of reading a row.
Status CheckCellFast(std::string_view text, std::string_view column, TextRule rule) {
  if (text.size() <= kMaxNameChars) {
    // No early exit: the loop is one the compiler turns into vector instructions.
    bool plain = true;
    // A byte of 0x80 or more fails the test whether char is signed or not.
    for (const char c : text) plain &= c >= 0x20 && c < 0x7F;
    if (plain) return Status();
  }
  return CheckCell(text, column, rule);
}

}  // namespace

std::string_view RowReader::Cell(const CsvRecord& rec, Field field) const {
  const int column = plan_.column[static_cast<size_t>(field)];
  if (column < 0 || static_cast<size_t>(column) >= rec.fields.size()) return {};
  std::string_view cell = Trim(RawCell(rec, field));
  for (const ValueRule& rule : opt_.values) {
    if (rule.field == field && EqualsIgnoreCase(rule.text, cell)) return rule.value;
  }
  return cell;
}

std::string_view RowReader::RawCell(const CsvRecord& rec, Field field) const {
  const int column = plan_.column[static_cast<size_t>(field)];
  if (column < 0 || static_cast<size_t>(column) >= rec.fields.size()) return {};
  // keel's own export guards cells a spreadsheet would run as formulas with a "'" (io/csv.h).
  const std::string_view cell = rec.fields[static_cast<size_t>(column)];
  return plan_.keel_format ? RestoreFormulaGuard(cell) : cell;
}

// The one date reader of every date column (asked_on, replied_on, until, follow_ups): keel's own
// CSV is ISO only; other trackers' files may use any form ParseTrackerDate knows.
std::optional<Date> RowReader::ParseDate(std::string_view text) const {
  return plan_.keel_format ? ParseIsoDate(Trim(text)) : ParseTrackerDate(text, opt_.slash_dates);
}

std::string_view RowReader::DateForms() const {
  return plan_.keel_format ? "YYYY-MM-DD" : TrackerDateForms(opt_.slash_dates);
}

Result<std::optional<Date>> RowReader::DateCell(const CsvRecord& rec, Field field,
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

Result<bool> RowReader::Parse(const CsvRecord& rec, const std::vector<std::string>& header,
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
    KEEL_RETURN_IF_ERROR(CheckCellFast(rec.fields[static_cast<size_t>(c)],
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
      if (opt_.stages && IsSavedStageWord(outcome_text)) {
        Result<bool> saved = ParseSavedRole(rec, header, row);
        if (!saved.ok() || *saved) return saved;
      }
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
    KEEL_RETURN_IF_ERROR(CheckCellFast(name, column_name(field), TextRule::kName));
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

// A tracker's saved role has no ask date as a rule; a date in the ask date's column is the day
// it was saved (trackers fill it when the card is made), else it is saved today.
Result<bool> RowReader::ParseSavedRole(const CsvRecord& rec, const std::vector<std::string>& header,
                                       ParsedRow* row) {
  row->org = CollapseSpaces(Cell(rec, Field::kOrg));
  row->role = CollapseSpaces(Cell(rec, Field::kRole));
  if (row->org.empty() || row->role.empty()) return false;  // no role: nothing to keep
  for (const auto& [name, field] :
       {std::pair<std::string_view, Field>{row->org, Field::kOrg}, {row->role, Field::kRole}}) {
    const int c = plan_.column[static_cast<size_t>(field)];
    KEEL_RETURN_IF_ERROR(CheckCellFast(name, header[static_cast<size_t>(c)], TextRule::kName));
  }
  Result<std::optional<Date>> saved_on = DateCell(rec, Field::kAskedOn, header);
  if (!saved_on.ok()) return saved_on.status();
  row->record.asked_on = saved_on->value_or(today_);
  row->record.note = Cell(rec, Field::kNote);
  row->record.facets.location = CollapseSpaces(Cell(rec, Field::kLocation));
  row->saved_posting = true;
  return true;
}

void RowReader::NoteDeclined() {
  if (declined_ == 0) return;
  report_.notices.insert(
      report_.notices.begin(),
      fmt::format("read '{}' ({} row{}) as their no; if it was you who declined an offer, import "
                  "again reading '{}' as yes",
                  declined_text_, declined_, declined_ == 1 ? "" : "s", declined_text_));
  report_.AddHint(fmt::format("import with --value 'outcome:{}=yes'", declined_text_));
}

}  // namespace keel
