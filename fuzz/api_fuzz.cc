// libFuzzer target for the HTTP routes through the app/ seam (server/api.h, what keel serve runs
// after its transport and its Host, Origin and token checks): the input is a request, "GET " or
// "POST " (its first byte's low bit), a target up to the first newline (path and query, decoded
// as the server decodes them) and the rest as the JSON body, run against one ledger that the
// writes fill. Any request is answered without crashing, leaking or undefined behaviour, and:
//   - the answer is JSON (an object or an array), or the calendar for /api/agenda.ics;
//   - a status of 400 or more carries {"error", "code"}; a 500 is never answered.
//
// Built in the asan preset's build (scripts/fuzz; make fuzz).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "server/api.h"
#include "server/url.h"
#include "store/open.h"

namespace {

void Check(bool ok, const char* what, const std::string& detail) {
  if (!ok) {
    std::fprintf(stderr, "%s: %s\n", what, detail.c_str());
    std::abort();
  }
}

const keel::ApiEnv& Env() {
  static const keel::ApiEnv env = [] {
    keel::ApiEnv e;
    e.db_path = ":memory:";
    e.today = keel::Date::FromYmd(2026, 12, 3);
    std::shared_ptr<keel::Store> store = keel::OpenStore(":memory:").value();
    e.stores = [store]() -> keel::Result<std::shared_ptr<keel::Store>> { return store; };
    return e;
  }();
  return env;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  const size_t newline = input.find('\n');
  keel::Result<keel::Target> target = keel::ParseTarget(input.substr(0, newline));
  if (!target.ok() || !target->path.starts_with("/api/")) return 0;
  keel::ApiRequest request;
  request.method = (data[0] & 1) != 0 ? "POST" : "GET";
  request.path = target->path;
  for (auto& [key, value] : target->query) request.query.emplace(key, value);
  if (request.method == "POST" && newline != std::string_view::npos) {
    request.body = std::string(input.substr(newline + 1));
  }
  const keel::ApiResponse response = keel::HandleApi(request, Env());
  const std::string where = request.method + " " + request.path + " -> " +
                            std::to_string(response.status) + " " + response.body.substr(0, 200);
  Check(response.status != 500, "a 500", where);
  if (response.content_type.starts_with("text/calendar")) return 0;
  const nlohmann::json body =
      nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  Check(!body.is_discarded() && (body.is_object() || body.is_array()), "an answer that is not JSON",
        where);
  if (response.status >= 400) {
    Check(body.is_object() && body.contains("error") && body.contains("code"),
          "an error without its fields", where);
  }
  return 0;
}
