// Why paths: a backup is edited by hand now and then, and "asks[3].replied_on: is before the ask"
// finds the mistake where an SQLite constraint's message would not.
#include "app/import_json_values.h"

#include <fmt/format.h>

#include "app/ledger.h"
#include "core/text.h"

namespace keel::backup {

Node Node::At(std::string_view key) const {
  return Node{json.at(std::string(key)),
              path.empty() ? std::string(key) : fmt::format("{}.{}", path, key)};
}

Node Node::At(size_t index) const {
  return Node{json.at(index), fmt::format("{}[{}]", path, index)};
}

Error FileError(std::string message) {
  Error error{std::move(message)};
  error.hint = std::string(kFixHint);
  return error;
}

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

Result<std::optional<int64_t>> OptionalCount(const Node& n, std::string_view key) {
  Result<Node> f = Field(n, key);
  if (!f.ok()) return f.status();
  if (f->json.is_null()) return std::optional<int64_t>();
  if (!f->json.is_number_integer() || f->json.get<int64_t>() < 0) {
    return Bad(*f, fmt::format("'{}' is not a whole number of 0 or more, or null", Quote(f->json)));
  }
  return std::optional<int64_t>(f->json.get<int64_t>());
}

}  // namespace keel::backup
