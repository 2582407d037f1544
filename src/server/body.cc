#include "server/body.h"

#include <fmt/format.h>

#include <charconv>

namespace keel {

using PlainJson = nlohmann::json;

Status Body::Text(const char* key, std::optional<std::string>* out) const {
  const auto it = j_.find(key);
  if (it == j_.end() || it->is_null()) return Status();
  if (!it->is_string()) return Error{"must be text", ErrorCode::kInvalid, key};
  *out = it->get<std::string>();
  return Status();
}

Status Body::Text(const char* key, std::string* out) const {
  std::optional<std::string> v;
  KEEL_RETURN_IF_ERROR(Text(key, &v));
  if (v) *out = *v;
  return Status();
}

Status Body::Integer(const char* key, std::optional<int64_t>* out) const {
  const auto it = j_.find(key);
  if (it == j_.end() || it->is_null()) return Status();
  if (!it->is_number_integer() ||
      (it->is_number_unsigned() && it->get<uint64_t>() > uint64_t{INT64_MAX})) {
    return Error{"must be a whole number below 2^63", ErrorCode::kInvalid, key};
  }
  *out = it->get<int64_t>();
  return Status();
}

Status Body::Id(int64_t* out) const {
  std::optional<int64_t> id;
  KEEL_RETURN_IF_ERROR(Integer("id", &id));
  if (!id) return Error{"give the ask's id", ErrorCode::kInvalid, "id"};
  if (*id < 1) return Error{"an ask's id is a whole number from 1", ErrorCode::kInvalid, "id"};
  *out = *id;
  return Status();
}

Status Body::Flag(const char* key, bool* out) const {
  const auto it = j_.find(key);
  if (it == j_.end() || it->is_null()) return Status();
  if (!it->is_boolean()) return Error{"must be true or false", ErrorCode::kInvalid, key};
  *out = it->get<bool>();
  return Status();
}

Status Body::List(const char* key, std::vector<std::string>* out) const {
  const auto it = j_.find(key);
  if (it == j_.end() || it->is_null()) return Status();
  if (!it->is_array()) return Error{"must be a list of text", ErrorCode::kInvalid, key};
  for (const PlainJson& v : *it) {
    if (!v.is_string()) return Error{"must be a list of text", ErrorCode::kInvalid, key};
    out->push_back(v.get<std::string>());
  }
  return Status();
}

Status Body::List(const char* key, std::optional<std::vector<std::string>>* out) const {
  const auto it = j_.find(key);
  if (it == j_.end() || it->is_null()) return Status();
  std::vector<std::string> items;
  KEEL_RETURN_IF_ERROR(List(key, &items));
  *out = std::move(items);
  return Status();
}

Status Body::TextOrList(const char* key, std::vector<std::string>* out) const {
  const auto it = j_.find(key);
  if (it != j_.end() && it->is_string()) {
    if (!it->get<std::string>().empty()) out->push_back(it->get<std::string>());
    return Status();
  }
  return List(key, out);
}

std::optional<std::string> Query(const ApiRequest& r, const char* key) {
  const auto it = r.query.find(key);
  if (it == r.query.end()) return std::nullopt;
  return it->second;
}

Result<int> QueryInt(const ApiRequest& r, const char* key, int low, int high, int fallback) {
  const std::optional<std::string> text = Query(r, key);
  if (!text) return fallback;
  int value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value < low || value > high) {
    return Error{fmt::format("must be a whole number from {} to {}", low, high),
                 ErrorCode::kInvalid, key};
  }
  return value;
}

}  // namespace keel
