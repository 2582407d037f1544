// Why keys and an index: a near match must be found without comparing a new name against every
// name in the ledger (a coach's ledger holds thousands), so each name is reduced to folded keys
// once and looked up by hash. Folding uses a small table rather than ICU: names in a job search
// are overwhelmingly Latin script, and Latin-1 Supplement plus Latin Extended-A covers the
// diacritics of Western, Central and Northern European names; letters outside it are compared as
// written (case folded for ASCII only).
#include "app/names.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "core/text.h"

namespace keel {
namespace {

// Legal forms that people add or drop when typing a company's name.
constexpr std::array<std::string_view, 16> kLegalSuffixes = {
    "inc",     "incorporated", "corp", "corporation", "co", "company", "llc", "ltd",
    "limited", "gmbh",         "plc",  "sa",          "ag", "group",   "llp", "bv"};

bool IsLegalSuffix(std::string_view word) {
  return std::find(kLegalSuffixes.begin(), kLegalSuffixes.end(), word) != kLegalSuffixes.end();
}

// U+00C0..U+017F folded to lower-case ASCII ("" for the signs × and ÷, which separate words).
// Generated from Unicode's canonical decompositions, plus the letters that have none (æ, ø, ß,
// đ, ł, œ, þ ...), spelled as they are usually transliterated.
constexpr std::array<std::string_view, 0xC0> kLatinFold = {
    "a", "a", "a",  "a",  "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",   // U+00C0
    "d", "n", "o",  "o",  "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",  // U+00D0
    "a", "a", "a",  "a",  "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",   // U+00E0
    "d", "n", "o",  "o",  "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y",   // U+00F0
    "a", "a", "a",  "a",  "a", "a", "c",  "c", "c", "c", "c", "c", "c", "c", "d",  "d",   // U+0100
    "d", "d", "e",  "e",  "e", "e", "e",  "e", "e", "e", "e", "e", "g", "g", "g",  "g",   // U+0110
    "g", "g", "g",  "g",  "h", "h", "h",  "h", "i", "i", "i", "i", "i", "i", "i",  "i",   // U+0120
    "i", "i", "ij", "ij", "j", "j", "k",  "k", "k", "l", "l", "l", "l", "l", "l",  "l",   // U+0130
    "l", "l", "l",  "n",  "n", "n", "n",  "n", "n", "n", "n", "n", "o", "o", "o",  "o",   // U+0140
    "o", "o", "oe", "oe", "r", "r", "r",  "r", "r", "r", "s", "s", "s", "s", "s",  "s",   // U+0150
    "s", "s", "t",  "t",  "t", "t", "t",  "t", "u", "u", "u", "u", "u", "u", "u",  "u",   // U+0160
    "u", "u", "u",  "u",  "w", "w", "y",  "y", "y", "z", "z", "z", "z", "z", "z",  "s",   // U+0170
};

bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80;
}

bool HasDigit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string Join(const std::vector<std::string>& words, size_t count, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < count; ++i) {
    if (i > 0) out += sep;
    out += words[i];
  }
  return out;
}

// kVia is a contact too, named as the one who introduced or referred (its own input fields).
enum class Party { kOrganization, kContact, kVia };

Result<Id> Resolve(Store& store, Party party, std::string_view raw_name, Id org_id,
                   bool allow_similar, std::vector<std::string>* notices) {
  const bool is_org = party == Party::kOrganization;
  const std::string name = CollapseSpaces(raw_name);
  if (name.empty()) {
    if (party == Party::kVia) {
      return Error{"the name of who introduced you is empty; give a name, or leave it out",
                   ErrorCode::kInvalid, "via"};
    }
    return is_org ? Error{"the organization name is empty; give a name, like 'Acme'",
                          ErrorCode::kInvalid, "org"}
                  : Error{"the person's name is empty; give a name, or leave it out",
                          ErrorCode::kInvalid, "person"};
  }
  Result<std::optional<Id>> found = is_org ? store.FindOrganization(name) : store.FindContact(name);
  if (!found.ok()) return found.status();
  if (*found) return **found;

  if (!allow_similar) {
    Result<std::vector<Named>> existing = is_org ? store.Organizations() : store.Contacts();
    if (!existing.ok()) return existing.status();
    if (std::optional<std::string> other = NearMatchAmong(*existing, name)) {
      // About the input that settles it: "this is someone new" (--new-org, --new-person).
      return Error{fmt::format("'{}' looks like the existing {} '{}'; write '{}' to use it, or "
                               "add that it is new if '{}' is really someone else",
                               name, is_org ? "organization" : "contact", *other, *other, name),
                   ErrorCode::kConflict,
                   is_org                 ? "new_org"
                   : party == Party::kVia ? "new_via"
                                          : "new_person",
                   "that it is new"};
    }
  }
  Result<Id> id = is_org ? store.AddOrganization(name) : store.AddContact(name, org_id);
  if (id.ok() && notices) {
    notices->push_back(fmt::format("new {} '{}'", is_org ? "organization" : "contact", name));
  }
  return id;
}

}  // namespace

