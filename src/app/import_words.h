// How other trackers' CSV exports are understood: header aliases for each keel field, and the
// words trackers use for outcomes and channels. Kept as plain tables so they are easy to read
// and to extend.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/model.h"

namespace keel {

/// The fields of keel's CSV, in header order, plus kIgnore for a column to leave out.
enum class Field {
  kAskedOn,
  kOrg,
  kPerson,
  kKind,
  kChannel,
  kOutcome,
  kRepliedOn,
  kReason,
  kMaterials,
  kRole,
  kNote,
  kUntil,
  kFollowUps,
  kTheme,
  kIndustry,
  kLocation,
  kSeniority,
  kRemote,
  kSalary,
  kVia,  // who introduced or referred (issue 15)
  kIgnore
};
inline constexpr int kFieldCount = 20;  // without kIgnore

/// Reads a tracker's remote column: y/yes/true/remote, n/no/false/onsite/office, hybrid.
std::optional<std::string_view> InterpretRemoteWord(std::string_view text);

/// The CSV header name of a field ("asked_on").
std::string_view FieldName(Field field);
/// Parses a field name as given to --map / --value ("org", "outcome", "ignore").
std::optional<Field> ParseField(std::string_view name);

/// A header cell normalized for alias matching: lower case, punctuation as single spaces.
std::string NormalizeHeader(std::string_view header);
/// The field a (normalized) header stands for, by alias ("date applied" -> asked_on).
std::optional<Field> FieldForHeader(std::string_view normalized_header);

/// What a tracker's outcome word means for the ask.
struct OutcomeWord {
  enum class Meaning { kOutcome, kNotAnAsk } meaning = Meaning::kOutcome;
  Outcome outcome = Outcome::kPending;
};
/// Interprets a status word ("Ghosted", "Rejected", "Interview", "Didn't apply"); nullopt when
/// the word is unknown.
std::optional<OutcomeWord> InterpretOutcomeWord(std::string_view text);

/// Where a tracker's status word puts a role beyond what its application's outcome says: in an
/// interview round, at an offer, or at an offer the seeker declined. Import adds the interview or
/// offer ask this implies (for a row with a role), so that the derived stage (app/pipeline.h)
/// matches the tracker's column. Exact words only ("Inter + Rejec" is not an open interview).
enum class TrackerStage { kInterview, kOffer, kDeclinedOffer };
std::optional<TrackerStage> InterpretStageWord(std::string_view text);
/// True for the words of a role saved before applying (Wishlist, Saved, Bookmarked, To apply,
/// Need to apply): with --stages such a row with a role becomes a saved posting. Exact words.
bool IsSavedStageWord(std::string_view text);

/// Parses a date cell of any date column, in every form trackers and spreadsheets write: ISO
/// (with or without a time after it), YYYY/MM/DD, M/D/YYYY or D/M/YYYY (by `order`; two-digit
/// years are 20YY), D.M.YYYY, and month names ("Oct 1, 2026", "1 Oct 2026", "01-Oct-2026").
std::optional<Date> ParseTrackerDate(std::string_view text, SlashDateOrder order);
/// The forms above, for error messages.
std::string_view TrackerDateForms(SlashDateOrder order);

/// Interprets a channel word ("LinkedIn", "Company Site", "ZipRecruiter"); nullopt if unknown.
std::optional<Channel> InterpretChannelWord(std::string_view text);

}  // namespace keel
