// POST routes of the page's other forms: feedback, actions, strategy, materials, import and
// closing the search, each the CLI command of that name.
#include <fmt/format.h>

#include <algorithm>

#include "app/use_import.h"
#include "app/use_insights.h"
#include "app/use_materials.h"
#include "app/use_strategy.h"
#include "server/routes.h"

namespace keel {
namespace {

// The strategy subcommands a POST /api/strategy/NAME runs.
constexpr std::string_view kStrategyActions[] = {"focus", "rule-out", "drop", "salary-floor",
                                                 "brand", "story",    "phase"};

// A file name for messages ("upload.csv:12: ..."), from the page: plain text, short.
Status CheckFileName(const std::string& name) {
  if (name.empty() || name.size() > 200 || std::any_of(name.begin(), name.end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
      })) {
    return Error{"must be a file's name: one line, at most 200 characters", ErrorCode::kInvalid,
                 "file_name"};
  }
  return Status();
}

Result<Planned> FeedbackAskRoute(const Body& b) {
  FeedbackAskOptions o;
  std::optional<std::string> on;
  KEEL_RETURN_IF_ERROR(b.Text("person", &o.person));
  KEEL_RETURN_IF_ERROR(b.Text("org", &o.org));
  KEEL_RETURN_IF_ERROR(b.Text("channel", &o.channel));
  KEEL_RETURN_IF_ERROR(b.Text("on", &on));
  KEEL_RETURN_IF_ERROR(b.Text("note", &o.note));
  KEEL_RETURN_IF_ERROR(b.Flag("new_org", &o.new_org));
  KEEL_RETURN_IF_ERROR(b.Flag("new_person", &o.new_person));
  if (o.person.empty())
    return Error{"say whom you asked for feedback", ErrorCode::kInvalid, "person"};
  if (o.channel.empty()) o.channel = "other";
  if (on && !on->empty()) o.on = *on;
  return AnswerJson([o](Session& s) -> Result<Json> {
    Result<LedgerChange> change = AskForFeedback(s, o, /*with_horizon=*/true);
    if (!change.ok()) return change.status();
    return FeedbackAskJson(s, *change);
  });
}

Result<Planned> StrategyRoute(std::string action, const Body& b) {
  StrategyOptions o;
  o.action = std::move(action);
  KEEL_RETURN_IF_ERROR(b.Text("on", &o.on));
  if (o.on && o.on->empty()) o.on.reset();
  if (o.action == "focus" || o.action == "rule-out" || o.action == "drop") {
    KEEL_RETURN_IF_ERROR(b.TextOrList("role", &o.roles));
    KEEL_RETURN_IF_ERROR(b.TextOrList("industry", &o.industries));
    KEEL_RETURN_IF_ERROR(b.TextOrList("location", &o.locations));
    KEEL_RETURN_IF_ERROR(b.TextOrList("remote", &o.remotes));
    KEEL_RETURN_IF_ERROR(b.TextOrList("seniority", &o.seniorities));
  } else if (o.action == "salary-floor") {
    KEEL_RETURN_IF_ERROR(b.Integer("amount", &o.salary_floor));
    KEEL_RETURN_IF_ERROR(b.Flag("clear", &o.clear));
  } else {
    KEEL_RETURN_IF_ERROR(b.Text("text", &o.text));
    if (o.text.empty()) {
      return Error{o.action == "phase"
                       ? "name the phase to begin"
                       : fmt::format("write your {}",
                                     o.action == "brand" ? "brand statement" : "success story"),
                   ErrorCode::kInvalid, "text"};
    }
  }
  return AnswerJson([o](Session& s) {
    return Then(ShowOrEditStrategy(s, o),
                [](const StrategyAnswer& a) { return StrategyJson(a.strategy); });
  });
}

Result<Planned> MaterialAddRoute(const Body& b) {
  MaterialAddOptions o;
  KEEL_RETURN_IF_ERROR(b.Text("name", &o.name));
  KEEL_RETURN_IF_ERROR(b.Text("version", &o.version));
  KEEL_RETURN_IF_ERROR(b.Text("note", &o.note));
  KEEL_RETURN_IF_ERROR(b.Text("on", &o.on));
  KEEL_RETURN_IF_ERROR(b.Text("sha256", &o.sha256));
  KEEL_RETURN_IF_ERROR(b.Text("content", &o.content));
  for (std::optional<std::string>* v : {&o.on, &o.sha256}) {
    if (*v && v->value().empty()) v->reset();
  }
  if (o.name.empty()) return Error{"name the material, like resume", ErrorCode::kInvalid, "name"};
  if (o.version.empty()) return Error{"name the version, like v3", ErrorCode::kInvalid, "version"};
  return AnswerJson([o](Session& s) { return Then(AddMaterial(s, o), MaterialAddedJson); });
}

Result<Planned> ImportRoute(const Body& b) {
  ImportCliOptions o;
  std::optional<std::string> content, kind;
  o.file = "upload.csv";
  KEEL_RETURN_IF_ERROR(b.Text("content", &content));
  KEEL_RETURN_IF_ERROR(b.Text("file_name", &o.file));
  KEEL_RETURN_IF_ERROR(CheckFileName(o.file));
  KEEL_RETURN_IF_ERROR(b.Flag("dry_run", &o.dry_run));
  KEEL_RETURN_IF_ERROR(b.Flag("skip_bad", &o.skip_bad));
  KEEL_RETURN_IF_ERROR(b.Flag("allow_duplicates", &o.allow_duplicates));
  KEEL_RETURN_IF_ERROR(b.Flag("day_first", &o.day_first));
  KEEL_RETURN_IF_ERROR(b.Flag("stages", &o.stages));  // keel import --stages
  KEEL_RETURN_IF_ERROR(b.Text("kind", &kind));
  KEEL_RETURN_IF_ERROR(b.TextOrList("map", &o.maps));
  KEEL_RETURN_IF_ERROR(b.TextOrList("value", &o.values));
  if (!content || content->empty()) {
    return Error{"choose the CSV file or JSON backup to import", ErrorCode::kInvalid, "content"};
  }
  if (kind && !kind->empty()) o.kind = *kind;
  return AnswerJson([o, text = std::move(*content)](Session& s) {
    return Then(ImportText(s, o, text), ImportAnswerJson);
  });
}

// POST /api/close: keel close. {"offer": ID, "on": DATE} closes the search with the offer the
// seeker accepted; {"undo": true} reopens it. keel's refusals of the offer itself (not an offer,
// not a yes, no such ask) carry no field in the CLI, which names the ask in its words; here they
// are about "offer", so the page shows them beside the offer's chooser.
Result<Planned> CloseRoute(const Body& b) {
  CloseOptions o;
  std::optional<std::string> on;
  KEEL_RETURN_IF_ERROR(b.Integer("offer", &o.offer));
  KEEL_RETURN_IF_ERROR(b.Text("on", &on));
  KEEL_RETURN_IF_ERROR(b.Flag("undo", &o.undo));
  if (on && !on->empty()) o.on = *on;
  if (o.undo && (o.offer || o.on)) {
    return Error{"reopening the search takes no offer or date; send undo alone",
                 ErrorCode::kInvalid, o.offer ? "offer" : "on"};
  }
  if (!o.undo && !o.offer) {
    return Error{"choose the offer you accepted: the ask whose yes was the offer",
                 ErrorCode::kInvalid, "offer"};
  }
  if (o.offer && *o.offer < 1) {
    return Error{"an ask's id is a whole number from 1", ErrorCode::kInvalid, "offer"};
  }
  return AnswerJson([o](Session& s) -> Result<Json> {
    Result<CloseAnswer> answer = CloseOrReopenSearch(s, o);
    if (answer.ok()) return CloseAnswerJson(*answer);
    Error error = answer.error();
    if (!o.undo && (error.field.empty() || error.field == "id") &&
        (error.code == ErrorCode::kInvalid || error.code == ErrorCode::kNotFound)) {
      error.field = "offer";
      error.subject.clear();
    }
    return error;
  });
}

}  // namespace

