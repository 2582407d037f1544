// Reading a backup's JSON: each value with its path ("asks[3].replied_on"), so that a bad file is
// reported where it is wrong, and checked before the database sees it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "app/views.h"
#include "core/model.h"
#include "core/result.h"

namespace keel::backup {

// The fix for a damaged backup, in words the page can show; the CLI adds its command (kFixHint).
inline constexpr std::string_view kFix = "fix the file, or export the backup again";
inline constexpr std::string_view kFixHint = "keel export --format json writes one";

// One value of the document and its path, for messages.
struct Node {
  const Json& json;
  std::string path;

  Node At(std::string_view key) const;
  Node At(size_t index) const;
  bool Has(std::string_view key) const { return json.is_object() && json.contains(key); }
};

/// An error whose fix is the backup (hint: kFixHint).
Error FileError(std::string message);
/// "PATH: WHAT; fix the file, or export the backup again".
Error Bad(const Node& n, std::string_view what);
/// The text of a value, shortened for messages.
std::string Quote(const Json& j);

/// The member `key` of an object, failing when `n` is no object or has no such member.
Result<Node> Field(const Node& n, std::string_view key);
Result<std::string> String(const Node& n, std::string_view key);
Result<std::optional<std::string>> OptionalString(const Node& n, std::string_view key);
Result<std::optional<Date>> OptionalDate(const Node& n, std::string_view key);
Result<Date> RequiredDate(const Node& n, std::string_view key);
/// A whole number above 0.
Result<Id> PositiveId(const Node& n, std::string_view key);
/// A whole number of 0 or more, or null.
Result<std::optional<int64_t>> OptionalCount(const Node& n, std::string_view key);
Result<Node> Array(const Node& n, std::string_view key);
/// The theme the person chose (theme_by "you"); nullopt when the rules classify the reason.
Result<std::optional<std::string>> ChosenTheme(const Node& n);
/// A name as stored: text, not empty (after trimming) unless `allow_empty`.
Result<std::string> NameText(const Node& n, std::string_view key, bool allow_empty);

}  // namespace keel::backup
