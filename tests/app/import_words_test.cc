#include "app/import_words.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace keel {
namespace {

// The outcome a status word means, or "not an ask" / "unknown".
std::string Meaning(std::string_view word) {
  const std::optional<OutcomeWord> meaning = InterpretOutcomeWord(word);
  if (!meaning) return "unknown";
  if (meaning->meaning == OutcomeWord::Meaning::kNotAnAsk) return "not an ask";
  return std::string(Name(meaning->outcome));
}

std::string ChannelOf(std::string_view word) {
  const std::optional<Channel> channel = InterpretChannelWord(word);
  return channel ? std::string(Name(*channel)) : "unknown";
}

TEST(OutcomeWordTest, MergedCsvStatuses) {
  EXPECT_EQ(Meaning("Ghosted"), "silent");  // the seeker's own verdict that no answer came
  EXPECT_EQ(Meaning("Rejected"), "no");
  EXPECT_EQ(Meaning("Interview"), "yes");  // the application was granted an interview
  EXPECT_EQ(Meaning("Inter + Rejec"), "yes");
  EXPECT_EQ(Meaning("Offer"), "yes");
  EXPECT_EQ(Meaning("Position Removed"), "no");
}

TEST(OutcomeWordTest, JsdataStatuses) {
  EXPECT_EQ(Meaning("No response to application"), "pending");
  EXPECT_EQ(Meaning("Rejected"), "no");
  EXPECT_EQ(Meaning("Didn't apply"), "not an ask");
  EXPECT_EQ(Meaning("Didn't apply before application closed"), "not an ask");
  EXPECT_EQ(Meaning("Need to apply"), "not an ask");
  EXPECT_EQ(Meaning("Accepted offer"), "yes");
  EXPECT_EQ(Meaning("Declined offer"), "yes");  // an offer was made; the seeker declined it
}

TEST(OutcomeWordTest, KeelNamesAndBlank) {
  EXPECT_EQ(Meaning("yes"), "yes");
  EXPECT_EQ(Meaning("no"), "no");
  EXPECT_EQ(Meaning("not-yet"), "not-yet");
  EXPECT_EQ(Meaning("Not yet"), "not-yet");
  EXPECT_EQ(Meaning("silent"), "silent");
  EXPECT_EQ(Meaning("pending"), "pending");
  EXPECT_EQ(Meaning(""), "pending");
  EXPECT_EQ(Meaning("   "), "pending");
}

TEST(OutcomeWordTest, IgnoresCaseAndPunctuation) {
  EXPECT_EQ(Meaning("REJECTED"), "no");
  EXPECT_EQ(Meaning("  ghosted!! "), "silent");
  EXPECT_EQ(Meaning("didn't-apply"), "not an ask");
  EXPECT_EQ(Meaning("Phone screen"), "yes");
  EXPECT_EQ(Meaning("On hold"), "not-yet");
  EXPECT_EQ(Meaning("Wishlist"), "not an ask");
}

TEST(OutcomeWordTest, FreeTextByKeyword) {
  EXPECT_EQ(Meaning("Rejected after phone call"), "no");
  EXPECT_EQ(Meaning("2nd interview scheduled"), "yes");
  EXPECT_EQ(Meaning("got an offer!"), "yes");
  EXPECT_EQ(Meaning("ghosted after screen"), "silent");
}

// "Inter + Rejec" is read by the word "inter"; inside another word it means nothing.
TEST(OutcomeWordTest, KeywordsMatchWholeWords) {
  EXPECT_EQ(Meaning("Rejected (winter hiring freeze)"), "no");
  EXPECT_EQ(Meaning("Rejected - printer role"), "no");
}

TEST(OutcomeWordTest, UnknownWordsAreNotGuessed) {
  EXPECT_EQ(Meaning("Maybe"), "unknown");
  EXPECT_EQ(Meaning("42"), "unknown");
  EXPECT_EQ(Meaning("international"), "unknown");  // "inter" only as a word of its own
}

TEST(ChannelWordTest, MergedCsvApplicationSites) {
  EXPECT_EQ(ChannelOf("Linkedin"), "linkedin");
  EXPECT_EQ(ChannelOf("LinkedIn"), "linkedin");
  EXPECT_EQ(ChannelOf("Company"), "company-site");
  EXPECT_EQ(ChannelOf("Company Site"), "company-site");
  EXPECT_EQ(ChannelOf("ZipRecruiter"), "job-board");
  EXPECT_EQ(ChannelOf("USAJOBS"), "job-board");
  EXPECT_EQ(ChannelOf("Indeed"), "job-board");
  EXPECT_EQ(ChannelOf("Government Jobs"), "job-board");
  EXPECT_EQ(ChannelOf("Otter Jobs"), "job-board");
  EXPECT_EQ(ChannelOf("OtterJobs"), "job-board");
  EXPECT_EQ(ChannelOf("Email"), "cold-email");
  EXPECT_EQ(ChannelOf("Recruiter"), "recruiter");
}

TEST(ChannelWordTest, KeelNamesAndBlank) {
  for (std::string_view name : kChannelNames) EXPECT_EQ(ChannelOf(name), name);
  EXPECT_EQ(ChannelOf("Cold Email"), "cold-email");
  EXPECT_EQ(ChannelOf("job_board"), "job-board");
  EXPECT_EQ(ChannelOf(""), "other");
}

TEST(ChannelWordTest, UnknownWordsAreNotGuessed) {
  EXPECT_EQ(ChannelOf("Carrier pigeon"), "unknown");
  EXPECT_EQ(ChannelOf("Linkedin Premium"), "unknown");
}

TEST(HeaderTest, NormalizeHeaderLowersAndTurnsPunctuationIntoSingleSpaces) {
  EXPECT_EQ(NormalizeHeader("Response?"), "response");
  EXPECT_EQ(NormalizeHeader("Date of 1st Response"), "date of 1st response");
  EXPECT_EQ(NormalizeHeader("  Date_Sent  "), "date sent");
  EXPECT_EQ(NormalizeHeader("Easy Application?"), "easy application");
  EXPECT_EQ(NormalizeHeader("Paid? "), "paid");
  EXPECT_EQ(NormalizeHeader("--Company--Name--"), "company name");
  EXPECT_EQ(NormalizeHeader("Didn't apply"), "didn t apply");
  EXPECT_EQ(NormalizeHeader(""), "");
}

std::string FieldOf(std::string_view header) {
  const std::optional<Field> field = FieldForHeader(NormalizeHeader(header));
  return field ? std::string(FieldName(*field)) : "none";
}

TEST(HeaderTest, MergedCsvHeaders) {
  EXPECT_EQ(FieldOf("Company"), "org");
  EXPECT_EQ(FieldOf("Position"), "role");
  EXPECT_EQ(FieldOf("Application site"), "channel");
  EXPECT_EQ(FieldOf("Date sent"), "asked_on");
  EXPECT_EQ(FieldOf("Response?"), "outcome");
  EXPECT_EQ(FieldOf("Date of 1st Response"), "replied_on");
  EXPECT_EQ(FieldOf("Website"), "none");
  EXPECT_EQ(FieldOf("Days Since"), "none");
  EXPECT_EQ(FieldOf("Current Date"), "none");
}

TEST(HeaderTest, JsdataHeaders) {
  EXPECT_EQ(FieldOf("company"), "org");
  EXPECT_EQ(FieldOf("job_title"), "role");
  EXPECT_EQ(FieldOf("date_submitted"), "asked_on");
  EXPECT_EQ(FieldOf("date_outcome"), "replied_on");
  EXPECT_EQ(FieldOf("outcome"), "outcome");
  EXPECT_EQ(FieldOf("application_status"), "outcome");
  EXPECT_EQ(FieldOf("referral"), "none");
  EXPECT_EQ(FieldOf("date_posted"), "none");
}

TEST(HeaderTest, KeelHeaderNamesAreTheirOwnAliases) {
  for (int i = 0; i < kFieldCount; ++i) {
    const Field field = static_cast<Field>(i);
    EXPECT_EQ(FieldOf(FieldName(field)), FieldName(field));
  }
}

TEST(FieldTest, ParseFieldAcceptsNamesSynonymsAndIgnore) {
  EXPECT_EQ(ParseField("asked_on"), Field::kAskedOn);
  EXPECT_EQ(ParseField(" ORG "), Field::kOrg);
  EXPECT_EQ(ParseField("company"), Field::kOrg);
  EXPECT_EQ(ParseField("status"), Field::kOutcome);
  EXPECT_EQ(ParseField("contact"), Field::kPerson);
  EXPECT_EQ(ParseField("ignore"), Field::kIgnore);
  EXPECT_EQ(ParseField("-"), Field::kIgnore);
  EXPECT_EQ(ParseField("mood"), std::nullopt);
  EXPECT_EQ(FieldName(Field::kIgnore), "ignore");
  EXPECT_EQ(FieldName(Field::kFollowUps), "follow_ups");
}

// Huntr, Teal and spreadsheet stage names (docs/guide.md, "Other trackers").
TEST(OutcomeWordTest, OtherTrackersStages) {
  EXPECT_EQ(Meaning("Wishlist"), "not an ask");
  EXPECT_EQ(Meaning("Saved"), "not an ask");
  EXPECT_EQ(Meaning("Bookmarked"), "not an ask");
  EXPECT_EQ(Meaning("Applying"), "not an ask");
  EXPECT_EQ(Meaning("Applied"), "pending");
  EXPECT_EQ(Meaning("Screen"), "yes");
  EXPECT_EQ(Meaning("Interviewing"), "yes");
  EXPECT_EQ(Meaning("Interview"), "yes");
  EXPECT_EQ(Meaning("Negotiating"), "yes");
  EXPECT_EQ(Meaning("Offer"), "yes");
  EXPECT_EQ(Meaning("Accepted"), "yes");
  EXPECT_EQ(Meaning("Rejected"), "no");
  EXPECT_EQ(Meaning("Not Selected"), "no");
  EXPECT_EQ(Meaning("Declined"), "no");
  EXPECT_EQ(Meaning("Ghosted"), "silent");
  EXPECT_EQ(Meaning("No Response"), "pending");
}

TEST(OutcomeWordTest, AWithdrawalIsTheSeekersOwnNeverTheirNo) {
  EXPECT_EQ(Meaning("Withdrawn"), "withdrawn");
  EXPECT_EQ(Meaning("withdrawn"), "withdrawn");
  EXPECT_EQ(Meaning("Withdrew"), "withdrawn");
  EXPECT_EQ(Meaning("I Withdrew"), "withdrawn");
  EXPECT_EQ(Meaning("Withdrew after first round"), "withdrawn");
  EXPECT_EQ(Meaning("Archived"), "unknown");  // an error naming the value, never pending
}

TEST(HeaderAliasTest, StatusStageAndListAreTheOutcome) {
  for (std::string_view header : {"Status", "Stage", "List", "Current Stage", "Job Status"}) {
    EXPECT_EQ(FieldForHeader(NormalizeHeader(header)), Field::kOutcome) << header;
  }
  EXPECT_EQ(FieldForHeader(NormalizeHeader("Job Position")), Field::kRole);
  EXPECT_EQ(FieldForHeader(NormalizeHeader("URL")), std::nullopt);
}

std::string TrackerDate(std::string_view text, SlashDateOrder order = SlashDateOrder::kMonthFirst) {
  const std::optional<Date> date = ParseTrackerDate(text, order);
  return date ? date->ToIso() : "none";
}

TEST(TrackerDateTest, EveryFormTrackersWrite) {
  EXPECT_EQ(TrackerDate("2026-10-05"), "2026-10-05");
  EXPECT_EQ(TrackerDate(" 2026-10-05 "), "2026-10-05");
  EXPECT_EQ(TrackerDate("2026-10-05T09:30:00Z"), "2026-10-05");
  EXPECT_EQ(TrackerDate("2026-10-05 09:30"), "2026-10-05");
  EXPECT_EQ(TrackerDate("2026/10/05"), "2026-10-05");
  EXPECT_EQ(TrackerDate("10/5/2026"), "2026-10-05");
  EXPECT_EQ(TrackerDate("10/05/26"), "2026-10-05");
  EXPECT_EQ(TrackerDate("5/10/2026", SlashDateOrder::kDayFirst), "2026-10-05");
  EXPECT_EQ(TrackerDate("5.10.2026"), "2026-10-05");  // dots are day first everywhere
  EXPECT_EQ(TrackerDate("Oct 5, 2026"), "2026-10-05");
  EXPECT_EQ(TrackerDate("October 5 2026"), "2026-10-05");
  EXPECT_EQ(TrackerDate("5 Oct 2026"), "2026-10-05");
  EXPECT_EQ(TrackerDate("05-Oct-2026"), "2026-10-05");
  EXPECT_EQ(TrackerDate("Sept 5, 2026"), "2026-09-05");
}

TEST(TrackerDateTest, RefusesWhatIsNotADate) {
  for (std::string_view text : {"", "soon", "13/40/2026", "2026-02-30", "10/5/202", "Octo 5",
                                "5 Mo 2026", "1/2", "2026-10-05x"}) {
    EXPECT_EQ(TrackerDate(text), "none") << text;
  }
}

}  // namespace
}  // namespace keel
