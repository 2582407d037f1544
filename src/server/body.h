// Reading a request: the fields of a POST body checked for their type, and the query of a GET.
// Every refusal is an Error about the field it names (code invalid), so the page shows it beside
// that field's label. Absent and null read as not given.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "server/api.h"

namespace keel {

class Body {
 public:
  explicit Body(const nlohmann::json& j) : j_(j) {}

  Status Text(const char* key, std::optional<std::string>* out) const;
  Status Text(const char* key, std::string* out) const;
  /// A whole number in int64 range (a number past 2^63 would wrap to a negative one).
  Status Integer(const char* key, std::optional<int64_t>* out) const;
  /// "id": the ask's id, required, from 1.
  Status Id(int64_t* out) const;
  Status Flag(const char* key, bool* out) const;
  /// A list of texts; absent leaves `out` as it is.
  Status List(const char* key, std::vector<std::string>* out) const;
  /// A list that distinguishes absent (nullopt) from empty (clear it).
  Status List(const char* key, std::optional<std::vector<std::string>>* out) const;
  /// One text or a list of texts (a form may send either).
  Status TextOrList(const char* key, std::vector<std::string>* out) const;

 private:
  const nlohmann::json& j_;
};

/// The query parameter `key`, if given.
std::optional<std::string> Query(const ApiRequest& r, const char* key);
/// The query parameter `key` as a whole number in [low, high]; `fallback` when absent.
Result<int> QueryInt(const ApiRequest& r, const char* key, int low, int high, int fallback);

}  // namespace keel
