#include "core/model.h"

#include <gtest/gtest.h>

#include <string>

namespace keel {
namespace {

TEST(ModelNamesTest, EveryKindRoundTripsThroughItsName) {
  for (size_t i = 0; i < kKindNames.size(); ++i) {
    const Kind kind = static_cast<Kind>(i);
    const Result<Kind> parsed = ParseKind(Name(kind));
    ASSERT_TRUE(parsed.ok()) << parsed.message();
    EXPECT_EQ(*parsed, kind);
  }
}

TEST(ModelNamesTest, EveryChannelRoundTripsThroughItsName) {
  for (size_t i = 0; i < kChannelNames.size(); ++i) {
    const Channel channel = static_cast<Channel>(i);
    const Result<Channel> parsed = ParseChannel(Name(channel));
    ASSERT_TRUE(parsed.ok()) << parsed.message();
    EXPECT_EQ(*parsed, channel);
  }
}

TEST(ModelNamesTest, EveryOutcomeRoundTripsThroughItsName) {
  for (size_t i = 0; i < kOutcomeNames.size(); ++i) {
    const Outcome outcome = static_cast<Outcome>(i);
    const Result<Outcome> parsed = ParseOutcome(Name(outcome));
    ASSERT_TRUE(parsed.ok()) << parsed.message();
    EXPECT_EQ(*parsed, outcome);
  }
}

TEST(ModelNamesTest, NamesAreTheOnesInTheProductSpec) {
  EXPECT_EQ(Name(Kind::kResumeReview), "resume-review");
  EXPECT_EQ(Name(Channel::kColdEmail), "cold-email");
  EXPECT_EQ(Name(Channel::kCompanySite), "company-site");
  EXPECT_EQ(Name(Outcome::kNotYet), "not-yet");
}

TEST(ModelParseTest, IgnoresCaseAndSurroundingSpaces) {
  ASSERT_TRUE(ParseKind("  Application ").ok());
  EXPECT_EQ(*ParseKind("  Application "), Kind::kApplication);
  EXPECT_EQ(*ParseChannel("LinkedIn"), Channel::kLinkedin);
  EXPECT_EQ(*ParseOutcome("NOT-YET"), Outcome::kNotYet);
}

TEST(ModelParseTest, NearMissKindSuggestsTheIntendedName) {
  const Result<Kind> kind = ParseKind("aplication", "--kind");
  ASSERT_FALSE(kind.ok());
  EXPECT_EQ(kind.message(),
            "unknown --kind 'aplication'; did you mean 'application'? (one of: chat, "
            "resume-review, referral, intro, application, interview, offer, feedback, other)");
}

TEST(ModelParseTest, NearMissChannelSuggestsTheIntendedName) {
  const Result<Channel> channel = ParseChannel("linkdin");
  ASSERT_FALSE(channel.ok());
  EXPECT_PRED_FORMAT2(::testing::IsSubstring, "did you mean 'linkedin'?", channel.message());
  EXPECT_PRED_FORMAT2(::testing::IsSubstring, "unknown channel 'linkdin'", channel.message());
  const Result<Channel> spaced = ParseChannel("cold email");
  ASSERT_FALSE(spaced.ok());
  EXPECT_PRED_FORMAT2(::testing::IsSubstring, "did you mean 'cold-email'?", spaced.message());
}

TEST(ModelParseTest, NearMissOutcomeSuggestsTheIntendedName) {
  const Result<Outcome> outcome = ParseOutcome("notyet");
  ASSERT_FALSE(outcome.ok());
  EXPECT_PRED_FORMAT2(::testing::IsSubstring, "did you mean 'not-yet'?", outcome.message());
}

TEST(ModelParseTest, FarWordGetsTheListWithoutAGuess) {
  const Result<Kind> kind = ParseKind("banana");
  ASSERT_FALSE(kind.ok());
  EXPECT_EQ(kind.message(),
            "unknown kind 'banana'; use one of: chat, resume-review, referral, intro, "
            "application, interview, offer, feedback, other");
  const Result<Channel> channel = ParseChannel("carrier pigeon");
  ASSERT_FALSE(channel.ok());
  EXPECT_PRED_FORMAT2(::testing::IsNotSubstring, "did you mean", channel.message());
  const Result<Outcome> empty = ParseOutcome("");
  ASSERT_FALSE(empty.ok());
  EXPECT_PRED_FORMAT2(::testing::IsNotSubstring, "did you mean", empty.message());
}

TEST(ModelParseTest, MessageQuotesTheTextAsTyped) {
  const Result<Kind> kind = ParseKind("  Aplication ");
  ASSERT_FALSE(kind.ok());
  EXPECT_PRED_FORMAT2(::testing::IsSubstring, "'  Aplication '", kind.message());
  EXPECT_PRED_FORMAT2(::testing::IsSubstring, "did you mean 'application'?", kind.message());
}

TEST(MaterialRefTest, ParsesNameAndVersion) {
  const Result<MaterialRef> ref = ParseMaterialRef("resume@v2");
  ASSERT_TRUE(ref.ok()) << ref.message();
  EXPECT_EQ(ref->name, "resume");
  EXPECT_EQ(ref->version, "v2");
}

TEST(MaterialRefTest, TrimsAroundNameAndVersion) {
  const Result<MaterialRef> ref = ParseMaterialRef("  cover-letter @ v1 ");
  ASSERT_TRUE(ref.ok()) << ref.message();
  EXPECT_EQ(ref->name, "cover-letter");
  EXPECT_EQ(ref->version, "v1");
}

TEST(MaterialRefTest, RequiresBothNameAndVersion) {
  for (const char* bad : {"resume", "@v2", "resume@", "resume@ ", "", "@", "resume@v2@v3"}) {
    const Result<MaterialRef> ref = ParseMaterialRef(bad);
    EXPECT_FALSE(ref.ok()) << "'" << bad << "' was accepted";
    if (!ref.ok()) {
      EXPECT_EQ(ref.message(),
                std::string("material '") + bad + "' needs a name and a version, like resume@v2");
    }
  }
}

// The CSV carries materials as a ';'-separated list of name@version: a name with ';' or ','
// could not be read back, so it must be refused like a version with one.
TEST(MaterialRefTest, RefusesListSeparatorsAnywhere) {
  for (const char* bad : {"cv;resume@v2", "cv,resume@v2", "resume@v2;pitch@v1", "resume@v2,x"}) {
    const Result<MaterialRef> ref = ParseMaterialRef(bad);
    EXPECT_FALSE(ref.ok()) << "'" << bad << "' was accepted";
    if (!ref.ok()) {
      EXPECT_PRED_FORMAT2(::testing::IsSubstring, bad, ref.message());
    }
  }
}

TEST(AskTest, PendingPastTheHorizonIsSilent) {
  Ask ask;
  ask.asked_on = *Date::FromYmd(2026, 11, 1);
  const Date today = *Date::FromYmd(2026, 11, 26);                // 25 days later
  EXPECT_EQ(ask.EffectiveOutcome(today, 25), Outcome::kPending);  // exactly H: still pending
  EXPECT_EQ(ask.EffectiveOutcome(today, 24), Outcome::kSilent);
  ask.outcome = Outcome::kNo;
  EXPECT_EQ(ask.EffectiveOutcome(today, 1), Outcome::kNo);
}

TEST(AskTest, OnlyAnswersCarryAReplyDate) {
  EXPECT_TRUE(IsReply(Outcome::kYes));
  EXPECT_TRUE(IsReply(Outcome::kNo));
  EXPECT_TRUE(IsReply(Outcome::kNotYet));
  EXPECT_FALSE(IsReply(Outcome::kPending));
  EXPECT_FALSE(IsReply(Outcome::kSilent));
}

}  // namespace
}  // namespace keel
