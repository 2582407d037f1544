#include "server/accounts_front.h"

#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <map>
#include <semaphore>

#include "app/accounts.h"
#include "app/attention.h"
#include "app/digests.h"
#include "app/enrolments.h"
#include "app/grants.h"
#include "app/notes.h"
#include "app/password.h"
#include "app/questions.h"
#include "app/sign_in.h"
#include "app/views.h"
#include "core/json_dump.h"
#include "core/text.h"
#include "server/roster_cache.h"
#include "server/unsubscribe_page.h"
#include "store/open.h"

namespace keel {
namespace {

HttpResponse FromApi(ApiResponse r) {
  return HttpResponse{r.status, std::move(r.content_type), std::move(r.body), {}};
}

HttpResponse JsonAnswer(const Json& j) {
  return HttpResponse{200, "application/json", DumpJson(j) + "\n", {}};
}

HttpResponse Failed(const Error& e) { return FromApi(ApiError(e)); }

// The text field `key` of a JSON body, or "".
std::string BodyText(const Json& body, const char* key) {
  const auto it = body.find(key);
  return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// A request's body as a JSON object, or the refusal every route gives (400, as HandleApi's).
Result<Json> ObjectBody(const ApiRequest& api) {
  Json body = Json::parse(api.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return Error{"the request body must be a JSON object"};
  }
  return body;
}

// The id of a route like /api/questions/ID/...: 1 to 12 digits, else nullopt (answered 404).
std::optional<int64_t> PathId(std::string_view digits) {
  if (digits.empty() || digits.size() > 12) return std::nullopt;
  int64_t id = 0;
  for (const char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    id = id * 10 + (c - '0');
  }
  return id;
}

// Each worker thread keeps its own connection to the practice (a Practice is not shared between
// threads).
std::unique_ptr<Practice>& ThreadPractice(const std::string& db) {
  thread_local std::map<std::string, std::unique_ptr<Practice>> practices;
  return practices[db];
}

// A roster look is recorded in the client's audit once an hour per coach and worker: the roster
// is a coach's home page, reloaded all day, and each look would write a row per client; the seeker
// reads the audit by day. A coach's reads of the client's own dashboard are recorded every time.
constexpr Instant kRosterReadEvery = 3600;

std::map<std::pair<int64_t, std::string>, Instant>& RosterReadsRecorded() {
  thread_local std::map<std::pair<int64_t, std::string>, Instant> recorded;
  return recorded;
}

bool RosterReadDue(int64_t coach, const std::string& search, Instant now) {
  const auto& recorded = RosterReadsRecorded();
  const auto it = recorded.find({coach, search});
  return it == recorded.end() || now < it->second || now - it->second >= kRosterReadEvery;
}

}  // namespace

std::optional<std::string> CookieValue(const HttpRequest& request, std::string_view name) {
  std::optional<std::string> found;
  for (const auto& [key, value] : request.headers) {
    if (key != "cookie") continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      const size_t end = std::min(rest.find(';'), rest.size());
      const std::string_view pair = Trim(rest.substr(0, end));
      rest.remove_prefix(std::min(end + 1, rest.size()));
      const size_t eq = pair.find('=');
      if (eq == std::string_view::npos || Trim(pair.substr(0, eq)) != name) continue;
      if (found) return std::nullopt;  // twice: a planted cookie beside the real one
      found = std::string(Trim(pair.substr(eq + 1)));
    }
  }
  return found;
}

struct AccountsFront::Impl {
  std::string db;
  std::function<ApiEnv(const std::string&)> search_env;
  std::function<StorePool&()> worker_stores;
  AccountsOptions options;
  std::string cookie_name;
  std::counting_semaphore<64> hashing{2};

  // Runs `f` holding one of the hashing slots (each password check takes 64 MiB), released on
  // every way out.
  template <typename F>
  auto WithHashingSlot(F f) {
    hashing.acquire();
    struct Release {
      std::counting_semaphore<64>& slots;
      ~Release() { slots.release(); }
    } release{hashing};
    return f();
  }

  explicit Impl(int max_hashing) : hashing(std::clamp(max_hashing, 1, 64)) {}

  Instant Now() const {
    if (options.now) return *options.now;
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }

  // The client's address: the socket's peer, or for a trusted proxy the last address of its
  // X-Forwarded-For (the one the proxy itself added).
  std::string Address(const HttpRequest& request) const {
    const bool proxied = std::find(options.trusted_proxies.begin(), options.trusted_proxies.end(),
                                   request.peer) != options.trusted_proxies.end();
    if (proxied) {
      if (std::optional<std::string_view> forwarded = request.Header("x-forwarded-for")) {
        const size_t comma = forwarded->rfind(',');
        const std::string_view last =
            Trim(comma == std::string_view::npos ? *forwarded : forwarded->substr(comma + 1));
        if (!last.empty()) return std::string(last);
      }
    }
    return request.peer;
  }

