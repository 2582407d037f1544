// `keel contacts` and `keel contact NAME`: the people of a search, each with what was asked of
// them and what came of it, and who introduced whom (`keel ask ... --via NAME`). Everything is
// read from the ledger (asks, their answers, follow-ups, feedback): there is no second record of
// a person's history to drift from the asks.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/views.h"
#include "core/result.h"
#include "store/store.h"

namespace keel {

class ThemeClassifier;

/// The outcomes of the asks made to one person, as statistics count them today (a pending ask
/// past the silence horizon is silent).
struct ContactCounts {
  int64_t asks = 0;
  int64_t yes = 0;
  int64_t no = 0;
  int64_t not_yet = 0;
  int64_t silent = 0;
  int64_t pending = 0;
  int64_t withdrawn = 0;
};

/// One person: the organization of the latest ask made to them ("" when no ask went to them,
/// only through them), the counts, the last day keel knows you were in touch (an ask to them, an
/// answer from them, a follow-up made, feedback received), who introduced them (the --via of the
/// asks to them, first seen first) and whom they introduced you to (the person, or else the
/// organization, of each ask that names them as --via, in ask order).
struct ContactSummary {
  std::string name;
  std::string org;
  ContactCounts counts;
  std::optional<Date> last_contact;
  std::vector<std::string> introduced_by;
  std::vector<std::string> introduced;
};

/// Every contact named on at least one ask (as the person asked or as --via), by name ignoring
/// case and diacritics. A contact no ask names any more (after an edit) is left out.
Result<std::vector<ContactSummary>> ListContacts(Store& store, Date today, int silence_days);

/// One dated event of a person's timeline.
struct TimelineEvent {
  Date on;
  std::string type;  // ask, answer, withdrawn, follow-up, follow-up-planned, feedback, introduced
  Id ask_id = 0;
  std::string line;  // worded for a person: "asked for a chat at Acme (#3), introduced by Bob"
  std::optional<Outcome> outcome;  // answer: yes, no or not-yet; ask: its outcome today
  std::string text;                // the answer's reason, the follow-up's note, the feedback
  std::string person;              // introduced: whom (or "" when the ask named no person)
  std::string org;                 // the ask's organization
};

struct ContactTimeline {
  ContactSummary contact;
  std::vector<TimelineEvent> events;  // oldest first; events of one day by ask, in order
};

/// The timeline of the contact named `name` (case, extra spaces and diacritics ignored). An
/// unknown name fails with not_found about the field "name", suggesting the nearest name.
Result<ContactTimeline> ContactHistory(Store& store, std::string_view name, Date today,
                                       int silence_days);

Json ContactSummaryJson(const ContactSummary& c);
Json ContactTimelineJson(const ContactTimeline& t);

}  // namespace keel
