// The command handlers. Each takes its parsed options (plain structs filled by the CLI11 layer in
// cli.cc, the only file that includes CLI11) and the Context, prints, and returns the exit code.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/agenda_deadlines.h"
#include "app/interviews.h"
#include "cli/context.h"

namespace keel {

struct AskOptions {
  std::string org, person, kind, channel = "other", role, on = "today", note;
  std::string via;  // who introduced or referred
  std::vector<std::string> materials;
  std::string industry, location, seniority, remote;
  std::optional<int64_t> salary;
  std::optional<std::string> despite;
  bool new_org = false, new_person = false, new_via = false;
};
int RunAsk(const AskOptions& o, Context& ctx);

struct OutcomeOptions {
  std::string outcome;  // yes, no, not-yet, silent, pending (reopen)
  int64_t id = 0;
  std::optional<std::string> on, until, reason, theme;
};
int RunOutcome(const OutcomeOptions& o, Context& ctx);

struct FollowUpOptions {
  int64_t id = 0;
  std::optional<std::string> on;
  std::string note;
};
int RunFollowUp(const FollowUpOptions& o, Context& ctx);

struct EditOptions {
  int64_t id = 0;
  std::optional<std::string> org, person, kind, channel, role, on, replied_on, note, reason, theme;
  std::optional<std::string> via;
  std::optional<std::string> industry, location, seniority, remote;
  std::optional<int64_t> salary;
  std::optional<std::vector<std::string>> materials;
  bool no_materials = false, new_org = false, new_person = false, new_via = false;
  std::optional<std::string> despite;
};
int RunEdit(const EditOptions& o, Context& ctx);

struct DeleteOptions {
  int64_t id = 0;
  bool yes = false;
};
int RunDelete(const DeleteOptions& o, Context& ctx);
int RunUndo(Context& ctx);
/// What `keel undo` would revert now, changing nothing ({"undo": SUMMARY|null, "change",
/// "made_at"}); GET /api/undo, so the page can say what its Undo button will do.
int RunUndoPreview(Context& ctx);

struct ListOptions {
  bool open = false;
  std::optional<std::string> kind, channel, outcome, org;
  std::optional<std::string> search;  // words to find in reasons, notes and postings (FTS5)
};
int RunList(const ListOptions& o, Context& ctx);
int RunShow(int64_t id, Context& ctx);
int RunStatus(Context& ctx);

struct ImportCliOptions {
  std::string file;
  std::vector<std::string> maps, values;
  bool dry_run = false, skip_bad = false, day_first = false, allow_duplicates = false;
  bool stages = false;  // add the interview and offer asks a stage word implies
  std::string kind = "application";
};
int RunImport(const ImportCliOptions& o, Context& ctx);
/// The same import over text already read (the page's upload); `o.file` names it in messages.
int RunImportText(const ImportCliOptions& o, const std::string& text, Context& ctx);

struct ExportOptions {
  std::string format;  // csv (default) or json; --json alone means json
  std::string output;  // "" = stdout
};
int RunExport(const ExportOptions& o, Context& ctx);

int RunStats(const std::string& by, Context& ctx);
int RunStreak(Context& ctx);
int RunForecast(Context& ctx);
int RunSilence(Context& ctx);
/// `ics`: write an iCalendar (RFC 5545) of to-dos instead of the table.
int RunAgenda(bool ics, Context& ctx);

// Part 3: "is it about me?" and "should I change course?" (insight_commands.cc,
// strategy_commands.cc, material_commands.cc).
struct FeedbackAskOptions {
  std::string person, org, channel = "other", on = "today", note;
  bool new_org = false, new_person = false;
};
int RunFeedbackAsk(const FeedbackAskOptions& o, Context& ctx);

struct FeedbackAddOptions {
  int64_t id = 0;
  std::string text;
  std::optional<std::string> theme, on;
};
int RunFeedbackAdd(const FeedbackAddOptions& o, Context& ctx);

struct ActionAddOptions {
  std::string text, theme;
  std::optional<std::string> on;
};
int RunActionAdd(const ActionAddOptions& o, Context& ctx);
int RunActions(Context& ctx);

/// `window_days`: reasons given within this many days count (default 180).
int RunPatterns(int window_days, Context& ctx);

struct StrategyOptions {
  std::string action;  // "" (show), focus, rule-out, drop, salary-floor, brand, story, phase,
                       // history
  std::vector<std::string> roles, industries, locations, remotes, seniorities;
  std::optional<int64_t> salary_floor;
  bool clear = false;
  std::string text;  // brand, story or phase name
  std::optional<std::string> on;
};
int RunStrategy(const StrategyOptions& o, Context& ctx);
int RunDrift(Context& ctx);

struct MaterialAddOptions {
  std::string name, version, note;
  std::optional<std::string> file, on;
  /// Instead of a file: its SHA-256 as the page computed it (64 hex digits), or text (pasted
  /// into the page) whose UTF-8 bytes are hashed. Only the hash is kept either way.
  std::optional<std::string> sha256, content;
};
int RunMaterialAdd(const MaterialAddOptions& o, Context& ctx);
int RunMaterials(Context& ctx);
int RunCompare(const std::string& a, const std::string& b, Context& ctx);

/// `keel close --offer ID [--on DATE]` closes the search; `keel close --undo` reopens it.
struct CloseOptions {
  std::optional<int64_t> offer;
  std::optional<std::string> on;
  bool undo = false;
};
int RunClose(const CloseOptions& o, Context& ctx);

/// keel pipeline: every role by stage with its dated history, and the funnel (app/pipeline.h).
int RunPipeline(Context& ctx);
// Contacts and the weekly goal (contact_commands.cc, goal_commands.cc).
int RunContacts(Context& ctx);
/// One person's timeline; an unknown name fails with the nearest name to suggest.
int RunContact(const std::string& name, Context& ctx);
struct GoalOptions {
  std::optional<std::string> asks_per_week;  // sets the goal (checked by ParseAsksPerWeek)
  bool clear = false;                        // removes it
};
/// `keel goal`: shows the weekly goal, or sets (--asks-per-week N) or clears (--clear) it.
int RunGoal(const GoalOptions& o, Context& ctx);
// Postings and search (posting_commands.cc).
struct PostingAddOptions {
  std::string org, role, url, description, deadline, salary_range, location, note;
  std::optional<std::string> description_file;
  bool new_org = false;
};
int RunPostingAdd(const PostingAddOptions& o, Context& ctx);
struct PostingEditOptions {
  int64_t id = 0;
  std::optional<std::string> org, role, url, description, description_file, deadline, salary_range,
      location, note;
  bool new_org = false;
};
int RunPostingEdit(const PostingEditOptions& o, Context& ctx);
int RunPostingRemove(int64_t id, Context& ctx);
int RunPostingList(Context& ctx);
int RunPostingShow(int64_t id, Context& ctx);
/// The agenda's section of saved postings' deadlines (nothing when there are none).
void PrintDeadlines(const Context& ctx, const std::vector<AgendaDeadline>& deadlines);
/// `keel list --search TEXT` (RunList calls it with the search given): the asks `shown_ask`
/// keeps and the postings of `org` (every posting when nullopt) that mention the words.
int RunListSearch(const ListOptions& o, Context& ctx, Store& store,
                  const std::function<bool(const Ask&)>& shown_ask,
                  const std::optional<std::string>& org);
// Interviews (interview_commands.cc).
struct InterviewOptions {
  int64_t ask_id = 0;
  std::string at, prep;
  std::optional<int64_t> round, minutes;
  std::vector<std::string> with;
};
/// `keel interview ASK_ID --at "YYYY-MM-DD HH:MM"`: schedules a round.
int RunInterview(const InterviewOptions& o, Context& ctx);
struct InterviewEditOptions {
  int64_t id = 0;
  std::optional<std::string> at, prep;
  std::optional<int64_t> round, minutes;
  std::vector<std::string> with;
  bool with_given = false;  // --with given (or --no-with): the list is replaced
};
int RunInterviewEdit(const InterviewEditOptions& o, Context& ctx);
int RunInterviewRemove(int64_t id, Context& ctx);
/// `keel interviews [--all]`: the rounds from today on (every round with --all).
int RunInterviews(bool all, Context& ctx);
/// The agenda's section of interview rounds ahead (nothing when there are none).
void PrintInterviews(const Context& ctx, const std::vector<Interview>& interviews);

struct ServeCliOptions {
  std::string bind = "127.0.0.1";
  int port = 8420;
  std::vector<std::string> allow_hosts;
  int threads = 8;
  bool today_given = false;  // --today / KEEL_TODAY: every request uses that date
};
/// Serves the dashboard and the JSON API until SIGINT or SIGTERM.
int RunServe(const ServeCliOptions& o, Context& ctx);

}  // namespace keel
