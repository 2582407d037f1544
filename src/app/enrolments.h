// Enrolments (PRODUCT.md, "The coaching practice"): a seeker in a program from a start date (day
// 1). A step is due on start + day - 1; the page shows the steps that are due, each with its
// lesson, and which the seeker marked done. A seeker who fell behind moves the schedule so that
// their first step not done is due today. A seeker enrols themselves in the free course
// (`resume-course`); a coach enrols a client (an active grant) in any program; a coach adds
// programs of their own (app/programs.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/programs.h"
#include "app/views.h"
#include "core/date.h"
#include "core/instant.h"
#include "core/result.h"
#include "store/practice.h"

namespace keel {

/// The program a seeker may start on their own.
inline constexpr std::string_view kFreeProgram = "resume-course";

/// The built-in programs, then the ones coaches added (read from their Markdown).
Result<std::vector<Program>> AllPrograms(Practice& practice);

/// Adds a coach's program from its Markdown (ParseProgram). A name taken (by a built-in program
/// or an added one) is a conflict; only a coach or an admin adds programs.
Result<Program> AddProgram(Practice& practice, const Account& who, std::string_view markdown,
                           Instant now);

struct EnrolRequest {
  std::string program;
  std::string start_on;      // "YYYY-MM-DD"; "" = today
  std::string seeker_email;  // a coach enrolling a client; "" = oneself
};

/// Enrols the seeker (oneself, or a coach's client) from start_on (today or later).
Result<EnrolmentRecord> Enrol(Practice& practice, const Account& who, const EnrolRequest& request,
                              Date today, Instant now);

/// The enrolment `id` of `who` (a seeker's own); not_found otherwise.
Result<EnrolmentRecord> OwnEnrolment(Practice& practice, const Account& who, int64_t id);

/// Marks step `day` done; only a step that is due.
Status MarkDone(Practice& practice, const EnrolmentRecord& enrolment, const Program& program,
                int day, Date today, Instant now);

/// Moves day 1 so that the first step not done is due today; invalid when nothing is behind.
Result<std::string> CatchUp(Practice& practice, const EnrolmentRecord& enrolment,
                            const Program& program, Date today);

/// The day step `day` of an enrolment starting `start_on` is due.
Date StepDueOn(Date start_on, int day);

/// {id, program, title, summary, start_on, behind, steps: [{day, title, due_on, due, done, html}]}:
/// a step's lesson (html) only once it is due.
Json EnrolmentJson(const EnrolmentRecord& enrolment, const Program& program, Date today);

/// {name, title, summary, built_in, free, steps: [{day, title}]}.
Json ProgramJson(const Program& program);

}  // namespace keel
