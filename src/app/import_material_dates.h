// Import's check of the material versions a row names against their dates: a version added with
// `keel material add --on DATE` cannot have gone out with an ask made before that date, so either
// the row names the wrong version or the version's date is wrong. As `keel ask` does, the import
// warns and goes on (the row is the person's record); the warning names the file's line, the ask
// and the version.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/result.h"
#include "store/store.h"

namespace keel {

class EarlyMaterialCheck {
 public:
  /// Adds to *notices one line per version in `materials` dated after `asked_on`:
  /// "FILE:LINE: ask #ID (DATE) used resume@v2, which you added on DATE; ...". The versions'
  /// dates are read once, on the first row that names a material: versions an import creates have
  /// no date, so the ones read before it are all there are.
  Status Check(Store& store, const std::vector<MaterialRef>& materials, Id ask, Date asked_on,
               std::string_view file, int line, std::vector<std::string>* notices);

 private:
  std::optional<std::vector<MaterialVersionInfo>> dated_;  // versions with a date
};

}  // namespace keel
