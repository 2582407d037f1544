// Materials the seeker sends, in versions: naming a version (with a content hash, never the
// file), listing them with their evidence, comparing two, and the overhaul guard that asks for
// evidence before a working resume or pitch is torn up.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/compare.h"
#include "app/horizon.h"
#include "app/reports.h"
#include "store/store.h"

namespace keel {

struct MaterialAddInput {
  std::string name;                 // "resume"
  std::string version;              // "v3"
  std::optional<std::string> file;  // hashed, never kept
  std::string note;
  std::optional<Date> on;  // today when absent
  /// Instead of a file (the page): the SHA-256 the browser computed of the file's bytes, 64 hex
  /// digits, or pasted text whose UTF-8 bytes are hashed here. At most one of the three.
  std::optional<std::string> sha256, content;
};

struct MaterialAdded {
  MaterialVersionInfo version;
  /// Asks that used the version before the date it was added with (a warning, never a refusal).
  std::vector<std::string> warnings;
  /// For the CLI only: the commands that act on the warnings (the API does not send them).
  std::vector<std::string> hints;
  bool existed = false;                 // the version was first seen on an ask; now it is described
  std::optional<std::string> previous;  // the version it follows ("resume@v2"), if any
  std::vector<std::string> guard;       // the overhaul guard's lines (it never refuses)
};

Result<MaterialAdded> AddMaterial(Store& store, const MaterialAddInput& input, Date today,
                                  const Horizon& horizon);

/// One warning per material version `ask` used that was added (`keel material add --on`) after the
/// ask's date: a version cannot have gone out before it existed, so either the ask names the wrong
/// version or the version's date is wrong. Versions without a date are never warned about.
std::vector<std::string> EarlyUseWarnings(const Ask& ask,
                                          const std::vector<MaterialVersionInfo>& versions);

/// A material is a resume or a cover letter: 10 MiB is far more than any, and bounds the read.
inline constexpr size_t kMaxMaterialBytes = size_t{10} << 20;

/// SHA-256 of a file's bytes, in hex (app/sodium.h). Refuses a folder, a device, and a file larger
/// than kMaxMaterialBytes (io/file.h).
Result<std::string> Sha256OfFile(const std::string& path);

struct MaterialRow {
  MaterialVersionInfo version;
  GroupStats stats;  // asks that used it, by outcome as counted today
};
Result<std::vector<MaterialRow>> ListMaterials(Store& store, Date today, const Horizon& horizon);
Json MaterialsJson(const std::vector<MaterialRow>& rows);

/// Compares two versions ("resume@v2", "resume@v3"); an unknown one is an error naming it.
Result<Comparison> CompareMaterials(Store& store, const std::string& a, const std::string& b,
                                    Date today, const Horizon& horizon);

}  // namespace keel
