// `keel contacts` (each person, with their asks and answers) and `keel contact NAME` (one
// person's timeline). The app layer (app/contacts.h) computes both; this file only prints.
#include <fmt/format.h>

#include "app/contacts.h"
#include "app/use_plans.h"
#include "cli/commands.h"
#include "cli/table.h"
#include "core/json_dump.h"
#include "core/text.h"

namespace keel {
namespace {

// "2 asks: 1 yes, 1 no" — every count that is not zero, in the order of the outcomes.
std::string CountsWords(const ContactCounts& c) {
  std::vector<std::string> parts;
  auto add = [&](int64_t n, std::string_view what) {
    if (n > 0) parts.push_back(fmt::format("{} {}", n, what));
  };
  add(c.yes, "yes");
  add(c.no, "no");
  add(c.not_yet, "not yet");
  add(c.silent, "silent");
  add(c.pending, "waiting");
  add(c.withdrawn, "withdrawn");
  std::string out = fmt::format("{} ask{}", c.asks, c.asks == 1 ? "" : "s");
  if (!parts.empty()) out += fmt::format(": {}", fmt::join(parts, ", "));
  return out;
}

}  // namespace

int RunContacts(Context& ctx) {
  Result<std::vector<ContactSummary>> contacts = Contacts(ctx);
  if (!contacts.ok()) return Fail(ctx, contacts.error());
  if (ctx.json) {
    fmt::print(ctx.out, "{}\n", DumpJson(ContactsJson(*contacts)));
    return kExitOk;
  }
  if (contacts->empty()) {
    fmt::print(ctx.out,
               "No contacts yet. Name the person you ask with --to NAME, and who introduced you "
               "with --via NAME.\n");
    return kExitOk;
  }
  bool any_withdrawn = false;
  for (const ContactSummary& c : *contacts) any_withdrawn |= c.counts.withdrawn > 0;
  Table t{{"person", "organization", "asks", "yes", "no", "not yet", "silent", "waiting",
           "last contact", "introduced by"},
          {false, false, true, true, true, true, true, true, false, false},
          {}};
  if (any_withdrawn) {  // shown only when there are any: the seeker's own withdrawals
    t.headers.insert(t.headers.begin() + 8, "withdrawn");
    t.right_aligned.insert(t.right_aligned.begin() + 8, true);
  }
  for (const ContactSummary& c : *contacts) {
    std::vector<std::string> row = {
        EscapeControls(c.name),
        c.org.empty() ? "-" : EscapeControls(c.org),
        std::to_string(c.counts.asks),
        std::to_string(c.counts.yes),
        std::to_string(c.counts.no),
        std::to_string(c.counts.not_yet),
        std::to_string(c.counts.silent),
        std::to_string(c.counts.pending),
        c.last_contact ? c.last_contact->ToIso() : "-",
        EscapeControls(fmt::format("{}", fmt::join(c.introduced_by, ", ")))};
    if (any_withdrawn) row.insert(row.begin() + 8, std::to_string(c.counts.withdrawn));
    t.rows.push_back(std::move(row));
  }
  fmt::print(ctx.out, "{}", RenderTable(t, ctx.color));
  fmt::print(ctx.out,
             "{} {}. Counts are the asks made to each person (silent = no reply in over {} days); "
             "keel contact NAME shows one person's timeline.\n",
             contacts->size(), contacts->size() == 1 ? "person" : "people", ctx.silence_days);
  return kExitOk;
}

int RunContact(const std::string& name, Context& ctx) {
  Result<ContactTimeline> timeline = Contact(ctx, name);
  if (!timeline.ok()) return Fail(ctx, timeline.error());
  if (ctx.json) {
    fmt::print(ctx.out, "{}\n", DumpJson(ContactTimelineJson(*timeline)));
    return kExitOk;
  }
  const ContactSummary& c = timeline->contact;
  std::string head = c.name;
  if (!c.org.empty()) head += fmt::format(" ({})", c.org);
  head += fmt::format(": {}", CountsWords(c.counts));
  if (c.last_contact) head += fmt::format("; last contact {}", c.last_contact->ToIso());
  std::vector<std::string> lines = {head};
  if (!c.introduced_by.empty()) {
    lines.push_back(fmt::format("introduced by {}", fmt::join(c.introduced_by, ", ")));
  }
  if (!c.introduced.empty()) {
    lines.push_back(fmt::format("introduced you to {}", fmt::join(c.introduced, ", ")));
  }
  if (timeline->events.empty()) lines.emplace_back("No ask names them any more.");
  for (const TimelineEvent& e : timeline->events) {
    lines.push_back(fmt::format("{}  {}", e.on.ToIso(), e.line));
  }
  PrintLines(ctx, lines);
  return kExitOk;
}

}  // namespace keel
