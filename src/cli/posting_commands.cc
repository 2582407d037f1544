// `keel posting add|list|show|edit|remove` and what `keel list --search TEXT` found. The work is
// app/use_postings' and app/use_reads' (the page calls the same); this file prints it as a line, a
// table or JSON.
#include <fmt/format.h>

#include "app/postings.h"
#include "app/search.h"
#include "app/use_postings.h"
#include "app/use_reads.h"
#include "cli/commands.h"
#include "cli/table.h"
#include "core/json_dump.h"
#include "core/text.h"

namespace keel {
namespace {

std::string OneLine(const Posting& p) {
  std::string line = fmt::format("posting #{}: {}, {}", p.record.id, p.org, p.role);
  if (p.record.deadline) line += fmt::format(", deadline {}", p.record.deadline->ToIso());
  if (const std::string salary = SalaryRangeText(p.record); !salary.empty()) {
    line += ", " + salary;
  }
  if (!p.record.location.empty()) line += ", " + p.record.location;
  return line;
}

int PrintChange(const PostingChange& change, Context& ctx, const std::string& human) {
  if (ctx.json) {
    fmt::print(ctx.out, "{}\n", DumpJson(PostingChangeJson(change)));
  } else {
    fmt::print(ctx.out, "{}\n", EscapeControls(human));
  }
  if (!change.notices.empty()) fmt::print(ctx.err, "note: {}\n", fmt::join(change.notices, "; "));
  for (const std::string& w : change.warnings) fmt::print(ctx.err, "warning: {}\n", w);
  PrintHints(ctx, change.hints);
  return kExitOk;
}

std::string AsksText(int64_t asks) { return asks == 0 ? "0 (saved)" : std::to_string(asks); }

Table PostingTable(bool with_matched) {
  Table t{{"id", "deadline", "org", "role", "salary", "location", "saved", "asks"},
          {true, false, false, false, false, false, false, false},
          {}};
  if (with_matched) t.headers.emplace_back("matched");
  return t;
}

std::vector<std::string> PostingRow(const Posting& p) {
  const PostingRecord& r = p.record;
  return {std::to_string(r.id),
          r.deadline ? r.deadline->ToIso() : "",
          p.org,
          p.role,
          SalaryRangeText(r),
          r.location,
          r.saved_on.ToIso(),
          AsksText(p.asks)};
}

// Prints stored text line by line, each line escaped (a tab as spaces), so nothing in it can
// reach the terminal as a control code.
void PrintText(const Context& ctx, std::string_view text) {
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(start, end - start));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    for (char& c : line) {
      if (c == '\t') c = ' ';
    }
    fmt::print(ctx.out, "  {}\n", EscapeControls(line));
    start = end + 1;
  }
}

}  // namespace

int RunPostingAdd(const PostingAddOptions& o, Context& ctx) {
  Result<PostingChange> change = AddPosting(ctx, o);
  if (!change.ok()) return Fail(ctx, change.error());
  return PrintChange(*change, ctx, OneLine(change->posting));
}

int RunPostingEdit(const PostingEditOptions& o, Context& ctx) {
  Result<PostingChange> change = EditPosting(ctx, o);
  if (!change.ok()) return Fail(ctx, change.error());
  return PrintChange(*change, ctx, "changed " + OneLine(change->posting));
}

int RunPostingRemove(int64_t id, Context& ctx) {
  Result<Posting> removed = RemovePosting(ctx, id);
  if (!removed.ok()) return Fail(ctx, removed.error());
  if (ctx.json) {
    fmt::print(ctx.out, "{}\n", DumpJson(PostingJson(*removed)));
    return kExitOk;
  }
  fmt::print(ctx.out, "Removed posting {}; its role and asks stay. 'keel undo' brings it back.\n",
             EscapeControls(Describe(*removed)));
  return kExitOk;
}

int RunPostingList(Context& ctx) {
  Result<std::vector<Posting>> postings = Postings(ctx);
  if (!postings.ok()) return Fail(ctx, postings.error());
  if (ctx.json) {
    fmt::print(ctx.out, "{}\n", DumpJson(PostingsJson(*postings)));
    return kExitOk;
  }
  if (postings->empty()) {
    fmt::print(ctx.out,
               "No postings yet: save one with keel posting add ORG --role ROLE "
               "--description-file FILE\n");
    return kExitOk;
  }
  Table t = PostingTable(false);
  for (const Posting& p : *postings) t.rows.push_back(PostingRow(p));
  fmt::print(ctx.out, "{}", RenderTable(t, ctx.color));
  return kExitOk;
}

