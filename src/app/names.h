// Organizations and contacts are created on first use, so a typo would silently split one company
// into several ("Acme Corp", "ACME", "Acme, Inc.", "Zoë Müller" / "Zoe Muller", "Stratus" /
// "Stratus Analytics"): two spellings of one company would then count as two independent sources.
// Resolution matches names case-insensitively and refuses a near match of an existing name unless
// the person confirms it is a different one.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "app/key_table.h"
#include "core/model.h"
#include "core/result.h"
#include "store/store.h"

namespace keel {

/// Lower case with Latin diacritics folded to their base letters ("Zoë Müller" -> "zoe muller",
/// "Łódź" -> "lodz", "Straße" -> "strasse"), by a table for Latin-1 Supplement and Latin
/// Extended-A (U+00C0..U+017F); combining marks (U+0300..U+036F, as NFD text has them) are
/// dropped. Other characters are kept as they are.
std::string FoldName(std::string_view name);

/// The folded words of a name without trailing legal forms ("Acme Corp." -> {"acme"},
/// "O'Neil & Sons" -> {"oneil", "sons"}): letters and digits, apostrophes and dots joining.
std::vector<std::string> NameWords(std::string_view name);

/// The comparison key for near misses: NameWords joined ("Acme Corp." -> "acme",
/// "Café Zürich GmbH" -> "cafezurich").
std::string NameKey(std::string_view name);

/// True when two different names probably mean the same party: the same key, one slip in a long
/// name without digits ("Globex" / "Glbex"; "Held1" / "Held10" differ), or one name's words
/// begin the other's ("Stratus" / "Stratus Analytics").
bool IsNearMiss(std::string_view a, std::string_view b);
/// The key and typo rules, on keys already computed with NameKey (no word-prefix rule).
bool IsNearMissKey(const std::string& key_a, const std::string& key_b);

/// Existing names indexed by their folded keys: a near match of a new name is found by a few
/// hash and ordered-map lookups, plus a one-deletion index for the typo rule, never by
/// comparing against every name.
class NameIndex {
 public:
  /// Without `typos`, the one-slip rule is left out (and its index, the costly part, not built):
  /// import uses that, to stay fast on a million rows.
  explicit NameIndex(bool typos = true) : typos_(typos) {}
  void Add(const std::string& name);
  /// The existing name a new `name` nearly matches, if any (never the same name, ignoring case).
  std::optional<std::string> NearMatch(std::string_view name) const;
  /// NearMatch, then Add, reading the name's words once (an import does both for every new name).
  std::optional<std::string> NearMatchThenAdd(const std::string& name);

 private:
  void AddWords(const std::string& name, const std::vector<std::string>& words);
  std::optional<std::string> NearMatchWords(const std::string& name,
                                            const std::vector<std::string>& words) const;

  // Each key -> the index in names_ of the first name added under it.
  std::vector<std::string> names_;  // as added, each once
  KeyTable by_key_;                 // NameKey -> name
  KeyTable by_words_;               // words joined by ' ' -> name
  KeyTable by_prefix_;              // each proper word prefix -> name
  KeyTable by_deletion_;            // key minus one letter -> name
  bool typos_ = true;
};

/// What NameIndex::NearMatch finds, by one pass over `existing` (id order) without building an
/// index: one new name against a ledger's few thousand costs a fraction of the index's building.
std::optional<std::string> NearMatchAmong(const std::vector<Named>& existing,
                                          std::string_view name);

/// Finds the organization by name (ignoring case and extra spaces) or creates it. When the name
/// is new but close to an existing one, fails with a message naming both, unless `allow_similar`.
/// Appends "new organization 'X'" to *notices when it creates one.
Result<Id> ResolveOrganization(Store& store, std::string_view name, bool allow_similar,
                               std::vector<std::string>* notices);

/// The same for a contact; a new contact is recorded as working at `org_id`.
Result<Id> ResolveContact(Store& store, std::string_view name, Id org_id, bool allow_similar,
                          std::vector<std::string>* notices);

/// The same for the contact who introduced or referred (`--via`): its errors are about the
/// fields "via" and "new_via"; a new contact is recorded at no organization (an introducer can
/// work anywhere).
Result<Id> ResolveVia(Store& store, std::string_view name, bool allow_similar,
                      std::vector<std::string>* notices);

/// What `list --org TEXT` means: spaces collapsed and case and diacritics ignored, the one
/// organization so named; else every organization whose name begins so (one: a unique prefix;
/// several: ambiguous); else none, with the nearest name to suggest, if any.
struct OrgMatch {
  std::vector<std::string> names;  // sorted
  std::string did_you_mean;        // when names is empty; "" when nothing is close
};
OrgMatch MatchOrganization(const std::vector<Named>& orgs, std::string_view text);

}  // namespace keel