  std::string SetCookie(const std::string& value, int64_t max_age) const {
    return fmt::format("{}={}; Path=/; Max-Age={}; HttpOnly; SameSite=Strict{}", cookie_name, value,
                       max_age, options.secure ? "; Secure" : "");
  }

  HttpResponse Login(const HttpRequest& request, const ApiRequest& api, Practice& practice);
  HttpResponse Logout(const HttpRequest& request, Practice& practice);
  HttpResponse Signed(const HttpRequest& request, const ApiRequest& api, Practice& practice);
  HttpResponse GrantRoutes(const ApiRequest& api, const Account& me, Practice& practice);
  HttpResponse ClientRead(const ApiRequest& api, const Account& me, Practice& practice);
  HttpResponse Roster(const Account& me, Practice& practice);
  HttpResponse QuestionRoutes(const ApiRequest& api, const Account& me, Practice& practice);
  HttpResponse ProgramRoutes(const ApiRequest& api, const Account& me, Practice& practice);

  // The coach's last roster, given again within a second (server/roster_cache.h); `writes`
  // counts the writes this server has answered, so none of them waits that second.
  RosterCache roster_cache;
  std::atomic<uint64_t> writes{0};

  struct ClientAttention {
    bool known = false;
    std::pair<int64_t, int64_t> stamp;
    Date today;
    std::vector<Attention> flags;
    std::optional<Date> last_ask;
  };
  // `stamp`, when given, is the client's change stamp read with the others' (StorePool::
  // ChangeStamps): a client whose ledger has not moved is then answered without opening it.
  Result<const ClientAttention*> AttentionOf(
      const std::string& search, const Account& me, Date today,
      const std::optional<std::pair<int64_t, int64_t>>& stamp);

  Date Today() const { return options.now ? UtcDate(*options.now) : SystemToday(); }
  // The env of a search, acting as `me`.
  ApiEnv EnvFor(const std::string& search, const Account& me) const {
    ApiEnv env = search_env(search);
    env.actor = me.email;
    if (options.now && !env.today) env.today = Today();
    return env;
  }
};

HttpResponse AccountsFront::Impl::GrantRoutes(const ApiRequest& api, const Account& me,
                                              Practice& practice) {
  const Date today = Today();
  if (api.path == "/api/grants") {
    if (api.method == "GET") {
      Result<std::vector<GrantRecord>> grants =
          practice.Grants(me.id, /*as_coach=*/me.role == Role::kCoach);
      if (!grants.ok()) return Failed(grants.error());
      Json list = Json::array();
      for (const GrantRecord& g : *grants) list.push_back(GrantJson(g, today));
      return JsonAnswer(Json{{"grants", list}});
    }
    Result<Json> parsed = ObjectBody(api);
    if (!parsed.ok()) return Failed(parsed.error());
    const Json& body = *parsed;
    GrantRequest request{BodyText(body, "coach_email"), BodyText(body, "scope"),
                         BodyText(body, "expires_on")};
    if (request.scope.empty()) request.scope = "read";
    Result<GrantRecord> granted = GrantAccess(practice, me, request, today, Now());
    if (!granted.ok()) return Failed(granted.error());
    return JsonAnswer(GrantJson(*granted, today));
  }
  // /api/grants/ID/revoke
  constexpr std::string_view kPrefix = "/api/grants/";
  constexpr std::string_view kRevoke = "/revoke";
  const std::string_view rest = std::string_view(api.path).substr(kPrefix.size());
  if (api.method != "POST" || !rest.ends_with(kRevoke)) return FromApi(ApiError(404, "not found"));
  const std::optional<int64_t> id = PathId(rest.substr(0, rest.size() - kRevoke.size()));
  if (!id) return FromApi(ApiError(404, "not found"));
  Result<GrantRecord> revoked = RevokeAccess(practice, me, *id, Now());
  if (!revoked.ok()) return Failed(revoked.error());
  return JsonAnswer(GrantJson(*revoked, today));
}

// GET /api/searches/SEARCH/COMMAND: a coach reads a client's search by the client's grant, checked
// here before the search's store is opened, and recorded for the client to see.
HttpResponse AccountsFront::Impl::ClientRead(const ApiRequest& api, const Account& me,
                                             Practice& practice) {
  constexpr std::string_view kPrefix = "/api/searches/";
  const std::string_view rest = std::string_view(api.path).substr(kPrefix.size());
  const size_t slash = rest.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == rest.size()) {
    return FromApi(ApiError(404, "not found"));
  }
  const std::string search(rest.substr(0, slash));
  const std::string command(rest.substr(slash + 1));
  Result<GrantRecord> grant = ActiveGrantFor(practice, me, search, Today());
  if (!grant.ok()) return Failed(grant.error());
  if (command == "notes" || command == "comments") {
    // The coach's own notes and every comment on the search; or a new private note / comment.
    if (api.method == "GET") {
      Result<std::vector<NoteRecord>> notes = practice.Notes(search, me.id);
      if (!notes.ok()) return Failed(notes.error());
      Json list = Json::array();
      for (const NoteRecord& n : *notes) list.push_back(NoteJson(n, /*for_seeker=*/false));
      return JsonAnswer(Json{{"notes", list}});
    }
    Result<Json> parsed = ObjectBody(api);
    if (!parsed.ok()) return Failed(parsed.error());
    const Json& body = *parsed;
    Result<NoteRecord> added =
        AddCoachNote(practice, me, *grant, {BodyText(body, "text"), BodyText(body, "about")},
                     /*comment=*/command == "comments", Now());
    if (!added.ok()) return Failed(added.error());
    return JsonAnswer(NoteJson(*added, /*for_seeker=*/false));
  }
  if (api.method != "GET") return FromApi(ApiError(404, "not found"));
  if (Status read = practice.RecordRead({search, me.email, command, UtcIso(Now())}); !read.ok()) {
    return Failed(read.error());
  }
  ApiRequest inner = api;
  inner.path = "/api/" + command;
  return FromApi(HandleApi(inner, EnvFor(search, me)));
}

