// Why the writer looks like this:
//
// - Calendar programs are strict in different ways, so the output keeps to the common subset of
//   RFC 5545: CRLF after every line (also the last), lines folded at 75 octets with a single space
//   on each continuation line, TEXT values escaped, all-day dates as DUE;VALUE=DATE (a to-do) or
//   DTSTART;VALUE=DATE (an event), timed events in UTC ("...Z"), which every reader takes
//   without a VTIMEZONE.
// - Folding counts octets, not characters, as the RFC does, and backs off to the start of a UTF-8
//   sequence so that no reader ever sees half a character. Bytes that are not UTF-8 cannot stall
//   it: a run of 75 continuation bytes is cut where the limit falls.
// - DTSTAMP is a parameter, not the clock: the same ledger and the same --today give the same
// bytes,
//   which the golden tests rely on.
// - Writing only. Nothing in keel reads calendars, so there is no parser to keep in step.
#include "io/ics.h"

#include <fmt/format.h>

namespace keel {
namespace {

constexpr size_t kMaxLineOctets = 75;

constexpr bool IsUtf8Continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U;
}

}  // namespace

std::string EscapeIcsText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;  // CRLF is one line break
        out += "\\n";
        break;
      case '\t':
        out += c;
        break;
      default:
        // Other control characters are not allowed in TEXT (RFC 5545 3.3.11): drop them.
        if (static_cast<unsigned char>(c) >= 0x20U && c != '\x7F') out += c;
        break;
    }
  }
  return out;
}

std::string FoldIcsLine(std::string_view line) {
  std::string out;
  out.reserve(line.size() + 3 * (line.size() / (kMaxLineOctets - 1)) + 2);
  size_t pos = 0;
  size_t limit = kMaxLineOctets;  // continuation lines give one octet to the leading space
  while (line.size() - pos > limit) {
    size_t cut = pos + limit;
    while (cut > pos && IsUtf8Continuation(line[cut])) --cut;
    if (cut == pos) cut = pos + limit;  // not UTF-8 at all: cut at the limit
    out.append(line.substr(pos, cut - pos));
    out += "\r\n ";
    pos = cut;
    limit = kMaxLineOctets - 1;
  }
  out.append(line.substr(pos));
  out += "\r\n";
  return out;
}

std::string IcsDate(Date date) {
  return fmt::format("{:04d}{:02d}{:02d}", date.year(), date.month(), date.day());
}

IcsWriter::IcsWriter(std::string_view prodid, Date stamp) : stamp_(IcsDate(stamp) + "T000000Z") {
  Line("BEGIN:VCALENDAR");
  Line("VERSION:2.0");
  Line("PRODID:" + EscapeIcsText(prodid));
  Line("CALSCALE:GREGORIAN");
}

void IcsWriter::AddTodo(const IcsTodo& todo) {
  Line("BEGIN:VTODO");
  Line("UID:" + EscapeIcsText(todo.uid));
  Line("DTSTAMP:" + stamp_);
  Line("DUE;VALUE=DATE:" + IcsDate(todo.due));
  Line("SUMMARY:" + EscapeIcsText(todo.summary));
  if (!todo.description.empty()) Line("DESCRIPTION:" + EscapeIcsText(todo.description));
  Line("STATUS:NEEDS-ACTION");
  Line("END:VTODO");
}

void IcsWriter::AddEvent(const IcsEvent& event) {
  Line("BEGIN:VEVENT");
  Line("UID:" + EscapeIcsText(event.uid));
  Line("DTSTAMP:" + stamp_);
  if (event.all_day) {
    Line("DTSTART;VALUE=DATE:" + IcsDate(event.day));
    Line("DTEND;VALUE=DATE:" + IcsDate(event.day + 1));
    Line("TRANSP:TRANSPARENT");  // a reminder for the day, not time taken
  } else {
    Line("DTSTART:" + IcsUtc(event.start));
    Line("DTEND:" + IcsUtc(event.end));
  }
  Line("SUMMARY:" + EscapeIcsText(event.summary));
  if (!event.description.empty()) Line("DESCRIPTION:" + EscapeIcsText(event.description));
  Line("END:VEVENT");
}

std::string IcsWriter::Finish() && {
  Line("END:VCALENDAR");
  return std::move(out_);
}

void IcsWriter::Line(std::string_view content_line) { out_ += FoldIcsLine(content_line); }

}  // namespace keel
