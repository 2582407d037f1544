// libFuzzer target for a coach's program file (keel program add FILE: front matter and
// "## Day N: title" steps, app/programs.h) and the lessons' Markdown (cmark in safe mode, for the
// page and the mail). Any input is read without crashing or undefined behaviour, and:
//   - a program that parses has steps on strictly increasing days within 1..366;
//   - the HTML of any Markdown holds no <script and no javascript: link (safe mode).
//
// Built in the asan preset's build (scripts/fuzz; make fuzz).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "app/programs.h"

namespace {

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "%s\n", what);
    std::abort();
  }
}

std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  keel::Result<keel::Program> program = keel::ParseProgram(text);
  if (program.ok()) {
    int last = 0;
    for (const keel::ProgramStep& s : program->steps) {
      Check(s.day > last && s.day <= keel::kMaxProgramDay, "steps out of order or out of range");
      last = s.day;
    }
    Check(!program->steps.empty(), "a program without steps");
  }
  const std::string html = Lower(keel::MarkdownToHtml(text));
  Check(html.find("<script") == std::string::npos, "raw HTML in a lesson");
  Check(html.find("href=\"javascript:") == std::string::npos, "a javascript: link in a lesson");
  return 0;
}