// The 24-hour promise (app/questions.h): POST /api/questions {text} (a seeker), GET /api/questions
// (a seeker's own; a coach's queue, the least time left first), GET /api/questions/report, and
// POST /api/questions/ID/answers|need-info (a coach) or /replies (the seeker) {text}.
HttpResponse AccountsFront::Impl::QuestionRoutes(const ApiRequest& api, const Account& me,
                                                 Practice& practice) {
  // An admin manages accounts and reads no one's questions: to them the routes are not there.
  if (me.role == Role::kAdmin) return FromApi(ApiError(404, "not found"));
  const Date today = Today();
  const Instant now = Now();
  // Every question `me` sees with its events and clock.
  auto visible = [&]() -> Result<std::vector<QuestionWithClock>> {
    Result<std::vector<QuestionRecord>> questions = QuestionsFor(practice, me, today);
    if (!questions.ok()) return questions.status();
    return ClocksOf(practice, std::move(questions).value(), now);
  };
  if (api.path == "/api/questions/report") {
    if (api.method != "GET") return FromApi(ApiError(405, "use GET for /api/questions/report"));
    auto all = visible();
    if (!all.ok()) return Failed(all.error());
    std::vector<QuestionState> states;
    states.reserve(all->size());
    for (const QuestionWithClock& q : *all) states.push_back(q.state);
    return JsonAnswer(QuestionReportJson(ReportOn(states)));
  }
  if (api.path == "/api/questions") {
    if (api.method == "GET") {
      auto all = visible();
      if (!all.ok()) return Failed(all.error());
      // Open questions first, the least time left first (a paused one waits on the seeker, so
      // after the running ones); then the answered, newest first.
      std::stable_sort(all->begin(), all->end(), [](const auto& a, const auto& b) {
        const QuestionState& x = a.state;
        const QuestionState& y = b.state;
        if (x.open() != y.open()) return x.open();
        if (x.open()) {
          if (x.paused != y.paused) return !x.paused;
          return x.due < y.due;
        }
        return *x.answered_at > *y.answered_at;
      });
      Json list = Json::array();
      for (const QuestionWithClock& q : *all) {
        list.push_back(QuestionJson(q.question, q.events, q.state, now));
      }
      return JsonAnswer(Json{{"questions", list}});
    }
    Result<Json> parsed = ObjectBody(api);
    if (!parsed.ok()) return Failed(parsed.error());
    Result<QuestionRecord> asked = AskQuestion(practice, me, BodyText(*parsed, "text"), today, now);
    if (!asked.ok()) return Failed(asked.error());
    return JsonAnswer(QuestionJson(*asked, {}, ClockOf(*asked, {}, now), now));
  }
  // /api/questions/ID/KIND
  const std::string_view rest =
      std::string_view(api.path).substr(std::string_view("/api/questions/").size());
  const size_t slash = rest.find('/');
  const std::optional<int64_t> id =
      slash == std::string_view::npos ? std::nullopt : PathId(rest.substr(0, slash));
  if (!id) return FromApi(ApiError(404, "not found"));
  const std::string_view route = rest.substr(slash + 1);
  const std::string_view kind = route == "answers"     ? "answer"
                                : route == "need-info" ? "need-info"
                                : route == "replies"   ? "reply"
                                                       : "";
  if (kind.empty()) return FromApi(ApiError(404, "not found"));
  if (api.method != "POST") return FromApi(ApiError(405, "use POST to add to a question"));
  Result<QuestionRecord> question = QuestionFor(practice, me, *id, today);
  if (!question.ok()) return Failed(question.error());
  Result<Json> parsed = ObjectBody(api);
  if (!parsed.ok()) return Failed(parsed.error());
  Result<QuestionEvent> added =
      AddToQuestion(practice, me, *question, kind, BodyText(*parsed, "text"), now);
  if (!added.ok()) return Failed(added.error());
  Result<std::vector<QuestionEvent>> events = practice.QuestionEvents({*id});
  if (!events.ok()) return Failed(events.error());
  return JsonAnswer(QuestionJson(*question, *events, ClockOf(*question, *events, now), now));
}

