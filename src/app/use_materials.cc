#include "app/use_materials.h"

namespace keel {

Result<MaterialAdded> AddMaterial(Session& session, const MaterialAddOptions& o) {
  MaterialAddInput input{o.name, o.version, o.file, o.note, std::nullopt, o.sha256, o.content};
  if (o.on) {
    Result<Date> on = ParseUserDate(*o.on, session.today);
    if (!on.ok()) return InField("on", on.error());
    input.on = *on;
  }
  Result<std::shared_ptr<Store>> store = session.OpenStore();
  if (!store.ok()) return store.status();
  return AddMaterial(**store, input, session.today, session.horizon);
}

Json MaterialAddedJson(const MaterialAdded& added) {
  const MaterialVersionInfo& v = added.version;
  Json j;
  j["material"] = v.ref();
  j["added_on"] = DateJson(v.added_on);
  j["sha256"] = v.content_hash.empty() ? Json(nullptr) : Json(v.content_hash);
  j["note"] = v.note;
  j["follows"] = added.previous ? Json(*added.previous) : Json(nullptr);
  j["guard"] = added.guard;
  j["warnings"] = added.warnings;
  return j;
}

Result<std::vector<MaterialRow>> Materials(Session& session) {
  Result<std::shared_ptr<Store>> store = session.OpenStore();
  if (!store.ok()) return store.status();
  return ListMaterials(**store, session.today, session.horizon);
}

Result<Comparison> CompareMaterials(Session& session, const std::string& a, const std::string& b) {
  Result<std::shared_ptr<Store>> store = session.OpenStore();
  if (!store.ok()) return store.status();
  return CompareMaterials(**store, a, b, session.today, session.horizon);
}

}  // namespace keel
