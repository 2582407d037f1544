// Programs (PRODUCT.md, "The coaching practice"): a template of steps, each with a day offset from
// enrolment (day 1 = the enrolment day), a title and a Markdown body. Two are built in, written
// by keel (src/app/programs/*.md, embedded at build time): `strategic-search`, the five phases,
// and `resume-course`, seven daily lessons. A coach adds their own from a Markdown file of the
// same form:
//
//   ---
//   name: interview-week
//   title: Ready for interviews in a week
//   summary: One line on what it is for.
//   ---
//
//   ## Day 1: The first step's title
//   Its body, in Markdown (CommonMark).
//
//   ## Day 3: The next one
//   ...
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace keel {

struct ProgramStep {
  int day = 1;  // 1 = the day of enrolment
  std::string title;
  std::string body;  // Markdown
};

struct Program {
  std::string name;  // a-z, 0-9 and '-', 1 to 64
  std::string title;
  std::string summary;
  std::vector<ProgramStep> steps;  // days strictly increasing
  bool built_in = false;
};

inline constexpr int kMaxProgramDay = 366;
inline constexpr size_t kMaxProgramBytes = size_t{512} * 1024;

/// Reads a program's Markdown file. A mistake is one line naming its line number and the fix.
Result<Program> ParseProgram(std::string_view markdown);

/// The built-in programs, parsed once.
const std::vector<Program>& BuiltInPrograms();

/// CommonMark to HTML (cmark, safe mode: raw HTML and javascript: links are left out).
std::string MarkdownToHtml(std::string_view markdown);

}  // namespace keel
