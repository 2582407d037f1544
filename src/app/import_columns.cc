// Why maps come first and aliases second: a person's --map is what they said the column means;
// an alias is keel's guess. A field that a map names is never also guessed from another column,
// so "--map 'Date sent=asked_on'" in a file that also has "Applied" reads only the column named.
#include "app/import_columns.h"

#include <fmt/format.h>

#include <optional>

namespace keel {
namespace {

// PRODUCT.md's original header is the first 11 fields; keel 0.1 wrote the first 13, and keel
// before contacts (schema 11) the first 19.
constexpr size_t kKeelCoreFields = 11;
constexpr size_t kKeelFieldsBeforeThemes = 13;
constexpr size_t kKeelFieldsBeforeVia = 19;

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

}  // namespace

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

Status CheckRulesHaveColumns(const ColumnPlan& plan, const ImportOptions& opt) {
  for (const ValueRule& rule : opt.values) {
    if (plan.column[static_cast<size_t>(rule.field)] < 0) {
      Error error{fmt::format("the rule '{}:{}={}': no column is read as {}; choose the column "
                              "to read as {}",
                              FieldName(rule.field), rule.text, rule.value, FieldName(rule.field),
                              FieldName(rule.field)),
                  ErrorCode::kInvalid, "value", "the rule"};
      error.hint = fmt::format("--map COLUMN={} names it", FieldName(rule.field));
      return error;
    }
  }
  return Status();
}

}  // namespace keel
