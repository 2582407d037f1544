#include "app/programs.h"

#include <cmark.h>
#include <fmt/format.h>

#include <cstdlib>
#include <memory>

#include "core/text.h"

namespace keel {
namespace {

// src/app/programs/*.md, embedded at build time.
constexpr std::string_view kStrategicSearch =
#include "keel/program_strategic_search.inc"
    ;
constexpr std::string_view kResumeCourse =
#include "keel/program_resume_course.inc"
    ;

bool IsProgramName(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() == '-' || name.back() == '-') return false;
  for (const char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

Error AtLine(size_t line, const std::string& what) {
  return Error{fmt::format("line {}: {}", line, what), ErrorCode::kInvalid};
}

// "## Day 3: Title" -> (3, "Title"); nullopt when the line is no step heading at all.
std::optional<std::pair<std::string_view, std::string_view>> StepHeading(std::string_view line) {
  constexpr std::string_view kPrefix = "## Day ";
  if (!line.starts_with(kPrefix)) return std::nullopt;
  const std::string_view rest = line.substr(kPrefix.size());
  const size_t colon = rest.find(':');
  if (colon == std::string_view::npos) return std::make_pair(rest, std::string_view());
  return std::make_pair(Trim(rest.substr(0, colon)), Trim(rest.substr(colon + 1)));
}

}  // namespace

Result<Program> ParseProgram(std::string_view markdown) {
  if (markdown.size() > kMaxProgramBytes) {
    return Error{"the program is larger than 512 KB; split it into shorter lessons",
                 ErrorCode::kInvalid};
  }
  if (FindInvalidUtf8(markdown)) {
    return Error{"the program is not UTF-8 text; save it as UTF-8", ErrorCode::kInvalid};
  }
  std::vector<std::string_view> lines;
  for (size_t at = 0; at <= markdown.size();) {
    size_t end = markdown.find('\n', at);
    if (end == std::string_view::npos) end = markdown.size();
    std::string_view line = markdown.substr(at, end - at);
    if (line.ends_with('\r')) line.remove_suffix(1);
    lines.push_back(line);
    at = end + 1;
  }
  Program p;
  size_t i = 0;
  while (i < lines.size() && Trim(lines[i]).empty()) ++i;
  if (i == lines.size() || lines[i] != "---") {
    return AtLine(i + 1,
                  "a program starts with its front matter: a line '---', then 'name: ...' and "
                  "'title: ...', then '---'");
  }
  for (++i; i < lines.size() && lines[i] != "---"; ++i) {
    if (Trim(lines[i]).empty()) continue;
    const size_t colon = lines[i].find(':');
    if (colon == std::string_view::npos) {
      return AtLine(i + 1, "front matter lines are 'key: value' (name, title, summary)");
    }
    const std::string_view key = Trim(lines[i].substr(0, colon));
    const std::string value(Trim(lines[i].substr(colon + 1)));
    if (key == "name") {
      p.name = value;
    } else if (key == "title") {
      p.title = value;
    } else if (key == "summary") {
      p.summary = value;
    } else {
      return AtLine(i + 1, fmt::format("unknown key '{}': use name, title or summary", key));
    }
  }
  if (i == lines.size()) return AtLine(i, "the front matter has no closing '---' line");
  if (!IsProgramName(p.name)) {
    return Error{
        "the program needs a name of a-z, 0-9 and '-' (up to 64), such as "
        "'interview-week', in its front matter",
        ErrorCode::kInvalid};
  }
  if (p.title.empty()) {
    return Error{"the program needs a title in its front matter ('title: ...')",
                 ErrorCode::kInvalid};
  }
  ProgramStep* step = nullptr;
  std::string body;
  auto finish = [&] {
    if (step) step->body = std::string(Trim(body)) + "\n";
    body.clear();
  };
  for (++i; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    if (const auto heading = StepHeading(line)) {
      const auto [day_text, title] = *heading;
      int day = 0;
      for (const char c : day_text) {
        if (c < '0' || c > '9' || day > kMaxProgramDay) {
          day = -1;
          break;
        }
        day = day * 10 + (c - '0');
      }
      if (day < 1 || day > kMaxProgramDay) {
        return AtLine(i + 1,
                      fmt::format("'Day {}' is not a day from 1 to {}", day_text, kMaxProgramDay));
      }
      if (title.empty()) {
        return AtLine(i + 1, fmt::format("the step needs a title: '## Day {}: A title'", day));
      }
      if (!p.steps.empty() && day <= p.steps.back().day) {
        return AtLine(i + 1, fmt::format("Day {} comes after Day {}: put the steps in order, one "
                                         "per day",
                                         day, p.steps.back().day));
      }
      finish();
      p.steps.push_back({day, std::string(title), ""});
      step = &p.steps.back();
      continue;
    }
    if (!step) {
      if (Trim(line).empty()) continue;
      return AtLine(i + 1, "this text belongs to no step: start each step with '## Day N: Title'");
    }
    body += line;
    body += '\n';
  }
  finish();
  if (p.steps.empty()) {
    return Error{"the program has no steps: write each as '## Day N: Title' and its text",
                 ErrorCode::kInvalid};
  }
  for (const ProgramStep& s : p.steps) {
    if (Trim(s.body).empty()) {
      return Error{fmt::format("Day {} ('{}') has no text", s.day, s.title), ErrorCode::kInvalid};
    }
  }
  return p;
}

const std::vector<Program>& BuiltInPrograms() {
  static const std::vector<Program> programs = [] {
    std::vector<Program> out;
    for (const std::string_view text : {kStrategicSearch, kResumeCourse}) {
      Program p = ParseProgram(text).value();  // keel's own files: a mistake fails every test
      p.built_in = true;
      out.push_back(std::move(p));
    }
    return out;
  }();
  return programs;
}

std::string MarkdownToHtml(std::string_view markdown) {
  // CMARK_OPT_DEFAULT is safe in cmark 0.30: raw HTML and dangerous URLs are not rendered.
  std::unique_ptr<char, decltype(&std::free)> html(
      cmark_markdown_to_html(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT | CMARK_OPT_SMART),
      &std::free);
  return html ? std::string(html.get()) : std::string();
}

}  // namespace keel
