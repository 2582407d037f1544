// RFC 5545 iCalendar output: a VCALENDAR of to-dos (VTODO) and events (VEVENT) that calendar
// programs can import or subscribe to. Writing only; keel never reads calendars.
#pragma once

#include <string>
#include <string_view>

#include "core/date.h"
#include "core/instant.h"

namespace keel {

/// One to-do. Text fields are plain UTF-8; the writer escapes and folds them.
struct IcsTodo {
  std::string uid;  // stable across runs, so re-importing updates rather than duplicates
  Date due;         // an all-day date (DUE;VALUE=DATE)
  std::string summary;
  std::string description;  // may contain line breaks
};

/// One event: timed (DTSTART and DTEND in UTC) or, when `all_day`, a whole day (DTSTART;VALUE=DATE
/// and DTEND the next day). Many calendars ignore to-dos; every calendar shows events.
struct IcsEvent {
  std::string uid;  // stable across runs
  bool all_day = false;
  Date day;           // all_day only
  Instant start = 0;  // timed only
  Instant end = 0;    // timed only; after start
  std::string summary;
  std::string description;  // may contain line breaks
};

/// Builds one VCALENDAR in memory. Every line ends in CRLF and is folded at 75 octets.
///
///   IcsWriter ics("-//keel//agenda//EN", today);
///   ics.AddTodo({"keel-ask-3-follow-up-1@keel", today, "Follow up: Acme", "no reply ..."});
///   std::string text = std::move(ics).Finish();
class IcsWriter {
 public:
  /// `prodid` names the producer (PRODID); `stamp` becomes every DTSTAMP, at 00:00:00 UTC, so the
  /// output depends only on the inputs (reproducible with --today).
  IcsWriter(std::string_view prodid, Date stamp);

  void AddTodo(const IcsTodo& todo);
  void AddEvent(const IcsEvent& event);

  /// Closes the calendar and returns its text. A calendar without to-dos is still well formed
  /// for common readers, though RFC 5545's grammar asks for at least one component.
  std::string Finish() &&;

 private:
  void Line(std::string_view content_line);

  std::string out_;
  std::string stamp_;  // "YYYYMMDDT000000Z"
};

/// Escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma get a backslash; a line
/// break (LF, CRLF or a lone CR) becomes "\n"; other control characters except tab are dropped.
std::string EscapeIcsText(std::string_view text);

/// Folds one content line (given without its line break) into lines of at most 75 octets, each
/// ended by CRLF; continuation lines start with one space, which counts toward their 75. A fold
/// never splits a UTF-8 multi-byte sequence.
std::string FoldIcsLine(std::string_view line);

/// A date as iCalendar writes it: "YYYYMMDD".
std::string IcsDate(Date date);

}  // namespace keel