// Programs and enrolments (app/enrolments.h): GET /api/programs; POST /api/enrolments {program,
// start_on, seeker_email}; GET /api/enrolments (a seeker's own, with the lessons that are due);
// POST /api/enrolments/ID/done {day} and /catch-up {} (the seeker's own).
HttpResponse AccountsFront::Impl::ProgramRoutes(const ApiRequest& api, const Account& me,
                                                Practice& practice) {
  if (me.role == Role::kAdmin) return FromApi(ApiError(404, "not found"));
  const Date today = Today();
  Result<std::vector<Program>> programs = AllPrograms(practice);
  if (!programs.ok()) return Failed(programs.error());
  auto program_of = [&](const std::string& name) -> const Program* {
    for (const Program& p : *programs) {
      if (p.name == name) return &p;
    }
    return nullptr;
  };
  if (api.path == "/api/programs") {
    if (api.method != "GET") return FromApi(ApiError(405, "use GET for /api/programs"));
    Json list = Json::array();
    for (const Program& p : *programs) list.push_back(ProgramJson(p));
    return JsonAnswer(Json{{"programs", list}});
  }
  if (api.path == "/api/enrolments") {
    if (api.method == "GET") {
      if (me.role != Role::kSeeker) return JsonAnswer(Json{{"enrolments", Json::array()}});
      Result<std::vector<EnrolmentRecord>> mine = practice.Enrolments(me.id);
      if (!mine.ok()) return Failed(mine.error());
      Json list = Json::array();
      for (const EnrolmentRecord& e : *mine) {
        if (!e.ended_at.empty()) continue;
        if (const Program* p = program_of(e.program)) list.push_back(EnrolmentJson(e, *p, today));
      }
      return JsonAnswer(Json{{"enrolments", list}});
    }
    Result<Json> parsed = ObjectBody(api);
    if (!parsed.ok()) return Failed(parsed.error());
    const Json& body = *parsed;
    Result<EnrolmentRecord> enrolled = Enrol(
        practice, me,
        {BodyText(body, "program"), BodyText(body, "start_on"), BodyText(body, "seeker_email")},
        today, Now());
    if (!enrolled.ok()) return Failed(enrolled.error());
    return JsonAnswer(EnrolmentJson(*enrolled, *program_of(enrolled->program), today));
  }
  // /api/enrolments/ID/done|catch-up
  const std::string_view rest =
      std::string_view(api.path).substr(std::string_view("/api/enrolments/").size());
  const size_t slash = rest.find('/');
  const std::optional<int64_t> id =
      slash == std::string_view::npos ? std::nullopt : PathId(rest.substr(0, slash));
  if (!id) return FromApi(ApiError(404, "not found"));
  const std::string_view action = rest.substr(slash + 1);
  if (action != "done" && action != "catch-up") return FromApi(ApiError(404, "not found"));
  if (api.method != "POST") return FromApi(ApiError(405, "use POST to change an enrolment"));
  Result<EnrolmentRecord> enrolment = OwnEnrolment(practice, me, *id);
  if (!enrolment.ok()) return Failed(enrolment.error());
  const Program* program = program_of(enrolment->program);
  if (!program) return FromApi(ApiError(404, "not found"));
  Result<Json> parsed = ObjectBody(api);
  if (!parsed.ok()) return Failed(parsed.error());
  if (action == "done") {
    const auto day = parsed->find("day");
    if (day == parsed->end() || !day->is_number_integer()) {
      return Failed(Error{"give the step's day as a number", ErrorCode::kInvalid, "day"});
    }
    const int64_t d = day->get<int64_t>();
    if (d < 1 || d > kMaxProgramDay) {
      return Failed(Error{"there is no such day", ErrorCode::kInvalid, "day"});
    }
    if (Status done = MarkDone(practice, *enrolment, *program, static_cast<int>(d), today, Now());
        !done.ok()) {
      return Failed(done.error());
    }
  } else {
    Result<std::string> moved = CatchUp(practice, *enrolment, *program, today);
    if (!moved.ok()) return Failed(moved.error());
  }
  Result<EnrolmentRecord> again = OwnEnrolment(practice, me, *id);
  if (!again.ok()) return Failed(again.error());
  return JsonAnswer(EnrolmentJson(*again, *program, today));
}

