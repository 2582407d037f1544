// Why in memory: a million-row import must not ask the database for each row's names. The maps
// are filled once from the ledger (Load) and kept in step with every record added, so they stay
// the truth for the length of one import's transaction, which nothing else writes in.
#include "app/import_ids.h"

#include <utility>

namespace keel {
namespace {

// Appends `text` in lower case (ASCII, as the store's NOCASE folds) to *out.
void AppendLower(std::string* out, std::string_view text) {
  for (char c : text) out->push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
}

// The organization's id, U+001F, the title in lower case: one role, as the store's NOCASE sees it.
// Written into *out, a buffer kept between rows, so that a lookup allocates nothing.
const std::string& RoleKey(std::string* out, Id org_id, std::string_view title) {
  out->assign(std::to_string(org_id)).push_back('\x1f');
  AppendLower(out, title);
  return *out;
}

std::string& LowerKey(std::string* out, std::string_view name) {
  out->clear();
  AppendLower(out, name);
  return *out;
}

}  // namespace

Status ImportIds::Load(NameIndex* org_names, NameIndex* contact_names) {
  Result<std::vector<Named>> orgs = store_.Organizations();
  if (!orgs.ok()) return orgs.status();
  for (const Named& o : *orgs) {
    orgs_.Insert(LowerKey(&key_, o.name), static_cast<uint64_t>(o.id));
    if (org_names) org_names->Add(o.name);
  }
  Result<std::vector<RoleRow>> roles = store_.Opportunities();
  if (!roles.ok()) return roles.status();
  for (const RoleRow& r : *roles) {
    opportunities_.Insert(RoleKey(&key_, r.org_id, r.title), static_cast<uint64_t>(r.id));
  }
  Result<std::vector<Named>> contacts = store_.Contacts();
  if (!contacts.ok()) return contacts.status();
  for (const Named& c : *contacts) {
    contacts_.Insert(LowerKey(&key_, c.name), static_cast<uint64_t>(c.id));
    if (contact_names) contact_names->Add(c.name);
  }
  return Status();
}

Result<ImportIds::Found> ImportIds::Organization(const std::string& name) {
  const std::string& lower = LowerKey(&key_, name);
  if (std::optional<uint64_t> id = orgs_.Find(lower)) return Found{static_cast<Id>(*id), false};
  Result<Id> id = store_.AddOrganization(name);
  if (!id.ok()) return id.status();
  orgs_.Insert(lower, static_cast<uint64_t>(*id));
  return Found{*id, true};
}

Result<ImportIds::Found> ImportIds::Contact(const std::string& name, Id org_id) {
  const std::string& lower = LowerKey(&key_, name);
  if (std::optional<uint64_t> id = contacts_.Find(lower)) return Found{static_cast<Id>(*id), false};
  Result<Id> id = store_.AddContact(name, org_id);
  if (!id.ok()) return id.status();
  contacts_.Insert(lower, static_cast<uint64_t>(*id));
  return Found{*id, true};
}

Result<Id> ImportIds::Opportunity(Id org_id, const std::string& role) {
  const std::string& key = RoleKey(&key_, org_id, role);
  if (std::optional<uint64_t> id = opportunities_.Find(key)) return static_cast<Id>(*id);
  // Every role of the ledger was read: it is new.
  Result<Id> id = store_.AddOpportunity(org_id, role);
  if (!id.ok()) return id;
  opportunities_.Insert(key, static_cast<uint64_t>(*id));
  return id;
}

Result<Id> ImportIds::MaterialVersion(const MaterialRef& ref) {
  LowerKey(&key_, ref.name).push_back('@');
  AppendLower(&key_, ref.version);
  if (std::optional<uint64_t> id = versions_.Find(key_)) return static_cast<Id>(*id);
  Result<Id> id = store_.EnsureMaterialVersion(ref);
  if (!id.ok()) return id;
  versions_.Insert(key_, static_cast<uint64_t>(*id));
  return id;
}

Status ImportIds::SetAskMaterials(Id ask_id, const std::vector<MaterialRef>& refs) {
  if (refs.empty()) return Status();
  versions_of_ask_.clear();
  for (const MaterialRef& ref : refs) {
    Result<Id> id = MaterialVersion(ref);
    if (!id.ok()) return id.status();
    versions_of_ask_.push_back(*id);
  }
  return store_.SetAskMaterials(ask_id, versions_of_ask_);
}

}  // namespace keel
