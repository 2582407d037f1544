// The command-line grammar, and the only file that includes CLI11 (it is slow to compile).
// Each subcommand fills a plain options struct and calls its handler in *_commands.cc, with its
// usage text next to it. Global options (--db, --today, --json) are accepted before or after the
// subcommand.
#include "cli/cli.h"

#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <regex>

#include "cli/commands.h"
#include "core/text.h"

namespace keel {
namespace {

constexpr const char* kKindHelp =
    "chat, resume-review, referral, intro, application, interview, offer, feedback, other";
constexpr const char* kChannelHelp =
    "cold-email, linkedin, referral, job-board, company-site, recruiter, event, phone, other";
constexpr const char* kDateHelp = "YYYY-MM-DD, today, yesterday or -Nd";
constexpr const char* kFutureDateHelp =
    "YYYY-MM-DD, today, tomorrow, +Nd, +Nw, +Nm (calendar months), yesterday or -Nd";

// CLI11 reads "-3d" as an option; a relative date right after a date option is glued to it.
std::vector<std::string> GlueRelativeDates(int argc, char** argv) {
  static const std::regex kRelative("-[0-9]+d");
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    const bool date_option = arg == "--on" || arg == "--until" || arg == "--today" ||
                             arg == "--replied-on" || arg == "--deadline";
    // (strategy, feedback and action dates take the same forms)
    if (date_option && i + 1 < argc && std::regex_match(argv[i + 1], kRelative)) {
      arg += "=";
      arg += argv[++i];
    }
    args.push_back(std::move(arg));
  }
  std::reverse(args.begin(), args.end());  // CLI11 parses a reversed vector
  return args;
}

// Ids are read as text and checked by ParseId after parsing, so "-1", "abc" and 2^64 each get
// one clear line (CLI11 would report a usage error, or wrap 2^64 around to -1).
struct IdArgument {
  std::string text;
  int64_t* target = nullptr;
};

void AddId(CLI::App* cmd, IdArgument* arg, int64_t* target,
           const std::string& help = "The ask's id") {
  cmd->add_option_function<std::string>(
         "id",
         [arg, target](const std::string& text) {
           arg->text = text;
           arg->target = target;
         },
         help)
      ->required();
}

// Text stored from an argument must be UTF-8; paths are bytes on Linux and are left alone.
Status CheckArgumentsUtf8(const CLI::App& app, const std::vector<const CLI::Option*>& paths) {
  for (const CLI::Option* opt : app.get_options()) {
    if (std::find(paths.begin(), paths.end(), opt) != paths.end()) continue;
    for (const std::string& value : opt->results()) {
      const std::optional<Utf8Fault> fault = FindInvalidUtf8(value);
      if (!fault) continue;
      const std::string name = opt->get_name();
      return Error{
          fmt::format("{} is not valid UTF-8 (byte 0x{:02x} at position {}); re-type it or fix the "
                      "file's encoding",
                      name.starts_with("-") ? name : fmt::format("the {} argument", name),
                      fault->byte, fault->offset + 1)};
    }
  }
  for (const CLI::App* sub : app.get_subcommands()) {
    KEEL_RETURN_IF_ERROR(CheckArgumentsUtf8(*sub, paths));
  }
  return Status();
}

void AddOutcomeCommand(CLI::App& app, const std::string& name, const std::string& summary,
                       OutcomeOptions& o, std::string* chosen, IdArgument* id) {
  CLI::App* cmd = app.add_subcommand(name, summary);
  AddId(cmd, id, &o.id, "The ask's id (see keel list)");
  const bool replies = name == "yes" || name == "no" || name == "not-yet";
  if (name == "withdraw") {
    cmd->add_option("--on", o.on, std::string("When you pulled out: ") + kDateHelp);
    cmd->add_option("--reason", o.reason, "Why, for yourself (not read as a rejection theme)");
  }
  if (replies) {
    cmd->add_option("--on", o.on, std::string("Reply date: ") + kDateHelp + " (default today)");
    cmd->add_option("--reason", o.reason, "What they said, in their words");
    cmd->add_option("--theme", o.theme,
                    "The reason's theme, overriding keel's reading (see keel patterns)");
  }
  if (name == "not-yet") {
    cmd->add_option("--until", o.until, std::string("When to ask again: ") + kFutureDateHelp);
  }
  cmd->callback([chosen, name] { *chosen = name; });
}

// "unknown option --knd; did you mean --kind?" for the first long option on the command line that
// neither the command being parsed nor its parents (global options) know; "" when all are known.
// CLI11 would report it as an unexpected argument, or first complain about a required option.
std::string UnknownOption(const CLI::App& app, int argc, char** argv) {
  const CLI::App* command = &app;
  while (!command->get_subcommands().empty()) command = command->get_subcommands().front();
  std::vector<std::string> known;
  for (const CLI::App* a = command; a != nullptr; a = a->get_parent()) {
    for (const CLI::Option* option : a->get_options()) {
      for (const std::string& name : option->get_lnames()) known.push_back(name);
    }
  }
  const std::vector<std::string_view> names(known.begin(), known.end());
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.size() <= 2 || arg.substr(0, 2) != "--") continue;
    const std::string_view name = arg.substr(2, arg.find('=') - 2);
    if (name.empty()) continue;
    if (std::find(names.begin(), names.end(), name) != names.end()) continue;
    const std::string_view guess = ClosestMatch(name, names);
    if (!guess.empty()) return fmt::format("unknown option --{}; did you mean --{}?", name, guess);
    std::string path;
    for (const CLI::App* a = command; a != &app; a = a->get_parent()) {
      path.insert(0, a->get_name() + " ");
    }
    return fmt::format("unknown option --{}; see 'keel {}--help'", name, path);
  }
  return "";
}

// The first word of a command line that is not an option or a global option's value: the
// command it names ("" when none), and whether help was asked for before it.
struct CommandLine {
  std::string_view command;
  bool help_first = false;
  bool version = false;  // --version, which needs no command
};