// A client's flags, kept by each worker thread while the client's ledger and the date stay as they
// were (the ledger's change stamp): a coach's roster reads every client's search, and most have
// not changed since the last look. 20 clients x 1,000 asks took 106 ms a roster without it.
Result<const AccountsFront::Impl::ClientAttention*> AccountsFront::Impl::AttentionOf(
    const std::string& search, const Account& me, Date today,
    const std::optional<std::pair<int64_t, int64_t>>& stamp_read) {
  thread_local std::map<std::string, ClientAttention> cache;
  ClientAttention& kept = cache[db + '\n' + search];
  if (stamp_read && kept.known && kept.stamp == *stamp_read && kept.today == today) return &kept;
  Session session;
  PrepareSession(session, EnvFor(search, me));
  session.today = today;
  Result<std::shared_ptr<Store>> store = session.OpenStore(/*with_horizon=*/false);
  if (!store.ok()) return store.status();
  Result<std::pair<int64_t, int64_t>> stamp = (*store)->ChangeStamp();
  if (!stamp.ok()) return stamp.status();
  if (kept.known && kept.stamp == *stamp && kept.today == today) return &kept;
  Result<AttentionFacts> facts = GatherAttention(session);
  if (!facts.ok()) return facts.status();
  kept.known = true;
  kept.stamp = *stamp;
  kept.today = today;
  kept.flags = NeedsAttention(*facts);
  kept.last_ask.reset();
  for (const Date d : facts->ask_dates) {
    if (!kept.last_ask || d > *kept.last_ask) kept.last_ask = d;
  }
  return &kept;
}

// GET /api/coach/clients: the coach's clients with their needs-attention flags, most urgent
// first, then the longest since their last ask.
HttpResponse AccountsFront::Impl::Roster(const Account& me, Practice& practice) {
  if (me.role != Role::kCoach) return FromApi(ApiError(404, "not found"));
  const Date today = Today();
  Result<std::vector<GrantRecord>> held = practice.Grants(me.id, /*as_coach=*/true);
  if (!held.ok()) return Failed(held.error());
  struct Row {
    Json json;
    size_t urgency;
    std::optional<Date> last_ask;
  };
  std::vector<Row> rows;
  std::vector<const GrantRecord*> active;
  std::vector<std::string> searches;
  for (const GrantRecord& g : *held) {
    if (StateOf(g, today) != GrantState::kActive) continue;
    if (std::find(searches.begin(), searches.end(), g.search) != searches.end()) continue;
    searches.push_back(g.search);
    active.push_back(&g);
  }
  std::string kept_key = today.ToIso();
  for (const GrantRecord* g : active) {
    kept_key +=
        fmt::format("\n{}\t{}\t{}\t{}", g->search, g->seeker_email, g->scope, g->expires_on);
  }
  const uint64_t writes_seen = writes.load();
  const RosterCache::Clock::time_point looked = RosterCache::Clock::now();
  if (std::optional<HttpResponse> kept = roster_cache.Find(me.id, kept_key, writes_seen, looked)) {
    return *std::move(kept);
  }
  // Every client's change stamp in one statement where the backend can (PostgreSQL); on SQLite
  // each search is its own file and AttentionOf reads its stamp.
  Result<std::optional<std::map<std::string, std::pair<int64_t, int64_t>>>> stamps =
      worker_stores().ChangeStamps(db, searches);
  if (!stamps.ok()) return Failed(stamps.error());
  std::vector<AuditRead> reads;
  const Instant now = Now();
  // Open questions by client: the question-due flag comes from the practice, not the ledger, so
  // it is added to the kept flags on every look.
  std::map<std::string, std::vector<QuestionClock>> clocks;
  {
    Result<std::vector<QuestionRecord>> questions = practice.Questions(searches);
    if (!questions.ok()) return Failed(questions.error());
    Result<std::vector<QuestionWithClock>> clocked =
        ClocksOf(practice, std::move(questions).value(), now);
    if (!clocked.ok()) return Failed(clocked.error());
    for (const QuestionWithClock& q : *clocked) {
      // A paused question waits on the seeker, not the coach.
      if (!q.state.open() || q.state.paused) continue;
      clocks[q.question.search].push_back({q.state.MinutesLeft(now)});
    }
  }
  for (const GrantRecord* grant : active) {
    const GrantRecord& g = *grant;
    std::optional<std::pair<int64_t, int64_t>> stamp;
    if (*stamps) {
      if (const auto it = (*stamps)->find(g.search); it != (*stamps)->end()) stamp = it->second;
    }
    Result<const ClientAttention*> attention = AttentionOf(g.search, me, today, stamp);
    if (!attention.ok()) return Failed(attention.error());
    if (RosterReadDue(me.id, g.search, now)) {
      reads.push_back({g.search, me.email, "roster", UtcIso(now)});
    }
    const std::optional<Date> last = (*attention)->last_ask;
    Json flags = Json::array();
    size_t urgency = 99;
    std::vector<Attention> all;
    if (std::optional<Attention> due = QuestionDueFlag(clocks[g.search])) all.push_back(*due);
    all.insert(all.end(), (*attention)->flags.begin(), (*attention)->flags.end());
    for (const Attention& a : all) {
      urgency = std::min(urgency, static_cast<size_t>(a.flag));
      flags.push_back(
          Json{{"flag", std::string(AttentionFlagName(a.flag))}, {"sentence", a.sentence}});
    }
    Json j{{"search_id", g.search},
           {"seeker", g.seeker_email},
           {"scope", g.scope},
           {"expires_on", g.expires_on.empty() ? Json(nullptr) : Json(g.expires_on)},
           {"flags", flags},
           {"last_ask_on", last ? Json(last->ToIso()) : Json(nullptr)}};
    rows.push_back({std::move(j), urgency, last});
  }
  if (Status recorded = practice.RecordReads(reads); !recorded.ok())
    return Failed(recorded.error());
  for (const AuditRead& read : reads) RosterReadsRecorded()[{me.id, read.search}] = now;
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    if (a.urgency != b.urgency) return a.urgency < b.urgency;
    // The longest since the last ask first; a client with no ask at all before anyone.
    if (a.last_ask.has_value() != b.last_ask.has_value()) return !a.last_ask.has_value();
    return a.last_ask && *a.last_ask < *b.last_ask;
  });
  Json clients = Json::array();
  for (Row& r : rows) clients.push_back(std::move(r.json));
  HttpResponse answer = JsonAnswer(Json{{"clients", clients}});
  roster_cache.Keep(me.id, std::move(kept_key), writes_seen, looked, answer);
  return answer;
}