namespace {

// FoldName into `out`, whose buffer is reused.
void FoldNameInto(std::string_view name, std::string& out) {
  out.clear();
  out.reserve(name.size());
  for (size_t i = 0; i < name.size();) {
    const auto byte = static_cast<unsigned char>(name[i]);
    if (byte < 0x80) {
      out.push_back(static_cast<char>(byte >= 'A' && byte <= 'Z' ? byte + ('a' - 'A') : byte));
      ++i;
      continue;
    }
    // Two-byte sequences cover U+0080..U+07FF, where the table and the combining marks are.
    if (byte >= 0xC2 && byte <= 0xDF && i + 1 < name.size() &&
        (static_cast<unsigned char>(name[i + 1]) & 0xC0) == 0x80) {
      const unsigned cp = ((byte & 0x1Fu) << 6) | (static_cast<unsigned char>(name[i + 1]) & 0x3Fu);
      if (cp >= 0xC0 && cp <= 0x17F) {
        const std::string_view folded = kLatinFold[cp - 0xC0];
        out += folded.empty() ? std::string_view(" ") : folded;
        i += 2;
        continue;
      }
      if (cp >= 0x300 && cp <= 0x36F) {  // a combining mark: the letter before it stays
        i += 2;
        continue;
      }
    }
    out.push_back(name[i]);
    ++i;
  }
}

// NameWords without allocating: the words one after another in `letters` (so `letters` is the
// name's key) and the end of each in `ends`; `folded` is scratch. The buffers are reused, since
// an ask to a new organization reads every name in the ledger.
struct NameWordBuffers {
  std::string folded, letters;
  std::vector<size_t> ends;

  void Read(std::string_view name) {
    FoldNameInto(name, folded);
    letters.clear();
    ends.clear();
    size_t start = 0;  // where the word being read began
    for (const char c : folded) {
      if (IsWordChar(c)) {
        letters.push_back(c);
      } else if (c != '\'' && c != '.' && letters.size() > start) {
        ends.push_back(letters.size());  // apostrophes and dots join: "O'Neil", "A.B."
        start = letters.size();
      }
    }
    if (letters.size() > start) ends.push_back(letters.size());
    while (ends.size() > 1 && IsLegalSuffix(Word(ends.size() - 1))) {
      ends.pop_back();
      letters.resize(ends.back());
    }
  }
  std::string_view Word(size_t i) const {
    const size_t begin = i == 0 ? 0 : ends[i - 1];
    return std::string_view(letters).substr(begin, ends[i] - begin);
  }
};

}  // namespace

std::string FoldName(std::string_view name) {
  std::string out;
  FoldNameInto(name, out);
  return out;
}

std::vector<std::string> NameWords(std::string_view name) {
  NameWordBuffers buffers;
  buffers.Read(name);
  std::vector<std::string> words;
  words.reserve(buffers.ends.size());
  for (size_t i = 0; i < buffers.ends.size(); ++i) words.emplace_back(buffers.Word(i));
  return words;
}

std::string NameKey(std::string_view name) {
  const std::vector<std::string> words = NameWords(name);
  return Join(words, words.size(), "");
}