CommandLine ReadCommandLine(int argc, char** argv) {
  CommandLine line;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--db" || arg == "--search" || arg == "--today" || arg == "--silence-days") {
      ++i;
      continue;
    }
    if (arg == "-h" || arg == "--help" || arg == "--help-all") line.help_first = true;
    if (arg == "--version") line.version = true;
    if (arg.empty() || arg.front() == '-') continue;
    line.command = arg;
    break;
  }
  return line;
}

}  // namespace

int RunCli(int argc, char** argv) {
  Context ctx;
  ctx.color = isatty(fileno(stdout)) && std::getenv("NO_COLOR") == nullptr;
  std::string today_text;
  std::string command;

  CLI::App app{"keel: a job-search ledger that turns every no into statistics.", "keel"};
  app.set_version_flag("--version", std::string("keel ") + KEEL_VERSION);
  app.require_subcommand(1);
  std::vector<const CLI::Option*> path_options;  // bytes, not text: never checked for UTF-8
  path_options.push_back(
      app.add_option("--db", ctx.db_path,
                     "Database: a SQLite file (default $XDG_DATA_HOME/keel/keel.db) or a "
                     "postgresql:// URI")
          ->envname("KEEL_DB"));
  app.add_option("--search", ctx.search,
                 "Which search of the database (default 'default'): on SQLite each other search "
                 "is a file beside it, DB.searches/NAME.db")
      ->envname("KEEL_SEARCH");
  app.add_option("--today", today_text, "Take this date as today, for reproducible reports")
      ->envname("KEEL_TODAY");
  app.add_flag("--json", ctx.json, "Print JSON instead of text");
  int silence_days = 0;
  app.add_option("--silence-days", silence_days,
                 "Days without a reply before an ask counts as silent (default: learned, or 21)")
      ->check(CLI::Range(1, 3650));

  // Only the command the line names is built: CLI11 takes about a millisecond to build all sixty
  // commands' options, a tenth of a report's whole time. With no command named (but for
  // --version), or help asked for before one, every command is built, for the list of commands.
  const CommandLine line = ReadCommandLine(argc, argv);
  std::vector<std::string_view> command_names;  // every top-level command, in order
  auto wanted = [&](std::string_view name) {
    command_names.push_back(name);
    if (line.command.empty()) return !line.version || line.help_first;
    return line.help_first || line.command == name;
  };

  AskOptions ask;
  bool ask_new = false;
  if (wanted("ask")) {
    CLI::App* ask_cmd =
        app.add_subcommand("ask", "Record an ask: a request to one party that expects an answer");
    ask_cmd->add_option("org", ask.org, "The organization (created on first use)")->required();
    ask_cmd->add_option("--to", ask.person, "The person you asked (created on first use)");
    ask_cmd->add_option("--via", ask.via,
                        "Who introduced you or referred you (a contact, created on first use)");
    ask_cmd->add_option("--kind", ask.kind, std::string("What you asked for: ") + kKindHelp)
        ->required();
    ask_cmd->add_option("--channel", ask.channel, std::string("How: ") + kChannelHelp);
    ask_cmd->add_option("--role", ask.role, "The role, for an application or interview");
    ask_cmd->add_option("--material", ask.materials,
                        "A material version you sent, like resume@v2 (repeatable)");
    ask_cmd->add_option("--on", ask.on, std::string("When you asked: ") + kDateHelp);
    ask_cmd->add_option("--note", ask.note, "A note for yourself");
    ask_cmd->add_option("--industry", ask.industry, "The role's industry (for your focus)");
    ask_cmd->add_option("--location", ask.location, "Where the role is (for your focus)");
    ask_cmd->add_option("--seniority", ask.seniority, "The role's level, like senior");
    ask_cmd->add_option("--remote", ask.remote, "remote, hybrid or onsite");
    ask_cmd->add_option("--salary", ask.salary, "The role's yearly pay, a whole number");
    ask_cmd->add_option("--despite", ask.despite,
                        "Go ahead although it breaks a deal-breaker; why (kept as a pivot)");
    ask_cmd->add_flag("--new-org", ask.new_org,
                      "Create the organization even if its name resembles an existing one");
    ask_cmd->add_flag("--new-person", ask.new_person,
                      "Create the contact even if the name resembles an existing one");
    ask_cmd->add_flag("--new-via", ask.new_via,
                      "Create the --via contact even if the name resembles an existing one");
    ask_cmd->add_flag("--new", ask_new, "All of --new-org, --new-person and --new-via");
    ask_cmd->callback([&] { command = "ask"; });
  }

  OutcomeOptions outcome;
  IdArgument id_arg;
  if (wanted("yes"))
    AddOutcomeCommand(app, "yes", "Record a yes: the ask was granted", outcome, &command, &id_arg);
  if (wanted("no")) AddOutcomeCommand(app, "no", "Record a no", outcome, &command, &id_arg);
  if (wanted("not-yet"))
    AddOutcomeCommand(app, "not-yet", "Record a 'not now', with an optional date to ask again",
                      outcome, &command, &id_arg);
  if (wanted("silent"))
    AddOutcomeCommand(app, "silent", "Mark an ask silent: no answer (a late reply can replace it)",
                      outcome, &command, &id_arg);
  if (wanted("withdraw"))
    AddOutcomeCommand(app, "withdraw",
                      "Record that you pulled out (not a no, not a silence; outside every rate)",
                      outcome, &command, &id_arg);
  if (wanted("reopen"))
    AddOutcomeCommand(app, "reopen", "Reopen an ask: back to pending, as if no answer had come",
                      outcome, &command, &id_arg);

  FollowUpOptions follow;
  if (wanted("follow-up")) {
    CLI::App* follow_cmd =
        app.add_subcommand("follow-up", "Record a nudge on an ask (not a new ask)");
    AddId(follow_cmd, &id_arg, &follow.id);
    follow_cmd->add_option("--on", follow.on,
                           std::string("When: ") + kDateHelp + " (default today)");
    follow_cmd->add_option("--note", follow.note, "What you sent");
    follow_cmd->callback([&] { command = "follow-up"; });
  }

  EditOptions edit;
  std::vector<std::string> edit_materials;
  bool edit_new = false;
  if (wanted("edit")) {
    CLI::App* edit_cmd = app.add_subcommand("edit", "Change fields of an ask");
    AddId(edit_cmd, &id_arg, &edit.id);
    edit_cmd->add_option("--org", edit.org, "The organization");
    edit_cmd->add_option("--to", edit.person, "The person (empty to clear)");
    edit_cmd->add_option("--via", edit.via, "Who introduced or referred you (empty to clear)");
    edit_cmd->add_option("--kind", edit.kind, kKindHelp);
    edit_cmd->add_option("--channel", edit.channel, kChannelHelp);
    edit_cmd->add_option("--role", edit.role, "The role (empty to clear)");
    edit_cmd->add_option("--on", edit.on, "The ask date");
    edit_cmd->add_option("--replied-on", edit.replied_on, "The reply date");
    edit_cmd->add_option("--reason", edit.reason, "The reason given");
    edit_cmd->add_option("--note", edit.note, "The note");
    edit_cmd->add_option("--theme", edit.theme, "The reason's theme, overriding keel's reading");
    edit_cmd->add_option("--industry", edit.industry, "The role's industry");
    edit_cmd->add_option("--location", edit.location, "Where the role is");
    edit_cmd->add_option("--seniority", edit.seniority, "The role's level");
    edit_cmd->add_option("--remote", edit.remote, "remote, hybrid or onsite");
    edit_cmd->add_option("--salary", edit.salary, "The role's yearly pay");
    edit_cmd->add_option("--material", edit_materials,
                         "Material versions, replacing the old list (repeatable)");
    edit_cmd->add_flag("--no-materials", edit.no_materials, "Clear the material list");
    edit_cmd->add_option("--despite", edit.despite,
                         "Go ahead although the edit breaks a deal-breaker; why (kept as a pivot)");
    edit_cmd->add_flag("--new-org", edit.new_org,
                       "Create the organization even if similar to an existing one");
    edit_cmd->add_flag("--new-person", edit.new_person,
                       "Create the contact even if similar to an existing one");
    edit_cmd->add_flag("--new-via", edit.new_via,
                       "Create the --via contact even if similar to an existing one");
    edit_cmd->add_flag("--new", edit_new, "All of --new-org, --new-person and --new-via");
    edit_cmd->callback([&] { command = "edit"; });
  }

  DeleteOptions del;
  if (wanted("delete")) {
    CLI::App* delete_cmd =
        app.add_subcommand("delete", "Delete an ask and its follow-ups (keel undo brings it back)");
    AddId(delete_cmd, &id_arg, &del.id);
    delete_cmd->add_flag("--yes", del.yes, "Confirm the deletion");
    delete_cmd->callback([&] { command = "delete"; });
  }

  if (wanted("undo")) {
    app.add_subcommand("undo", "Revert the last change, whatever it was")->callback([&] {
      command = "undo";
    });
  }

  ListOptions list;
  bool list_all = false;
  CLI::Option* list_limit = nullptr;
  if (wanted("list")) {
    CLI::App* list_cmd = app.add_subcommand(
        "list", "List the newest 50 asks (oldest of them first); --all for every one");
    list_cmd->add_flag("--open", list.open,
                       "Only asks still awaiting an answer (pending, not-yet)");
    list_cmd->add_option("--kind", list.kind, kKindHelp);
    list_cmd->add_option("--channel", list.channel, kChannelHelp);
    list_cmd->add_option("--outcome", list.outcome, "pending, yes, no, not-yet, silent, withdrawn");
    list_cmd->add_option(
        "--org", list.org,
        "One organization (case and spaces ignored; a unique beginning is enough)");
    list_cmd->add_option("--search", list.search,
                         "Words to find in reasons, notes and postings (every word must appear)");
    list.limit = kListPage;
    list_limit = list_cmd->add_option("--limit", list.limit,
                                      "How many of the newest asks to show (default 50)");
    list_cmd->add_flag("--all", list_all, "Every ask, not only the newest 50")
        ->excludes(list_limit);
    list_cmd->add_option("--since", list.since,
                         "Only asks made on or after a date (YYYY-MM-DD, yesterday, -30d): every "
                         "one of them, or the newest N with --limit N");
    list_cmd->callback([&] {
      command = "list";
      // --since alone shows every ask since then: a date is already a bound.
      if (list_all || (list.since && list_limit->count() == 0)) list.limit = 0;
      if (list_limit->count() > 0 && list.limit < 1) list.limit = -1;  // refused by ListAsks
    });
  }

  int64_t show_id = 0;
  if (wanted("show")) {
    CLI::App* show_cmd = app.add_subcommand("show", "Show one ask in full");
    AddId(show_cmd, &id_arg, &show_id);
    show_cmd->callback([&] { command = "show"; });
  }

  if (wanted("status")) {
    app.add_subcommand("status", "The search at a glance, and what to do next")->callback([&] {
      command = "status";
    });
  }

  std::string stats_by;
  if (wanted("stats")) {
    CLI::App* stats_cmd =
        app.add_subcommand("stats", "Yes-rates with 95% ranges, nos per yes, by group");
    stats_cmd->add_option("--by", stats_by, "Group by kind, channel, material, month or org");
    stats_cmd->callback([&] { command = "stats"; });
  }
  if (wanted("streak")) {
    app.add_subcommand("streak", "Asks since your last yes; how ordinary the run is")
        ->callback([&] { command = "streak"; });
  }
  if (wanted("forecast")) {
    app.add_subcommand("forecast", "When the next yes is likely, at your pace")->callback([&] {
      command = "forecast";
    });
  }
  if (wanted("silence")) {
    app.add_subcommand("silence", "How long replies take, and which open asks may still get one")
        ->callback([&] { command = "silence"; });
  }

  bool agenda_ics = false;
  if (wanted("agenda")) {
    CLI::App* agenda_cmd = app.add_subcommand(
        "agenda", "What to do today: follow-ups whose time has come, not-yet asks to ask again");
    agenda_cmd->add_flag("--ics", agenda_ics,
                         "Write the agenda as an iCalendar (.ics) of to-dos to standard output");
    agenda_cmd->callback([&] { command = "agenda"; });
  }

  ImportCliOptions imp;
  if (wanted("import")) {
    CLI::App* import_cmd =
        app.add_subcommand("import", "Import asks from keel's CSV or another tracker's CSV export");
    path_options.push_back(
        import_cmd->add_option("file", imp.file, "The CSV file (- for standard input)")
            ->required());
    import_cmd->add_flag("--dry-run", imp.dry_run, "Show what would be imported; write nothing");
    import_cmd->add_flag("--skip-bad", imp.skip_bad, "Import the good rows and list the bad ones");
    import_cmd->add_flag("--allow-duplicates", imp.allow_duplicates,
                         "Import rows even when the same ask is already in the ledger");
    import_cmd->add_option("--map", imp.maps,
                           "COLUMN=FIELD: read a column as a keel field, or =ignore (repeatable)");
    import_cmd->add_option("--value", imp.values,
                           "FIELD:TEXT=VALUE: what a cell's text means (repeatable)");
    import_cmd->add_flag("--stages", imp.stages,
                         "Read Interview and Offer statuses as stages: add the interview or offer "
                         "ask each implies, so keel pipeline shows the tracker's stage");
    import_cmd->add_flag("--day-first", imp.day_first,
                         "Read slash dates as D/M/YYYY instead of M/D/YYYY");
    import_cmd->add_option("--kind", imp.kind,
                           "The kind of rows without a kind column (default application)");
    import_cmd->callback([&] { command = "import"; });
  }

  ExportOptions exp;
  if (wanted("export")) {
    CLI::App* export_cmd = app.add_subcommand(
        "export", "Export the asks as CSV (re-importable), or everything as JSON");
    export_cmd->add_option("--format", exp.format, "csv or json");
    path_options.push_back(export_cmd->add_option(
        "-o,--output", exp.output, "Write to this file (atomically) instead of standard output"));
    export_cmd->callback([&] { command = "export"; });
  }

  FeedbackAskOptions feedback_ask;
  FeedbackAddOptions feedback_add;
  if (wanted("feedback")) {
    CLI::App* feedback_cmd = app.add_subcommand(
        "feedback", "Ask someone what is working and not working, and keep their answer");
    feedback_cmd->require_subcommand(1);
    CLI::App* feedback_ask_cmd =
        feedback_cmd->add_subcommand("ask", "Record an ask for feedback (kind feedback)");
    feedback_ask_cmd->add_option("person", feedback_ask.person, "Whom you asked")->required();
    feedback_ask_cmd->add_option("--org", feedback_ask.org,
                                 "Their organization (default: where keel last saw them)");
    feedback_ask_cmd->add_option("--channel", feedback_ask.channel, kChannelHelp);
    feedback_ask_cmd->add_option("--on", feedback_ask.on, std::string("When: ") + kDateHelp);
    feedback_ask_cmd->add_option("--note", feedback_ask.note, "What you asked");
    feedback_ask_cmd->add_flag("--new-org", feedback_ask.new_org, "Create the organization anyway");
    feedback_ask_cmd->add_flag("--new-person", feedback_ask.new_person,
                               "Create the contact anyway");
    feedback_ask_cmd->callback([&] { command = "feedback ask"; });
    CLI::App* feedback_add_cmd =
        feedback_cmd->add_subcommand("add", "Store the feedback an ask brought, with its themes");
    AddId(feedback_add_cmd, &id_arg, &feedback_add.id);
    feedback_add_cmd->add_option("text", feedback_add.text, "Their words, in quotes")->required();
    feedback_add_cmd->add_option("--theme", feedback_add.theme, "Override keel's reading");
    feedback_add_cmd->add_option("--on", feedback_add.on, std::string("When: ") + kDateHelp);
    feedback_add_cmd->callback([&] { command = "feedback add"; });
  }

  ActionAddOptions action_add;
  if (wanted("action")) {
    CLI::App* action_cmd = app.add_subcommand("action", "Record what you will do about a theme");
    action_cmd->require_subcommand(1);
    CLI::App* action_add_cmd = action_cmd->add_subcommand("add", "Add an action with its theme");
    action_add_cmd->add_option("text", action_add.text, "What you will do")->required();
    action_add_cmd->add_option("--theme", action_add.theme, "The theme it answers")->required();
    action_add_cmd->add_option(
        "--on", action_add.on,
        std::string("When it starts: ") + kFutureDateHelp + " (default today)");
    action_add_cmd->callback([&] { command = "action add"; });
  }
  if (wanted("actions")) {
    app.add_subcommand("actions", "Each action's yes-rate before and after it began")
        ->callback([&] { command = "actions"; });
  }

  int window_days = 180;
  if (wanted("patterns")) {
    CLI::App* patterns_cmd = app.add_subcommand(
        "patterns", "Themes of the reasons given, and which are patterns (2+ independent sources)");
    patterns_cmd->add_option("--window", window_days, "Days of reasons to consider (default 180)")
        ->check(CLI::Range(1, 36500));
    patterns_cmd->callback([&] { command = "patterns"; });
  }

  StrategyOptions strategy;
  if (wanted("strategy")) {
    CLI::App* strategy_cmd = app.add_subcommand(
        "strategy", "Your focus, deal-breakers, brand, stories and phase; set them while calm");
    strategy_cmd->require_subcommand(0, 1);
    strategy_cmd->callback([&] {
      if (command.empty()) command = "strategy";
    });
    auto add_fields = [&](CLI::App* sub) {
      sub->add_option("--role", strategy.roles, "A role (repeatable)");
      sub->add_option("--industry", strategy.industries, "An industry (repeatable)");
      sub->add_option("--location", strategy.locations, "A location (repeatable)");
      sub->add_option("--remote", strategy.remotes, "remote, hybrid or onsite (repeatable)");
      sub->add_option("--seniority", strategy.seniorities, "A level (repeatable)");
    };
    auto add_on = [&](CLI::App* sub) {
      sub->add_option("--on", strategy.on, std::string("Dated: ") + kDateHelp + " (default today)");
    };
    struct StrategySub {
      const char* name;
      const char* help;
    };
    for (const StrategySub& sub :
         {StrategySub{"focus", "Add what you are looking for"},
          StrategySub{"rule-out", "Add a deal-breaker: what you decided is not desirable"},
          StrategySub{"drop", "Remove a focus item or a deal-breaker"}}) {
      CLI::App* cmd = strategy_cmd->add_subcommand(sub.name, sub.help);
      add_fields(cmd);
      add_on(cmd);
      cmd->callback([&command, &strategy, name = std::string(sub.name)] {
        command = "strategy";
        strategy.action = name;
      });
    }
    CLI::App* floor_cmd = strategy_cmd->add_subcommand("salary-floor", "The least pay you accept");
    floor_cmd->add_option("amount", strategy.salary_floor, "Yearly, a whole number");
    floor_cmd->add_flag("--clear", strategy.clear, "Remove the salary floor");
    add_on(floor_cmd);
    floor_cmd->callback([&] {
      command = "strategy";
      strategy.action = "salary-floor";
    });
    for (const StrategySub& sub : {StrategySub{"brand", "Your brand statement, in one sentence"},
                                   StrategySub{"story", "Add a success story to tell"},
                                   StrategySub{"phase",
                                               "Begin a phase: introspection, exploration, "
                                               "targeted-research, strategy, action"}}) {
      CLI::App* cmd = strategy_cmd->add_subcommand(sub.name, sub.help);
      cmd->add_option("text", strategy.text, "The text (or the phase)")->required();
      add_on(cmd);
      cmd->callback([&command, &strategy, name = std::string(sub.name)] {
        command = "strategy";
        strategy.action = name;
      });
    }
    strategy_cmd->add_subcommand("history", "Every saved version of the strategy, dated")
        ->callback([&] {
          command = "strategy";
          strategy.action = "history";
        });
  }
  if (wanted("drift")) {
    app.add_subcommand("drift", "Asks off your focus lately, and whether a run of nos began it")
        ->callback([&] { command = "drift"; });
  }

  MaterialAddOptions material_add;
  if (wanted("material")) {
    CLI::App* material_cmd = app.add_subcommand("material", "Name a version of a material");
    material_cmd->require_subcommand(1);
    CLI::App* material_add_cmd =
        material_cmd->add_subcommand("add", "Add a version (keeps a content hash, never the file)");
    material_add_cmd->add_option("name", material_add.name, "The material, like resume")
        ->required();
    material_add_cmd->add_option("version", material_add.version, "The version, like v3")
        ->required();
    path_options.push_back(material_add_cmd->add_option("--file", material_add.file,
                                                        "The file, to record its SHA-256"));
    material_add_cmd->add_option("--note", material_add.note, "What changed");
    material_add_cmd->add_option("--on", material_add.on, std::string("When: ") + kDateHelp);
    material_add_cmd->callback([&] { command = "material add"; });
  }
  if (wanted("materials")) {
    app.add_subcommand("materials", "Material versions and the asks that used them")->callback([&] {
      command = "materials";
    });
  }
  std::string compare_a, compare_b;
  if (wanted("compare")) {
    CLI::App* compare_cmd = app.add_subcommand(
        "compare", "Compare two versions of a material: which gets more yeses, and how sure");
    compare_cmd->add_option("a", compare_a, "The first version, like resume@v2")->required();
    compare_cmd->add_option("b", compare_b, "The second version, like resume@v3")->required();
    compare_cmd->callback([&] { command = "compare"; });
  }

  // Postings (posting_commands.cc).
  PostingAddOptions posting_add;
  PostingEditOptions posting_edit;
  IdArgument posting_id_arg;
  int64_t posting_id = 0;
  if (wanted("posting")) {
    CLI::App* posting_cmd = app.add_subcommand(
        "posting", "Keep a role's posting: its description, URL, deadline, pay and place");
    posting_cmd->require_subcommand(1);
    CLI::App* posting_add_cmd = posting_cmd->add_subcommand(
        "add", "Save a role before applying (the description is kept, never fetched)");
    posting_add_cmd->add_option("org", posting_add.org, "The organization (created on first use)")
        ->required();
    posting_add_cmd->add_option("--role", posting_add.role, "The role, like 'Data Engineer'")
        ->required();
    CLI::App* posting_edit_cmd =
        posting_cmd->add_subcommand("edit", "Change a posting's fields (empty text clears one)");
    AddId(posting_edit_cmd, &posting_id_arg, &posting_edit.id, "The posting's id");
    posting_edit_cmd->add_option("--org", posting_edit.org, "The organization");
    posting_edit_cmd->add_option("--role", posting_edit.role, "The role");
    for (CLI::App* sub : {posting_add_cmd, posting_edit_cmd}) {
      const bool add = sub == posting_add_cmd;
      auto option = [&](const char* name, std::string* a, std::optional<std::string>* e,
                        const std::string& help) {
        return add ? sub->add_option(name, *a, help) : sub->add_option(name, *e, help);
      };
      option("--url", &posting_add.url, &posting_edit.url,
             "The posting's web address (https://...)");
      path_options.push_back(
          add ? sub->add_option("--description-file", posting_add.description_file,
                                "A text file holding the description (- for standard input)")
              : sub->add_option("--description-file", posting_edit.description_file,
                                "A text file holding the description (- for standard input)"));
      option("--deadline", &posting_add.deadline, &posting_edit.deadline,
             std::string("The last day to apply: ") + kFutureDateHelp);
      option("--salary-range", &posting_add.salary_range, &posting_edit.salary_range,
             "The yearly pay offered, MIN-MAX in whole numbers, like 90000-120000");
      option("--location", &posting_add.location, &posting_edit.location, "Where the role is");
      option("--note", &posting_add.note, &posting_edit.note, "A note for yourself");
      sub->add_flag("--new-org", add ? posting_add.new_org : posting_edit.new_org,
                    "Create the organization even if its name resembles an existing one");
    }
    posting_add_cmd->callback([&] { command = "posting add"; });
    posting_edit_cmd->callback([&] { command = "posting edit"; });
    posting_cmd->add_subcommand("list", "Every posting, deadline soonest first")->callback([&] {
      command = "posting list";
    });
    CLI::App* posting_show_cmd = posting_cmd->add_subcommand("show", "One posting in full");
    AddId(posting_show_cmd, &posting_id_arg, &posting_id, "The posting's id");
    posting_show_cmd->callback([&] { command = "posting show"; });
    CLI::App* posting_remove_cmd = posting_cmd->add_subcommand(
        "remove", "Remove a posting (its role and asks stay; keel undo brings it back)");
    AddId(posting_remove_cmd, &posting_id_arg, &posting_id, "The posting's id");
    posting_remove_cmd->callback([&] { command = "posting remove"; });
  }

  // Interviews (interview_commands.cc): `interview ASK_ID --at ...` schedules; its subcommands
  // edit and remove take the interview's own id.
  InterviewOptions interview;
  InterviewEditOptions interview_edit;
  IdArgument interview_id_arg;
  int64_t interview_id = 0;
  const CLI::Option* edit_with = nullptr;
  bool no_with = false;
  if (wanted("interview")) {
    CLI::App* interview_cmd = app.add_subcommand(
        "interview", "Schedule an interview round for an ask: time, interviewers, prep notes");
    interview_cmd->require_subcommand(0, 1);
    interview_cmd->add_option_function<std::string>(
        "ask_id",
        [&](const std::string& text) {
          id_arg.text = text;
          id_arg.target = &interview.ask_id;
        },
        "The ask the round is for (see keel list)");
    CLI::App* interview_edit_cmd = interview_cmd->add_subcommand(
        "edit", "Change a round: its time, round, length, interviewers or prep notes");
    AddId(interview_edit_cmd, &interview_id_arg, &interview_edit.id,
          "The interview's id (see keel interviews)");
    const std::string at_help = "When, in local time ($TZ or the system's): \"YYYY-MM-DD HH:MM\"";
    interview_cmd->add_option("--at", interview.at, at_help);
    interview_edit_cmd->add_option("--at", interview_edit.at, at_help);
    interview_cmd->add_option("--round", interview.round,
                              "The round, from 1 (default: the role's next round)");
    interview_edit_cmd->add_option("--round", interview_edit.round, "The round, from 1");
    interview_cmd->add_option("--with", interview.with, "Whom you will meet (repeatable)");
    edit_with = interview_edit_cmd->add_option(
        "--with", interview_edit.with, "Whom you will meet, replacing the list (repeatable)");
    interview_edit_cmd->add_flag("--no-with", no_with, "Clear the list of interviewers");
    interview_cmd->add_option("--prep", interview.prep, "Notes to prepare");
    interview_edit_cmd->add_option("--prep", interview_edit.prep,
                                   "Notes to prepare (empty clears)");
    interview_cmd->add_option("--minutes", interview.minutes, "How long it lasts (default 60)");
    interview_edit_cmd->add_option("--minutes", interview_edit.minutes, "How long it lasts");
    interview_cmd->callback([&] {
      if (command.empty()) command = "interview";
    });
    interview_edit_cmd->callback([&] { command = "interview edit"; });
    CLI::App* interview_remove_cmd = interview_cmd->add_subcommand(
        "remove", "Remove a round (its ask stays; keel undo brings it back)");
    AddId(interview_remove_cmd, &interview_id_arg, &interview_id,
          "The interview's id (see keel interviews)");
    interview_remove_cmd->callback([&] { command = "interview remove"; });
  }
  bool interviews_all = false;
  if (wanted("interviews")) {
    CLI::App* interviews_cmd =
        app.add_subcommand("interviews", "Interview rounds from today on, soonest first");
    interviews_cmd->add_flag("--all", interviews_all, "Every round, past ones too");
    interviews_cmd->callback([&] { command = "interviews"; });
  }

  CloseOptions close;
  if (wanted("close")) {
    CLI::App* close_cmd = app.add_subcommand(
        "close", "Close the search with the offer you accepted (keel keeps the record)");
    close_cmd->add_option("--offer", close.offer, "The ask whose yes was the offer you accepted");
    close_cmd->add_option("--on", close.on,
                          std::string("When you accepted: ") + kDateHelp + " (default today)");
    close_cmd->add_flag("--undo", close.undo, "Reopen the search (the asks are never touched)");
    close_cmd->callback([&] { command = "close"; });
  }

  if (wanted("pipeline")) {
    app.add_subcommand("pipeline", "Every role by stage, its history, and the rates between stages")
        ->callback([&] { command = "pipeline"; });
  }
  if (wanted("contacts")) {
    app.add_subcommand("contacts", "Each person: organization, asks, answers, who introduced them")
        ->callback([&] { command = "contacts"; });
  }
  std::string contact_name;
  if (wanted("contact")) {
    CLI::App* contact_cmd =
        app.add_subcommand("contact", "One person's timeline: asks, answers, follow-ups, feedback");
    contact_cmd->add_option("name", contact_name, "The person's name (see keel contacts)")
        ->required();
    contact_cmd->callback([&] { command = "contact"; });
  }
  GoalOptions goal;
  if (wanted("goal")) {
    CLI::App* goal_cmd = app.add_subcommand(
        "goal", "A weekly goal of asks (effort, which you control); shows it without options");
    goal_cmd->add_option("--asks-per-week", goal.asks_per_week,
                         "Asks to make each week, Monday to Sunday (1 to 500)");
    goal_cmd->add_flag("--clear", goal.clear, "Remove the goal (keel undo brings it back)");
    goal_cmd->callback([&] { command = "goal"; });
  }

  UserAddOptions user_add;
  UserRemoveOptions user_remove;
  if (wanted("user")) {
    CLI::App* user_cmd =
        app.add_subcommand("user", "A coaching practice's accounts (for keel serve --accounts)");
    user_cmd->require_subcommand(1);
    CLI::App* user_add_cmd = user_cmd->add_subcommand("add", "Add an account");
    user_add_cmd->add_option("email", user_add.email, "The account's email")->required();
    user_add_cmd->add_option("--role", user_add.role, "seeker, coach or admin")->required();
    user_add_cmd->add_option("--name", user_add.name, "The name keel shows (optional)");
    user_add_cmd->add_flag("--password-stdin", user_add.password_stdin,
                           "Read the password from standard input (at least 12 characters)");
    user_add_cmd->callback([&] { command = "user add"; });
    user_cmd->add_subcommand("list", "Every account, by email")->callback([&] {
      command = "user list";
    });
    CLI::App* user_remove_cmd =
        user_cmd->add_subcommand("remove", "Remove an account (a seeker's search goes with it)");
    user_remove_cmd->add_option("email", user_remove.email, "The account's email")->required();
    user_remove_cmd->add_flag("--yes", user_remove.yes,
                              "Delete a seeker's search and everything in it, for good");
    user_remove_cmd->callback([&] { command = "user remove"; });
  }

  std::string program_file;
  if (wanted("program")) {
    CLI::App* program_cmd = app.add_subcommand(
        "program", "A coaching practice's programs (the built-in ones and a coach's own)");
    program_cmd->require_subcommand(1);
    CLI::App* program_add_cmd = program_cmd->add_subcommand(
        "add", "Add a program from a Markdown file (see docs/practice.md)");
    program_add_cmd->add_option("file", program_file, "The program's Markdown file")->required();
    program_add_cmd->callback([&] { command = "program add"; });
    program_cmd->add_subcommand("list", "Every program and its steps")->callback([&] {
      command = "program list";
    });
  }

  std::string backup_file;
  bool restore_yes = false;
  if (wanted("backup")) {
    CLI::App* backup_cmd = app.add_subcommand(
        "backup", "A consistent copy of the database in a new file, even while keel serve runs");
    backup_cmd->add_option("file", backup_file, "The new file (it must not exist yet)")->required();
    backup_cmd->callback([&] { command = "backup"; });
  }
  if (wanted("restore")) {
    CLI::App* restore_cmd =
        app.add_subcommand("restore", "Put a backup in place of the database (--db)");
    restore_cmd->add_option("file", backup_file, "The backup keel backup wrote")->required();
    restore_cmd->add_flag("--yes", restore_yes,
                          "Replace the database that is there now, and everything in it");
    restore_cmd->callback([&] { command = "restore"; });
  }

  MailCliOptions deliver;
  if (wanted("deliver")) {
    CLI::App* deliver_cmd = app.add_subcommand(
        "deliver", "Send the practice's mail that is due now (lessons, answers, warnings), once");
    deliver_cmd
        ->add_option("--smtp", deliver.smtp, "The relay: smtp://HOST:PORT or smtps://HOST:PORT")
        ->required();
    deliver_cmd->add_option("--mail-from", deliver.mail_from, "The sender's address")->required();
    deliver_cmd
        ->add_option("--public-url", deliver.public_url,
                     "Where people open keel, for the unsubscribe links (https://coach.example)")
        ->required();
    deliver_cmd->callback([&] { command = "deliver"; });
  }
  bool outbox_all = false;
  int64_t outbox_limit = 50;
  if (wanted("outbox")) {
    CLI::App* outbox_cmd = app.add_subcommand(
        "outbox",
        "The practice's mail that waits or failed, newest first (what keel deliver does)");
    outbox_cmd->add_flag("--all", outbox_all, "Also what was sent or cancelled");
    outbox_cmd->add_option("--limit", outbox_limit, "At most this many (default 50)");
    outbox_cmd->callback([&] { command = "outbox"; });
  }

  ServeCliOptions serve;
  if (wanted("serve")) {
    CLI::App* serve_cmd = app.add_subcommand(
        "serve", "The dashboard and its JSON API on this machine (http://127.0.0.1:8420)");
    serve_cmd->add_option("--port", serve.port, "The port (default 8420; 0 = any free port)")
        ->check(CLI::Range(0, 65535));
    serve_cmd->add_option("--bind", serve.bind,
                          "The address to listen on (default 127.0.0.1: this machine only)");
    serve_cmd->add_option("--allow-host", serve.allow_hosts,
                          "Another host name the page may be opened with (repeatable)");
    serve_cmd
        ->add_option(
            "--threads", serve.threads,
            "Threads that run API requests, each with its own database connection (default 8)")
        ->check(CLI::Range(1, 1024));
    serve_cmd->add_flag("--accounts", serve.accounts,
                        "A coaching practice's server: everyone signs in (see keel user add)");
    serve_cmd->add_option("--public-url", serve.public_url,
                          "Where browsers reach it behind a proxy, like https://coach.example");
    serve_cmd->add_option("--trusted-proxy", serve.trusted_proxies,
                          "A proxy's address whose X-Forwarded-For names the client (repeatable)");
    serve_cmd->add_option(
        "--smtp", serve.smtp,
        "With --accounts: send the practice's mail through this relay every minute");
    serve_cmd->add_option("--mail-from", serve.mail_from, "With --smtp: the sender's address");
    serve_cmd->callback([&] { command = "serve"; });
  }

  // Global options may come after any (sub)subcommand: each passes what it does not know up.
  std::vector<CLI::App*> pending = app.get_subcommands([](CLI::App*) { return true; });
  while (!pending.empty()) {
    CLI::App* sub = pending.back();
    pending.pop_back();
    sub->fallthrough();
    for (CLI::App* child : sub->get_subcommands([](CLI::App*) { return true; })) {
      pending.push_back(child);
    }
  }

  if (argc == 1) {
    fmt::print("{}", app.help());
    return kExitOk;
  }
  // Name an unknown command (and the likely intended one) rather than CLI11's generic complaint.
  if (!line.command.empty() &&
      std::find(command_names.begin(), command_names.end(), line.command) == command_names.end()) {
    const std::string_view guess = ClosestMatch(line.command, command_names);
    fmt::print(stderr, "error: unknown command '{}'; {}see 'keel --help'\n", Clip(line.command),
               guess.empty() ? "" : fmt::format("did you mean '{}'? ", guess));
    return kExitUsage;
  }

  try {
    app.parse(GlueRelativeDates(argc, argv));
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    if (const std::string unknown = UnknownOption(app, argc, argv); !unknown.empty()) {
      fmt::print(stderr, "error: {}\n", unknown);
      return kExitUsage;
    }
    std::string message = e.what();
    if (!message.empty()) message[0] = static_cast<char>(std::tolower(message[0]));
    const CLI::App* failing = app.get_subcommands().empty() ? nullptr : app.get_subcommands()[0];
    const std::string help =
        failing ? fmt::format("keel {} --help", failing->get_name()) : "keel --help";
    fmt::print(stderr, "error: {}; see '{}'\n", EscapeControls(Trim(message)), help);
    return kExitUsage;
  }

  if (Status utf8 = CheckArgumentsUtf8(app, path_options); !utf8.ok()) {
    return Fail(ctx, utf8.message());
  }
  if (id_arg.target) {
    Result<int64_t> id = ParseId(id_arg.text, "the ask's id");
    if (!id.ok()) return Fail(ctx, id.error());
    *id_arg.target = *id;
  }
  if (posting_id_arg.target) {
    Result<int64_t> id = ParseId(posting_id_arg.text, "the posting's id");
    if (!id.ok()) {
      // ParseId points at the asks' list; a posting's id is in the postings'.
      Error e = id.error();
      if (const size_t at = e.message.find("'keel list'"); at != std::string::npos) {
        e.message.replace(at, 11, "'keel posting list'");
      }
      return Fail(ctx, e);
    }
    *posting_id_arg.target = *id;
  }
  if (interview_id_arg.target) {
    Result<int64_t> id = ParseId(interview_id_arg.text, "the interview's id");
    if (!id.ok()) {
      Error e = id.error();
      if (const size_t at = e.message.find("'keel list'"); at != std::string::npos) {
        e.message.replace(at, 11, "'keel interviews --all'");
      }
      return Fail(ctx, e);
    }
    *interview_id_arg.target = *id;
  }
  if (app.get_option("--db")->count() > 0 && ctx.db_path.empty()) {
    return Fail(ctx, "--db is empty; give the database file's path");
  }
  if (ctx.db_path.empty()) ctx.db_path = DefaultDbPath();
  ctx.UseFactory();
  if (Status named = CheckSearchName(ctx.search); !named.ok()) return Fail(ctx, named.error());
  ctx.today = SystemToday();
  if (!today_text.empty()) {
    Result<Date> today = ParseUserDate(today_text, SystemToday());
    if (!today.ok()) {
      return Fail(ctx, Error{"--today / KEEL_TODAY: " + today.message()});
    }
    ctx.today = *today;
  }

  if (app.get_option("--silence-days")->count() > 0) ctx.silence_days_given = silence_days;
  if (command == "ask") {
    if (ask_new) ask.new_org = ask.new_person = ask.new_via = true;
    return RunAsk(ask, ctx);
  }
  if (command == "stats") return RunStats(stats_by, ctx);
  if (command == "streak") return RunStreak(ctx);
  if (command == "forecast") return RunForecast(ctx);
  if (command == "silence") return RunSilence(ctx);
  if (command == "agenda") return RunAgenda(agenda_ics, ctx);
  if (command == "yes" || command == "no" || command == "not-yet" || command == "silent") {
    outcome.outcome = command;
    return RunOutcome(outcome, ctx);
  }
  if (command == "withdraw") {
    outcome.outcome = "withdrawn";
    return RunOutcome(outcome, ctx);
  }
  if (command == "reopen") {
    outcome.outcome = "pending";
    return RunOutcome(outcome, ctx);
  }
  if (command == "follow-up") return RunFollowUp(follow, ctx);
  if (command == "edit") {
    if (edit_new) edit.new_org = edit.new_person = edit.new_via = true;
    if (!edit_materials.empty()) edit.materials = edit_materials;
    return RunEdit(edit, ctx);
  }
  if (command == "delete") return RunDelete(del, ctx);
  if (command == "undo") return RunUndo(ctx);
  if (command == "list") return RunList(list, ctx);
  if (command == "show") return RunShow(show_id, ctx);
  if (command == "status") return RunStatus(ctx);
  if (command == "import") return RunImport(imp, ctx);
  if (command == "export") return RunExport(exp, ctx);
  if (command == "feedback ask") return RunFeedbackAsk(feedback_ask, ctx);
  if (command == "feedback add") return RunFeedbackAdd(feedback_add, ctx);
  if (command == "action add") return RunActionAdd(action_add, ctx);
  if (command == "actions") return RunActions(ctx);
  if (command == "patterns") return RunPatterns(window_days, ctx);
  if (command == "strategy") return RunStrategy(strategy, ctx);
  if (command == "drift") return RunDrift(ctx);
  if (command == "material add") return RunMaterialAdd(material_add, ctx);
  if (command == "materials") return RunMaterials(ctx);
  if (command == "compare") return RunCompare(compare_a, compare_b, ctx);
  if (command == "close") return RunClose(close, ctx);
  if (command == "pipeline") return RunPipeline(ctx);
  if (command == "contacts") return RunContacts(ctx);
  if (command == "contact") return RunContact(contact_name, ctx);
  if (command == "goal") return RunGoal(goal, ctx);
  if (command == "posting add") return RunPostingAdd(posting_add, ctx);
  if (command == "posting edit") return RunPostingEdit(posting_edit, ctx);
  if (command == "posting list") return RunPostingList(ctx);
  if (command == "posting show") return RunPostingShow(posting_id, ctx);
  if (command == "posting remove") return RunPostingRemove(posting_id, ctx);
  if (command == "interview") {
    if (id_arg.target != &interview.ask_id) {
      fmt::print(stderr,
                 "error: give the ask's id, like keel interview 3 --at \"2026-12-09 14:30\"; "
                 "see 'keel interview --help'\n");
      return kExitUsage;
    }
    return RunInterview(interview, ctx);
  }
  if (command == "interview edit") {
    interview_edit.with_given = edit_with->count() > 0 || no_with;
    return RunInterviewEdit(interview_edit, ctx);
  }
  if (command == "interview remove") return RunInterviewRemove(interview_id, ctx);
  if (command == "interviews") return RunInterviews(interviews_all, ctx);
  if (command == "user add") return RunUserAdd(user_add, ctx);
  if (command == "user list") return RunUserList(ctx);
  if (command == "user remove") return RunUserRemove(user_remove, ctx);
  if (command == "program add") return RunProgramAdd(program_file, ctx);
  if (command == "program list") return RunProgramList(ctx);
  if (command == "deliver") return RunDeliver(deliver, ctx);
  if (command == "backup") return RunBackup(backup_file, ctx);
  if (command == "restore") return RunRestore(backup_file, restore_yes, ctx);
  if (command == "outbox") return RunOutbox(outbox_all, outbox_limit, ctx);
  if (command == "serve") {
    serve.today_given = !today_text.empty();
    return RunServe(serve, ctx);
  }
  return kExitUsage;
}

}  // namespace keel
