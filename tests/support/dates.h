// Dates in tests, written as ISO text: Day("2026-11-26"). One definition for every test file
// (the unit tests are compiled several files to a unit, where two definitions would clash).
#pragma once

#include "core/date.h"

namespace keel {

/// The date `iso` ("2026-11-26"); a test's own constant, so a bad one is a bug in the test.
inline Date Day(const char* iso) { return ParseIsoDate(iso).value(); }

}  // namespace keel