void AddFormRoutes(RouteTable& t) {
  t.Post("feedback/ask", FeedbackAskRoute);
  t.Post("feedback/add", [](const Body& b) -> Result<Planned> {
    FeedbackAddOptions o;
    KEEL_RETURN_IF_ERROR(b.Id(&o.id));
    KEEL_RETURN_IF_ERROR(b.Text("text", &o.text));
    KEEL_RETURN_IF_ERROR(b.Text("theme", &o.theme));
    KEEL_RETURN_IF_ERROR(b.Text("on", &o.on));
    return AnswerJson([o](Session& s) { return Then(AddFeedback(s, o), FeedbackKeptJson); });
  });
  t.Post("action/add", [](const Body& b) -> Result<Planned> {
    ActionAddOptions o;
    KEEL_RETURN_IF_ERROR(b.Text("text", &o.text));
    KEEL_RETURN_IF_ERROR(b.Text("theme", &o.theme));
    KEEL_RETURN_IF_ERROR(b.Text("on", &o.on));
    return AnswerJson([o](Session& s) { return Then(AddAction(s, o), ActionRowJson); });
  });
  for (std::string_view action : kStrategyActions) {
    t.Post(fmt::format("strategy/{}", action),
           [a = std::string(action)](const Body& b) { return StrategyRoute(a, b); });
  }
  t.Post("material/add", MaterialAddRoute, kMaxMaterialBody);
  t.Post("import", ImportRoute, kMaxImportBody);
  t.Post("close", CloseRoute);
}

}  // namespace keel
