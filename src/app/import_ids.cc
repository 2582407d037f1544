// Why in memory: a million-row import must not ask the database for each row's names. The maps
// are filled once from the ledger (Load) and kept in step with every record added, so they stay
// the truth for the length of one import's transaction, which nothing else writes in.
#include "app/import_ids.h"

#include <utility>

#include "core/text.h"

namespace keel {
namespace {

// The organization's id, U+001F, the title in lower case: one role, as the store's NOCASE sees it.
std::string RoleKey(Id org_id, std::string_view title) {
  return std::to_string(org_id) + '\x1f' + Lower(title);
}

}  // namespace

Status ImportIds::Load(NameIndex* org_names, NameIndex* contact_names) {
  Result<std::vector<Named>> orgs = store_.Organizations();
  if (!orgs.ok()) return orgs.status();
  for (const Named& o : *orgs) {
    orgs_.emplace(Lower(o.name), o.id);
    if (org_names) org_names->Add(o.name);
  }
  Result<std::vector<RoleRow>> roles = store_.Opportunities();
  if (!roles.ok()) return roles.status();
  for (const RoleRow& r : *roles) opportunities_.emplace(RoleKey(r.org_id, r.title), r.id);
  Result<std::vector<Named>> contacts = store_.Contacts();
  if (!contacts.ok()) return contacts.status();
  for (const Named& c : *contacts) {
    contacts_.emplace(Lower(c.name), c.id);
    if (contact_names) contact_names->Add(c.name);
  }
  return Status();
}

Result<ImportIds::Found> ImportIds::Organization(const std::string& name) {
  std::string lower = Lower(name);
  if (auto it = orgs_.find(lower); it != orgs_.end()) return Found{it->second, false};
  Result<Id> id = store_.AddOrganization(name);
  if (!id.ok()) return id.status();
  orgs_.emplace(std::move(lower), *id);
  return Found{*id, true};
}

Result<ImportIds::Found> ImportIds::Contact(const std::string& name, Id org_id) {
  std::string lower = Lower(name);
  if (auto it = contacts_.find(lower); it != contacts_.end()) return Found{it->second, false};
  Result<Id> id = store_.AddContact(name, org_id);
  if (!id.ok()) return id.status();
  contacts_.emplace(std::move(lower), *id);
  return Found{*id, true};
}

Result<Id> ImportIds::Opportunity(Id org_id, const std::string& role) {
  std::string key = RoleKey(org_id, role);
  auto it = opportunities_.find(key);
  if (it == opportunities_.end()) {  // every role of the ledger was read: it is new
    Result<Id> id = store_.AddOpportunity(org_id, role);
    if (!id.ok()) return id;
    it = opportunities_.emplace(std::move(key), *id).first;
  }
  return it->second;
}

Result<Id> ImportIds::MaterialVersion(const MaterialRef& ref) {
  std::string key = Lower(ref.name) + '@' + Lower(ref.version);
  auto it = versions_.find(key);
  if (it == versions_.end()) {
    Result<Id> id = store_.EnsureMaterialVersion(ref);
    if (!id.ok()) return id;
    it = versions_.emplace(std::move(key), *id).first;
  }
  return it->second;
}

Status ImportIds::SetAskMaterials(Id ask_id, const std::vector<MaterialRef>& refs) {
  if (refs.empty()) return Status();
  std::vector<Id> versions;
  versions.reserve(refs.size());
  for (const MaterialRef& ref : refs) {
    Result<Id> id = MaterialVersion(ref);
    if (!id.ok()) return id.status();
    versions.push_back(*id);
  }
  return store_.SetAskMaterials(ask_id, versions);
}

}  // namespace keel
