// What a Session writes to the ledger: log an ask, record what came of it, follow up, edit,
// delete, undo. Each parses the request's texts (with the Errors the CLI and the page show), opens
// the Session's store, writes through app/ledger.h and says when the write moved the silence
// horizon. The *Json functions are the one JSON shape `keel --json` prints and the page reads; the
// CLI words the same results for a person.
#pragma once

#include <optional>
#include <string>

#include "app/horizon.h"
#include "app/ledger.h"
#include "app/reframe.h"
#include "app/requests.h"
#include "app/session.h"
#include "app/views.h"

namespace keel {

/// `view(*result, today, silence_days, themes)` with the Session's theme classifier: the JSON of
/// a result that names each reason's theme. The classifier is loaded after the work, only for
/// the JSON (the human output needs none), so a failing load fails there as it always did.
template <typename T, typename View>
Result<Json> ThemedJson(Session& session, const Result<T>& result, View view) {
  if (!result.ok()) return result.status();
  Result<const ThemeClassifier*> themes = session.Themes();
  if (!themes.ok()) return themes.status();
  return Json(view(*result, session.today, session.silence_days, **themes));
}

/// A written ask (logged, followed up or edited) and, when the write moved the silence horizon,
/// the line that says so (Session::HorizonMoveLine).
struct AskWritten {
  LedgerChange change;
  std::optional<std::string> horizon_moved;
};
/// The ask with its notices, warnings and the horizon's move as "notices".
Json AskWrittenJson(const AskWritten& written, Date today, int silence_days,
                    const ThemeClassifier& themes);

/// `keel ask`: a new ask waiting for a reply, which can move the horizon.
Result<AskWritten> LogAsk(Session& session, const AskOptions& options);

/// `keel edit`: a changed date changes a reply time or how long an ask has waited.
Result<AskWritten> EditAsk(Session& session, const EditOptions& options);

/// `keel follow-up`: `on` is the date given (nullopt: today); one after today schedules it.
/// `with_horizon`: resolve the horizon on opening (needed only for the JSON's outcome).
struct FollowUpWritten {
  AskWritten written;
  std::optional<Date> on;
};
Result<FollowUpWritten> FollowUp(Session& session, const FollowUpOptions& options,
                                 bool with_horizon);

/// `keel yes|no|not-yet|silent|withdraw|reopen`: the answer, the horizon before and after it,
/// and (for an answer that is not a reopen or a withdrawal) the reframe that puts it in
/// proportion.
struct OutcomeWritten {
  LedgerChange change;
  Outcome outcome = Outcome::kPending;  // the outcome recorded
  std::optional<HorizonMove> horizon_moved;
  std::optional<Reframe> reframe;
};
Result<OutcomeWritten> RecordOutcome(Session& session, const OutcomeOptions& options);
/// {"ask", "reframe", "horizon_moved", "previous"} and the move's line as "notices".
Json OutcomeWrittenJson(const OutcomeWritten& written, Date today, int silence_days,
                        const ThemeClassifier& themes);

/// `keel delete`: refused, naming the ask, unless `options.yes` confirms it.
struct AskDeleted {
  Ask ask;
  std::optional<std::string> horizon_moved;
};
Result<AskDeleted> DeleteAsk(Session& session, const DeleteOptions& options);
Json AskDeletedJson(const AskDeleted& deleted, Date today, int silence_days,
                    const ThemeClassifier& themes);

/// `keel undo`: the change reverted; fails when there is nothing to undo.
struct Undone {
  UndoneChange change;
  std::optional<std::string> horizon_moved;
};
Result<Undone> Undo(Session& session);
Json UndoneJson(const Undone& undone);

/// What `keel undo` would revert now (nullopt: nothing), changing nothing.
Result<std::optional<UndoneChange>> UndoPreview(Session& session);
/// {"undo": SUMMARY|null, "change", "made_at"}.
Json UndoPreviewJson(const std::optional<UndoneChange>& next);

}  // namespace keel
