// Materials as a Session handles them: name a version, list them with their evidence, compare
// two. Both front ends call these; the *Json functions are the one JSON shape the CLI's --json
// prints and the page reads.
#pragma once

#include <string>
#include <vector>

#include "app/materials.h"
#include "app/requests.h"
#include "app/session.h"
#include "app/views.h"

namespace keel {

/// Names (or describes) a version, with the overhaul guard's lines and the warnings about asks
/// that used it before its date.
Result<MaterialAdded> AddMaterial(Session& session, const MaterialAddOptions& options);
Json MaterialAddedJson(const MaterialAdded& added);

/// Every version with the asks that used it, by outcome (MaterialsJson).
Result<std::vector<MaterialRow>> Materials(Session& session);

/// Two versions side by side ("resume@v2", "resume@v3"; ComparisonJson, ComparisonLines).
Result<Comparison> CompareMaterials(Session& session, const std::string& a, const std::string& b);

}  // namespace keel