bool IsNearMissKey(const std::string& ka, const std::string& kb) {
  if (ka.empty() || kb.empty()) return false;
  if (ka == kb) return true;
  // One slip in a longer name ("Globex" / "Glbex" / "Gloebx"); short names differ too easily,
  // and a digit is never a slip ("Held1" / "Held10", "Area 51" / "Area 52").
  // Lengths differing by more than one cannot be one edit apart: skip the distance.
  const size_t longer = std::max(ka.size(), kb.size());
  const size_t shorter = std::min(ka.size(), kb.size());
  if (shorter < 5 || longer - shorter > 1 || HasDigit(ka) || HasDigit(kb)) return false;
  return WithinOneEdit(ka, kb);
}

bool IsNearMiss(std::string_view a, std::string_view b) {
  if (IsNearMissKey(NameKey(a), NameKey(b))) return true;
  const std::vector<std::string> wa = NameWords(a), wb = NameWords(b);
  if (wa.empty() || wb.empty() || wa.size() == wb.size()) return false;
  const auto& shorter = wa.size() < wb.size() ? wa : wb;
  const auto& longer = wa.size() < wb.size() ? wb : wa;
  return std::equal(shorter.begin(), shorter.end(), longer.begin());
}

void NameIndex::Add(const std::string& name) { AddWords(name, NameWords(name)); }

std::optional<std::string> NameIndex::NearMatch(std::string_view raw) const {
  const std::string name = CollapseSpaces(raw);
  return NearMatchWords(name, NameWords(name));
}

std::optional<std::string> NameIndex::NearMatchThenAdd(const std::string& name) {
  // Collapsing spaces changes no word: the words of `name` are those of the collapsed name.
  const std::vector<std::string> words = NameWords(name);
  std::optional<std::string> near = NearMatchWords(CollapseSpaces(name), words);
  AddWords(name, words);
  return near;
}

void NameIndex::AddWords(const std::string& name, const std::vector<std::string>& words) {
  if (words.empty()) return;
  const uint64_t index = names_.size();
  bool used = false;  // the name is kept only when some key of it is new
  std::string key = Join(words, words.size(), "");
  used |= by_key_.Insert(key, index);
  // The words joined by spaces; the first n words are a prefix of it.
  const std::string joined = Join(words, words.size(), " ");
  used |= by_words_.Insert(joined, index);
  size_t end = 0;
  for (size_t n = 1; n < words.size(); ++n) {
    end += (n > 1 ? 1 : 0) + words[n - 1].size();
    used |= by_prefix_.Insert(std::string_view(joined).substr(0, end), index);
  }
  if (typos_ && key.size() >= 5 && !HasDigit(key)) {
    std::string deleted;
    for (size_t i = 0; i < key.size(); ++i) {
      deleted.assign(key).erase(i, 1);
      used |= by_deletion_.Insert(deleted, index);
    }
  }
  if (used) names_.push_back(name);
}

std::optional<std::string> NameIndex::NearMatchWords(const std::string& name,
                                                     const std::vector<std::string>& words) const {
  if (words.empty()) return std::nullopt;
  auto other = [&](const KeyTable& table, std::string_view k) -> std::optional<std::string> {
    const std::optional<uint64_t> found = table.Find(k);
    if (!found || EqualsIgnoreCase(names_[*found], name)) return std::nullopt;
    return names_[*found];
  };
  const std::string key = Join(words, words.size(), "");
  if (auto hit = other(by_key_, key)) return hit;
  // The new name is the beginning of an existing one ("Stratus" / "Stratus Analytics") ...
  const std::string joined = Join(words, words.size(), " ");
  if (auto hit = other(by_prefix_, joined)) return hit;
  // ... or an existing name is the beginning of the new one (its first n words: a prefix of
  // `joined`).
  size_t end = 0;
  for (size_t n = 1; n < words.size(); ++n) {
    end += (n > 1 ? 1 : 0) + words[n - 1].size();
    if (auto hit = other(by_words_, std::string_view(joined).substr(0, end))) return hit;
  }
  if (typos_ && key.size() >= 5 && !HasDigit(key)) {
    // One edit apart: a deletion from one side gives the other, or a deletion from each gives
    // the same text (a changed or swapped letter). Checked, since the index is a filter.
    auto checked = [&](const KeyTable& table, std::string_view k) -> std::optional<std::string> {
      std::optional<std::string> hit = other(table, k);
      if (hit && IsNearMissKey(key, NameKey(*hit))) return hit;
      return std::nullopt;
    };
    if (auto hit = checked(by_deletion_, key)) return hit;
    std::string deleted;
    for (size_t i = 0; i < key.size(); ++i) {
      deleted.assign(key).erase(i, 1);
      if (auto hit = checked(by_key_, deleted)) return hit;
      if (auto hit = checked(by_deletion_, deleted)) return hit;
    }
  }
  return std::nullopt;
}

