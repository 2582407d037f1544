#include "app/enrolments.h"

#include <fmt/format.h>

#include <algorithm>

#include "app/grants.h"
#include "app/mail.h"

namespace keel {
namespace {

Error NotFound() { return Error{"not found", ErrorCode::kNotFound}; }

bool IsDone(const EnrolmentRecord& e, int day) {
  return std::find(e.done.begin(), e.done.end(), day) != e.done.end();
}

}  // namespace

Date StepDueOn(Date start_on, int day) { return start_on + (day - 1); }

Result<std::vector<Program>> AllPrograms(Practice& practice) {
  std::vector<Program> out = BuiltInPrograms();
  Result<std::vector<StoredProgram>> stored = practice.Programs();
  if (!stored.ok()) return stored.status();
  for (const StoredProgram& s : *stored) {
    Result<Program> p = ParseProgram(s.source);
    if (p.ok()) out.push_back(std::move(p).value());  // checked when added; never fails after
  }
  return out;
}

Result<Program> AddProgram(Practice& practice, const Account& who, std::string_view markdown,
                           Instant now) {
  if (who.role == Role::kSeeker) {
    return Error{"only a coach or an admin adds programs", ErrorCode::kForbidden};
  }
  Result<Program> p = ParseProgram(markdown);
  if (!p.ok()) return p.status();
  for (const Program& built_in : BuiltInPrograms()) {
    if (built_in.name == p->name) {
      return Error{fmt::format("'{}' is a built-in program; give yours another name", p->name),
                   ErrorCode::kConflict, "name"};
    }
  }
  StoredProgram stored{p->name, std::string(markdown), who.id, UtcIso(now)};
  if (who.id == 0) stored.added_by.reset();  // the command line, not an account
  KEEL_RETURN_IF_ERROR(practice.AddProgram(stored));
  return p;
}

Result<EnrolmentRecord> Enrol(Practice& practice, const Account& who, const EnrolRequest& request,
                              Date today, Instant now) {
  Result<std::vector<Program>> programs = AllPrograms(practice);
  if (!programs.ok()) return programs.status();
  const auto program = std::find_if(programs->begin(), programs->end(),
                                    [&](const Program& p) { return p.name == request.program; });
  if (program == programs->end()) {
    return Error{fmt::format("there is no program '{}'; see the list of programs", request.program),
                 ErrorCode::kNotFound, "program"};
  }
  Account seeker = who;
  if (who.role == Role::kCoach) {
    Result<std::optional<Account>> client = practice.FindAccount(request.seeker_email);
    if (!client.ok()) return client.status();
    // A client is someone whose search the coach reads today; anyone else is not there.
    if (!*client || (*client)->role != Role::kSeeker || (*client)->searches.empty() ||
        !ActiveGrantFor(practice, who, (*client)->searches.front(), today).ok()) {
      return Error{"no client of yours has that email", ErrorCode::kNotFound, "seeker_email"};
    }
    seeker = **client;
  } else if (who.role != Role::kSeeker) {
    return Error{"a coach enrols their clients; a seeker enrols themselves", ErrorCode::kForbidden};
  } else if (request.program != kFreeProgram) {
    return Error{fmt::format("your coach enrols you in '{}'; on your own you can take the free "
                             "course, '{}'",
                             request.program, kFreeProgram),
                 ErrorCode::kForbidden, "program"};
  }
  Date start = today;
  if (!request.start_on.empty()) {
    std::optional<Date> parsed = ParseIsoDate(request.start_on);
    if (!parsed) {
      return Error{"the start date must be YYYY-MM-DD", ErrorCode::kInvalid, "start_on"};
    }
    if (*parsed < today) {
      return Error{"the start date is in the past; start today or later", ErrorCode::kInvalid,
                   "start_on"};
    }
    start = *parsed;
  }
  EnrolmentRecord e;
  e.account_id = seeker.id;
  e.account_email = seeker.email;
  e.program = program->name;
  e.start_on = start.ToIso();
  if (who.id != seeker.id) e.enrolled_by = who.id;
  e.created_at = UtcIso(now);
  // The lessons are queued with the enrolment, in its transaction (app/mail.h).
  return practice.AddEnrolment(e, LessonMail(*program, seeker, start, now));
}

Result<EnrolmentRecord> OwnEnrolment(Practice& practice, const Account& who, int64_t id) {
  Result<std::optional<EnrolmentRecord>> found = practice.FindEnrolment(id);
  if (!found.ok()) return found.status();
  if (!*found || (*found)->account_id != who.id) return NotFound();
  return **found;
}

Status MarkDone(Practice& practice, const EnrolmentRecord& enrolment, const Program& program,
                int day, Date today, Instant now) {
  const std::optional<Date> start = ParseIsoDate(enrolment.start_on);
  const auto step = std::find_if(program.steps.begin(), program.steps.end(),
                                 [&](const ProgramStep& s) { return s.day == day; });
  if (!start || step == program.steps.end()) {
    return Error{fmt::format("'{}' has no step on day {}", program.name, day), ErrorCode::kInvalid,
                 "day"};
  }
  if (StepDueOn(*start, day) > today) {
    return Error{fmt::format("day {} is not due until {}", day, StepDueOn(*start, day).ToIso()),
                 ErrorCode::kInvalid, "day"};
  }
  return practice.MarkStepDone(enrolment.id, day, UtcIso(now));
}

Result<std::string> CatchUp(Practice& practice, const EnrolmentRecord& enrolment,
                            const Program& program, Date today) {
  const std::optional<Date> start = ParseIsoDate(enrolment.start_on);
  const auto first = std::find_if(program.steps.begin(), program.steps.end(),
                                  [&](const ProgramStep& s) { return !IsDone(enrolment, s.day); });
  if (!start || first == program.steps.end() || StepDueOn(*start, first->day) >= today) {
    return Error{"nothing is behind: every step that is due is done", ErrorCode::kInvalid};
  }
  const std::string moved = (today - (first->day - 1)).ToIso();
  KEEL_RETURN_IF_ERROR(practice.SetEnrolmentStart(enrolment.id, moved));
  return moved;
}

Json EnrolmentJson(const EnrolmentRecord& enrolment, const Program& program, Date today) {
  const Date start = ParseIsoDate(enrolment.start_on).value_or(today);
  Json steps = Json::array();
  int behind = 0;
  for (const ProgramStep& s : program.steps) {
    const Date due_on = StepDueOn(start, s.day);
    const bool due = due_on <= today;
    const bool done = IsDone(enrolment, s.day);
    if (due && !done && due_on < today) ++behind;
    Json j{{"day", s.day},
           {"title", s.title},
           {"due_on", due_on.ToIso()},
           {"due", due},
           {"done", done}};
    j["html"] = due ? Json(MarkdownToHtml(s.body)) : Json(nullptr);
    steps.push_back(std::move(j));
  }
  return Json{{"id", enrolment.id},
              {"program", program.name},
              {"title", program.title},
              {"summary", program.summary},
              {"start_on", enrolment.start_on},
              {"behind", behind},
              {"steps", steps}};
}

Json ProgramJson(const Program& program) {
  Json steps = Json::array();
  for (const ProgramStep& s : program.steps)
    steps.push_back(Json{{"day", s.day}, {"title", s.title}});
  return Json{{"name", program.name},
              {"title", program.title},
              {"summary", program.summary},
              {"built_in", program.built_in},
              {"free", program.name == kFreeProgram},
              {"steps", steps}};
}

}  // namespace keel
