// The tables below were written from real exports (tests/data/real) and the column names of
// common trackers (Huntr, Teal, spreadsheets). Exact matches come first; for outcomes a few
// keyword rules catch free-text statuses such as "Inter + Rejec" or "No response to application".
#include "app/import_words.h"

#include <array>
#include <utility>

#include "core/text.h"

namespace keel {
namespace {

constexpr std::array<std::string_view, kFieldCount> kFieldNames = {
    "asked_on", "org",       "person",    "kind",   "channel", "outcome",    "replied_on",
    "reason",   "materials", "role",      "note",   "until",   "follow_ups", "theme",
    "industry", "location",  "seniority", "remote", "salary"};

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
};

using OutcomeEntry = std::pair<std::string_view, OutcomeWord>;
constexpr OutcomeWord kYes{OutcomeWord::Meaning::kOutcome, Outcome::kYes};
constexpr OutcomeWord kNo{OutcomeWord::Meaning::kOutcome, Outcome::kNo};
constexpr OutcomeWord kNotYet{OutcomeWord::Meaning::kOutcome, Outcome::kNotYet};
constexpr OutcomeWord kPending{OutcomeWord::Meaning::kOutcome, Outcome::kPending};
constexpr OutcomeWord kSilent{OutcomeWord::Meaning::kOutcome, Outcome::kSilent};
constexpr OutcomeWord kSkip{OutcomeWord::Meaning::kNotAnAsk, Outcome::kPending};

// Exact words (normalized). "yes" means the ask was granted: an application that led to an
// interview or an offer counts as a yes even if a later round said no.
constexpr OutcomeEntry kOutcomeWords[] = {
    {"yes", kYes},
    {"no", kNo},
    {"not yet", kNotYet},
    {"pending", kPending},
    {"silent", kSilent},
    {"", kPending},
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
    {"ghosted", kPending},
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
    {"didn t apply", kSkip}, {"need to apply", kSkip}, {"not applied", kSkip},    {"offer", kYes},
    {"interview", kYes},     {"inter ", kYes},         {"reject", kNo},           {"declin", kNo},
    {"removed", kNo},        {"ghost", kPending},      {"no response", kPending},
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
