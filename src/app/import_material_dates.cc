#include "app/import_material_dates.h"

#include <fmt/format.h>

#include "app/materials.h"

namespace keel {

Status EarlyMaterialCheck::Check(Store& store, const std::vector<MaterialRef>& materials, Id ask,
                                 Date asked_on, std::string_view file, int line,
                                 std::vector<std::string>* notices) {
  if (materials.empty()) return Status();
  if (!dated_) {
    Result<std::vector<MaterialVersionInfo>> versions = store.MaterialVersions();
    if (!versions.ok()) return versions.status();
    dated_.emplace();
    for (MaterialVersionInfo& v : *versions) {
      if (v.added_on) dated_->push_back(std::move(v));
    }
  }
  if (dated_->empty()) return Status();
  Ask used;
  used.id = ask;
  used.asked_on = asked_on;
  used.materials.reserve(materials.size());
  for (const MaterialRef& m : materials) used.materials.push_back(m.name + "@" + m.version);
  for (const std::string& warning : EarlyUseWarnings(used, *dated_)) {
    notices->push_back(fmt::format("{}:{}: {}", file, line, warning));
  }
  return Status();
}

}  // namespace keel
