// The command handlers. Each takes its parsed options (plain structs filled by the CLI11 layer in
// cli.cc, the only file that includes CLI11) and the Context, prints, and returns the exit code.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/agenda_deadlines.h"
#include "app/interviews.h"
#include "app/mail.h"
#include "app/requests.h"
#include "cli/context.h"

namespace keel {

struct ListSearch;  // app/use_reads.h

int RunAsk(const AskOptions& o, Context& ctx);

int RunOutcome(const OutcomeOptions& o, Context& ctx);

int RunFollowUp(const FollowUpOptions& o, Context& ctx);

int RunEdit(const EditOptions& o, Context& ctx);

int RunDelete(const DeleteOptions& o, Context& ctx);
int RunUndo(Context& ctx);
/// What `keel undo` would revert now, changing nothing ({"undo": SUMMARY|null, "change",
/// "made_at"}); GET /api/undo, so the page can say what its Undo button will do.
int RunUndoPreview(Context& ctx);

int RunList(const ListOptions& o, Context& ctx);
int RunShow(int64_t id, Context& ctx);
int RunStatus(Context& ctx);

int RunImport(const ImportCliOptions& o, Context& ctx);
/// The same import over text already read (the page's upload); `o.file` names it in messages.
int RunImportText(const ImportCliOptions& o, const std::string& text, Context& ctx);

int RunExport(const ExportOptions& o, Context& ctx);

int RunStats(const std::string& by, Context& ctx);
int RunStreak(Context& ctx);
int RunForecast(Context& ctx);
int RunSilence(Context& ctx);
/// `ics`: write an iCalendar (RFC 5545) of to-dos instead of the table.
int RunAgenda(bool ics, Context& ctx);

// Part 3: "is it about me?" and "should I change course?" (insight_commands.cc,
// strategy_commands.cc, material_commands.cc).
int RunFeedbackAsk(const FeedbackAskOptions& o, Context& ctx);

int RunFeedbackAdd(const FeedbackAddOptions& o, Context& ctx);

int RunActionAdd(const ActionAddOptions& o, Context& ctx);
int RunActions(Context& ctx);

/// `window_days`: reasons given within this many days count (default 180).
int RunPatterns(int window_days, Context& ctx);

int RunStrategy(const StrategyOptions& o, Context& ctx);
int RunDrift(Context& ctx);

int RunMaterialAdd(const MaterialAddOptions& o, Context& ctx);
int RunMaterials(Context& ctx);
int RunCompare(const std::string& a, const std::string& b, Context& ctx);

int RunClose(const CloseOptions& o, Context& ctx);

/// keel pipeline: every role by stage with its dated history, and the funnel (app/pipeline.h).
int RunPipeline(Context& ctx);
// Contacts and the weekly goal (contact_commands.cc, goal_commands.cc).
int RunContacts(Context& ctx);
/// One person's timeline; an unknown name fails with the nearest name to suggest.
int RunContact(const std::string& name, Context& ctx);
/// `keel goal`: shows the weekly goal, or sets (--asks-per-week N) or clears (--clear) it.
int RunGoal(const GoalOptions& o, Context& ctx);
// Postings and search (posting_commands.cc).
int RunPostingAdd(const PostingAddOptions& o, Context& ctx);
int RunPostingEdit(const PostingEditOptions& o, Context& ctx);
int RunPostingRemove(int64_t id, Context& ctx);
int RunPostingList(Context& ctx);
int RunPostingShow(int64_t id, Context& ctx);
/// The agenda's section of saved postings' deadlines (nothing when there are none).
void PrintDeadlines(const Context& ctx, const std::vector<AgendaDeadline>& deadlines);
/// What `keel list --search TEXT` found (RunList prints it so without --json): the asks and the
/// postings that mention the words, as tables.
void PrintListSearch(const Context& ctx, const ListSearch& found);
// Interviews (interview_commands.cc).
/// `keel interview ASK_ID --at "YYYY-MM-DD HH:MM"`: schedules a round.
int RunInterview(const InterviewOptions& o, Context& ctx);
int RunInterviewEdit(const InterviewEditOptions& o, Context& ctx);
int RunInterviewRemove(int64_t id, Context& ctx);
/// `keel interviews [--all]`: the rounds from today on (every round with --all).
int RunInterviews(bool all, Context& ctx);
/// The agenda's section of interview rounds ahead (nothing when there are none).
void PrintInterviews(const Context& ctx, const std::vector<Interview>& interviews);

// A coaching practice's programs (program_commands.cc): `keel program add FILE`, `keel program
// list`.
int RunProgramAdd(const std::string& file, Context& ctx);
int RunProgramList(Context& ctx);

// A coaching practice's accounts (user_commands.cc).
struct UserAddOptions {
  std::string email;
  std::string role;
  std::string name;
  bool password_stdin = false;
};
struct UserRemoveOptions {
  std::string email;
  bool yes = false;
};
/// `keel user add EMAIL --role R [--name N] --password-stdin`.
int RunUserAdd(const UserAddOptions& o, Context& ctx);
/// `keel user list`: every account, by email.
int RunUserList(Context& ctx);
/// `keel user remove EMAIL [--yes]`: a seeker's searches go too, only with --yes.
int RunUserRemove(const UserRemoveOptions& o, Context& ctx);

/// Where the practice's mail goes (keel deliver; keel serve --accounts with --smtp).
struct MailCliOptions {
  std::string smtp;        // smtp://HOST:PORT or smtps://
  std::string mail_from;   // the sender's address
  std::string public_url;  // where people open keel (the unsubscribe links)
};
struct MailSetup {
  std::unique_ptr<MailRelay> relay;
  MailSettings settings;
};
/// The relay and settings the options name, or a one-line error naming the missing option.
Result<MailSetup> MailSetupFrom(const MailCliOptions& o);
/// How the delivery run reads each search for the digests: opened from `db`.
DigestSource DigestSourceFor(const std::string& db);
/// "sent 3 messages; 1 to try again later".
std::string DeliverySummary(const DeliveryReport& report);
/// A consistent copy of the database (SQLite) at the new path `file`.
int RunBackup(const std::string& file, Context& ctx);
/// Puts the backup `file` in place of the database (`replace`: over one that exists).
int RunRestore(const std::string& file, bool replace, Context& ctx);
/// The outbox: what waits and what failed (`all`: and what was sent), newest first.
int RunOutbox(bool all, int64_t limit, Context& ctx);
/// Sends the mail that is due now, once.
int RunDeliver(const MailCliOptions& o, Context& ctx);

struct ServeCliOptions {
  std::string bind = "127.0.0.1";
  int port = 8420;
  std::vector<std::string> allow_hosts;
  int threads = 8;
  bool today_given = false;  // --today / KEEL_TODAY: every request uses that date
  bool accounts = false;     // a practice's server: everyone signs in (docs/practice.md)
  std::string public_url;    // where browsers reach it behind a proxy ("https://coach.example")
  std::vector<std::string> trusted_proxies;  // whose X-Forwarded-For names the client
  std::string smtp;       // with --accounts: deliver the practice's mail every minute through it
  std::string mail_from;  // the sender of that mail
};
/// Serves the dashboard and the JSON API until SIGINT or SIGTERM.
int RunServe(const ServeCliOptions& o, Context& ctx);

}  // namespace keel
