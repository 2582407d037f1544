// Which asks can close a search: the offer itself (kind offer, recorded yes), or an application or
// interview recorded yes, because other trackers record an accepted offer on the application
// (import reads "Offer" and "Accepted offer" as a yes there). A chat or a referral never is one.
//
// Asks recorded after closing are allowed, with a note: the ledger is the person's record, and a
// closed search is no reason to refuse it. Reopening takes back only the closing, never an ask.
#include "app/search_closing.h"

#include <fmt/format.h>

#include "app/ledger.h"
#include "app/transaction.h"

namespace keel {
namespace {

bool CanBeAnOffer(Kind kind) {
  return kind == Kind::kOffer || kind == Kind::kInterview || kind == Kind::kApplication;
}

Status CheckOffer(const Ask& ask) {
  if (!CanBeAnOffer(ask.kind)) {
    return Error{
        fmt::format("ask {} is not an offer; log the offer itself as an ask of kind offer, "
                    "record its yes, then close the search on it",
                    Describe(ask)),
        ErrorCode::kInvalid, "", "",
        fmt::format("keel ask \"{}\" --kind offer, keel yes ID, then keel close --offer ID",
                    ask.org)};
  }
  if (ask.outcome != Outcome::kYes) {
    return Error{
        fmt::format("ask {} is {}, not a yes; record their yes first, then close the search",
                    Describe(ask), Name(ask.outcome)),
        ErrorCode::kInvalid, "", "", fmt::format("keel yes {}", ask.id)};
  }
  return Status();
}

Error AlreadyClosed(const ClosedSearch& closed) {
  return Error{fmt::format("your search is already closed: you accepted the offer from {} (#{}) on "
                           "{}; reopen it first",
                           closed.offer.org, closed.offer.id, closed.closed_on.ToIso()),
               ErrorCode::kConflict, "", "", "keel close --undo reopens it"};
}

}  // namespace

Result<std::optional<ClosedSearch>> FindClosedSearch(Store& store) {
  Result<std::optional<SearchClosing>> closing = store.Closing();
  if (!closing.ok()) return closing.status();
  if (!*closing) return std::optional<ClosedSearch>();
  Result<Ask> offer = FindAsk(store, (*closing)->ask_id);
  if (!offer.ok()) return offer.status();
  return std::optional<ClosedSearch>(ClosedSearch{std::move(offer).value(), (*closing)->closed_on});
}

Result<ClosedSearch> CloseSearchOnOffer(Store& store, Id ask_id, std::optional<Date> on,
                                        Date today) {
  return InTransaction<ClosedSearch>(
      store, fmt::format("close the search on ask #{}", ask_id), [&]() -> Result<ClosedSearch> {
        Result<std::optional<ClosedSearch>> current = FindClosedSearch(store);
        if (!current.ok()) return current.status();
        if (*current) return AlreadyClosed(**current);
        Result<Ask> offer = FindAsk(store, ask_id);
        if (!offer.ok()) return offer.status();
        KEEL_RETURN_IF_ERROR(CheckOffer(*offer));
        const Date accepted = on.value_or(today);
        KEEL_RETURN_IF_ERROR(CheckNotFuture(accepted, today, "acceptance date", "on"));
        const Date yes_on = offer->replied_on.value_or(offer->asked_on);
        if (accepted < yes_on) {
          return Error{
              fmt::format(
                  "the acceptance ({}) is before the offer's yes ({}); give a date of {} or later",
                  accepted.ToIso(), yes_on.ToIso(), yes_on.ToIso()),
              ErrorCode::kInvalid, "on", "a date of"};
        }
        KEEL_RETURN_IF_ERROR(store.CloseSearch(SearchClosing{ask_id, accepted}));
        return ClosedSearch{std::move(offer).value(), accepted};
      });
}

Result<ClosedSearch> ReopenClosedSearch(Store& store) {
  return InTransaction<ClosedSearch>(store, "reopen the search", [&]() -> Result<ClosedSearch> {
    Result<std::optional<ClosedSearch>> current = FindClosedSearch(store);
    if (!current.ok()) return current.status();
    if (!*current) {
      return Error{"your search is open: there is no accepted offer to take back",
                   ErrorCode::kConflict, "", "", "keel close --offer ID closes it"};
    }
    KEEL_RETURN_IF_ERROR(store.ReopenSearch());
    return std::move(**current);
  });
}

std::string ClosedLine(const ClosedSearch& c) {
  if (c.offer.outcome != Outcome::kYes) {
    return fmt::format(
        "You closed your search on {} with the offer from {} (#{}), but #{} is now recorded as "
        "{}; if the offer fell through, reopen the search.",
        c.closed_on.ToIso(), c.offer.org, c.offer.id, c.offer.id, Name(c.offer.outcome));
  }
  return fmt::format(
      "You accepted the offer from {} on {} \u2014 congratulations. Your search is closed; keel "
      "keeps the record.",
      c.offer.org, c.closed_on.ToIso());
}

std::string ClosedNotice(const ClosedSearch& c) {
  return fmt::format(
      "your search is closed (you accepted the offer from {} on {}); the ask is kept all the "
      "same, and you can reopen the search if you are searching again",
      c.offer.org, c.closed_on.ToIso());
}

Json ClosedSearchJson(const std::optional<ClosedSearch>& closed) {
  if (!closed) return Json(nullptr);
  const ClosedSearch& c = *closed;
  Json j;
  j["ask"] = c.offer.id;
  j["org"] = c.offer.org;
  j["role"] = c.offer.role;
  j["kind"] = std::string(Name(c.offer.kind));
  j["closed_on"] = c.closed_on.ToIso();
  j["offer_is_yes"] = c.offer.outcome == Outcome::kYes;
  j["message"] = ClosedLine(c);
  return j;
}

}  // namespace keel
