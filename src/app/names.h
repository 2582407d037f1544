// Organizations and contacts are created on first use, so a typo would silently split one company
// into several ("Acme Corp", "ACME", "Acme, Inc."). Resolution matches names case-insensitively
// and refuses a near miss of an existing name unless the person confirms it is a different one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/result.h"
#include "store/store.h"

namespace keel {

/// The comparison key for near misses: lower case, letters and digits only, without legal-form
/// suffixes ("Acme Corp." -> "acme", "ACME, Inc" -> "acme").
std::string NameKey(std::string_view name);

/// True when two different names probably mean the same party.
bool IsNearMiss(std::string_view a, std::string_view b);
/// The same, on keys already computed with NameKey.
bool IsNearMissKey(const std::string& key_a, const std::string& key_b);

/// Finds the organization by name (ignoring case and extra spaces) or creates it. When the name
/// is new but close to an existing one, fails with a message naming both, unless `allow_similar`.
/// Appends "new organization 'X'" to *notices when it creates one.
Result<Id> ResolveOrganization(Store& store, std::string_view name, bool allow_similar,
                               std::vector<std::string>* notices);

/// The same for a contact; a new contact is recorded as working at `org_id`.
Result<Id> ResolveContact(Store& store, std::string_view name, Id org_id, bool allow_similar,
                          std::vector<std::string>* notices);

}  // namespace keel
