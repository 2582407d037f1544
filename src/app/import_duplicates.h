// Import's duplicate check: which rows of a file are asks already in the ledger. The rule is in
// ImportReport's comment (app/import.h); this is how it stays fast on a million rows: the ledger's
// keys are read once into hash sets of 64-bit hashes, never a query per row.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "store/store.h"

namespace keel {

/// The fields a row is compared on, as text: ISO dates ("" for none), enumerations by name,
/// names as written (compared ignoring ASCII case).
struct RowKey {
  std::string_view asked_on, org, person, role, kind, channel, outcome, replied_on;
};

class DuplicateCheck {
 public:
  enum class Fate {
    kNew,            // not in the ledger, first time in the file
    kRepeatsInFile,  // not in the ledger, but the same as an earlier row of the file
    kInLedger,       // the same ask is in the ledger
    kAnswerDiffers,  // an ask in the ledger is the same but for its answer
  };

  /// Reads the key of every ask in the ledger, once.
  Status Load(Store& store);
  /// Where a row stands. Each ledger ask answers for one row at most.
  Fate Check(const RowKey& row);

 private:
  void Identity(const RowKey& k);
  uint64_t Full(const RowKey& k);  // after Identity: appends the answer, hashes

  /// A set of 64-bit hashes in one open-addressed array (linear probing): a million rows'
  /// hashes without a million node allocations to make, and to free at the end.
  class HashSet {
   public:
    /// True when `hash` was not in the set yet.
    bool Insert(uint64_t hash);

   private:
    void Grow();
    std::vector<uint64_t> slots_;  // 0: empty (the hash 0 is kept apart in has_zero_)
    size_t size_ = 0;
    bool has_zero_ = false;
  };

  std::unordered_map<uint64_t, int32_t> full_, identity_;  // hash -> unmatched asks
  HashSet in_file_;                                        // full hashes of the file's rows
  std::string key_;                                        // scratch
};

}  // namespace keel
