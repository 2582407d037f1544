#include "app/key_table.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <utility>

namespace keel {

uint64_t KeyTable::HashOf(std::string_view key) {
  const uint64_t hash = std::hash<std::string_view>{}(key);
  return hash == 0 ? 1 : hash;
}

KeyTable::EntryHead KeyTable::HeadAt(uint64_t at) const {
  EntryHead head;
  std::memcpy(&head, entries_.data() + at, sizeof head);
  return head;
}

size_t KeyTable::Probe(std::string_view key, uint64_t hash) const {
  // Linear probing: at most half full, so the runs stay short. std::hash of a string mixes its
  // low bits as well as its high ones.
  const size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.hash == 0) return i;
    if (slot.hash == hash && HeadAt(slot.at).length == key.size() &&
        std::string_view(entries_).substr(slot.at + sizeof(EntryHead), key.size()) == key) {
      return i;
    }
  }
}

bool KeyTable::Insert(std::string_view key, uint64_t value) {
  if (2 * (size_ + 1) > slots_.size()) Grow();
  const uint64_t hash = HashOf(key);
  Slot& slot = slots_[Probe(key, hash)];
  if (slot.hash != 0) return false;
  slot = Slot{hash, entries_.size()};
  const EntryHead head{value, key.size()};
  entries_.append(reinterpret_cast<const char*>(&head), sizeof head);
  entries_.append(key);
  ++size_;
  return true;
}

std::optional<uint64_t> KeyTable::Find(std::string_view key) const {
  if (size_ == 0) return std::nullopt;
  const Slot& slot = slots_[Probe(key, HashOf(key))];
  if (slot.hash == 0) return std::nullopt;
  return HeadAt(slot.at).value;
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