int RunPostingShow(int64_t id, Context& ctx) {
  Result<Posting> posting = ShowPosting(ctx, id);
  if (!posting.ok()) return Fail(ctx, posting.error());
  if (ctx.json) {
    fmt::print(ctx.out, "{}\n", DumpJson(PostingJson(*posting)));
    return kExitOk;
  }
  const Posting& p = *posting;
  const PostingRecord& r = p.record;
  fmt::print(ctx.out, "posting #{}: {}, {}\n", r.id, EscapeControls(p.org), EscapeControls(p.role));
  fmt::print(ctx.out, "saved:    {}\n", r.saved_on.ToIso());
  if (!r.url.empty()) fmt::print(ctx.out, "url:      {}\n", EscapeControls(r.url));
  if (r.deadline) {
    const int32_t days = *r.deadline - ctx.today;
    fmt::print(ctx.out, "deadline: {} ({})\n", r.deadline->ToIso(),
               days == 0  ? "today"
               : days < 0 ? fmt::format("passed {} day{} ago", -days, days == -1 ? "" : "s")
                          : fmt::format("in {} day{}", days, days == 1 ? "" : "s"));
  }
  if (r.salary_min) fmt::print(ctx.out, "salary:   {}\n", SalaryRangeText(r));
  if (!r.location.empty()) fmt::print(ctx.out, "location: {}\n", EscapeControls(r.location));
  fmt::print(ctx.out, "asks:     {}\n",
             p.asks == 0 ? "none yet (stage saved)" : fmt::format("{} for this role", p.asks));
  if (!r.note.empty()) {
    fmt::print(ctx.out, "note:\n");
    PrintText(ctx, r.note);
  }
  if (r.description.empty()) {
    fmt::print(ctx.out,
               "No description kept; add one with keel posting edit {} "
               "--description-file FILE\n",
               r.id);
  } else {
    fmt::print(ctx.out, "description ({} characters):\n", p.description_chars);
    PrintText(ctx, r.description);
  }
  return kExitOk;
}

void PrintDeadlines(const Context& ctx, const std::vector<AgendaDeadline>& deadlines) {
  if (deadlines.empty()) return;
  fmt::print(ctx.out, "\nDeadlines of postings you saved and have not applied to yet:\n");
  Table t{{"deadline", "posting", "org", "role", "left"}, {false, true}, {}};
  for (const AgendaDeadline& d : deadlines) {
    t.rows.push_back({d.posting.record.deadline->ToIso(), std::to_string(d.posting.record.id),
                      d.posting.org, d.posting.role, DaysLeftText(d.days_left)});
  }
  fmt::print(ctx.out, "{}", RenderTable(t, ctx.color));
}

void PrintListSearch(const Context& ctx, const ListSearch& found) {
  const std::vector<AskHit>& asks = found.asks;
  const std::vector<PostingHit>& postings = found.postings;
  const std::string quoted = Clip(found.text, 60);
  if (asks.empty() && postings.empty()) {
    fmt::print(ctx.out, "Nothing in your asks or postings mentions '{}'.\n", quoted);
    return;
  }
  if (!asks.empty()) {
    fmt::print(ctx.out, "{} ask{} mention{} '{}':\n", asks.size(), asks.size() == 1 ? "" : "s",
               asks.size() == 1 ? "s" : "", quoted);
    Table t{{"id", "asked", "org", "person", "kind", "channel", "outcome", "replied", "role",
             "matched"},
            {true},
            {}};
    for (const AskHit& hit : asks) {
      const Ask& a = hit.ask;
      const Outcome effective = a.EffectiveOutcome(ctx.today, ctx.silence_days);
      t.rows.push_back({std::to_string(a.id), a.asked_on.ToIso(), a.org, a.person,
                        std::string(Name(a.kind)), std::string(Name(a.channel)),
                        std::string(Name(effective)), a.replied_on ? a.replied_on->ToIso() : "",
                        a.role, MatchedText(hit.fields)});
    }
    fmt::print(ctx.out, "{}", RenderTable(t, ctx.color));
  }
  if (!postings.empty()) {
    fmt::print(ctx.out, "{}{} posting{} mention{} '{}':\n", asks.empty() ? "" : "\n",
               postings.size(), postings.size() == 1 ? "" : "s", postings.size() == 1 ? "s" : "",
               quoted);
    Table t = PostingTable(true);
    for (const PostingHit& hit : postings) {
      std::vector<std::string> row = PostingRow(hit.posting);
      row.push_back(MatchedText(hit.fields));
      t.rows.push_back(std::move(row));
    }
    fmt::print(ctx.out, "{}", RenderTable(t, ctx.color));
  }
}

}  // namespace keel
