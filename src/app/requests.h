// What a person asks keel to do, as plain fields of text: the command line (cli/cli.cc, with
// CLI11) and the page (server/routes_*.cc, from a query or a JSON body) fill the same struct, and
// the use cases in app/ check and carry it out, so both front ends accept exactly the same input
// and refuse it with the same Error (its field names the flag or the form's input).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

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

struct OutcomeOptions {
  std::string outcome;  // yes, no, not-yet, silent, pending (reopen)
  int64_t id = 0;
  std::optional<std::string> on, until, reason, theme;
};

struct FollowUpOptions {
  int64_t id = 0;
  std::optional<std::string> on;
  std::string note;
};

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

struct DeleteOptions {
  int64_t id = 0;
  bool yes = false;
};

/// How many asks `keel list` shows unless told otherwise: the newest, a screenful or two.
inline constexpr int64_t kListPage = 50;

struct ListOptions {
  bool open = false;
  std::optional<std::string> kind, channel, outcome, org;
  std::optional<std::string> search;  // words to find in reasons, notes and postings (FTS5)
  // A page: the newest `limit` asks that match (0: every one), made on or after `since`. The
  // CLI shows the newest 50 unless told otherwise; the API every ask unless asked for a page.
  int64_t limit = 0;
  std::optional<std::string> since;
};

struct ImportCliOptions {
  std::string file;
  std::vector<std::string> maps, values;
  bool dry_run = false, skip_bad = false, day_first = false, allow_duplicates = false;
  bool stages = false;  // add the interview and offer asks a stage word implies
  std::string kind = "application";
};

struct ExportOptions {
  std::string format;  // csv (default) or json; --json alone means json
  std::string output;  // "" = stdout
};

struct FeedbackAskOptions {
  std::string person, org, channel = "other", on = "today", note;
  bool new_org = false, new_person = false;
};

struct FeedbackAddOptions {
  int64_t id = 0;
  std::string text;
  std::optional<std::string> theme, on;
};

struct ActionAddOptions {
  std::string text, theme;
  std::optional<std::string> on;
};

struct StrategyOptions {
  std::string action;  // "" (show), focus, rule-out, drop, salary-floor, brand, story, phase,
                       // history
  std::vector<std::string> roles, industries, locations, remotes, seniorities;
  std::optional<int64_t> salary_floor;
  bool clear = false;
  std::string text;  // brand, story or phase name
  std::optional<std::string> on;
};

struct MaterialAddOptions {
  std::string name, version, note;
  std::optional<std::string> file, on;
  /// Instead of a file: its SHA-256 as the page computed it (64 hex digits), or text (pasted
  /// into the page) whose UTF-8 bytes are hashed. Only the hash is kept either way.
  std::optional<std::string> sha256, content;
};

/// `keel close --offer ID [--on DATE]` closes the search; `keel close --undo` reopens it.
struct CloseOptions {
  std::optional<int64_t> offer;
  std::optional<std::string> on;
  bool undo = false;
};

struct GoalOptions {
  std::optional<std::string> asks_per_week;  // sets the goal (checked by ParseAsksPerWeek)
  bool clear = false;                        // removes it
};

struct PostingAddOptions {
  std::string org, role, url, description, deadline, salary_range, location, note;
  std::optional<std::string> description_file;
  bool new_org = false;
};

struct PostingEditOptions {
  int64_t id = 0;
  std::optional<std::string> org, role, url, description, description_file, deadline, salary_range,
      location, note;
  bool new_org = false;
};

struct InterviewOptions {
  int64_t ask_id = 0;
  std::string at, prep;
  std::optional<int64_t> round, minutes;
  std::vector<std::string> with;
};

struct InterviewEditOptions {
  int64_t id = 0;
  std::optional<std::string> at, prep;
  std::optional<int64_t> round, minutes;
  std::vector<std::string> with;
  bool with_given = false;  // --with given (or --no-with): the list is replaced
};

}  // namespace keel
