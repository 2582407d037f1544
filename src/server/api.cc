#include "server/api.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "app/vocabulary.h"
#include "cli/commands.h"
#include "cli/context.h"
#include "core/json_dump.h"

namespace keel {
namespace {

using Json = nlohmann::json;

// Collects what a command handler prints: the same FILE* interface the CLI writes to.
class Capture {
 public:
  Capture() : file_(open_memstream(&data_, &size_)) {}
  ~Capture() {
    if (file_) std::fclose(file_);
    std::free(data_);
  }
  Capture(const Capture&) = delete;
  Capture& operator=(const Capture&) = delete;
  std::FILE* file() const { return file_; }
  std::string Take() {
    if (file_) std::fclose(file_);
    file_ = nullptr;
    return std::string(data_ ? data_ : "", size_);
  }

 private:
  char* data_ = nullptr;
  size_t size_ = 0;
  std::FILE* file_;
};

// A field of a request body, checked for its type. Absent and null read as not given.
class Body {
 public:
  explicit Body(const Json& j) : j_(j) {}

  Status Text(const char* key, std::optional<std::string>* out) const {
    const auto it = j_.find(key);
    if (it == j_.end() || it->is_null()) return Status();
    if (!it->is_string()) return Error{"must be text", ErrorCode::kInvalid, key};
    *out = it->get<std::string>();
    return Status();
  }
  Status Text(const char* key, std::string* out) const {
    std::optional<std::string> v;
    KEEL_RETURN_IF_ERROR(Text(key, &v));
    if (v) *out = *v;
    return Status();
  }
  Status Integer(const char* key, std::optional<int64_t>* out) const {
    const auto it = j_.find(key);
    if (it == j_.end() || it->is_null()) return Status();
    // A number past 2^63 would wrap to a negative one.
    if (!it->is_number_integer() ||
        (it->is_number_unsigned() && it->get<uint64_t>() > uint64_t{INT64_MAX})) {
      return Error{"must be a whole number below 2^63", ErrorCode::kInvalid, key};
    }
    *out = it->get<int64_t>();
    return Status();
  }
  Status Id(int64_t* out) const {
    std::optional<int64_t> id;
    KEEL_RETURN_IF_ERROR(Integer("id", &id));
    if (!id) return Error{"give the ask's id", ErrorCode::kInvalid, "id"};
    if (*id < 1) return Error{"an ask's id is a whole number from 1", ErrorCode::kInvalid, "id"};
    *out = *id;
    return Status();
  }
  Status Flag(const char* key, bool* out) const {
    const auto it = j_.find(key);
    if (it == j_.end() || it->is_null()) return Status();
    if (!it->is_boolean()) return Error{"must be true or false", ErrorCode::kInvalid, key};
    *out = it->get<bool>();
    return Status();
  }
  // One text or a list of texts (a form may send either).
  Status TextOrList(const char* key, std::vector<std::string>* out) const {
    const auto it = j_.find(key);
    if (it != j_.end() && it->is_string()) {
      if (!it->get<std::string>().empty()) out->push_back(it->get<std::string>());
      return Status();
    }
    return List(key, out);
  }
  Status List(const char* key, std::vector<std::string>* out) const {
    const auto it = j_.find(key);
    if (it == j_.end() || it->is_null()) return Status();
    if (!it->is_array()) return Error{"must be a list of text", ErrorCode::kInvalid, key};
    for (const Json& v : *it) {
      if (!v.is_string()) return Error{"must be a list of text", ErrorCode::kInvalid, key};
      out->push_back(v.get<std::string>());
    }
    return Status();
  }

