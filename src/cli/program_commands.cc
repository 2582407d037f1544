// `keel program add FILE` and `keel program list`: a coaching practice's programs
// (app/enrolments.h). Whoever runs the server adds a coach's program from its Markdown file; the
// two built-in programs are always there.
#include <fmt/format.h>

#include "app/enrolments.h"
#include "cli/commands.h"
#include "cli/table.h"
#include "core/json_dump.h"
#include "core/text.h"
#include "io/file.h"
#include "store/open.h"

namespace keel {

int RunProgramAdd(const std::string& file, Context& ctx) {
  Result<std::string> text = ReadWholeFile(
      file, {kMaxProgramBytes, "a program's Markdown file", "split it into shorter lessons"});
  if (!text.ok()) return Fail(ctx, text.error());
  Result<std::unique_ptr<Practice>> practice = OpenPractice(ctx.db_path);
  if (!practice.ok()) return Fail(ctx, practice.error());
  // The command line acts for the practice, not for an account.
  Account operator_account;
  operator_account.role = Role::kAdmin;
  Result<Instant> now = CommandNow();
  if (!now.ok()) return Fail(ctx, now.error());
  Result<Program> added = AddProgram(**practice, operator_account, *text, *now);
  if (!added.ok())
    return Fail(ctx, Error{fmt::format("{}: {}", file, added.message()), added.code(),
                           added.error().field});
  if (ctx.json) {
    fmt::print(ctx.out, "{}\n", DumpJson(ProgramJson(*added)));
    return kExitOk;
  }
  fmt::print(ctx.out, "added the program '{}' ({}): {} steps, day {} to day {}\n", added->name,
             EscapeControls(added->title), added->steps.size(), added->steps.front().day,
             added->steps.back().day);
  return kExitOk;
}

int RunProgramList(Context& ctx) {
  Result<std::unique_ptr<Practice>> practice = OpenPractice(ctx.db_path);
  if (!practice.ok()) return Fail(ctx, practice.error());
  Result<std::vector<Program>> programs = AllPrograms(**practice);
  if (!programs.ok()) return Fail(ctx, programs.error());
  if (ctx.json) {
    Json list = Json::array();
    for (const Program& p : *programs) list.push_back(ProgramJson(p));
    fmt::print(ctx.out, "{}\n", DumpJson(Json{{"programs", list}}));
    return kExitOk;
  }
  Table t{{"program", "title", "steps", "days", "from"}, {}, {}};
  for (const Program& p : *programs) {
    t.rows.push_back({p.name, EscapeControls(p.title), std::to_string(p.steps.size()),
                      fmt::format("{}-{}", p.steps.front().day, p.steps.back().day),
                      p.built_in ? "built in" : "added"});
  }
  fmt::print(ctx.out, "{}", RenderTable(t, ctx.color));
  return kExitOk;
}

}  // namespace keel
