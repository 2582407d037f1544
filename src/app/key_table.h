// A map from short strings to 64-bit values (ids, indexes) for an index of hundreds of thousands of
// keys that only grows (an import's names and their ids, its near-match index): the keys' bytes are
// appended to one arena and the slots are one open-addressed array, so an insert allocates nothing
// but an occasional doubling, and a lookup reads one slot and the key's bytes. std::unordered_map
// spent a node allocation, a free at the end and a cache miss or two per key: the near-match check
// alone was a tenth of a million-row import.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace keel {

class KeyTable {
 public:
  /// Adds `key` -> `value` unless `key` is there already (the first value stays). True if added.
  bool Insert(std::string_view key, uint64_t value);
  /// The value of `key`, if it is there.
  std::optional<uint64_t> Find(std::string_view key) const;
  size_t size() const { return size_; }

 private:
  // 16 bytes, four to a cache line: a probe of a table of a million keys misses the cache once
  // for the slot and once for the entry, whose value and length lie beside its key's bytes.
  struct Slot {
    uint64_t hash = 0;  // 0: empty (a key whose hash is 0 is stored as 1)
    uint64_t at = 0;    // where the entry begins in entries_
  };
  struct EntryHead {  // in entries_, followed by the key's bytes
    uint64_t value;
    uint64_t length;
  };
  EntryHead HeadAt(uint64_t at) const;
  static uint64_t HashOf(std::string_view key);
  /// The slot holding `key`, or the empty slot where it would go.
  size_t Probe(std::string_view key, uint64_t hash) const;
  void Grow();

  std::vector<Slot> slots_;  // a power of two in size, at most half full
  std::string entries_;      // each key's EntryHead and bytes, one after another
  size_t size_ = 0;
};

}  // namespace keel
