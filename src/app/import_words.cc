// The tables below were written from real exports (tests/data/real) and the column names of
// common trackers (Huntr, Teal, spreadsheets). Exact matches come first; for outcomes a few
// keyword rules catch free-text statuses such as "Inter + Rejec" or "No response to application".
#include "app/import_words.h"

#include <array>
#include <utility>
#include <vector>

#include "core/text.h"

namespace keel {
namespace {

constexpr std::array<std::string_view, kFieldCount> kFieldNames = {
    "asked_on", "org",       "person",    "kind",   "channel", "outcome",    "replied_on",
    "reason",   "materials", "role",      "note",   "until",   "follow_ups", "theme",
    "industry", "location",  "seniority", "remote", "salary",  "via"};

struct Alias {
  std::string_view header;  // normalized
  Field field;
};

constexpr Alias kAliases[] = {
    {"asked on", Field::kAskedOn},
    {"date applied", Field::kAskedOn},
    {"applied on", Field::kAskedOn},
    {"applied", Field::kAskedOn},
    {"date sent", Field::kAskedOn},
    {"sent", Field::kAskedOn},
    {"submitted", Field::kAskedOn},
    {"date submitted", Field::kAskedOn},
    {"submitted on", Field::kAskedOn},
    {"application date", Field::kAskedOn},
    {"date", Field::kAskedOn},
    {"org", Field::kOrg},
    {"company", Field::kOrg},
    {"company name", Field::kOrg},
    {"employer", Field::kOrg},
    {"organization", Field::kOrg},
    {"organisation", Field::kOrg},
    {"person", Field::kPerson},
    {"contact", Field::kPerson},
    {"contact name", Field::kPerson},
    {"kind", Field::kKind},
    {"ask kind", Field::kKind},
    {"channel", Field::kChannel},
    {"source", Field::kChannel},
    {"application site", Field::kChannel},
    {"applied via", Field::kChannel},
    {"outcome", Field::kOutcome},
    {"status", Field::kOutcome},
    {"stage", Field::kOutcome},
    {"list", Field::kOutcome},  // Huntr: the board list a job sits in
    {"current stage", Field::kOutcome},
    {"job status", Field::kOutcome},
    {"response", Field::kOutcome},
    {"application status", Field::kOutcome},
    {"result", Field::kOutcome},
    {"replied on", Field::kRepliedOn},
    {"response date", Field::kRepliedOn},
    {"date of response", Field::kRepliedOn},
    {"date of 1st response", Field::kRepliedOn},
    {"date of first response", Field::kRepliedOn},
    {"date outcome", Field::kRepliedOn},
    {"outcome date", Field::kRepliedOn},
    {"reply date", Field::kRepliedOn},
    {"reason", Field::kReason},
    {"rejection reason", Field::kReason},
    {"feedback", Field::kReason},
    {"materials", Field::kMaterials},
    {"role", Field::kRole},
    {"title", Field::kRole},
    {"job title", Field::kRole},
    {"job position", Field::kRole},
    {"position", Field::kRole},
    {"job", Field::kRole},
    {"note", Field::kNote},
    {"notes", Field::kNote},
    {"comments", Field::kNote},
    {"until", Field::kUntil},
    {"follow ups", Field::kFollowUps},
    {"theme", Field::kTheme},
    {"reason theme", Field::kTheme},
    {"industry", Field::kIndustry},
    {"sector", Field::kIndustry},
    {"location", Field::kLocation},
    {"city", Field::kLocation},
    {"seniority", Field::kSeniority},
    {"level", Field::kSeniority},
    {"remote", Field::kRemote},
    {"work mode", Field::kRemote},
    {"salary", Field::kSalary},
    {"via", Field::kVia},
    {"referred by", Field::kVia},
    {"referrer", Field::kVia},
    {"introduced by", Field::kVia},
    {"introducer", Field::kVia},
};

using OutcomeEntry = std::pair<std::string_view, OutcomeWord>;
constexpr OutcomeWord kYes{OutcomeWord::Meaning::kOutcome, Outcome::kYes};
constexpr OutcomeWord kNo{OutcomeWord::Meaning::kOutcome, Outcome::kNo};
constexpr OutcomeWord kNotYet{OutcomeWord::Meaning::kOutcome, Outcome::kNotYet};
constexpr OutcomeWord kPending{OutcomeWord::Meaning::kOutcome, Outcome::kPending};
constexpr OutcomeWord kSilent{OutcomeWord::Meaning::kOutcome, Outcome::kSilent};
constexpr OutcomeWord kWithdrawn{OutcomeWord::Meaning::kOutcome, Outcome::kWithdrawn};
constexpr OutcomeWord kSkip{OutcomeWord::Meaning::kNotAnAsk, Outcome::kPending};

// Exact words (normalized). "yes" means the ask was granted: an application that led to an
// interview or an offer counts as a yes even if a later round said no. A withdrawal is the
// seeker's own decision, never the other side's no. "Ghosted" is the seeker's own verdict that no
// answer came: silent. A saved job (Wishlist, Saved, Bookmarked) was never asked: not an ask.
// The table is documented in docs/guide.md ("Other trackers").
constexpr OutcomeEntry kOutcomeWords[] = {
    {"yes", kYes},
    {"no", kNo},
    {"not yet", kNotYet},
    {"pending", kPending},
    {"silent", kSilent},
    {"withdrawn", kWithdrawn},
    {"", kPending},
    {"withdrew", kWithdrawn},
    {"i withdrew", kWithdrawn},
    {"withdraw", kWithdrawn},
    {"withdrew application", kWithdrawn},
    {"screen", kYes},
    {"screened", kYes},
    {"negotiating", kYes},
    {"negotiation", kYes},
    {"in progress", kPending},
    {"applying", kSkip},
    {"interview", kYes},
    {"interviewed", kYes},
    {"interviewing", kYes},
    {"offer", kYes},
    {"offered", kYes},
    {"accepted", kYes},
    {"accepted offer", kYes},
    {"declined offer", kYes},
    {"hired", kYes},
    {"callback", kYes},
    {"phone screen", kYes},
    {"screening", kYes},
    {"rejected", kNo},
    {"rejection", kNo},
    {"declined", kNo},
    {"not selected", kNo},
    {"position removed", kNo},
    {"role removed", kNo},
    {"position closed", kNo},
    {"closed", kNo},
    {"position filled", kNo},
    {"ghosted", kSilent},
    {"no response", kPending},
    {"no reply", kPending},
    {"applied", kPending},
    {"submitted", kPending},
    {"waiting", kPending},
    {"on hold", kNotYet},
    {"later", kNotYet},
    {"need to apply", kSkip},
    {"didn t apply", kSkip},
    {"did not apply", kSkip},
    {"not applied", kSkip},
    {"wishlist", kSkip},
    {"saved", kSkip},
    {"bookmarked", kSkip},
    {"to apply", kSkip},
    {"skip", kSkip},
};

// Free-text statuses, checked in this order when no exact word matched.
constexpr OutcomeEntry kOutcomeKeywords[] = {
    {"didn t apply", kSkip}, {"need to apply", kSkip},  {"not applied", kSkip},
    {"offer", kYes},         {"interview", kYes},       {"inter ", kYes},
    {"reject", kNo},         {"declin", kNo},           {"removed", kNo},
    {"ghost", kSilent},      {"no response", kPending}, {"withdr", kWithdrawn},
};

constexpr std::pair<std::string_view, Channel> kChannelWords[] = {
    {"cold email", Channel::kColdEmail},
    {"email", Channel::kColdEmail},
    {"e mail", Channel::kColdEmail},
    {"private email", Channel::kColdEmail},
    {"linkedin", Channel::kLinkedin},
    {"linked in", Channel::kLinkedin},
    {"referral", Channel::kReferral},
    {"referred", Channel::kReferral},
    {"job board", Channel::kJobBoard},
    {"indeed", Channel::kJobBoard},
    {"ziprecruiter", Channel::kJobBoard},
    {"glassdoor", Channel::kJobBoard},
    {"monster", Channel::kJobBoard},
    {"dice", Channel::kJobBoard},
    {"usajobs", Channel::kJobBoard},
    {"handshake", Channel::kJobBoard},
    {"ripplematch", Channel::kJobBoard},
    {"otterjobs", Channel::kJobBoard},
    {"otter jobs", Channel::kJobBoard},
    {"government jobs", Channel::kJobBoard},
    {"governmentjobs", Channel::kJobBoard},
    {"wellfound", Channel::kJobBoard},
    {"angellist", Channel::kJobBoard},
    {"simplyhired", Channel::kJobBoard},
    {"careerbuilder", Channel::kJobBoard},
    {"built in", Channel::kJobBoard},
    {"company", Channel::kCompanySite},
    {"company site", Channel::kCompanySite},
    {"company website", Channel::kCompanySite},
    {"careers page", Channel::kCompanySite},
    {"website", Channel::kCompanySite},
    {"recruiter", Channel::kRecruiter},
    {"agency", Channel::kRecruiter},
    {"headhunter", Channel::kRecruiter},
    {"event", Channel::kEvent},
    {"career fair", Channel::kEvent},
    {"job fair", Channel::kEvent},
    {"meetup", Channel::kEvent},
    {"conference", Channel::kEvent},
    {"phone", Channel::kPhone},
    {"call", Channel::kPhone},
    {"other", Channel::kOther},
    {"", Channel::kOther},
};

}  // namespace

std::string_view FieldName(Field field) {
  return field == Field::kIgnore ? "ignore" : kFieldNames[static_cast<size_t>(field)];
}

std::optional<Field> ParseField(std::string_view name) {
  const std::string wanted = Lower(Trim(name));
  if (wanted == "ignore" || wanted == "-") return Field::kIgnore;
  for (size_t i = 0; i < kFieldNames.size(); ++i) {
    if (kFieldNames[i] == wanted) return static_cast<Field>(i);
  }
  if (wanted == "company" || wanted == "organization") return Field::kOrg;
  if (wanted == "status") return Field::kOutcome;
  if (wanted == "contact") return Field::kPerson;
  return std::nullopt;
}

std::string NormalizeHeader(std::string_view header) {
  std::string out;
  for (char c : Lower(Trim(header))) {
    const bool alnum =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80;
    if (alnum) {
      out.push_back(c);
    } else if (!out.empty() && out.back() != ' ') {
      out.push_back(' ');
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::optional<Field> FieldForHeader(std::string_view normalized_header) {
  for (const Alias& alias : kAliases) {
    if (alias.header == normalized_header) return alias.field;
  }
  return std::nullopt;
}

std::optional<OutcomeWord> InterpretOutcomeWord(std::string_view text) {
  const std::string word = NormalizeHeader(text);
  for (const auto& [name, meaning] : kOutcomeWords) {
    if (name == word) return meaning;
  }
  // Keywords match from the start of a word: "inter " is the word "inter", not "winter".
  std::string padded(1, ' ');
  padded.append(word).push_back(' ');
  for (const auto& [keyword, meaning] : kOutcomeKeywords) {
    std::string needle(1, ' ');
    needle.append(keyword);
    if (padded.find(needle) != std::string::npos) return meaning;
  }
  return std::nullopt;
}

// The stage words past the screen (docs/guide.md, "Other trackers"). Screen, rejected, withdrawn
// and ghosted need no table: the application's own outcome already derives them.
constexpr std::pair<std::string_view, TrackerStage> kStageWords[] = {
    {"interview", TrackerStage::kInterview},
    {"interviewed", TrackerStage::kInterview},
    {"interviewing", TrackerStage::kInterview},
    {"offer", TrackerStage::kOffer},
    {"offered", TrackerStage::kOffer},
    {"offer received", TrackerStage::kOffer},
    {"negotiating", TrackerStage::kOffer},
    {"negotiation", TrackerStage::kOffer},
    {"accepted", TrackerStage::kOffer},
    {"accepted offer", TrackerStage::kOffer},
    {"hired", TrackerStage::kOffer},
    {"declined offer", TrackerStage::kDeclinedOffer},
};

std::optional<TrackerStage> InterpretStageWord(std::string_view text) {
  const std::string word = NormalizeHeader(text);
  for (const auto& [name, stage] : kStageWords) {
    if (name == word) return stage;
  }
  return std::nullopt;
}

bool IsSavedStageWord(std::string_view text) {
  const std::string word = NormalizeHeader(text);
  for (std::string_view saved : {"wishlist", "saved", "bookmarked", "to apply", "need to apply"}) {
    if (word == saved) return true;
  }
  return false;
}

std::optional<Channel> InterpretChannelWord(std::string_view text) {
  const std::string word = NormalizeHeader(text);
  for (const auto& [name, channel] : kChannelWords) {
    if (name == word) return channel;
  }
  for (size_t i = 0; i < kChannelNames.size(); ++i) {
    if (NormalizeHeader(kChannelNames[i]) == word) return static_cast<Channel>(i);
  }
  return std::nullopt;
}

namespace {

std::optional<int> Digits(std::string_view text, size_t min_digits, size_t max_digits) {
  if (text.size() < min_digits || text.size() > max_digits) return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

// "Oct", "october", "Sept" -> 1..12.
std::optional<int> MonthNumber(std::string_view word) {
  constexpr std::string_view kMonths[] = {"january",   "february", "march",    "april",
                                          "may",       "june",     "july",     "august",
                                          "september", "october",  "november", "december"};
  const std::string lower = Lower(word);
  if (lower.size() < 3) return std::nullopt;
  for (size_t i = 0; i < 12; ++i) {
    if (kMonths[i].starts_with(lower) || (i == 8 && lower == "sept")) {
      return static_cast<int>(i) + 1;
    }
  }
  return std::nullopt;
}

int FullYear(int year, size_t digits) { return digits == 2 ? 2000 + year : year; }

// Splits on any of `separators`, dropping empty parts.
std::vector<std::string_view> Parts(std::string_view text, std::string_view separators) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || separators.find(text[i]) != std::string_view::npos) {
      if (i > start) parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

}  // namespace

std::optional<Date> ParseTrackerDate(std::string_view raw, SlashDateOrder order) {
  const std::string_view text = Trim(raw);
  if (std::optional<Date> iso = ParseIsoDate(text)) return iso;
  // A timestamp: "2026-10-01T09:30:00Z", "2026-10-01 09:30".
  if (text.size() > 10 && (text[10] == 'T' || text[10] == ' ')) {
    if (std::optional<Date> iso = ParseIsoDate(text.substr(0, 10))) return iso;
  }
  if (text.find('/') != std::string_view::npos || text.find('.') != std::string_view::npos) {
    const bool dots = text.find('.') != std::string_view::npos;
    const std::vector<std::string_view> p = Parts(text, dots ? "." : "/");
    if (p.size() != 3) return std::nullopt;
    if (p[0].size() == 4) {  // 2026/10/01
      auto y = Digits(p[0], 4, 4), m = Digits(p[1], 1, 2), d = Digits(p[2], 1, 2);
      if (!y || !m || !d) return std::nullopt;
      return Date::FromYmd(*y, *m, *d);
    }
    auto a = Digits(p[0], 1, 2), b = Digits(p[1], 1, 2), y = Digits(p[2], 2, 4);
    if (!a || !b || !y || p[2].size() == 3) return std::nullopt;
    // Dotted dates (1.10.2026) are day first wherever they are written.
    if (dots || order == SlashDateOrder::kDayFirst) std::swap(a, b);
    return Date::FromYmd(FullYear(*y, p[2].size()), *a, *b);
  }
  // Month names: "Oct 1, 2026", "October 1 2026", "1 Oct 2026", "01-Oct-2026".
  const std::vector<std::string_view> p = Parts(text, " ,-");
  if (p.size() != 3) return std::nullopt;
  std::optional<int> month = MonthNumber(p[0]);
  std::optional<int> day = Digits(p[1], 1, 2);
  if (!month) {
    month = MonthNumber(p[1]);
    day = Digits(p[0], 1, 2);
  }
  const std::optional<int> year = Digits(p[2], 2, 4);
  if (!month || !day || !year || p[2].size() == 3) return std::nullopt;
  return Date::FromYmd(FullYear(*year, p[2].size()), *month, *day);
}

std::string_view TrackerDateForms(SlashDateOrder order) {
  return order == SlashDateOrder::kMonthFirst ? "YYYY-MM-DD, M/D/YYYY, D.M.YYYY or Oct 1, 2026"
                                              : "YYYY-MM-DD, D/M/YYYY, D.M.YYYY or 1 Oct 2026";
}

std::optional<std::string_view> InterpretRemoteWord(std::string_view text) {
  const std::string word = NormalizeHeader(text);
  for (std::string_view w : {"remote", "y", "yes", "true", "1", "fully remote"}) {
    if (word == w) return "remote";
  }
  for (std::string_view w : {"onsite", "on site", "n", "no", "false", "0", "office", "in office"}) {
    if (word == w) return "onsite";
  }
  if (word == "hybrid") return "hybrid";
  return std::nullopt;
}

}  // namespace keel