 private:
  const Json& j_;
};

std::optional<std::string> Query(const ApiRequest& r, const char* key) {
  const auto it = r.query.find(key);
  if (it == r.query.end()) return std::nullopt;
  return it->second;
}

Result<int> QueryInt(const ApiRequest& r, const char* key, int low, int high, int fallback) {
  const std::optional<std::string> text = Query(r, key);
  if (!text) return fallback;
  int value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value < low || value > high) {
    return Error{fmt::format("must be a whole number from {} to {}", low, high),
                 ErrorCode::kInvalid, key};
  }
  return value;
}

using Handler = std::function<int(Context&)>;

// Runs a command handler as the CLI would with --json and turns its exit code into a status.
// A failure is answered from the Error the handler recorded in the Context (Fail): its code
// gives the status and its field travels with it. What it printed on stderr is not read.
ApiResponse Run(const Handler& handler, Context& ctx, const char* content_type) {
  Capture out;
  Capture err;
  if (!out.file() || !err.file()) {
    return ApiError(Error{"cannot allocate the response", ErrorCode::kInternal});
  }
  ctx.out = out.file();
  ctx.err = err.file();
  ctx.error.reset();
  int code = 0;
  try {
    code = handler(ctx);
  } catch (const std::exception& e) {
    return ApiError(Error{fmt::format("internal error: {}", e.what()), ErrorCode::kInternal});
  }
  std::string body = out.Take();
  if (code == 0) return ApiResponse{200, content_type, std::move(body)};
  if (ctx.error) return ApiError(*ctx.error);
  // Every handler fails through Fail; a failure without an Error is a bug.
  return ApiError(Error{"internal error: the request failed without saying why; please report it",
                        ErrorCode::kInternal});
}

// The GET routes: reports, each the CLI command of the same name.
std::optional<Handler> ReadRoute(const ApiRequest& r, const std::string& name, Status* bad) {
  if (name == "status") return Handler([](Context& c) { return RunStatus(c); });
  if (name == "stats") {
    const std::string by = Query(r, "by").value_or("");
    return Handler([by](Context& c) { return RunStats(by, c); });
  }
  if (name == "streak") return Handler([](Context& c) { return RunStreak(c); });
  if (name == "forecast") return Handler([](Context& c) { return RunForecast(c); });
  if (name == "silence") return Handler([](Context& c) { return RunSilence(c); });
  if (name == "agenda") return Handler([](Context& c) { return RunAgenda(false, c); });
  if (name == "agenda.ics") {
    return Handler([](Context& c) {
      c.json = false;
      return RunAgenda(true, c);
    });
  }
  if (name == "patterns") {
    Result<int> window = QueryInt(r, "window", 1, 36500, 180);
    if (!window.ok()) {
      *bad = window.status();
      return std::nullopt;
    }
    const int days = *window;
    return Handler([days](Context& c) { return RunPatterns(days, c); });
  }
  if (name == "actions") return Handler([](Context& c) { return RunActions(c); });
  if (name == "drift") return Handler([](Context& c) { return RunDrift(c); });
  if (name == "strategy") return Handler([](Context& c) { return RunStrategy({}, c); });
  if (name == "strategy/history") {
    return Handler([](Context& c) {
      StrategyOptions o;
      o.action = "history";
      return RunStrategy(o, c);
    });
  }
  if (name == "materials") return Handler([](Context& c) { return RunMaterials(c); });
  if (name == "compare") {
    const std::string a = Query(r, "a").value_or("");
    const std::string b = Query(r, "b").value_or("");
    if (a.empty() || b.empty()) {
      *bad = Error{"give the two versions to compare, like resume@v1 and resume@v2",
                   ErrorCode::kInvalid, a.empty() ? "a" : "b"};
      return std::nullopt;
    }
    return Handler([a, b](Context& c) { return RunCompare(a, b, c); });
  }
  if (name == "list") {
    ListOptions o;
    const std::optional<std::string> open = Query(r, "open");
    o.open = open && *open != "0" && *open != "false" && !open->empty();
    for (const auto& [key, field] : {std::pair{"kind", &o.kind}, std::pair{"channel", &o.channel},
                                     std::pair{"outcome", &o.outcome}, std::pair{"org", &o.org}}) {
      if (std::optional<std::string> v = Query(r, key); v && !v->empty()) *field = *v;
    }
    return Handler([o](Context& c) { return RunList(o, c); });
  }
  if (name == "show") {
    Result<int> id = QueryInt(r, "id", 1, 2147483647, 0);
    if (!id.ok() || *id == 0) {
      *bad = id.ok() ? Error{"give the ask's id", ErrorCode::kInvalid, "id"} : id.error();
      return std::nullopt;
    }
    const int64_t ask = *id;
    return Handler([ask](Context& c) { return RunShow(ask, c); });
  }
  if (name == "export") {
    const std::string format = Query(r, "format").value_or("json");
    if (format != "json" && format != "csv") {
      *bad = Error{"give csv or json", ErrorCode::kInvalid, "format"};
      return std::nullopt;
    }
    return Handler([format](Context& c) {
      ExportOptions o;
      o.format = format;
      return RunExport(o, c);
    });
  }
  return std::nullopt;
}

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

// POST /api/close: keel close. {"offer": ID, "on": DATE} closes the search with the offer the
// seeker accepted; {"undo": true} reopens it. keel's refusals of the offer itself (not an offer,
// not a yes, no such ask) carry no field in the CLI, which names the ask in its words; here they
// are about "offer", so the page shows them beside the offer's chooser.
Result<std::optional<Handler>> CloseRoute(const Body& b) {
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
  return std::optional<Handler>([o](Context& c) {
    const int code = RunClose(o, c);
    if (code != 0 && c.error && !o.undo && (c.error->field.empty() || c.error->field == "id") &&
        (c.error->code == ErrorCode::kInvalid || c.error->code == ErrorCode::kNotFound)) {
      c.error->field = "offer";
      c.error->subject.clear();
    }
    return code;
  });
}

// The POST routes of the page's other forms// The POST routes of the page's other forms: feedback
// asks, strategy, materials and import.
Result<std::optional<Handler>> FormRoute(const std::string& name, const Body& b) {
  if (name == "feedback/ask") {
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
    return std::optional<Handler>([o](Context& c) { return RunFeedbackAsk(o, c); });
  }
  constexpr std::string_view kStrategy = "strategy/";
  if (name.rfind(kStrategy, 0) == 0 &&
      std::find(std::begin(kStrategyActions), std::end(kStrategyActions),
                name.substr(kStrategy.size())) != std::end(kStrategyActions)) {
    StrategyOptions o;
    o.action = name.substr(kStrategy.size());
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
    return std::optional<Handler>([o](Context& c) { return RunStrategy(o, c); });
  }
  if (name == "material/add") {
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
    if (o.version.empty())
      return Error{"name the version, like v3", ErrorCode::kInvalid, "version"};
    return std::optional<Handler>([o](Context& c) { return RunMaterialAdd(o, c); });
  }
  if (name == "import") {
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
    KEEL_RETURN_IF_ERROR(b.Text("kind", &kind));
    KEEL_RETURN_IF_ERROR(b.TextOrList("map", &o.maps));
    KEEL_RETURN_IF_ERROR(b.TextOrList("value", &o.values));
    if (!content || content->empty()) {
      return Error{"choose the CSV file or JSON backup to import", ErrorCode::kInvalid, "content"};
    }
    if (kind && !kind->empty()) o.kind = *kind;
    return std::optional<Handler>(
        [o, text = std::move(*content)](Context& c) { return RunImportText(o, text, c); });
  }
  if (name == "close") return CloseRoute(b);
  return std::optional<Handler>();
}

// The POST routes: the writes the dashboard's forms make, each the CLI command of that name.
Result<std::optional<Handler>> WriteRoute(const std::string& name, const Body& b) {
  if (name == "ask") {
    AskOptions o;
    std::optional<std::string> on, despite;
    std::optional<int64_t> salary;
    KEEL_RETURN_IF_ERROR(b.Text("org", &o.org));
    KEEL_RETURN_IF_ERROR(b.Text("person", &o.person));
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
    if (o.org.empty()) {
      return Error{"say which organization you asked", ErrorCode::kInvalid, "org"};
    }
    if (o.channel.empty()) o.channel = "other";
    if (on && !on->empty()) o.on = *on;
    o.salary = salary;
    o.despite = despite;
    return std::optional<Handler>([o](Context& c) { return RunAsk(o, c); });
  }
  if (name == "answer") {
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
    return std::optional<Handler>([o](Context& c) { return RunOutcome(o, c); });
  }
  if (name == "follow-up") {
    FollowUpOptions o;
    KEEL_RETURN_IF_ERROR(b.Id(&o.id));
    KEEL_RETURN_IF_ERROR(b.Text("on", &o.on));
    KEEL_RETURN_IF_ERROR(b.Text("note", &o.note));
    if (o.on && o.on->empty()) o.on.reset();
    return std::optional<Handler>([o](Context& c) { return RunFollowUp(o, c); });
  }
  if (name == "edit") {
    EditOptions o;
    std::optional<std::string> person;
    KEEL_RETURN_IF_ERROR(b.Id(&o.id));
    for (const auto& [key, field] :
         {std::pair{"org", &o.org}, std::pair{"person", &o.person}, std::pair{"kind", &o.kind},
          std::pair{"channel", &o.channel}, std::pair{"role", &o.role}, std::pair{"on", &o.on},
          std::pair{"replied_on", &o.replied_on}, std::pair{"note", &o.note},
          std::pair{"reason", &o.reason}, std::pair{"theme", &o.theme},
          std::pair{"industry", &o.industry}, std::pair{"location", &o.location},
          std::pair{"seniority", &o.seniority}, std::pair{"remote", &o.remote},
          std::pair{"despite", &o.despite}}) {
      KEEL_RETURN_IF_ERROR(b.Text(key, field));
    }
    KEEL_RETURN_IF_ERROR(b.Integer("salary", &o.salary));
    return std::optional<Handler>([o](Context& c) { return RunEdit(o, c); });
  }
  if (name == "delete") {
    DeleteOptions o;
    KEEL_RETURN_IF_ERROR(b.Id(&o.id));
    o.yes = true;  // the page asks for confirmation itself
    return std::optional<Handler>([o](Context& c) { return RunDelete(o, c); });
  }
  if (name == "undo") return std::optional<Handler>([](Context& c) { return RunUndo(c); });
  if (name == "feedback/add") {
    FeedbackAddOptions o;
    KEEL_RETURN_IF_ERROR(b.Id(&o.id));
    KEEL_RETURN_IF_ERROR(b.Text("text", &o.text));
    KEEL_RETURN_IF_ERROR(b.Text("theme", &o.theme));
    KEEL_RETURN_IF_ERROR(b.Text("on", &o.on));
    return std::optional<Handler>([o](Context& c) { return RunFeedbackAdd(o, c); });
  }
  if (name == "action/add") {
    ActionAddOptions o;
    KEEL_RETURN_IF_ERROR(b.Text("text", &o.text));
    KEEL_RETURN_IF_ERROR(b.Text("theme", &o.theme));
    KEEL_RETURN_IF_ERROR(b.Text("on", &o.on));
    return std::optional<Handler>([o](Context& c) { return RunActionAdd(o, c); });
  }
  return FormRoute(name, b);
}

bool IsWriteRoute(const std::string& name) {
  for (std::string_view w : {"ask", "answer", "follow-up", "edit", "delete", "undo", "feedback/add",
                             "action/add", "feedback/ask", "material/add", "import", "close"}) {
    if (name == w) return true;
  }
  for (std::string_view a : kStrategyActions) {
    if (name == fmt::format("strategy/{}", a)) return true;
  }
  return false;
}

}  // namespace

