// A coach's notes on a client's search (PRODUCT.md, "The coaching practice"): a private note is
// the coach's own and is never shown to the seeker, nor to another coach; a comment (a grant of
// scope `comment`) is shown to the seeker beside what it is about: the search, an ask ("ask:12")
// or a pattern ("pattern:THEME").
#pragma once

#include <string>

#include "app/views.h"
#include "core/instant.h"
#include "core/result.h"
#include "store/practice.h"

namespace keel {

struct NoteRequest {
  std::string text;
  std::string about;  // "", "ask:N" or "pattern:THEME"
};

/// Adds a private note (`comment` false) or a comment by `coach`, who reads the search by `grant`
/// (ActiveGrantFor). A comment needs a grant of scope `comment` (forbidden otherwise); the text is
/// 1 to 4,000 characters; `about` names the search (""), an ask or a pattern.
Result<NoteRecord> AddCoachNote(Practice& practice, const Account& coach, const GrantRecord& grant,
                                const NoteRequest& request, bool comment, Instant now);

/// {id, coach, private, about, text, created_at}; for the seeker, `private` is left out (they
/// only ever see comments).
Json NoteJson(const NoteRecord& note, bool for_seeker);

}  // namespace keel
