#include "app/notes.h"

#include <fmt/format.h>

#include "app/validate.h"
#include "core/text.h"

namespace keel {
namespace {

// "" | "ask:N" (N a whole number from 1) | "pattern:THEME" (a one-line name).
Status CheckAbout(std::string_view about) {
  if (about.empty()) return Status();
  const Error bad{fmt::format("'{}' is not something a note can be about; give ask:ID or "
                              "pattern:THEME, or nothing for the whole search",
                              Clip(about)),
                  ErrorCode::kInvalid, "about"};
  if (about.starts_with("ask:")) {
    const std::string_view id = about.substr(4);
    if (id.empty() || id.size() > 18 || id.front() == '0') return bad;
    for (const char c : id) {
      if (c < '0' || c > '9') return bad;
    }
    return Status();
  }
  if (about.starts_with("pattern:") && about.size() > 8) {
    return CheckInputText(about.substr(8), "the pattern", TextRule::kName).ok() ? Status() : bad;
  }
  return bad;
}

}  // namespace

Result<NoteRecord> AddCoachNote(Practice& practice, const Account& coach, const GrantRecord& grant,
                                const NoteRequest& request, bool comment, Instant now) {
  if (comment && grant.scope != "comment") {
    return Error{"this client's grant lets you read their search, not comment on it",
                 ErrorCode::kForbidden};
  }
  const std::string_view text = Trim(request.text);
  if (text.empty()) return Error{"write the note's text", ErrorCode::kInvalid, "text"};
  KEEL_RETURN_IF_ERROR(CheckInputTexts({{text, "the note", TextRule::kText, "text"}}));
  KEEL_RETURN_IF_ERROR(CheckAbout(request.about));
  NoteRecord note;
  note.search = grant.search;
  note.coach_id = coach.id;
  note.coach_email = coach.email;
  note.is_private = !comment;
  note.about = request.about;
  note.text = std::string(text);
  note.created_at = UtcIso(now);
  return practice.AddNote(note);
}

Json NoteJson(const NoteRecord& note, bool for_seeker) {
  Json j{{"id", note.id}, {"coach", note.coach_email}};
  if (!for_seeker) j["private"] = note.is_private;
  j["about"] = note.about.empty() ? Json(nullptr) : Json(note.about);
  j["text"] = note.text;
  j["created_at"] = note.created_at;
  return j;
}

}  // namespace keel