HttpResponse AccountsFront::Impl::Login(const HttpRequest& request, const ApiRequest& api,
                                        Practice& practice) {
  if (api.method != "POST") return FromApi(ApiError(405, "use POST for /api/login"));
  Result<Json> parsed = ObjectBody(api);
  if (!parsed.ok()) return Failed(parsed.error());
  const Json& body = *parsed;
  SignInRequest in{BodyText(body, "email"), BodyText(body, "password"), Address(request),
                   std::string(request.Header("user-agent").value_or("")), Now()};
  Result<std::optional<int64_t>> wait = SignInWait(practice, in.email, in.address, in.now);
  if (!wait.ok()) return Failed(wait.error());
  if (*wait) {
    const int64_t minutes = (**wait + 59) / 60;
    HttpResponse r = Failed(
        Error{fmt::format("too many failed sign-ins for this email or from this address; try again "
                          "in {} minute{}",
                          minutes, minutes == 1 ? "" : "s"),
              ErrorCode::kTooMany});
    r.headers.emplace_back("Retry-After", std::to_string(**wait));
    return r;
  }
  Result<SignedIn> signed_in = WithHashingSlot([&] { return SignIn(practice, in); });
  if (!signed_in.ok()) return Failed(signed_in.error());
  Json j = AccountJson(signed_in->account);
  j.erase("id");
  j.erase("created_at");
  j["csrf"] = signed_in->csrf;
  HttpResponse r = JsonAnswer(j);
  r.headers.emplace_back("Set-Cookie",
                         SetCookie(signed_in->session_id, signed_in->expires_at - in.now));
  return r;
}

HttpResponse AccountsFront::Impl::Logout(const HttpRequest& request, Practice& practice) {
  const std::optional<std::string> id = CookieValue(request, cookie_name);
  Result<Authenticated> who = Authenticate(practice, id.value_or(""), Now());
  if (who.ok()) {
    if (!CsrfMatches(who->session, request.Header("x-keel-token").value_or(""))) {
      return FromApi(ApiError(403, "signing out needs the X-Keel-Token of the session"));
    }
    if (Status out = SignOut(practice, *id); !out.ok()) return Failed(out.error());
  }
  HttpResponse r = JsonAnswer(Json{{"signed_out", true}});
  r.headers.emplace_back("Set-Cookie", SetCookie("", 0));
  return r;
}

