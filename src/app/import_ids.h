// The ids both imports write under: organizations, contacts, opportunities and material versions
// found by name or added. The CSV import (a coach's years of logs) and the backup restore share
// it, so a name means the same record in both.
#pragma once

#include <string>
#include <vector>

#include "app/key_table.h"
#include "app/names.h"
#include "core/model.h"
#include "core/result.h"
#include "store/store.h"

namespace keel {

class ImportIds {
 public:
  explicit ImportIds(Store& store) : store_(store) {}

  /// Reads the ledger's organizations and contacts once, adding their names to the near-match
  /// indexes when given.
  Status Load(NameIndex* org_names = nullptr, NameIndex* contact_names = nullptr);

  /// A record found by name or added now.
  struct Found {
    Id id = 0;
    bool added = false;
  };
  /// The organization or contact named so, ignoring ASCII case (as the store's NOCASE does),
  /// added as written when the ledger has none. A contact added belongs to `org_id` (0: none).
  Result<Found> Organization(const std::string& name);
  Result<Found> Contact(const std::string& name, Id org_id);
  /// The organization's role of that title (ignoring case), added when new.
  Result<Id> Opportunity(Id org_id, const std::string& role);
  Result<Id> MaterialVersion(const MaterialRef& ref);
  /// Records the versions (added when new) as the ask's materials; nothing when there are none.
  Status SetAskMaterials(Id ask_id, const std::vector<MaterialRef>& refs);

 private:
  Store& store_;
  // Keyed by the lower-case name (opportunities: org id, U+001F, lower-case title; versions:
  // name@version, lower-case).
  KeyTable orgs_, contacts_, opportunities_, versions_;  // key -> id
  // Buffers kept between rows, so that finding a name allocates nothing: the key looked up, and
  // SetAskMaterials's version ids.
  std::string key_;
  std::vector<Id> versions_of_ask_;
};

}  // namespace keel
