// Hashes, not keys: a million 64-bit hashes take a fraction of the memory of the key strings, and
// a false match needs two keys among a million to collide in 64 bits (about 1 in 10^7).
#include "app/import_duplicates.h"

#include <algorithm>
#include <functional>
#include <utility>

namespace keel {
namespace {

uint64_t Hash(std::string_view text) { return std::hash<std::string_view>{}(text); }

}  // namespace

bool DuplicateCheck::HashSet::Insert(uint64_t hash) {
  if (hash == 0) return !std::exchange(has_zero_, true);
  if (2 * (size_ + 1) > slots_.size()) Grow();  // at most half full: probes stay short
  const size_t mask = slots_.size() - 1;
  // The low bits of std::hash of a string are as good as its high bits: no mixing is needed.
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    if (slots_[i] == hash) return false;
    if (slots_[i] == 0) {
      slots_[i] = hash;
      ++size_;
      return true;
    }
  }
}

void DuplicateCheck::HashSet::Grow() {
  std::vector<uint64_t> old(std::max<size_t>(1024, 2 * slots_.size()), 0);
  old.swap(slots_);
  size_ = 0;
  for (uint64_t hash : old) {
    if (hash != 0) Insert(hash);
  }
}

void DuplicateCheck::Identity(const RowKey& k) {
  key_.clear();
  for (std::string_view part : {k.asked_on, k.org, k.person, k.role, k.kind, k.channel}) {
    for (char c : part) key_.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
    key_.push_back('\x1f');
  }
}

uint64_t DuplicateCheck::Full(const RowKey& k) {
  key_.append(k.outcome).push_back('\x1f');
  key_.append(k.replied_on);
  return Hash(key_);
}

Status DuplicateCheck::Load(Store& store) {
  return store.ForEachAskKey([&](const AskKey& a) {
    const RowKey k{a.asked_on, a.org, a.person, a.role, a.kind, a.channel, a.outcome, a.replied_on};
    Identity(k);
    ++identity_[Hash(key_)];
    ++full_[Full(k)];
  });
}

DuplicateCheck::Fate DuplicateCheck::Check(const RowKey& row) {
  Identity(row);
  const uint64_t identity_hash = Hash(key_);
  const uint64_t full_hash = Full(row);
  if (!full_.empty()) {
    auto full = full_.find(full_hash);
    if (full != full_.end() && full->second > 0) {
      --full->second;
      --identity_[identity_hash];
      return Fate::kInLedger;
    }
    auto same = identity_.find(identity_hash);
    if (same != identity_.end() && same->second > 0) {
      --same->second;
      return Fate::kAnswerDiffers;
    }
  }
  return in_file_.Insert(full_hash) ? Fate::kNew : Fate::kRepeatsInFile;
}

}  // namespace keel