int HttpStatus(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalid:
      return 400;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kBusy:
      return 503;
    case ErrorCode::kForbidden:
      return 403;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

ApiResponse ApiError(const Error& error) {
  Json j{{"error", error.message}, {"code", Name(error.code)}};
  if (!error.field.empty()) j["field"] = error.field;
  return ApiResponse{HttpStatus(error.code), "application/json", DumpJson(j) + "\n"};
}

size_t MaxBodyFor(std::string_view path) {
  if (path == "/api/import") return kMaxImportBody;
  if (path == "/api/material/add") return kMaxMaterialBody;
  return kMaxBody;
}

ApiResponse ApiError(int status, const std::string& message) {
  // The transport's own refusals (a foreign Host, a body too large, no such route): the code that
  // goes with the status. 405 and 413 keep their status and are invalid requests.
  ErrorCode code = ErrorCode::kInvalid;
  if (status == 404) code = ErrorCode::kNotFound;
  if (status == 403) code = ErrorCode::kForbidden;
  if (status == 409) code = ErrorCode::kConflict;
  if (status == 503) code = ErrorCode::kBusy;
  if (status >= 500 && status != 503) code = ErrorCode::kInternal;
  ApiResponse response = ApiError(Error{message, code});
  response.status = status;
  return response;
}

ApiResponse HandleApi(const ApiRequest& r, const ApiEnv& env) {
  constexpr std::string_view kPrefix = "/api/";
  if (r.path.rfind(kPrefix, 0) != 0) return ApiError(404, "not found");
  const std::string name = r.path.substr(kPrefix.size());

  Context ctx;
  ctx.db_path = env.db_path;
  ctx.json = true;
  ctx.store_source = env.stores;
  ctx.horizon_source = env.horizons;
  if (env.themes) ctx.SetThemes(env.themes);
  ctx.today = env.today.value_or(SystemToday());
  if (std::optional<std::string> today = Query(r, "today")) {
    Result<Date> parsed = ParseUserDate(*today, SystemToday());
    if (!parsed.ok()) return ApiError(InField("today", parsed.error()));
    ctx.today = *parsed;
  }
  ctx.silence_days_given = env.silence_days;
  if (Query(r, "silence_days")) {
    Result<int> days = QueryInt(r, "silence_days", 1, 3650, 0);
    if (!days.ok()) return ApiError(days.error());
    ctx.silence_days_given = *days;
  }

  if (r.method == "GET" && name == "undo") return Run(RunUndoPreview, ctx, "application/json");
  if (r.method == "GET" && name == "meta") {
    return ApiResponse{200, "application/json", DumpJson(VocabularyJson()) + "\n"};
  }
  if (r.method == "GET") {
    Status bad;
    std::optional<Handler> handler = ReadRoute(r, name, &bad);
    if (!bad.ok()) return ApiError(bad.error());
    if (!handler) {
      if (IsWriteRoute(name)) return ApiError(405, fmt::format("use POST for /api/{}", name));
      return ApiError(404, fmt::format("there is no /api/{}; see docs/api.md", name));
    }
    const char* type = name == "agenda.ics" ? "text/calendar; charset=utf-8"
                       : name == "export" && Query(r, "format").value_or("") == "csv"
                           ? "text/csv; charset=utf-8"
                           : "application/json";
    return Run(*handler, ctx, type);
  }
  if (r.method == "POST") {
    const Json body = r.body.empty() ? Json::object() : Json::parse(r.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
      return ApiError(400, "the request body must be a JSON object");
    }
    Result<std::optional<Handler>> handler = WriteRoute(name, Body(body));
    if (!handler.ok()) return ApiError(handler.error());
    if (!*handler) {
      Status bad;
      if (ReadRoute(r, name, &bad)) return ApiError(405, fmt::format("use GET for /api/{}", name));
      return ApiError(404, fmt::format("there is no /api/{}; see docs/api.md", name));
    }
    return Run(**handler, ctx, "application/json");
  }
  return ApiError(405, "use GET to read and POST to write");
}

}  // namespace keel