std::optional<std::string> NearMatchAmong(const std::vector<Named>& existing,
                                          std::string_view raw) {
  const std::string name = CollapseSpaces(raw);
  const std::vector<std::string> words = NameWords(name);
  if (words.empty()) return std::nullopt;
  const std::string key = Join(words, words.size(), "");
  // The rules in NameIndex::NearMatch's order: the same key, the new name beginning an existing
  // one, an existing one (fewest words first) beginning the new one, one slip; the earliest
  // name of the best rule wins, as the index keeps the first name it was given for each entry.
  const size_t kTypo = words.size() + 2;
  size_t best_rank = kTypo + 1;
  const Named* best = nullptr;
  NameWordBuffers theirs;  // each existing name's words in turn, without an allocation each
  for (const Named& other : existing) {
    theirs.Read(other.name);
    const size_t their_count = theirs.ends.size();
    if (their_count == 0) continue;
    size_t rank = kTypo + 1;
    const size_t common = std::min(words.size(), their_count);
    bool same_start = true;
    for (size_t i = 0; i < common && same_start; ++i) same_start = words[i] == theirs.Word(i);
    if (theirs.letters == key) {
      rank = 0;
    } else if (same_start && words.size() < their_count) {
      rank = 1;
    } else if (same_start && their_count < words.size()) {
      rank = 1 + their_count;  // 2 .. words.size(): fewer words first
    } else if (best_rank > kTypo - 1 && IsNearMissKey(key, theirs.letters)) {
      rank = kTypo;
    }
    if (rank < best_rank && !EqualsIgnoreCase(other.name, name)) {
      best_rank = rank;
      best = &other;
      if (rank == 0) break;
    }
  }
  if (best == nullptr) return std::nullopt;
  return best->name;
}

Result<Id> ResolveOrganization(Store& store, std::string_view name, bool allow_similar,
                               std::vector<std::string>* notices) {
  return Resolve(store, Party::kOrganization, name, 0, allow_similar, notices);
}

Result<Id> ResolveContact(Store& store, std::string_view name, Id org_id, bool allow_similar,
                          std::vector<std::string>* notices) {
  return Resolve(store, Party::kContact, name, org_id, allow_similar, notices);
}

Result<Id> ResolveVia(Store& store, std::string_view name, bool allow_similar,
                      std::vector<std::string>* notices) {
  return Resolve(store, Party::kVia, name, 0, allow_similar, notices);
}

OrgMatch MatchOrganization(const std::vector<Named>& orgs, std::string_view text) {
  OrgMatch m;
  const std::string wanted = CollapseSpaces(text);
  if (wanted.empty()) return m;
  for (const Named& o : orgs) {
    if (EqualsIgnoreCase(o.name, wanted)) {
      m.names = {o.name};
      return m;
    }
  }
  const std::string folded = FoldName(wanted);
  for (const Named& o : orgs) {
    if (FoldName(o.name).starts_with(folded)) m.names.push_back(o.name);
  }
  std::sort(m.names.begin(), m.names.end());
  if (!m.names.empty()) return m;
  NameIndex index;
  for (const Named& o : orgs) index.Add(o.name);
  if (std::optional<std::string> near = index.NearMatch(wanted)) {
    m.did_you_mean = *near;
    return m;
  }
  std::vector<std::string> lower;
  lower.reserve(orgs.size());
  for (const Named& o : orgs) lower.push_back(FoldName(o.name));
  std::vector<std::string_view> views(lower.begin(), lower.end());
  const std::string_view guess = ClosestMatch(folded, views);
  for (size_t i = 0; i < views.size() && !guess.empty(); ++i) {
    if (views[i].data() == guess.data()) m.did_you_mean = orgs[i].name;
  }
  return m;
}

}  // namespace keel