HttpResponse AccountsFront::Impl::Signed(const HttpRequest& request, const ApiRequest& api,
                                         Practice& practice) {
  const std::optional<std::string> id = CookieValue(request, cookie_name);
  Result<Authenticated> who = Authenticate(practice, id.value_or(""), Now());
  if (!who.ok()) return Failed(who.error());
  if (api.method == "POST" &&
      !CsrfMatches(who->session, request.Header("x-keel-token").value_or(""))) {
    return FromApi(ApiError(403,
                            "a change needs the session's token in the X-Keel-Token header "
                            "(the answer to signing in carries it)"));
  }
  if (api.path == "/api/me") {
    Json j = AccountJson(who->account);
    j.erase("id");
    j["session"] =
        Json{{"created_at", who->session.created_at}, {"last_seen_at", who->session.last_seen_at}};
    return JsonAnswer(j);
  }
  const Account& me = who->account;
  if (api.path == "/api/password") {
    if (api.method != "POST") return FromApi(ApiError(405, "use POST for /api/password"));
    Result<Json> parsed = ObjectBody(api);
    if (!parsed.ok()) return Failed(parsed.error());
    const Json& body = *parsed;
    Result<int64_t> ended = WithHashingSlot([&] {
      return ChangePassword(practice, *who, BodyText(body, "current"), BodyText(body, "new"),
                            Address(request), Now());
    });
    if (!ended.ok()) return Failed(ended.error());
    return JsonAnswer(Json{{"changed", true}, {"other_sessions_ended", *ended}});
  }
  if (api.path == "/api/account/delete") {
    // A seeker who leaves deletes their account and everything in it, their search first (so
    // an interrupted deletion can be run again); the password confirms it is them.
    if (api.method != "POST") return FromApi(ApiError(405, "use POST for /api/account/delete"));
    Result<Json> parsed = ObjectBody(api);
    if (!parsed.ok()) return Failed(parsed.error());
    const Json& body = *parsed;
    const bool right = WithHashingSlot(
        [&] { return VerifyPassword(me.password_hash, BodyText(body, "password")); });
    if (!right) {
      return Failed(
          Error{"the password is not right; nothing was deleted", ErrorCode::kInvalid, "password"});
    }
    Result<AccountRemoval> removed =
        RemoveAccount(practice, me.email, /*confirmed=*/true,
                      [this](const std::string& search) { return DeleteSearch(db, search); });
    if (!removed.ok()) return Failed(removed.error());
    HttpResponse r =
        JsonAnswer(Json{{"deleted", true}, {"deleted_searches", removed->deleted_searches}});
    r.headers.emplace_back("Set-Cookie", SetCookie("", 0));
    return r;
  }
  if (api.path == "/api/sessions") {
    if (api.method != "GET") return FromApi(ApiError(405, "use GET for /api/sessions"));
    Result<std::vector<SessionRecord>> sessions = practice.Sessions(me.id);
    if (!sessions.ok()) return Failed(sessions.error());
    Json list = Json::array();
    for (const SessionRecord& s : *sessions) {
      list.push_back(SessionJson(s, s.id_hash == who->session.id_hash));
    }
    return JsonAnswer(Json{{"sessions", list}});
  }
  if (api.path.starts_with("/api/sessions/") && api.path.ends_with("/revoke")) {
    if (api.method != "POST") return FromApi(ApiError(405, "use POST to end a session"));
    const std::string_view short_id = std::string_view(api.path).substr(
        14, api.path.size() - 14 - std::string_view("/revoke").size());
    if (Status ended = EndOwnSession(practice, me.id, short_id); !ended.ok()) {
      return Failed(ended.error());
    }
    return JsonAnswer(Json{{"ended", true}});
  }
  if (api.path == "/api/grants" || api.path.starts_with("/api/grants/")) {
    return GrantRoutes(api, me, practice);
  }
  if (api.path == "/api/digest") {
    // The daily digest by email, opted into here (app/digests.h): a seeker's reminders, a
    // coach's roster. An admin has none: the route is not there.
    if (!DigestListOf(me)) return FromApi(ApiError(404, "not found"));
    if (api.method == "POST") {
      Result<Json> parsed = ObjectBody(api);
      if (!parsed.ok()) return Failed(parsed.error());
      const Json& body = *parsed;
      if (!body.contains("on") || !body["on"].is_boolean()) {
        return Failed(Error{"say \"on\": true to get the daily digest, or false to stop it",
                            ErrorCode::kInvalid, "on"});
      }
      if (Status set = SetDigest(practice, me, body["on"].get<bool>(), Now()); !set.ok()) {
        return Failed(set.error());
      }
    } else if (api.method != "GET") {
      return FromApi(ApiError(405, "use GET or POST for /api/digest"));
    }
    Result<Json> digest = DigestJson(practice, me);
    if (!digest.ok()) return Failed(digest.error());
    return JsonAnswer(*digest);
  }
  if (api.path == "/api/programs" || api.path == "/api/enrolments" ||
      api.path.starts_with("/api/enrolments/")) {
    return ProgramRoutes(api, me, practice);
  }
  if (api.path == "/api/questions" || api.path.starts_with("/api/questions/")) {
    return QuestionRoutes(api, me, practice);
  }
  if (api.path == "/api/admin/counts") {
    // An admin manages accounts and sees counts, never content (PRODUCT.md); to anyone else the
    // route is not there.
    if (me.role != Role::kAdmin || api.method != "GET") return FromApi(ApiError(404, "not found"));
    Result<PracticeCounts> counts = practice.Counts(Today().ToIso());
    if (!counts.ok()) return Failed(counts.error());
    const PracticeCounts& c = *counts;
    return JsonAnswer(Json{{"seekers", c.seekers},
                           {"coaches", c.coaches},
                           {"admins", c.admins},
                           {"active_grants", c.active_grants},
                           {"sessions", c.sessions},
                           {"notes", c.notes},
                           {"coach_reads", c.reads}});
  }
  if (api.path.starts_with("/api/searches/")) return ClientRead(api, me, practice);
  if (api.path == "/api/coach/clients") {
    if (api.method != "GET") return FromApi(ApiError(405, "use GET for /api/coach/clients"));
    return Roster(me, practice);
  }
  // The search is chosen from the session, never from the request: a seeker reaches their own.
  if (me.role != Role::kSeeker || me.searches.empty()) return FromApi(ApiError(404, "not found"));
  if (api.path == "/api/comments") {
    if (api.method != "GET") return FromApi(ApiError(405, "use GET for /api/comments"));
    Result<std::vector<NoteRecord>> notes = practice.Notes(me.searches.front(), std::nullopt);
    if (!notes.ok()) return Failed(notes.error());
    Json list = Json::array();
    for (const NoteRecord& n : *notes) list.push_back(NoteJson(n, /*for_seeker=*/true));
    return JsonAnswer(Json{{"comments", list}});
  }
  if (api.path == "/api/audit") {
    if (api.method != "GET") return FromApi(ApiError(405, "use GET for /api/audit"));
    Result<std::vector<AuditRead>> reads = practice.Reads(me.searches.front(), 500);
    if (!reads.ok()) return Failed(reads.error());
    Json list = Json::array();
    for (const AuditRead& r : *reads) {
      list.push_back(Json{{"coach", r.coach_email}, {"what", r.what}, {"at", r.at}});
    }
    return JsonAnswer(Json{{"reads", list}});
  }
  return FromApi(HandleApi(api, EnvFor(me.searches.front(), me)));
}

