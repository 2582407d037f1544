// The ledger's routes: the asks themselves. GET status/list/show/export/undo (the preview), POST
// ask/answer/follow-up/edit/delete/undo, each answered by the app/ use case the CLI command of
// that name calls (use_reads, use_ledger, use_export), with the JSON its --json prints.
#include "app/use_export.h"
#include "app/use_ledger.h"
#include "app/use_reads.h"
#include "server/routes.h"

namespace keel {
namespace {

void AddLedgerReads(RouteTable& t) {
  t.Get("status", [](const ApiRequest&) {
    return Cacheable(AnswerJson([](Session& s) { return Then(LedgerStatus(s), StatusJson); }));
  });
  t.Get("list", [](const ApiRequest& r) -> Result<Planned> {
    ListOptions o;
    // Every ask unless a page is asked for (the page filters and sorts the whole list itself).
    Result<int> limit = QueryInt(r, "limit", 1, 2147483647, 0);
    if (!limit.ok()) return limit.error();
    o.limit = *limit;
    const std::optional<std::string> open = Query(r, "open");
    o.open = open && *open != "0" && *open != "false" && !open->empty();
    for (const auto& [key, field] :
         {std::pair{"kind", &o.kind}, std::pair{"channel", &o.channel},
          std::pair{"outcome", &o.outcome}, std::pair{"org", &o.org},
          std::pair{"search", &o.search}, std::pair{"since", &o.since}}) {
      if (std::optional<std::string> v = Query(r, key); v && !v->empty()) *field = *v;
    }
    return AnswerJson([o](Session& s) { return ThemedJson(s, ListAsks(s, o), AskListJson); });
  });
  t.Get("show", [](const ApiRequest& r) -> Result<Planned> {
    Result<int> id = QueryInt(r, "id", 1, 2147483647, 0);
    if (!id.ok()) return id.error();
    if (*id == 0) return Error{"give the ask's id", ErrorCode::kInvalid, "id"};
    const int64_t ask = *id;
    return AnswerJson([ask](Session& s) { return ThemedJson(s, ShowAsk(s, ask), AskDetailJson); });
  });
  t.Get("export", [](const ApiRequest& r) -> Result<Planned> {
    const std::string format = Query(r, "format").value_or("json");
    if (format != "json" && format != "csv") {
      return Error{"give csv or json", ErrorCode::kInvalid, "format"};
    }
    // The text `keel export --format FORMAT` writes, as it is (not a JSON value re-rendered).
    Planned planned;
    const std::string type = format == "csv" ? "text/csv; charset=utf-8" : kJsonType;
    planned.answer = [format, type](Session& s) -> Result<Reply> {
      Result<std::string> text = ExportText(s, format);
      if (!text.ok()) return text.status();
      return Reply{std::move(text).value(), type};
    };
    return planned;
  });
  // What POST /api/undo would revert, changing nothing.
  t.Get("undo", [](const ApiRequest&) {
    return AnswerJson([](Session& s) { return Then(UndoPreview(s), UndoPreviewJson); });
  });
}

Result<Planned> AskRoute(const Body& b) {
  AskOptions o;
  std::optional<std::string> on, despite;
  std::optional<int64_t> salary;
  KEEL_RETURN_IF_ERROR(b.Text("org", &o.org));
  KEEL_RETURN_IF_ERROR(b.Text("person", &o.person));
  KEEL_RETURN_IF_ERROR(b.Text("via", &o.via));
  KEEL_RETURN_IF_ERROR(b.Text("kind", &o.kind));
  KEEL_RETURN_IF_ERROR(b.Text("channel", &o.channel));
  KEEL_RETURN_IF_ERROR(b.Text("role", &o.role));
  KEEL_RETURN_IF_ERROR(b.Text("on", &on));
  KEEL_RETURN_IF_ERROR(b.Text("note", &o.note));
  KEEL_RETURN_IF_ERROR(b.List("materials", &o.materials));
  KEEL_RETURN_IF_ERROR(b.Text("industry", &o.industry));
  KEEL_RETURN_IF_ERROR(b.Text("location", &o.location));
  KEEL_RETURN_IF_ERROR(b.Text("seniority", &o.seniority));
  KEEL_RETURN_IF_ERROR(b.Text("remote", &o.remote));
  KEEL_RETURN_IF_ERROR(b.Integer("salary", &salary));
  KEEL_RETURN_IF_ERROR(b.Text("despite", &despite));
  KEEL_RETURN_IF_ERROR(b.Flag("new_org", &o.new_org));
  KEEL_RETURN_IF_ERROR(b.Flag("new_person", &o.new_person));
  KEEL_RETURN_IF_ERROR(b.Flag("new_via", &o.new_via));
  if (o.org.empty()) return Error{"say which organization you asked", ErrorCode::kInvalid, "org"};
  if (o.channel.empty()) o.channel = "other";
  if (on && !on->empty()) o.on = *on;
  o.salary = salary;
  o.despite = despite;
  return AnswerJson([o](Session& s) { return ThemedJson(s, LogAsk(s, o), AskWrittenJson); });
}

Result<Planned> AnswerRoute(const Body& b) {
  OutcomeOptions o;
  std::string outcome;
  KEEL_RETURN_IF_ERROR(b.Id(&o.id));
  KEEL_RETURN_IF_ERROR(b.Text("outcome", &outcome));
  if (outcome == "reopen") outcome = "pending";
  if (outcome == "withdraw") outcome = "withdrawn";
  if (outcome != "yes" && outcome != "no" && outcome != "not-yet" && outcome != "silent" &&
      outcome != "pending" && outcome != "withdrawn") {
    return Error{"give yes, no, not-yet, silent, withdrawn or reopen", ErrorCode::kInvalid,
                 "outcome"};
  }
  o.outcome = outcome;
  KEEL_RETURN_IF_ERROR(b.Text("on", &o.on));
  KEEL_RETURN_IF_ERROR(b.Text("until", &o.until));
  KEEL_RETURN_IF_ERROR(b.Text("reason", &o.reason));
  KEEL_RETURN_IF_ERROR(b.Text("theme", &o.theme));
  for (std::optional<std::string>* v : {&o.on, &o.until, &o.reason, &o.theme}) {
    if (*v && v->value().empty()) v->reset();
  }
  return AnswerJson(
      [o](Session& s) { return ThemedJson(s, RecordOutcome(s, o), OutcomeWrittenJson); });
}

// Every field present is set; an empty text clears it (or is refused, for the ones an ask must
// have). "materials": a list replaces the ask's materials; an empty list clears them.
Result<Planned> AskEditRoute(const Body& b) {
  EditOptions o;
  KEEL_RETURN_IF_ERROR(b.Id(&o.id));
  for (const auto& [key, field] :
       {std::pair{"org", &o.org}, std::pair{"person", &o.person}, std::pair{"kind", &o.kind},
        std::pair{"channel", &o.channel}, std::pair{"role", &o.role}, std::pair{"on", &o.on},
        std::pair{"replied_on", &o.replied_on}, std::pair{"note", &o.note},
        std::pair{"reason", &o.reason}, std::pair{"theme", &o.theme},
        std::pair{"industry", &o.industry}, std::pair{"location", &o.location},
        std::pair{"seniority", &o.seniority}, std::pair{"remote", &o.remote},
        std::pair{"despite", &o.despite}, std::pair{"via", &o.via}}) {
    KEEL_RETURN_IF_ERROR(b.Text(key, field));
  }
  KEEL_RETURN_IF_ERROR(b.Integer("salary", &o.salary));
  KEEL_RETURN_IF_ERROR(b.List("materials", &o.materials));
  if (o.materials && o.materials->empty()) {
    o.materials.reset();
    o.no_materials = true;
  }
  KEEL_RETURN_IF_ERROR(b.Flag("new_org", &o.new_org));
  KEEL_RETURN_IF_ERROR(b.Flag("new_person", &o.new_person));
  KEEL_RETURN_IF_ERROR(b.Flag("new_via", &o.new_via));
  return AnswerJson([o](Session& s) { return ThemedJson(s, EditAsk(s, o), AskWrittenJson); });
}

}  // namespace

void AddLedgerRoutes(RouteTable& t) {
  AddLedgerReads(t);
  t.Post("ask", AskRoute);
  t.Post("answer", AnswerRoute);
  t.Post("follow-up", [](const Body& b) -> Result<Planned> {
    FollowUpOptions o;
    KEEL_RETURN_IF_ERROR(b.Id(&o.id));
    KEEL_RETURN_IF_ERROR(b.Text("on", &o.on));
    KEEL_RETURN_IF_ERROR(b.Text("note", &o.note));
    if (o.on && o.on->empty()) o.on.reset();
    return AnswerJson([o](Session& s) {
      const auto written = [](const FollowUpWritten& f, Date today, int silence_days,
                              const ThemeClassifier& themes) {
        return AskWrittenJson(f.written, today, silence_days, themes);
      };
      return ThemedJson(s, FollowUp(s, o, /*with_horizon=*/true), written);
    });
  });
  t.Post("edit", AskEditRoute);
  t.Post("delete", [](const Body& b) -> Result<Planned> {
    DeleteOptions o;
    KEEL_RETURN_IF_ERROR(b.Id(&o.id));
    o.yes = true;  // the page asks for confirmation itself
    return AnswerJson([o](Session& s) { return ThemedJson(s, DeleteAsk(s, o), AskDeletedJson); });
  });
  t.Post("undo", [](const Body&) {
    return Result<Planned>(AnswerJson([](Session& s) { return Then(Undo(s), UndoneJson); }));
  });
}

}  // namespace keel
