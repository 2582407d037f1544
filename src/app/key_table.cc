#include "app/key_table.h"

#include <algorithm>
#include <functional>
#include <utility>

namespace keel {

uint64_t KeyTable::HashOf(std::string_view key) {
  const uint64_t hash = std::hash<std::string_view>{}(key);
  return hash == 0 ? 1 : hash;
}

size_t KeyTable::Probe(std::string_view key, uint64_t hash) const {
  // Linear probing: at most half full, so the runs stay short. std::hash of a string mixes its
  // low bits as well as its high ones.
  const size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.hash == 0) return i;
    if (slot.hash == hash && std::string_view(keys_).substr(slot.at, slot.length) == key) return i;
  }
}

bool KeyTable::Insert(std::string_view key, uint64_t value) {
  if (2 * (size_ + 1) > slots_.size()) Grow();
  const uint64_t hash = HashOf(key);
  Slot& slot = slots_[Probe(key, hash)];
  if (slot.hash != 0) return false;
  slot = Slot{hash, keys_.size(), key.size(), value};
  keys_.append(key);
  ++size_;
  return true;
}

std::optional<uint64_t> KeyTable::Find(std::string_view key) const {
  if (size_ == 0) return std::nullopt;
  const Slot& slot = slots_[Probe(key, HashOf(key))];
  if (slot.hash == 0) return std::nullopt;
  return slot.value;
}

void KeyTable::Grow() {
  std::vector<Slot> old(std::max<size_t>(64, 2 * slots_.size()));
  old.swap(slots_);
  const size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.hash == 0) continue;
    size_t i = slot.hash & mask;
    while (slots_[i].hash != 0) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

}  // namespace keel