AccountsFront::AccountsFront(std::string db,
                             std::function<ApiEnv(const std::string& search)> search_env,
                             std::function<StorePool&()> worker_stores, AccountsOptions options)
    : impl_(std::make_unique<Impl>(options.max_hashing)) {
  impl_->db = std::move(db);
  impl_->search_env = std::move(search_env);
  impl_->worker_stores = std::move(worker_stores);
  impl_->cookie_name = options.secure ? "__Host-keel_session" : "keel_session";
  impl_->options = std::move(options);
}

AccountsFront::~AccountsFront() = default;

const std::string& AccountsFront::cookie_name() const { return impl_->cookie_name; }

HttpResponse AccountsFront::Handle(const HttpRequest& request, const ApiRequest& api) {
  std::unique_ptr<Practice>& practice = ThreadPractice(impl_->db);
  if (!practice) {
    Result<std::unique_ptr<Practice>> opened = OpenPractice(impl_->db);
    if (!opened.ok()) return Failed(opened.error());
    practice = std::move(opened).value();
  }
  HttpResponse r;
  if (api.path.starts_with("/unsubscribe/")) {
    r = UnsubscribeRoute(api.method, api.path, *practice, impl_->Now());
  } else if (api.path == "/api/login") {
    r = impl_->Login(request, api, *practice);
  } else if (api.path == "/api/logout") {
    r = api.method == "POST" ? impl_->Logout(request, *practice)
                             : FromApi(ApiError(405, "use POST for /api/logout"));
  } else {
    r = impl_->Signed(request, api, *practice);
  }
  // Counted once answered, so a roster built from before the write is not given again after it.
  if (api.method != "GET" && api.method != "HEAD") ++impl_->writes;
  // A connection that failed (a restarted database server) is opened again on the next request.
  if (r.status >= 500) practice.reset();
  return r;
}

}  // namespace keel
