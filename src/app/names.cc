#include "app/names.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "core/text.h"

namespace keel {
namespace {

// Legal forms that people add or drop when typing a company's name.
constexpr std::array<std::string_view, 14> kLegalSuffixes = {
    "inc", "incorporated", "corp", "corporation", "co", "company", "llc",
    "ltd", "limited",      "gmbh", "plc",         "sa", "ag",      "group"};

bool IsLegalSuffix(std::string_view word) {
  for (std::string_view s : kLegalSuffixes) {
    if (s == word) return true;
  }
  return false;
}

enum class Party { kOrganization, kContact };

Result<Id> Resolve(Store& store, Party party, std::string_view raw_name, Id org_id,
                   bool allow_similar, std::vector<std::string>* notices) {
  const bool is_org = party == Party::kOrganization;
  const std::string name = CollapseSpaces(raw_name);
  if (name.empty()) {
    return Error{is_org ? "the organization name is empty; give a name, like 'Acme'"
                        : "the person's name is empty; give a name with --to, or leave --to out"};
  }
  Result<std::optional<Id>> found = is_org ? store.FindOrganization(name) : store.FindContact(name);
  if (!found.ok()) return found.status();
  if (*found) return **found;

  if (!allow_similar) {
    Result<std::vector<Named>> existing = is_org ? store.Organizations() : store.Contacts();
    if (!existing.ok()) return existing.status();
    const std::string key = NameKey(name);
    for (const Named& other : *existing) {
      if (IsNearMissKey(key, NameKey(other.name))) {
        return Error{fmt::format(
            "'{}' looks like the existing {} '{}'; write '{}' to use it, or add {} if '{}' is "
            "really someone else",
            name, is_org ? "organization" : "contact", other.name, other.name,
            is_org ? "--new-org" : "--new-person", name)};
      }
    }
  }
  Result<Id> id = is_org ? store.AddOrganization(name) : store.AddContact(name, org_id);
  if (id.ok() && notices) {
    notices->push_back(fmt::format("new {} '{}'", is_org ? "organization" : "contact", name));
  }
  return id;
}

}  // namespace

std::string NameKey(std::string_view name) {
  // Split into lower-case alphanumeric words, then drop trailing legal forms.
  std::vector<std::string> words(1);
  for (char c : Lower(name)) {
    const bool alnum =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80;
    if (alnum) {
      words.back().push_back(c);
    } else if (c != '\'' && c != '.' && !words.back().empty()) {
      words.emplace_back();  // apostrophes and dots join: "O'Neil", "A.B."
    }
  }
  if (words.back().empty()) words.pop_back();
  while (words.size() > 1 && IsLegalSuffix(words.back())) words.pop_back();
  std::string key;
  for (const std::string& w : words) key += w;
  return key;
}

bool IsNearMiss(std::string_view a, std::string_view b) {
  return IsNearMissKey(NameKey(a), NameKey(b));
}

bool IsNearMissKey(const std::string& ka, const std::string& kb) {
  if (ka.empty() || kb.empty()) return false;
  if (ka == kb) return true;
  // One slip in a longer name ("Globex" / "Glbex" / "Gloebx"); short names differ too easily.
  // Lengths differing by more than one cannot be one edit apart: skip the distance.
  const size_t longer = std::max(ka.size(), kb.size());
  const size_t shorter = std::min(ka.size(), kb.size());
  return shorter >= 5 && longer - shorter <= 1 && EditDistance(ka, kb) <= 1;
}

Result<Id> ResolveOrganization(Store& store, std::string_view name, bool allow_similar,
                               std::vector<std::string>* notices) {
  return Resolve(store, Party::kOrganization, name, 0, allow_similar, notices);
}

Result<Id> ResolveContact(Store& store, std::string_view name, Id org_id, bool allow_similar,
                          std::vector<std::string>* notices) {
  return Resolve(store, Party::kContact, name, org_id, allow_similar, notices);
}

}  // namespace keel
