// Postings: a role saved before applying (`keel posting add ORG --role ROLE`), with the posting's
// description as the seeker saved it, its URL, deadline, salary range and location. The posting
// belongs to an opportunity (the role at the organization), created or reused exactly as `keel ask
// --role` does; an opportunity with a posting and no ask is at stage `saved`.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/views.h"
#include "core/result.h"
#include "store/store.h"

namespace keel {

/// A description file is read up to this many bytes (a pasted page is far smaller); the text
/// itself holds at most kMaxDocumentChars characters (app/validate.h).
inline constexpr size_t kMaxDescriptionFileBytes = size_t{1} << 20;
/// A URL longer than this is a mistake (a pasted page, a tracking monster).
inline constexpr size_t kMaxUrlChars = 2000;
/// Listings carry the first characters of each description; `posting show` carries it whole.
inline constexpr int64_t kDescriptionExcerptChars = 280;
/// ListPostings' `description_chars` that keeps every description whole (the backup).
inline constexpr int64_t kWholeDescription = 2147483647;

struct PostingInput {
  std::string org;
  std::string role;
  std::string url;  // "" for none
  /// The description: read from this file ("-" = standard input) when given, else `description`.
  std::optional<std::string> description_file;
  std::string description;
  std::string deadline;      // as typed (ParseFutureDate); "" for none
  std::string salary_range;  // "MIN-MAX" in whole numbers; "" for none
  std::string location;
  std::string note;
  bool new_org = false;  // create the organization even if it resembles an existing one
};

/// The posting as stored now, and what the person should know.
struct PostingChange {
  Posting posting;
  std::vector<std::string> notices;   // "new organization 'Acme'"
  std::vector<std::string> warnings;  // "the deadline (2026-11-30) has passed"
  std::vector<std::string> hints;     // CLI-only commands acting on them
};

/// Saves a posting, creating the organization and the opportunity on first use (near-miss names
/// refused as `ask` refuses them, unless new_org). One posting per opportunity: a second one for
/// the same role is a conflict (edit the first). One journaled transaction.
Result<PostingChange> AddPosting(Store& store, const PostingInput& input, Date today);

/// Fields to change; absent ones stay. An empty url, deadline, salary_range, location, note or
/// description clears it; org and role cannot be cleared.
struct PostingEdit {
  std::optional<std::string> org, role, url, description, description_file, deadline, salary_range,
      location, note;
  bool new_org = false;
};
Result<PostingChange> EditPosting(Store& store, Id id, const PostingEdit& edit, Date today);

/// Deletes the posting (the opportunity and its asks stay); returns it as it was.
Result<Posting> RemovePosting(Store& store, Id id);

/// Reads one posting whole, failing with "there is no posting #N" when it does not exist.
Result<Posting> FindPosting(Store& store, Id id);

/// Every posting, deadline soonest first (then those without one), descriptions cut to
/// kDescriptionExcerptChars.
Result<std::vector<Posting>> ListPostings(Store& store);

/// "90000-120000" (spaces around the dash allowed; one number N means N-N) as {min, max}; refuses
/// anything else, a minimum above the maximum, and numbers past 12 digits, naming the fix.
Result<std::pair<int64_t, int64_t>> ParseSalaryRange(std::string_view text);
/// An http or https URL with a host, one line, no spaces, at most kMaxUrlChars.
Status CheckPostingUrl(std::string_view url);

/// "90,000–120,000", or "" without a range.
std::string SalaryRangeText(const PostingRecord& posting);
/// "#3 (Acme, Data Engineer)".
std::string Describe(const Posting& posting);

/// {id, org, role, opportunity_id, saved_on, url, deadline, salary_min, salary_max, location,
/// note, description, description_chars, asks}: url null when none; `description` whole for a
/// posting read whole, its first kDescriptionExcerptChars characters in listings (compare
/// description_chars).
Json PostingJson(const Posting& posting);

}  // namespace keel
