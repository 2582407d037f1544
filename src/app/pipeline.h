// Pipelines: where each opportunity (a role at an organization) stands, derived from its asks and
// answers, and the funnel of stage-to-stage rates. The stage is never stored: the ledger of asks
// stays the one truth, and moving a card on the board records the ask or answer it means.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/horizon.h"
#include "app/views.h"
#include "core/model.h"
#include "core/result.h"
#include "stats/proportion.h"
#include "store/store.h"

namespace keel {

/// The stages, in the order a role moves through them; the last four are endings.
/// `declined` is the seeker turning an offer down, `withdrawn` pulling out earlier: both are the
/// seeker's own choice and never an employer's no. `ghosted` is silence past the horizon: no
/// answer, not a rejection, and reopened by any later reply.
enum class Stage {
  kSaved,
  kApplied,
  kScreen,
  kInterview,
  kOffer,
  kAccepted,
  kDeclined,
  kRejected,
  kWithdrawn,
  kGhosted
};
inline constexpr std::array<std::string_view, 10> kStageNames = {
    "saved",    "applied",  "screen",   "interview", "offer",
    "accepted", "declined", "rejected", "withdrawn", "ghosted"};

std::string_view Name(Stage stage);
/// How a person reads the stage: "closed by them" for rejected, "silent" for ghosted, "withdrawn
/// by you" and "declined by you" for the seeker's own choices, "interview round 2".
std::string StageLabel(Stage stage, int round = 0);
/// True for accepted, declined, rejected, withdrawn and ghosted.
bool IsEnding(Stage stage);

/// One transition: the stage reached, on which day, caused by which ask and how.
struct StageStep {
  Stage stage = Stage::kSaved;
  int round = 0;  // interview rounds, from 1; 0 otherwise
  Date on;
  Id ask_id = 0;   // 0 for a saved role with no ask yet
  std::string by;  // "asked", "yes", "no", "silence", "withdrawn", "accepted", "saved"
};

/// Where one opportunity stands.
struct OpportunityStage {
  std::string org;
  std::string role;
  Stage stage = Stage::kSaved;
  int round = 0;
  std::optional<Date> since;  // when the current stage began (nullopt: saved, no date known)
  /// The furthest stage the role ever reached (an ending keeps the stage it ended at), which is
  /// what the funnel counts.
  Stage furthest = Stage::kSaved;
  int furthest_round = 0;
  std::vector<StageStep> history;  // oldest first
  std::vector<Id> asks;            // the opportunity's asks, by date then id
  /// The asks a move on the board acts on: the latest application, interview or offer ask (a no
  /// or a withdrawal goes there), and the latest application (its yes is the screen). 0: none.
  Id latest_step_ask = 0;
  Kind latest_step_kind = Kind::kOther;
  bool latest_step_waiting = false;  // no answer on it yet (pending, or silent)
  Id application_ask = 0;
  /// Interview rounds scheduled for the role's asks (keel interview): how many in all, and the
  /// next one from today on. Shown beside the stage; they never move it (the stage comes from
  /// asks and answers only).
  int64_t rounds_scheduled = 0;
  std::optional<InterviewRecord> next_interview;
};

/// The accepted offer that closed the search, as the derivation needs it.
struct AcceptedOffer {
  Id ask_id = 0;
  Date on;
};

/// Derives the stage of one opportunity from its asks (any order; asks of other kinds than
/// application, interview and offer are listed but move nothing) and their earlier answers
/// (AnswerRecord by ask_id; the ask's current answer is on the ask). Pure.
///
/// Events, in date order (an ask before its answers on the same day):
/// - an application asked -> applied; its yes -> screen;
/// - interview ask i (the i-th by date) asked -> interview round i; its yes -> round i + 1;
/// - an offer ask's yes -> offer; the closing of the search on one of the role's asks (still a
///   yes) -> accepted;
/// - a no (current or earlier answer) on any of them -> rejected;
/// - the seeker's withdrawal -> withdrawn, or declined once an offer was made;
/// - an ask past the silence horizon with no answer -> ghosted on asked_on + H (today at most),
///   unless another of the role's asks is still awaited within the horizon or the role already
///   moved past that ask's stage.
/// A stage only moves forward, except that an ending is followed by whatever happens next (a
/// late reply to a silence, a new application after a no). An accepted offer stays accepted.
/// A role with no application, interview or offer ask is `saved` since `saved_on` (the day its
/// posting was kept) or its first ask.
OpportunityStage DeriveStage(std::string org, std::string role, std::vector<Ask> asks,
                             const std::vector<AnswerRecord>& earlier,
                             const std::optional<AcceptedOffer>& accepted, Date today,
                             int silence_days, std::optional<Date> saved_on = std::nullopt);

/// One step of the funnel (applied -> screen, screen -> interview, interview -> offer,
/// offer -> accepted), counted over the roles that reached `from`:
/// k reached `to` (or beyond); the others are closed by them, silent, the seeker's own choice
/// (withdrawn or declined: left out of the rate), or still open (no answer yet: left out).
/// n = k + closed_by_them + silent, as decided asks count silence (PRODUCT.md).
struct FunnelStep {
  Stage from = Stage::kApplied;
  Stage to = Stage::kScreen;
  int64_t reached = 0;  // roles that reached `from`
  int64_t k = 0, n = 0;
  int64_t closed_by_them = 0, silent = 0, withdrawn = 0, open = 0;
  std::optional<double> rate;        // k / n; nullopt when n = 0
  std::optional<Interval> wilson95;  // statsmodels' Wilson interval; nullopt when n = 0
};
inline constexpr int kFewForFunnel = 20;  // below this many decided roles the range is wide

std::vector<FunnelStep> BuildFunnel(const std::vector<OpportunityStage>& roles);

/// "3 of 20 applications reached a screen (15 %, likely 5–36 %)", then what became of the others,
/// worded so that silence is not a no and the seeker's withdrawals are theirs.
std::string FunnelLine(const FunnelStep& step);
/// The column header's short rate: "3 of 20 (15 %)", or "no answers yet".
std::string FunnelShort(const FunnelStep& step);

struct PipelineReport {
  Horizon horizon;
  Date today;
  std::vector<OpportunityStage> roles;  // by stage (saved first, endings last), then org, role
  std::vector<FunnelStep> funnel;
};

/// A role kept before any ask (a posting): its organization and role as stored, and the day.
struct SavedRole {
  std::string org;
  std::string role;
  Date saved_on;
};

/// The report over every ask (ListAsks), their earlier answers, the closing and the saved roles.
/// Pure: asks are grouped by organization and role (asks without a role are in no pipeline).
PipelineReport AssemblePipeline(std::vector<Ask> asks, const std::vector<AnswerRecord>& earlier,
                                const std::optional<SearchClosing>& closing,
                                const std::vector<SavedRole>& saved, Date today,
                                const Horizon& horizon);

/// Every opportunity of the search in one read snapshot: the roles of the asks and of the saved
/// postings (a posting with no application, interview or offer ask yet is `saved`).
Result<PipelineReport> BuildPipeline(Store& store, Date today, const Horizon& horizon);

/// {"today", "horizon", "stages": [{"stage", "label"}], "roles": [...], "funnel": [...]}; each
/// role has "rounds_scheduled" and "next_interview" ({id, round, starts_at, local} or null).
Json PipelineJson(const PipelineReport& report);

}  // namespace keel
