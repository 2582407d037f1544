// Closing a search with the offer the seeker accepted: the end the whole ledger was for. keel
// congratulates, keeps every record, and lets the search be reopened (an offer can fall through).
#pragma once

#include <optional>
#include <string>

#include "app/views.h"
#include "core/model.h"
#include "core/result.h"
#include "store/store.h"

namespace keel {

/// A closed search: the ask whose yes was the accepted offer (as it is now), and when.
struct ClosedSearch {
  Ask offer;
  Date closed_on;
};

/// The closing, read within the caller's transaction; nullopt while the search is open.
Result<std::optional<ClosedSearch>> FindClosedSearch(Store& store);

/// Closes the search with the offer of ask `ask_id`, accepted `on` (today when absent), in one
/// transaction. The ask must be recorded yes and be an offer, or the interview or application
/// whose yes was the offer (trackers record offers that way). `on` may not be after today nor
/// before the yes. A closed search cannot be closed again (kConflict). Each refusal says what to
/// do instead.
Result<ClosedSearch> CloseSearchOnOffer(Store& store, Id ask_id, std::optional<Date> on,
                                        Date today);

/// Reopens a closed search and returns the closing it took back; kConflict when it is open.
Result<ClosedSearch> ReopenClosedSearch(Store& store);

/// "You accepted the offer from Acme on 2026-11-20 — congratulations. Your search is closed; keel
/// keeps the record." When the offer's ask is no longer a yes, says so and how to reopen instead.
std::string ClosedLine(const ClosedSearch& closed);

/// The note for an ask recorded in a closed search (allowed: the record is the person's). Names
/// no command (the page shows it); kReopenHint is the CLI's.
std::string ClosedNotice(const ClosedSearch& closed);
inline constexpr const char* kReopenHint = "keel close --undo reopens the search";

/// {"ask", "org", "role", "kind", "closed_on", "offer_is_yes", "message"}, or null while open.
Json ClosedSearchJson(const std::optional<ClosedSearch>& closed);

}  // namespace keel
