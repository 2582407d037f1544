// Programs (app/programs.h): the two built in parse and say what PRODUCT.md promises; a coach's
// file is read with one-line errors naming the line and the fix; lessons render to safe HTML.
#include "app/programs.h"

#include <gtest/gtest.h>

namespace keel {
namespace {

TEST(ProgramsTest, TheBuiltInProgramsAreTheFivePhasesAndASevenDayCourse) {
  const std::vector<Program>& built_in = BuiltInPrograms();
  ASSERT_EQ(built_in.size(), 2U);
  const Program& strategic = built_in[0];
  EXPECT_EQ(strategic.name, "strategic-search");
  ASSERT_EQ(strategic.steps.size(), 5U);
  const char* phases[] = {"Introspection", "Exploration", "Targeted research", "Strategy",
                          "Action"};
  for (size_t i = 0; i < 5; ++i) {
    EXPECT_TRUE(strategic.steps[i].title.starts_with(phases[i])) << strategic.steps[i].title;
  }
  EXPECT_EQ(strategic.steps[0].day, 1);
  const Program& course = built_in[1];
  EXPECT_EQ(course.name, "resume-course");
  ASSERT_EQ(course.steps.size(), 7U);
  for (int d = 1; d <= 7; ++d) EXPECT_EQ(course.steps[static_cast<size_t>(d - 1)].day, d);
  for (const Program& p : built_in) {
    EXPECT_TRUE(p.built_in);
    EXPECT_FALSE(p.summary.empty());
    for (const ProgramStep& s : p.steps) {
      // The page's and mail's reader may never have used the command line.
      EXPECT_EQ(s.body.find("`keel"), std::string::npos) << p.name << " day " << s.day;
      EXPECT_EQ(s.body.find("--"), std::string::npos) << p.name << " day " << s.day;
    }
  }
}

TEST(ProgramsTest, ACoachsFileIsReadStepByStep) {
  const Program p = ParseProgram(
                        "---\nname: interview-week\ntitle: Ready for interviews\nsummary: One "
                        "week.\n---\n\n## Day 1: Your stories\nWrite **three**.\n\n## Day 3: "
                        "Practice\r\nOut loud.\r\n")
                        .value();
  EXPECT_EQ(p.name, "interview-week");
  EXPECT_EQ(p.title, "Ready for interviews");
  ASSERT_EQ(p.steps.size(), 2U);
  EXPECT_EQ(p.steps[0].title, "Your stories");
  EXPECT_EQ(p.steps[0].body, "Write **three**.\n");
  EXPECT_EQ(p.steps[1].day, 3);
  EXPECT_EQ(p.steps[1].body, "Out loud.\n");
  EXPECT_FALSE(p.built_in);
}

TEST(ProgramsTest, MistakesNameTheLineAndTheFix) {
  struct Case {
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {"## Day 1: A\nx\n", "line 1: a program starts with its front matter"},
      {"---\nname: x\ntitle: T\n", "the front matter has no closing '---' line"},
      {"---\nname: Bad Name\ntitle: T\n---\n## Day 1: A\nx\n", "the program needs a name"},
      {"---\nname: x\n---\n## Day 1: A\nx\n", "the program needs a title"},
      {"---\nname: x\ntitle: T\nauthor: me\n---\n", "line 4: unknown key 'author'"},
      {"---\nname: x\ntitle: T\n---\nintro\n## Day 1: A\nx\n",
       "line 5: this text belongs to no step"},
      {"---\nname: x\ntitle: T\n---\n## Day 0: A\nx\n",
       "line 5: 'Day 0' is not a day from 1 to 366"},
      {"---\nname: x\ntitle: T\n---\n## Day two: A\nx\n", "line 5: 'Day two' is not a day"},
      {"---\nname: x\ntitle: T\n---\n## Day 2:\nx\n", "line 5: the step needs a title"},
      {"---\nname: x\ntitle: T\n---\n## Day 2: A\nx\n## Day 2: B\ny\n",
       "line 7: Day 2 comes after Day 2"},
      {"---\nname: x\ntitle: T\n---\n## Day 1: A\n\n", "Day 1 ('A') has no text"},
      {"---\nname: x\ntitle: T\n---\n", "the program has no steps"},
  };
  for (const Case& c : cases) {
    const Result<Program> p = ParseProgram(c.text);
    ASSERT_FALSE(p.ok()) << c.text;
    EXPECT_EQ(p.code(), ErrorCode::kInvalid);
    EXPECT_NE(p.message().find(c.message), std::string::npos) << p.message();
  }
  EXPECT_FALSE(ParseProgram(std::string("---\nname: x\ntitle: \xff\n---\n")).ok());
}

TEST(ProgramsTest, LessonsRenderToHtmlWithoutRawHtmlOrScriptLinks) {
  EXPECT_EQ(MarkdownToHtml("Write **three** stories."),
            "<p>Write <strong>three</strong> stories.</p>\n");
  const std::string html =
      MarkdownToHtml("<script>alert(1)</script>\n\n[x](javascript:alert(1)) \"quoted\"");
  EXPECT_EQ(html.find("<script>"), std::string::npos) << html;
  EXPECT_EQ(html.find("javascript:"), std::string::npos) << html;
  EXPECT_NE(html.find("\xe2\x80\x9cquoted\xe2\x80\x9d"), std::string::npos) << "smart quotes";
}

}  // namespace
}  // namespace keel
