// The vocabulary of the ledger: the kinds of asks, the channels they go through, their outcomes,
// and the plain records every layer passes around. Names here are the ones users type and the CSV
// and JSON carry, so they are part of the file format.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/result.h"

namespace keel {

using Id = int64_t;

enum class Kind {
  kChat,
  kResumeReview,
  kReferral,
  kIntro,
  kApplication,
  kInterview,
  kOffer,
  kFeedback,
  kOther
};
inline constexpr std::array<std::string_view, 9> kKindNames = {
    "chat",      "resume-review", "referral", "intro", "application",
    "interview", "offer",         "feedback", "other"};

enum class Channel {
  kColdEmail,
  kLinkedin,
  kReferral,
  kJobBoard,
  kCompanySite,
  kRecruiter,
  kEvent,
  kPhone,
  kOther
};
inline constexpr std::array<std::string_view, 9> kChannelNames = {
    "cold-email", "linkedin", "referral", "job-board", "company-site",
    "recruiter",  "event",    "phone",    "other"};

/// What came of an ask. `kPending` past the silence horizon is reported as silent, but stays
/// pending in the ledger: silence is inferred at report time and always reopenable.
/// `kWithdrawn` is the seeker's own decision to pull out: neither a no nor a silence, so it is
/// outside every rate, streak and the no-reply curve (docs/statistics.md).
enum class Outcome { kPending, kYes, kNo, kNotYet, kSilent, kWithdrawn };
inline constexpr std::array<std::string_view, 6> kOutcomeNames = {"pending", "yes",    "no",
                                                                  "not-yet", "silent", "withdrawn"};

std::string_view Name(Kind kind);
std::string_view Name(Channel channel);
std::string_view Name(Outcome outcome);

/// Parses a kind, channel or outcome name. The error lists the choices and, for a near miss,
/// asks "did you mean ...?". `what` names the option in the message ("--kind").
Result<Kind> ParseKind(std::string_view text, std::string_view what = "kind");
Result<Channel> ParseChannel(std::string_view text, std::string_view what = "channel");
Result<Outcome> ParseOutcome(std::string_view text, std::string_view what = "outcome");

/// True for outcomes that carry a reply date (the other party answered).
constexpr bool IsReply(Outcome outcome) {
  return outcome == Outcome::kYes || outcome == Outcome::kNo || outcome == Outcome::kNotYet;
}

/// True for outcomes that carry a date (replied_on): a reply, or the day the seeker withdrew.
constexpr bool HasEndDate(Outcome outcome) {
  return IsReply(outcome) || outcome == Outcome::kWithdrawn;
}

/// The default silence horizon in days, until the search has enough replies to learn its own.
inline constexpr int kDefaultSilenceDays = 21;

/// What an ask's role is like, for the focus and deal-breakers the seeker set (all optional).
struct Facets {
  std::string industry;           // "fintech"
  std::string location;           // "Berlin", "relocation to Austin"
  std::string seniority;          // "senior"
  std::string remote;             // "" (not said), "remote", "hybrid" or "onsite"
  std::optional<int64_t> salary;  // the role's pay, in the seeker's own unit (yearly, local money)

  bool empty() const {
    return industry.empty() && location.empty() && seniority.empty() && remote.empty() && !salary;
  }
  friend bool operator==(const Facets&, const Facets&) = default;
};
inline constexpr std::array<std::string_view, 3> kRemoteNames = {"remote", "hybrid", "onsite"};

/// A follow-up the seeker scheduled for a later day and has not made yet.
struct PlannedFollowUp {
  Id id = 0;  // the follow_ups row
  Date on;
  std::string note;
};

/// One ask as people see it: names rather than ids.
struct Ask {
  Id id = 0;
  Date asked_on;
  std::string org;
  std::string person;  // "" when the ask went to no particular contact
  std::string via;     // who introduced or referred (a contact); "" when nobody did
  Kind kind = Kind::kOther;
  Channel channel = Channel::kOther;
  Outcome outcome = Outcome::kPending;  // as recorded
  std::optional<Date> replied_on;
  std::optional<Date> until;  // not-yet: when to ask again
  std::string reason;
  std::vector<std::string> materials;  // "resume@v2", sorted
  std::string role;
  std::string note;
  std::vector<Date> follow_ups;                     // dates of the nudges made, oldest first
  std::vector<PlannedFollowUp> planned_follow_ups;  // scheduled, not made yet; by date
  Facets facets;
  /// The theme the person gave with --theme, overriding the classifier; nullopt = classify.
  std::optional<std::string> reason_theme;

  /// The outcome statistics count today: pending past the horizon is silent.
  Outcome EffectiveOutcome(Date today, int silence_days) const {
    if (outcome == Outcome::kPending && today - asked_on > silence_days) return Outcome::kSilent;
    return outcome;
  }
};

/// A material version reference, parsed from "name@version".
struct MaterialRef {
  std::string name;
  std::string version;
};
/// Parses "resume@v2". The version is required so that asks say which version they used.
Result<MaterialRef> ParseMaterialRef(std::string_view text);

}  // namespace keel
